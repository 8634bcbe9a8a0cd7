import Foundation
import Support
import Presets
import Batch
import PluginKit

/// A `cover-check` run out of process: the `check` method of the external-plugin protocol with a
/// `CoverCheckInput`, answered by findings or an error (docs/plugin-protocol.md).
public struct ExternalCoverCheck: CoverCheck {
    public static let metadata = PluginMetadata(
        name: "external-cover-check", kind: .coverCheck,
        summary: "a cover check run by a marquee-plugin-NAME executable (its own description is the instance's metadata)")
    public var plugin: ExternalPlugin
    public var metadata: PluginMetadata { plugin.metadata }

    public init(_ plugin: ExternalPlugin) { self.plugin = plugin }

    /// The answer to a `check` request. `error` set means the plugin could not check this cover.
    struct Answer: Decodable {
        var findings: [Finding]?
        var error: String?
    }

    public func check(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> [Finding] {
        let answer = try await plugin.call("check", parameters: parameters, input: input, answer: Answer.self)
        if let e = answer.error { throw MarqueeError.item("plugin `\(metadata.name)`: \(e)") }
        return (answer.findings ?? []).map { f in
            var f = f
            if f.check.isEmpty { f.check = metadata.name }
            return f
        }
    }
}
