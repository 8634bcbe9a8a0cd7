import Foundation
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips

/// Runs the report-writer plugins over a finished covers batch.
enum CoverReports {
    static let writers = ["covers-json", "contact-sheet"]

    /// A finished batch's covers (made now or before), their findings and the failed items.
    static func input(_ summary: BatchSummary, outDir: URL) -> CoverReportInput {
        let decoder = JSONDecoder()
        var records: [CoverRecord] = []
        var findings: [String: [Finding]] = [:]
        for r in summary.results {
            if let data = r.record, let result = try? decoder.decode(CoverResult.self, from: data) {
                records.append(result.cover)
                findings[result.cover.file] = result.findings
            }
        }
        return CoverReportInput(records: records, findings: findings, failures: BatchReport.failures(summary), outDir: outDir,
                                title: "Marquee covers: \(outDir.lastPathComponent)")
    }

    /// Writes every report; returns the files written, relative to the output folder.
    static func write(_ input: CoverReportInput, registry: PluginRegistry) throws -> [String] {
        var files: [String] = []
        for name in writers {
            let writer = try registry.plugin(named: name, as: (any CoverReportWriter).self, kind: .reportWriter)
            files += try writer.write(input, parameters: writer.metadata.resolve([:]))
        }
        return files
    }
}
