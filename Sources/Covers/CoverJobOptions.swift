import Foundation
import Batch

/// What `marquee covers compose` is asked for, as given: names, numbers, paths and `plugin.key=value`
/// texts, nothing checked. `CoverJob(options, …)` validates all of it at once, before any work.
public struct CoverJobOptions: Sendable, Hashable {
    /// Product manifest: CSV, YAML or JSON.
    public var manifest: String
    public var platforms: [String]
    /// Region names, optionally with a locale: `sea`, `sea:vi`.
    public var regions: [String]
    /// Variants per product, platform and region: 1…50.
    public var variants: Int
    /// `jpg`, `webp` or `png`; default each platform's first accepted format.
    public var format: String?
    /// Encoder quality for JPEG and WebP (30…100); under a platform's file-size limit the largest
    /// quality up to this one that fits is used.
    public var quality: Int?
    /// Seed for variant choices; the same seed gives the same covers.
    public var seed: UInt64
    /// A layout plugin for every product instead of its category's.
    public var layout: String?
    /// A category preset for every product instead of the manifest's.
    public var category: String?
    /// `plugin.key=value`, for any plugin the job runs.
    public var parameters: [String]
    /// Cover checks run on every cover; `["all"]` for every registered one; `["none"]` or empty for none.
    public var checks: [String]
    /// Report writers run after the batch; `nil` for every registered one, `["none"]` for none.
    public var reports: [String]?
    /// Largest photo accepted, in megapixels.
    public var maxMegapixels: Int
    /// Use damaged (truncated) photos as far as they decode, with a warning, instead of failing their covers.
    public var lenient: Bool = false
    /// Covers composed at once; nil for the default (`CoverJob.defaultJobs`).
    public var jobs: Int?
    /// Output folder; made when missing.
    public var out: String

    public init(manifest: String, platforms: [String], regions: [String], variants: Int = 1, format: String? = nil,
                quality: Int? = nil, seed: UInt64 = 1, layout: String? = nil, category: String? = nil, parameters: [String] = [],
                checks: [String] = CoverJob.defaultChecks, reports: [String]? = nil, maxMegapixels: Int = 100,
                jobs: Int? = nil, out: String) {
        self.manifest = manifest; self.platforms = platforms; self.regions = regions; self.variants = variants
        self.format = format; self.quality = quality; self.seed = seed; self.layout = layout; self.category = category
        self.parameters = parameters; self.checks = checks; self.reports = reports; self.maxMegapixels = maxMegapixels
        self.jobs = jobs; self.out = out
    }
}
