import Foundation
import Support

/// Runs an external plugin's executable once: writes the request to its standard input and
/// collects standard output and error until it exits, within a deadline.
///
/// All blocking work happens on one dedicated thread per call (never on a Swift concurrency
/// thread): the thread writes the request, then polls both pipes until they close or the deadline
/// passes, so a plugin that hangs, or leaves a background child holding its pipes, strands nothing.
enum ExternalProcess {
    struct Output: Sendable {
        var stdout: Data
        var stderr: Data
        var status: Int32
    }

    static func run(_ path: String, request: Data, timeout: Double) async throws -> Output {
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<Output, any Error>) in
            let thread = Thread {
                do { cont.resume(returning: try runBlocking(path, request: request, timeout: timeout)) }
                catch { cont.resume(throwing: error) }
            }
            thread.name = "marquee-plugin"
            thread.start()
        }
    }

    /// The blocking body of `run`; only called on a thread of its own (or from a synchronous caller).
    static func runBlocking(_ path: String, request: Data, timeout: Double) throws -> Output {
        let deadline = Date().addingTimeInterval(timeout)
        let proc = Process()
        proc.executableURL = URL(fileURLWithPath: path)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        proc.standardInput = stdin
        proc.standardOutput = stdout
        proc.standardError = stderr
        do { try withTerminationSignalsUnblocked { try proc.run() } } catch {
            throw MarqueeError.item("cannot start \(path): \(error.localizedDescription)")
        }
        // A plugin that exits without reading its request must not take Marquee down with SIGPIPE.
        withoutSIGPIPE {
            try? stdin.fileHandleForWriting.write(contentsOf: request + Data("\n".utf8))
        }
        try? stdin.fileHandleForWriting.close()
        let collected = PipeCollector(stdout.fileHandleForReading.fileDescriptor,
                                      stderr.fileHandleForReading.fileDescriptor).collect(until: deadline)
        if !collected.closed {
            let exited = !proc.isRunning
            stop(proc)
            throw MarqueeError.item(exited
                ? "\(path) exited but left its output open (a background process?) for over \(fmt(timeout)) s"
                : "\(path) did not answer within \(fmt(timeout)) s and was stopped")
        }
        proc.waitUntilExit()
        return Output(stdout: collected.data[0], stderr: collected.data[1], status: proc.terminationStatus)
    }

    private static func stop(_ proc: Process) {
        guard proc.isRunning else { return }
        proc.terminate()
        let until = Date().addingTimeInterval(2)
        while proc.isRunning && Date() < until { usleep(20_000) }
        if proc.isRunning { kill(proc.processIdentifier, SIGKILL) }
    }
}

/// Reads two pipes to their end with poll(2), on the calling thread, until a deadline.
struct PipeCollector {
    let fds: [Int32]
    init(_ a: Int32, _ b: Int32) { fds = [a, b] }

    /// `closed` is false when the deadline passed before both pipes reached end of file.
    func collect(until deadline: Date) -> (data: [Data], closed: Bool) {
        var data = [Data(), Data()]
        var open = [true, true]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while open.contains(true) {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return (data, false) }
            var polls = fds.enumerated().map { i, fd in pollfd(fd: open[i] ? fd : -1, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polls, nfds_t(polls.count), Int32(min(left, 1) * 1000) + 1)
            if ready < 0 && errno != EINTR { return (data, false) }
            for i in 0..<2 where open[i] && polls[i].revents != 0 {
                let n = read(fds[i], &buffer, buffer.count)
                if n > 0 { data[i].append(contentsOf: buffer[0..<n]) } else if n == 0 || errno != EINTR { open[i] = false }
            }
        }
        return (data, true)
    }
}

/// Runs `body` (which spawns a process) with SIGTERM, SIGINT, SIGHUP and SIGQUIT unblocked in the
/// calling thread. On Linux, Foundation's `Process` gives the child the spawning thread's signal
/// mask (swift-corelibs-foundation#4772), and Dispatch and Swift concurrency threads block nearly
/// every signal: the plugin would then ignore `terminate()` and Ctrl-C. Only these four are
/// unblocked, and only for the spawn.
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

/// Runs `body` (which writes to a pipe) so that a closed reading end is a write error (EPIPE)
/// rather than a SIGPIPE that kills the process.
private func withoutSIGPIPE(_ body: () -> Void) {
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
    signal(SIGPIPE, SIG_IGN)
    body()
    #endif
}
