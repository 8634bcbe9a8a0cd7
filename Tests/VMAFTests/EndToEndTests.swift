import QualityKernels
import Testing

/// The full per-frame driver (our VIF and motion, ADM injected from libvmaf's log) against
/// libvmaf's per-frame and pooled scores, for the default, phone and NEG models.
@Suite struct EndToEndTests {
    /// An ADM "kernel" that looks frames up in libvmaf's log by content.
    static func loggedADM(_ clips: [Clip], key: String) throws -> ADMFunction {
        var table: [Int: Double] = [:]
        for clip in clips {
            for (index, (ref, dis)) in zip(clip.references, clip.distorted).enumerated() {
                let value = try #require(clip.oracle[index][key])
                table[contentKey(ref, dis)] = value
            }
        }
        let lookup = table
        return { reference, distorted, _ in lookup[contentKey(reference, distorted)] ?? .nan }
    }

    static func contentKey(_ reference: Plane, _ distorted: Plane) -> Int {
        var hasher = Hasher()
        hasher.combine(reference.samples)
        hasher.combine(distorted.samples)
        return hasher.finalize()
    }

    @Test(arguments: ["vmaf", "neg"])
    func scoresMatchLibvmaf(modelName: String) throws {
        let clips = try Fixtures.all()
        let neg = modelName == "neg"
        let model = try VMAFModel(builtIn: neg ? .vmaf_v0_6_1neg : .vmaf_v0_6_1)
        let adm = try Self.loggedADM(clips, key: neg ? "integer_adm2_egl_1" : "integer_adm2")
        let scorer = VMAFFrameScorer(model: model, adm: adm)
        var worstFrame = 0.0, worstPhone = 0.0, worstMean = 0.0
        for clip in clips {
            let scores = scorer.score(references: clip.references, distorted: clip.distorted)
            try #require(scores.map(\.index) == Array(clip.oracle.indices))
            for (score, metrics) in zip(scores, clip.oracle) {
                worstFrame = max(worstFrame, abs(score.score - (try #require(metrics[modelName]))))
                if !neg {
                    worstPhone = max(worstPhone, abs(score.transformedScore - (try #require(metrics["phone"]))))
                }
            }
            let mean = VMAFPooling.mean(scores.map(\.score))
            let meanDiff = abs(mean - (try #require(clip.pooledMeans[modelName])))
            print("End to end \(modelName) \(clip.name): pooled mean \(String(format: "%.4f", mean)) "
                  + "diff \(String(format: "%.2e", meanDiff))")
            worstMean = max(worstMean, meanDiff)
        }
        print("End to end \(modelName): max |diff| per frame \(String(format: "%.2e", worstFrame))"
              + (neg ? "" : ", phone \(String(format: "%.2e", worstPhone))")
              + ", pooled mean \(String(format: "%.2e", worstMean))")
        #expect(worstFrame <= 0.5)
        #expect(worstPhone <= 0.5)
        #expect(worstMean <= 0.1)
    }
}
