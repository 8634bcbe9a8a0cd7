/// Outcome of simulating a region's viewers on a ladder (pooled over all simulated viewers).
public struct PlaybackReport: Sendable, Hashable {
    /// Ladder rungs simulated, increasing bitrate.
    public let ladder: [RatePoint]
    /// Time-weighted mean effective quality over played (not stalled) time.
    public let expectedQuality: Double
    /// Share of played time spent at each rung (aligned with `ladder`; sums to 1).
    public let rungTimeShare: [Double]
    /// Rebuffering time / (played time + rebuffering time); startup delay is not counted.
    public let stallRatio: Double
    /// Rung changes between consecutive segments per minute of played time.
    public let switchesPerMinute: Double
    /// Mean time to download the first segment (before playback starts), seconds.
    public let meanStartupSeconds: Double
    /// Mean number of rebuffering events per viewer.
    public let meanRebufferEvents: Double
    /// Number of viewer sessions simulated.
    public let viewers: Int
}

/// Settings of the playback simulation.
public struct PlaybackConfiguration: Sendable, Hashable, Codable {
    /// Media duration of one segment, seconds.
    public var segmentSeconds: Double
    /// Segments per viewer session (300 × 2 s = 10 minutes by default).
    public var segmentsPerSession: Int
    /// Buffer the player fills up to, seconds.
    public var bufferCapacitySeconds: Double
    /// Number of viewer sessions to simulate.
    public var viewers: Int
    public var policy: BufferBasedPolicy
    public var throughput: ThroughputModel

    public init(segmentSeconds: Double = 2, segmentsPerSession: Int = 300, bufferCapacitySeconds: Double = 30,
                viewers: Int = 40, policy: BufferBasedPolicy = BufferBasedPolicy(),
                throughput: ThroughputModel = ThroughputModel()) {
        self.segmentSeconds = segmentSeconds
        self.segmentsPerSession = segmentsPerSession
        self.bufferCapacitySeconds = bufferCapacitySeconds
        self.viewers = viewers
        self.policy = policy
        self.throughput = throughput
    }

    func validate() throws {
        guard segmentSeconds.isFinite, segmentSeconds > 0, bufferCapacitySeconds.isFinite,
              bufferCapacitySeconds >= segmentSeconds else {
            throw BenchMathError.invalidParameter(
                name: "segment/buffer", detail: "need segment > 0 s and buffer capacity ≥ one segment")
        }
        guard segmentsPerSession >= 1, viewers >= 1 else {
            throw BenchMathError.invalidParameter(name: "segments/viewers", detail: "both must be ≥ 1")
        }
        try policy.validate(bufferCapacitySeconds: bufferCapacitySeconds)
        try throughput.validate()
    }
}
