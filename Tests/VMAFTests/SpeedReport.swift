import Foundation
import QualityKernels
import Testing

/// Release-build speed print: milliseconds per 1080p frame per kernel on one core.
/// Run with `swift test -c release --filter SpeedReport`; skipped in debug builds.
@Suite struct SpeedReport {
    /// A deterministic textured 1080p luma pair (reference, distorted = blurred + noise).
    static func syntheticPair(width: Int = 1920, height: Int = 1080) -> (Plane, Plane) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        var ref = [UInt16](repeating: 0, count: width * height)
        var dis = ref
        for y in 0..<height {
            for x in 0..<width {
                let wave = 128.0 + 60 * sin(Double(x) / 23) * cos(Double(y) / 31)
                ref[y * width + x] = UInt16(max(0, min(255, wave + Double(next() % 40) - 20)))
            }
        }
        for i in 0..<(width * height) {
            let left = i > 0 ? Int(ref[i - 1]) : Int(ref[i])
            let blurred = (Int(ref[i]) * 2 + left) / 3 + Int(next() % 9) - 4
            dis[i] = UInt16(max(0, min(255, blurred)))
        }
        return (Plane(width: width, height: height, samples: ref),
                Plane(width: width, height: height, samples: dis))
    }

    /// CPU time of the calling thread in milliseconds (robust against a busy machine).
    static func threadCPUMilliseconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1e6
    }

    /// Thread CPU milliseconds per call of `body`, after one warm-up call.
    static func milliseconds(repeats: Int, _ body: () -> Void) -> Double {
        body()
        let start = threadCPUMilliseconds()
        for _ in 0..<repeats { body() }
        return (threadCPUMilliseconds() - start) / Double(repeats)
    }

    @Test func printKernelSpeed() throws {
        #if DEBUG
        print("SpeedReport: skipped in debug builds (run swift test -c release --filter SpeedReport)")
        #else
        let (ref, dis) = Self.syntheticPair()
        let vifWorkspace = VIFWorkspace()
        var sink = 0.0
        let vif = Self.milliseconds(repeats: 20) {
            sink += VIF.compute(reference: ref, distorted: dis, workspace: vifWorkspace)[0]
        }
        let motionWorkspace = MotionWorkspace()
        let motion = Self.milliseconds(repeats: 20) {
            sink += Motion.score(previous: ref, current: dis, workspace: motionWorkspace)
        }
        let model = try VMAFModel(builtIn: .vmaf_v0_6_1)
        let features = [0.95, 3.2, 0.6, 0.85, 0.9, 0.93]
        let modelTime = Self.milliseconds(repeats: 200) { sink += model.score(features, applyTransform: true) }
        print(String(format: "SpeedReport 1080p 8-bit, one core (thread CPU time): VIF %.2f ms/frame, "
                     + "motion %.2f ms/frame, model (score + phone) %.4f ms/frame",
                     vif, motion, modelTime))
        #expect(sink.isFinite)
        #endif
    }
}
