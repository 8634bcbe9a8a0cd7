import Foundation
import Synchronization
import Testing
import ClipFinders
import Loudness
@testable import Clips

/// The GOP-parallel analysis pass must hand the finders exactly what one decoder reading the replay
/// from start to end hands them: the same frames, at the same times, with the same thumbnails, in the
/// same order, whatever the GOP structure (B-frames, open GOPs, scene-cut keyframes, a cut-off file).
@Suite struct ParallelAnalysisTests {
    /// Keeps every thumbnail the pass feeds.
    final class Recorder: ClipFinderSession {
        var frames: [AnalysisFrame] = []
        func consume(_ frame: AnalysisFrame) { frames.append(frame) }
        func consume(_ loudness: LoudnessSample) {}
        func finish(duration: Double) -> ClipFinderResult { ClipFinderResult(suggestions: []) }
    }

    /// Runs the pass sequentially and with 2 and 3 workers on `url`; expects identical frames and
    /// returns the parallel passes' figures.
    @discardableResult
    static func expectSameFrames(_ url: URL, chunkSeconds: Double = 0.5, threads: Int = 0, _ what: String) throws -> [ReplayAnalysis.Fed] {
        var request = DetectRequest(replay: url.path, out: url.deletingLastPathComponent().appendingPathComponent("cues.csv").path)
        request.finders = ["scene"]
        let job = try DetectJob(request, registry: try ClipJobTests.registry())
        let one = Recorder()
        let sequential = try ReplayAnalysis.feed(job, sessions: [one], workers: 0, threads: threads, progress: nil)
        #expect(sequential.chunks == 0 && one.frames.count > 50, "\(what): sequential pass")
        var feds: [ReplayAnalysis.Fed] = []
        for workers in [2, 3] {
            let many = Recorder()
            let fed = try ReplayAnalysis.feed(job, sessions: [many], workers: workers, chunkSeconds: chunkSeconds, progress: nil)
            #expect(fed.chunks >= 4, "\(what): \(fed.chunks) chunks with \(workers) workers")
            #expect(fed.frames == sequential.frames && fed.decodedEnd == sequential.decodedEnd)
            let a = one.frames.map(\.time), b = many.frames.map(\.time)
            let firstDifference = zip(a, b).first { $0 != $1 }.map { "\($0.0) s against \($0.1) s" } ?? "none in the common part"
            #expect(a == b, "\(what), \(workers) workers: frame times differ: \(a.count) frames against \(b.count); first difference \(firstDifference)")
            let differing = zip(one.frames, many.frames).filter { $0.rgb != $1.rgb }.map(\.0.time)
            #expect(differing.isEmpty, "\(what), \(workers) workers: thumbnails differ at \(differing.prefix(5))")
            feds.append(fed)
        }
        return feds
    }

    static func encode(_ url: URL, seconds: Int, x264: String, extra: [String] = []) throws {
        try ClipFixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=\(seconds)"] + extra
                                + ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-crf", "23",
                                   "-x264-params", x264, url.path])
    }

    /// B-frames with B-pyramid, closed GOPs or open ones. In an open GOP the pictures shown just before a
    /// keyframe are coded after it and refer to the GOP before, so the chunk before the keyframe must
    /// decode them (the next chunk drops them); closed GOPs need no packet decoded twice.
    @Test(arguments: [false, true]) func gopsWithBFrames(open: Bool) throws {
        let dir = try TestSupport.tempDir("parallel-gops")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(open ? "open.mp4" : "closed.mp4")
        try Self.encode(url, seconds: 8, x264: "keyint=12:min-keyint=12:scenecut=0:bframes=3:b-pyramid=normal:open-gop=\(open ? 1 : 0)")
        let feds = try Self.expectSameFrames(url, open ? "open GOPs" : "closed GOPs")
        #expect(feds.allSatisfy { open ? $0.tailPackets > 0 : $0.tailPackets == 0 }, "packets decoded twice: \(feds.map(\.tailPackets))")
    }

    /// Keyframes at scene cuts and at irregular times: GOPs of every length, chunks cut where they can be.
    @Test func variableGOPLengthsFromSceneCuts() throws {
        let dir = try TestSupport.tempDir("parallel-variable")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("variable.mp4")
        var args: [String] = []
        let sources = ["testsrc2", "smptebars", "mandelbrot", "testsrc", "rgbtestsrc", "smptehdbars"]
        let lengths = [1.3, 0.4, 2.1, 0.9, 1.7, 1.1]
        for (s, d) in zip(sources, lengths) { args += ["-f", "lavfi", "-t", "\(d)", "-i", "\(s)=size=320x180:rate=25"] }
        let inputs = (0..<sources.count).map { "[\($0):v]" }.joined()
        args += ["-filter_complex", "\(inputs)concat=n=\(sources.count):v=1[v]", "-map", "[v]",
                 "-force_key_frames", "0.6,0.7,3.3,5.05", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                 "-x264-params", "keyint=40:min-keyint=3:scenecut=60:bframes=2:open-gop=1", url.path]
        try ClipFixtures.ffmpeg(args)
        try Self.expectSameFrames(url, chunkSeconds: 0.3, "variable GOPs")
    }

    /// A replay cut off mid-way: both passes stop where it breaks, with the same last frame. Compared with
    /// one single-threaded decoder (the workers' kind): on a damaged last packet FFmpeg 5.1's frame-threaded
    /// decoder gives up to two frames fewer than a single-threaded one, whether or not the video is split.
    @Test func truncatedReplay() throws {
        let dir = try TestSupport.tempDir("parallel-truncated")
        defer { try? FileManager.default.removeItem(at: dir) }
        let full = dir.appendingPathComponent("full.mp4"), cut = dir.appendingPathComponent("cut.mp4")
        try Self.encode(full, seconds: 12, x264: "keyint=10:min-keyint=10:scenecut=0:bframes=3:open-gop=0", extra: ["-movflags", "+faststart"])
        let bytes = try Data(contentsOf: full)
        try bytes.prefix(bytes.count * 55 / 100).write(to: cut)
        let feds = try Self.expectSameFrames(cut, threads: 1, "truncated replay")
        #expect(feds.allSatisfy { $0.decodedEnd < 9 && $0.headerDuration > 11 }, "not cut off: \(feds.map(\.decodedEnd))")
    }
}

/// The hand-off between the reading thread and the workers never leaves either side waiting forever.
@Suite struct ChunkHandoffTests {
    struct Broken: Error {}

    static func chunk(_ index: Int) -> AnalysisChunk {
        AnalysisChunk(index: index, packets: [], tailCount: 0, startPts: 0, endPts: 1, readShare: 0)
    }

    /// A worker that fails hands its error to the reading thread, which stops waiting for that chunk.
    @Test func aWorkersErrorReachesTheReader() throws {
        let handoff = ChunkHandoff(capacity: 4)
        handoff.submit(Self.chunk(0))
        let worker = Thread {
            guard let c = handoff.next() else { return }
            handoff.complete(chunk: c.index, decodeErrors: [], failure: Broken())
        }
        worker.start()
        #expect(throws: Broken.self) { _ = try handoff.take(0) }
    }

    /// A worker waiting for room (its chunk's thumbnails not taken) is released when the pass is
    /// cancelled, and takes no further chunk.
    @Test func cancellingReleasesAWaitingWorker() throws {
        let handoff = ChunkHandoff(capacity: 1)
        handoff.submit(Self.chunk(0))
        handoff.submit(Self.chunk(1))
        let frame = AnalysisFrame(time: 0, width: 1, height: 1, rgb: [0, 0, 0])
        let group = DispatchGroup()
        let result = Mutex<(first: Bool, second: Bool, next: Bool)?>(nil)
        group.enter()
        Thread {
            let first = handoff.deliver([frame], chunk: 0)
            let second = handoff.deliver([frame], chunk: 0)
            result.withLock { $0 = (first, second, handoff.next() != nil) }
            group.leave()
        }.start()
        Thread.sleep(forTimeInterval: 0.2)
        handoff.cancel()
        #expect(group.wait(timeout: .now() + 5) == .success, "the worker still waits after cancel")
        let r = result.withLock { $0 }
        #expect(r?.first == true && r?.second == false && r?.next == false, "\(String(describing: r))")
    }
}
