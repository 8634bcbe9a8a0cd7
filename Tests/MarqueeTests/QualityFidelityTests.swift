import Foundation
import Testing

/// `marquee quality` against the reference tools on clips made here: different content (motion,
/// a noisy still, grain on a gradient, fractal detail), two codecs at several bitrates, 360p and
/// 1080p, 8-bit and 10-bit raw YUV. PSNR within 0.01 dB and SSIM within 0.001 of FFmpeg's filters
/// per plane and frame; MS-SSIM within 0.001 of libvmaf's float_ms_ssim.
@Suite(.serialized) struct QualityFidelityTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String, source: String, size: String, frames: Int, encode: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "motion x264 150k", source: "testsrc2=size=640x360:rate=25", size: "640x360", frames: 40,
             encode: ["-c:v", "libx264", "-preset", "veryfast", "-b:v", "150k"]),
        Case(name: "noisy still x264 crf 30", source: "color=c=0x807060:size=640x360:rate=25,noise=alls=24:allf=t+u", size: "640x360",
             frames: 30, encode: ["-c:v", "libx264", "-preset", "veryfast", "-crf", "30"]),
        Case(name: "grain on gradient mpeg4", source: "gradients=size=640x360:rate=25:speed=0.03,noise=alls=8:allf=t", size: "640x360",
             frames: 30, encode: ["-c:v", "mpeg4", "-q:v", "8"]),
        Case(name: "fractal x264 600k", source: "mandelbrot=size=640x360:rate=25", size: "640x360", frames: 30,
             encode: ["-c:v", "libx264", "-preset", "veryfast", "-b:v", "600k"]),
        Case(name: "1080p motion x264 crf 35", source: "testsrc2=size=1920x1080:rate=25", size: "1920x1080", frames: 6,
             encode: ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "35"]),
    ]

    @Test(arguments: cases)
    func agreesWithFFmpegAndLibvmaf(_ c: Case) throws {
        let dir = try TestSupport.tempDir("quality-fidelity")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ref = dir.appendingPathComponent("ref.mkv"), dist = dir.appendingPathComponent("dist.mkv")
        try ClipFixtures.ffmpeg(["-f", "lavfi", "-i", c.source, "-frames:v", "\(c.frames)", "-pix_fmt", "yuv420p",
                                 "-c:v", "ffv1", ref.path])
        try ClipFixtures.ffmpeg(["-i", ref.path] + c.encode + ["-pix_fmt", "yuv420p", dist.path])

        let ours = try QualityOracle.marquee([ref.path, dist.path, "--metrics", "psnr,ssim,ms-ssim"])
        let ff = try QualityOracle.psnrSSIM(reference: ["-i", ref.path], distorted: ["-i", dist.path], in: dir)
        let vmaf = try QualityOracle.libvmaf(reference: ref.path, distorted: dist.path, features: ["float_ms_ssim"], in: dir)
        #expect(ours.frames.count == c.frames)
        #expect(ff.psnr.count == c.frames && vmaf.count == c.frames)
        var worst = (psnr: 0.0, ssim: 0.0, msssim: 0.0)
        for (i, row) in ours.frames.enumerated() where i < ff.psnr.count && i < vmaf.count {
            for (ourKey, theirKey) in [("psnr_y", "psnr_y"), ("psnr_u", "psnr_u"), ("psnr_v", "psnr_v"), ("psnr_avg", "psnr_avg")] {
                let d = abs(number(row[ourKey]) - (ff.psnr[i][theirKey] ?? .nan))
                worst.psnr = max(worst.psnr, d.isNaN ? .infinity : d)
            }
            for (ourKey, theirKey) in [("ssim_y", "Y"), ("ssim_u", "U"), ("ssim_v", "V"), ("ssim_avg", "All")] {
                let d = abs(number(row[ourKey]) - (ff.ssim[i][theirKey] ?? .nan))
                worst.ssim = max(worst.ssim, d.isNaN ? .infinity : d)
            }
            let d = abs(number(row["ms_ssim"]) - (vmaf[i]["float_ms_ssim"] ?? .nan))
            worst.msssim = max(worst.msssim, d.isNaN ? .infinity : d)
        }
        print("\(c.name): max |ΔPSNR| \(worst.psnr) dB, |ΔSSIM| \(worst.ssim), |ΔMS-SSIM| \(worst.msssim)")
        #expect(worst.psnr <= 0.01)
        #expect(worst.ssim <= 0.001)
        #expect(worst.msssim <= 0.001)
    }

    /// Raw 10-bit YUV in, sizes given on the command line; PSNR against FFmpeg on the same files.
    @Test func rawTenBitYUV() throws {
        let dir = try TestSupport.tempDir("quality-raw10")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ref = dir.appendingPathComponent("ref.yuv"), dist = dir.appendingPathComponent("dist.yuv")
        try ClipFixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "10",
                                 "-pix_fmt", "yuv420p10le", "-f", "rawvideo", ref.path])
        try ClipFixtures.ffmpeg(["-f", "rawvideo", "-pix_fmt", "yuv420p10le", "-s", "320x240", "-i", ref.path,
                                 "-vf", "noise=alls=12:allf=t", "-pix_fmt", "yuv420p10le", "-f", "rawvideo", dist.path])
        let raw = ["-f", "rawvideo", "-pix_fmt", "yuv420p10le", "-s", "320x240", "-framerate", "25", "-i"]
        let ff = try QualityOracle.psnrSSIM(reference: raw + [ref.path], distorted: raw + [dist.path], in: dir)
        let ours = try QualityOracle.marquee([ref.path, dist.path, "--metrics", "psnr,ssim", "--ref-size", "320x240",
                                              "--dist-size", "320x240", "--pix-fmt", "yuv420p10le"])
        #expect(ours.doc["inputs"].flatMap { ($0 as? [String: Any])?["compared_layout"] as? String } == "10-bit 4:2:0")
        #expect(ours.frames.count == 10)
        for (i, row) in ours.frames.enumerated() where i < ff.psnr.count {
            #expect(abs(number(row["psnr_y"]) - (ff.psnr[i]["psnr_y"] ?? .nan)) <= 0.01)
            #expect(abs(number(row["ssim_y"]) - (ff.ssim[i]["Y"] ?? .nan)) <= 0.001)
        }
    }

    private func number(_ v: Any?) -> Double { (v as? NSNumber)?.doubleValue ?? .nan }
}
