import Presets

/// Where the ink of a word Tesseract found really is, measured in the picture's own grey pixels.
///
/// Plain text is drawn in one flat colour: inside its strokes a pixel equals its four neighbours.
/// Over a busy photograph Tesseract's binarisation glues fur, grass or coin edges to the glyphs, so
/// its word boxes grow far past the letters (scikit-image's `chelsea`: a 90 px title read with
/// 220 px boxes). Here the word's ink is the commonest grey among its flat pixels; the box is cut
/// to the rows that carry a real share of that ink, and the share
/// of the tightened box that ink covers says whether the "word" is text at all: strokes of one
/// flat colour fill a fifth to a half of their box, texture read as letters a few percent. On a panel
/// or a pill the commonest flat grey is the ground, filling whole rows of the box, and the ink is
/// looked for beside it (session 18: a price on a two-tone panel had its box cut to one tone's rows).
struct InkBox: Equatable {
    /// The word's ink extent, in the picture's pixels.
    var box: Box
    /// Share of `box` covered by the flat ink colour (0…1).
    var share: Double

    /// Neighbours within this many grey levels count as one flat colour (JPEG keeps stroke cores
    /// within ±3 of their colour).
    static let flatTolerance = 3
    /// Pixels within this many grey levels of the ink colour are ink.
    static let inkTolerance = 8
    /// Rows carrying this share of the fullest row's ink form the text's core band…
    static let coreRowShare = 0.25
    /// …which grows outward over rows carrying at least this share (ascenders, descenders, dots).
    static let edgeRowShare = 0.06
    /// Where the commonest flat grey is ground (a panel, `FlatGreys`), the grey beside it is the ink
    /// if its flat pixels cover this share of the box; else the commonest grey stays the ink.
    static let minAltShare = 0.1
    /// A Latin word's ink cut to less than this share of Tesseract's word box (whose height is its
    /// glyphs', or twice that with texture glued on) is a sliver of ground, not the letters. (Thai words'
    /// marks stand far above and below their letters' bodies: the rule is not for them.)
    static let minHeightShare = 0.35
    /// …and then the grey beside that ground is the ink if its flat pixels cover this share of the box
    /// (thin white letters on a dark pill: 7 %).
    static let sliverAltShare = 0.05
    /// …where that ground fills this share of a row of the box (a pill's end takes a tenth or two).
    static let sliverGroundRowShare = 0.75

    /// The ink box of `box` in `grey` (8-bit, `width` x `height`, row-major), measured twice: the
    /// first cut can be led by a flat background (a photo's black border, a white sky) that fills
    /// more of Tesseract's loose box than the letters do; inside the first cut the letters dominate.
    /// Ink found beside a panel's ground is kept for the second cut: inside the letters' rows the
    /// panel fills no row, yet it still has more flat pixels than the letters.
    /// Nil when the box holds no flat colour at all (pure texture) or is too small to measure.
    static func tightened(_ grey: [UInt8], width: Int, height: Int, box: Box, latin: Bool = false) -> InkBox? {
        guard let (cut, ground) = twoCuts(grey, width: width, height: height, box: box) else { return nil }
        guard latin, ground == nil, Double(cut.box.h) < minHeightShare * Double(box.h) else { return cut }
        // A sliver: the commonest grey was a pill's ground that fills no row of the box to 90 % (the word
        // reaches its rounded end), cut to the pill's rows under the letters. If it fills one to 75 %
        // (letters never do; fur glued to a word does not), the grey beside it, taller, is the ink.
        let b = box.intersection(Box(x: 0, y: 0, w: width, h: height))
        guard let other = FlatGreys(grey, width: width, box: b).inkBesideGround(minShare: sliverAltShare, groundRowShare: sliverGroundRowShare),
              let again = twoCuts(grey, width: width, height: height, box: box, keeping: other)?.ink,
              again.box.h > cut.box.h else { return cut }
        return again
    }

    /// `measure` over `box`, then again over the ink it found, keeping the grey found beside a ground
    /// (or the one given); that grey is returned with the ink.
    static func twoCuts(_ grey: [UInt8], width: Int, height: Int, box: Box, keeping: Int? = nil) -> (ink: InkBox, besideGround: Int?)? {
        guard let first = measure(grey, width: width, height: height, box: box, keeping: keeping) else { return nil }
        let ink = measure(grey, width: width, height: height, box: first.ink.box, keeping: first.besideGround)?.ink ?? first.ink
        return (ink, first.besideGround)
    }

    /// One measurement of `box`: see `tightened`. Where the commonest flat grey is ground (`FlatGreys`),
    /// the ink is the other grey it names, if that covers `minAltShare` of the box; `besideGround` is
    /// that grey. With `keeping`, that grey is the ink.
    static func measure(_ grey: [UInt8], width: Int, height: Int, box: Box,
                        keeping: Int? = nil) -> (ink: InkBox, besideGround: Int?)? {
        let b = box.intersection(Box(x: 0, y: 0, w: width, h: height))
        guard b.w >= 3, b.h >= 3, grey.count >= width * height else { return nil }
        let greys = FlatGreys(grey, width: width, box: b)
        let other = keeping ?? greys.inkBesideGround()
        return cut(greys.mask(other ?? greys.commonest), box: b).map { ($0, other) }
    }

    /// The box cut to the rows carrying `ink`, and the share of it `ink` covers.
    static func cut(_ ink: [Bool], box b: Box) -> InkBox? {
        var rows = [Int](repeating: 0, count: b.h)
        for y in 0..<b.h { for x in 0..<b.w where ink[y * b.w + x] { rows[y] += 1 } }
        guard let fullest = rows.max(), fullest > 0,
              let band = band(rows, core: Double(fullest) * coreRowShare, edge: max(1, Double(fullest) * edgeRowShare)) else { return nil }
        // Only the rows are cut: a flat background can be the commonest flat grey, and its columns
        // would cut a glyph's stem off a word's side (Tesseract's sides are right; its glued texture
        // sits above and below the letters).
        var inked = 0
        for y in band { for x in 0..<b.w where ink[y * b.w + x] { inked += 1 } }
        let tight = Box(x: b.x, y: b.y + band.lowerBound, w: b.w, h: band.count)
        return InkBox(box: tight, share: Double(inked) / Double(tight.area))
    }

    /// The rows from the first to the last carrying `core` ink, grown outward while rows carry `edge`.
    static func band(_ rows: [Int], core: Double, edge: Double) -> ClosedRange<Int>? {
        guard var top = rows.firstIndex(where: { Double($0) >= core }),
              var bottom = rows.lastIndex(where: { Double($0) >= core }) else { return nil }
        while top > 0, Double(rows[top - 1]) >= edge { top -= 1 }
        while bottom < rows.count - 1, Double(rows[bottom + 1]) >= edge { bottom += 1 }
        return top...bottom
    }
}
