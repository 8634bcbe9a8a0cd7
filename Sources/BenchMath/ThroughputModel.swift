import Foundation
import SplitMix

/// How a simulated viewer's throughput moves over time.
///
/// Throughput is constant within slots of `slotSeconds` and is drawn from the region's
/// `BandwidthDistribution` through a Gaussian copula: in slot k the viewer's normal score is
/// z_k = √w · z_viewer + √(1 − w) · a_k, where z_viewer ~ N(0, 1) is fixed for the session
/// (w = `sessionShare`: how much of the spread is between viewers rather than over time) and
/// a_k is a unit-variance AR(1) process with lag-one correlation `autocorrelation`. The slot's
/// throughput is Q(Φ(z_k)). Since z_k ~ N(0, 1), throughput over all viewers and slots follows
/// the region's distribution exactly; a better network (higher Q everywhere) gives higher
/// throughput in every slot for the same seed.
public struct ThroughputModel: Sendable, Hashable, Codable {
    /// Length of a constant-throughput slot, seconds (2 s, one segment, by default).
    public var slotSeconds: Double
    /// Lag-one correlation of the time-varying part between consecutive slots, in [0, 1).
    public var autocorrelation: Double
    /// Share of the normal-score variance that is fixed per viewer session, in [0, 1].
    public var sessionShare: Double

    public init(slotSeconds: Double = 2, autocorrelation: Double = 0.9, sessionShare: Double = 0.7) {
        self.slotSeconds = slotSeconds
        self.autocorrelation = autocorrelation
        self.sessionShare = sessionShare
    }

    func validate() throws {
        guard slotSeconds.isFinite, slotSeconds > 0 else {
            throw BenchMathError.invalidParameter(name: "slotSeconds", detail: "\(slotSeconds) must be > 0")
        }
        guard autocorrelation.isFinite, autocorrelation >= 0, autocorrelation < 1 else {
            throw BenchMathError.invalidParameter(name: "autocorrelation", detail: "\(autocorrelation) not in [0, 1)")
        }
        guard sessionShare.isFinite, (0...1).contains(sessionShare) else {
            throw BenchMathError.invalidParameter(name: "sessionShare", detail: "\(sessionShare) not in 0...1")
        }
    }
}

/// One viewer's throughput over wall-clock time, generated lazily slot by slot.
struct ThroughputTrace {
    private let model: ThroughputModel
    private let distribution: BandwidthDistribution
    private var generator: SeededGenerator
    private let viewerScore: Double
    private var temporalScore: Double
    private var slot = 0
    private(set) var currentKbps: Double

    init(model: ThroughputModel, distribution: BandwidthDistribution, seed: UInt64) {
        self.model = model
        self.distribution = distribution
        var generator = SeededGenerator(seed: seed)
        viewerScore = generator.nextGaussian()
        temporalScore = generator.nextGaussian()
        self.generator = generator
        currentKbps = 0
        currentKbps = throughput()
    }

    private func throughput() -> Double {
        let w = model.sessionShare
        let z = w.squareRoot() * viewerScore + (1 - w).squareRoot() * temporalScore
        return distribution.quantile(standardNormalCDF(z))
    }

    private mutating func advanceSlot() {
        let rho = model.autocorrelation
        temporalScore = rho * temporalScore + (1 - rho * rho).squareRoot() * generator.nextGaussian()
        slot += 1
        currentKbps = throughput()
    }

    /// Moves the clock to `time`, generating the slots it passes.
    mutating func advance(to time: Double) {
        while time >= Double(slot + 1) * model.slotSeconds { advanceSlot() }
    }

    /// Downloads `kilobits` starting at `start`; returns the finish time.
    mutating func download(kilobits: Double, from start: Double) -> Double {
        advance(to: start)
        var clock = start, remaining = kilobits
        while remaining > 0 {
            let slotEnd = Double(slot + 1) * model.slotSeconds
            let capacity = currentKbps * (slotEnd - clock)
            if capacity >= remaining { return clock + remaining / currentKbps }
            remaining -= capacity
            clock = slotEnd
            advanceSlot()
        }
        return clock
    }
}

/// Standard normal cumulative distribution Φ(z).
func standardNormalCDF(_ z: Double) -> Double {
    0.5 * erfc(-z / 2.0.squareRoot())
}
