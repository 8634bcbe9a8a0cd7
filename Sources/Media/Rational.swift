/// A time base or rate as FFmpeg keeps it: `num/den`.
public struct Rational: Sendable, Hashable, Codable, CustomStringConvertible {
    public var num: Int32
    public var den: Int32
    public init(_ num: Int32, _ den: Int32) { self.num = num; self.den = den }

    public var value: Double { den == 0 ? 0 : Double(num) / Double(den) }
    public var description: String { "\(num)/\(den)" }

    /// `ticks` of this time base in seconds.
    public func seconds(_ ticks: Int64) -> Double { Double(ticks) * value }
    /// `seconds` in ticks of this time base, rounded to the nearest tick.
    public func ticks(_ seconds: Double) -> Int64 { Int64((seconds / value).rounded()) }

    /// Rescales `ticks` from this time base to `other`, rounding to nearest (as av_rescale_q).
    public func rescale(_ ticks: Int64, to other: Rational) -> Int64 {
        let n = Int64(num) * Int64(other.den), d = Int64(den) * Int64(other.num)
        guard d != 0 else { return 0 }
        let (q, r) = (ticks * n).quotientAndRemainder(dividingBy: d)
        if 2 * abs(r) >= abs(d) { return q + ((ticks * n) >= 0 ? 1 : -1) }
        return q
    }
}
