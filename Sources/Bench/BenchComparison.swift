import Foundation
import Quality
import Support

/// What changed between two bench runs: points (bitrate, quality, speed), BD-rates and ladders; the
/// payload of the `bench-compare` document.
public struct BenchComparison: Encodable, Sendable {
    public struct PointChange: Encodable, Sendable {
        public let key: String
        /// `changed`, `added` (only in B) or `removed` (only in A).
        public let change: String
        public let achieved_bitrate_kbps_a: Double?, achieved_bitrate_kbps_b: Double?
        public let quality_a: Double?, quality_b: Double?
        public let encode_fps_a: Double?, encode_fps_b: Double?
    }
    public struct BDChange: Encodable, Sendable {
        public let profile: String, scope: String
        public let bd_rate_percent_a: Double?, bd_rate_percent_b: Double?
    }
    public struct LadderChange: Encodable, Sendable {
        public let region: String, profile: String
        public let rungs_a: [String], rungs_b: [String]
        public let expected_quality_a: Double?, expected_quality_b: Double?
        public let best_a: String?, best_b: String?
    }

    public let run_a: String
    public let run_b: String
    public let quality_metric_a: String?
    public let quality_metric_b: String?
    public let points: [PointChange]
    public let bd_rates: [BDChange]
    public let ladders: [LadderChange]

    /// Differences beyond `tolerance` (relative, for bitrates and speed; absolute 0.01 for quality).
    public init(_ a: StoredBenchRun, _ b: StoredBenchRun, tolerance: Double = 0.001) {
        run_a = a.reference; run_b = b.reference
        quality_metric_a = a.summary?.qualitySeries; quality_metric_b = b.summary?.qualitySeries
        let pa = Dictionary(a.points.map { ($0.key, $0) }, uniquingKeysWith: { x, _ in x })
        let pb = Dictionary(b.points.map { ($0.key, $0) }, uniquingKeysWith: { x, _ in x })
        var points: [PointChange] = []
        for key in Set(pa.keys).union(pb.keys).sorted() {
            let x = pa[key], y = pb[key]
            let change = x == nil ? "added" : y == nil ? "removed" : "changed"
            if let x, let y, Self.close(x.achievedKbps, y.achievedKbps, tolerance), abs(x.quality - y.quality) < 0.01 || x.quality == y.quality { continue }
            points.append(PointChange(key: key, change: change,
                                      achieved_bitrate_kbps_a: x?.achievedKbps.rounded(3), achieved_bitrate_kbps_b: y?.achievedKbps.rounded(3),
                                      quality_a: x?.quality.rounded(4), quality_b: y?.quality.rounded(4),
                                      encode_fps_a: x?.encodeFPS.rounded(2), encode_fps_b: y?.encodeFPS.rounded(2)))
        }
        self.points = points
        let ba = Dictionary((a.summary?.bdRates ?? []).map { ("\($0.profile) \($0.scope)", $0) }, uniquingKeysWith: { x, _ in x })
        let bb = Dictionary((b.summary?.bdRates ?? []).map { ("\($0.profile) \($0.scope)", $0) }, uniquingKeysWith: { x, _ in x })
        bd_rates = Set(ba.keys).union(bb.keys).sorted().compactMap { k in
            let x = ba[k]?.percent, y = bb[k]?.percent
            if let x, let y, abs(x - y) < 0.01 { return nil }
            let e = ba[k] ?? bb[k]
            return BDChange(profile: e?.profile ?? k, scope: e?.scope ?? "",
                            bd_rate_percent_a: x?.rounded(4), bd_rate_percent_b: y?.rounded(4))
        }
        ladders = Self.ladders(a.summary?.ladders ?? [], b.summary?.ladders ?? [])
    }

    private static func ladders(_ a: [BenchSummaryRecord.Ladder], _ b: [BenchSummaryRecord.Ladder]) -> [LadderChange] {
        var out: [LadderChange] = []
        for region in Set(a.map(\.region)).union(b.map(\.region)).sorted() {
            let x = a.first { $0.region == region }, y = b.first { $0.region == region }
            for profile in Set((x?.profiles ?? [:]).keys).union((y?.profiles ?? [:]).keys).sorted() {
                let ra = x?.profiles[profile] ?? [], rb = y?.profiles[profile] ?? []
                let qa = x?.expectedQuality[profile], qb = y?.expectedQuality[profile]
                let sameQuality = qa.flatMap { q in qb.map { abs(q - $0) < 0.01 } } ?? (qa == nil && qb == nil)
                if ra == rb && sameQuality && x?.best == y?.best { continue }
                out.append(LadderChange(region: region, profile: profile, rungs_a: ra, rungs_b: rb,
                                        expected_quality_a: qa?.rounded(4), expected_quality_b: qb?.rounded(4), best_a: x?.best, best_b: y?.best))
            }
        }
        return out
    }

    private static func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
        abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-9)
    }

    /// A few lines for a person.
    public var text: String {
        func f(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "–" }
        var lines = ["\(run_a) → \(run_b)"]
        if quality_metric_a != quality_metric_b { lines.append("quality metric: \(quality_metric_a ?? "?") → \(quality_metric_b ?? "?")") }
        lines.append("points: \(points.isEmpty ? "no change" : "\(points.count) changed")")
        for p in points { lines.append("  \(p.key) [\(p.change)]: \(f(p.achieved_bitrate_kbps_a)) → \(f(p.achieved_bitrate_kbps_b)) kbps, quality \(f(p.quality_a)) → \(f(p.quality_b))") }
        lines.append("BD-rates: \(bd_rates.isEmpty ? "no change" : "\(bd_rates.count) changed")")
        for d in bd_rates { lines.append("  \(d.profile) \(d.scope): \(f(d.bd_rate_percent_a))% → \(f(d.bd_rate_percent_b))%") }
        lines.append("ladders: \(ladders.isEmpty ? "no change" : "\(ladders.count) changed")")
        for l in ladders {
            lines.append("  \(l.region) \(l.profile): \(l.rungs_a.joined(separator: " ")) → \(l.rungs_b.joined(separator: " ")); expected \(f(l.expected_quality_a)) → \(f(l.expected_quality_b))"
                + (l.best_a != l.best_b ? "; best \(l.best_a ?? "–") → \(l.best_b ?? "–")" : ""))
        }
        return lines.joined(separator: "\n")
    }
}

extension Double {
    /// Rounded to `places` decimals for the document (docs/output-format.md); nil when not finite.
    func rounded(_ places: Int) -> Double? { isFinite ? Rounded.places(self, places) : nil }
}
