internal import CVips
import Foundation

/// libvips' `attention` strategy (`smartcrop`, libvips 8.14: after smartcrop.js by Jonas Wagner),
/// the same steps through the same libvips operations, with one change: the 32x32 picture it scores
/// is made by `libvipsResize` (`resize`'s own two steps, `reducev` then `reduceh`, held in memory
/// between them: the bytes libvips' `resize` gives). Chained on demand, as `smartcrop` runs
/// them, they cost a 1152x1152 photo about 28 ms; held, about 3. The point and the window are
/// `smartcrop`'s own (checked against it in tests).
extension Image {
    /// Where `smartcrop` in `attention` mode puts a `width`x`height` window, and the point it centres
    /// it on, in this image's pixels; `nil` when libvips' own operation must run (alpha, or a side
    /// under 32 pixels, which `resize` enlarges). `sample`: this image's `attentionSample()`, when the
    /// caller has made it already.
    func attentionCrop(width: Int, height: Int, sample: Image? = nil) throws(ImagingError) -> (left: Int, top: Int, x: Int, y: Int)? {
        guard width <= self.width, height <= self.height else { return nil }
        let made = sample == nil ? try attentionSample() : nil
        guard let small = sample ?? made else { return nil }
        let hscale = 32.0 / Double(self.width), vscale = 32.0 / Double(self.height)
        let sigma = max(sqrt(pow(Double(width) * hscale, 2) + pow(Double(height) * vscale, 2)) / 10, 1)
        let (x, y) = try small.attentionPeak(sigma: sigma)
        // As C converts: the peak back in image pixels, truncated; the window centred there, clipped.
        let ax = Int(Double(x) / hscale), ay = Int(Double(y) / vscale)
        return (left: min(max(0, ax - width / 2), self.width - width), top: min(max(0, ay - height / 2), self.height - height), x: ax, y: ay)
    }

    /// The 32x32 picture attention scores (each axis scaled on its own, as `smartcrop` does), held in
    /// memory; nil when libvips' own operation must run (alpha, or a side under 32 pixels).
    func attentionSample() throws(ImagingError) -> Image? {
        guard !hasAlpha, width >= 32, height >= 32 else { return nil }
        return try libvipsResize(32.0 / Double(width), vscale: 32.0 / Double(height)).materialized()
    }

    /// `attentionCrop`, else libvips' own `smartcrop` (which premultiplies alpha and enlarges small
    /// pictures): the window's corner and the attention point, in this image's pixels.
    func attentionPlacement(width: Int, height: Int, sample: Image? = nil) throws(ImagingError) -> (left: Int, top: Int, x: Int, y: Int) {
        if let ours = try attentionCrop(width: width, height: height, sample: sample) { return ours }
        let out = try VipsOperation.call("smartcrop", ["input": .image(self), "width": .int(width), "height": .int(height),
                                                       "interesting": .string("attention")],
                                         outputs: ["out", "attention_x", "attention_y"])
        // `smartcrop` ends with `extract_area`, which records the window as negative offsets.
        let crop = try out.image()
        return (left: -crop.xOffset, top: -crop.yOffset,
                x: Int(out.numbers["attention_x"] ?? 0), y: Int(out.numbers["attention_y"] ?? 0))
    }

    /// The scoring of the attention strategy on the small picture: edges of the luminance, skin
    /// tones and saturation (the last two only where the picture is not dark), summed, blurred by
    /// `sigma`, and the position of the maximum. An sRGB picture is scored in Swift with libvips'
    /// arithmetic (`AttentionScore`); any other through libvips' operations.
    func attentionPeak(sigma: Double) throws(ImagingError) -> (x: Int, y: Int) {
        if bands == 3, interpretation == "srgb" {
            // libvips' sRGB to XYZ takes 8-bit values, casting other formats first.
            let bytes = try (format == "uchar" ? self : cast("uchar")).pixelBytes()
            return AttentionScore(rgb: bytes, width: width, height: height).peak(sigma: sigma)
        }
        return try attentionPeakByLibvips(sigma: sigma)
    }

    /// `attentionPeak` through libvips' own operations.
    func attentionPeakByLibvips(sigma: Double) throws(ImagingError) -> (x: Int, y: Int) {
        let xyz = try op("colourspace", ["in": .image(self), "space": .string("xyz")])
        let rgb = try xyz.op("extract_band", ["in": .image(xyz), "band": .int(0), "n": .int(3)])
        let luma = try rgb.op("extract_band", ["in": .image(rgb), "band": .int(1)])
        let laplace = try Self.matrix(3, 3, [0, -1, 0, -1, 4, -1, 0, -1, 0])
        let conv = try luma.op("conv", ["in": .image(luma), "mask": .image(laplace), "precision": .string("integer")])
        let scaled = try conv.op("linear", ["in": .image(conv), "a": .doubles([5]), "b": .doubles([0])])
        let edges = try scaled.op("abs", ["in": .image(scaled)])
        let normalised = try rgb.op("divide", ["left": .image(rgb), "right": .image(try rgb.magnitude())])
        let fromSkin = try normalised.op("linear", ["in": .image(normalised), "a": .doubles([1, 1, 1]), "b": .doubles([-0.78, -0.57, -0.44])])
        let distance = try fromSkin.magnitude()
        let skinScore = try distance.op("linear", ["in": .image(distance), "a": .doubles([-100]), "b": .doubles([100])])
        let lit = try luma.op("relational_const", ["in": .image(luma), "relational": .string("more"), "c": .doubles([5])])
        let zero = try VipsOperation.call("black", ["width": .int(lit.width), "height": .int(lit.height)]).image()
        let skin = try lit.op("ifthenelse", ["cond": .image(lit), "in1": .image(skinScore), "in2": .image(zero)])
        let lab = try rgb.op("colourspace", ["in": .image(rgb), "space": .string("lab")])
        let chromaA = try lab.op("extract_band", ["in": .image(lab), "band": .int(1)])
        let saturation = try lit.op("ifthenelse", ["cond": .image(lit), "in1": .image(chromaA), "in2": .image(zero)])
        let sum = try VipsOperation.call("sum", ["in": .images([edges, skin, saturation])]).image()
        let blurred = try sum.op("gaussblur", ["in": .image(sum), "sigma": .double(sigma)])
        let out = try VipsOperation.call("max", ["in": .image(blurred)], outputs: ["out", "x", "y"])
        return (x: Int(out.numbers["x"] ?? 0), y: Int(out.numbers["y"] ?? 0))
    }

    /// The per-pixel length of the bands as a vector (each band squared, summed, square root).
    private func magnitude() throws(ImagingError) -> Image {
        var squares: [Image] = []
        for b in 0..<bands {
            let band = try op("extract_band", ["in": .image(self), "band": .int(b)])
            squares.append(try band.op("multiply", ["left": .image(band), "right": .image(band)]))
        }
        let total = try VipsOperation.call("sum", ["in": .images(squares)]).image()
        return try total.op("math2_const", ["in": .image(total), "math2": .string("pow"), "c": .doubles([0.5])])
    }

    /// A `width`x`height` matrix image (a convolution mask) of `values`, row by row.
    static func matrix(_ width: Int, _ height: Int, _ values: [Double]) throws(ImagingError) -> Image {
        guard let p = values.withUnsafeBufferPointer({ vips_image_new_matrix_from_array(Int32(width), Int32(height), $0.baseAddress, Int32($0.count)) }) else {
            throw ImagingError(operation: "matrix", message: Vips.takeError())
        }
        return Image(owning: p)
    }
}
