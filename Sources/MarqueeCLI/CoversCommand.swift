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
        subcommands: [Compose.self])

    struct Compose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compose cover variants for every product x platform x region of a manifest.",
            discussion: "Writes one image per product, platform, region and variant ({product}-{platform}-{region}-v{n}.jpg), "
                + "covers.json (every layer of every cover), index.html (a contact sheet) and catalog.sqlite (the run "
                + "catalog: a re-run skips covers already made from the same inputs).")

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
        var format: ImageFormat?

        @Option(help: "Seed for variant choices; the same seed gives the same covers.")
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp("Use this layout plugin for every product instead of the category's.", valueName: "plugin"))
        var layout: String?

        @Option(help: ArgumentHelp("Use this category preset for every product instead of the manifest's.", valueName: "name"))
        var category: String?

        @Option(name: .customLong("param"), help: ArgumentHelp("A plugin parameter, plugin.key=value (repeatable).", valueName: "p.k=v"))
        var params: [String] = []

        @Option(help: ArgumentHelp("Cover checks to run on every cover, comma-separated, or `none`.", valueName: "names"))
        var checks = CoverBatch.defaultChecks.joined(separator: ",")

        @Option(help: "Largest photo accepted, in megapixels; bigger photos fail before decoding.")
        var maxMegapixels = 100

        @Option(help: "Covers composed at once (default: the number of cores).")
        var jobs = BatchRunner.defaultConcurrency

        @Option(help: ArgumentHelp("Output folder.", valueName: "dir"), completion: .directory)
        var out: String

        func run() async throws {
            let startup = try Startup.load(global)
            startup.warnings.forEach(warn)
            let entries = try ManifestReader.read(URL(fileURLWithPath: manifest))
            let options = CoverBatchOptions(
                platforms: split(platforms), regions: split(regions), variants: variants, format: format, seed: seed,
                layout: layout, category: category, parameters: try parseParams(params),
                checks: checks == "none" ? [] : split(checks), maxPixels: maxMegapixels * 1_000_000)
            let cache = PhotoCache(capacity: jobs + 2, maxPixels: options.maxPixels)
            let items = try CoverBatch.items(entries, options: options, presets: startup.presets, registry: startup.registry, cache: cache)
            Vips.setConcurrency(max(1, BatchRunner.defaultConcurrency / max(jobs, 1)))
            let outDir = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
            let catalog = try RunCatalog(path: outDir.appendingPathComponent(RunCatalog.defaultName).path)
            let runner = BatchRunner(job: "covers compose", command: CommandLine.arguments.joined(separator: " "), outDir: outDir,
                                     catalog: catalog, concurrency: jobs, progress: ProgressReporter(label: "covers"))
            let summary = try await runner.run(items)
            var input = CoverReports.input(summary, outDir: outDir)
            input.inputs = inputs(options, layouts: input.records.map(\.layout).sorted(), registry: startup.registry)
            let reports = try CoverReports.write(input, registry: startup.registry)
            if global.json {
                try printOutput(MachineOutput(kind: "covers-summary", inputs: input.inputs, payload: BatchReport(summary, reports: reports)))
            } else {
                print(BatchReport.text(summary, noun: "covers", files: reports))
            }
            if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
        }

        /// What made this batch, for covers.json and the `--json` summary.
        func inputs(_ o: CoverBatchOptions, layouts: [String], registry: PluginRegistry) -> OutputInputs {
            var settings: [String: OutputValue] = ["variants": .integer(variants), "seed": .string(String(seed)),
                                                   "checks": .strings(o.checks), "max_megapixels": .integer(maxMegapixels)]
            if let format { settings["format"] = .string(format.rawValue) }
            if let layout { settings["layout"] = .string(layout) }
            if let category { settings["category"] = .string(category) }
            return OutputInputs(manifest: manifest, platforms: o.platforms, regions: o.regions, presets: RunInputs.presets(global),
                                plugins: RunInputs.plugins(layouts + o.checks + CoverReports.writers, registry: registry,
                                                           given: o.parameters),
                                settings: settings)
        }
    }
}

extension ImageFormat: ExpressibleByArgument {}

func split(_ list: String) -> [String] {
    list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// `plugin.key=value` pairs, grouped by plugin.
func parseParams(_ raw: [String]) throws -> [String: [String: ParameterValue]] {
    var out: [String: [String: ParameterValue]] = [:]
    for item in raw {
        let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
        let pk = kv.first?.split(separator: ".", maxSplits: 1).map(String.init) ?? []
        guard kv.count == 2, pk.count == 2 else {
            throw MarqueeError.usage("--param \(item): expected plugin.key=value, e.g. --param safe-zone.margin=0.02")
        }
        out[pk[0], default: [:]][pk[1]] = .string(kv[1])
    }
    return out
}
