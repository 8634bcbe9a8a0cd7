/// The grey pixels of one text region as the legibility check hands them to Tesseract when the usual
/// crop reads nothing sure: the region itself with a little margin, then framed in its own background
/// grey (the median of its border).
/// Cropping a wider margin from the cover brought in what surrounds the text, and where that is a
/// panel's edge over a light photo, Tesseract's global threshold split panel from photo instead of
/// letters from panel and read nothing (a white Arabic title on its dark panel: 0 % at full size).
struct ReadingPatch {
    let bytes: [UInt8]
    let width: Int
    let height: Int

    init(framing grey: [UInt8], width w: Int, height h: Int, frame: Int) {
        precondition(grey.count == w * h, "grey pixels: one byte per pixel")
        var border: [UInt8] = []
        if w > 0 && h > 0 {
            for x in 0..<w { border.append(grey[x]); border.append(grey[(h - 1) * w + x]) }
            for y in 0..<h { border.append(grey[y * w]); border.append(grey[y * w + w - 1]) }
        }
        border.sort()
        let ground = border.isEmpty ? 255 : border[border.count / 2]
        width = w + 2 * frame; height = h + 2 * frame
        var out = [UInt8](repeating: ground, count: width * height)
        for y in 0..<h {
            let to = (y + frame) * width + frame
            out.replaceSubrange(to..<(to + w), with: grey[(y * w)..<(y * w + w)])
        }
        bytes = out
    }
}
