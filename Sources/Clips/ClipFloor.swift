import Foundation
import Support
import Media

/// The physical floor of a vertical cut, for benchmarks (`marquee clips floor`, hidden): the least work
/// any tool must do to make the clips, done with the Media wrappers alone. Clips that overlap or touch
/// are merged into spans; each span is read once from the keyframe before it (seek), its frames are
/// decoded once (the last GOP only up to the decode-order prefix holding frames before the span's end),
/// centre-cropped and scaled once, and encoded by x264 once for every clip that shows them, at the
/// clips' settings. No audio, no muxing, no loudness: what is left after them is decode and encode.
public enum ClipFloor {
    public struct Result: Sendable {
        /// CPU seconds (user + system, all threads) and wall seconds.
        public var cpu: Double, wall: Double
        public var framesDecoded: Int, framesEncoded: Int
    }

    /// `clips`: (start, end) in seconds of the replay's timeline; `preset` and `crf` as x264 takes them.
    public static func measure(replay: String, clips: [(start: Double, end: Double)], width: Int, height: Int,
                               preset: String, crf: Double, decodeOnly: Bool = false) throws -> Result {
        let demuxer = try Demuxer(path: replay)
        guard let video = demuxer.bestStream("video") else {
            throw MarqueeError.input("replay \(replay) has no video stream")
        }
        let (cpu0, wall0) = (cpuSeconds(), Date())
        let tb = video.timeBase, origin = video.timeBase.seconds(video.startTime ?? 0)
        var encoders: [(from: Int64, to: Int64, encoder: Encoder?)] = []
        for c in clips {
            var s = VideoEncoderSettings(width: width, height: height, timeBase: tb,
                                         frameRate: Rational(Int32(max(1, (video.frameRate * 1000).rounded())), 1000))
            s.options = ["preset": preset, "crf": String(crf)]
            encoders.append((tb.ticks(origin + c.start), tb.ticks(origin + c.end), decodeOnly ? nil : try Encoder(video: s)))
        }
        let decoder = try Decoder(demuxer, stream: video, threads: 0)
        let scaled = try Frame.picture(width: width, height: height)
        var result = Result(cpu: 0, wall: 0, framesDecoded: 0, framesEncoded: 0)
        let frame = try Frame()
        var scaler: Scaler?
        func route(_ f: Frame) throws {
            let pts = f.bestEffortPts
            let users = encoders.indices.filter { pts >= encoders[$0].from && pts < encoders[$0].to }
            guard !users.isEmpty else { return }
            result.framesDecoded += 1
            guard !decodeOnly else { return }
            let cw = min(f.width, f.height * width / height) & ~1, ch = f.height & ~1
            if scaler == nil { scaler = try Scaler(sourceWidth: cw, sourceHeight: ch, sourceFormat: .yuv420p, width: width, height: height, format: .yuv420p) }
            try scaled.makeWritable()
            try scaler!.scale(f, x: (f.width - cw) / 2, y: 0, into: scaled)
            scaled.pts = pts
            for i in users { _ = try encoders[i].encoder?.encode(scaled); result.framesEncoded += 1 }
        }
        for span in spans(encoders.map { ($0.from, $0.to) }) {
            try demuxer.seek(video, toSeconds: max(0, tb.seconds(span.from) - origin))
            decoder.flush()
            for p in try gops(demuxer, video: video, until: span.to) {
                try decoder.send(p)
                while try decoder.receive(into: frame) { try route(frame) }
            }
            try decoder.send(nil)
            while try decoder.receive(into: frame) { try route(frame) }
            decoder.flush()
        }
        for e in encoders { _ = try e.encoder?.encode(nil) }
        result.cpu = cpuSeconds() - cpu0
        result.wall = Date().timeIntervalSince(wall0)
        return result
    }

    /// Overlapping or touching ranges merged, in order.
    static func spans(_ ranges: [(Int64, Int64)]) -> [(from: Int64, to: Int64)] {
        var out: [(from: Int64, to: Int64)] = []
        for r in ranges.sorted(by: { $0.0 < $1.0 }) {
            if let last = out.last, r.0 <= last.to { out[out.count - 1].to = max(last.to, r.1) } else { out.append((r.0, r.1)) }
        }
        return out
    }

    /// The video packets from the demuxer's position up to the GOP holding `end`, that GOP cut to the
    /// decode-order prefix of frames shown before `end`.
    static func gops(_ demuxer: Demuxer, video: StreamDetails, until end: Int64) throws -> [Packet] {
        var out: [Packet] = []
        var gop = GOP()
        while true {
            let p = try Packet()
            guard try demuxer.read(into: p) else { break }
            guard p.streamIndex == video.index else { continue }
            if p.isKeyframe && !gop.isEmpty {
                if p.pts >= end { return out + gop.packets.prefix(gop.prefix(before: end).count) }
                out += gop.packets
                gop = GOP()
            }
            gop.packets.append(p)
        }
        return out + gop.packets.prefix(gop.prefix(before: end).count)
    }

    static func cpuSeconds() -> Double {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }
}
