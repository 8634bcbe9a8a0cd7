/// Equality for oracle comparisons: equal infinities match, otherwise |a - b| ≤ tolerance.
func agrees(_ a: Double, _ b: Double, within tolerance: Double) -> Bool {
    if a.isInfinite || b.isInfinite { return a == b }
    return abs(a - b) <= tolerance
}

/// Absolute difference treating equal infinities as 0 (for reporting maxima).
func difference(_ a: Double, _ b: Double) -> Double {
    if a.isInfinite || b.isInfinite { return a == b ? 0 : .infinity }
    return abs(a - b)
}
