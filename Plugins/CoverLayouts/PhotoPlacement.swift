import Support
import Presets

/// Where a photo goes in its slot when the crop that fills the slot may cut only so much of it.
/// Filling a slot crops the photo along one axis; in a slot far wider than the photo (a square product
/// shot in the band a 9:16 cover's safe zone leaves), the crop kept a third of its height and cut the
/// product in half. The box returned keeps at least `minVisible` of the photo's extent on the cropped
/// axis: it is the slot's full length on that axis and shorter on the other, centred.
enum PhotoPlacement {
    /// The box in `slot` the photo fills: the slot itself when filling it keeps `minVisible` of the
    /// photo both ways (or `minVisible` is 0), else a centred box of the slot's length on the cropped
    /// axis and of the photo's scaled length (at least a pixel) on the other.
    static func box(photo: Size, slot: Box, minVisible: Double) -> Box {
        guard minVisible > 0, photo.width > 0, photo.height > 0, slot.w > 0, slot.h > 0 else { return slot }
        let scale = max(Double(slot.w) / Double(photo.width), Double(slot.h) / Double(photo.height))
        let keptW = Double(slot.w) / (Double(photo.width) * scale), keptH = Double(slot.h) / (Double(photo.height) * scale)
        let keep = min(minVisible, 1)
        if keptH < keep {
            // Cropped top and bottom: scale so the slot's height shows `keep` of the photo's height.
            let w = min(slot.w, max(1, Int((Double(slot.h) / keep * Double(photo.width) / Double(photo.height)).rounded())))
            return Box(x: slot.x + (slot.w - w) / 2, y: slot.y, w: w, h: slot.h)
        }
        if keptW < keep {
            let h = min(slot.h, max(1, Int((Double(slot.w) / keep * Double(photo.height) / Double(photo.width)).rounded())))
            return Box(x: slot.x, y: slot.y + (slot.h - h) / 2, w: slot.w, h: h)
        }
        return slot
    }
}
