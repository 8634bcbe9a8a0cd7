import Support
import PluginKit
import Presets
import Covers

/// The regions of a cover: where the title goes, where the product goes, where price and badges go.
/// Portrait canvases stack them; landscape and square canvases put the photo beside a text column.
/// Boxes are in left-to-right coordinates; photo and column swap sides for right-to-left locales.
struct Frame {
    let header: Box
    let photo: Box
    let footer: Box
    let portrait: Bool

    init(_ c: CoverCanvas, photoShare: Double, titleFirst: Bool = true) {
        let s = c.safe
        let gap = max(12, s.h / 60)
        if c.isPortrait {
            portrait = true
            let headerH = s.h * 22 / 100
            let photoH = min(Int(Double(s.h) * photoShare), s.h - headerH - gap * 2 - s.h / 8)
            let footerH = s.h - headerH - photoH - 2 * gap
            if titleFirst {
                header = Box(x: s.x, y: s.y, w: s.w, h: headerH)
                photo = Box(x: s.x, y: header.maxY + gap, w: s.w, h: photoH)
                footer = Box(x: s.x, y: photo.maxY + gap, w: s.w, h: footerH)
            } else {
                photo = Box(x: s.x, y: s.y, w: s.w, h: photoH)
                header = Box(x: s.x, y: photo.maxY + gap, w: s.w, h: headerH)
                footer = Box(x: s.x, y: header.maxY + gap, w: s.w, h: footerH)
            }
        } else {
            portrait = false
            let photoW = c.width * 52 / 100
            let photoBox = Box(x: c.width - photoW, y: 0, w: photoW, h: c.height)
            let colRight = min(s.maxX, photoBox.x - gap)
            let col = Box(x: s.x, y: s.y, w: max(40, colRight - s.x), h: s.h)
            let headerH = col.h * 55 / 100
            header = c.mirror(Box(x: col.x, y: col.y, w: col.w, h: headerH))
            footer = c.mirror(Box(x: col.x, y: col.y + headerH + gap, w: col.w, h: col.h - headerH - gap))
            photo = c.mirror(photoBox)
        }
    }
}
