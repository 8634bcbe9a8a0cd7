import Foundation
import Imaging
import Support
import PluginKit
import Presets
import Batch
@testable import Covers
import CoverChecks
import CoverLayouts
import ReportWriters
import Testing

/// A report writer only this test registers: the covers job must find it through the registry.
struct ListWriter: CoverReportWriter {
    static let heading: Param<String> = .string("heading", default: "covers", doc: "the first line")
    static let metadata = PluginMetadata(name: "test-list", kind: .reportWriter, summary: "lists the covers made",
                                         parameters: [heading])
    static let fileName = "list.txt"

    func write(_ input: CoverReportInput, parameters: PluginParameters) throws -> [String] {
        let lines = [parameters[Self.heading]] + input.records.map(\.file).sorted()
        try AtomicFile.write(Data(lines.joined(separator: "\n").utf8), to: input.outDir.appendingPathComponent(Self.fileName))
        return [Self.fileName]
    }
}

/// The validated covers job: every option checked before any work, its canonical form as the items'
/// resume key, and report writers found by kind.
@Suite(.serialized) struct CoverJobTests {
    static func registry(_ extra: [any PipelinePlugin] = []) throws -> PluginRegistry {
        var r = PluginRegistry()
        for p in CoverLayouts.all + CoverChecks.all + ReportWriters.all + extra { try r.register(p) }
        return r
    }

    /// One apparel product with its photo, in `dir`.
    static func shirt(in dir: URL, title: String = "Linen Summer Shirt", colour: [Double] = [200, 60, 70]) throws -> URL {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("photos"), withIntermediateDirectories: true)
        try TestSupport.photo(dir.appendingPathComponent("photos/shirt.jpg"), width: 600, height: 600,
                              top: [236, 230, 222], bottom: [214, 206, 196], product: colour)
        return try CoverFixtures.manifest(in: dir, columns: ["id", "image", "title", "price", "currency", "category"],
                                          rows: [["shirt", "photos/shirt.jpg", title, "1290", "THB", "apparel"]])
    }

    static func options(_ manifest: URL, out: URL, _ change: (inout CoverJobOptions) -> Void = { _ in }) -> CoverJobOptions {
        var o = CoverJobOptions(manifest: manifest.path, platforms: ["tiktok"], regions: ["na"], checks: ["none"], jobs: 2, out: out.path)
        change(&o)
        return o
    }

    static func run(_ o: CoverJobOptions, registry: PluginRegistry? = nil) async throws -> CoverJobResult {
        let job = try CoverJob(o, presets: CoverFixtures.presets, registry: registry ?? Self.registry())
        return try await job.run(command: "test", progress: ProgressReporter(label: "covers", style: .quiet), inputs: OutputInputs())
    }

    // MARK: - Validation before work

    @Test func everyBadOptionIsAUsageErrorBeforeAnyWork() throws {
        let dir = try TestSupport.tempDir("job-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try Self.shirt(in: dir)
        let blocker = dir.appendingPathComponent("blocker")
        try Data("x".utf8).write(to: blocker)
        let out = dir.appendingPathComponent("out")
        let cases: [(String, (inout CoverJobOptions) -> Void)] = [
            ("--variants 0: expected 1…50", { $0.variants = 0 }),
            ("--variants 51: expected 1…50", { $0.variants = 51 }),
            ("--quality 20: expected 30…100", { $0.quality = 20 }),
            ("--max-megapixels 0", { $0.maxMegapixels = 0 }),
            ("--jobs 0", { $0.jobs = 0 }),
            ("--format gif: expected jpg, png, webp", { $0.format = "gif" }),
            ("--format webp: platform `tiktok` accepts jpg, png", { $0.format = "webp" }),
            ("--platforms: give at least one name", { $0.platforms = [] }),
            ("`tiktk`", { $0.platforms = ["tiktk"] }),
            ("--regions na:xx", { $0.regions = ["na:xx"] }),
            ("category", { $0.category = "apparrel" }),
            ("no plugin named `contrastt`", { $0.checks = ["contrastt"] }),
            ("plugin `safe-zone` is a cover-check plugin, not a report-writer plugin", { $0.reports = ["safe-zone"] }),
            ("plugin `covers-json` is a report-writer plugin, not a cover-layout plugin", { $0.layout = "covers-json" }),
            ("did you mean `margin`?", { $0.parameters = ["safe-zone.margni=0.1"] }),
            ("expected a number in 0…1 for `margin`, got `2`", { $0.parameters = ["safe-zone.margin=2"] }),
            ("expected plugin.key=value", { $0.parameters = ["margin=2"] }),
            ("expected an integer in 80…600 for `thumb_height`", { $0.parameters = ["contact-sheet.thumb_height=20"] }),
            ("nosuch.csv", { $0.manifest = dir.appendingPathComponent("nosuch.csv").path }),
            ("--out \(blocker.path) is a file, not a folder", { $0.out = blocker.path }),
        ]
        let registry = try Self.registry()
        for (expected, change) in cases {
            do {
                _ = try CoverJob(Self.options(manifest, out: out, change), presets: CoverFixtures.presets, registry: registry)
                Issue.record("accepted: \(expected)")
            } catch {
                guard case .usage(let message) = error else { Issue.record("not a usage error: \(error)"); continue }
                #expect(message.contains(expected), "\(message)")
            }
            #expect(!FileManager.default.fileExists(atPath: out.path), "the output folder was made despite: \(expected)")
        }
        let job = try CoverJob(Self.options(manifest, out: out), presets: CoverFixtures.presets, registry: registry)
        #expect(job.entries.count == 1 && job.checks.isEmpty)
        #expect(job.reports.map(\.name) == ["contact-sheet", "covers-json"])
        #expect(FileManager.default.fileExists(atPath: out.path))
    }

    /// The command reports the same errors with exit code 2, and makes nothing.
    @Test func theCommandBuildsTheJobAndStopsOnItsErrors() throws {
        let dir = try TestSupport.tempDir("job-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try Self.shirt(in: dir)
        let out = dir.appendingPathComponent("out")
        let bad = try CoverFixtures.compose(manifest: manifest, out: out, ["--platforms", "tiktok", "--regions", "na", "--quality", "5"])
        #expect(bad.status == 2 && bad.stderr.contains("--quality 5: expected 30…100"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let run = try CoverFixtures.compose(manifest: manifest, out: out, ["--platforms", "tiktok", "--regions", "na", "--checks", "none",
                                                                           "--reports", "covers-json", "--quality", "60"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("covers.json").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
        #expect(try CoverFixtures.document(out).covers.first?.quality == 60)
    }

    // MARK: - Canonical form and resume keys

    /// Builds jobs (not run) from the shirt's manifest in `dir`, each with its own change to the options.
    static func jobMaker(in dir: URL) throws -> ((inout CoverJobOptions) -> Void) throws -> CoverJob {
        let manifest = try Self.shirt(in: dir)
        let out = dir.appendingPathComponent("out")
        let registry = try Self.registry()
        return { change in try CoverJob(Self.options(manifest, out: out, change), presets: CoverFixtures.presets, registry: registry) }
    }

    @Test func canonicalFormIsSortedJSONOfWhatChangesOutput() throws {
        let dir = try TestSupport.tempDir("job-canonical")
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = try Self.jobMaker(in: dir)
        func canonical(_ change: (inout CoverJobOptions) -> Void) throws -> String {
            String(decoding: try job(change).canonical, as: UTF8.self)
        }
        let base = try canonical { _ in }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(base.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["version", "quality", "seed", "layouts", "checks", "maxPixels"], "\(base)")
        let layouts = try #require(object["layouts"] as? [String: Any])
        #expect(Set(layouts.keys) == Set(CoverFixtures.presets.categories.values.flatMap(\.layouts)))
        // Sorted keys: the top-level keys appear in alphabetical order.
        let positions = ["checks", "layouts", "maxPixels", "quality", "seed", "version"].compactMap { base.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.count == 6 && positions == positions.sorted(), "not sorted-keys JSON: \(base)")
        // What changes covers changes the form; how many run at once, or which reports follow, does not.
        #expect(try canonical { $0.seed = 2 } != base)
        #expect(try canonical { $0.quality = 70 } != base)
        #expect(try canonical { $0.format = "png" } != base)
        #expect(try canonical { $0.maxMegapixels = 50 } != base)
        #expect(try canonical { $0.parameters = ["apparel-hero.title_scale=0.8"] } != base)
        #expect(try canonical { $0.checks = ["contrast"] } != base)
        #expect(try canonical { $0.jobs = 1 } == base)
        #expect(try canonical { $0.reports = ["none"] } == base)
        #expect(try canonical { $0.parameters = ["contact-sheet.thumb_height=300"] } == base)
    }

    /// Without `--jobs`, a batch composes one cover per core, and one more when a check reads text
    /// (legibility: a job waits for its reads); `--jobs` as given otherwise. Two such jobs share one
    /// OCR recogniser.
    @Test func defaultJobsAddOneWhenACheckReadsText() throws {
        let dir = try TestSupport.tempDir("job-jobs")
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = try Self.jobMaker(in: dir)
        func jobs(_ change: (inout CoverJobOptions) -> Void) throws -> Int { try job(change).jobs }
        let cores = BatchRunner.defaultConcurrency
        #expect(try jobs { $0.jobs = nil } == cores)
        #expect(try jobs { $0.jobs = nil; $0.checks = ["contrast", "text-size"] } == cores)
        #expect(try jobs { $0.jobs = nil; $0.checks = ["legibility"] } == cores + 1)
        #expect(try jobs { $0.jobs = nil; $0.checks = ["all"] } == cores + 1)
        #expect(try jobs { $0.jobs = 2; $0.checks = ["all"] } == 2)
        #expect(CoverJob.readers(jobs: 3) == 1 && CoverJob.readers(jobs: 4) == 2 && CoverJob.readers(jobs: 1) == 1)
    }

    /// Every option or input that changes a cover redoes its item; an unchanged re-run skips it.
    @Test func itemsAreRedoneWhenAnythingThatMakesThemChanges() async throws {
        let dir = try TestSupport.tempDir("job-resume")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try Self.shirt(in: dir)
        let out = dir.appendingPathComponent("out")
        var o = Self.options(manifest, out: out) { $0.reports = ["none"]; $0.checks = ["text-size"] }
        func expectRun(redone: Bool, _ what: String) async throws {
            let s = try await Self.run(o).summary
            #expect(s.results.count == 1 && s.failed.isEmpty, "\(what): \(s.results.map { $0.error ?? "" })")
            #expect(s.done == (redone ? 1 : 0) && s.skipped == (redone ? 0 : 1), "\(what): done \(s.done), skipped \(s.skipped)")
        }
        try await expectRun(redone: true, "first run")
        try await expectRun(redone: false, "unchanged re-run")
        o.parameters = ["apparel-hero.title_scale=0.8"]
        try await expectRun(redone: true, "a layout parameter")
        o.parameters.append("text-size.scale=3")
        let findings = try await Self.run(o).summary
        #expect(findings.done == 1 && !findings.withProblems.isEmpty, "a stricter text-size check found nothing new")
        o.seed = 2
        try await expectRun(redone: true, "the seed")
        o.format = "png"
        try await expectRun(redone: true, "the format")
        o.maxMegapixels = 50
        try await expectRun(redone: true, "the photo size limit")
        try TestSupport.photo(dir.appendingPathComponent("photos/shirt.jpg"), width: 600, height: 600,
                              top: [236, 230, 222], bottom: [214, 206, 196], product: [40, 60, 200])
        try await expectRun(redone: true, "the photo's content")
        _ = try Self.shirt(in: dir, title: "Linen Summer Shirt Sale", colour: [40, 60, 200])
        try await expectRun(redone: true, "the title")
        o.jobs = 1
        try await expectRun(redone: false, "another number of jobs")
    }

    // MARK: - Report writers by kind

    @Test func everyRegisteredReportWriterRunsUnlessSomeAreChosen() async throws {
        let dir = try TestSupport.tempDir("job-reports")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try Self.shirt(in: dir)
        let registry = try Self.registry([ListWriter()])

        let all = dir.appendingPathComponent("all")
        let every = try await Self.run(Self.options(manifest, out: all) { $0.parameters = ["test-list.heading=made"] }, registry: registry)
        #expect(Set(every.reportFiles).isSuperset(of: [ListWriter.fileName, CoverJSON.fileName, ContactSheet.fileName]), "\(every.reportFiles)")
        let list = try String(contentsOf: all.appendingPathComponent(ListWriter.fileName), encoding: .utf8)
        #expect(list == "made\nshirt-tiktok-na-v1.jpg")

        let chosen = dir.appendingPathComponent("chosen")
        let one = try await Self.run(Self.options(manifest, out: chosen) { $0.reports = ["test-list"] }, registry: registry)
        #expect(one.reportFiles == [ListWriter.fileName])
        #expect(!FileManager.default.fileExists(atPath: chosen.appendingPathComponent(CoverJSON.fileName).path))

        let none = dir.appendingPathComponent("none")
        #expect(try await Self.run(Self.options(manifest, out: none) { $0.reports = ["none"] }, registry: registry).reportFiles.isEmpty)
    }
}
