import Foundation
import Support

/// Progress of one long piece of work measured in units (frames, seconds of video): on a terminal a
/// bar that fits its width, with the count, the rate and the time left; otherwise a line every few
/// seconds. Safe to call from any thread.
public final class RateProgress: @unchecked Sendable {
    // Safe to share: all state is read and written under `lock`.
    private let lock = NSLock()
    private let label: String
    private let unit: String
    private let style: ProgressReporter.Style
    private var total = 0
    private var done = 0
    private var start = Date()
    private var lastDraw = Date.distantPast

    public init(label: String, unit: String, style: ProgressReporter.Style? = nil) {
        self.label = label
        self.unit = unit
        self.style = style ?? (isatty(STDERR_FILENO) == 1 ? .bar : .lines)
    }

    /// `total`: the expected number of units (0 when unknown).
    public func begin(total: Int) {
        lock.lock(); defer { lock.unlock() }
        self.total = total
        start = Date()
    }

    public func update(done: Int, total: Int? = nil) {
        lock.lock(); defer { lock.unlock() }
        self.done = done
        if let total { self.total = total }
        let interval = style == .bar ? 0.1 : 5.0
        if Date().timeIntervalSince(lastDraw) >= interval { draw() }
    }

    public func end() {
        lock.lock(); defer { lock.unlock() }
        guard style != .quiet else { return }
        draw()
        if style == .bar { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func draw() {
        guard style != .quiet else { return }
        lastDraw = Date()
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 && total > done ? ProgressReporter.clock(Double(total - done) / rate) : "-"
        let counts = total > 0 ? "\(done)/\(total) \(unit)" : "\(done) \(unit)"
        let facts = String(format: "%@  %.1f %@/s  ETA %@", counts, rate, unit, left)
        if style == .lines {
            FileHandle.standardError.write(Data("\(label): \(facts)\n".utf8))
            return
        }
        let columns = Self.terminalColumns()
        let room = columns - label.count - facts.count - 4
        var line = "\(label) \(facts)"
        if room >= 10 {
            let width = min(room, 40)
            let filled = total > 0 ? min(width, width * done / total) : 0
            line = "\(label) " + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + " \(facts)"
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + String(line.prefix(max(1, columns - 1)))).utf8))
    }

    static func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
