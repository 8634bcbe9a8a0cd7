/// Buffer-based rung selection, BBA-0 of Huang et al., "A Buffer-Based Approach to Rate
/// Adaptation" (SIGCOMM 2014).
///
/// The rate map f(B) is the lowest bitrate for buffers up to `reservoirSeconds`, the highest
/// from `reservoirSeconds + cushionSeconds` on, and linear in between. The player keeps its
/// previous rung until f(B) reaches the next rung up (then it takes the highest rung below
/// f(B)) or falls to the next rung down (then it takes the lowest rung above f(B)).
public struct BufferBasedPolicy: Sendable, Hashable, Codable {
    /// Buffer level (s) at or below which the lowest rung is always chosen.
    public var reservoirSeconds: Double
    /// Buffer span (s) over which the rate map climbs from lowest to highest bitrate.
    public var cushionSeconds: Double

    public init(reservoirSeconds: Double = 5, cushionSeconds: Double = 20) {
        self.reservoirSeconds = reservoirSeconds
        self.cushionSeconds = cushionSeconds
    }

    /// Index of the rung for the next segment.
    /// - Parameters:
    ///   - bufferSeconds: current buffer level.
    ///   - previous: index of the rung of the previous segment.
    ///   - bitratesKbps: ladder bitrates, strictly increasing, not empty.
    public func nextRung(bufferSeconds: Double, previous: Int, bitratesKbps: [Double]) -> Int {
        let top = bitratesKbps.count - 1
        guard top > 0 else { return 0 }
        let current = min(max(previous, 0), top)
        if bufferSeconds <= reservoirSeconds { return 0 }
        if bufferSeconds >= reservoirSeconds + cushionSeconds { return top }
        let low = bitratesKbps[0], high = bitratesKbps[top]
        let mapped = low + (high - low) * (bufferSeconds - reservoirSeconds) / cushionSeconds
        let up = min(current + 1, top), down = max(current - 1, 0)
        if mapped >= bitratesKbps[up] && up != current {
            return bitratesKbps.lastIndex { $0 < mapped } ?? current
        }
        if mapped <= bitratesKbps[down] && down != current {
            return bitratesKbps.firstIndex { $0 > mapped } ?? current
        }
        return current
    }

    func validate(bufferCapacitySeconds: Double) throws {
        guard reservoirSeconds.isFinite, cushionSeconds.isFinite, reservoirSeconds >= 0, cushionSeconds > 0,
              reservoirSeconds + cushionSeconds <= bufferCapacitySeconds else {
            throw BenchMathError.invalidParameter(
                name: "buffer policy",
                detail: "need reservoir ≥ 0, cushion > 0 and reservoir + cushion ≤ buffer capacity "
                    + "(\(reservoirSeconds) + \(cushionSeconds) vs \(bufferCapacitySeconds))")
        }
    }
}
