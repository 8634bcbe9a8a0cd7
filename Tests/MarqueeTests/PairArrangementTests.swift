import Presets
@testable import CoverLayouts
import Testing

/// Where beauty-split puts its hero and before/after pair, and how big food-closeup's inset frame is,
/// on the slots the platforms' safe zones leave.
@Suite struct PairArrangementTests {
    static let reelsBand = Box(x: 65, y: 269, w: 950, h: 293)

    @Test func shortWideSlotPutsTheThreePhotosSideBySide() {
        let a = PairArrangement(slot: Self.reelsBand, gap: 16, share: 0.45, rtl: false)
        #expect(a.sideBySide)
        #expect([a.hero, a.before, a.after].allSatisfy { $0.h == 293 && $0.w == 311 && Self.reelsBand.contains($0) })
        #expect(a.hero.x == 65 && a.before.x == a.hero.maxX + 8 && a.after.maxX == Self.reelsBand.maxX,
                "hero, before, after from the left: \(a)")
        // Stacked, the pair was two 471x135 strips: 3.5 times as wide as tall.
        #expect(PairArrangement.squareness(311, 293) < 0.1 && PairArrangement.squareness(471, 135) > 1.2)
    }

    @Test func rightToLeftReadsTheRowFromTheRight() {
        let ltr = PairArrangement(slot: Self.reelsBand, gap: 16, share: 0.45, rtl: false)
        let rtl = PairArrangement(slot: Self.reelsBand, gap: 16, share: 0.45, rtl: true)
        #expect(rtl.hero.maxX == Self.reelsBand.maxX && rtl.after.x == Self.reelsBand.x)
        #expect(rtl.before == Box(x: Self.reelsBand.x + Self.reelsBand.maxX - ltr.before.maxX, y: ltr.before.y, w: ltr.before.w, h: ltr.before.h))
    }

    @Test func tallSlotStacksTheHeroAboveThePair() {
        // TikTok's photo slot: stacking gives 430x308 px pair photos; a row would give 284x684.
        let slot = Box(x: 60, y: 511, w: 870, h: 684)
        let a = PairArrangement(slot: slot, gap: 20, share: 0.45, rtl: false)
        #expect(!a.sideBySide)
        #expect(a.hero == Box(x: 60, y: 511, w: 870, h: 684 - 307 - 10))
        #expect(a.before == Box(x: 60, y: a.hero.maxY + 10, w: 430, h: 307) && a.after.maxX == slot.maxX && a.after.y == a.before.y)
        let rtl = PairArrangement(slot: slot, gap: 20, share: 0.45, rtl: true)
        #expect(rtl.before == a.after && rtl.after == a.before && rtl.hero == a.hero)
    }

    @Test func insetTakesTheBandsHeightWhenHalfOfItWouldBeTooSmall() {
        // Reels: half the band's 293 px would give a 146 px frame where the share asks 399 px.
        #expect(FoodCloseup.insetSide(Self.reelsBand, share: 0.42) == 293)
        // TikTok's taller area: half its height (343) is near the share's 365 px: the discount fits above.
        #expect(FoodCloseup.insetSide(Box(x: 60, y: 490, w: 870, h: 686), share: 0.42) == 343)
        // A narrow column (square canvases): the share of its width.
        #expect(FoodCloseup.insetSide(Box(x: 360, y: 30, w: 360, h: 690), share: 0.42) == 151)
    }
}
