import Foundation
import Support
import PluginKit
import Presets
import Batch
import Covers
import ReportWriters
import Testing

/// A batch's records go to its spool (one JSON line each, in the run's work folder), not memory; the
/// reports read them back one at a time and write what they wrote from records in memory, byte for byte.
@Suite struct CoverRecordSpoolTests {
    /// Cover `i`'s result: products out of report order, some with findings, some layers with empty lists.
    static func result(_ i: Int) -> CoverResult {
        let product = "p\((i * 37) % 101)"
        let file = "\(product)-tiktok-na-v\(i % 2 + 1).jpg"
        let title = CoverLayer(kind: "text", role: "title", box: Box(x: 20, y: 400, w: 320, h: 80), text: "Product \(i) “Summer” / Edition\n",
                               font_px: 48.123, font: "Noto Sans Bold", color: "#FFFFFF", background: "#202020", contrast: 16.1,
                               direction: "ltr", align: "left", lines: i % 3 == 0 ? [] : [Box(x: 20, y: 400, w: 300, h: 40)])
        let record = CoverRecord(file: file, product: product, platform: "tiktok", region: "na", locale: "en", category: "beauty",
                                 layout: "hero-band", variant: i % 2 + 1, seed: UInt64(i) &* 0x9E37_79B9_7F4A_7C15, width: 360, height: 640,
                                 format: "jpg", quality: i % 4 == 0 ? nil : 85, bytes: 1000 + i, inputs: i % 5 == 0 ? [] : ["/photos/\(product).jpg"],
                                 safe_zone: Insets(top: 40, bottom: 80, left: 20, right: 20), feed_width: 180, min_font_px: 24,
                                 layers: i % 7 == 0 ? [] : [title, CoverLayer(kind: "background", role: "fill", box: Box(x: 0, y: 0, w: 360, h: 640))])
        let findings = i % 3 == 0 ? [Finding(check: "contrast", severity: .warning, message: "low contrast \(i)", layer: 0),
                                     Finding(check: "safe-zone", severity: .error, message: "leaves the safe area", box: Box(x: 0, y: 0, w: 1, h: 1))] : []
        return CoverResult(cover: record, findings: findings)
    }

    /// The writers' output with the time they were written blanked out.
    static func text(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "TIME", options: .regularExpression)
    }

    @Test func reportsFromTheSpoolEqualReportsFromMemory() async throws {
        let dir = try TestSupport.tempDir("record-spool")
        defer { try? FileManager.default.removeItem(at: dir) }
        let results = (0..<150).map(Self.result)
        let items = results.map { r in
            WorkItem(key: r.cover.file, inputHash: "h", outputs: []) { _ in ItemOutcome(record: try JSONEncoder().encode(r)) }
        }
        let spool = try RecordSpool(in: dir)
        defer { spool.remove() }
        let catalog = try RunCatalog(path: dir.appendingPathComponent(RunCatalog.defaultName).path)
        let summary = try await BatchRunner(job: "covers compose", command: "test", outDir: dir, catalog: catalog, concurrency: 3,
                                            progress: ProgressReporter(label: "test", style: .quiet), spool: spool).run(items)
        #expect(summary.results.allSatisfy { $0.record == nil && $0.spooled != nil }, "records kept in memory")
        let lines = try String(contentsOf: spool.folder.appendingPathComponent(RecordSpool.fileName), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 150)

        let (covers, findings) = CoverRecords.of(summary, spool: spool)
        let failures = [OutputFailure(item: "p5-tiktok-na-v1", file: "p5-tiktok-na-v1.jpg", field: "price", message: "bad price")]
        let out = dir.appendingPathComponent("out")
        let spooled = CoverReportInput(covers: covers, findings: findings, failures: failures, outDir: out, title: "t")
        let memory = CoverReportInput(records: results.map(\.cover), findings: findings, failures: failures, outDir: out, title: "t")
        #expect(covers.keys.map(\.file) == memory.covers.keys.map(\.file))
        #expect(covers.keys == covers.keys.sorted() && covers.count == 150)
        var written: [[String]] = []
        for input in [spooled, memory] {
            _ = try CoverJSON().write(input, parameters: CoverJSON.metadata.resolve([:]))
            _ = try ContactSheet().write(input, parameters: ContactSheet.metadata.resolve([:]))
            written.append([try Self.text(out.appendingPathComponent(CoverJSON.fileName)), try Self.text(out.appendingPathComponent(ContactSheet.fileName))])
        }
        // covers.json streamed from the spool is the document encoded whole, byte for byte.
        let whole = try CoverJSON.document(memory).encoded()
        try whole.write(to: dir.appendingPathComponent("whole.json"))
        #expect(written[0][0] == (try Self.text(dir.appendingPathComponent("whole.json"))))
        #expect(written[0] == written[1])
        let doc = try JSONDecoder().decode(CoverJSON.Document.self, from: Data(written[0][0].utf8))
        #expect(doc.covers == memory.records && doc.covers.count == 150 && doc.findings.count == 100)
    }

    @Test func removingTheSpoolLeavesNoWorkFolder() throws {
        let dir = try TestSupport.tempDir("record-spool-remove")
        defer { try? FileManager.default.removeItem(at: dir) }
        let spool = try RecordSpool(in: dir)
        let at = try spool.append(Data(#"{"a":1}"#.utf8))
        #expect(try spool.read(at) == Data(#"{"a":1}"#.utf8))
        spool.remove()
        #expect(Reliability.strays(in: dir).isEmpty, "\(Reliability.strays(in: dir))")
    }
}
