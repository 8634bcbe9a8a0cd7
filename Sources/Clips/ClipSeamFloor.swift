import Foundation
import Support
import Media

/// What a frame-accurate, loudness-normalised smart cut must do beyond a stream copy of the same clips, for
/// benchmarks (`marquee clips floor --smart`, hidden), done with the Media wrappers alone. Per clip:
/// - the head: its GOP decoded (frames before the cue that no picture refers to skipped) and the frames from
///   the cue to the next keyframe encoded by x264 at the seam settings (`SmartCutStream`);
/// - the tail: its GOP decoded up to the frames shown before the end (frames before the split skipped where
///   no picture refers to them) and the frames after the last exact split (`GOP.exactSplit`) encoded, or the
///   whole tail from the keyframe where there is no split;
/// - the audio: its AAC packets decoded, resampled to 48 kHz stereo and encoded again as AAC (a gain cannot
///   be applied to AAC packets as they are).
/// Left out, so that this stays under what any such tool needs: measuring the loudness and applying the
/// gain (Marquee's own code), muxing and review pictures (a copy does those too). The packets are read from
/// a seek to each clip's start, as a copy reads them.
public enum ClipSeamFloor {
    public static func measure(replay: String, clips: [(start: Double, end: Double)], audioBitRate: Int = 128_000) throws -> ClipFloor.Result {
        let demuxer = try Demuxer(path: replay)
        guard let video = demuxer.bestStream("video") else { throw MarqueeError.input("replay \(replay) has no video stream") }
        let audio = demuxer.bestStream("audio")
        let (cpu0, wall0) = (ClipFloor.cpuSeconds(), Date())
        var result = ClipFloor.Result(cpu: 0, wall: 0, framesDecoded: 0, framesEncoded: 0)
        let origin = video.timeBase.seconds(video.startTime ?? 0)
        for clip in clips {
            let seams = try Seams(demuxer: demuxer, video: video, audio: audio, origin: origin, clip: clip, audioBitRate: audioBitRate)
            try demuxer.seek(video, toSeconds: max(0, clip.start))
            try seams.run(&result)
        }
        result.cpu = ClipFloor.cpuSeconds() - cpu0
        result.wall = Date().timeIntervalSince(wall0)
        return result
    }

    /// One clip's seams and audio, fed the packets read from its start.
    private final class Seams {
        let demuxer: Demuxer, video: StreamDetails, audio: StreamDetails?
        let start: Int64, end: Int64
        let audioFrom: Double, audioTo: Double
        let smart: SmartCutStream
        let settings: ClipEncoderSettings
        let decoder: Decoder
        let frame: Frame
        private var aac: (decoder: Decoder, encoder: Encoder)?
        private var resampler: Resampler?
        private let pcm = PCMFrames(channels: 2)
        /// Time of the last audio packet read, seconds.
        private var audioSeen = -Double.infinity

        init(demuxer: Demuxer, video: StreamDetails, audio: StreamDetails?, origin: Double,
             clip: (start: Double, end: Double), audioBitRate: Int) throws {
            self.demuxer = demuxer; self.video = video; self.audio = audio
            start = video.timeBase.ticks(origin + clip.start)
            end = video.timeBase.ticks(origin + clip.end)
            audioFrom = origin + clip.start - 0.1
            audioTo = origin + clip.end + 0.1
            smart = try SmartCutStream(source: video)
            settings = ClipEncoderSettings(name: "seam", preset: SmartCutStream.seamPreset, crf: SmartCutStream.seamCRF,
                                           audioBitRate: audioBitRate)
            decoder = try Decoder(demuxer, stream: video, threads: 0)
            frame = try Frame()
            if let audio {
                aac = (try Decoder(demuxer, stream: audio, threads: 1),
                       try Encoder(sampleRate: ClipAudio.rate, channels: 2, bitRate: audioBitRate))
            }
        }

        func run(_ result: inout ClipFloor.Result) throws {
            var gop = GOP()
            var videoDone = false
            // Until the video's last seam is done and the audio has passed the clip's end (or the file ends).
            while !videoDone || (audio != nil && audioSeen < audioTo) {
                let p = try Packet()
                let more = try demuxer.read(into: p)
                if more, p.streamIndex == audio?.index { try audioPacket(p); continue }
                guard !more || p.streamIndex == video.index else { continue }
                if !videoDone, !more || (p.isKeyframe && !gop.isEmpty) {
                    gop.endPts = more ? p.pts : .max
                    try seam(gop, &result)
                    videoDone = gop.endPts > end
                    gop = GOP()
                }
                if !more { break }
                if !videoDone { if gop.isEmpty { gop.startPts = p.pts }; gop.packets.append(p) }
            }
            try finishAudio()
        }

        /// The head or tail work of one GOP, if it holds the clip's start or end inside it.
        private func seam(_ gop: GOP, _ result: inout ClipFloor.Result) throws {
            guard !gop.isEmpty, gop.endPts > start, gop.startPts < end else { return }
            if gop.startPts < start {
                try encode(gop.packets[...], skipBefore: start, from: start, to: min(gop.endPts, end), &result)
            }
            if gop.endPts > end, gop.startPts >= start {
                let (count, exact) = gop.prefix(before: end)
                guard !exact else { return }
                let boundary = gop.exactSplit(before: end)?.boundary ?? gop.startPts
                try encode(gop.packets.prefix(count), skipBefore: boundary, from: boundary, to: end, &result)
            }
        }

        /// Decodes `packets` (skipping, before `skipBefore`, those no picture refers to) and encodes the frames
        /// shown in `from..<to` with a new seam encoder.
        private func encode(_ packets: ArraySlice<Packet>, skipBefore: Int64, from: Int64, to: Int64,
                            _ result: inout ClipFloor.Result) throws {
            let encoder = try smart.makeSegmentEncoder(settings: settings)
            func take() throws {
                while try decoder.receive(into: frame) {
                    result.framesDecoded += 1
                    let pts = frame.bestEffortPts
                    guard pts >= from, pts < to else { continue }
                    frame.clearPictureType()
                    _ = try encoder.encode(frame)
                    result.framesEncoded += 1
                }
            }
            decoder.flush()
            for p in packets where !(p.pts < skipBefore && smart.isDisposable(p)) {
                try decoder.send(p)
                try take()
            }
            try decoder.send(nil)
            try take()
            _ = try encoder.encode(nil)
        }

        private func audioPacket(_ p: Packet) throws {
            guard let audio, let aac, p.pts != Packet.noTimestamp else { return }
            let t = audio.timeBase.seconds(p.pts)
            audioSeen = max(audioSeen, t)
            guard t >= audioFrom, t < audioTo else { return }
            try aac.decoder.send(p)
            let decoded = try Frame()
            while try aac.decoder.receive(into: decoded) {
                if resampler == nil { resampler = try Resampler(from: decoded, outputRate: ClipAudio.rate, outputChannels: 2) }
                pcm.append(resampler!.convert(decoded))
                try encodeAudio(flush: false)
            }
        }

        private func finishAudio() throws {
            guard let aac else { return }
            try encodeAudio(flush: true)
            _ = try aac.encoder.encode(nil)
        }

        private func encodeAudio(flush: Bool) throws {
            guard let encoder = aac?.encoder else { return }
            while let frame = try pcm.next(for: encoder, flush: flush) { _ = try encoder.encode(frame) }
        }
    }
}
