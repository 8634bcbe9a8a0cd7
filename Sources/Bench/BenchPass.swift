import Batch
import Foundation
import Media
import Quality
import QualityKernels
import Support

/// What a bench pass measured, before the analysis.
public struct BenchMeasurements: Sendable {
    public let source: SourceFacts
    public let sampled: Bool
    public let samplingNote: String
    /// The encoded stretches of the source: start and length in seconds.
    public let windows: [(start: Double, seconds: Double)]
    public let points: [BenchPoint]
    public let missing: [MissingPoint]
    /// Pictures of one frame: the source's, and each kept rung's (by point key).
    public let sourceThumbnail: Thumbnail?
    public let thumbnails: [String: Thumbnail]
    /// How many times the source was decoded (more than once when the rungs exceed the memory budget).
    public let decodingPasses: Int
    public let warnings: [String]
    public let seconds: Double
}

/// Runs the rungs of a `BenchJob`: the source is decoded on one thread (once per pass) and each
/// frame is handed to every rung's bounded queue; rungs encode and score concurrently, at most
/// `job.concurrency` at a time. Memory holds the frames in flight and the encoders, never the source.
public enum BenchPass {
    public static func run(_ job: BenchJob, progress: RateProgress? = nil) async throws -> BenchMeasurements {
        try await onOwnThread(name: "marquee-bench") { try runBlocking(job, progress: progress) }
    }

    public static func runBlocking(_ job: BenchJob, progress: RateProgress? = nil) throws -> BenchMeasurements {
        let started = Date()
        let plan = try BenchPlan(job)
        let probe = try VideoReader(path: job.source, threads: 1)
        let format = PictureFormat(width: probe.width, height: probe.height, bitDepth: probe.layout.bitDepth,
                                   chromaShiftX: probe.layout.chromaShiftX, chromaShiftY: probe.layout.chromaShiftY)
        var sessions: [(name: String, session: any MetricSession)] = try job.metrics.map {
            ($0.plugin.metadata.name, try $0.plugin.session(parameters: $0.parameters, format: format))
        }
        if let phone = job.phoneMetric {
            sessions.append(("vmaf_phone", try phone.plugin.session(parameters: phone.parameters, format: format)))
        }
        let lowest = job.bitratesKbps.first
        let thumbnailFrame = plan.expectedFrames / 2
        let tally = ProgressTally()
        let context = RungWorker.Context(source: plan.source, layout: probe.layout, sessions: sessions,
                                         qualitySeries: job.qualitySeries, gate: DispatchSemaphore(value: job.concurrency),
                                         tally: tally, thumbnailFrame: thumbnailFrame)
        var points: [BenchPoint] = [], missing = plan.missing, thumbs: [String: Thumbnail] = [:]
        var sourceThumb: Thumbnail?
        var warnings: [String] = []
        let groups = passes(plan.rungs, budgetMB: job.memoryBudgetMB)
        progress?.begin(total: plan.expectedFrames * plan.rungs.count)
        for group in groups {
            let workers = group.map { RungWorker($0, context: context) }
            let fed = try feed(job.source, windows: plan.windows, to: workers, sessions: sessions, thumbnailFrame: thumbnailFrame,
                               progress: { progress?.update(done: tally.value) })
            if sourceThumb == nil { sourceThumb = fed.thumbnail }
            if !fed.decodeErrors.isEmpty {
                warnings.append("\(job.source): \(fed.decodeErrors.count) decode error(s), first: \(fed.decodeErrors[0])")
            }
            for worker in workers {
                switch worker.outcome() {
                case .measured(let point, let thumb):
                    points.append(point)
                    if point.targetKbps == lowest, let thumb { thumbs[point.key] = thumb }
                case .failed(let m): missing.append(m)
                }
            }
            progress?.update(done: tally.value)
        }
        progress?.end()
        if groups.count > 1 {
            warnings.append("\(plan.rungs.count) rungs exceed the encoders' memory budget (\(job.memoryBudgetMB) MB): the source was decoded \(groups.count) times")
        }
        return BenchMeasurements(
            source: plan.source, sampled: plan.sampled, samplingNote: plan.samplingNote,
            windows: plan.sampled ? plan.windows.map { ($0.start, $0.seconds) } : [(0, plan.source.duration)],
            points: points, missing: missing, sourceThumbnail: sourceThumb, thumbnails: thumbs,
            decodingPasses: groups.count, warnings: warnings, seconds: Date().timeIntervalSince(started))
    }

    /// Splits rungs into decoding passes whose encoders fit `budgetMB` (an encoder's frames in
    /// flight, its reference and look-ahead pictures: about 48 pictures of its size).
    static func passes(_ rungs: [BenchPlan.Rung], budgetMB: Int) -> [[BenchPlan.Rung]] {
        var groups: [[BenchPlan.Rung]] = [], current: [BenchPlan.Rung] = [], used = 0.0
        for r in rungs {
            let mb = Double(r.spec.width * r.spec.height) * 1.5 * 48 / 1_000_000
            if !current.isEmpty, used + mb > Double(budgetMB) { groups.append(current); current = []; used = 0 }
            current.append(r); used += mb
        }
        return current.isEmpty ? groups : groups + [current]
    }

    /// Decodes the windows of the source once and hands every frame to every worker, renumbered
    /// consecutively, with the metrics' reference side computed once; ends every worker's input.
    /// Returns the decoder's complaints and the source picture of `thumbnailFrame`.
    private static func feed(_ path: String, windows: [SampleWindow], to workers: [RungWorker],
                             sessions: [(name: String, session: any MetricSession)], thumbnailFrame: Int,
                             progress: () -> Void) throws -> (decodeErrors: [String], thumbnail: Thumbnail?) {
        defer { for w in workers { w.input.put(.end) } }
        let reader: VideoReader
        do { reader = try VideoReader(path: path, threads: 2) } catch {
            throw MarqueeError.input("\(path): \(error.action): \(error.message)")
        }
        var fed = 0, thumbnail: Thumbnail?, previous: Picture?
        do {
            for window in windows {
                if window.start > 0 { try reader.seek(to: window.start) }
                while let item = try reader.nextShared() {
                    let (picture, frame) = item
                    if picture.time < window.start - 1e-6 { continue }
                    if picture.time >= window.end - 1e-6 { break }
                    let shared = try frame.reindexed(fed)
                    if fed == thumbnailFrame { thumbnail = Thumbnail(picture.picture) }
                    let reference = RungWorker.Reference(picture.picture, previous: previous, sessions: sessions,
                                                         users: workers.count)
                    previous = picture.picture
                    for w in workers { w.input.put(.frame(picture, shared, reference)) }
                    fed += 1
                    if fed % 8 == 0 { progress() }
                }
            }
        } catch {
            throw MarqueeError.input("\(path): \(error.action) failed after \(fed) frame(s): \(error.message)")
        }
        guard fed > 0 else { throw MarqueeError.input("\(path): no frames could be decoded in the chosen stretch") }
        return (reader.decodeErrors, thumbnail)
    }
}
