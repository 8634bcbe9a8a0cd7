import Support
/// A kind of pipeline plugin. The plugin kit knows no job: each engine declares the kinds its
/// plugin protocols stand for (`extension PluginKind { static let coverCheck = … }`), and each
/// plugin protocol names its kind, so a plugin's kind follows from the protocol it conforms to.
public struct PluginKind: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The name users see and external plugins describe themselves with, e.g. `cover-check`.
    public let rawValue: String
    /// One line for `marquee plugins`.
    public let summary: String
    /// Where the kind sorts in listings (a job's kinds together, in pipeline order).
    public let order: Int

    public init(_ rawValue: String, order: Int, summary: String) {
        self.rawValue = rawValue; self.order = order; self.summary = summary
    }

    public var description: String { rawValue }

    public static func == (a: PluginKind, b: PluginKind) -> Bool { a.rawValue == b.rawValue }
    public func hash(into h: inout Hasher) { h.combine(rawValue) }
    public static func < (a: PluginKind, b: PluginKind) -> Bool { (a.order, a.rawValue) < (b.order, b.rawValue) }

    public init(from decoder: Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        self.init(name, order: 0, summary: "")
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
