import Foundation
import PluginKit
import Quality
import QualityKernels
import QualityMetrics
import SplitMix
import Testing

/// The bench computes each metric's reference side (VMAF's motion) once per source frame and hands
/// it to every rung: the scores must be exactly those of the metric working alone.
@Suite struct SharedReferenceTests {
    static func picture(_ width: Int, _ height: Int, seed: UInt64, shift: Int) -> Picture {
        var rng = SeededGenerator(seed: seed)
        // A textured pattern that moves by `shift` pixels, with noise, so motion is not zero.
        var y = [UInt16](repeating: 0, count: width * height)
        for i in y.indices {
            let x = Double(i % width + shift), r = Double(i / width)
            let wave: Double = 60 * sin(x / 5) * cos(r / 7)
            let noise = Int(rng.next() % 9) - 4
            y[i] = UInt16(clamping: 128 + Int(wave) + noise)
        }
        let c = [UInt16](repeating: 128, count: (width / 2) * (height / 2))
        return Picture(y: Plane(width: width, height: height, samples: y),
                       u: Plane(width: width / 2, height: height / 2, samples: c),
                       v: Plane(width: width / 2, height: height / 2, samples: c))
    }

    @Test func vmafWithSharedMotionEqualsVMAFAlone() throws {
        let (w, h) = (96, 64)
        let format = PictureFormat(width: w, height: h, bitDepth: 8, chromaShiftX: 1, chromaShiftY: 1)
        let metric = VMAFMetric()
        let parameters = try VMAFMetric.metadata.resolve([:])
        let alone = try metric.session(parameters: parameters, format: format)
        let shared = try metric.session(parameters: parameters, format: format)
        let a = alone.makeAccumulator(), b = shared.makeAccumulator()
        var previous: Picture?
        var prepared = 0
        for i in 0..<6 {
            let reference = Self.picture(w, h, seed: UInt64(i), shift: 2 * i)
            let distorted = Self.picture(w, h, seed: UInt64(100 + i), shift: 2 * i)
            _ = a.add(try alone.measure(reference: reference, distorted: distorted, previousReference: previous), index: i)
            let ref = try shared.prepare(reference: reference, previousReference: previous)
            if ref != nil { prepared += 1 }
            _ = b.add(try shared.measure(reference: reference, distorted: distorted, previousReference: previous, prepared: ref), index: i)
            previous = reference
        }
        #expect(prepared == 5, "motion is prepared for every frame after the first")
        let sa = a.finish(), sb = b.finish()
        let vmafA = try #require(sa.first { $0.name == "vmaf" }).values, vmafB = try #require(sb.first { $0.name == "vmaf" }).values
        let motionB = try #require(sb.first { $0.name == "motion2" }).values
        #expect(vmafA == vmafB, "\(vmafA) vs \(vmafB)")
        #expect(motionB.dropFirst().contains { $0 > 0 }, "the test pictures move: \(motionB)")
    }
}
