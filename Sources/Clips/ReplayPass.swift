import Support
import PluginKit
import Presets
import Batch
import Foundation
import Media

/// Makes every clip of one replay in one demux and decode pass: packets are read once, in file order;
/// whole GOPs go to the clips that overlap them (copied, or decoded once and shared by every clip that
/// needs the frames, overlapping clips included); audio is decoded once where any clip needs it. Clips
/// keep their packets and samples on disk until they are complete, so memory stays bounded whatever
/// the replay's length. Each clip's result is delivered as soon as it is written; a clip that fails
/// does not stop the others.
final class ReplayPass {
    typealias Delivery = @Sendable (Cue, Result<ClipRecord, Error>) -> Void

    /// Read on this pass's thread only; the writer thread gets `parameters`, Sendable copies.
    let demuxer: Demuxer
    let parameters: [Int: StreamParameters]
    let video: StreamDetails
    let audioStream: StreamDetails?
    let origin: Double
    private var jobs: [ClipWork]
    private let deliver: Delivery
    private var videoDecoder: Decoder?
    private var decoderWarm = false
    private var decodeRanges: [ObjectIdentifier: (from: Int64, to: Int64)] = [:]
    private var audioDecoder: Decoder?
    private var resampler: Resampler?
    private var audioWarm = false
    private var audioRun: (start: Double, produced: Int)?
    private var decodeErrorsSeen = 0
    /// Writes finished clips while the pass reads on, several at once: a clip's writing (loudness
    /// passes, AAC, muxing, review pictures) is independent of every other's, and one writer at a time
    /// left a core idle once the pass had ended with two clips still to write.
    private let writer = DispatchQueue(label: "marquee.clip-writer", attributes: .concurrent)
    private let writing = DispatchGroup()
    private var smartProbe: SmartCutStream?
    /// A keyframe that is not an IDR picture has been seen: the replay has open GOPs.
    private var openGOP = false
    /// Open-GOP replay: re-encoded clips that ended in the GOP just decoded, completed after the next one.
    private var ending: [ClipWork] = []
    /// Seeks over the stretches between spans of clips.
    private(set) var seeker: SpanSeeker

    init(demuxer: Demuxer, video: StreamDetails, audio: StreamDetails?, origin: Double, jobs: [ClipWork], deliver: @escaping Delivery) {
        self.demuxer = demuxer; parameters = demuxer.parameters
        self.video = video; audioStream = audio; self.origin = origin
        self.jobs = jobs; self.deliver = deliver
        seeker = SpanSeeker(video: video)
    }

    /// Runs the pass to the end of the replay (or to where it breaks).
    func run() {
        var gop = GOP()
        var breakMessage: String?
        var lastVideoEnd: Int64 = .min
        while !jobs.isEmpty {
            let p: Packet
            do {
                p = try Packet()
                guard try demuxer.read(into: p) else { break }
            } catch {
                breakMessage = "\(error)"
                break
            }
            let isAudio = audioStream.map { p.streamIndex == $0.index } ?? false
            if seeker.isLanding && (p.streamIndex == video.index || isAudio) {
                guard case .landed(let held) = seeker.check(p, isVideo: !isAudio, demuxer: demuxer) else { continue }
                for a in held { handleAudio(a) }
            }
            if p.streamIndex == video.index {
                if p.pts != Packet.noTimestamp { lastVideoEnd = max(lastVideoEnd, p.pts + max(p.duration, 1)) }
                if p.isKeyframe && !gop.isEmpty {
                    gop.endPts = p.pts
                    process(gop, nextKey: p)
                    gop = GOP()
                    if seeker.seekIfIdle(at: p, jobs: jobs, idle: !decoderWarm && ending.isEmpty, demuxer: demuxer) {
                        audioWarm = false
                        continue
                    }
                }
                if gop.isEmpty { gop.startPts = p.pts == Packet.noTimestamp ? p.dts : p.pts }
                gop.packets.append(p)
            } else if isAudio {
                handleAudio(p)
            }
        }
        if !gop.isEmpty {
            // The end of the last frame read: a clip whose cue goes past it is not completed as if whole.
            gop.endPts = lastVideoEnd == .min ? .max : lastVideoEnd
            process(gop)
        }
        if decoderWarm { drainVideo() }
        for job in jobs { job.audio?.complete = true }
        let endSeconds = lastVideoEnd == .min ? 0 : video.timeBase.seconds(lastVideoEnd) - origin
        for job in jobs where job.failure == nil {
            if job.zero == nil || job.endSeconds < job.cue.end - 0.5 || job.frames == 0 {
                let why = breakMessage.map { "the replay breaks at \(Timecode.format(endSeconds)) (\($0))" }
                    ?? "the replay's video ends at \(Timecode.format(endSeconds))"
                job.failure = MarqueeError.item("clip \(job.cue.id): \(why), before this cue (\(Timecode.format(job.cue.start))–\(Timecode.format(job.cue.end))) could be cut; shorten or drop the cue")
            } else {
                do { try job.completeVideo() } catch { job.failure = error }
            }
        }
        finishReady()
        for job in jobs { deliver(job.cue, .failure(job.failure ?? MarqueeError.item("clip \(job.cue.id): not finished"))) }
        jobs.removeAll()
        writing.wait()
    }

    // MARK: Video

    private func process(_ gop: GOP, nextKey: Packet? = nil) {
        noteOpenGOP(gop, nextKey: nextKey)
        var actions: [(ClipWork, GOPAction)] = []
        for job in jobs where !job.isDone {
            checkSmartSource(job, gop)
            actions.append((job, job.action(for: gop)))
        }
        let decoding = actions.filter { $0.1.decodeRange != nil }
        let carried = ending.filter { !$0.isDone }
        if decoding.isEmpty && carried.isEmpty && decoderWarm { drainVideo() }
        if decoding.isEmpty && carried.isEmpty { decodeRanges.removeAll() }
        for (job, action) in actions {
            guard let n = action.copyCount else { continue }
            do { try job.copy(gop.packets.prefix(n)) } catch { fail(job, error) }
        }
        if !decoding.isEmpty || !carried.isEmpty {
            // Jobs that decoded the previous GOP but not this one were drained already (they ended, or are smart),
            // or, in an open-GOP replay, are carried: their last frames may be coded in this GOP.
            decodeRanges.removeAll()
            for (job, action) in decoding { decodeRanges[ObjectIdentifier(job)] = action.decodeRange }
            for job in carried { decodeRanges[ObjectIdentifier(job)] = (job.startTicks - job.tolerance, job.endTicks) }
            // Clips that all end inside this GOP need only the decode-order prefix holding their frames.
            var limit = 0
            for (_, action) in decoding {
                if let to = action.decodeRange?.to { limit = max(limit, to >= gop.endPts ? gop.packets.count : gop.prefix(before: to).count) }
            }
            if !carried.isEmpty || openGOP { limit = gop.packets.count }
            decode(gop, upTo: limit)
            for job in carried where !job.isDone {
                do { try job.completeVideo() } catch { fail(job, error) }
            }
            ending.removeAll()
            let smart = decoding.contains { $0.0.mode == .smart }
            let ends = decoding.map(\.0).filter { gop.endPts >= $0.endTicks }
            if openGOP && !smart {
                // Draining would reset the decoder, and the next GOP's leading pictures (shown before its
                // keyframe, so possibly in these clips) refer to this one: take them from the next decode.
                ending = ends
            } else if smart || !ends.isEmpty {
                drainVideo()
            }
        }
        for job in jobs where !job.isDone && gop.endPts >= job.endTicks && !ending.contains(where: { $0 === job }) {
            do { try job.completeVideo() } catch { fail(job, error) }
        }
        finishReady()
    }

    /// Notes a keyframe that is not an IDR picture (this GOP's, or the next one's, which is known before
    /// any clip takes frames of this GOP): the replay has open GOPs.
    private func noteOpenGOP(_ gop: GOP, nextKey: Packet?) {
        guard !openGOP, video.info.codec == "h264" else { return }
        if smartProbe == nil { smartProbe = try? SmartCutStream(source: video) }
        guard let probe = smartProbe else { return }
        if let key = gop.packets.first, key.isKeyframe, !probe.isIDR(key) { openGOP = true }
        if let next = nextKey, !probe.isIDR(next) { openGOP = true }
    }

    /// Smart cut needs IDR keyframes (closed GOPs); in an open-GOP replay a smart clip not yet started falls
    /// back to re-encoding, said in clips.json, and one already under way fails with the reason.
    private func checkSmartSource(_ job: ClipWork, _ gop: GOP) {
        guard job.mode == .smart, openGOP, gop.endPts > job.startTicks + job.tolerance, gop.startPts < job.endTicks else { return }
        guard job.frames == 0 else {
            fail(job, MarqueeError.item("clip \(job.cue.id): the replay has an open GOP (a keyframe that is not an IDR picture) inside this clip, which smart cut cannot copy; cut it with --mode reencode"))
            return
        }
        job.mode = .reencode
        job.fallbackReason = "the replay's keyframes are not IDR pictures (open GOP), so copied frames could refer to dropped ones"
        if job.renderer == nil { job.renderer = ClipPlanner.plainRenderer(video) }
    }

    private func decode(_ gop: GOP, upTo limit: Int) {
        let dec: Decoder, frame: Frame
        do {
            dec = try videoDecoder ?? Decoder(demuxer, stream: video, threads: 0)
            videoDecoder = dec
            frame = try Frame()
        } catch {
            for job in jobs where decodeRanges[ObjectIdentifier(job)] != nil { fail(job, error) }
            return
        }
        if !decoderWarm { dec.flush() }
        decoderWarm = true
        // Pictures before every clip's first frame that nothing refers to are never needed: not decoded.
        let needed = ending.isEmpty && !openGOP ? decodeRanges.values.map(\.0).min() : nil
        for p in gop.packets.prefix(limit) {
            if let needed, p.pts != Packet.noTimestamp, p.pts < needed, smartProbe?.isDisposable(p) == true {
                continue
            }
            do {
                try dec.send(p)
                while try dec.receive(into: frame) { route(frame) }
            } catch {
                noteDecodeErrors()
            }
        }
        noteDecodeErrors()
    }

    private func drainVideo() {
        guard let dec = videoDecoder else { decoderWarm = false; return }
        do {
            let frame = try Frame()
            try? dec.send(nil)
            while (try? dec.receive(into: frame)) == true { route(frame) }
        } catch {
            for job in jobs where decodeRanges[ObjectIdentifier(job)] != nil { fail(job, error) }
        }
        dec.flush()
        decoderWarm = false
        noteDecodeErrors()
        // A smart cut's encoded segment is one GOP (head or tail): it ends with the drain.
        for job in jobs where job.mode == .smart {
            do { try job.closeSegment() } catch { fail(job, error) }
        }
    }

    private func route(_ frame: Frame) {
        let pts = frame.bestEffortPts
        guard pts != Packet.noTimestamp else { return }
        for job in jobs where !job.isDone {
            guard let range = decodeRanges[ObjectIdentifier(job)] else { continue }
            do { try job.frame(frame, pts: pts, range: range) } catch { fail(job, error) }
        }
    }

    /// Decoder errors (corrupt packets) become warnings of the clips being decoded.
    private func noteDecodeErrors() {
        guard let dec = videoDecoder, dec.errors.count > decodeErrorsSeen else { return }
        let new = dec.errors[decodeErrorsSeen...]
        decodeErrorsSeen = dec.errors.count
        for job in jobs where !job.isDone && decodeRanges[ObjectIdentifier(job)] != nil {
            job.warnings += new.map { "decoder: \($0)" }
        }
    }

    // MARK: Audio

    private func handleAudio(_ p: Packet) {
        guard let a = audioStream else { return }
        let ts = p.pts == Packet.noTimestamp ? p.dts : p.pts
        guard ts != Packet.noTimestamp else { return }
        let t = a.timeBase.seconds(ts) - origin
        let d = a.timeBase.seconds(max(0, p.duration))
        for job in jobs where !job.isDone || !(job.audio?.complete ?? true) {
            guard let audio = job.audio, audio.packets != nil else { continue }
            let zero = job.zero.map { video.timeBase.seconds($0) - origin }
            do { try audio.offer(p, at: t, zero: zero, end: job.videoComplete ? job.endSeconds : nil) } catch { fail(job, error) }
        }
        let wanted = jobs.contains { j in
            guard let audio = j.audio, audio.wantsSamples, !audio.complete else { return false }
            return t + d > audio.from - 0.5 && t < audio.to
        }
        if wanted {
            decodeAudio(p, at: t)
        } else {
            audioWarm = false
        }
        for job in jobs { if let audio = job.audio, t > audio.to + 0.2 { audio.complete = true } }
        finishReady()
    }

    private func decodeAudio(_ p: Packet, at t: Double) {
        guard let a = audioStream else { return }
        do {
            if audioDecoder == nil { audioDecoder = try Decoder(demuxer, stream: a, threads: 1) }
            let dec = audioDecoder!
            if !audioWarm { dec.flush(); audioRun = nil; audioWarm = true }
            try dec.send(p)
            let frame = try Frame()
            while try dec.receive(into: frame) {
                if resampler == nil { resampler = try Resampler(from: frame, outputRate: ClipAudio.rate, outputChannels: 2) }
                let ft = frame.bestEffortPts == Packet.noTimestamp ? t : a.timeBase.seconds(frame.bestEffortPts) - origin
                if audioRun == nil { audioRun = (ft, 0) }
                let chunk = resampler!.convert(frame)
                let n = chunk.first?.count ?? 0
                let at = audioRun!.start + Double(audioRun!.produced) / Double(ClipAudio.rate)
                audioRun!.produced += n
                for job in jobs where !job.isDone || !(job.audio?.complete ?? true) {
                    guard let audio = job.audio, audio.wantsSamples else { continue }
                    do { try audio.offer(chunk, at: at) } catch { fail(job, error) }
                }
            }
        } catch {
            for job in jobs where job.audio?.wantsSamples == true && !job.isDone {
                job.warnings.append("audio decoder at \(Timecode.format(t)): \(error)")
            }
        }
    }

    // MARK: Finishing

    private func fail(_ job: ClipWork, _ error: Error) {
        guard job.failure == nil else { return }
        // Errors from below (I/O, FFmpeg) do not know the clip: name it, unless the message does (its files are `<id>.…`).
        let text = "\(error)"
        let named = text.contains("clip \(job.cue.id)") || text.contains("/\(job.cue.id).")
        job.failure = named ? error : MarqueeError.item("clip \(job.cue.id): \(text)")
    }

    /// Hands every clip whose video and audio are complete to a writer thread (loudness, AAC, MP4), so
    /// the pass goes on decoding the next clip meanwhile; delivers failures.
    private func finishReady() {
        var remaining: [ClipWork] = []
        for job in jobs {
            if let f = job.failure {
                deliver(job.cue, .failure(f))
                job.release()
            } else if job.videoComplete && (job.audio?.complete ?? true) {
                let work = ClipHandoff(job: job, parameters: parameters, deliver: deliver)
                writer.async(group: writing) { work.write() }
            } else {
                remaining.append(job)
            }
        }
        jobs = remaining
    }
}

/// A finished clip moved to the writer thread, with copies of the replay's codec parameters (never the demuxer).
private final class ClipHandoff: @unchecked Sendable {
    // Safe to share: `ClipWork` is not Sendable, but the pass drops the job when it hands it off, so only the writer touches it.
    let job: ClipWork
    let parameters: [Int: StreamParameters]
    let deliver: ReplayPass.Delivery

    init(job: ClipWork, parameters: [Int: StreamParameters], deliver: @escaping ReplayPass.Delivery) {
        self.job = job; self.parameters = parameters; self.deliver = deliver
    }

    func write() {
        do {
            if let audio = job.audio, audio.packets != nil {
                try audio.settle(zero: job.startSeconds, end: job.endSeconds)
            }
            deliver(job.cue, .success(try ClipMuxer.write(job, parameters: parameters)))
        } catch {
            deliver(job.cue, .failure(error))
        }
        job.release()
    }
}
