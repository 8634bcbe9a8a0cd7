/// A failure, in the one shape every machine output uses for them (`failures: [...]`): what failed,
/// the file concerned, the field or line when known, and the message a person acts on.
public struct OutputFailure: Codable, Sendable, Hashable {
    /// The batch item (cover or clip key), or the preset, that failed.
    public var item: String
    /// The file concerned: for a batch item, the output it was to write; for a preset, the preset file.
    public var file: String
    /// The input field at fault, when known (a manifest column, a preset key).
    public var field: String?
    /// The line of `file` at fault, when known.
    public var line: Int?
    public var message: String

    public init(item: String, file: String, field: String? = nil, line: Int? = nil, message: String) {
        self.item = item; self.file = file; self.field = field; self.line = line; self.message = message
    }

    /// The field a message names by Marquee's convention, `field NAME: …` (`product p1, field price: …`);
    /// the first one when several problems are joined.
    public static func field(in message: String) -> String? {
        guard let r = message.range(of: "field ") else { return nil }
        let name = message[r.upperBound...].prefix { $0.isLetter || $0.isNumber || "_.-".contains($0) }
        return !name.isEmpty && message[r.upperBound...].dropFirst(name.count).hasPrefix(":") ? String(name) : nil
    }
}
