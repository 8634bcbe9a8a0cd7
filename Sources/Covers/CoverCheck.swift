import Foundation
import Support
import Batch
import PluginKit
import Presets

/// A finding of a cover check.
public struct Finding: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Codable, Sendable, Comparable {
        case info, warning, error
        public static func < (a: Severity, b: Severity) -> Bool {
            a.rank < b.rank
        }
        var rank: Int { switch self { case .info: 0; case .warning: 1; case .error: 2 } }
    }

    public var check: String
    public var severity: Severity
    public var message: String
    /// Index of the layer in `CoverRecord.layers` the finding is about, if any.
    public var layer: Int?
    public var box: Box?

    public init(check: String, severity: Severity, message: String, layer: Int? = nil, box: Box? = nil) {
        self.check = check; self.severity = severity; self.message = message; self.layer = layer; self.box = box
    }

    public var description: String { "\(severity.rawValue) [\(check)] \(message)" }
}

/// What a cover check receives: the cover's record, the path of its image and the platform preset.
public struct CoverCheckInput: Codable, Sendable {
    public var cover: CoverRecord
    public var image_path: String
    public var platform: PlatformPreset
    public init(cover: CoverRecord, image_path: String, platform: PlatformPreset) {
        self.cover = cover; self.image_path = image_path; self.platform = platform
    }
}

/// A `cover-check` plugin: inspects one finished cover and reports findings.
public protocol CoverCheck: PipelinePlugin {
    func check(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> [Finding]
}
