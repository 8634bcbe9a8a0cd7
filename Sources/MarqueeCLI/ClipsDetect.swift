import ArgumentParser
import Foundation
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips

struct ClipsDetect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Suggest cues from scene changes and loudness peaks; writes a cue sheet to edit and feed to `clips cut`.",
        discussion: "Each finder is a clip-finder plugin (`marquee plugins --kind clip-finder`). Writes the cue sheet (CSV, "
            + "with a note column saying why each cue is there) and, beside it, detect.json with the scene cuts and every suggestion.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var folder: OutputFolderOptions

    @Argument(help: ArgumentHelp("The replay video.", valueName: "replay"), completion: .file())
    var replay: String

    @Option(help: ArgumentHelp("Clip finders, comma-separated.", valueName: "plugins"))
    var finders = "scene,loudness-peaks"

    @Option(help: ArgumentHelp("Shortest clip to suggest, seconds.", valueName: "s"))
    var minLength = 8.0

    @Option(help: ArgumentHelp("Longest clip to suggest, seconds.", valueName: "s"))
    var maxLength = 60.0

    @Option(name: .customLong("param"), help: ArgumentHelp("A plugin parameter, plugin.key=value (repeatable).", valueName: "p.k=v"))
    var params: [String] = []

    @Option(help: ArgumentHelp("Cue sheet to write (CSV).", valueName: "file"), completion: .file(extensions: ["csv"]))
    var out: String

    /// detect.json's payload (docs/schemas/detect.schema.json), after the envelope; also what `--json` prints.
    struct Report: Encodable {
        /// The scene cuts one finder saw, in replay seconds.
        struct Cuts: Encodable { let finder: String; let at_s: [Double] }
        /// A suggested cue, with the id it has in the cue sheet.
        struct Suggestion: Encodable {
            let id: String, finder: String, reason: String
            let start_s: Double, end_s: Double, score: Double
            /// Rank among all suggestions (1 = best) and the score it comes from (`CueRanking`).
            let rank: Int, rank_score: Double
        }
        let cue_sheet: String
        let duration_s: Double, frames: Int, wall_s: Double
        let cuts: [Cuts]
        let suggestions: [Suggestion]
        let warnings: [String]
    }

    func run() async throws {
        let startup = try Startup.load(global)
        var request = DetectRequest(replay: replay, out: out)
        request.finders = split(finders)
        request.minLength = minLength
        request.maxLength = maxLength
        request.parameters = try parseParams(params)
        let job = try DetectJob(request, registry: startup.registry)
        // The cue sheet's folder is the user's, not Marquee's: the lock file there goes when the run ends.
        try await folder.claim(job.sheet.deletingLastPathComponent()).removeWhenDone()
        let started = Date()
        // Seconds of the replay read, the rate and the time left: the same bar as `clips cut` (lines when not a terminal).
        let progress = RateProgress(label: "detect", unit: "s", style: global.json ? .quiet : nil)
        let seconds = job.replay.duration
        progress.begin(total: Int(seconds.rounded(.up)))
        let result = try await ReplayAnalysis.run(job) { f in progress.update(done: Int(f * seconds)) }
        progress.update(done: Int(seconds.rounded(.up)))
        progress.end()
        var suggestions = result.finders.values.flatMap(\.suggestions).sorted { ($0.start, $0.finder) < ($1.start, $1.finder) }
        // Inside the replay as decoded (a truncated replay ends before its header says).
        suggestions = suggestions.compactMap { $0.clamped(to: result.duration) }
        suggestions = suggestions.filter { $0.end - $0.start >= min(job.limits.minimum, result.duration) - 0.001 }
        let width = max(2, String(suggestions.count).count)
        let cues = suggestions.enumerated().map { i, s in
            Cue(id: "clip-" + String(repeating: "0", count: max(0, width - String(i + 1).count)) + String(i + 1),
                start: Rounded.seconds(s.start), end: Rounded.seconds(s.end))
        }
        let ranks = CueRanking.rank(suggestions)
        let sheet = job.sheet
        try AtomicFile.write(Data(CueSheetWriter.csv(cues, notes: suggestions.map(\.reason)).utf8), to: sheet)
        let report = Report(
            cue_sheet: out, duration_s: Rounded.seconds(result.duration), frames: result.frames,
            wall_s: Rounded.seconds(Date().timeIntervalSince(started)),
            cuts: result.finders.filter { !$0.value.cuts.isEmpty }.sorted { $0.key < $1.key }
                .map { Report.Cuts(finder: $0.key, at_s: $0.value.cuts.map(Rounded.seconds)) },
            suggestions: zip(cues, zip(suggestions, ranks)).map { c, sr in
                let (s, r) = sr
                return Report.Suggestion(id: c.id, finder: s.finder, reason: s.reason, start_s: c.start, end_s: c.end,
                                         score: Rounded.ratio(s.score), rank: r.rank, rank_score: r.score)
            },
            warnings: result.warnings)
        let inputs = OutputInputs(replay: replay, presets: RunInputs.presets(global),
                                  plugins: job.finders.map { PluginUse($0.stage.metadata, parameters: $0.parameters) },
                                  settings: ["min_length_s": .number(minLength), "max_length_s": .number(maxLength)])
        let document = MachineOutput(kind: "detect", inputs: inputs, payload: report)
        let json = sheet.deletingLastPathComponent().appendingPathComponent("detect.json")
        try AtomicFile.write(try document.encoded(), to: json)
        if global.json {
            try printOutput(document)
        } else {
            let cutCount = report.cuts.map(\.at_s.count).reduce(0, +)
            print(String(format: "%d cues suggested from %@ (%@, %d frames, %d scene cuts, %.1f s)", cues.count,
                         (replay as NSString).lastPathComponent, Timecode.format(result.duration), result.frames, cutCount, report.wall_s))
            for (c, sr) in zip(cues, zip(suggestions, ranks)).prefix(12) {
                print("  \(c.id)  \(Timecode.format(c.start)) → \(Timecode.format(c.end))  #\(sr.1.rank)  \(sr.0.reason)")
            }
            if cues.count > 12 { print("  … and \(cues.count - 12) more") }
            for w in result.warnings { print("warning: \(w)") }
            print("cue sheet: \(sheet.path) (edit it, then: marquee clips cut \(replay) --cues \(out) --out DIR)")
        }
    }
}
