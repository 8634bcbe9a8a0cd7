import QualityKernels
import Testing

/// Motion and motion2 against libvmaf's `VMAF_integer_feature_motion_sad_score` and
/// `integer_motion2` (reference frames only).
@Suite struct MotionOracleTests {
    @Test func motionAndMotion2MatchLibvmaf() throws {
        let workspace = MotionWorkspace()
        var worstMotion = 0.0, worstMotion2 = 0.0
        for clip in try Fixtures.all() {
            let frames = clip.references
            var sequencer = Motion2Sequencer()
            var motion2 = [Double](repeating: .nan, count: frames.count)
            for index in frames.indices {
                let motion = index == 0 ? 0
                    : Motion.score(previous: frames[index - 1], current: frames[index], workspace: workspace)
                let expected = try #require(clip.oracle[index]["VMAF_integer_feature_motion_sad_score"])
                worstMotion = max(worstMotion, abs(motion - expected))
                if let done = sequencer.append(motion: motion) { motion2[done.frame] = done.motion2 }
            }
            if let done = sequencer.finish() { motion2[done.frame] = done.motion2 }
            var clipWorst = 0.0
            for index in frames.indices {
                let expected = try #require(clip.oracle[index]["integer_motion2"])
                clipWorst = max(clipWorst, abs(motion2[index] - expected))
            }
            print("Motion2 \(clip.name): max |diff| \(String(format: "%.2e", clipWorst))")
            worstMotion2 = max(worstMotion2, clipWorst)
        }
        print("Motion all clips: max |diff| motion \(String(format: "%.2e", worstMotion)), "
              + "motion2 \(String(format: "%.2e", worstMotion2))")
        #expect(worstMotion <= 1e-5)
        #expect(worstMotion2 <= 1e-5)
    }

    @Test func motion2FollowsLibvmafSequencing() {
        var sequencer = Motion2Sequencer()
        var results: [Int: Double] = [:]
        for motion in [0.0, 4.0, 2.0, 3.0] {
            if let done = sequencer.append(motion: motion) { results[done.frame] = done.motion2 }
        }
        if let done = sequencer.finish() { results[done.frame] = done.motion2 }
        #expect(results == [0: 0, 1: 2, 2: 2, 3: 3])

        var single = Motion2Sequencer()
        #expect(single.append(motion: 0) == nil)
        #expect(single.finish()?.motion2 == 0)
    }

    @Test func identicalFramesHaveNoMotion() {
        let plane = Plane(width: 21, height: 9, samples: (0..<(21 * 9)).map { UInt16($0 % 251) })
        #expect(Motion.score(previous: plane, current: plane) == 0)
    }

    /// Plain scalar motion (libvmaf's fused pipeline) for odd and tiny sizes.
    static func referenceMotion(_ prev: Plane, _ cur: Plane) -> Double {
        let f: [Int64] = [3571, 16004, 26386, 16004, 3571]
        let (w, h, bpc) = (prev.width, prev.height, Int64(prev.bitDepth))
        var sad: Int64 = 0
        for y in 0..<h {
            var row = [Int64](repeating: 0, count: w)
            for x in 0..<w {
                var sum: Int64 = 0
                for k in 0..<5 {
                    let i = ReferenceVIF.mirror(y - 2 + k, h) * w + x
                    sum += f[k] * (Int64(prev.samples[i]) - Int64(cur.samples[i]))
                }
                row[x] = (sum + (1 << (bpc - 1))) >> bpc
            }
            for x in 0..<w {
                var sum: Int64 = 0
                for k in 0..<5 { sum += f[k] * row[ReferenceVIF.mirror(x - 2 + k, w)] }
                sad += abs((sum + 32768) >> 16)
            }
        }
        return min(Double(sad) / 256 / Double(w * h), 10000)
    }

    @Test(arguments: [(7, 5, 8), (37, 11, 8), (16, 3, 10), (45, 20, 10)])
    func motionMatchesReference(shape: (Int, Int, Int)) {
        let (width, height, bitDepth) = shape
        let (a, b) = VIFReferenceTests.pair(width: width, height: height, bitDepth: bitDepth, seed: 9)
        let (c, _) = VIFReferenceTests.pair(width: width, height: height, bitDepth: bitDepth, seed: 10)
        let workspace = MotionWorkspace()
        for (prev, cur) in [(a, b), (b, c), (c, a)] {
            let ours = Motion.score(previous: prev, current: cur, workspace: workspace)
            #expect(ours == Self.referenceMotion(prev, cur), "\(shape)")
        }
    }
}
