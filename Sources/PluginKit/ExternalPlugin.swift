import Foundation
import Support

/// A plugin living outside the binary: an executable named `marquee-plugin-NAME` that speaks
/// `ExternalPluginProtocol` on standard input and output. Each request runs the executable once.
/// Engines wrap it in an adapter for their kind (a cover check, say), registered with the registry.
public struct ExternalPlugin: Sendable {
    public static let prefix = "marquee-plugin-"
    public let metadata: PluginMetadata
    public let path: String
    /// How long one request may take before the plugin is stopped and the item fails.
    public var timeout: Double = 60

    /// Runs `path` with a `describe` request and builds its metadata. `kinds`: the kinds that can
    /// run out of process (those an engine registered an adapter for).
    public static func describe(path: String, kinds: [PluginKind], timeout: Double = 10) throws -> ExternalPlugin {
        let request = Data(#"{"protocol":"marquee-plugin/1","method":"describe"}"#.utf8)
        let out = try output(of: ExternalProcess.runBlocking(path, request: request, timeout: timeout), path: path)
        let d: ExternalPluginProtocol.Description
        do { d = try JSONDecoder().decode(ExternalPluginProtocol.Description.self, from: out) }
        catch { throw MarqueeError.input("`describe` answer is not a valid plugin description: \(error)") }
        guard d.protocol == ExternalPluginProtocol.version else {
            throw MarqueeError.input("speaks `\(d.protocol)`, Marquee speaks `\(ExternalPluginProtocol.version)`")
        }
        guard let kind = kinds.first(where: { $0.rawValue == d.kind }) else {
            throw MarqueeError.input("kind `\(d.kind)` cannot run out of process; kinds that can: \(kinds.map(\.rawValue).joined(separator: ", "))")
        }
        let expected = String((path as NSString).lastPathComponent.dropFirst(prefix.count))
        guard d.name == expected else {
            throw MarqueeError.input("describes itself as `\(d.name)` but is named \(prefix)\(expected)")
        }
        let params = try (d.parameters ?? []).map { try $0.spec() }
        let meta = PluginMetadata(name: d.name, kind: kind, summary: d.summary, parameters: params, origin: .external(path: path))
        return ExternalPlugin(metadata: meta, path: path)
    }

    /// Sends one request (`method` with `parameters` and `input`) and decodes the answer.
    /// Runs the executable on a thread of its own; the caller's task only waits.
    public func call<Input: Encodable & Sendable, Answer: Decodable>(
        _ method: String, parameters: PluginParameters, input: Input, answer: Answer.Type
    ) async throws -> Answer {
        let request = ExternalPluginProtocol.Request(method: method, parameters: parameters.values, input: input)
        let out = try Self.output(of: await ExternalProcess.run(path, request: try JSONEncoder().encode(request),
                                                                timeout: timeout), path: path)
        do { return try JSONDecoder().decode(Answer.self, from: out) }
        catch { throw MarqueeError.item("plugin `\(metadata.name)` answered with invalid JSON: \(error)") }
    }

    private static func output(of result: ExternalProcess.Output, path: String) throws -> Data {
        guard result.status == 0 else {
            let err = String(decoding: result.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw MarqueeError.item("\(path) exited with status \(result.status)\(err.isEmpty ? "" : ": \(err)")")
        }
        return result.stdout
    }
}
