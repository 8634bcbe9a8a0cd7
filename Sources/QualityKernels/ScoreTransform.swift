/// The optional output mapping of a VMAF model (`score_transform`), e.g. the "phone" model
/// of vmaf_v0.6.1: a polynomial `p0 + p1 x + p2 x^2`, then an optional piecewise-linear
/// mapping through `knots`, then rectification (`out_gte_in`: never below the input;
/// `out_lte_in`: never above). Applied before clipping.
public struct ScoreTransform: Sendable, Equatable {
    public var p0: Double?
    public var p1: Double?
    public var p2: Double?
    public var knots: [(x: Double, y: Double)]
    public var outputAtLeastInput: Bool
    public var outputAtMostInput: Bool
    /// libvmaf applies the transform only when the model enables it or the caller asks.
    public var enabledByDefault: Bool

    public init(p0: Double? = nil, p1: Double? = nil, p2: Double? = nil,
                knots: [(x: Double, y: Double)] = [], outputAtLeastInput: Bool = false,
                outputAtMostInput: Bool = false, enabledByDefault: Bool = false) {
        self.p0 = p0; self.p1 = p1; self.p2 = p2
        self.knots = knots
        self.outputAtLeastInput = outputAtLeastInput
        self.outputAtMostInput = outputAtMostInput
        self.enabledByDefault = enabledByDefault
    }

    public static func == (a: ScoreTransform, b: ScoreTransform) -> Bool {
        a.p0 == b.p0 && a.p1 == b.p1 && a.p2 == b.p2 && a.outputAtLeastInput == b.outputAtLeastInput
            && a.outputAtMostInput == b.outputAtMostInput && a.enabledByDefault == b.enabledByDefault
            && a.knots.elementsEqual(b.knots) { $0.x == $1.x && $0.y == $1.y }
    }

    /// Maps a prediction.
    public func apply(_ input: Double) -> Double {
        var output = input
        if p0 != nil || p1 != nil || p2 != nil {
            output = 0
            if let p0 { output += p0 }
            if let p1 { output += p1 * input }
            if let p2 { output += p2 * input * input }
        }
        if knots.count > 1 { output = piecewiseLinear(output) }
        if outputAtMostInput { output = min(output, input) }
        if outputAtLeastInput { output = max(output, input) }
        return output
    }

    /// Linear interpolation through the knots, extrapolating the first and last segments.
    private func piecewiseLinear(_ x: Double) -> Double {
        var y = 0.0
        for index in 0..<(knots.count - 1) {
            let (a, b) = (knots[index], knots[index + 1])
            let isFirst = index == 0, isLast = index == knots.count - 2
            let inside = a.x <= x && x <= b.x
            let applies = inside || (isFirst && x < a.x) || (isLast && x > b.x)
            guard applies else { continue }
            if a.y == b.y {
                y = a.y
            } else {
                let slope = (b.y - a.y) / (b.x - a.x)
                y = slope * x + (a.y - a.x * slope)
            }
        }
        return y
    }
}
