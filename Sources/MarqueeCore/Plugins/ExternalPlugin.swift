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
        // Checked before building a range: `min > max` or a bound beyond Int would trap.
        let lo = p.min ?? (p.type == "integer" ? Double(Int.min / 2) : -.greatestFiniteMagnitude)
        let hi = p.max ?? (p.type == "integer" ? Double(Int.max / 2) : .greatestFiniteMagnitude)
        guard lo <= hi else {
            throw MarqueeError.input("parameter `\(p.name)`: min \(fmt(lo)) is above max \(fmt(hi))")
        }
        let type: ParameterType
        switch p.type {
        case "number": type = .number(lo...hi)
        case "integer":
            guard let l = Int(exactly: lo.rounded(.up)), let h = Int(exactly: hi.rounded(.down)), l <= h else {
                throw MarqueeError.input("parameter `\(p.name)`: integer bounds \(fmt(lo))…\(fmt(hi)) are out of range")
            }
            type = .integer(l...h)
        case "boolean": type = .boolean
        case "string": type = .string
        case "choice": type = .choice(p.choices ?? [])
        case "color": type = .color
        default: throw MarqueeError.input("parameter `\(p.name)` has unknown type `\(p.type)`")
        }
        // The default is stored normalised (`#e0245e` → `#E0245E`), as a user-given value would be.
        guard let normalised = ParameterSpec(p.name, type, default: p.default, doc: "").coerce(p.default) else {
            throw MarqueeError.input("parameter `\(p.name)`: default `\(p.default)` is not \(type.description)")
        }
        return ParameterSpec(p.name, type, default: normalised, doc: p.doc ?? "")
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
        let deadline = DispatchTime.now() + timeout
        let proc = Process()
        proc.executableURL = URL(fileURLWithPath: path)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        proc.standardInput = stdin
        proc.standardOutput = stdout
        proc.standardError = stderr
        let done = DispatchSemaphore(value: 0)
        proc.terminationHandler = { _ in done.signal() }
        do { try withTerminationSignalsUnblocked { try proc.run() } } catch {
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
        // A plugin that exits without reading its request must not take Marquee down with SIGPIPE.
        withoutSIGPIPE(stdin.fileHandleForWriting) {
            try? stdin.fileHandleForWriting.write(contentsOf: request + Data("\n".utf8))
        }
        try? stdin.fileHandleForWriting.close()
        if done.wait(timeout: deadline) == .timedOut {
            proc.terminate()
            _ = done.wait(timeout: .now() + 2)
            if proc.isRunning { kill(proc.processIdentifier, SIGKILL) }
            throw MarqueeError.item("\(path) did not answer within \(fmt(timeout)) s and was stopped")
        }
        // A child the plugin left running can hold the pipes open after the plugin has exited.
        if readers.wait(timeout: deadline + 2) == .timedOut {
            throw MarqueeError.item("\(path) exited but left its output open (a background process?) for over \(fmt(timeout)) s")
        }
        guard proc.terminationStatus == 0 else {
            let err = String(decoding: errBox.get(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw MarqueeError.item("\(path) exited with status \(proc.terminationStatus)\(err.isEmpty ? "" : ": \(err)")")
        }
        return outBox.get()
    }
}

/// Runs `body` (which spawns a process) with SIGTERM, SIGINT, SIGHUP and SIGQUIT unblocked in the
/// calling thread. On Linux, Foundation's `Process` gives the child the spawning thread's signal
/// mask (swift-corelibs-foundation#4772), and Dispatch and Swift concurrency threads block nearly
/// every signal: the plugin would then ignore `terminate()` and Ctrl-C. Only these four are
/// unblocked, and only for the spawn: the rest may be waited on through signalfd elsewhere.
private func withTerminationSignalsUnblocked<T>(_ body: () throws -> T) rethrows -> T {
    #if os(Linux)
    var set = sigset_t(), old = sigset_t()
    sigemptyset(&set)
    for s in [SIGTERM, SIGINT, SIGHUP, SIGQUIT] { sigaddset(&set, s) }
    pthread_sigmask(SIG_UNBLOCK, &set, &old)
    defer { pthread_sigmask(SIG_SETMASK, &old, nil) }
    #endif
    return try body()
}

/// Runs `body` (which writes to `handle`, a pipe) so that a closed reading end is a write error
/// (EPIPE) rather than a SIGPIPE that kills the process.
private func withoutSIGPIPE(_ handle: FileHandle, _ body: () -> Void) {
    #if os(Linux)
    var set = sigset_t(), old = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGPIPE)
    pthread_sigmask(SIG_BLOCK, &set, &old)
    body()
    // Discard the SIGPIPE the write raised (thread-directed, so it is pending on this thread).
    var zero = timespec(tv_sec: 0, tv_nsec: 0)
    while sigtimedwait(&set, nil, &zero) == SIGPIPE {}
    pthread_sigmask(SIG_SETMASK, &old, nil)
    #else
    _ = fcntl(handle.fileDescriptor, F_SETNOSIGPIPE, 1)
    body()
    #endif
}

/// A lock-protected buffer for a pipe's bytes read on another thread.
final class DataBox: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
