import Foundation
import Media
import Testing

/// Pictures in the FFmpeg wrapper: plane layout from FFmpeg's pixel-format descriptor (nv12 has two
/// planes, the second interleaved), swscale conversions checked against the ffmpeg CLI's own, and
/// pictures FFmpeg cannot allocate reported as errors.
@Suite struct MediaPictureTests {
    /// An nv12 rawvideo file (as capture cards and hardware decoders give) and its first frame decoded.
    static func nv12Frame(in dir: URL, size: String = "320x240") throws -> (url: URL, frame: Frame) {
        let url = dir.appendingPathComponent("nv12.mkv")
        try ClipFixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=\(size):r=25:d=0.2", "-pix_fmt", "nv12", "-c:v", "rawvideo", url.path])
        return (url, try MediaTestSupport.firstFrame(url))
    }

    @Test func nv12PlanesComeFromTheFormatDescriptor() throws {
        let dir = try TestSupport.tempDir("media-nv12-planes")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, frame) = try Self.nv12Frame(in: dir)
        #expect(frame.pixelFormat == .nv12)
        #expect(frame.pixelFormat.planeCount == 2 && PixelFormat.yuv420p.planeCount == 3 && PixelFormat.rgb24.planeCount == 1)
        let luma = try frame.withPlane(0) { ($0.width, $0.height, $0.bytesPerRow) }
        let chroma = try frame.withPlane(1) { ($0.width, $0.height, $0.bytesPerRow) }
        #expect(luma == (320, 240, 320))
        #expect(chroma == (160, 120, 320), "nv12's second plane holds Cb and Cr interleaved: 160 pairs a row")
        #expect(throws: MediaError.self) { try frame.withPlane(2) { _ in } }
        #expect(throws: MediaError.self) { try Frame().withPlane(0) { _ in } }
    }

    /// nv12 to yuv420p at the same size only moves bytes: swscale must give exactly what the ffmpeg
    /// CLI gives, whole and for a cropped rectangle (the crop origin rounded down to even).
    @Test func nv12ConvertsToYUV420pAsFFmpegDoes() throws {
        let dir = try TestSupport.tempDir("media-nv12-scale")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (url, frame) = try Self.nv12Frame(in: dir)
        let cases: [(x: Int, y: Int, w: Int, h: Int, ffX: Int, ffY: Int)] = [
            (0, 0, 320, 240, 0, 0), (64, 32, 160, 120, 64, 32), (65, 33, 160, 120, 64, 32),
        ]
        for c in cases {
            let out = try Frame.picture(width: c.w, height: c.h)
            let scaler = try Scaler(sourceWidth: c.w, sourceHeight: c.h, sourceFormat: .nv12, width: c.w, height: c.h, format: .yuv420p)
            try scaler.scale(frame, x: c.x, y: c.y, into: out)
            let mine = try MediaTestSupport.bytes(of: out)
            let theirs = try ClipFixtures.run(ClipFixtures.ffmpegPath, [
                "-hide_banner", "-v", "error", "-i", url.path, "-frames:v", "1",
                "-vf", "crop=\(c.w):\(c.h):\(c.ffX):\(c.ffY)", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"]).stdout
            let psnr = ClipFixtures.psnr(mine, [UInt8](theirs))
            print("nv12 → yuv420p \(c.w)x\(c.h) at (\(c.x), \(c.y)): PSNR \(psnr) dB against ffmpeg")
            #expect(psnr >= 60, "crop at (\(c.x), \(c.y)): PSNR \(psnr) dB")
        }
    }

    /// An nv12 replay (rawvideo, as a capture card gives) through the command: `clips detect` scales
    /// every frame for the finders and `clips cut --format vertical` converts them to yuv420p.
    @Test func nv12ReplayIsAnalysedAndCut() throws {
        let dir = try TestSupport.tempDir("media-nv12-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("nv12.mkv")
        try ClipFixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2", "-pix_fmt", "nv12", "-c:v", "rawvideo", replay.path])
        let sheet = dir.appendingPathComponent("cues.csv")
        let detect = try TestSupport.run(["clips", "detect", replay.path, "--finders", "scene", "--min-length", "0.5",
                                          "--max-length", "10", "--out", sheet.path])
        #expect(detect.status == 0, "\(detect.stdout)\n\(detect.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("detect.json"))) as? [String: Any]
        #expect(report?["frames"] as? Int == 50)
        let cut = try ClipRun.cut(replay, cues: "id,start,end\nv,0.4,1.6\n", in: dir,
                                  ["--format", "vertical", "--mode", "reencode", "--size", "180x320", "--overlays", "none"])
        #expect(cut.run.status == 0, "\(cut.run.stdout)\n\(cut.run.stderr)")
        #expect(try ClipRun.count(cut.file("v")) == 30)
    }

    /// Frames that do not fit a scaler are refused with a message, never read out of bounds.
    @Test func scalerRefusesFramesThatDoNotFit() throws {
        let dir = try TestSupport.tempDir("media-scale-mismatch")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, frame) = try Self.nv12Frame(in: dir)
        let out = try Frame.picture(width: 160, height: 120)
        let wrongFormat = try Scaler(sourceWidth: 160, sourceHeight: 120, sourceFormat: .yuv420p, width: 160, height: 120, format: .yuv420p)
        #expect(throws: MediaError.self) { try wrongFormat.scale(frame, into: out) }
        let scaler = try Scaler(sourceWidth: 160, sourceHeight: 120, sourceFormat: .nv12, width: 160, height: 120, format: .yuv420p)
        do {
            try scaler.scale(frame, x: 200, y: 0, into: out)
            Issue.record("a rectangle past the picture's right edge was scaled")
        } catch {
            #expect(error.description.contains("160x120 rectangle at (200, 0)"), "\(error)")
        }
    }

    /// Pictures FFmpeg will not allocate (no pixels, or past its size limit) throw FFmpeg's code.
    @Test func unallocatablePicturesThrowInsteadOfCrashing() {
        for (w, h) in [(0, 0), (-2, 10), (1 << 20, 1 << 20)] {
            do {
                let f = try Frame.picture(width: w, height: h)
                Issue.record("a \(w)x\(h) picture was allocated: \(f.width)x\(f.height)")
            } catch {
                #expect(error.code == MediaError.code(errno: EINVAL), "\(w)x\(h): \(error)")
                #expect(error.description.contains("\(w)x\(h)"))
            }
        }
    }
}

enum MediaTestSupport {
    /// The first video frame of `url`, decoded with the wrapper.
    static func firstFrame(_ url: URL) throws -> Frame {
        let demuxer = try Demuxer(path: url.path)
        guard let video = demuxer.bestStream("video") else { throw ClipFixtures.ToolError(description: "\(url.path): no video") }
        let decoder = try Decoder(demuxer, stream: video)
        let packet = try Packet(), frame = try Frame()
        while try demuxer.read(into: packet) {
            guard packet.streamIndex == video.index else { continue }
            try decoder.send(packet)
            if try decoder.receive(into: frame) { return frame }
        }
        try decoder.send(nil)
        guard try decoder.receive(into: frame) else { throw ClipFixtures.ToolError(description: "\(url.path): no frame") }
        return frame
    }

    /// Every plane's pixels, row after row without padding: what `ffmpeg -f rawvideo` writes.
    static func bytes(of frame: Frame) throws -> [UInt8] {
        var out: [UInt8] = []
        for p in 0..<frame.pixelFormat.planeCount {
            try frame.withPlane(p) { plane in
                for y in 0..<plane.height { out += plane.row(y) }
            }
        }
        return out
    }
}
