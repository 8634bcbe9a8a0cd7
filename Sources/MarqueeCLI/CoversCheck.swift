import ArgumentParser
import Foundation
import Imaging
import Support
import PluginKit
import Presets
import Batch
import Covers
import CoverChecks

extension CoversCommand {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check covers for a platform: text density, readability at feed size, safe zones, margins, subject, file rules.",
            discussion: "Covers with covers.json layer data (--layers, or the covers.json beside the images; --layers none to ignore it) "
                + "are judged by their exact layer geometry; other images by the text OCR (Tesseract) finds, read with --locale's "
                + "language, else the --region's, else English and then Arabic, Thai and Chinese when English reads it unsure. "
                + "Writes covers-check.json and check-report.html into --out; --json prints the report. "
                + "Exits 1 when any cover fails or cannot be checked.")

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The platform the covers are for (see `marquee presets`); with --layers, each cover's own.", valueName: "name"))
        var platform: String?

        @Option(help: ArgumentHelp("covers.json of `covers compose`: exact text boxes for the images it lists (default: the covers.json "
                                   + "beside the images; `none`: detect the text of every image).", valueName: "file|none"),
                completion: .file(extensions: ["json"]))
        var layers: String?

        @Option(help: ArgumentHelp("Locale of covers without layer data (BCP 47, e.g. th, ar, zh): the OCR language; default: the region's "
                                   + "languages, else English and, where English reads unsure, Arabic, Thai and Chinese.", valueName: "code"))
        var locale: String?

        @Option(help: ArgumentHelp("Region of covers without layer data (see `marquee presets`): the report's filter and, without --locale, "
                                   + "the OCR languages.", valueName: "name"))
        var region: String?

        @Option(help: ArgumentHelp("Checks to run, comma-separated (default: every built-in check).", valueName: "names"))
        var checks = CoverChecks.defaultNames.joined(separator: ",")

        @Option(name: .customLong("param"), help: ArgumentHelp("A plugin parameter, plugin.key=value (repeatable).", valueName: "p.k=v"))
        var params: [String] = []

        @Option(help: "Covers checked at once (default: twice the number of cores: a check waits on libvips much of the time).")
        var jobs = 2 * BatchRunner.defaultConcurrency

        @Option(help: ArgumentHelp("Folder for covers-check.json and check-report.html.", valueName: "dir"), completion: .directory)
        var out: String?

        @Argument(help: ArgumentHelp("Cover images, or folders of them.", valueName: "image|dir"))
        var paths: [String] = []

        static let jsonName = "covers-check.json"

        func run() async throws {
            Vips.startAhead()
            let startup = try Startup.load(global)
            startup.warnings.forEach(warn)
            let options = CoverCheckOptions(paths: paths, platform: platform, layers: layers, locale: locale, region: region,
                                            checks: split(checks), parameters: params, out: out, jobs: jobs)
            let job = try CoverCheckJob(options, presets: startup.presets, registry: startup.registry)
            for file in job.foundLayers {
                FileHandle.standardError.write(Data("using layer data from \(file); --layers none to detect the text instead\n".utf8))
            }
            let t0 = Date()
            let (results, failures, pictures) = await CoverCheckRun.run(job)
            var report = CoverCheckReport(covers: results, failures: failures, reports: [], wall_s: Date().timeIntervalSince(t0))
            let inputs = inputs(job, presets: RunInputs.presets(global))
            if let dir = job.outDir {
                report.reports = [Self.jsonName] + (try CoverCheckHTML.write(report, pictures: pictures, to: dir))
                let document = MachineOutput(kind: "covers-check", inputs: inputs, payload: report)
                try AtomicFile.write(try document.encoded(), to: dir.appendingPathComponent(Self.jsonName))
            }
            if global.json {
                try printOutput(MachineOutput(kind: "covers-check", inputs: inputs, payload: report))
            } else {
                print(Self.text(report, out: job.outDir.map { out ?? $0.path }))
            }
            if report.exitCode != 0 { throw ExitCode(report.exitCode) }
        }

        func inputs(_ job: CoverCheckJob, presets: [String]) -> OutputInputs {
            var settings: [String: OutputValue] = ["images": .strings(paths), "checks": .strings(job.checks.map(\.name))]
            if let l = job.layersFile { settings["layers"] = .string(l) }
            if let locale { settings["locale"] = .string(locale) }
            if let region { settings["region"] = .string(region) }
            let plugins = job.checks.map { PluginUse($0.plugin.metadata, parameters: $0.parameters) }
            return OutputInputs(platforms: platform.map { [$0] }, regions: region.map { [$0] }, presets: presets, plugins: plugins,
                                settings: settings)
        }

        /// One line per cover, its failing and warning reasons under it; the unchecked; the counts; the
        /// HTML report's path in `out` as the user gave it (as `quality` and `bench` print theirs).
        static func text(_ r: CoverCheckReport, out: String?) -> String {
            var lines: [String] = []
            for f in r.failures { lines.append("FAIL  \(f.item): could not be checked: \(f.message)") }
            for c in r.covers {
                let share = c.text_area_share.map { String(format: ", text %.1f%%", $0 * 100) } ?? ""
                lines.append("\(c.verdict.rawValue.uppercased().padding(toLength: 5, withPad: " ", startingAt: 0)) \(c.file) (\(c.platform), \(c.text_source)\(share))")
                lines += c.reasons.map { "      \($0)" }
            }
            lines.append("\(r.total) covers: \(r.failed) fail, \(r.warned) warn, \(r.passed) pass\(r.unchecked > 0 ? ", \(r.unchecked) could not be checked" : "") in \(String(format: "%.2f", r.wall_s)) s")
            if let out { lines.append("report: \((out as NSString).appendingPathComponent(CoverCheckHTML.fileName))") }
            return lines.joined(separator: "\n")
        }
    }
}
