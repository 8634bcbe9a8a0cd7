/// Something a plugin needs or does that the engine running it must know (it needs decoded video,
/// it reframes rather than draws). Declared in the plugin's static metadata, shown by
/// `marquee plugins NAME`, and read by engines instead of asking the plugin instance or its name.
/// Each engine declares the capabilities its plugins can have.
public struct Capability: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: Capability, b: Capability) -> Bool { a.rawValue < b.rawValue }
}
