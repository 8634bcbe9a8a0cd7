import Foundation
import Synchronization
import Testing
import ClipFinders
import Clips

/// The analysis pass of `clips detect` blocks in FFmpeg for as long as the replay takes to decode:
/// it must run on a thread of its own, not on one of the few threads Swift concurrency shares.
@Suite struct ReplayAnalysisThreadTests {
    @Test func analysisDecodesOnItsOwnThread() async throws {
        let dir = try TestSupport.tempDir("analysis-thread")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("replay.mp4")
        try ClipFixtures.replay(url, seconds: 3, size: "320x180", rate: 25, gop: 25, audio: .none)
        // Called on the thread that decodes: inside a Swift task means on the cooperative pool.
        let seen = Mutex<(calls: Int, inTask: Int, onMain: Int)>((0, 0, 0))
        var request = DetectRequest(replay: url.path, out: dir.appendingPathComponent("cues.csv").path)
        request.finders = ["scene"]
        let job = try DetectJob(request, registry: try ClipJobTests.registry())
        let result = try await ReplayAnalysis.run(job) { _ in
            let inTask = withUnsafeCurrentTask { $0 != nil }
            seen.withLock { $0.calls += 1; $0.inTask += inTask ? 1 : 0; $0.onMain += Thread.isMainThread ? 1 : 0 }
        }
        #expect(result.frames == 75)
        let s = seen.withLock { $0 }
        #expect(s.calls > 0, "no progress was reported")
        #expect(s.inTask == 0 && s.onMain == 0, "\(s.inTask) of \(s.calls) progress calls came from inside a Swift task, \(s.onMain) from the main thread")
    }
}
