import Foundation
import Testing

/// Vertical (9:16) clips from `marquee clips cut`, with ffmpeg as the oracle: centre-crop matches
/// ffmpeg's crop and scale of the same replay frame, subject-track keeps a moving subject in frame
/// and holds still on a still one, blur-fit shows the fitted frame over a blurred, darker copy,
/// title and caption overlays change only the pixels and frames they should, and smart mode falls
/// back to re-encoding and says why.
@Suite struct ClipsVerticalTests {
    static let fps = 30.0
    static let reencode = ["--format", "vertical", "--mode", "reencode"]

    // MARK: - Centre-crop

    @Test(arguments: [(720, 1280), (1080, 1920)])
    func centreCropMatchesFFmpegCropAndScale(width: Int, height: Int) throws {
        let dir = try TestSupport.tempDir("clips-vertical-\(width)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try ClipFixtures.replay(replay, seconds: 4, size: "640x360")
        let (start, end) = (0.5, 3.0)
        let r = try ClipRun.cut(replay, cues: "id,start,end\nv,\(start),\(end)\n", in: dir,
                                Self.reencode + ["--size", "\(width)x\(height)", "--overlays", "none", "--reframe", "centre-crop"])
        #expect(r.run.status == 0, "\(r.run.stdout)\n\(r.run.stderr)")
        let file = r.file("v")
        let video = try #require(try ClipFixtures.streams(file).first { $0["codec_type"] as? String == "video" })
        #expect(video["width"] as? Int == width && video["height"] as? Int == height,
                "output is \(video["width"] ?? "?")x\(video["height"] ?? "?"), asked \(width)x\(height)")
        let frames = try ClipRun.count(file)
        let expected = Int(((end - start) * Self.fps).rounded())
        #expect(frames == expected, "\(frames) frames for a \(expected)-frame cue")

        // The 9:16 window of a 640x360 frame is 202.5 px wide: the nearest even width is 202, and the
        // centred left edge, 219, is odd, so 218 and 220 are equally centred. ffmpeg's plain
        // `crop=ih*9/16:ih` truncates and floors (218); accept either side of the true centre.
        let candidates = Self.centredCrops(sourceWidth: 640, sourceHeight: 360, width: width, height: height)
        let firsts = try candidates.map { try ClipFixtures.firstFramePSNR(clip: file, replay: replay, at: start, sourceFilter: $0) }
        let best = firsts.indices.max { firsts[$0] < firsts[$1] }!
        let plain = try ClipFixtures.firstFramePSNR(clip: file, replay: replay, at: start, sourceFilter: "crop=ih*9/16:ih,scale=\(width):\(height)")
        print("centre-crop \(width)x\(height): first-frame PSNR \(firsts.map { String(format: "%.2f", $0) }) dB for \(candidates); "
              + String(format: "ffmpeg's default crop=ih*9/16:ih %.2f dB", plain))
        #expect(firsts[best] >= 30, "first frame PSNR \(firsts[best]) dB against ffmpeg's \(candidates[best])")

        let psnrs = try ClipRun.framePSNRs(clip: file, replay: replay, start: start, frames: frames, sourceFilter: candidates[best])
        let minimum = psnrs.min() ?? 0
        print("centre-crop \(width)x\(height): per-frame PSNR min \(String(format: "%.2f", minimum)) dB, mean "
              + String(format: "%.2f", psnrs.reduce(0, +) / Double(max(1, psnrs.count))) + " dB over \(psnrs.count) frames")
        #expect(psnrs.count == frames)
        #expect(minimum >= 28, "a frame differs from ffmpeg's crop of the replay frame (min PSNR \(minimum) dB): lost, repeated or misplaced")

        #expect(try ClipFixtures.streams(file).contains { $0["codec_type"] as? String == "audio" }, "no audio stream")
        let loud = try ClipFixtures.loudness(file)
        print("centre-crop \(width)x\(height): \(String(format: "%.2f", loud.integrated)) LUFS, true peak \(String(format: "%.2f", loud.truePeak)) dBTP")
        #expect(abs(loud.integrated - -14) <= 1, "\(loud.integrated) LUFS, target -14")
    }

    /// ffmpeg crop+scale filters for the even-width 9:16 window centred in the source, at the even
    /// left edges on either side of the exact centre (one filter when the centre is even).
    static func centredCrops(sourceWidth sw: Int, sourceHeight sh: Int, width: Int, height: Int) -> [String] {
        let cw = 2 * Int((Double(sh) * Double(width) / Double(height) / 2).rounded())
        let centre = Double(sw - cw) / 2
        let lefts = Set([Int((centre / 2).rounded(.down)) * 2, Int((centre / 2).rounded(.up)) * 2]).sorted()
        return lefts.map { "crop=\(cw):\(sh):\($0):0,scale=\(width):\(height)" }
    }

    // MARK: - Subject-track

    @Test func subjectTrackKeepsAMovingSubjectInFrame() throws {
        let dir = try TestSupport.tempDir("clips-track")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        // 120 px/s across a 640-px frame: from x 40 to 520 in 4 s (the centre crop spans x 218…422).
        try VerticalFixtures.subjectReplay(replay, seconds: 4, x: "40+120*t")
        let cues = "id,start,end\ns,0,4\n"
        var present: [String: Double] = [:]
        var counts: [String: [Int]] = [:]
        for stage in ["subject-track", "centre-crop"] {
            let r = try ClipRun.cut(replay, cues: cues, in: dir, name: stage, Self.reencode + ["--overlays", "none", "--reframe", stage])
            #expect(r.run.status == 0, "\(stage): \(r.run.stdout)\n\(r.run.stderr)")
            let video = try GrayVideo.decode(r.file("s"), width: 180, height: 320)
            #expect(video.frames.count == 120, "\(stage): \(video.frames.count) frames")
            counts[stage] = video.frames.map { VerticalFixtures.bright($0, width: video.width).count }
        }
        // The subject fully in frame: as many bright pixels as the best frame of either clip shows.
        let full = Double(counts.values.flatMap { $0 }.max() ?? 0)
        #expect(full > 1000, "no bright subject found in either clip (\(full) px)")
        for (stage, c) in counts {
            present[stage] = Double(c.filter { Double($0) >= 0.5 * full }.count) / Double(max(1, c.count))
        }
        let track = present["subject-track"] ?? 0, centre = present["centre-crop"] ?? 1
        print(String(format: "subject-track: subject in %.1f%% of frames (min %d of %.0f px); centre-crop: %.1f%%",
                     track * 100, counts["subject-track"]?.min() ?? 0, full, centre * 100))
        #expect(track >= 0.97, "subject-track lost the subject in \(Int(((1 - track) * 100).rounded()))% of frames")
        #expect(centre < 0.8, "the centre crop kept the subject in \(Int((centre * 100).rounded()))% of frames: the scene does not test tracking")
        #expect(centre > 0.2, "the subject never crossed the centre crop (\(centre))")
    }

    @Test func subjectTrackHoldsStillOnAStillSubjectInNoise() throws {
        let dir = try TestSupport.tempDir("clips-still")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        // Right of centre (x 420…500), outside the centre crop, so the tracker must move there.
        try VerticalFixtures.subjectReplay(replay, seconds: 2, x: "420", still: true, noise: 6)
        let r = try ClipRun.cut(replay, cues: "id,start,end\ns,0,2\n", in: dir,
                                Self.reencode + ["--size", "360x640", "--overlays", "none", "--reframe", "subject-track"])
        #expect(r.run.status == 0, "\(r.run.stdout)\n\(r.run.stderr)")
        let video = try GrayVideo.decode(r.file("s"), width: 180, height: 320)
        #expect(video.frames.count == 60)
        let stats = video.frames.map { VerticalFixtures.bright($0, width: video.width) }
        #expect(stats.allSatisfy { $0.count > 1000 }, "subject missing from some frames: \(stats.map(\.count))")
        let xs = stats.map(\.centroidX)
        let steps = zip(xs, xs.dropFirst()).map { abs($1 - $0) }
        let drift = (xs.max() ?? 0) - (xs.min() ?? 0)
        let consecutive = zip(video.frames, video.frames.dropFirst()).map { ClipFixtures.psnr($0, $1) }
        // What a one-pixel pan of this picture would cost, for scale.
        let panned = ClipFixtures.psnr(video.frames[0], VerticalFixtures.shiftedLeft(video.frames[0], width: video.width))
        let worst = consecutive.min() ?? 0
        print(String(format: "subject-track still: subject x %.2f…%.2f px (of 180), largest step %.3f px; consecutive PSNR min %.2f dB (a 1-px pan: %.2f dB)",
                     xs.min() ?? 0, xs.max() ?? 0, steps.max() ?? 0, worst, panned))
        #expect((steps.max() ?? 0) <= 0.5, "the crop jitters: the subject jumps \(steps.max() ?? 0) px between frames")
        #expect(drift <= 1, "the crop drifts: the subject moves \(drift) px over a still scene")
        #expect(worst >= panned + 3, "consecutive frames differ as much as a pan would (\(worst) dB vs \(panned) dB)")
    }

    // MARK: - Blur-fit

    @Test func blurFitShowsTheWholeFrameOverABlurredDarkerCopy() throws {
        let dir = try TestSupport.tempDir("clips-blurfit")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try ClipFixtures.replay(replay, seconds: 3, size: "640x360")
        let start = 0.5
        let r = try ClipRun.cut(replay, cues: "id,start,end\nb,\(start),2.0\n", in: dir, Self.reencode + ["--overlays", "none", "--reframe", "blur-fit"])
        #expect(r.run.status == 0, "\(r.run.stdout)\n\(r.run.stderr)")
        let (w, h) = (720, 1280)
        let file = r.file("b")
        // ffmpeg's `scale=720:-2` height (the nearest even to 720 × 360 / 640 = 405), centred.
        let bandH = 2 * Int((Double(w) * 360 / 640 / 2).rounded())
        let bandY = ((h - bandH) / 2) & ~1
        let band = try VerticalFixtures.psnr(clip: file, clipFilter: "crop=\(w):\(bandH):0:\(bandY)", replay: replay, at: start,
                                             sourceFilter: "scale=\(w):-2")
        print(String(format: "blur-fit: centre band (%dx%d at y %d) PSNR %.2f dB against ffmpeg scale=%d:-2", w, bandH, bandY, band, w))
        #expect(band >= 28, "the centre band is not the fitted source frame (PSNR \(band) dB)")

        let out = try ClipFixtures.frameImage(file, index: 0)
        let source = try ClipFixtures.frameImage(replay, at: start)
        #expect(out.count == w * h && source.count == 640 * 360)
        let margin = 8
        let top = VerticalFixtures.Region(x0: 0, y0: 0, x1: w, y1: bandY - margin)
        let bottom = VerticalFixtures.Region(x0: 0, y0: bandY + bandH + margin, x1: w, y1: h)
        let middle = VerticalFixtures.Region(x0: 0, y0: bandY + margin, x1: w, y1: bandY + bandH - margin)
        let sourceMean = VerticalFixtures.mean(source, width: 640, VerticalFixtures.Region(x0: 0, y0: 0, x1: 640, y1: 360))
        let bandDetail = VerticalFixtures.detail(out, width: w, middle)
        for (name, region) in [("top", top), ("bottom", bottom)] {
            let m = VerticalFixtures.mean(out, width: w, region), d = VerticalFixtures.detail(out, width: w, region)
            print(String(format: "blur-fit %@: mean luma %.1f (source %.1f), detail %.3f (band %.3f)", name, m, sourceMean, d, bandDetail))
            #expect(m < sourceMean - 10, "\(name) background not darker than the source: \(m) vs \(sourceMean)")
            #expect(d < 0.25 * bandDetail, "\(name) background not blurred: detail \(d) vs the band's \(bandDetail)")
        }
    }

    // MARK: - Title overlay

    @Test func titleOverlayStaysInTheSafeAreaForTheWholeClip() throws {
        let dir = try TestSupport.tempDir("clips-title")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try VerticalFixtures.brightReplay(replay, seconds: 3)
        let cues = "id,start,end,title,price\nt,0.5,2.5,Summer Linen Dress,฿299\n"
        let common = Self.reencode + ["--platform", "tiktok"]
        let titled = try ClipRun.cut(replay, cues: cues, in: dir, name: "title", common + ["--overlays", "title-overlay"])
        let plain = try ClipRun.cut(replay, cues: cues, in: dir, name: "none", common + ["--overlays", "none"])
        let brief = try ClipRun.cut(replay, cues: cues, in: dir, name: "brief",
                                    common + ["--overlays", "title-overlay", "--param", "title-overlay.duration=1"])
        for r in [titled, plain, brief] { #expect(r.run.status == 0, "\(r.run.stdout)\n\(r.run.stderr)") }
        let (w, h) = (720, 1280)
        let safe = try VerticalFixtures.safeArea(platform: "tiktok", width: w, height: h)
        let base = try GrayVideo.decode(plain.file("t"), width: w, height: h)
        let diff = try VerticalFixtures.Changes(GrayVideo.decode(titled.file("t"), width: w, height: h), base, safe: safe)
        #expect(diff.frames == 60)

        let persistent = try #require(diff.persistentBox, "the title changed no pixels")
        print("title: changed pixels (in half the frames or more) span \(persistent); tiktok safe area at \(w)x\(h): \(safe); "
              + String(format: "per frame %.2f…%.2f%% of the frame; outside the safe area %d px in all (inside %d)",
                       (diff.fractions.min() ?? 0) * 100, (diff.fractions.max() ?? 0) * 100, diff.outside, diff.inside))
        #expect(safe.contains(persistent), "the title drew outside the safe area: \(persistent) not in \(safe)")
        #expect(Double(diff.outside) <= 0.01 * Double(diff.inside), "\(diff.outside) changed pixels outside the safe area, \(diff.inside) inside")
        #expect(diff.fractions.allSatisfy { $0 >= 0.005 && $0 <= 0.3 }, "title coverage per frame: \(diff.fractions)")
        #expect(diff.persistentBands >= 2, "expected a title panel and a price badge, found \(diff.persistentBands) band(s) of rows")

        let short = try VerticalFixtures.Changes(GrayVideo.decode(brief.file("t"), width: w, height: h), base, safe: safe)
        let on = short.fractions.enumerated().filter { $0.element >= 0.005 }.map(\.offset)
        print("title duration=1: overlay in frames \(on.first ?? -1)…\(on.last ?? -1) (\(on.count) frames); "
              + String(format: "max coverage after 1 s %.3f%%", (short.fractions.dropFirst(31).max() ?? 0) * 100))
        #expect(short.fractions.prefix(30).allSatisfy { $0 >= 0.005 }, "the title is missing in the first second")
        // Frame 30 is shown at exactly 1 s: either is right there.
        #expect(short.fractions.dropFirst(31).allSatisfy { $0 < 0.0005 }, "the title is still shown after 1 s")
    }

    @Test func thaiAndArabicTitlesRender() throws {
        let dir = try TestSupport.tempDir("clips-title-scripts")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try VerticalFixtures.brightReplay(replay, seconds: 2)
        let header = "id,start,end,title,price,language\n"
        let thai = "th,0.5,1.5,ชุดเดรสผ้าลินินฤดูร้อน,฿299,th\n", arabic = "ar,0.5,1.5,فستان كتان صيفي,99 ر.س,\n"
        let common = Self.reencode + ["--platform", "tiktok"]
        let sea = try ClipRun.cut(replay, cues: header + thai, in: dir, name: "sea", common + ["--overlays", "title-overlay", "--region", "sea"])
        let mena = try ClipRun.cut(replay, cues: header + arabic, in: dir, name: "mena", common + ["--overlays", "title-overlay", "--region", "mena"])
        let plain = try ClipRun.cut(replay, cues: header + thai + arabic, in: dir, name: "none", common + ["--overlays", "none"])
        for r in [sea, mena, plain] {
            #expect(r.run.status == 0 && r.failed.isEmpty, "\(r.failed)\n\(r.run.stdout)\n\(r.run.stderr)")
        }
        let (w, h) = (720, 1280)
        let safe = try VerticalFixtures.safeArea(platform: "tiktok", width: w, height: h)
        // Thai under --region sea; Arabic (no language given) from --region mena's first locale, right to left.
        for (id, run, rtl) in [("th", sea, false), ("ar", mena, true)] {
            let base = try GrayVideo.decode(plain.file(id), width: w, height: h)
            let diff = try VerticalFixtures.Changes(GrayVideo.decode(run.file(id), width: w, height: h), base, safe: safe)
            let box = try #require(diff.persistentBox, "\(id): the title changed no pixels")
            print(String(format: "title %@: %.2f%% of the frame changed, span %@", id, (diff.fractions.min() ?? 0) * 100, "\(box)"))
            #expect((diff.fractions.min() ?? 0) >= 0.003, "\(id): too few changed pixels \(diff.fractions.min() ?? 0)")
            #expect(safe.contains(box), "\(id): drawn outside the safe area: \(box) not in \(safe)")
            if rtl {
                #expect(box.x1 >= safe.x1 - 8 && box.x0 > safe.x0 + 8, "\(id): right-to-left title not against the right edge: \(box)")
            } else {
                #expect(box.x0 <= safe.x0 + 8, "\(id): left-to-right title not against the left edge: \(box)")
            }
        }
    }

    // MARK: - Captions

    @Test func captionsBurnOnlyDuringTheirTimes() throws {
        let dir = try TestSupport.tempDir("clips-captions")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try ClipFixtures.replay(replay, seconds: 3, size: "640x360")
        let srt = dir.appendingPathComponent("subs.srt")
        // Replay times: 1.01–1.79 s is clip time 0.51–1.29 s (frames 16…38); the second is after the cue.
        try "1\n00:00:01,010 --> 00:00:01,790\nFresh stock today\n\n2\n00:00:05,000 --> 00:00:06,000\nAfter the cue\n"
            .write(to: srt, atomically: true, encoding: .utf8)
        let cues = "id,start,end\nc,0.5,2.5\n"
        let captioned = try ClipRun.cut(replay, cues: cues, in: dir, name: "subs", Self.reencode + ["--overlays", "none", "--captions", srt.path])
        let plain = try ClipRun.cut(replay, cues: cues, in: dir, name: "none", Self.reencode + ["--overlays", "none"])
        for r in [captioned, plain] { #expect(r.run.status == 0, "\(r.run.stdout)\n\(r.run.stderr)") }
        let (w, h) = (720, 1280)
        let whole = VerticalFixtures.Region(x0: 0, y0: 0, x1: w, y1: h)
        let diff = try VerticalFixtures.Changes(GrayVideo.decode(captioned.file("c"), width: w, height: h),
                                                GrayVideo.decode(plain.file("c"), width: w, height: h), safe: whole)
        let on = diff.fractions.enumerated().filter { $0.element >= 0.002 }.map(\.offset)
        let quiet = diff.fractions.enumerated().filter { !(16...38).contains($0.offset) }.map(\.element).max() ?? 0
        print("captions: shown in frames \(on) (expected 16…38); "
              + String(format: "coverage %.2f%%, largest change outside %.3f%%", (diff.fractions[16...38].min() ?? 0) * 100, quiet * 100))
        #expect(on == Array(16...38), "caption frames \(on), expected 16…38 (replay 1.01–1.79 s in a cue from 0.5 s)")
        #expect(quiet < 0.0005, "frames outside the caption's time changed (\(quiet) of the frame)")
    }

    // MARK: - Smart falls back

    @Test func smartVerticalFallsBackToReencodeAndSaysWhy() throws {
        let dir = try TestSupport.tempDir("clips-vertical-smart")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try ClipFixtures.replay(replay, seconds: 2, size: "320x180")
        let r = try ClipRun.cut(replay, cues: "id,start,end\nm,0.5,1.5\n", in: dir, ["--format", "vertical", "--mode", "smart", "--overlays", "none"])
        #expect(r.run.status == 0, "\(r.run.stdout)\n\(r.run.stderr)")
        let clip = try #require(r.clips["m"], "no clips.json entry: \(r.failed)")
        let reason = clip["fallback_reason"] as? String ?? ""
        print("smart + vertical: modeUsed \(clip["mode_used"] ?? "nil"), fallbackReason “\(reason)”")
        #expect(clip["mode_requested"] as? String == "smart")
        #expect(clip["mode_used"] as? String == "reencode")
        #expect(reason.localizedCaseInsensitiveContains("vertical"), "fallback reason does not name the vertical format: “\(reason)”")
        #expect(try ClipRun.count(r.file("m")) == 30)
        #expect(clip["frames_encoded"] as? Int == 30)
    }
}

/// Decoded luma of every frame of a video (scaled with area averaging when a size is given).
struct GrayVideo {
    let width: Int, height: Int
    let frames: [[UInt8]]

    static func decode(_ url: URL, width: Int, height: Int) throws -> GrayVideo {
        let out = try ClipFixtures.run(ClipFixtures.ffmpegPath, ["-hide_banner", "-nostdin", "-nostats", "-v", "error", "-i", url.path,
                                                                 "-vf", "scale=\(width):\(height):flags=area,format=gray", "-fps_mode", "passthrough",
                                                                 "-f", "rawvideo", "-pix_fmt", "gray", "-"])
        let size = width * height
        guard out.stdout.count % size == 0 else {
            throw ClipFixtures.ToolError(description: "\(url.path): \(out.stdout.count) bytes is not whole \(width)x\(height) frames")
        }
        let bytes = [UInt8](out.stdout)
        let frames = stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<$0 + size]) }
        return GrayVideo(width: width, height: height, frames: frames)
    }
}

/// Scenes, measurements and the platform safe area for the vertical clip tests.
enum VerticalFixtures {
    /// A rectangle of pixels, `x1`/`y1` exclusive.
    struct Region: CustomStringConvertible, Equatable {
        var x0: Int, y0: Int, x1: Int, y1: Int
        func contains(_ r: Region) -> Bool { r.x0 >= x0 && r.y0 >= y0 && r.x1 <= x1 && r.y1 <= y1 }
        func contains(x: Int, y: Int) -> Bool { x >= x0 && x < x1 && y >= y0 && y < y1 }
        var description: String { "x \(x0)..<\(x1), y \(y0)..<\(y1)" }
    }

    /// A dark flat 640x360 scene with an 80x80 `testsrc2` square (bright and textured) at y 140,
    /// its left edge at `x` (an ffmpeg expression in `t`); `still` freezes the square's picture;
    /// `noise` adds temporal noise of that strength to the whole picture.
    static func subjectReplay(_ url: URL, seconds: Double, x: String, still: Bool = false, noise: Int = 0) throws {
        let square = still ? "[1:v]trim=end_frame=1,loop=-1:1,setpts=N/30/TB[s]" : "[1:v]null[s]"
        let graph = square + ";[0:v][s]overlay=x='\(x)':y=140:shortest=1"
            + (noise > 0 ? ",noise=alls=\(noise):allf=t" : "") + ",format=yuv420p[v]"
        let args = ["-f", "lavfi", "-i", "color=c=0x181818:size=640x360:rate=30:duration=\(seconds)",
                    "-f", "lavfi", "-i", "testsrc2=size=80x80:rate=30:duration=\(seconds)",
                    "-f", "lavfi", "-i", ClipFixtures.audioSource(.stereoTone, seconds: seconds)!,
                    "-filter_complex", graph, "-map", "[v]", "-map", "2:a"]
        try ClipFixtures.ffmpeg(args + ClipFixtures.h264(gop: 60, bframes: 2) + ClipFixtures.aac(.stereoTone) + [url.path])
    }

    /// `testsrc2` at 640x360 with its luma halved and lifted to 112…239, so a dark translucent panel
    /// drawn anywhere on it changes every pixel it covers by far more than x264's noise.
    static func brightReplay(_ url: URL, seconds: Double) throws {
        try ClipFixtures.replay(url, seconds: seconds, size: "640x360", extraArgs: ["-vf", "lutyuv=y=val/2+112"])
    }

    /// Pixels brighter than `threshold` (the subject; the background is about 24) and their mean x.
    static func bright(_ frame: [UInt8], width: Int, threshold: UInt8 = 80) -> (count: Int, centroidX: Double) {
        var count = 0, sum = 0
        frame.withUnsafeBufferPointer { p in
            for i in 0..<p.count where p[i] > threshold {
                count += 1; sum += i % width
            }
        }
        return (count, count > 0 ? Double(sum) / Double(count) + 0.5 : .nan)
    }

    /// The picture moved one pixel left (the last column repeated).
    static func shiftedLeft(_ frame: [UInt8], width: Int) -> [UInt8] {
        var out = frame
        for row in stride(from: 0, to: frame.count, by: width) {
            for x in 0..<width - 1 { out[row + x] = frame[row + x + 1] }
        }
        return out
    }

    static func mean(_ frame: [UInt8], width: Int, _ r: Region) -> Double {
        var sum = 0
        for y in r.y0..<r.y1 { for x in r.x0..<r.x1 { sum += Int(frame[y * width + x]) } }
        return Double(sum) / Double(max(1, (r.x1 - r.x0) * (r.y1 - r.y0)))
    }

    /// Fine detail: the mean absolute difference between horizontal and vertical neighbours.
    static func detail(_ frame: [UInt8], width: Int, _ r: Region) -> Double {
        var sum = 0, n = 0
        for y in r.y0..<r.y1 - 1 {
            for x in r.x0..<r.x1 - 1 {
                let v = Int(frame[y * width + x])
                sum += abs(v - Int(frame[y * width + x + 1])) + abs(v - Int(frame[(y + 1) * width + x]))
                n += 2
            }
        }
        return Double(sum) / Double(max(1, n))
    }

    /// PSNR (ffmpeg's `psnr` filter, Y/U/V average) of the clip's first frame through `clipFilter`
    /// against the replay's frame at `at` seconds through `sourceFilter`.
    static func psnr(clip: URL, clipFilter: String, replay: URL, at: Double, sourceFilter: String) throws -> Double {
        let start = try ClipFixtures.startOffsets(replay).video + at - 0.0001
        let graph = "[0:v]trim=end_frame=1,setpts=PTS-STARTPTS,\(clipFilter)[a];"
            + "[1:v]trim=start=\(start),setpts=PTS-STARTPTS,\(sourceFilter),trim=end_frame=1[b];[a][b]psnr"
        let out = try ClipFixtures.run(ClipFixtures.ffmpegPath, ["-hide_banner", "-nostdin", "-nostats", "-v", "info", "-i", clip.path,
                                                                 "-i", replay.path, "-filter_complex", graph, "-f", "null", "-"])
        guard let line = out.stderr.split(separator: "\n").last(where: { $0.contains("PSNR y:") }),
              let r = line.range(of: "average:"),
              let token = line[r.upperBound...].split(separator: " ").first else {
            throw ClipFixtures.ToolError(description: "ffmpeg's psnr filter printed no result:\n\(out.stderr.suffix(2000))")
        }
        return token == "inf" ? .infinity : Double(token) ?? 0
    }

    /// The platform's safe area (`presets/platforms/NAME.yaml`: `safe_zone` insets at the `canvas`
    /// size) scaled to `width`x`height`, rounded outward to whole pixels (the most it can allow).
    static func safeArea(platform: String, width: Int, height: Int) throws -> Region {
        let url = TestSupport.repoRoot.appendingPathComponent("presets/platforms/\(platform).yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        var section = "", values: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if !line.hasPrefix(" ") { section = parts[0]; continue }
            if let v = Double(parts[1].split(separator: "#").first?.trimmingCharacters(in: .whitespaces) ?? "") {
                values["\(section).\(parts[0])"] = v
            }
        }
        func v(_ key: String) throws -> Double {
            guard let x = values[key] else { throw ClipFixtures.ToolError(description: "\(url.path) has no \(key)") }
            return x
        }
        let sx = Double(width) / (try v("canvas.width")), sy = Double(height) / (try v("canvas.height"))
        return Region(x0: Int((try v("safe_zone.left") * sx).rounded(.down)), y0: Int((try v("safe_zone.top") * sy).rounded(.down)),
                      x1: width - Int((try v("safe_zone.right") * sx).rounded(.down)),
                      y1: height - Int((try v("safe_zone.bottom") * sy).rounded(.down)))
    }

    /// Where and when an overlaid clip differs from the same clip without the overlay (luma
    /// differences above `threshold`; smaller ones are x264's, which encodes the two differently).
    struct Changes {
        let frames: Int
        /// Per frame, the share of the frame's pixels that changed.
        let fractions: [Double]
        /// Changed pixels over all frames inside and outside `safe`.
        let inside: Int, outside: Int
        /// The bounding box of the pixels changed in at least half the frames (encoder noise comes
        /// and goes; an overlay stays), nil when there are none.
        let persistentBox: Region?
        /// Runs of rows holding persistent changes (gaps under 4 rows joined): separate panels.
        let persistentBands: Int

        init(_ a: GrayVideo, _ b: GrayVideo, safe: Region, threshold: Int = 32) {
            let n = min(a.frames.count, b.frames.count), w = a.width, h = a.height
            var hits = [Int](repeating: 0, count: w * h)
            var fractions: [Double] = [], inside = 0, outside = 0
            for f in 0..<n {
                var changed = 0
                a.frames[f].withUnsafeBufferPointer { pa in
                    b.frames[f].withUnsafeBufferPointer { pb in
                        hits.withUnsafeMutableBufferPointer { hp in
                            for y in 0..<h {
                                let row = y * w
                                for x in 0..<w where abs(Int(pa[row + x]) - Int(pb[row + x])) > threshold {
                                    changed += 1
                                    hp[row + x] += 1
                                    if safe.contains(x: x, y: y) { inside += 1 } else { outside += 1 }
                                }
                            }
                        }
                    }
                }
                fractions.append(Double(changed) / Double(w * h))
            }
            var box: Region?
            var rows = [Bool](repeating: false, count: h)
            for y in 0..<h {
                for x in 0..<w where n > 0 && 2 * hits[y * w + x] >= n {
                    rows[y] = true
                    if var b = box {
                        b.x0 = min(b.x0, x); b.y0 = min(b.y0, y); b.x1 = max(b.x1, x + 1); b.y1 = max(b.y1, y + 1)
                        box = b
                    } else {
                        box = Region(x0: x, y0: y, x1: x + 1, y1: y + 1)
                    }
                }
            }
            var bands = 0, gap = Int.max
            for y in 0..<h {
                if rows[y] { if gap >= 4 { bands += 1 }; gap = 0 } else if gap < Int.max { gap += 1 }
            }
            self.frames = n; self.fractions = fractions; self.inside = inside; self.outside = outside
            persistentBox = box; persistentBands = bands
        }
    }
}
