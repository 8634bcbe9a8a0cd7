import Foundation
import OracleSupport

/// Replays made with the real FFmpeg for the clip tests, and FFmpeg/ffprobe as the oracle for what
/// a clip holds. Every function runs `/usr/bin/ffmpeg` or `/usr/bin/ffprobe` and throws
/// `ClipFixtures.ToolError` (with the tool's own message) when the tool is missing or fails.
///
/// Pictures come from `testsrc2`, whose moving pattern and running clock make every frame different,
/// so a frame of a clip can be matched to the source frame it came from by PSNR.
enum ClipFixtures {
    static let ffmpegPath = "/usr/bin/ffmpeg"
    static let ffprobePath = "/usr/bin/ffprobe"

    struct ToolError: Error, CustomStringConvertible {
        let description: String
    }

    /// The sound of a generated replay.
    enum AudioKind: Sendable {
        /// No audio stream.
        case none
        /// Stereo sine tones (440 Hz left, 660 Hz right), about -25 LUFS, true peak about -24 dBTP.
        case stereoTone
        /// AAC 5.1 (FL FR FC LFE BL BR), a different tone on each channel (60 Hz on the LFE), about -25 LUFS.
        case surround51
        /// Stereo voiced buzz (150 Hz and harmonics) in 4 Hz syllables, 2 s of "talk" then 0.5 s of
        /// silence, about -35 LUFS: quiet speech with pauses, for loudness normalisation and gating.
        case quietSpeechLike
    }

    /// One decoded frame as ffprobe reports it, in presentation order.
    struct FrameInfo: Sendable, Hashable {
        /// Presentation time in seconds (the best-effort timestamp when the frame has no pts).
        let pts: Double
        /// The frame's duration as the container gives it (`pkt_duration`); with B-frames in MP4
        /// this is the decode-order step, so use `displayDurations` for how long frames are shown.
        let duration: Double?
        let key: Bool
        /// `I`, `P`, `B` (`?` for audio).
        let pictType: String
    }

    /// One demuxed packet as ffprobe reports it, in file (decode) order.
    struct PacketInfo: Sendable, Hashable {
        /// Presentation time in seconds (the dts when the packet has no pts; NaN when it has neither).
        let pts: Double
        let dts: Double?
        let duration: Double?
        let key: Bool
        /// Marked to be dropped after decoding (before the start of an MP4 edit list).
        let discard: Bool
        let size: Int
    }

    // MARK: - Running the tools

    struct Output { let stdout: Data; let stderr: String; let status: Int32 }

    /// Runs a tool to completion; output goes through files so large outputs never block it.
    /// With `check`, a non-zero exit throws with the tool's stderr.
    @discardableResult
    static func run(_ tool: String, _ args: [String], check: Bool = true) throws -> Output {
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            throw ToolError(description: "\(tool) not found; run `make setup` to install FFmpeg")
        }
        let r = try OracleTools.run(tool, args)
        let result = Output(stdout: r.stdoutData, stderr: r.stderr, status: r.status)
        if check, result.status != 0 {
            let name = URL(fileURLWithPath: tool).lastPathComponent
            throw ToolError(description: "\(name) failed (exit \(result.status)); if FFmpeg or libx264 is missing, run `make setup`.\n"
                + "command: \(name) \(args.joined(separator: " "))\n\(result.stderr.suffix(3000))")
        }
        return result
    }

    static func ffmpeg(_ args: [String]) throws {
        try run(ffmpegPath, ["-hide_banner", "-nostdin", "-nostats", "-v", "error", "-y"] + args)
    }

    static func ffprobeJSON(_ args: [String]) throws -> [String: Any] {
        let out = try run(ffprobePath, ["-v", "error", "-of", "json"] + args)
        guard let json = try JSONSerialization.jsonObject(with: out.stdout) as? [String: Any] else {
            throw ToolError(description: "ffprobe gave no JSON object for \(args.joined(separator: " "))")
        }
        return json
    }

    // MARK: - Generators

    /// An H.264 (libx264 High, yuv420p, closed GOPs of exactly `gop` frames) + AAC MP4 made from
    /// `testsrc2` and the chosen sound.
    static func replay(_ url: URL, seconds: Double = 6, size: String = "640x360", rate: Int = 30, gop: Int = 60,
                       bframes: Int = 2, audio: AudioKind = .stereoTone, extraArgs: [String] = []) throws {
        var args = ["-f", "lavfi", "-i", "testsrc2=size=\(size):rate=\(rate):duration=\(seconds)"]
        if let source = audioSource(audio, seconds: seconds) { args += ["-f", "lavfi", "-i", source] }
        args += ["-map", "0:v:0"] + (audio == .none ? [] : ["-map", "1:a:0"])
        args += h264(gop: gop, bframes: bframes) + aac(audio) + extraArgs + [url.path]
        try ffmpeg(args)
    }

    /// The encoder options of every generated H.264 stream.
    static func h264(gop: Int, bframes: Int) -> [String] {
        ["-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-pix_fmt", "yuv420p", "-crf", "18",
         "-g", "\(gop)", "-keyint_min", "\(gop)", "-sc_threshold", "0", "-bf", "\(bframes)", "-flags", "+cgop",
         "-x264-params", "open-gop=0"]
    }

    static func aac(_ audio: AudioKind) -> [String] {
        switch audio {
        case .none: []
        case .surround51: ["-c:a", "aac", "-b:a", "256k", "-ac", "6"]
        case .stereoTone, .quietSpeechLike: ["-c:a", "aac", "-b:a", "128k"]
        }
    }

    /// An `aevalsrc` source for the sound (commas inside expressions are escaped for the filtergraph),
    /// faded in and out over 50 ms: an abrupt onset makes the AAC encoder overshoot by about 6 dB,
    /// which would spoil true-peak figures.
    static func audioSource(_ audio: AudioKind, seconds: Double) -> String? {
        let fade = min(0.05, seconds / 4)
        let tail = ":s=48000:d=\(seconds),afade=t=in:d=\(fade),afade=t=out:st=\(seconds - fade):d=\(fade)"
        switch audio {
        case .none:
            return nil
        case .stereoTone:
            // A 0.06 sine is -24.4 dBFS; two channels of it read about -25 LUFS (BS.1770 K-weighting).
            return "aevalsrc=0.06*sin(2*PI*440*t)|0.06*sin(2*PI*660*t):c=stereo" + tail
        case .surround51:
            let tones = ["0.04*sin(2*PI*300*t)", "0.04*sin(2*PI*500*t)", "0.04*sin(2*PI*700*t)",
                         "0.08*sin(2*PI*60*t)", "0.025*sin(2*PI*900*t)", "0.025*sin(2*PI*1100*t)"]
            return "aevalsrc=" + tones.joined(separator: "|") + ":c=5.1" + tail
        case .quietSpeechLike:
            let voice = "0.03*(sin(2*PI*150*t)+0.5*sin(2*PI*300*t)+0.3*sin(2*PI*450*t)+0.2*sin(2*PI*900*t))"
                + "*(0.5-0.5*cos(2*PI*4*t))*lt(mod(t\\,2.5)\\,2)"
            return "aevalsrc=\(voice)|\(voice):c=stereo" + tail
        }
    }

    /// A scratch file next to `url`, removed by the caller.
    static func sibling(_ url: URL, _ suffix: String, ext: String = "mp4") -> URL {
        url.deletingPathExtension().appendingPathExtension("\(suffix)-\(UUID().uuidString.prefix(6)).\(ext)")
    }

    /// Variable frame rate: `testsrc2` at `rate` with 2 of every 5 frames dropped, original times
    /// kept, so frames are shown for 1/rate or 3/rate seconds.
    static func vfrReplay(_ url: URL, seconds: Double = 4, size: String = "320x180", rate: Int = 30, bframes: Int = 2,
                          audio: AudioKind = .stereoTone) throws {
        var args = ["-f", "lavfi", "-i", "testsrc2=size=\(size):rate=\(rate):duration=\(seconds)"]
        if let source = audioSource(audio, seconds: seconds) { args += ["-f", "lavfi", "-i", source] }
        args += ["-map", "0:v:0"] + (audio == .none ? [] : ["-map", "1:a:0"])
        args += ["-vf", "select='lt(mod(n\\,5)\\,3)'", "-fps_mode", "vfr"]
        args += h264(gop: 2 * rate, bframes: bframes) + aac(audio) + [url.path]
        try ffmpeg(args)
    }

    /// A replay whose video carries a display matrix: shown turned by `degrees` (stored pictures
    /// are `size`; players and ffmpeg's autorotate show them turned).
    static func rotatedReplay(_ url: URL, degrees: Int = 90, seconds: Double = 3, size: String = "640x360",
                              audio: AudioKind = .stereoTone) throws {
        let source = sibling(url, "unrotated")
        defer { try? FileManager.default.removeItem(at: source) }
        try replay(source, seconds: seconds, size: size, audio: audio)
        try ffmpeg(["-i", source.path, "-map", "0", "-c", "copy", "-metadata:s:v:0", "rotate=\(degrees)", url.path])
    }

    /// An MP4 with an edit list: cut by stream copy at `cut` seconds of a `seconds`-long replay whose
    /// keyframes are every 2 s, so packets from the keyframe before the cut come first with negative
    /// times (marked discard) and the first shown frame is source frame `cut × rate`.
    static func negativeStartReplay(_ url: URL, cut: Double = 1.5, seconds: Double = 5, size: String = "320x180",
                                    rate: Int = 30, audio: AudioKind = .stereoTone) throws {
        let source = sibling(url, "uncut")
        defer { try? FileManager.default.removeItem(at: source) }
        try replay(source, seconds: seconds, size: size, rate: rate, gop: 2 * rate, audio: audio)
        try ffmpeg(["-ss", "\(cut)", "-i", source.path, "-map", "0", "-c", "copy", url.path])
    }

    /// A replay whose streams start at `offset` seconds rather than 0 (video at `offset`; the AAC
    /// stream a little earlier by its priming samples).
    static func offsetStartReplay(_ url: URL, offset: Double = 2, seconds: Double = 3, size: String = "320x180",
                                  audio: AudioKind = .stereoTone) throws {
        let source = sibling(url, "unshifted")
        defer { try? FileManager.default.removeItem(at: source) }
        try replay(source, seconds: seconds, size: size, audio: audio)
        try ffmpeg(["-i", source.path, "-map", "0", "-c", "copy", "-output_ts_offset", "\(offset)", url.path])
    }

    /// A replay with two extra non-audio/video streams, as cameras and editors write them: a
    /// `mov_text` subtitle track and a `tmcd` timecode (data) track.
    static func dataStreamReplay(_ url: URL, seconds: Double = 3, size: String = "320x180") throws {
        let source = sibling(url, "plain")
        let srt = sibling(url, "subs", ext: "srt")
        defer {
            try? FileManager.default.removeItem(at: source)
            try? FileManager.default.removeItem(at: srt)
        }
        try replay(source, seconds: seconds, size: size)
        try Data("1\n00:00:00,500 --> 00:00:01,500\nHello\n\n2\n00:00:02,000 --> 00:00:02,800\nWorld\n".utf8).write(to: srt)
        try ffmpeg(["-i", source.path, "-i", srt.path, "-map", "0", "-map", "1", "-c", "copy", "-c:s", "mov_text",
                    "-timecode", "01:00:00:00", url.path])
    }

    /// The first `fraction` of a fast-start replay's bytes: the index is whole, the media data is cut.
    static func truncatedReplay(_ url: URL, fraction: Double = 0.6, seconds: Double = 4, size: String = "320x180") throws {
        let source = sibling(url, "whole")
        defer { try? FileManager.default.removeItem(at: source) }
        try replay(source, seconds: seconds, size: size, extraArgs: ["-movflags", "+faststart"])
        let data = try Data(contentsOf: source)
        try data.prefix(Int(Double(data.count) * fraction)).write(to: url)
    }

    /// A fast-start replay with `bytes` of fixed pseudo-random garbage written over the middle of its
    /// media data (`mdat`); the index is intact.
    static func corruptedReplay(_ url: URL, bytes: Int = 8192, seconds: Double = 4, size: String = "320x180") throws {
        try replay(url, seconds: seconds, size: size, extraArgs: ["-movflags", "+faststart"])
        var data = try Data(contentsOf: url)
        guard let mdat = try topLevelBoxes(url).first(where: { $0.type == "mdat" }) else {
            throw ToolError(description: "\(url.path) has no mdat box")
        }
        let start = mdat.offset + mdat.size / 2 - bytes / 2
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15          // xorshift64, fixed seed: the same garbage every run
        for i in start..<min(start + bytes, mdat.offset + mdat.size) {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            data[i] = UInt8(truncatingIfNeeded: state)
        }
        try data.write(to: url)
    }

    /// Sound only (an `.m4a`, AAC).
    static func noVideoReplay(_ url: URL, seconds: Double = 3, audio: AudioKind = .stereoTone) throws {
        guard let source = audioSource(audio == .none ? .stereoTone : audio, seconds: seconds) else { return }
        try ffmpeg(["-f", "lavfi", "-i", source] + aac(audio == .none ? .stereoTone : audio) + [url.path])
    }

    enum OtherCodec: String, Sendable {
        /// MPEG-4 Part 2 (`mpeg4`), fine in `.mp4`.
        case mpeg4
        /// VP9 (`libvpx-vp9`), for `.mkv`, `.webm` or `.mp4`.
        case vp9
    }

    /// A replay whose video is not H.264, so smart cutting (stream copy of whole GOPs) cannot be used.
    static func nonH264Replay(_ url: URL, codec: OtherCodec = .mpeg4, seconds: Double = 3, size: String = "320x180",
                              rate: Int = 30, audio: AudioKind = .stereoTone) throws {
        var args = ["-f", "lavfi", "-i", "testsrc2=size=\(size):rate=\(rate):duration=\(seconds)"]
        if let source = audioSource(audio, seconds: seconds) { args += ["-f", "lavfi", "-i", source] }
        args += ["-map", "0:v:0"] + (audio == .none ? [] : ["-map", "1:a:0"])
        switch codec {
        case .mpeg4: args += ["-c:v", "mpeg4", "-q:v", "3", "-g", "\(2 * rate)"]
        case .vp9: args += ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "500k", "-g", "\(2 * rate)"]
        }
        let sound: [String] = url.pathExtension.lowercased() == "webm" && audio != .none ? ["-c:a", "libopus"] : aac(audio)
        try ffmpeg(args + ["-pix_fmt", "yuv420p"] + sound + [url.path])
    }

    // MARK: - Checkers (ffprobe and ffmpeg as the oracle)

    static func streams(_ url: URL) throws -> [[String: Any]] {
        try ffprobeJSON(["-show_streams", url.path])["streams"] as? [[String: Any]] ?? []
    }

    static func format(_ url: URL) throws -> [String: Any] {
        try ffprobeJSON(["-show_format", url.path])["format"] as? [String: Any] ?? [:]
    }

    /// Every decoded frame of one stream (`v:0`, `a:0`), sorted by presentation time.
    static func frames(_ url: URL, stream: String = "v:0") throws -> [FrameInfo] {
        let json = try ffprobeJSON(["-select_streams", stream, "-show_entries",
                                    "frame=pts_time,best_effort_timestamp_time,pkt_duration_time,duration_time,key_frame,pict_type",
                                    url.path])
        let list = json["frames"] as? [[String: Any]] ?? []
        return list.compactMap { f -> FrameInfo? in
            guard let pts = number(f["pts_time"]) ?? number(f["best_effort_timestamp_time"]) else { return nil }
            return FrameInfo(pts: pts, duration: number(f["duration_time"]) ?? number(f["pkt_duration_time"]),
                             key: (f["key_frame"] as? Int) == 1, pictType: f["pict_type"] as? String ?? "?")
        }.sorted { $0.pts < $1.pts }
    }

    /// How long each frame is shown: the step to the next frame's time (the last frame: its own duration).
    static func displayDurations(_ frames: [FrameInfo]) -> [Double] {
        guard !frames.isEmpty else { return [] }
        var out = zip(frames, frames.dropFirst()).map { $1.pts - $0.pts }
        out.append(frames.last!.duration ?? out.last ?? 0)
        return out
    }

    /// Every packet of one stream in file order.
    static func packets(_ url: URL, stream: String = "v:0") throws -> [PacketInfo] {
        let json = try ffprobeJSON(["-select_streams", stream, "-show_entries", "packet=pts_time,dts_time,duration_time,flags,size", url.path])
        let list = json["packets"] as? [[String: Any]] ?? []
        return list.map { p in
            let flags = p["flags"] as? String ?? ""
            return PacketInfo(pts: number(p["pts_time"]) ?? number(p["dts_time"]) ?? .nan, dts: number(p["dts_time"]), duration: number(p["duration_time"]),
                              key: flags.contains("K"), discard: flags.contains("D"), size: Int(number(p["size"]) ?? 0))
        }
    }

    /// A stream's duration: the container's figure when it has one, else from the first frame's time
    /// to the end of the last frame.
    static func duration(_ url: URL, stream: String = "v:0") throws -> Double {
        let s = try ffprobeJSON(["-select_streams", stream, "-show_streams", url.path])["streams"] as? [[String: Any]] ?? []
        if let d = s.first.flatMap({ number($0["duration"]) }) { return d }
        let f = try frames(url, stream: stream)
        guard let first = f.first, let last = f.last else {
            throw ToolError(description: "\(url.path) has no frames in stream \(stream)")
        }
        return last.pts + (last.duration ?? 0) - first.pts
    }

    /// What ffmpeg reports while decoding the whole file (empty when it decodes cleanly).
    static func decodeErrors(_ url: URL) throws -> String {
        let out = try run(ffmpegPath, ["-hide_banner", "-nostdin", "-nostats", "-v", "error", "-i", url.path, "-f", "null", "-"], check: false)
        return out.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            + (out.status == 0 ? "" : "\n(ffmpeg exit \(out.status))")
    }

    struct Box: Sendable, Hashable { let type: String; let offset: Int; let size: Int }

    /// The top-level boxes of an MP4 (ISO/IEC 14496-12 §4.2: 32-bit size and type, size 1 = a 64-bit
    /// size follows, size 0 = to the end of the file), read from the bytes.
    static func topLevelBoxes(_ url: URL) throws -> [Box] {
        let data = try Data(contentsOf: url, options: .alwaysMapped)
        func be(_ at: Int, _ n: Int) -> UInt64 { data[at..<at + n].reduce(0) { $0 << 8 | UInt64($1) } }
        var boxes: [Box] = []
        var at = 0
        while at + 8 <= data.count {
            var size = Int(be(at, 4))
            let type = String(decoding: data[at + 4..<at + 8], as: UTF8.self)
            if size == 1 {
                guard at + 16 <= data.count else { break }
                size = Int(be(at + 8, 8))
            } else if size == 0 {
                size = data.count - at
            }
            guard size >= 8 else { break }          // damaged: stop rather than loop
            boxes.append(Box(type: type, offset: at, size: size))
            at += size
        }
        return boxes
    }

    /// Whether the index (`moov`) comes before the media data (`mdat`), as `+faststart` writes it.
    static func moovBeforeMdat(_ url: URL) throws -> Bool {
        let types = try topLevelBoxes(url).map(\.type)
        guard let moov = types.firstIndex(of: "moov"), let mdat = types.firstIndex(of: "mdat") else {
            throw ToolError(description: "\(url.path) lacks a top-level moov or mdat box (boxes: \(types))")
        }
        return moov < mdat
    }

    /// Integrated loudness (LUFS) and true peak (dBTP) of the first audio stream, by ffmpeg's
    /// `ebur128` filter (ITU-R BS.1770-4 / EBU R 128).
    static func loudness(_ url: URL) throws -> (integrated: Double, truePeak: Double) {
        let out = try run(ffmpegPath, ["-hide_banner", "-nostdin", "-nostats", "-v", "info", "-i", url.path, "-map", "0:a:0",
                                       "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"])
        guard let summary = out.stderr.range(of: "Summary:") else {
            throw ToolError(description: "ebur128 printed no summary for \(url.path):\n\(out.stderr.suffix(2000))")
        }
        let tail = out.stderr[summary.upperBound...]
        func value(after label: String) -> Double? {
            guard let r = tail.range(of: label) else { return nil }
            let token = tail[r.upperBound...].split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
            return token == "-inf" ? -.infinity : Double(token)
        }
        guard let i = value(after: "I:"), let peak = value(after: "Peak:") else {
            throw ToolError(description: "could not read the ebur128 summary of \(url.path):\n\(tail)")
        }
        return (i, peak)
    }

    enum PixelFormat: String, Sendable { case gray, rgb24 }

    /// One frame as raw pixels (row-major, 1 byte per pixel for gray, 3 for rgb24), optionally scaled
    /// to `size` (`WxH`): the first frame shown at or after `seconds` (ffmpeg's accurate input seek,
    /// counted from the file's start time).
    static func frameImage(_ url: URL, at seconds: Double, size: String? = nil, pixelFormat: PixelFormat = .gray) throws -> [UInt8] {
        try rawFrame(["-ss", "\(seconds)", "-i", url.path], filter: nil, size: size, pixelFormat: pixelFormat)
    }

    /// Frame number `index` (0-based, in presentation order) as raw pixels.
    static func frameImage(_ url: URL, index: Int, size: String? = nil, pixelFormat: PixelFormat = .gray) throws -> [UInt8] {
        try rawFrame(["-i", url.path], filter: "select=eq(n\\,\(index))", size: size, pixelFormat: pixelFormat)
    }

    static func rawFrame(_ input: [String], filter: String?, size: String?, pixelFormat: PixelFormat) throws -> [UInt8] {
        var filters = [filter, size.map { "scale=\($0.replacingOccurrences(of: "x", with: ":"))" }].compactMap { $0 }
        filters.append("format=\(pixelFormat.rawValue)")
        let out = try run(ffmpegPath, ["-hide_banner", "-nostdin", "-nostats", "-v", "error"] + input
                          + ["-vf", filters.joined(separator: ","), "-frames:v", "1", "-fps_mode", "passthrough",
                             "-f", "rawvideo", "-pix_fmt", pixelFormat.rawValue, "-"])
        guard !out.stdout.isEmpty else { throw ToolError(description: "ffmpeg gave no frame for \(input.joined(separator: " "))") }
        return [UInt8](out.stdout)
    }

    /// PSNR in dB of two same-sized 8-bit pictures (10·log10(255² / MSE)); infinity when identical.
    static func psnr(_ a: [UInt8], _ b: [UInt8]) -> Double {
        precondition(a.count == b.count && !a.isEmpty, "pictures differ in size: \(a.count) vs \(b.count) bytes")
        var sum = 0.0
        for i in a.indices {
            let d = Double(a[i]) - Double(b[i])
            sum += d * d
        }
        let mse = sum / Double(a.count)
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }

    /// PSNR (ffmpeg's `psnr` filter, average over Y, U, V) of a clip's first frame against the replay's
    /// frame at `at` seconds of the replay's video timeline (0 = its first frame): the first frame whose
    /// time is at or after `at` (less 0.1 ms, so a frame exactly at `at` counts despite rounding).
    /// `sourceFilter` (e.g. `crop=202:360,scale=1080:1920`) is applied to the replay frame first, to
    /// make it what the clip should show (vertical crop, scale); sizes must then match.
    static func firstFramePSNR(clip: URL, replay: URL, at: Double, sourceFilter: String? = nil) throws -> Double {
        let start = try startOffsets(replay).video + at - 0.0001
        let source = "trim=start=\(start),setpts=PTS-STARTPTS" + (sourceFilter.map { ",\($0)" } ?? "") + ",trim=end_frame=1"
        let graph = "[0:v]trim=end_frame=1,setpts=PTS-STARTPTS[a];[1:v]\(source)[b];[a][b]psnr"
        let out = try run(ffmpegPath, ["-hide_banner", "-nostdin", "-nostats", "-v", "info", "-i", clip.path, "-i", replay.path,
                                       "-filter_complex", graph, "-f", "null", "-"])
        guard let line = out.stderr.split(separator: "\n").last(where: { $0.contains("PSNR y:") }),
              let r = line.range(of: "average:") else {
            throw ToolError(description: "ffmpeg's psnr filter printed no result:\n\(out.stderr.suffix(2000))")
        }
        let token = line[r.upperBound...].split(separator: " ").first.map(String.init) ?? ""
        if token == "inf" { return .infinity }
        guard let v = Double(token) else { throw ToolError(description: "unreadable PSNR `\(line)`") }
        return v
    }

    /// The time of the first frame of the first video stream and of the first audio stream (nil
    /// without audio), as decoded (frames an edit list drops are not counted). One ffprobe run.
    static func startOffsets(_ url: URL) throws -> (video: Double, audio: Double?) {
        let json = try ffprobeJSON(["-show_entries", "stream=index,codec_type:frame=stream_index,pts_time,best_effort_timestamp_time", url.path])
        let streams = json["streams"] as? [[String: Any]] ?? []
        func first(_ type: String) -> Int? { streams.first { $0["codec_type"] as? String == type }?["index"] as? Int }
        func start(_ index: Int) -> Double? {
            (json["frames"] as? [[String: Any]] ?? [])
                .filter { $0["stream_index"] as? Int == index }
                .compactMap { number($0["pts_time"]) ?? number($0["best_effort_timestamp_time"]) }
                .min()
        }
        guard let v = first("video"), let video = start(v) else {
            throw ToolError(description: "\(url.path) has no video frames")
        }
        return (video, first("audio").flatMap(start))
    }

    /// A number from ffprobe JSON (numbers come as strings, `N/A` when unknown).
    static func number(_ value: Any?) -> Double? {
        switch value {
        case let s as String: Double(s)
        case let i as Int: Double(i)
        case let d as Double: d
        default: nil
        }
    }
}
