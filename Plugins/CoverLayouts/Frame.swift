import Support
import PluginKit
import Presets
import Covers

/// The regions of a cover: where the title goes, where the product goes, where price and badges go.
/// Portrait canvases stack them; landscape and square canvases put the photo beside a text column.
/// Boxes are in left-to-right coordinates; photo and column swap sides for right-to-left locales.
struct Frame {
    let header: Box
    /// The photo's box: its slot, or where the photo was placed in it (`placing(photo:)`).
    private(set) var photo: Box
    /// The slot the frame gave the photo.
    let photoSlot: Box
    let footer: Box
    let portrait: Bool

    /// The frame with the photo's box where the photo was placed in its slot (see `PhotoPlacement`).
    func placing(photo placed: Box) -> Frame {
        var f = self
        f.photo = placed
        return f
    }

    /// `titleNeed(width)`: the height the header's text needs at the smallest readable size when it
    /// is `width` wide; the header grows to it (up to 40 % of the safe height on portrait canvases,
    /// 75 % of the text column on others) so a title is shortened only when the canvas has no room.
    /// `footerNeed`: the footer's height for its lines at the smallest readable size; the photo (on
    /// portrait canvases, down to 30 % of the safe height) or the header (on others) gives it room.
    init(_ c: CoverCanvas, photoShare: Double, titleFirst: Bool = true, footerNeed: Int = 0, titleNeed: (Int) -> Int = { _ in 0 }) {
        let s = c.safe
        let gap = max(12, s.h / 60)
        if c.isPortrait {
            portrait = true
            let headerH = max(s.h * 22 / 100, min(titleNeed(c.textArea.w), s.h * 40 / 100))
            let photoH = max(s.h * 30 / 100, min(Int(Double(s.h) * photoShare), s.h - headerH - gap * 2 - max(s.h / 8, footerNeed)))
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
            let headerH = max(min(col.h * 55 / 100, col.h - gap - footerNeed), min(titleNeed(col.intersection(c.textArea).w), col.h * 75 / 100))
            header = c.mirror(Box(x: col.x, y: col.y, w: col.w, h: headerH))
            footer = c.mirror(Box(x: col.x, y: col.y + headerH + gap, w: col.w, h: col.h - headerH - gap))
            photo = c.mirror(photoBox)
        }
        photoSlot = photo
    }
}
