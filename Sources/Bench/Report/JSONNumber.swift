import Foundation

/// A number written with at most `places` decimals (no 104.89999999999999), or null when it is not
/// finite (JSON has no infinity).
public struct JSONNumber: Encodable, Sendable {
    public let value: Double
    public let places: Int
    public init(_ value: Double, places: Int = 6) { self.value = value; self.places = places }
    /// nil when `value` is not finite, so an optional key holding it is left out rather than written as null.
    public init?(finite value: Double, places: Int = 6) {
        guard value.isFinite else { return nil }
        self.init(value, places: places)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        guard value.isFinite else { try c.encodeNil(); return }
        let scale = pow(10, Double(places))
        try c.encode(Decimal(string: String(format: "%.\(places)f", (value * scale).rounded() / scale)) ?? Decimal(value))
    }
}
