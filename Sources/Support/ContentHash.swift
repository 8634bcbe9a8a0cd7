import Foundation

/// A 64-bit FNV-1a content hash, as 16 hex digits. Identifies inputs and parameters in the run
/// catalog; it detects change, it is not meant to resist tampering.
public struct ContentHash: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var h = state
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        state = h
    }

    public mutating func add(_ data: Data) { data.withUnsafeBytes { add($0) } }
    public mutating func add(_ text: String) { add(Data(text.utf8)); add(Data([0])) }

    /// Adds a file's bytes, or a marker naming it as missing.
    public mutating func addFile(_ path: String) {
        if let d = FileManager.default.contents(atPath: path) { add(d) } else { add("missing:\(path)") }
    }

    public var hex: String { String(format: "%016llx", state) }
    public var value: UInt64 { state }

    public static func of(_ parts: [String]) -> String {
        var h = ContentHash()
        for p in parts { h.add(p) }
        return h.hex
    }
}
