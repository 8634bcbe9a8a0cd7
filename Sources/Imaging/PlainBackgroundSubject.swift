/// The product on a plain background: where a photo's border is smooth (one colour, or a gradient),
/// the pixels that stand out from that background, and the box round them.
///
/// Product shots are mostly taken on a plain backdrop, and there libvips' attention strategy
/// (edges, skin tones, saturated colour) can settle beside the product: a dark, unsaturated pair of
/// earbuds on a light blue backdrop drew the crop to the blue, and a square cover's photo column cut
/// the earbuds in half. The background at each pixel is modelled from the border: across from the
/// left and right edges of its row, down from the top and bottom edges of its column, averaged, so
/// a gradient backdrop is background too. A photo whose border is busy (a scene, a table top) has no
/// plain background, and this finds nothing.
struct PlainBackgroundSubject {
    /// The subject's box in the sampled picture's pixels.
    let x: Int, y: Int, w: Int, h: Int

    /// Largest mean step (sum of the RGB differences, 0-765) between neighbouring border pixels of a
    /// smooth border, and the share of steps that may be sharper than `sharpStep` (noise, a shadow).
    static let smoothStep = 6.0, sharpStep = 24, sharpShare = 0.05
    /// How far (sum of RGB differences) a pixel must stand from the modelled background.
    static let standsOut = 60
    /// The subject must cover this share of the picture, and leave backdrop round it on one axis at least
    /// (a product filling 90 % of the frame both ways leaves nothing to centre).
    static let minShare = 0.01, maxSideShare = 0.9

    typealias RGB = (Int, Int, Int)

    /// `rgb`: packed 8-bit RGB, `width` pixels a row.
    init?(rgb: [UInt8], width: Int) {
        let height = width > 0 ? rgb.count / (3 * width) : 0
        guard width >= 8, height >= 8 else { return nil }
        func px(_ x: Int, _ y: Int) -> RGB {
            let i = 3 * (y * width + x)
            return (Int(rgb[i]), Int(rgb[i + 1]), Int(rgb[i + 2]))
        }
        let top = (0..<width).map { px($0, 0) }, bottom = (0..<width).map { px($0, height - 1) }
        let left = (0..<height).map { px(0, $0) }, right = (0..<height).map { px(width - 1, $0) }
        guard Self.smooth(top + right + bottom.reversed() + left.reversed()) else { return nil }
        var xs: [Int] = [], ys: [Int] = []
        for y in 0..<height {
            let fy = Double(y) / Double(height - 1)
            for x in 0..<width {
                let bg = Self.backdrop(left: left[y], right: right[y], top: top[x], bottom: bottom[x],
                                       fx: Double(x) / Double(width - 1), fy: fy)
                if Self.diff(px(x, y), bg) > Self.standsOut { xs.append(x); ys.append(y) }
            }
        }
        guard Double(xs.count) >= Self.minShare * Double(width * height) else { return nil }
        // The box of the middle 98 % of the pixels that stand out on each axis: a stray speck does not
        // stretch it.
        xs.sort(); ys.sort()
        let lo = xs.count / 100, hi = xs.count - 1 - xs.count / 100
        let (x0, x1, y0, y1) = (xs[lo], xs[hi], ys[lo], ys[hi])
        guard Double(x1 - x0 + 1) <= Self.maxSideShare * Double(width) || Double(y1 - y0 + 1) <= Self.maxSideShare * Double(height)
        else { return nil }
        (x, y, w, h) = (x0, y0, x1 - x0 + 1, y1 - y0 + 1)
    }

    /// Whether the border, walked round, steps smoothly from pixel to pixel.
    static func smooth(_ ring: [RGB]) -> Bool {
        let steps = zip(ring, ring.dropFirst()).map { diff($0, $1) }
        let sharp = steps.filter { $0 > sharpStep }.count
        return Double(steps.reduce(0, +)) / Double(steps.count) <= smoothStep && Double(sharp) <= sharpShare * Double(steps.count)
    }

    /// The backdrop modelled at a pixel `fx` across and `fy` down (0...1): across from its row's
    /// left and right border pixels and down from its column's top and bottom ones, averaged.
    static func backdrop(left: RGB, right: RGB, top: RGB, bottom: RGB, fx: Double, fy: Double) -> RGB {
        func model(_ l: Int, _ r: Int, _ t: Int, _ b: Int) -> Int {
            Int(((Double(l) * (1 - fx) + Double(r) * fx) + (Double(t) * (1 - fy) + Double(b) * fy)) / 2)
        }
        return (model(left.0, right.0, top.0, bottom.0), model(left.1, right.1, top.1, bottom.1), model(left.2, right.2, top.2, bottom.2))
    }

    /// The sum of the three channels' differences.
    static func diff(_ a: RGB, _ b: RGB) -> Int { abs(a.0 - b.0) + abs(a.1 - b.1) + abs(a.2 - b.2) }
}
