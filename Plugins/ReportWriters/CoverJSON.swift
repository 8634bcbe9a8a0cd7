import Foundation
import Support
import PluginKit
import Presets
import Covers

/// Writes `covers.json`: the machine-output envelope (docs/output-format.md), every cover's record
/// (each layer's box, text, font size, colours and contrast), the check findings and the failed
/// items. Schema: docs/schemas/covers.schema.json.
public struct CoverJSON: CoverReportWriter {
    public static let metadata = PluginMetadata(
        name: "covers-json", kind: .reportWriter,
        summary: "covers.json: every cover's record and layers, check findings and failures, for tools and scripts")
    public init() {}

    public static let fileName = "covers.json"
    public static let kind = "covers"

    /// The document's payload; it decodes from the file as it is (the envelope's keys are ignored).
    public struct Document: Codable, Sendable, Hashable {
        /// In report order: product, platform, region, locale, variant, file.
        public var covers: [CoverRecord]
        /// Check findings, in the order of `covers`.
        public var findings: [CoverFinding]
        /// Failed items, in item order.
        public var failures: [OutputFailure]

        public init(covers: [CoverRecord], findings: [CoverFinding], failures: [OutputFailure]) {
            self.covers = covers; self.findings = findings; self.failures = failures
        }
    }

    /// A check finding with the cover file it is about.
    public struct CoverFinding: Codable, Sendable, Hashable {
        public var file: String
        public var check: String
        public var severity: Finding.Severity
        public var message: String
        /// Index into the cover's `layers`.
        public var layer: Int?
        public var box: Box?

        public init(file: String, _ f: Finding) {
            self.file = file; check = f.check; severity = f.severity; message = f.message; layer = f.layer; box = f.box
        }
    }

    public static func document(_ input: CoverReportInput) -> MachineOutput<Document> {
        let covers = input.records.sorted(by: reportOrder)
        let findings = covers.flatMap { c in (input.findings[c.file] ?? []).map { CoverFinding(file: c.file, $0) } }
        return MachineOutput(kind: kind, inputs: input.inputs,
                             payload: Document(covers: covers, findings: findings, failures: input.failures))
    }

    public func write(_ input: CoverReportInput, parameters: PluginParameters) throws -> [String] {
        try AtomicFile.write(try Self.document(input).encoded(), to: input.outDir.appendingPathComponent(Self.fileName))
        return [Self.fileName]
    }
}
