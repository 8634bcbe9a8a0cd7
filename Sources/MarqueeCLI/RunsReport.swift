import Foundation
import Support
import Batch

/// What `marquee runs --json` prints: the `runs` document (the history) or the `run` document
/// (one run and its items); docs/schemas/runs.schema.json and run.schema.json.
enum RunsReport {
    /// A run as the history lists it.
    struct Run: Encodable, Sendable {
        let run_id: String, job: String, command: String
        /// `finished`, or `unfinished` when no end was recorded (still running, or stopped).
        let status: String
        let started_at: String
        let finished_at: String?
        let wall_s: Double?
        let total: Int, made: Int, skipped: Int, failed: Int

        init(_ r: RunInfo) {
            run_id = String(r.id); job = r.job; command = r.command
            status = r.finishedAt == nil ? "unfinished" : "finished"
            started_at = MachineOutputFormat.timestamp(Date(timeIntervalSince1970: r.startedAt))
            finished_at = r.finishedAt.map { MachineOutputFormat.timestamp(Date(timeIntervalSince1970: $0)) }
            wall_s = r.finishedAt.map { Rounded.seconds($0 - r.startedAt) }
            total = r.total; made = r.done; skipped = r.skipped; failed = r.failed
        }
    }

    /// One item of a run, as the catalog recorded it.
    struct Item: Encodable, Sendable {
        let item: String, status: String
        let files: [String]
        let started_at: String
        let wall_s: Double?
        let message: String?
        let problems: [String]

        init(_ i: RunItemInfo) {
            item = i.key; status = i.status.word; files = i.status == .failed ? [] : i.outputs
            started_at = MachineOutputFormat.timestamp(Date(timeIntervalSince1970: i.startedAt))
            wall_s = i.seconds.map(Rounded.seconds); message = i.error; problems = i.problems
        }
    }

    /// The `runs` payload: newest first, `limit` at most, of `total_runs`.
    struct History: Encodable, Sendable {
        let total_runs: Int
        let runs: [Run]
    }

    /// The `run` payload.
    struct Detail: Encodable, Sendable {
        let run: Run
        let items: [Item]
    }

    // MARK: - Text

    static func table(_ h: History, catalog: String) -> String {
        if h.runs.isEmpty { return "no runs yet in \(catalog)" }
        let header = ["RUN", "JOB", "STARTED", "WALL", "MADE", "SKIPPED", "FAILED", "COMMAND"]
        let rows = h.runs.map { r in
            [r.run_id, r.job, r.started_at, r.wall_s.map { String(format: "%.1f s", $0) } ?? r.status,
             String(r.made), String(r.skipped), String(r.failed), shortCommand(r.command)]
        }
        var out = columns([header] + rows)
        out += h.total_runs > h.runs.count ? "\nlast \(h.runs.count) of \(h.total_runs) runs in \(catalog) (--limit shows more)"
            : "\n\(h.runs.count) run\(h.runs.count == 1 ? "" : "s") in \(catalog); `marquee runs DIR RUN` lists a run's items"
        return out
    }

    static func detail(_ d: Detail) -> String {
        let r = d.run
        var lines = ["run \(r.run_id): \(r.job), started \(r.started_at), "
                     + (r.wall_s.map { String(format: "%.1f s", $0) } ?? r.status)
                     + ": \(r.made) made, \(r.skipped) skipped, \(r.failed) failed of \(r.total)",
                     "command: \(shortCommand(r.command))"]
        if d.items.isEmpty { return (lines + ["no items recorded"]).joined(separator: "\n") }
        let rows = d.items.map { i in
            [i.item, i.status, i.wall_s.map { String(format: "%.2f s", $0) } ?? "-", i.files.joined(separator: ", "),
             ([i.message].compactMap { $0 } + i.problems).joined(separator: "; ")]
        }
        lines.append(columns([["ITEM", "STATUS", "WALL", "FILES", "MESSAGE"]] + rows))
        return lines.joined(separator: "\n")
    }

    /// The command with the executable's folder left out: `marquee covers compose …`.
    static func shortCommand(_ command: String) -> String {
        guard let first = command.split(separator: " ", maxSplits: 1).first, first.contains("/") else { return command }
        return (String(first) as NSString).lastPathComponent + command.dropFirst(first.count)
    }

    /// Left-aligned columns two spaces apart; the last column is not padded.
    static func columns(_ rows: [[String]]) -> String {
        let count = rows.map(\.count).max() ?? 0
        let widths = (0..<count).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
