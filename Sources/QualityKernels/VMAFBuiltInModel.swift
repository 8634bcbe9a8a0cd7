import Foundation

/// The libvmaf model files shipped with this package as resources (BSD-2-Clause-Patent,
/// Copyright Netflix, Inc.; see Models/LICENSE-vmaf).
public enum VMAFBuiltInModel: String, Sendable, CaseIterable {
    /// The default model (1080p HDTV); its score transform gives the phone score.
    case vmaf_v0_6_1 = "vmaf_v0.6.1"
    /// The default model without enhancement gain (VIF and ADM gain limited to 1).
    case vmaf_v0_6_1neg = "vmaf_v0.6.1neg"
    /// The 4K model (4KTV at 1.5H).
    case vmaf_4k_v0_6_1 = "vmaf_4k_v0.6.1"

    /// The model's JSON text.
    public func jsonData() throws -> Data {
        guard let url = Bundle.module.url(forResource: rawValue, withExtension: "json", subdirectory: "Models") else {
            throw VMAFModelError.missingResource(rawValue)
        }
        return try Data(contentsOf: url)
    }
}

extension VMAFModel {
    /// Loads one of the bundled models.
    public init(builtIn model: VMAFBuiltInModel) throws {
        try self.init(jsonData: model.jsonData())
    }

    /// Loads a model file from disk.
    public init(contentsOf url: URL) throws {
        try self.init(jsonData: Data(contentsOf: url))
    }
}
