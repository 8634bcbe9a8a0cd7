import ArgumentParser
import Foundation
import Imaging
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips

struct CoversCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "covers",
        abstract: "Compose stream covers in batch from category, platform and region presets.",
        subcommands: [Compose.self, Check.self])

    struct Compose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compose cover variants for every product x platform x region of a manifest.",
            discussion: "Writes one image per product, platform, region and variant ({product}-{platform}-{region}-v{n}.jpg), "
                + "the reports of every report writer (covers.json: every layer of every cover; index.html: a contact sheet) "
                + "and catalog.sqlite (the run catalog: a re-run skips covers already made from the same inputs). "
                + "Every option is checked before any cover is made.")

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("Product manifest: CSV, YAML or JSON.", valueName: "file"), completion: .file(extensions: ["csv", "yaml", "yml", "json"]))
        var manifest: String

        @Option(help: ArgumentHelp("Platforms, comma-separated (see `marquee presets`).", valueName: "names"))
        var platforms: String

        @Option(help: ArgumentHelp("Regions, comma-separated; `region:locale` picks a locale (e.g. sea:vi).", valueName: "names"))
        var regions: String

        @Option(help: "Variants per product, platform and region (1…50).")
        var variants = 1

        @Option(help: ArgumentHelp("Output format: jpg, webp or png (default: the platform's first).", valueName: "format"))
        var format: String?

        @Option(help: ArgumentHelp("JPEG and WebP quality, 30…100 (default 85); lowered as needed under a platform's file-size limit.",
                                   valueName: "q"))
        var quality: Int?

        @Option(help: "Seed for variant choices; the same seed gives the same covers.")
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp("Use this layout plugin for every product instead of the category's.", valueName: "plugin"))
        var layout: String?

        @Option(help: ArgumentHelp("Use this category preset for every product instead of the manifest's.", valueName: "name"))
        var category: String?

        @Option(name: .customLong("param"), help: ArgumentHelp("A plugin parameter, plugin.key=value (repeatable).", valueName: "p.k=v"))
        var params: [String] = []

        @Option(help: ArgumentHelp("Cover checks to run on every cover, comma-separated, `all` or `none` "
                                   + "(default: \(CoverJob.defaultChecks.joined(separator: ",")), or all with --check).", valueName: "names"))
        var checks: String?

        @Flag(help: ArgumentHelp("Run every installed cover check on every cover (the composer re-composes a failing cover up to "
                                 + "\(CoverBatch.maxAttempts) times); exit 1 if any cover still fails."))
        var check = false

        @Option(help: ArgumentHelp("Report writers to run after the batch, comma-separated, or `none` (default: every one installed).",
                                   valueName: "names"))
        var reports: String?

        @Option(help: "Largest photo accepted, in megapixels; bigger photos fail before decoding.")
        var maxMegapixels = 100

        @Flag(help: "Use damaged (truncated) photos as far as they decode, with a warning on their covers, instead of failing them.")
        var lenient = false

        @Option(help: "Covers composed at once (default: the number of cores, one more when a check reads text).")
        var jobs: Int?

        @Option(help: ArgumentHelp("Output folder.", valueName: "dir"), completion: .directory)
        var out: String

        @OptionGroup var folder: OutputFolderOptions

        @Flag(help: "On a re-run, also compare each finished cover's content hash with the catalog's before skipping it (size and time are always compared).")
        var verify = false

        /// The options as given; `CoverJob` checks them all.
        var options: CoverJobOptions {
            var o = CoverJobOptions(manifest: manifest, platforms: split(platforms), regions: split(regions), variants: variants,
                                    format: format, quality: quality, seed: seed, layout: layout, category: category, parameters: params,
                                    checks: checks.map(split) ?? (check ? ["all"] : CoverJob.defaultChecks), reports: reports.map(split),
                                    maxMegapixels: maxMegapixels, jobs: jobs, out: out)
            o.lenient = lenient
            return o
        }

        func run() async throws {
            Vips.startAhead()
            let startup = try Startup.load(global)
            startup.warnings.forEach(warn)
            let job = try CoverJob(options, presets: startup.presets, registry: startup.registry)
            let inputs = inputs(job)
            try await folder.claim(job.outDir)
            let result = try await job.run(command: CommandLine.arguments.joined(separator: " "),
                                           progress: ProgressReporter(label: "covers"), inputs: inputs, verify: verify)
            if global.json {
                try printOutput(MachineOutput(kind: "covers-summary", inputs: inputs,
                                              payload: BatchReport(result.summary, reports: result.reportFiles)))
            } else {
                print(BatchReport.text(result.summary, noun: "covers", files: result.reportFiles))
            }
            if let problem = result.reportError { throw MarqueeError.item(problem) }
            if result.summary.exitCode != 0 { throw ExitCode(result.summary.exitCode) }
        }

        /// What made this batch, for covers.json and the `--json` summary.
        func inputs(_ job: CoverJob) -> OutputInputs {
            var settings: [String: OutputValue] = ["variants": .integer(variants), "seed": .string(String(seed)),
                                                   "checks": .strings(job.checks.map(\.name)),
                                                   "max_megapixels": .integer(maxMegapixels), "quality": .integer(job.quality)]
            if lenient { settings["lenient"] = .bool(true) }
            if let f = job.format { settings["format"] = .string(f.rawValue) }
            if let layout { settings["layout"] = .string(layout) }
            if let category { settings["category"] = .string(category) }
            let plugins = job.layouts.keys.sorted().compactMap { job.layouts[$0] }.map { PluginUse($0.plugin.metadata, parameters: $0.parameters) }
                + job.checks.map { PluginUse($0.plugin.metadata, parameters: $0.parameters) }
                + job.reports.map { PluginUse($0.plugin.metadata, parameters: $0.parameters) }
            return OutputInputs(manifest: manifest, platforms: split(platforms), regions: split(regions),
                                presets: RunInputs.presets(global), plugins: plugins, settings: settings)
        }
    }
}

func split(_ list: String) -> [String] {
    list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// `plugin.key=value` pairs, grouped by plugin.
func parseParams(_ raw: [String]) throws -> [String: [String: ParameterValue]] {
    try ParameterAssignments.parse(raw)
}
