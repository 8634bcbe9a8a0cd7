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
        if style == .lines {
            FileHandle.standardError.write(Data("\(label): \(String(format: "%@  %.1f %@/s  ETA %@", counts, rate, unit, left))\n".utf8))
            return
        }
        let bare = total > 0 ? "\(done)/\(total)" : "\(done)"
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + Self.barLine(label: label, counts: [counts, bare], rate: rate, left: left,
                                                                     fraction: total > 0 ? Double(done) / Double(total) : 0,
                                                                     columns: Self.terminalColumns())).utf8))
    }

    /// One redraw of the bar, at most `columns - 1` wide (the last column would wrap on some terminals):
    /// the bar takes the room the facts leave, 10 to 40 cells. `counts`: the count with its unit, then
    /// shorter forms, tried in turn; on a terminal too narrow for any of them, the facts alone.
    static func barLine(label: String, counts: [String], rate: Double, left: String, fraction: Double, columns: Int) -> String {
        let forms = counts.map { String(format: "%@  %.1f/s  ETA %@", $0, rate, left) }
        guard let facts = forms.first(where: { columns - 1 - label.count - $0.count - 2 >= 10 }) else {
            return String("\(label) \(forms.last ?? "")".prefix(max(1, columns - 1)))
        }
        let width = min(columns - 1 - label.count - facts.count - 2, 40)
        let filled = min(width, max(0, Int(Double(width) * fraction)))
        return "\(label) " + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + " \(facts)"
    }

    static func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
