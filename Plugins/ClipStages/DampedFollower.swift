import Foundation

/// A position that follows a goal like a critically damped spring (the fastest approach without
/// overshoot), with a speed limit, kept inside a range. Stepped by the exact solution of
/// x'' = ω²(g − x) − 2ω x' over each interval, so long or uneven intervals (variable frame rate,
/// dropped frames) stay stable, unlike an Euler step:
///   e(t) = (e₀ + (v₀ + ω e₀) t) e^(−ωt),   v(t) = (v₀ − ω (v₀ + ω e₀) t) e^(−ωt),   e = x − g.
struct DampedFollower {
    private(set) var position: Double
    private(set) var velocity: Double = 0
    /// Natural frequency ω (1/s). The step response is within 9% of the goal after 4/ω seconds.
    let omega: Double
    /// Largest speed, in position units per second.
    let maxSpeed: Double
    let range: ClosedRange<Double>

    init(position: Double, omega: Double, maxSpeed: Double, range: ClosedRange<Double>) {
        self.position = min(max(position, range.lowerBound), range.upperBound)
        self.omega = omega; self.maxSpeed = maxSpeed; self.range = range
    }

    /// Advances `dt` seconds toward `goal`. The move is at most `maxSpeed × dt`; at an edge of the
    /// range the position stops there and the velocity drops to zero.
    mutating func step(toward goal: Double, dt: Double) {
        guard dt > 0, dt.isFinite else { return }
        let g = min(max(goal, range.lowerBound), range.upperBound)
        let e0 = position - g, v0 = velocity
        let k = v0 + omega * e0
        let decay = exp(-omega * dt)
        var next = g + (e0 + k * dt) * decay
        var v = (v0 - omega * k * dt) * decay
        let limit = maxSpeed * dt
        if abs(next - position) > limit {
            next = position + (next > position ? limit : -limit)
            v = min(max(v, -maxSpeed), maxSpeed)
        }
        if next <= range.lowerBound || next >= range.upperBound {
            next = min(max(next, range.lowerBound), range.upperBound)
            v = 0
        }
        position = next
        velocity = v
    }
}
