import Foundation
import Testing
@testable import Imaging

/// `AttentionScore` (the attention strategy's scoring in Swift) against libvips' own chain of
/// operations on the same 32x32 samples: the same peak on real photographs (8-bit and float), on
/// noise, on flat and drawn pictures with ties, at the blurs the windows of covers ask for.
@Suite struct AttentionScoreTests {
    static func samples(_ dir: URL) throws -> [(String, Image)] {
        var out: [(String, Image)] = []
        for (name, picture) in try AttentionCropTests.pictures(dir) {
            if let sample = try picture.attentionSample() { out.append((name, sample)) }
        }
        // Noise (every value, so the colour tables are all used), and flat pictures whose scores tie.
        for seed in 0..<6 {
            let noise = try VipsOperation.call("gaussnoise", ["width": .int(32), "height": .int(32), "mean": .double(128),
                                                              "sigma": .double(40 + Double(seed) * 15), "seed": .int(seed)]).image()
            let turned = try noise.op("rot", ["in": .image(noise), "angle": .string("d180")])
            let flipped = try noise.op("flip", ["in": .image(noise), "direction": .string("horizontal")])
            let rgb = try VipsOperation.call("bandjoin", ["in": .images([noise, turned, flipped])]).image()
            out.append(("noise \(seed)", try rgb.cast("uchar").colourspaceTag("srgb").materialized()))
        }
        out.append(("flat", try Image.solid(width: 32, height: 32, rgb: [120, 130, 140]).cast("uchar").materialized()))
        out.append(("black", try Image.solid(width: 32, height: 32, rgb: [0, 0, 0]).cast("uchar").materialized()))
        return out
    }

    @Test func thePeakIsLibvipsOwn() throws {
        let dir = try TestSupport.tempDir("attention-score")
        defer { try? FileManager.default.removeItem(at: dir) }
        var compared = 0
        for (name, sample) in try Self.samples(dir) {
            #expect(sample.bands == 3 && sample.interpretation == "srgb", "\(name)")
            for sigma in [1.0, 1.7, 2.9, 3.4, 4.53, 6.0] {
                let ours = try sample.attentionPeak(sigma: sigma)
                let theirs = try sample.attentionPeakByLibvips(sigma: sigma)
                #expect(ours.x == theirs.x && ours.y == theirs.y, "\(name) sigma \(sigma): ours \(ours), libvips \(theirs)")
                compared += 1
            }
        }
        #expect(compared >= 100)
    }
}
