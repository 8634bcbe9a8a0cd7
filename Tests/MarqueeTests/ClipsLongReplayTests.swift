import Foundation
import Testing
import Media
import Synchronization
@testable import Clips

/// Clips far apart in a replay: the pass seeks over the stretch no clip needs (`SpanSeeker`), reads
/// clips that sit close together in one run, and the clips after a seek are as frame-accurate as the
/// others (ffmpeg/ffprobe: frame count, every frame against the replay's, first and last included).
@Suite struct ClipsLongReplayTests {
    /// `early` near the start; `late` 65 s further on (a seek); `later` 2.3 s after `late` ends (read on, no seek).
    static let cues = "id,start,end\nearly,1.5,4.2\nlate,70.5,73.2\nlater,75.5,77.0\n"
    static let spans = [("early", 1.5, 4.2), ("late", 70.5, 73.2), ("later", 75.5, 77.0)]

    static func replay(_ dir: URL) throws -> URL {
        let replay = dir.appendingPathComponent("replay.mp4")
        try ClipFixtures.replay(replay, seconds: 80, size: "320x180", audio: .quietSpeechLike)
        return replay
    }

    @Test(arguments: ["smart", "reencode"])
    func clipsAfterASeekAreFrameAccurate(mode: String) throws {
        let dir = try TestSupport.tempDir("clips-long-\(mode)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = try Self.replay(dir)
        let r = try ClipRun.cut(replay, cues: Self.cues, in: dir, ["--mode", mode])
        #expect(r.run.status == 0, "\(r.run.stdout)\n\(r.run.stderr)")
        let checks = ClipsCutModeTests()
        for (id, start, end) in Self.spans {
            try checks.expectGoodClip(r, id, replay: replay, start: start, end: end)
            // The last frame, by itself: the replay's frame one frame before the cue's end.
            let frames = try ClipRun.count(r.file(id))
            let last = ClipFixtures.psnr(try ClipFixtures.frameImage(r.file(id), index: frames - 1),
                                         try ClipFixtures.frameImage(replay, at: end - 1 / ClipsCutModeTests.fps))
            #expect(last >= 35, "\(id): last frame \(last) dB against the replay's frame before \(end) s")
        }
    }

    @Test func copyAfterASeekStartsOnTheKeyframeBefore() throws {
        let dir = try TestSupport.tempDir("clips-long-copy")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = try Self.replay(dir)
        let r = try ClipRun.cut(replay, cues: Self.cues, in: dir, ["--mode", "copy"])
        #expect(r.run.status == 0, "\(r.run.stdout)\n\(r.run.stderr)")
        let late = try #require(r.clips["late"])
        #expect(abs((late["actual_start_s"] as? Double ?? -1) - 70.0) < 0.001, "copy of a cue at 70.5 s starts on the keyframe at 70 s")
        // Keyframe 70 s up to the frame before 73.2 s: 96 frames, plus the references they need (B-frames).
        let frames = try ClipRun.count(r.file("late"))
        #expect(frames >= 96 && frames <= 99, "copy 70–73.2 s: \(frames) frames")
        let first = try ClipFixtures.firstFramePSNR(clip: r.file("late"), replay: replay, at: 70.0)
        #expect(first >= 40, "late: first frame \(first) dB against the replay at 70 s")
        #expect(try ClipFixtures.decodeErrors(r.file("late")).isEmpty)
    }

    /// The pass itself: one seek for the 65 s gap, none for the 2.3 s one, and none when clips sit close.
    @Test func thePassSeeksOnlyOverLongGaps() throws {
        let dir = try TestSupport.tempDir("clips-long-seeks")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = try Self.replay(dir)
        #expect(try seeks(replay, cues: Self.cues, in: dir) == 1)
        #expect(try seeks(replay, cues: "id,start,end\na,1.5,4.2\nb,9.0,12.0\nc,20.5,21.0\n", in: dir) == 0)
        #expect(try seeks(replay, cues: "id,start,end\na,30.5,32\nb,60.2,61\n", in: dir) == 2)
    }

    func seeks(_ replay: URL, cues: String, in dir: URL) throws -> Int {
        let sheet = dir.appendingPathComponent("seek-cues.csv")
        try cues.write(to: sheet, atomically: true, encoding: .utf8)
        var request = ClipRequest(replay: replay.path, cues: sheet.path, out: dir.appendingPathComponent("seek-out").path)
        request.mode = .smart
        let job = try ClipJobTests.job(request)
        let work = dir.appendingPathComponent("seek-work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: job.outDir, withIntermediateDirectories: true)
        let video = try #require(job.replay.video)
        let jobs = try job.cues.map { try ClipPlanner.work($0, job: job, work: work) }
        let failures = Failures()
        let pass = ReplayPass(demuxer: try Demuxer(path: replay.path), video: video, audio: job.replay.audio,
                              origin: job.replay.origin, jobs: jobs) { cue, result in
            if case .failure(let e) = result { failures.add("\(cue.id): \(e)") }
        }
        pass.run()
        #expect(failures.all.isEmpty, "\(failures.all)")
        return pass.seeker.seeks
    }
}

private final class Failures: Sendable {
    private let items = Mutex<[String]>([])
    func add(_ s: String) { items.withLock { $0.append(s) } }
    var all: [String] { items.withLock { $0 } }
}
