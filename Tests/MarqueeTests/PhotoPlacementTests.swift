import Support
import Presets
@testable import CoverLayouts
import Testing

/// Where a hero photo goes in its slot: the whole slot when filling it keeps enough of the photo,
/// else a centred box that keeps `minVisible` of the photo on the axis the fill would crop.
@Suite struct PhotoPlacementTests {
    /// The share of the photo's width and height a box shows when the photo fills it.
    static func kept(_ photo: Size, in box: Box) -> (w: Double, h: Double) {
        let s = max(Double(box.w) / Double(photo.width), Double(box.h) / Double(photo.height))
        return (Double(box.w) / (Double(photo.width) * s), Double(box.h) / (Double(photo.height) * s))
    }

    @Test func squarePhotoInAWideBandKeepsSeventyPercentOfItsHeight() {
        // Instagram Reels' apparel slot: 950x388 under a 9:16 cover's safe zone; filling it kept 41 %.
        let photo = Size(width: 1600, height: 1600), slot = Box(x: 65, y: 561, w: 950, h: 388)
        #expect(Self.kept(photo, in: slot).h < 0.45)
        let box = PhotoPlacement.box(photo: photo, slot: slot, minVisible: 0.7)
        #expect(box.h == slot.h && box.y == slot.y)
        #expect(box.w == 554, "388 / 0.7 = 554 px of a square photo")
        #expect(box.x - slot.x == (slot.w - box.w) / 2, "centred in its slot")
        let k = Self.kept(photo, in: box)
        #expect(abs(k.h - 0.7) < 0.005 && k.w == 1)
    }

    @Test func tallSlotCropsWidthNoFurtherThanAllowed() {
        let photo = Size(width: 3000, height: 2000), slot = Box(x: 0, y: 100, w: 400, h: 900)
        let box = PhotoPlacement.box(photo: photo, slot: slot, minVisible: 0.8)
        #expect(box.w == slot.w && box.h < slot.h && box.y - slot.y == (slot.h - box.h) / 2)
        #expect(abs(Self.kept(photo, in: box).w - 0.8) < 0.005)
    }

    @Test func slotThatKeepsEnoughIsFilledWhole() {
        // A landscape cover's photo column: 666x720 cuts 7.5 % of a square photo's width.
        let slot = Box(x: 614, y: 0, w: 666, h: 720)
        #expect(PhotoPlacement.box(photo: Size(width: 1600, height: 1600), slot: slot, minVisible: 0.7) == slot)
        // 0 turns the rule off: the slot is filled whatever the crop.
        let band = Box(x: 0, y: 0, w: 950, h: 159)
        #expect(PhotoPlacement.box(photo: Size(width: 1600, height: 1600), slot: band, minVisible: 0) == band)
        // 1 keeps the whole photo: a square photo in the band becomes a square.
        #expect(PhotoPlacement.box(photo: Size(width: 1600, height: 1600), slot: band, minVisible: 1).w == 159)
    }
}
