import Foundation
import Testing
import QualityKernels
import OracleSupport

/// A generated test clip (`RawClip`): a lavfi source rendered to raw video (the reference), encoded
/// with some codec settings and decoded back (the distorted).
struct Clip: Sendable, CustomTestStringConvertible {
    let recipe: ClipRecipe
    /// Whether to also check the NEG variant (adm_enhn_gain_limit = 1).
    let checkNoEnhancement: Bool

    /// `source`: the lavfi graph, `{size}` standing for WIDTHxHEIGHT.
    init(_ name: String, _ source: String, _ width: Int = 640, _ height: Int = 360, frames: Int = 2,
         bitDepth: Int = 8, encoder: [String], neg: Bool = false) {
        recipe = ClipRecipe(name: name, source: source.replacingOccurrences(of: "{size}", with: "\(width)x\(height)"),
                            width: width, height: height, frames: frames, bitDepth: bitDepth, encoder: encoder)
        checkNoEnhancement = neg
    }

    var name: String { recipe.name }
    var frames: Int { recipe.frames }
    var testDescription: String { name }
}

/// Reference and distorted luma planes of a clip, plus its raw files.
struct ClipMedia {
    let files: RawClip
    let referenceLuma: [Plane]
    let distortedLuma: [Plane]

    /// Renders, encodes and decodes `clip` into a fresh scratch folder.
    static func make(_ clip: Clip) throws -> ClipMedia {
        let files = try RawClip.make(clip.recipe, group: "adm-tests")
        do {
            return ClipMedia(files: files, referenceLuma: try clip.recipe.pictures(files.reference).map(\.y),
                             distortedLuma: try clip.recipe.pictures(files.distorted).map(\.y))
        } catch {
            files.remove()
            throw error
        }
    }

    func remove() { files.remove() }
}
