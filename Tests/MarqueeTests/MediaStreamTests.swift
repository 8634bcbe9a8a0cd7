import Foundation
import Media
import Testing

/// Reading and decoding streams with the FFmpeg wrapper, against ffprobe: every packet's frames come
/// out (FFmpeg's send/receive contract), seeking counts seconds, and errors keep FFmpeg's code.
@Suite struct MediaStreamTests {
    /// H.264 with B-frames decoded with frame threads, every packet sent before any frame is taken:
    /// once a frame waits, the decoder answers EAGAIN, and the packet must be sent again after its
    /// frames are taken out, not dropped. The frame count must be ffprobe's.
    @Test func everyPacketsFramesComeOutWhenTheDecoderSaysEAGAIN() throws {
        let dir = try TestSupport.tempDir("media-eagain")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("bframes.mp4")
        try ClipFixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=3", "-c:v", "libx264", "-preset", "veryfast",
                                 "-bf", "3", "-g", "25", "-pix_fmt", "yuv420p", url.path])
        let probe = try ClipFixtures.ffprobeJSON(["-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", url.path])
        let expected = Int((probe["streams"] as? [[String: Any]])?.first?["nb_read_frames"] as? String ?? "") ?? -1
        for threads in [1, 4] {
            let demuxer = try Demuxer(path: url.path)
            let video = try #require(demuxer.bestStream("video"))
            let decoder = try Decoder(demuxer, stream: video, threads: threads)
            let packet = try Packet(), frame = try Frame()
            var sent = 0, frames = 0
            while try demuxer.read(into: packet) {
                guard packet.streamIndex == video.index else { continue }
                try decoder.send(packet)
                sent += 1
            }
            try decoder.send(nil)
            while try decoder.receive(into: frame) { frames += 1 }
            print("decoder with \(threads) thread(s): \(sent) packets sent without receiving, \(frames) frames, ffprobe \(expected)")
            #expect(frames == expected, "\(threads) thread(s): \(frames) frames, ffprobe counts \(expected)")
            #expect(decoder.errors.isEmpty, "\(decoder.errors)")
        }
    }

    /// The error keeps FFmpeg's code (AVERROR(ENOENT)) and message, and names the file.
    @Test func missingFileErrorKeepsAVERRORAndNamesTheFile() {
        let path = "/nonexistent/marquee-replay.mp4"
        do {
            _ = try Demuxer(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == MediaError.code(errno: ENOENT))
            #expect(error.code == -ENOENT, "AVERROR(e) is -e on POSIX systems")
            #expect(error.path == path && error.description.contains(path))
            #expect(error.message == "No such file or directory" && error.description.contains("No such file or directory"))
        }
        let own = MediaError(path: "x.mp4", action: "check", message: "made up")
        #expect(own.code == nil, "an error FFmpeg did not report has no FFmpeg code")
    }

    /// `seek(_:toSeconds:)` takes seconds from the stream's first timestamp: in a file starting at
    /// 2 s with a keyframe every second, 4.5 s lands on the keyframe 4 s in (6 s on the clock).
    @Test func seekTakesSecondsFromTheStreamsStart() throws {
        let dir = try TestSupport.tempDir("media-seek")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("offset.mkv")
        try ClipFixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=8", "-c:v", "libx264", "-preset", "veryfast",
                                 "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-bf", "0",
                                 "-output_ts_offset", "2", url.path])
        let demuxer = try Demuxer(path: url.path)
        let video = try #require(demuxer.bestStream("video"))
        let start = video.timeBase.seconds(try #require(video.startTime))
        #expect(abs(start - 2) < 0.001, "start time \(start)")
        for (target, keyframe) in [(4.5, 4.0), (0.0, 0.0), (6.99, 6.0)] {
            try demuxer.seek(video, toSeconds: target)
            let packet = try Packet()
            while try demuxer.read(into: packet), packet.streamIndex != video.index {}
            let at = video.timeBase.seconds(packet.pts) - start
            #expect(packet.isKeyframe && abs(at - keyframe) < 0.001, "seek to \(target) s: packet at \(at) s, keyframe \(packet.isKeyframe)")
        }
        #expect(throws: MediaError.self) { try demuxer.seek(video, toSeconds: -1) }
        #expect(throws: MediaError.self) { try demuxer.seek(video, toSeconds: .nan) }
    }
}
