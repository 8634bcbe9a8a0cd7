import Foundation
import Support
import PluginKit
import Presets
import Covers

/// Writes `covers.json`: every cover's record (each layer's box, text, font size, colours and
/// contrast), the check findings by cover file and the failed items with their messages.
public struct CoverJSON: CoverReportWriter {
    public static let metadata = PluginMetadata(
        name: "covers-json", kind: .reportWriter,
        summary: "covers.json: every cover's record and layers, check findings and failures, for tools and scripts")
    public init() {}

    public static let fileName = "covers.json"

    /// The document's shape; decode it with `CoverJSON.decoder`.
    public struct Document: Codable, Sendable, Hashable {
        /// When the file was written, ISO 8601 in UTC.
        public var generated: Date
        /// In report order: product, platform, region, locale, variant, file.
        public var covers: [CoverRecord]
        /// Check findings by cover file; covers without findings are left out.
        public var findings: [String: [Finding]]
        /// Failed items' messages by item key.
        public var failures: [String: String]

        public init(generated: Date, covers: [CoverRecord], findings: [String: [Finding]], failures: [String: String]) {
            self.generated = generated; self.covers = covers; self.findings = findings; self.failures = failures
        }
    }

    public static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }

    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }

    public func write(_ input: CoverReportInput, parameters: PluginParameters) throws -> [String] {
        let doc = Document(generated: Date(), covers: input.records.sorted(by: reportOrder),
                           findings: input.findings.filter { !$0.value.isEmpty }, failures: input.failures)
        var data = try Self.encoder.encode(doc)
        data.append(0x0A)
        try AtomicFile.write(data, to: input.outDir.appendingPathComponent(Self.fileName))
        return [Self.fileName]
    }
}
