import Foundation
import Testing
import QualityKernels

/// adm2 against libvmaf's integer extractor (the feature vmaf_v0.6.1 uses), frame by frame.
@Suite("ADM fidelity against libvmaf")
struct FidelityTests {
    /// Per-frame tolerance on adm2 (VMAF is steep in adm2; this keeps VMAF within ~0.5).
    static let tolerance = 0.002

    static let testsrc = "testsrc2=s={size}:r=25"
    static let mandelbrot = "mandelbrot=s={size}:r=25"

    static let clips: [Clip] = [
        Clip("testsrc2-x264-80k", testsrc, encoder: ["-c:v", "libx264", "-b:v", "80k"]),
        Clip("testsrc2-x264-250k", testsrc, frames: 3, encoder: ["-c:v", "libx264", "-b:v", "250k"]),
        Clip("testsrc2-x264-1M", testsrc, encoder: ["-c:v", "libx264", "-b:v", "1M"]),
        Clip("mandelbrot-mpeg4-q6", mandelbrot, encoder: ["-c:v", "mpeg4", "-q:v", "6"]),
        Clip("mandelbrot-mpeg4-q20", mandelbrot, encoder: ["-c:v", "mpeg4", "-q:v", "20"]),
        Clip("noisy-still-x264", "color=c=gray:s={size}:r=25,noise=alls=30",
             encoder: ["-c:v", "libx264", "-crf", "32"]),
        Clip("gradient-grain-x265", "gradients=s={size}:r=25:speed=0.05,noise=alls=12:allf=t+u",
             encoder: ["-c:v", "libx265", "-b:v", "120k", "-x265-params", "log-level=error"]),
        Clip("sharpened-x264", mandelbrot, encoder: ["-vf", "unsharp=5:5:2.0", "-c:v", "libx264", "-crf", "14"],
             neg: true),
        Clip("odd-642x362-x264", testsrc, 642, 362, encoder: ["-c:v", "libx264", "-b:v", "150k"]),
        Clip("10bit-x264", testsrc, bitDepth: 10,
             encoder: ["-c:v", "libx264", "-pix_fmt", "yuv420p10le", "-b:v", "200k"], neg: true),
        Clip("1080p-x264", testsrc, 1920, 1080, frames: 1, encoder: ["-c:v", "libx264", "-b:v", "1500k"]),
    ]

    @Test(arguments: clips)
    func matchesLibvmaf(_ clip: Clip) throws {
        let media = try ClipMedia.make(clip)
        defer { media.remove() }
        let oracle = try Oracle.scores(media)
        try #require(media.referenceLuma.count == clip.frames && media.distortedLuma.count == clip.frames)
        try #require(oracle.count == clip.frames, "libvmaf scored \(oracle.count) frames")
        let workspace = AdmWorkspace()
        var worst = (adm2: 0.0, scale: 0.0, neg: 0.0)
        for (index, frame) in oracle.enumerated() {
            let ref = media.referenceLuma[index], dis = media.distortedLuma[index]
            let score = ADM.compute(reference: ref, distorted: dis, workspace: workspace)
            let diff = abs(score.adm2 - frame.adm2)
            #expect(diff <= Self.tolerance,
                    "\(clip.name) frame \(index): adm2 \(score.adm2) vs libvmaf \(frame.adm2)")
            worst.adm2 = max(worst.adm2, diff)
            for (mine, theirs) in zip(score.scales.map(\.score), frame.scales) {
                worst.scale = max(worst.scale, abs(mine - theirs))
            }
            if clip.checkNoEnhancement {
                let neg = try #require(frame.adm2NoEnhancement, "libvmaf log lacks integer_adm2_egl_1")
                let mine = ADM.compute(reference: ref, distorted: dis, options: .noEnhancementGain,
                                       workspace: workspace).adm2
                #expect(abs(mine - neg) <= Self.tolerance, "\(clip.name) frame \(index) NEG: \(mine) vs \(neg)")
                worst.neg = max(worst.neg, abs(mine - neg))
            }
        }
        #expect(worst.scale <= 0.01, "\(clip.name): a per-scale score is off by \(worst.scale)")
        let neg = clip.checkNoEnhancement ? String(format: ", NEG max |Δ| %.2e", worst.neg) : ""
        print(String(format: "ADM fidelity %@: %d frames, max |Δadm2| %.2e, max |Δscale| %.2e%@",
                     clip.name, clip.frames, worst.adm2, worst.scale, neg))
    }
}
