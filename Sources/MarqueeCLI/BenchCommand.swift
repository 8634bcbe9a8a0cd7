import ArgumentParser
import Batch
import Bench
import Foundation
import Support

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Bitrate benchmark: encoder profiles × resolutions × bitrates, scored against the source, with ladders per region.",
        subcommands: [BenchRun.self, BenchCompare.self], defaultSubcommand: BenchRun.self)
}

struct BenchRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Encode every rung, score it and write results.csv, results.json, ladders.json and index.html.",
        discussion: """
        Each rung scales the source, encodes it with an encoder-profile plugin (settings from presets/encoders/), \
        decodes it and scales it back to the source size; PSNR and SSIM are measured (VMAF default and phone when \
        the vmaf plugin is registered). The source is decoded once and fed to all rungs. Long sources are sampled \
        (several short stretches spread over the file); --full uses every frame. Points that cannot be measured \
        (an encoder missing from FFmpeg, a resolution above the source…) are listed in the report with why. \
        The run is recorded in DIR/catalog.sqlite; `marquee bench compare DIR#1 DIR#2` shows what changed.
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var folder: OutputFolderOptions

    @Argument(help: ArgumentHelp("The source video.", valueName: "source"), completion: .file())
    var source: String

    @Option(help: ArgumentHelp("Encoder presets, comma-separated (default: every preset in presets/encoders/).", valueName: "names"))
    var encoders: String?

    @Option(help: ArgumentHelp("Rung heights (default: 1080,720,540,360).", valueName: "heights"))
    var resolutions: String?

    @Option(help: ArgumentHelp("Target bitrates (default: 200k,400k,800k,1500k,3000k,6000k).", valueName: "list"))
    var bitrates: String?

    @Option(help: ArgumentHelp("Region presets for ladders (default: every region with a network profile).", valueName: "names"))
    var regions: String?

    @Option(help: ArgumentHelp("Folder for the results and the report.", valueName: "dir"), completion: .directory)
    var out: String

    @Flag(help: "Encode every frame instead of samples.")
    var full = false

    @Option(help: ArgumentHelp("Number of samples (default: one per minute, 3 to 12).", valueName: "N"))
    var samples: Int?

    @Option(help: ArgumentHelp("Length of each sample in seconds.", valueName: "s"))
    var sampleSeconds = 6.0

    @Option(help: ArgumentHelp("Profile the BD-rates are against (default: the first H.264 one at a target bitrate).", valueName: "name"))
    var baseline: String?

    @Option(help: ArgumentHelp("Quality for curves and ladders: vmaf, psnr or ssim (default: vmaf when available, else psnr).", valueName: "metric"))
    var metric: String?

    @Option(help: ArgumentHelp("BD-rate interpolation: pchip or cubic.", valueName: "name"))
    var interpolation = "pchip"

    @Option(help: ArgumentHelp("Rungs working at once (default: the machine's cores).", valueName: "N"))
    var threads: Int?

    @Option(name: .customLong("memory-mb"), help: ArgumentHelp("Memory for the encoders of one decoding pass, MB.", valueName: "MB"))
    var memoryMB = 6000

    @Option(help: ArgumentHelp("Seed of the playback simulation.", valueName: "N"))
    var seed: UInt64 = 1

    func run() async throws {
        let startup = try Startup.load(global)
        startup.warnings.forEach(warn)
        let job = try BenchJobBuilder(command: self, startup: startup).build()
        try await folder.claim(URL(fileURLWithPath: out))
        let progress = RateProgress(label: "bench", unit: "frames", style: global.json ? .quiet : nil)
        let measured = try await BenchPass.run(job, progress: progress)
        let run = Bench.BenchRun(job: job, measurements: measured)
        let dir = URL(fileURLWithPath: out)
        let presets = RunInputs.presets(global)
        let runID: Int64
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try BenchReport.write(run, presets: presets, to: dir)
            let catalog = try RunCatalog(path: dir.appendingPathComponent(RunCatalog.defaultName).path)
            runID = try BenchCatalog.store(run, in: catalog, command: CommandLine.arguments.joined(separator: " "))
        } catch let e as MarqueeError { throw e } catch {
            throw MarqueeError.item("cannot write the report into \(out): \(describeSystemError(error))")
        }
        if global.json {
            FileHandle.standardOutput.write(try BenchReport.resultsJSON(run, presets: presets))
        } else {
            print(BenchSummary.text(run, out: out, runID: runID))
        }
        if measured.points.isEmpty { throw MarqueeError.item("no point could be measured; see \(out)/index.html") }
    }
}

struct BenchCompare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Show what changed between two bench runs: points, BD-rates, ladders.",
        discussion: "A run is a bench --out folder (its latest run) or DIR#ID (a run id from its catalog).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The earlier run.", valueName: "run-a"))
    var runA: String

    @Argument(help: ArgumentHelp("The later run.", valueName: "run-b"))
    var runB: String

    @Option(help: ArgumentHelp("Folder for compare.json and compare.txt.", valueName: "dir"), completion: .directory)
    var out: String?

    @OptionGroup var folder: OutputFolderOptions

    func run() async throws {
        let comparison = BenchComparison(try BenchCatalog.load(runA), try BenchCatalog.load(runB))
        if let out { try await folder.claim(URL(fileURLWithPath: out)) }
        let document = try MachineOutput(kind: "bench-compare", inputs: OutputInputs(settings: ["run_a": .string(runA), "run_b": .string(runB)]),
                                         payload: comparison).encoded()
        if let out {
            let dir = URL(fileURLWithPath: out)
            do {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try AtomicFile.write(document, to: dir.appendingPathComponent("compare.json"))
                try AtomicFile.write(Data((comparison.text + "\n").utf8), to: dir.appendingPathComponent("compare.txt"))
            } catch {
                throw MarqueeError.item("cannot write the comparison into \(out): \(describeSystemError(error))")
            }
        }
        if global.json { FileHandle.standardOutput.write(document) } else { print(comparison.text) }
    }
}
