import Batch
import Foundation
import Support

/// A bench run as the run catalog keeps it: one item per point (its settings and figures as the
/// record; missing points as failed items with the reason) and a `summary` item with the BD-rates
/// and the ladders, so `marquee bench compare` can read two runs back.
public struct BenchSummaryRecord: Codable, Sendable {
    public struct BD: Codable, Sendable { public let profile: String; public let scope: String; public let percent: Double?; public let problem: String? }
    public struct Ladder: Codable, Sendable {
        public let region: String
        public let best: String?
        public let profiles: [String: [String]]
        public let expectedQuality: [String: Double]
        public let stallRatio: [String: Double]
    }
    public let source: String
    public let qualitySeries: String
    public let baseline: String
    public let sampling: String
    public let bdRates: [BD]
    public let ladders: [Ladder]
}

/// A run read back from a catalog.
public struct StoredBenchRun: Sendable {
    public let reference: String
    public let runID: Int64
    public let points: [BenchPoint]
    public let missing: [String: String]
    public let summary: BenchSummaryRecord?
}

public enum BenchCatalog {
    static let summaryKey = "summary"

    /// Records `run` in `catalog`; returns the run's id.
    @discardableResult
    public static func store(_ run: BenchRun, in catalog: RunCatalog, command: String) throws -> Int64 {
        let m = run.measurements
        let id = try catalog.beginRun(job: "bench", command: command, total: m.points.count + m.missing.count)
        let hash = ContentHash.of([run.job.canonical])
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        // A figure may be NaN (a percentile of a series with no frames scored): stored as a word.
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        for p in m.points {
            let item = try catalog.startItem(run: id, key: p.key, inputHash: hash, outputs: ["results.json"])
            let metrics = ["achieved_bitrate_kbps": p.achievedKbps, "quality": p.quality, "encode_fps": p.encodeFPS,
                           "peak_bitrate_kbps": p.peakKbps].filter { $0.value.isFinite }
            try catalog.finishItem(item, status: .done, seconds: Double(p.frames) / max(p.encodeFPS, 1e-9),
                                   outcome: ItemOutcome(metrics: metrics, record: try enc.encode(p)), error: nil)
        }
        for x in m.missing {
            let key = "\(x.profile)/\(x.heightPx.map { "\($0)p" } ?? "*")/\(x.targetKbps.map { "\($0)k" } ?? "*")"
            let item = try catalog.startItem(run: id, key: key, inputHash: hash, outputs: [])
            try catalog.finishItem(item, status: .failed, seconds: 0, outcome: nil, error: x.reason)
        }
        let item = try catalog.startItem(run: id, key: summaryKey, inputHash: hash, outputs: ["results.json", "ladders.json"])
        try catalog.finishItem(item, status: .done, seconds: m.seconds,
                               outcome: ItemOutcome(record: try enc.encode(summary(run))), error: nil)
        try catalog.endRun(id, done: m.points.count, skipped: 0, failed: m.missing.count)
        return id
    }

    static func summary(_ run: BenchRun) -> BenchSummaryRecord {
        let a = run.analysis
        let ladders = a.regions.map { r in
            BenchSummaryRecord.Ladder(
                region: r.region.name, best: r.best,
                profiles: Dictionary(uniqueKeysWithValues: r.ladders.map { l in
                    (l.profile, (l.choice?.rungs ?? []).map { "\($0.point.resolutionHeight)p@\(Int($0.point.bitrateKbps.rounded()))k" })
                }),
                expectedQuality: Dictionary(uniqueKeysWithValues: r.ladders.compactMap { l in l.choice.map { (l.profile, $0.expectedQuality) } }),
                stallRatio: Dictionary(uniqueKeysWithValues: r.ladders.compactMap { l in l.playback.map { (l.profile, $0.stallRatio) } }))
        }
        return BenchSummaryRecord(source: run.job.source, qualitySeries: a.qualitySeries, baseline: a.baseline,
                                  sampling: run.measurements.samplingNote,
                                  bdRates: a.bdRates.map { .init(profile: $0.profile, scope: $0.scope, percent: $0.result?.value, problem: $0.problem) },
                                  ladders: ladders)
    }

    /// Reads a run back. `reference`: a bench output folder or a catalog file, optionally with
    /// `#ID` (default: the folder's latest bench run).
    public static func load(_ reference: String) throws -> StoredBenchRun {
        let parts = reference.split(separator: "#", maxSplits: 1).map(String.init)
        let path = parts.first ?? reference
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw MarqueeError.usage("\(reference): no such folder or catalog; give a bench --out folder (optionally DIR#RUN)")
        }
        let file = isDir.boolValue ? (path as NSString).appendingPathComponent(RunCatalog.defaultName) : path
        guard FileManager.default.fileExists(atPath: file) else {
            throw MarqueeError.usage("\(reference): no run catalog (\(RunCatalog.defaultName)) in it; run `marquee bench … --out \(path)` first")
        }
        let catalog = try RunCatalog(path: file)
        let benchRuns = try catalog.runs(limit: 10_000).filter { $0.job == "bench" }
        let id: Int64
        if parts.count > 1 {
            guard let n = Int64(parts[1]), benchRuns.contains(where: { $0.id == n }) else {
                throw MarqueeError.usage("\(reference): no bench run #\(parts[1]) in \(file); its bench runs: \(benchRuns.map { "#\($0.id)" }.joined(separator: ", "))")
            }
            id = n
        } else {
            guard let latest = benchRuns.first else { throw MarqueeError.usage("\(reference): \(file) holds no bench run") }
            id = latest.id
        }
        let items = try catalog.storedItems(run: id)
        let dec = JSONDecoder()
        dec.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let points = items.filter { $0.key != summaryKey && $0.status == "done" }.compactMap { $0.record.flatMap { try? dec.decode(BenchPoint.self, from: $0) } }
        let missing = Dictionary(items.filter { $0.status == "failed" }.map { ($0.key, $0.error ?? "") }, uniquingKeysWith: { a, _ in a })
        let summary = items.first { $0.key == summaryKey }?.record.flatMap { try? dec.decode(BenchSummaryRecord.self, from: $0) }
        return StoredBenchRun(reference: "\(path)#\(id)", runID: id, points: points, missing: missing, summary: summary)
    }
}
