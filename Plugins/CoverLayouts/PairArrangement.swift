import Foundation
import Presets

/// Where beauty-split's hero photo and its before/after pair go in the photo slot.
///
/// Stacked: the hero above, the pair below it, sharing the slot's height by `compare_share`. On a
/// short, wide slot (the band Instagram and Facebook Reels' safe zone leaves, 950x293 px) stacking made
/// the pair two 471x135 px strips, their labels covering 61 % of each. There the three photos stand side
/// by side in equal columns instead. The arrangement whose pair cells are nearer square wins.
/// Right-to-left locales read the row from the right: hero, before, after.
struct PairArrangement: Equatable {
    let hero: Box
    let before: Box
    let after: Box
    let sideBySide: Bool

    init(slot: Box, gap: Int, share: Double, rtl: Bool) {
        let half = gap / 2
        let pairH = Int(Double(slot.h) * share)
        let stackedCell = (w: (slot.w - half) / 2, h: pairH)
        let column = (slot.w - gap) / 3
        sideBySide = Self.squareness(column, slot.h) < Self.squareness(stackedCell.w, stackedCell.h)
        if sideBySide {
            func cell(_ i: Int) -> Box {
                // The last column ends where the slot does (the thirds' rounding left aside).
                let x = i == 2 ? slot.maxX - column : slot.x + i * (column + half)
                return Box(x: rtl ? slot.x + slot.maxX - x - column : x, y: slot.y, w: column, h: slot.h)
            }
            (hero, before, after) = (cell(0), cell(1), cell(2))
        } else {
            hero = Box(x: slot.x, y: slot.y, w: slot.w, h: slot.h - pairH - half)
            let y = hero.maxY + half
            let first = Box(x: slot.x, y: y, w: stackedCell.w, h: pairH)
            let second = Box(x: slot.maxX - stackedCell.w, y: y, w: stackedCell.w, h: pairH)
            (before, after) = rtl ? (second, first) : (first, second)
        }
    }

    /// How far a w x h cell is from square: 0 for a square, growing with the ratio either way.
    static func squareness(_ w: Int, _ h: Int) -> Double {
        guard w > 0, h > 0 else { return .infinity }
        return abs(log(Double(w) / Double(h)))
    }
}
