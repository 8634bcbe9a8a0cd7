/// Rounding for numbers written to machine outputs: each kept to what it means
/// (docs/output-format.md), so `104.9` is written as `104.9`, not `104.89999999999999`.
/// Rounding happens where an output record is made; the record then holds what the file says.
public enum Rounded {
    /// Seconds to the millisecond (3 decimals).
    public static func seconds(_ x: Double) -> Double { places(x, 3) }
    /// Decibels, LUFS, LU and dBTP to 2 decimals.
    public static func decibels(_ x: Double) -> Double { places(x, 2) }
    /// Ratios and scores to 4 decimals.
    public static func ratio(_ x: Double) -> Double { places(x, 4) }
    /// Pixel sizes that may be fractional (font sizes) to 2 decimals.
    public static func pixels(_ x: Double) -> Double { places(x, 2) }

    /// `x` to `n` decimals; the result is the double nearest that decimal, which JSON prints
    /// exactly as the decimal. Infinities and NaN are returned as they are.
    public static func places(_ x: Double, _ n: Int) -> Double {
        guard x.isFinite else { return x }
        var scale = 1.0
        for _ in 0..<max(0, n) { scale *= 10 }
        let r = (x * scale).rounded() / scale
        return r == 0 ? 0 : r  // no `-0`
    }
}
