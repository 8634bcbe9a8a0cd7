import Bench
import BenchMath
import Foundation
import Testing

/// Known answers of the bitrate bench, in process on small generated sources.
@Suite(.serialized) struct BenchKnownAnswerTests {
    static let textured = "testsrc2=s=320x180:r=25:d=3,noise=alls=12:allf=t"

    @Test func slowerPresetIsNotWorseAtEqualBitrate() throws {
        let src = try BenchFixtures.source("bench-textured-180", filter: Self.textured)
        let job = try BenchFixtures.job(src, profiles: [BenchFixtures.preset("x264-ultrafast", speed: "ultrafast"),
                                                        BenchFixtures.preset("x264-medium", speed: "medium")],
                                        resolutions: [180], bitrates: [150, 400])
        let m = try BenchPass.runBlocking(job)
        #expect(m.points.count == 4, "\(m.missing)")
        for kbps in [150, 400] {
            let fast = try #require(m.points.first { $0.profile == "x264-ultrafast" && $0.targetKbps == kbps })
            let medium = try #require(m.points.first { $0.profile == "x264-medium" && $0.targetKbps == kbps })
            #expect(medium.quality >= fast.quality, "at \(kbps) kbps medium \(medium.quality) dB, ultrafast \(fast.quality) dB")
            // Both held their target within a fifth (ABR over 3 s).
            #expect(abs(medium.achievedKbps - Double(kbps)) < Double(kbps) * 0.2)
            #expect(medium.frames == 75 && fast.frames == 75)
        }
    }

    @Test func largerResolutionWinsAtHighBitrateAndTopsTheHull() throws {
        let src = try BenchFixtures.source("bench-textured-360", filter: "testsrc2=s=640x360:r=25:d=2")
        let job = try BenchFixtures.job(src, profiles: [BenchFixtures.preset("x264-veryfast", speed: "veryfast")],
                                        resolutions: [360, 180], bitrates: [100, 3000])
        let run = BenchRun(job: job, measurements: try BenchPass.runBlocking(job))
        let pts = run.measurements.points
        let big = try #require(pts.first { $0.heightPx == 360 && $0.targetKbps == 3000 })
        let small = try #require(pts.first { $0.heightPx == 180 && $0.targetKbps == 3000 })
        #expect(big.quality > small.quality + 3, "360p \(big.quality) dB vs 180p \(small.quality) dB at 3000 kbps")
        let hull = try #require(run.analysis.hulls["x264-veryfast"])
        #expect(hull.hullPoints.last?.resolutionHeight == 360)
        #expect(run.analysis.onHull(big))
        // Scaled back to the source size: 180p rungs are 320x180 encodes scored at 640x360.
        #expect(small.widthPx == 320 && small.heightPx == 180)
    }

    @Test func raisingANetworkEverywhereNeverWorsensTheLadder() throws {
        let src = try BenchFixtures.source("bench-textured-180", filter: Self.textured)
        let base = try BenchFixtures.job(src, profiles: [BenchFixtures.preset("x264-veryfast", speed: "veryfast")],
                                         resolutions: [180, 90], bitrates: [100, 200, 400, 800])
        let measured = try BenchPass.runBlocking(base)
        var previous = -Double.infinity
        for scale in [0.25, 0.5, 1, 2, 4, 16] {
            let job = try BenchFixtures.job(src, profiles: [BenchFixtures.preset("x264-veryfast", speed: "veryfast")],
                                            resolutions: [180, 90], bitrates: [100, 200, 400, 800],
                                            regions: [BenchFixtures.region(scale: scale)])
            let run = BenchRun(job: job, measurements: measured)
            let choice = try #require(run.analysis.regions.first?.ladders.first?.choice)
            #expect(choice.expectedQuality >= previous - 1e-9, "network ×\(scale): \(choice.expectedQuality) < \(previous)")
            previous = choice.expectedQuality
        }
    }

    @Test func encoderMissingFromFFmpegIsReportedNotFatal() throws {
        let src = try BenchFixtures.source("bench-textured-180", filter: Self.textured)
        let missing = BenchJob.Profile(preset: BenchFixtures.preset("ghost", encoder: "libghost264", speed: "fast"),
                                       plugin: GhostProfile())
        let job = try BenchJob(source: src.path, profiles: [BenchFixtures.profile(BenchFixtures.preset("x264-veryfast", speed: "veryfast")), missing],
                               resolutions: [180, 360], bitratesKbps: [8, 200], regions: [], sampling: .full,
                               metrics: BenchFixtures.metrics, qualitySeries: "psnr_y", concurrency: 2)
        let m = try BenchPass.runBlocking(job)
        #expect(m.points.map(\.key) == ["x264-veryfast/180p/200k"])
        let reasons = m.missing.map(\.reason).joined(separator: "\n")
        #expect(reasons.contains("no libghost264 encoder"))
        #expect(reasons.contains("360p is above the source's 180 lines"))
        #expect(reasons.contains("8 kbps is below 16 kbps"))
    }
}

/// A profile for an encoder no FFmpeg build has.
struct GhostProfile: EncoderProfile {
    static let metadata = PluginKit.PluginMetadata(name: "ghost", kind: .encoderProfile, summary: "test")
    var encoderName: String { "libghost264" }
    var minimumBitrateKbps: Int { 1 }
    func problems(_ preset: Presets.EncoderPreset) -> [String] { [] }
    func settings(_ preset: Presets.EncoderPreset, rung: RungSpec) throws -> Media.VideoEncoderSettings {
        baseSettings(preset, rung: rung)
    }
}

import Media
import PluginKit
import Presets
