import BenchMath
import Foundation

/// What the measured points say: rate–quality curves per profile and resolution, the convex hull
/// of each profile across resolutions, BD-rates against the baseline (over the hulls and per
/// resolution), and per region the best ladder of every profile with its simulated playback and
/// the bitrate the best profile saves at equal quality.
public struct BenchAnalysis: Sendable {
    /// One profile at one resolution, by increasing target bitrate.
    public struct Curve: Sendable {
        public let profile: String
        public let heightPx: Int
        public let points: [BenchPoint]
    }

    /// One Bjøntegaard delta of a profile against the baseline.
    public struct BDEntry: Sendable {
        public let profile: String
        public let baseline: String
        /// `hull` or a resolution such as `720p`.
        public let scope: String
        public let result: BDResult?
        /// Why there is no result (too few points, no overlap…).
        public let problem: String?
    }

    /// One profile's ladder for one region.
    public struct ProfileLadder: Sendable {
        public let profile: String
        public let choice: LadderChoice?
        public let playback: PlaybackReport?
        public let problem: String?
    }

    /// One region's ladders.
    public struct RegionResult: Sendable {
        public let region: BenchJob.Region
        public let network: RegionNetworkProfile
        public let baseline: String
        public let ladders: [ProfileLadder]
        /// The profile with the highest expected quality.
        public let best: String?
        public let savings: EqualQualitySavings?
        public let savingsNote: String
    }

    public let qualitySeries: String
    public let baseline: String
    public let interpolation: BDInterpolation
    public let curves: [Curve]
    public let hulls: [String: ConvexHull]
    public let bdRates: [BDEntry]
    public let regions: [RegionResult]
    /// Regions without a network profile, with why.
    public let skippedRegions: [(name: String, reason: String)]

    public init(_ m: BenchMeasurements, job: BenchJob) {
        qualitySeries = job.qualitySeries; baseline = job.baseline; interpolation = job.interpolation
        let order = job.profiles.map(\.name)
        let valid = m.points.filter { $0.quality.isFinite && $0.achievedKbps > 0 }
        var curves: [Curve] = [], hulls: [String: ConvexHull] = [:]
        for profile in order {
            let mine = valid.filter { $0.profile == profile }
            for h in job.resolutions {
                let pts = mine.filter { $0.heightPx == h }.sorted { $0.targetKbps < $1.targetKbps }
                if !pts.isEmpty { curves.append(Curve(profile: profile, heightPx: h, points: pts)) }
            }
            if !mine.isEmpty { hulls[profile] = try? ConvexHull(points: mine.map(\.ratePoint)) }
        }
        self.curves = curves; self.hulls = hulls
        bdRates = Self.bdRates(order: order, curves: curves, hulls: hulls, job: job)
        var regions: [RegionResult] = [], skipped: [(String, String)] = []
        for region in job.regions {
            guard let network = region.network else {
                skipped.append((region.name, "\(region.file) has no `network` block (p10_kbps…p90_kbps, mobile_share); add one to get a ladder"))
                continue
            }
            regions.append(Self.region(region, network: network, order: order, hulls: hulls, job: job))
        }
        self.regions = regions; skippedRegions = skipped
    }

    /// Whether a point is a vertex of its profile's hull.
    public func onHull(_ p: BenchPoint) -> Bool {
        hulls[p.profile]?.hullPoints.contains { $0.resolutionHeight == p.heightPx && $0.bitrateKbps == p.achievedKbps } ?? false
    }

    /// Points whose quality rises with bitrate, cheapest first (a dip is dropped: BD maths needs a function).
    public static func rising(_ pts: [RatePoint]) -> [RatePoint] {
        var kept: [RatePoint] = []
        for p in pts.sorted(by: { $0.bitrateKbps < $1.bitrateKbps })
        where kept.last.map({ p.quality > $0.quality && p.bitrateKbps > $0.bitrateKbps }) ?? true { kept.append(p) }
        return kept
    }

    private static func bdRates(order: [String], curves: [Curve], hulls: [String: ConvexHull], job: BenchJob) -> [BDEntry] {
        var out: [BDEntry] = []
        func entry(_ profile: String, _ scope: String, _ anchor: [RatePoint]?, _ test: [RatePoint]?) {
            guard let anchor, let test else {
                out.append(BDEntry(profile: profile, baseline: job.baseline, scope: scope, result: nil,
                                   problem: "no measured points for \(anchor == nil ? job.baseline : profile) here"))
                return
            }
            do {
                let r = try Bjontegaard.rate(anchor: RateCurve(points: anchor, name: "\(job.baseline) \(scope)"),
                                             test: RateCurve(points: test, name: "\(profile) \(scope)"),
                                             interpolation: job.interpolation)
                out.append(BDEntry(profile: profile, baseline: job.baseline, scope: scope, result: r, problem: nil))
            } catch {
                out.append(BDEntry(profile: profile, baseline: job.baseline, scope: scope, result: nil, problem: "\(error)"))
            }
        }
        for profile in order where profile != job.baseline {
            entry(profile, "hull", hulls[job.baseline]?.hullPoints, hulls[profile]?.hullPoints)
            for h in job.resolutions {
                let pick = { (name: String) in curves.first { $0.profile == name && $0.heightPx == h }.map { rising($0.points.map(\.ratePoint)) } }
                let (a, t) = (pick(job.baseline), pick(profile))
                if a == nil && t == nil { continue }
                entry(profile, "\(h)p", a, t)
            }
        }
        return out
    }

    private static func region(_ region: BenchJob.Region, network: RegionNetworkProfile, order: [String],
                               hulls: [String: ConvexHull], job: BenchJob) -> RegionResult {
        var ladders: [ProfileLadder] = []
        for profile in order {
            guard let hull = hulls[profile] else {
                ladders.append(ProfileLadder(profile: profile, choice: nil, playback: nil, problem: "no measured points"))
                continue
            }
            do {
                let choice = try LadderSelector.choose(from: hull, region: network)
                let playback = try PlaybackSimulator.simulate(choice: choice, region: network, seed: job.seed)
                ladders.append(ProfileLadder(profile: profile, choice: choice, playback: playback, problem: nil))
            } catch {
                ladders.append(ProfileLadder(profile: profile, choice: nil, playback: nil, problem: "\(error)"))
            }
        }
        let best = ladders.compactMap { l in l.choice.map { (profile: l.profile, choice: $0) } }
            .max { $0.choice.expectedQuality < $1.choice.expectedQuality }
        var savings: EqualQualitySavings?
        var note: String
        if let best, best.profile != job.baseline, let b = hulls[job.baseline], let c = hulls[best.profile] {
            do {
                savings = try EqualQualitySavings(baseline: b, candidate: c, ladder: best.choice, interpolation: job.interpolation)
                note = savings?.weightedMeanSavedPercent == nil
                    ? "the ladder's qualities lie outside the range both hulls cover" : ""
            } catch { note = "\(error)" }
        } else if best?.profile == job.baseline {
            note = "the baseline \(job.baseline) is the best profile here"
        } else {
            note = "no ladder could be built"
        }
        return RegionResult(region: region, network: network, baseline: job.baseline, ladders: ladders, best: best?.profile,
                            savings: savings, savingsNote: note)
    }
}

extension BenchPoint {
    /// The point for BenchMath: achieved bitrate, the job's quality, profile and height.
    public var ratePoint: RatePoint {
        RatePoint(bitrateKbps: achievedKbps, quality: quality, profile: profile, resolutionHeight: heightPx, phoneQuality: phoneQuality)
    }
}
