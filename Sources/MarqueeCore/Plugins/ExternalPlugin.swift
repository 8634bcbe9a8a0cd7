import Foundation

/// A plugin living outside the binary: an executable named `marquee-plugin-NAME` that speaks
/// `ExternalPluginProtocol` on standard input and output. Each request runs the executable once.
public struct ExternalPlugin: CoverCheck {
    public static let prefix = "marquee-plugin-"
    public let metadata: PluginMetadata
    public let path: String
    /// How long one request may take before the plugin is stopped and the item fails.
    public var timeout: Double = 60

    /// Runs `path` with a `describe` request and builds its metadata.
    public static func describe(path: String, timeout: Double = 10) throws -> ExternalPlugin {
        let out = try run(path, request: Data(#"{"protocol":"marquee-plugin/1","method":"describe"}"#.utf8), timeout: timeout)
        let d: ExternalPluginProtocol.Description
        do { d = try JSONDecoder().decode(ExternalPluginProtocol.Description.self, from: out) }
        catch { throw MarqueeError.input("`describe` answer is not a valid plugin description: \(error)") }
        guard d.protocol == ExternalPluginProtocol.version else {
            throw MarqueeError.input("speaks `\(d.protocol)`, Marquee speaks `\(ExternalPluginProtocol.version)`")
        }
        guard let kind = PluginKind(rawValue: d.kind) else {
            throw MarqueeError.input("unknown kind `\(d.kind)`; kinds: \(PluginKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard kind == .coverCheck else {
            throw MarqueeError.input("kind `\(d.kind)` cannot run out of process yet; only cover-check can")
        }
        let expected = String((path as NSString).lastPathComponent.dropFirst(prefix.count))
        guard d.name == expected else {
            throw MarqueeError.input("describes itself as `\(d.name)` but is named \(prefix)\(expected)")
        }
        let params = try (d.parameters ?? []).map { try spec(from: $0, plugin: d.name) }
        let meta = PluginMetadata(name: d.name, kind: kind, summary: d.summary, parameters: params, origin: .external(path: path))
        return ExternalPlugin(metadata: meta, path: path)
    }

    private static func spec(from p: ExternalPluginProtocol.Parameter, plugin: String) throws -> ParameterSpec {
        let type: ParameterType
        switch p.type {
        case "number": type = .number((p.min ?? -.greatestFiniteMagnitude)...(p.max ?? .greatestFiniteMagnitude))
        case "integer": type = .integer(Int(p.min ?? Double(Int.min / 2))...Int(p.max ?? Double(Int.max / 2)))
        case "boolean": type = .boolean
        case "string": type = .string
        case "choice": type = .choice(p.choices ?? [])
        case "color": type = .color
        default: throw MarqueeError.input("parameter `\(p.name)` has unknown type `\(p.type)`")
        }
        let spec = ParameterSpec(p.name, type, default: p.default, doc: p.doc ?? "")
        guard spec.coerce(p.default) != nil else {
            throw MarqueeError.input("parameter `\(p.name)`: default `\(p.default)` is not \(type.description)")
        }
        return spec
    }

    public func check(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> [Finding] {
        let req = ExternalPluginProtocol.CheckRequest(parameters: parameters.values, input: input)
        let out = try Self.run(path, request: try JSONEncoder().encode(req), timeout: timeout)
        let resp: ExternalPluginProtocol.CheckResponse
        do { resp = try JSONDecoder().decode(ExternalPluginProtocol.CheckResponse.self, from: out) }
        catch { throw MarqueeError.item("plugin `\(metadata.name)` answered with invalid JSON: \(error)") }
        if let e = resp.error { throw MarqueeError.item("plugin `\(metadata.name)`: \(e)") }
        return (resp.findings ?? []).map { f in
            var f = f
            if f.check.isEmpty { f.check = metadata.name }
            return f
        }
    }

    /// Runs the executable with `request` on stdin; returns stdout. Stops it after `timeout` seconds.
    static func run(_ path: String, request: Data, timeout: Double) throws -> Data {
        let proc = Process()
        proc.executableURL = URL(fileURLWithPath: path)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        proc.standardInput = stdin
        proc.standardOutput = stdout
        proc.standardError = stderr
        let done = DispatchSemaphore(value: 0)
        proc.terminationHandler = { _ in done.signal() }
        do { try proc.run() } catch {
            throw MarqueeError.item("cannot start \(path): \(error.localizedDescription)")
        }
        let outBox = DataBox(), errBox = DataBox()
        let readers = DispatchGroup()
        for (pipe, box) in [(stdout, outBox), (stderr, errBox)] {
            readers.enter()
            DispatchQueue.global().async {
                box.set(pipe.fileHandleForReading.readDataToEndOfFile())
                readers.leave()
            }
        }
        try? stdin.fileHandleForWriting.write(contentsOf: request + Data("\n".utf8))
        try? stdin.fileHandleForWriting.close()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            proc.terminate()
            _ = done.wait(timeout: .now() + 2)
            if proc.isRunning { kill(proc.processIdentifier, SIGKILL) }
            throw MarqueeError.item("\(path) did not answer within \(Int(timeout)) s and was stopped")
        }
        readers.wait()
        guard proc.terminationStatus == 0 else {
            let err = String(decoding: errBox.get(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw MarqueeError.item("\(path) exited with status \(proc.terminationStatus)\(err.isEmpty ? "" : ": \(err)")")
        }
        return outBox.get()
    }
}

/// A lock-protected buffer for a pipe's bytes read on another thread.
final class DataBox: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
