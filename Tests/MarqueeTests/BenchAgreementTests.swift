import Bench
import BenchMath
import Foundation
import Testing

/// The bench against outside references: BenchMath's BD-rate on curves from a real run against the
/// `bjontegaard` package, and sampled against full encoding on content where they should agree.
@Suite(.serialized) struct BenchAgreementTests {
    @Test func bdRateOfARealRunMatchesTheBjontegaardPackage() throws {
        let src = try BenchFixtures.source("bench-textured-180", filter: BenchKnownAnswerTests.textured)
        let job = try BenchFixtures.job(src, profiles: [BenchFixtures.preset("x264-ultrafast", speed: "ultrafast"),
                                                        BenchFixtures.preset("x264-medium", speed: "medium")],
                                        resolutions: [180], bitrates: [100, 200, 400, 800, 1600])
        let run = BenchRun(job: job, measurements: try BenchPass.runBlocking(job))
        let entry = try #require(run.analysis.bdRates.first { $0.profile == "x264-medium" && $0.scope == "180p" })
        let ours = try #require(entry.result, "\(entry.problem ?? "")")
        func curve(_ name: String) throws -> [RatePoint] {
            BenchAnalysis.rising(try #require(run.analysis.curves.first { $0.profile == name }).points.map(\.ratePoint))
        }
        let anchor = try curve("x264-ultrafast"), test = try curve("x264-medium")
        #expect(anchor.count >= 4 && test.count >= 4)
        for method in ["pchip", "cubic"] {
            let theirs = try bjontegaard(anchor: anchor, test: test, method: method)
            let mine = method == "pchip" ? ours.value
                : try Bjontegaard.rate(anchor: RateCurve(points: anchor), test: RateCurve(points: test), interpolation: .cubic).value
            #expect(abs(mine - theirs) < 0.01, "\(method): BenchMath \(mine)% vs bjontegaard \(theirs)%")
        }
        #expect(ours.value < 0, "medium should need less bitrate than ultrafast: \(ours.value)%")
    }

    /// Uniform content (the same grey with fresh noise every frame): three 2-second samples must give
    /// the figures of the whole 16 seconds within 10% of bitrate and 0.5 dB of PSNR.
    @Test func sampledAndFullAgreeOnUniformContent() throws {
        let src = try BenchFixtures.source("bench-uniform", filter: "color=c=0x808070:s=320x180:r=25:d=16,noise=alls=18:allf=t+u")
        let profiles = [BenchFixtures.preset("x264-veryfast", speed: "veryfast")]
        let full = try BenchPass.runBlocking(try BenchFixtures.job(src, profiles: profiles, resolutions: [180], bitrates: [300, 900]))
        let sampled = try BenchPass.runBlocking(try BenchFixtures.job(src, profiles: profiles, resolutions: [180], bitrates: [300, 900],
                                                                      sampling: .samples(count: 3, seconds: 2)))
        #expect(!full.sampled && sampled.sampled)
        #expect(sampled.samplingNote.hasPrefix("sampled: 3 samples of 2 s"))
        for f in full.points {
            let s = try #require(sampled.points.first { $0.key == f.key })
            #expect(f.frames == 400 && s.frames == 150, "frames full \(f.frames), sampled \(s.frames)")
            #expect(abs(s.achievedKbps - f.achievedKbps) <= 0.10 * f.achievedKbps, "\(f.key): \(s.achievedKbps) vs \(f.achievedKbps) kbps")
            #expect(abs(s.quality - f.quality) <= 0.5, "\(f.key): \(s.quality) vs \(f.quality) dB")
        }
    }

    private func bjontegaard(anchor: [RatePoint], test: [RatePoint], method: String) throws -> Double {
        let script = """
        import json, sys, warnings
        warnings.simplefilter("ignore")
        import bjontegaard as bd
        a = json.loads(sys.argv[1])
        print(float(bd.bd_rate(a[0], a[1], a[2], a[3], method=sys.argv[2], require_matching_points=False, min_overlap=0)))
        """
        let args = [anchor.map(\.bitrateKbps), anchor.map(\.quality), test.map(\.bitrateKbps), test.map(\.quality)]
        let p = Process(), out = Pipe(), err = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, String(decoding: try JSONEncoder().encode(args), as: UTF8.self), method]
        p.standardOutput = out; p.standardError = err
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0, let v = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchTestFailure(description: "bjontegaard (pip install bjontegaard) failed: \(problem)")
        }
        return v
    }
}
