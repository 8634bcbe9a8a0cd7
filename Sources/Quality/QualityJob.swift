import PluginKit
import Foundation
import Media
import PluginKit
import Support

/// Everything one `marquee quality` run needs, validated before any frame is decoded (sharp's
/// options object is the model): the engine trusts it. Its canonical encoding names the run.
public struct QualityJob: Sendable {
    /// One side of the comparison.
    public struct Input: Sendable, Codable, Hashable {
        public let path: String
        /// Size, pixel format and rate of a raw `.yuv` file; nil for files libavformat can read alone.
        public let raw: RawVideoFormat?
        public init(path: String, raw: RawVideoFormat? = nil) { self.path = path; self.raw = raw }
    }

    /// How the distorted video's frames line up with the reference's.
    public enum Alignment: Sendable, Hashable, Codable {
        /// Frame n with frame n + offset of the distorted video (negative: the distorted starts later).
        case offset(Int)
        /// Find the offset within ±window frames that matches best.
        case auto(window: Int)
    }

    /// A chosen metric plugin with its validated parameters.
    public struct Metric: Sendable {
        public let plugin: any QualityMetric
        public let parameters: PluginParameters
        public init(plugin: any QualityMetric, parameters: PluginParameters) { self.plugin = plugin; self.parameters = parameters }
    }

    public let reference: Input
    public let distorted: Input
    public let metrics: [Metric]
    public let alignment: Alignment
    /// Score every n-th frame.
    public let subsample: Int
    /// At most this many frames are compared (nil: all).
    public let maxFrames: Int?
    /// How the distorted video is scaled to the reference size when the sizes differ.
    public let scaling: Scaler.Quality
    /// How many worst frames the report shows as pictures.
    public let worstFrames: Int
    /// Worker threads computing metrics (the machine's cores by default).
    public let threads: Int

    public init(reference: Input, distorted: Input, metrics: [Metric], alignment: Alignment = .offset(0),
                subsample: Int = 1, maxFrames: Int? = nil, scaling: Scaler.Quality = .bicubic,
                worstFrames: Int = 5, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(MarqueeError) {
        guard !metrics.isEmpty else { throw .usage("--metrics: name at least one quality-metric plugin (`marquee plugins --kind quality-metric`)") }
        var seen = Set<String>()
        for m in metrics where !seen.insert(m.plugin.metadata.name).inserted {
            throw .usage("--metrics: `\(m.plugin.metadata.name)` is named twice")
        }
        guard threads <= 256 else { throw .usage("--threads: expected 1…256, got \(threads)") }
        guard subsample >= 1, subsample <= 1000 else { throw .usage("--subsample: expected an integer in 1…1000, got \(subsample)") }
        if let maxFrames, maxFrames < 1 { throw .usage("--frames: expected a positive number of frames, got \(maxFrames)") }
        if case .offset(let o) = alignment, abs(o) > 100_000 { throw .usage("--offset: expected a frame offset within ±100000, got \(o)") }
        if case .auto(let w) = alignment, !(1...600).contains(w) { throw .usage("--align-window: expected 1…600 frames, got \(w)") }
        for input in [reference, distorted] {
            try InputFile.check(input.path, what: input == reference ? "reference" : "distorted",
                                give: "the path of a video or raw .yuv file")
            if let raw = input.raw, raw.width < 16 || raw.height < 16 || raw.frameRate <= 0 {
                throw .usage("\(input.path): raw video needs a size of at least 16x16 and a positive frame rate")
            }
        }
        self.reference = reference; self.distorted = distorted; self.metrics = metrics
        self.alignment = alignment; self.subsample = subsample; self.maxFrames = maxFrames
        self.scaling = scaling; self.worstFrames = max(0, min(worstFrames, 50)); self.threads = max(1, threads)
    }

    /// The metric whose headline series picks the worst frames: VMAF when asked for, else the first.
    public var headlineMetric: Int { metrics.firstIndex { $0.plugin.metadata.name == "vmaf" } ?? 0 }

    /// Canonical text of every setting that changes the figures (sorted keys): the run's identity.
    public var canonical: String {
        var parts = ["reference=\(reference.path)", "distorted=\(distorted.path)", "subsample=\(subsample)",
                     "alignment=\(alignment)", "scaling=\(scaling)", "max_frames=\(maxFrames.map(String.init) ?? "all")"]
        if let raw = reference.raw { parts.append("reference_raw=\(raw)") }
        if let raw = distorted.raw { parts.append("distorted_raw=\(raw)") }
        parts += metrics.map { "metric=\($0.plugin.metadata.name){\($0.parameters.canonical)}" }
        return parts.joined(separator: ";")
    }
}
