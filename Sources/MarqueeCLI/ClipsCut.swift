import ArgumentParser
import Foundation
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips

struct ClipsCut: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cut",
        abstract: "Cut the clips of a cue sheet from a replay, in one pass over the replay.",
        discussion: "Writes {id}.mp4 per cue (H.264 + AAC, moov first), clips.json (each clip's cue, actual start and end, "
            + "mode used, streams, loudness before and after) and catalog.sqlite (a re-run skips clips already made "
            + "from the same inputs).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var folder: OutputFolderOptions

    @Flag(help: "On a re-run, also compare each finished clip's content hash with the catalog's before skipping it (size and time are always compared).")
    var verify = false

    @Argument(help: ArgumentHelp("The replay video.", valueName: "replay"), completion: .file())
    var replay: String

    @Option(help: ArgumentHelp("Cue sheet: CSV, YAML or JSON (start, end or duration, title, product, price, region, language, id).", valueName: "file"),
            completion: .file(extensions: ["csv", "yaml", "yml", "json"]))
    var cues: String

    @Option(help: ArgumentHelp("copy (keyframe cut, no re-encode), smart (frame-accurate, re-encodes only around the cuts) or reencode (default: smart for source-format clips without overlays, else reencode).", valueName: "mode"))
    var mode: CutMode?

    @Option(help: "source (the replay's frame) or vertical (9:16).")
    var format: ClipFormat = .source

    @Option(help: ArgumentHelp("Vertical output size, WxH: 720x1280 or 1080x1920.", valueName: "WxH"))
    var size = "720x1280"

    @Option(help: ArgumentHelp("Target platform preset: its safe zone and text size rules apply to overlays.", valueName: "name"))
    var platform: String?

    @Option(help: ArgumentHelp("Region preset for fonts and text direction when a cue names none.", valueName: "name"))
    var region = "na"

    @Option(help: ArgumentHelp("Reframe stage for vertical clips: subject-track (default: it keeps the subject in frame "
                               + "better than centre-crop on real footage, see docs/benchmarks.md), centre-crop or blur-fit.", valueName: "plugin"))
    var reframe = "subject-track"

    @Option(help: ArgumentHelp("Overlay stages, comma-separated, or `none` (default: title-overlay for vertical clips, none for source).", valueName: "plugins"))
    var overlays: String?

    @Option(help: ArgumentHelp("Captions to burn in (SRT, replay timeline).", valueName: "file"), completion: .file(extensions: ["srt"]))
    var captions: String?

    @Option(help: ArgumentHelp("Audio track to use: 0 = the first audio stream (default: FFmpeg's best).", valueName: "n"))
    var audioTrack: Int?

    @Option(help: ArgumentHelp("Integrated loudness target in LUFS, or `off`.", valueName: "LUFS"))
    var loudness = "-14"

    @Option(help: ArgumentHelp("True-peak ceiling in dBTP.", valueName: "dBTP"))
    var truePeak = -1.5

    @Option(help: ArgumentHelp("Encoder profile preset for re-encoded video (see `marquee presets`).", valueName: "name"))
    var encoder = "x264-veryfast"

    @Option(name: .customLong("param"), help: ArgumentHelp("A plugin parameter, plugin.key=value (repeatable).", valueName: "p.k=v"))
    var params: [String] = []

    @Option(help: ArgumentHelp("Output folder.", valueName: "dir"), completion: .directory)
    var out: String

    /// The flags as a request: only their syntax is read here; `ClipJob` checks what they mean.
    func request() throws -> ClipRequest {
        var r = ClipRequest(replay: replay, cues: cues, out: out)
        (r.mode, r.format, r.size, r.encoder) = (mode, format, size, encoder)
        (r.platform, r.region, r.captions) = (platform, region, captions)
        (r.reframe, r.overlays) = (reframe, overlays.map { $0 == "none" ? [] : split($0) })
        (r.audioTrack, r.loudness, r.truePeak) = (audioTrack, loudness, truePeak)
        r.parameters = try parseParams(params)
        return r
    }

    func run() async throws {
        let startup = try Startup.load(global)
        startup.warnings.forEach(warn)
        let job = try ClipJob(try request(), presets: startup.presets, registry: startup.registry)
        let outDir = job.outDir
        try await folder.claim(outDir)
        let catalog = try RunCatalog(path: outDir.appendingPathComponent(RunCatalog.defaultName).path)
        // Frames done, the rate and the time left across the batch; on a terminal this bar replaces the runner's.
        let progress = ClipProgress(RateProgress(label: "clips", unit: "frames", style: global.json ? .quiet : nil))
        let tty = isatty(STDERR_FILENO) == 1
        let verify = verify
        let items = ClipBatch.items(job, progress: progress) { key, hash in
            (try? catalog.trustedCompletion(key: key, inputHash: hash, in: outDir, verify: verify)) != nil
        }
        let runner = BatchRunner(job: "clips cut", command: CommandLine.arguments.joined(separator: " "), outDir: outDir,
                                 catalog: catalog, concurrency: max(1, items.count),
                                 progress: ProgressReporter(label: "clips", style: tty ? .quiet : .lines), verify: verify)
        let summary = try await runner.run(items)
        progress.end()
        let inputs = inputs(job)
        var files: [String] = [], reportError: String?
        do { files = try ClipReports.write(summary, outDir: outDir, inputs: inputs) } catch {
            reportError = "cannot write the reports into \(outDir.path): \(describeSystemError(error))"
        }
        if global.json {
            try printOutput(MachineOutput(kind: "clips-summary", inputs: inputs, payload: BatchReport(summary, reports: files)))
        } else {
            print(ClipReports.text(summary, files: files))
        }
        if let reportError { throw MarqueeError.item(reportError) }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }

    /// What made these clips, for clips.json and the `--json` summary.
    func inputs(_ o: ClipJob) -> OutputInputs {
        var settings: [String: OutputValue] = [
            "mode": .string(o.mode.rawValue), "format": .string(o.format.rawValue), "encoder": .string(encoder),
            "loudness_lufs": o.loudness.integrated.map { .number($0) } ?? .string("off"),
            "true_peak_dbtp": .number(o.loudness.truePeak)]
        if o.format == .vertical { settings["width"] = .integer(o.width); settings["height"] = .integer(o.height) }
        if let audioTrack { settings["audio_track"] = .integer(audioTrack) }
        let stages = [o.reframe.map { PluginUse($0.stage.metadata, parameters: $0.parameters) }].compactMap { $0 }
            + o.overlays.map { PluginUse($0.stage.metadata, parameters: $0.parameters) }
        return OutputInputs(replay: replay, cues: cues, captions: captions, platforms: platform.map { [$0] }, regions: [region],
                            presets: RunInputs.presets(global), plugins: stages, settings: settings)
    }
}

extension CutMode: ExpressibleByArgument {}
extension ClipFormat: ExpressibleByArgument {}
