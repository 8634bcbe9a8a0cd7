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

    /// The whole document in memory (every record at once): `write` streams the same bytes.
    public static func document(_ input: CoverReportInput) -> MachineOutput<Document> {
        MachineOutput(kind: kind, inputs: input.inputs, payload: Document(covers: input.records, findings: findings(input),
                                                                          failures: input.failures))
    }

    /// The check findings in the order of the covers.
    static func findings(_ input: CoverReportInput) -> [CoverFinding] {
        input.covers.keys.flatMap { c in (input.findings[c.file] ?? []).map { CoverFinding(file: c.file, $0) } }
    }

    /// Writes the document as `document(input).encoded()` would, without holding every record: the
    /// document is encoded with no covers, and the covers are written into its empty `covers` list
    /// one at a time, each encoded alone and indented to its place.
    public func write(_ input: CoverReportInput, parameters: PluginParameters) throws -> [String] {
        let skeleton = try MachineOutput(kind: Self.kind, inputs: input.inputs,
                                         payload: Document(covers: [], findings: Self.findings(input), failures: input.failures)).encoded()
        let empty = Data("\"covers\" : [\n\n  ]".utf8)
        guard input.covers.count > 0, let slot = skeleton.range(of: empty) else {
            try AtomicFile.write(skeleton, to: input.outDir.appendingPathComponent(Self.fileName))
            return [Self.fileName]
        }
        let encoder = MachineOutputFormat.encoder
        try AtomicFile.write(to: input.outDir.appendingPathComponent(Self.fileName)) { out in
            var buffer = skeleton[..<slot.lowerBound] + Data("\"covers\" : [\n".utf8)
            for i in 0..<input.covers.count {
                if i > 0 { buffer += Data(",\n".utf8) }
                buffer += Self.indented(try encoder.encode(try input.covers.record(at: i)))
                if buffer.count > 1 << 20 { try out.write(contentsOf: buffer); buffer.removeAll(keepingCapacity: true) }
            }
            buffer += Data("\n  ]".utf8) + skeleton[slot.upperBound...]
            try out.write(contentsOf: buffer)
        }
        return [Self.fileName]
    }

    /// A pretty-printed value moved two levels in (an element of a top-level list): each line but the
    /// empty ones (the inside of an empty list or object) gets four more spaces.
    static func indented(_ json: Data) -> Data {
        var out = Data(capacity: json.count + json.count / 8)
        var lineStart = true
        for byte in json {
            if lineStart && byte != UInt8(ascii: "\n") { out += Data("    ".utf8) }
            out.append(byte)
            lineStart = byte == UInt8(ascii: "\n")
        }
        return out
    }
}
