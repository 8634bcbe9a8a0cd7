import Foundation
import Testing

/// `clips cut` and `clips detect` progress: on a terminal (a pseudo-terminal made by `script`, 50 columns
/// wide) a bar of frames done, rate and time left that moves while the first clip is still being made
/// and never spills onto a second line; without a terminal, plain lines.
@Suite struct ClipsProgressTests {
    typealias F = ClipFixtures

    /// Runs `marquee args` in a pseudo-terminal `columns` wide; returns everything it wrote to the terminal.
    static func inTerminal(_ args: [String], columns: Int) throws -> String {
        let command = ([TestSupport.marquee.path] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let out = try F.run("/usr/bin/script", ["-qfec", "stty cols \(columns) rows 40; exec " + command.joined(separator: " "), "/dev/null"])
        return String(decoding: out.stdout, as: UTF8.self)
    }

    /// What a terminal shows, line by line: each `\r` returns to the line's start (so a redrawn bar is
    /// one line), escape sequences take no room.
    static func screenLines(_ text: String) -> [String] {
        let plain = text.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
        // By scalars: "\r\n" is one Character, so String-level splitting would miss it.
        var lines: [String] = [], segment = String.UnicodeScalarView(), longest = ""
        for scalar in plain.unicodeScalars {
            if scalar == "\n" || scalar == "\r" {
                let s = String(segment)
                if s.count > longest.count { longest = s }
                segment = String.UnicodeScalarView()
                if scalar == "\n" { lines.append(longest); longest = "" }
            } else {
                segment.append(scalar)
            }
        }
        return lines + [String(segment).count > longest.count ? String(segment) : longest]
    }

    /// The `done/total` counts of every bar drawn.
    static func counts(_ text: String, label: String, unit: String) -> [(done: Int, total: Int)] {
        let pattern = try? NSRegularExpression(pattern: "\(label) [^\r\n]*?([0-9]+)/([0-9]+)( \(unit))?  ")
        let range = NSRange(text.startIndex..., in: text)
        return (pattern?.matches(in: text, range: range) ?? []).compactMap { m in
            guard let d = Range(m.range(at: 1), in: text), let t = Range(m.range(at: 2), in: text),
                  let done = Int(text[d]), let total = Int(text[t]) else { return nil }
            return (done, total)
        }
    }

    @Test func cutShowsAFrameBarThatMovesBeforeTheClipIsDoneAndFitsFiftyColumns() throws {
        let dir = try TestSupport.tempDir("clips-progress")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try F.replay(replay, seconds: 8, size: "640x360")
        let sheet = dir.appendingPathComponent("cues.csv")
        try "id,start,end,title\nonly,1,7,One vertical clip\n".write(to: sheet, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let screen = try Self.inTerminal(["clips", "cut", replay.path, "--cues", sheet.path, "--out", out.path,
                                          "--format", "vertical"], columns: 50)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("only.mp4").path), "\(screen)")
        let bars = Self.counts(screen, label: "clips", unit: "frames")
        let partial = Set(bars.filter { $0.done > 0 && $0.done < $0.total }.map(\.done))
        print("clips progress at 50 columns: \(bars.count) bars drawn, \(partial.count) before the clip was done; "
              + "longest progress line \(Self.screenLines(screen).filter { $0.contains("ETA") }.map(\.count).max() ?? 0) columns")
        #expect(partial.count >= 3, "the bar should move while the only clip is made: \(bars)")
        #expect(bars.last.map { $0.done == $0.total && $0.total == 180 } == true, "\(bars.last.map { "\($0)" } ?? "none")")
        // Progress lines only: the summary on stdout may wrap like any text.
        let drawn = Self.screenLines(screen).filter { $0.contains("ETA") }
        #expect(!drawn.isEmpty)
        for line in drawn {
            #expect(line.count <= 50, "a line wider than the terminal wraps and stays behind: \(line)")
            #expect(line.contains("█") || line.contains("░"), "no bar at 50 columns: \(line)")
        }
    }

    @Test func withoutATerminalProgressIsPlainLines() throws {
        let dir = try TestSupport.tempDir("clips-progress-lines")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try F.replay(replay, seconds: 6, size: "320x180")
        let r = try ClipRun.cut(replay, cues: "id,start,end\na,0.5,2.5\nb,3,5\n", in: dir, ["--mode", "reencode"])
        #expect(r.run.status == 0, "\(r.run.stderr)")
        #expect(!r.run.stderr.contains("\r") && !r.run.stderr.contains("\u{1B}"), "\(r.run.stderr)")
        let lines = r.run.stderr.split(separator: "\n").filter { $0.hasPrefix("clips: ") && $0.contains(" frames ") }
        #expect(lines.count >= 2, "\(r.run.stderr)")
        #expect(lines.last?.hasPrefix("clips: 120/120 frames") == true, "\(r.run.stderr)")
    }

    @Test func detectShowsTheSameBar() throws {
        let dir = try TestSupport.tempDir("detect-progress")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try F.replay(replay, seconds: 20, size: "320x180")
        let screen = try Self.inTerminal(["clips", "detect", replay.path, "--out", dir.appendingPathComponent("cues.csv").path],
                                         columns: 50)
        let bars = Self.counts(screen, label: "detect", unit: "s")
        #expect(bars.last.map { $0.total == 20 && $0.done == 20 } == true, "\(screen)")
        for line in Self.screenLines(screen) where line.contains("ETA") {
            #expect(line.count <= 50 && line.contains("░"), "\(line)")
        }
    }
}
