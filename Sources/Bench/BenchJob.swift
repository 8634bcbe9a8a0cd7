import BenchMath
import Foundation
import Presets
import Quality
import Support

/// Everything one `marquee bench` run needs, validated before any frame is decoded or encoded
/// (like `QualityJob`): the engine trusts it. Profiles whose encoder no plugin drives stay in the
/// job with the reason, so the report can say why they are missing.
public struct BenchJob: Sendable {
    /// An encoder preset with the plugin that drives its encoder (nil: none does; `unsupported` says why).
    public struct Profile: Sendable {
        public let preset: EncoderPreset
        public let plugin: (any EncoderProfile)?
        public let unsupported: String?
        public init(preset: EncoderPreset, plugin: (any EncoderProfile)?, unsupported: String? = nil) {
            self.preset = preset; self.plugin = plugin; self.unsupported = unsupported
        }
        public var name: String { preset.name }
    }

    /// A region preset's audience; `network` nil when the preset has none (reported, no ladder).
    public struct Region: Sendable {
        public let name: String
        public let displayName: String
        public let network: RegionNetworkProfile?
        public let file: String
        public init(name: String, displayName: String, network: RegionNetworkProfile?, file: String) {
            self.name = name; self.displayName = displayName; self.network = network; self.file = file
        }
    }

    /// Which part of the source is encoded.
    public enum Sampling: Sendable, Hashable {
        /// Every frame.
        case full
        /// `count` samples of `seconds` spread over the file, or everything when the source is short.
        case auto(count: Int?, seconds: Double)
        /// Exactly `count` samples of `seconds` (the source must be long enough).
        case samples(count: Int, seconds: Double)
    }

    public let source: String
    public let profiles: [Profile]
    /// Rung heights, highest first.
    public let resolutions: [Int]
    /// Target bitrates in kbps, lowest first.
    public let bitratesKbps: [Int]
    public let regions: [Region]
    public let sampling: Sampling
    /// Metrics measured on every rung (PSNR and SSIM always; VMAF when its plugin is registered).
    public let metrics: [QualityJob.Metric]
    /// The VMAF phone model (the vmaf plugin with its phone setting), when available.
    public let phoneMetric: QualityJob.Metric?
    /// The series the curves, hulls, BD-rates and ladders use: `vmaf`, `psnr_y` or `ssim_avg`.
    public let qualitySeries: String
    public let baseline: String
    public let interpolation: BDInterpolation
    /// Rungs encoding and scoring at once (the cores by default).
    public let concurrency: Int
    /// Memory the encoders of one decoding pass may take, in MB (more rungs: another pass).
    public let memoryBudgetMB: Int
    public let seed: UInt64

    public init(source: String, profiles: [Profile], resolutions: [Int], bitratesKbps: [Int], regions: [Region],
                sampling: Sampling, metrics: [QualityJob.Metric], phoneMetric: QualityJob.Metric? = nil,
                qualitySeries: String, baseline: String? = nil, interpolation: BDInterpolation = .pchip,
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, memoryBudgetMB: Int = 6000,
                seed: UInt64 = 1) throws(MarqueeError) {
        try Self.checkSource(source)
        guard !profiles.isEmpty else { throw .usage("--encoders: name at least one encoder preset (presets/encoders/)") }
        try Self.unique(profiles.map(\.name), option: "--encoders")
        guard !resolutions.isEmpty else { throw .usage("--resolutions: give at least one height, e.g. 1080,720") }
        try Self.unique(resolutions.map(String.init), option: "--resolutions")
        for h in resolutions where !(16...4320).contains(h) {
            throw .usage("--resolutions: \(h) is outside 16…4320 lines")
        }
        guard !bitratesKbps.isEmpty else { throw .usage("--bitrates: give at least one bitrate, e.g. 400k,800k") }
        try Self.unique(bitratesKbps.map(String.init), option: "--bitrates")
        for b in bitratesKbps where !(1...200_000).contains(b) {
            throw .usage("--bitrates: \(b)k is outside 1k…200M")
        }
        try Self.unique(regions.map(\.name), option: "--regions")
        switch sampling {
        case .full: break
        case .auto(let n, let s): try Self.checkSamples(n, s)
        case .samples(let n, let s): try Self.checkSamples(n, s)
        }
        guard !metrics.isEmpty else { throw .usage("no quality metric plugins are registered (psnr, ssim)") }
        // H.264 at a target bitrate is the usual reference; a capped-CRF curve flattens at high bitrates.
        let chosenBaseline = baseline ?? (profiles.first { $0.preset.codec == "h264" && $0.preset.rate_control == "abr" }
            ?? profiles.first { $0.preset.codec == "h264" } ?? profiles[0]).name
        guard profiles.contains(where: { $0.name == chosenBaseline }) else {
            throw .usage("--baseline \(chosenBaseline): not among --encoders \(profiles.map(\.name).joined(separator: ","))")
        }
        guard (1...64).contains(concurrency) else { throw .usage("--threads: expected 1…64, got \(concurrency)") }
        guard (200...1_000_000).contains(memoryBudgetMB) else { throw .usage("--memory-mb: expected 200…1000000, got \(memoryBudgetMB)") }
        self.source = source; self.profiles = profiles; self.resolutions = resolutions.sorted(by: >)
        self.bitratesKbps = bitratesKbps.sorted(); self.regions = regions; self.sampling = sampling
        self.metrics = metrics; self.phoneMetric = phoneMetric; self.qualitySeries = qualitySeries
        self.baseline = chosenBaseline; self.interpolation = interpolation; self.concurrency = concurrency
        self.memoryBudgetMB = memoryBudgetMB; self.seed = seed
    }

    /// The built-in lists used when an option is not given.
    public static let defaultResolutions = [1080, 720, 540, 360]
    public static let defaultBitratesKbps = [200, 400, 800, 1500, 3000, 6000]

    /// `200k,1.5M,800`: bitrates in kbps (a bare number is kbps).
    public static func parseBitrates(_ text: String) throws(MarqueeError) -> [Int] {
        try list(text, option: "--bitrates").map { (item: String) throws(MarqueeError) -> Int in
            let lower = item.lowercased()
            let (digits, scale): (Substring, Double) = lower.hasSuffix("m") ? (lower.dropLast(), 1000)
                : lower.hasSuffix("k") ? (lower.dropLast(), 1) : (Substring(lower), 1)
            guard let v = Double(digits), v.isFinite, v > 0 else {
                throw .usage("--bitrates: `\(item)` is not a bitrate; write 400k, 1.5M or 800 (kbps)")
            }
            // Checked here, before the conversion: 99999999999999k would not fit an Int.
            let kbps = (v * scale).rounded()
            guard kbps >= 1 && kbps <= 200_000, let k = Int(exactly: kbps) else {
                throw .usage("--bitrates: `\(item)` is outside 1k…200M")
            }
            return k
        }
    }

    /// `1080,720p,540`: picture heights.
    public static func parseResolutions(_ text: String) throws(MarqueeError) -> [Int] {
        try list(text, option: "--resolutions").map { (item: String) throws(MarqueeError) -> Int in
            let digits = item.lowercased().hasSuffix("p") ? String(item.dropLast()) : item
            guard let h = Int(digits), h > 0 else {
                throw .usage("--resolutions: `\(item)` is not a height; write 1080,720,540")
            }
            return h
        }
    }

    static func list(_ text: String, option: String) throws(MarqueeError) -> [String] {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !items.isEmpty, !items.contains(where: \.isEmpty) else {
            throw .usage("\(option): expected a comma-separated list, got `\(text)`")
        }
        return items
    }

    private static func checkSamples(_ n: Int?, _ s: Double) throws(MarqueeError) {
        if let n, !(1...100).contains(n) { throw .usage("--samples: expected 1…100 samples, got \(n)") }
        guard s >= 0.5, s <= 600 else { throw .usage("--sample-seconds: expected 0.5…600 seconds, got \(numberText(s))") }
    }

    private static func unique(_ names: [String], option: String) throws(MarqueeError) {
        var seen = Set<String>()
        for n in names where !seen.insert(n).inserted { throw .usage("\(option): `\(n)` is named twice") }
    }

    private static func checkSource(_ path: String) throws(MarqueeError) {
        try InputFile.check(path, what: "source", give: "the path of a video")
    }

    /// Canonical text of every setting that changes the figures: the run's identity in the catalog.
    public var canonical: String {
        var parts = ["source=\(source)", "resolutions=\(resolutions.map(String.init).joined(separator: ","))",
                     "bitrates=\(bitratesKbps.map(String.init).joined(separator: ","))", "sampling=\(sampling)",
                     "quality=\(qualitySeries)", "baseline=\(baseline)", "interpolation=\(interpolation.rawValue)"]
        parts += profiles.map { "encoder=\($0.name){\($0.preset)}" }
        parts += regions.map { "region=\($0.name)" }
        return parts.joined(separator: ";")
    }
}

extension BenchJob.Region {
    /// A region preset's audience; its `network` block becomes the ladder's bandwidth model.
    public init(preset: RegionPreset, file: String) {
        let network = preset.network.map { n in
            RegionNetworkProfile(name: preset.name, p10: Double(n.p10_kbps), p25: Double(n.p25_kbps), p50: Double(n.p50_kbps),
                                 p75: Double(n.p75_kbps), p90: Double(n.p90_kbps), mobileShare: n.mobile_share)
        }
        self.init(name: preset.name, displayName: preset.display_name, network: network, file: file)
    }
}
