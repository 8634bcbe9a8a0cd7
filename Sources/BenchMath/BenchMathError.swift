/// Every way BenchMath refuses its input. Each case carries enough context to say what was
/// wrong without a debugger; `description` is a plain-English sentence.
///
/// BenchMath never traps and never returns NaN on bad input: numeric edge cases
/// (non-monotonic curves, too few points, curves that do not overlap) throw one of these.
public enum BenchMathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A curve or point set has fewer points than the computation needs.
    case tooFewPoints(what: String, count: Int, minimum: Int)
    /// A value is NaN or infinite.
    case nonFiniteValue(what: String)
    /// A bitrate is zero or negative (BD maths takes its logarithm).
    case nonPositiveBitrate(what: String, value: Double)
    /// Quality does not strictly increase with bitrate along a curve.
    case nonMonotonicCurve(what: String, detail: String)
    /// Two curves share no interval on the integration axis.
    case noOverlap(lower: Double, upper: Double, axis: String)
    /// The curves overlap by less than the caller's required fraction of their union.
    case insufficientOverlap(relative: Double, minimum: Double)
    /// A convex hull was asked for points of more than one profile.
    case mixedProfiles([String])
    /// A parameter is outside its documented range.
    case invalidParameter(name: String, detail: String)
    /// A computation produced a non-finite number despite valid-looking input.
    case numericalFailure(detail: String)

    public var description: String {
        switch self {
        case let .tooFewPoints(what, count, minimum):
            return "\(what) has \(count) point(s); at least \(minimum) are needed."
        case let .nonFiniteValue(what):
            return "\(what) is NaN or infinite."
        case let .nonPositiveBitrate(what, value):
            return "\(what) has bitrate \(value) kbps; bitrates must be > 0."
        case let .nonMonotonicCurve(what, detail):
            return "\(what) is not monotonic (quality must strictly increase with bitrate): \(detail)."
        case let .noOverlap(lower, upper, axis):
            return "Curves do not overlap on \(axis) (overlap would be [\(lower), \(upper)]); "
                + "a Bjøntegaard delta cannot be computed."
        case let .insufficientOverlap(relative, minimum):
            return "Curves overlap on \(relative * 100)% of their joint range; at least \(minimum * 100)% is required."
        case let .mixedProfiles(profiles):
            return "A convex hull is per profile, but the points name profiles \(profiles)."
        case let .invalidParameter(name, detail):
            return "Invalid parameter \(name): \(detail)."
        case let .numericalFailure(detail):
            return "Numerical failure: \(detail)."
        }
    }
}

/// Throws `nonFiniteValue` unless `value` is finite.
@inline(__always)
func requireFinite(_ value: Double, _ what: @autoclosure () -> String) throws {
    guard value.isFinite else { throw BenchMathError.nonFiniteValue(what: what()) }
}
