import Foundation
import QualityKernels
import OracleSupport

/// Makes one clip: the raw reference and distorted pair (`RawClip`), then libvmaf on the two (default,
/// phone and NEG models in one run), and loads the luma planes and the log. The scratch folder is
/// removed afterwards.
enum ClipMaker {
    static func make(_ recipe: ClipRecipe) throws -> Clip {
        let files = try RawClip.make(recipe, group: "marquee-vmaf-tests")
        defer { files.remove() }
        let models = [
            "version=vmaf_v0.6.1\\\\:name=vmaf",
            "version=vmaf_v0.6.1\\\\:enable_transform=true\\\\:name=phone",
            "version=vmaf_v0.6.1neg\\\\:name=neg",
        ].joined(separator: "|")
        let log = try OracleTools.libvmaf(inputs: files.oracleInputs, options: "n_threads=2:model=\(models)",
                                          log: files.directory.appendingPathComponent("vmaf.json"))
        let references = try recipe.pictures(files.reference).map(\.y)
        let distorted = try recipe.pictures(files.distorted).map(\.y)
        guard log.frames.count == recipe.frames else {
            throw OracleError("\(recipe.name): libvmaf scored \(log.frames.count) frames, expected \(recipe.frames)")
        }
        return Clip(name: recipe.name, references: references, distorted: distorted,
                    oracle: log.frames, pooledMeans: log.pooled.compactMapValues { $0["mean"] })
    }
}
