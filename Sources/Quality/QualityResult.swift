import Media
import QualityKernels

/// What a quality run found: per-frame series of every metric, their pooled statistics, the worst
/// moments as pictures, and how the two videos were lined up.
public struct QualityResult: Sendable {
    /// One input as it was read.
    public struct InputFacts: Sendable {
        public let path: String
        public let width: Int
        public let height: Int
        public let pixelFormat: String
        public let frameRate: Double
        public let codec: String
        /// Frames read from this input (up to where the comparison stopped).
        public let framesRead: Int
    }

    /// One of the worst moments: where it is, its headline score, both pictures.
    public struct WorstFrame: Sendable {
        public let referenceFrame: Int
        public let time: Double
        public let score: Double
        public let reference: Thumbnail
        public let distorted: Thumbnail
    }

    public let reference: InputFacts
    public let distorted: InputFacts
    /// The size and layout both were compared at.
    public let comparedWidth: Int
    public let comparedHeight: Int
    public let layout: PictureLayout
    /// Distorted frame n + offset was compared with reference frame n.
    public let offset: Int
    /// `offset`, `auto` (found), with the search window when auto.
    public let alignment: String
    public let subsample: Int
    /// Reference frame index and time (seconds) of every compared pair, in order.
    public let frames: [Int]
    public let times: [Double]
    public let series: [MetricSeries]
    public let pooled: [String: PooledStatistics]
    /// The name of the series the worst frames were chosen by.
    public let headline: String
    public let worst: [WorstFrame]
    public let warnings: [String]
    public let seconds: Double

    public var framesCompared: Int { frames.count }
    public var framesPerSecond: Double { seconds > 0 ? Double(frames.count) / seconds : 0 }
}
