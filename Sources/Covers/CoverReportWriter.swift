import Support
import PluginKit
import Presets
import Batch
import Foundation

/// What a report writer gets: the batch's cover records, their check findings and the output folder.
public struct CoverReportInput: Sendable {
    /// The covers in report order, read one at a time (a batch's records stay in its spool).
    public var covers: CoverRecords
    /// Findings by cover file (`CoverRecord.file`).
    public var findings: [String: [Finding]]
    /// Items that failed, in item order.
    public var failures: [OutputFailure]
    /// What made the batch (manifest, presets, plugins, settings), for machine outputs.
    public var inputs: OutputInputs
    public var outDir: URL
    public var title: String

    public init(covers: CoverRecords, findings: [String: [Finding]], failures: [OutputFailure], inputs: OutputInputs = OutputInputs(),
                outDir: URL, title: String) {
        self.covers = covers; self.findings = findings; self.failures = failures; self.inputs = inputs
        self.outDir = outDir; self.title = title
    }

    public init(records: [CoverRecord], findings: [String: [Finding]], failures: [OutputFailure], inputs: OutputInputs = OutputInputs(),
                outDir: URL, title: String) {
        self.init(covers: CoverRecords(records), findings: findings, failures: failures, inputs: inputs, outDir: outDir, title: title)
    }

    /// Every record at once, in report order; memory grows with the batch (`covers` reads them one at a time).
    public var records: [CoverRecord] { covers.all }
}

/// A `report-writer` plugin: writes a human-readable view of a covers batch. Returns the files written,
/// relative to the output folder. Writes go through `AtomicFile`.
public protocol CoverReportWriter: PipelinePlugin {
    func write(_ input: CoverReportInput, parameters: PluginParameters) throws -> [String]
    /// Called as each cover is written, on that cover's own task, with its encoded bytes: a writer may
    /// make its per-cover files now (the contact sheet's thumbnails), in parallel with the batch and
    /// without reading the cover back, so that `write` at the end only assembles. `write` must still
    /// do without them (covers resumed from an earlier run, a file this could not make).
    func coverWritten(_ cover: CoverRecord, encoded: Data, outDir: URL, parameters: PluginParameters) throws
}

extension CoverReportWriter {
    public func coverWritten(_ cover: CoverRecord, encoded: Data, outDir: URL, parameters: PluginParameters) throws {}
}
