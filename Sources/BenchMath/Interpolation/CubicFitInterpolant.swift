/// The classic Bjøntegaard (VCEG-M33) fit: one cubic polynomial y = a + bx + cx² + dx³ fitted
/// to all samples by least squares (so it passes exactly through 4 samples), integrated
/// analytically. This is what the `bjontegaard` package's "cubic" method computes with
/// `numpy.polyfit(x, y, 3)`.
///
/// For numerical stability the polynomial is fitted in the normalised variable
/// t = (x − centre) / halfWidth ∈ [−1, 1]; the least-squares solution (and so every value and
/// integral) is the same polynomial as a fit in x.
public struct CubicFitInterpolant: CurveInterpolant, Hashable {
    /// Coefficients in t, lowest power first.
    public let coefficientsInT: [Double]
    /// Centre and half width of the sample range (the t normalisation).
    public let centre: Double
    public let halfWidth: Double

    /// - Throws: `tooFewPoints` below 4 samples, `nonMonotonicCurve` unless `xs` strictly
    ///   increases, `numericalFailure` if the least-squares system is singular.
    public init(xs: [Double], ys: [Double]) throws {
        try validateSamples(xs: xs, ys: ys, minimum: 4, method: "cubic fit")
        let low = xs[0], high = xs[xs.count - 1]
        centre = (low + high) / 2
        halfWidth = (high - low) / 2
        let ts = xs.map { ($0 - (low + high) / 2) / ((high - low) / 2) }
        coefficientsInT = try CubicFitInterpolant.leastSquares(ts: ts, ys: ys)
    }

    public func value(at x: Double) -> Double {
        let t = (x - centre) / halfWidth
        let c = coefficientsInT
        return c[0] + t * (c[1] + t * (c[2] + t * c[3]))
    }

    public func integral(from lower: Double, to upper: Double) -> Double {
        halfWidth * (primitive((upper - centre) / halfWidth) - primitive((lower - centre) / halfWidth))
    }

    /// ∫₀ᵗ p(τ) dτ in the normalised variable.
    private func primitive(_ t: Double) -> Double {
        let c = coefficientsInT
        return t * (c[0] + t * (c[1] / 2 + t * (c[2] / 3 + t * c[3] / 4)))
    }

    /// Solves the 4×4 normal equations (VᵀV)c = Vᵀy by Gaussian elimination with partial pivoting.
    private static func leastSquares(ts: [Double], ys: [Double]) throws -> [Double] {
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: 5), count: 4)
        for (t, y) in zip(ts, ys) {
            let powers = [1, t, t * t, t * t * t]
            for row in 0..<4 {
                for column in 0..<4 { matrix[row][column] += powers[row] * powers[column] }
                matrix[row][4] += powers[row] * y
            }
        }
        for pivot in 0..<4 {
            let best = (pivot..<4).max { abs(matrix[$0][pivot]) < abs(matrix[$1][pivot]) } ?? pivot
            guard abs(matrix[best][pivot]) > 1e-12 else {
                throw BenchMathError.numericalFailure(detail: "cubic least-squares fit is singular")
            }
            matrix.swapAt(pivot, best)
            for row in (pivot + 1)..<4 {
                let factor = matrix[row][pivot] / matrix[pivot][pivot]
                for column in pivot..<5 { matrix[row][column] -= factor * matrix[pivot][column] }
            }
        }
        var solution = [Double](repeating: 0, count: 4)
        for row in stride(from: 3, through: 0, by: -1) {
            var sum = matrix[row][4]
            for column in (row + 1)..<4 { sum -= matrix[row][column] * solution[column] }
            solution[row] = sum / matrix[row][row]
        }
        guard solution.allSatisfy(\.isFinite) else {
            throw BenchMathError.numericalFailure(detail: "cubic least-squares fit is not finite")
        }
        return solution
    }
}
