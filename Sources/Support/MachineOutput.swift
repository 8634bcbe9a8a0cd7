import Foundation

/// The envelope every machine output of Marquee starts with (docs/output-format.md): which schema
/// and kind of document it is, the tool that wrote it, when, and from what.
public struct OutputEnvelope: Codable, Sendable, Hashable {
    public struct Tool: Codable, Sendable, Hashable {
        public var name: String
        public var version: String
        public init(name: String, version: String) { self.name = name; self.version = version }
    }

    /// The format's version; changes only when a key is renamed or removed or changes meaning.
    public var schema_version: String
    /// Which document this is; also the name of its schema, `docs/schemas/KIND.schema.json`.
    public var kind: String
    public var tool: Tool
    /// When the document was written, ISO 8601 in UTC.
    public var created_at: String
    public var inputs: OutputInputs

    public init(kind: String, inputs: OutputInputs, createdAt: Date = Date()) {
        schema_version = MachineOutputFormat.schemaVersion
        self.kind = kind
        tool = Tool(name: MarqueeTool.name, version: MarqueeTool.version)
        created_at = MachineOutputFormat.timestamp(createdAt)
        self.inputs = inputs
    }
}

/// A machine output: the envelope's keys, then the payload's keys, in one JSON object.
/// The payload must not use the envelope's key names.
public struct MachineOutput<Payload: Sendable>: Sendable {
    public var envelope: OutputEnvelope
    public var payload: Payload

    public init(kind: String, inputs: OutputInputs, payload: Payload) {
        envelope = OutputEnvelope(kind: kind, inputs: inputs)
        self.payload = payload
    }
}

extension MachineOutput: Encodable where Payload: Encodable {
    public func encode(to encoder: Encoder) throws {
        // Both ask the encoder for its keyed container, which is the same object: one flat document.
        try envelope.encode(to: encoder)
        try payload.encode(to: encoder)
    }

    /// The document as written to files and standard output: pretty, keys sorted, a final newline.
    public func encoded() throws -> Data {
        try MachineOutputFormat.encoder.encode(self) + Data("\n".utf8)
    }
}

extension MachineOutput: Decodable where Payload: Decodable {
    public init(from decoder: Decoder) throws {
        envelope = try OutputEnvelope(from: decoder)
        payload = try Payload(from: decoder)
    }
}

/// The pieces every writer of a machine output shares.
public enum MachineOutputFormat {
    public static let schemaVersion = "1"

    /// Sorted keys (stable diffs), indented, `/` unescaped. Keys are snake_case by name: each
    /// output type spells its keys (its properties or `CodingKeys`), so no key strategy is set.
    public static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return e
    }

    /// A wall-clock time as ISO 8601 in UTC, to the second: `2025-05-01T09:30:00Z`.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .gmt))
    }
}
