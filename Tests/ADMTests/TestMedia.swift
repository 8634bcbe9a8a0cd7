import Foundation
import Testing
import QualityKernels
import OracleSupport

/// A generated test clip: a lavfi source rendered to raw video (the reference), encoded with
/// some codec settings and decoded back (the distorted).
struct Clip: Sendable, CustomTestStringConvertible {
    let name: String
    /// lavfi source graph; `{size}` stands for WIDTHxHEIGHT.
    let source: String
    let width: Int
    let height: Int
    let frames: Int
    let bitDepth: Int
    /// Encoder arguments (codec, rate control, optional filters).
    let encoder: [String]
    /// Whether to also check the NEG variant (adm_enhn_gain_limit = 1).
    let checkNoEnhancement: Bool

    init(_ name: String, _ source: String, _ width: Int = 640, _ height: Int = 360, frames: Int = 2,
         bitDepth: Int = 8, encoder: [String], neg: Bool = false) {
        self.name = name
        self.source = source
        self.width = width
        self.height = height
        self.frames = frames
        self.bitDepth = bitDepth
        self.encoder = encoder
        checkNoEnhancement = neg
    }

    var testDescription: String { name }

    var recipe: ClipRecipe {
        ClipRecipe(name: name, source: source.replacingOccurrences(of: "{size}", with: "\(width)x\(height)"),
                   width: width, height: height, frames: frames, bitDepth: bitDepth, encoder: encoder)
    }
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
