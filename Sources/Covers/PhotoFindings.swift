import Foundation
import Presets

/// Warnings about the photos a cover was made from, recorded with the cover's check findings (in
/// covers.json and on the contact sheet): a damaged photo used with `--lenient`, and a photo too
/// small for its slot, which comes out as a blurred or solid block.
enum PhotoFindings {
    static func findings(_ photos: ProductPhotos, layers: [CoverLayer], category: CategoryPreset) -> [Finding] {
        var found = photos.warnings.map { Finding(check: "photo", severity: .warning, message: $0) }
        for (index, layer) in layers.enumerated() where layer.kind == "photo" {
            guard let image = photos.image(forRole: layer.role), image.width > 0, image.height > 0 else { continue }
            let slot = layer.slot ?? layer.box
            let slotShort = min(slot.w, slot.h)
            let minimum = minimumShortSide(role: layer.role, slotShort: slotShort, category: category)
            let short = min(image.width, image.height)
            guard short < minimum else { continue }
            let enlarged = max(Double(layer.box.w) / Double(image.width), Double(layer.box.h) / Double(image.height))
            found.append(Finding(
                check: "photo-size", severity: .warning,
                message: "the \(layer.role) photo is \(image.width)x\(image.height) pixels, enlarged \(String(format: "%.1f", enlarged))× "
                    + "into its \(slot.w)x\(slot.h) slot; below the \(minimum)-pixel minimum for this slot, so it looks blurred or blocky. "
                    + "Use a photo at least \(minimum) pixels on its short side",
                layer: index, box: layer.box))
        }
        return found
    }

    /// The shortest useful short side of a photo in a slot: the category's `product_slot.min_short_side`
    /// for the hero photo (at most the slot's own short side), half the slot's short side for the others
    /// (enlarged more than 2×, any photo looks soft).
    static func minimumShortSide(role: String, slotShort: Int, category: CategoryPreset) -> Int {
        guard role == "hero" else { return max(1, slotShort / 2) }
        return max(1, min(category.product_slot.min_short_side, slotShort))
    }
}
