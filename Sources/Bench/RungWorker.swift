import Foundation
import Media
import Quality
import QualityKernels
import Support
import Synchronization

/// One rung on a thread of its own: takes the source's frames from its bounded queue, scales,
/// encodes, decodes and scales back with a `RungTranscoder`, and scores each picture against the
/// source picture it came from. At most `gate`'s count of rungs work at once; the rest wait.
/// Holds only the pictures the encoder has not given back yet.
final class RungWorker: Sendable {
    enum Feed: Sendable {
        /// A source frame, and what each session prepared from it once for every rung (`Reference`).
        case frame(VideoPicture, SharedFrame, Reference)
        case end
    }

    /// The reference side of a frame: per session, what its `prepare` returned. Computed by the
    /// first rung that scores the frame and shared by the others; the last one frees it, so it
    /// lives only while the rungs are scoring that frame (VIF's alone is 8 bytes a pixel).
    final class Reference: Sendable {
        private struct State {
            var previous: Picture?
            var prepared: [(any Sendable)?]?
            var users: Int
        }
        private let picture: Picture
        private let sessions: [(name: String, session: any MetricSession)]
        private let state: Mutex<State>

        /// `users`: how many rungs will score the frame.
        init(_ picture: Picture, previous: Picture?, sessions: [(name: String, session: any MetricSession)], users: Int) {
            self.picture = picture
            self.sessions = sessions
            state = Mutex(State(previous: previous, prepared: nil, users: users))
        }

        /// Every session's `prepare` on the picture (after the previous one), run once.
        func prepared() throws -> [(any Sendable)?] {
            try state.withLock { state in
                if let done = state.prepared { return done }
                let done = try sessions.map { try $0.session.prepare(reference: picture, previousReference: state.previous) }
                state.prepared = done
                state.previous = nil
                return done
            }
        }

        /// One rung has scored the frame; the last frees what was prepared.
        func release() {
            state.withLock { state in
                state.users -= 1
                if state.users <= 0 { state.prepared = nil; state.previous = nil }
            }
        }
    }

    enum Outcome: Sendable {
        case measured(BenchPoint, thumbnail: Thumbnail?)
        case failed(MissingPoint)
    }

    /// What every rung of a pass shares.
    struct Context: Sendable {
        let source: SourceFacts
        let layout: PictureLayout
        let sessions: [(name: String, session: any MetricSession)]
        let qualitySeries: String
        let gate: DispatchSemaphore
        let tally: ProgressTally
        /// The compared frame whose decoded picture is kept for the report (nil: none).
        let thumbnailFrame: Int?
    }

    let input = BoundedQueue<Feed>(capacity: 6)
    private let result = BoundedQueue<Outcome>(capacity: 1)

    init(_ rung: BenchPlan.Rung, context: Context) {
        let input = self.input, result = self.result
        let thread = Thread {
            result.put(RungWorker.work(rung, context: context, input: input))
            input.close()
        }
        thread.name = "marquee-rung"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the rung to finish.
    func outcome() -> Outcome {
        result.take() ?? .failed(MissingPoint(profile: "", reason: "the rung's thread ended without a result"))
    }

    private static func work(_ rung: BenchPlan.Rung, context: Context, input: BoundedQueue<Feed>) -> Outcome {
        let missing = { (why: String) in
            Outcome.failed(MissingPoint(profile: rung.profile.name, heightPx: rung.spec.height, targetKbps: rung.spec.bitrateKbps, reason: why))
        }
        let transcoder: RungTranscoder
        do {
            transcoder = try RungTranscoder(settings: rung.settings, sourceWidth: context.source.width,
                                            sourceHeight: context.source.height, layout: context.layout)
        } catch {
            input.close()
            return missing("\(rung.settings.codec) refused the settings: \(error.action): \(error.message)")
        }
        var state = RungState(context: context)
        while let feed = input.take() {
            context.gate.wait()
            defer { context.gate.signal() }
            do {
                let started = Date()
                let out: (pictures: [VideoPicture], packets: [RungTranscoder.PacketFacts])
                switch feed {
                case .frame(let picture, let frame, let reference):
                    state.pending.append((picture, reference))
                    out = try transcoder.push(frame)
                case .end:
                    out = try transcoder.push(nil)
                }
                state.busySeconds += Date().timeIntervalSince(started)
                try state.take(out.pictures, out.packets)
            } catch {
                input.close()
                return missing("\(rung.settings.codec) failed after \(state.compared) frame(s): \(error)")
            }
            if case .end = feed { break }
        }
        guard state.compared > 0 else { return missing("no frames came back from \(rung.settings.codec)") }
        return .measured(state.point(rung), thumbnail: state.thumbnail)
    }
}

/// A rung's running figures.
private struct RungState {
    let context: RungWorker.Context
    /// The source pictures given to the encoder and not yet back, oldest first.
    var pending: [(picture: VideoPicture, reference: RungWorker.Reference)] = []
    var compared = 0
    var busySeconds = 0.0
    var bytes = 0, keyframes = 0
    var bytesPerSecond: [Int: Int] = [:]
    var accumulators: [any MetricAccumulator]
    var thumbnail: Thumbnail?
    /// The reference picture before the one being compared (motion, for VMAF).
    var previousReference: Picture?

    init(context: RungWorker.Context) {
        self.context = context
        accumulators = context.sessions.map { $0.session.makeAccumulator() }
    }

    mutating func take(_ pictures: [VideoPicture], _ packets: [RungTranscoder.PacketFacts]) throws {
        for p in packets {
            bytes += p.bytes
            if p.keyframe { keyframes += 1 }
            bytesPerSecond[Int(p.time.rounded(.down)), default: 0] += p.bytes
        }
        for decoded in pictures {
            guard !pending.isEmpty else { throw MarqueeError.item("the encoder gave back more pictures than it was given") }
            // Dropped at once: a source picture is freed as soon as the last rung has scored it.
            let reference = pending.removeFirst()
            let distorted = decoded.picture, current = reference.picture.picture
            let prepared = try reference.reference.prepared()
            for (i, s) in context.sessions.enumerated() {
                let m = try s.session.measure(reference: current, distorted: distorted, previousReference: previousReference,
                                              prepared: prepared[i])
                _ = accumulators[i].add(m, index: compared)
            }
            reference.reference.release()
            previousReference = current
            if compared == context.thumbnailFrame { thumbnail = Thumbnail(distorted) }
            compared += 1
            context.tally.add(1)
        }
    }

    func point(_ rung: BenchPlan.Rung) -> BenchPoint {
        var scores: [String: BenchPoint.Score] = [:]
        for (i, acc) in accumulators.enumerated() {
            let series = acc.finish()
            let phone = context.sessions[i].name == "vmaf_phone"
            for s in (phone ? Array(series.prefix(1)) : series) where !s.name.hasPrefix("mse") {
                scores[phone ? "vmaf_phone" : s.name] = BenchPoint.Score(s.values, pooled: s.pooled["pooled_from_mean_mse"])
            }
        }
        let fps = context.source.frameRate
        let seconds = Double(compared) / fps
        let headline = scores[context.qualitySeries]
        let encodeFPS = busySeconds > 0 ? Double(compared) / busySeconds : 0
        var settings = rung.settings.options
        settings["gop_frames"] = rung.settings.gop.map(String.init) ?? "encoder default"
        settings["threads"] = String(rung.settings.threads)
        let preset = rung.profile.preset
        return BenchPoint(
            profile: preset.name, encoder: preset.encoder, codec: preset.codec, preset: preset.preset,
            rateControl: preset.rate_control, widthPx: rung.spec.width, heightPx: rung.spec.height,
            targetKbps: rung.spec.bitrateKbps, settings: settings, frames: compared,
            achievedKbps: Double(bytes) * 8 / 1000 / seconds,
            peakKbps: Double(bytesPerSecond.values.max() ?? 0) * 8 / 1000, keyframes: keyframes,
            encodeFPS: encodeFPS, realtime: encodeFPS >= fps, scores: scores,
            quality: headline?.pooled ?? .nan, qualityP1: headline?.percentile1 ?? .nan,
            qualityP5: headline?.percentile5 ?? .nan, phoneQuality: scores["vmaf_phone"]?.pooled)
    }
}

/// Frames scored over all rungs, for progress; safe from any thread.
final class ProgressTally: @unchecked Sendable {
    // Safe to share: `count` is only touched under `lock`.
    private let lock = NSLock()
    private var count = 0
    func add(_ n: Int) { lock.lock(); count += n; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
