import Support
import Foundation

/// Reports batch progress: a redrawn bar with counts, rate and ETA on a terminal, plain lines otherwise.
public final class ProgressReporter: @unchecked Sendable {
    // Safe to share: every mutable property is read and written only while holding `lock`.
    public enum Style: Sendable { case bar, lines, quiet }

    private let lock = NSLock()
    private let style: Style
    private let label: String
    private var total = 0, finished = 0, failed = 0, skipped = 0
    private var start = Date()
    private var lastDraw = Date.distantPast

    public init(label: String, style: Style? = nil) {
        self.label = label
        self.style = style ?? (isatty(STDERR_FILENO) == 1 ? .bar : .lines)
    }

    public func begin(total: Int) {
        lock.lock(); defer { lock.unlock() }
        self.total = total
        start = Date()
        if style == .lines { emit("\(label): \(total) items") }
    }

    public func itemFinished(_ key: String, status: ItemStatus, seconds: Double, message: String? = nil) {
        lock.lock(); defer { lock.unlock() }
        finished += 1
        if status == .failed { failed += 1 }
        if status == .skipped { skipped += 1 }
        switch style {
        case .quiet: break
        case .lines:
            var line = "[\(finished)/\(total)] \(status.rawValue) \(key)"
            if status == .done { line += String(format: " (%.2f s)", seconds) }
            if let message { line += ": \(message)" }
            emit(line)
        case .bar:
            if let message, status == .failed { emit("\r\u{1B}[2K\(key): \(message)") }
            if Date().timeIntervalSince(lastDraw) > 0.1 || finished == total { draw() }
        }
    }

    public func end() {
        lock.lock(); defer { lock.unlock() }
        if style == .bar { draw(); FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func draw() {
        lastDraw = Date()
        let elapsed = Date().timeIntervalSince(start)
        let worked = finished - skipped
        let rate = elapsed > 0 ? Double(worked) / elapsed : 0
        let eta = rate > 0 ? Double(total - finished) / rate : 0
        let width = 28
        let filled = total > 0 ? width * finished / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let text = String(format: "\r\u{1B}[2K%@ %@ %d/%d  %.1f/s  ETA %@%@", label, bar, finished, total, rate,
                          Self.clock(eta), failed > 0 ? "  \(failed) failed" : "")
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func emit(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

    public static func clock(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? String(format: "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
    }
}
