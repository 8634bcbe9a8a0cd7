import Foundation
import Support
import PluginKit
import Batch
import Imaging

/// What a covers job did: the batch's summary and the files its report writers wrote.
public struct CoverJobResult: Sendable {
    public let summary: BatchSummary
    /// Relative to the output folder.
    public let reportFiles: [String]
    /// Why the report writers could not write (a full disk…): the batch's summary stands without them.
    public let reportError: String?
}

extension CoverJob {
    /// Runs the job: every item through the batch runner (items already made from the same inputs,
    /// by their resume keys, are skipped), then every report writer of the job.
    /// `inputs`: what made the batch, for covers.json. `verify`: compare finished covers' content
    /// hashes before skipping them. The caller holds the output folder's lock.
    public func run(command: String, progress: ProgressReporter, inputs: OutputInputs, verify: Bool = false) async throws -> CoverJobResult {
        // Checks load what they need (OCR models) beside the batch's single-threaded opening.
        for check in checks { check.plugin.prepare(locales: targets.map(\.locale.code), readers: Self.readers(jobs: jobs)) }
        let items = CoverBatch.items(self)
        Vips.setConcurrency(max(1, BatchRunner.defaultConcurrency / jobs))
        let catalog = try RunCatalog(path: outDir.appendingPathComponent(RunCatalog.defaultName).path)
        try OutputFolder.prepare(outDir)
        // Each finished cover's record goes to the spool, not memory, so memory stays flat with the batch.
        let spool = try RecordSpool(in: outDir)
        defer { spool.remove() }
        let runner = BatchRunner(job: "covers compose", command: command, outDir: outDir, catalog: catalog,
                                 concurrency: jobs, progress: progress, verify: verify, spool: spool)
        let summary = try await runner.run(items)
        do {
            return CoverJobResult(summary: summary, reportFiles: try writeReports(summary, inputs: inputs, spool: spool), reportError: nil)
        } catch {
            return CoverJobResult(summary: summary, reportFiles: [], reportError: "cannot write the reports into \(outDir.path): \(describeSystemError(error))")
        }
    }

    /// Runs the job's report writers over a finished batch (its records in `spool`, or in its results);
    /// returns the files they wrote.
    public func writeReports(_ summary: BatchSummary, inputs: OutputInputs, spool: RecordSpool? = nil) throws -> [String] {
        let (covers, findings) = CoverRecords.of(summary, spool: spool)
        let input = CoverReportInput(covers: covers, findings: findings, failures: summary.outputFailures, inputs: inputs,
                                     outDir: outDir,
                                     title: "Marquee covers: \(outDir.lastPathComponent)")
        var files: [String] = []
        for report in reports {
            files += try report.plugin.write(input, parameters: report.parameters)
        }
        return files
    }

    /// OCR recognisers a composing batch of `jobs` loads per language: one for every two jobs. Reading a
    /// composed cover's text regions is about a sixth of its work, so two jobs rarely read at once,
    /// and each recogniser costs about 0.1 s of CPU to load (Tesseract's table of confusable letters)
    /// and tens of MB: one recogniser for the benchmark's two jobs used about 5 % less CPU and 18 MB
    /// less memory than two, in the same time (docs/benchmarks.md, session 20). `covers check` reads far more and keeps one per job.
    static func readers(jobs: Int) -> Int { max(1, jobs / 2) }

    /// Covers composed at once when `--jobs` is not given: one per core, and one more when a check
    /// reads text. A job then waits for its reads on the recogniser's thread; when the other job is
    /// reading too, a core would idle, and the extra job fills it. Measured on the benchmark (2 cores,
    /// `--check`, one recogniser): 2.71 -> 2.52 s, 2.48 -> 2.30 s and 2.71 -> 2.64 s in three runs of
    /// 10-12 alternated rounds, for 34-67 MB more at peak (docs/benchmarks.md, session 20).
    public static func defaultJobs(readingText: Bool) -> Int {
        BatchRunner.defaultConcurrency + (readingText ? 1 : 0)
    }
}
