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

    /// Scores `frames` moving frames with `metric` alone and, in a second session, with each frame's
    /// reference side prepared once and shared by two distorted versions (two rungs); returns both
    /// runs' series (the shared run's for the first version) and what was prepared per frame.
    static func aloneAndShared(_ metric: any QualityMetric, width w: Int = 96, height h: Int = 64, frames: Int = 6)
        throws -> (alone: [MetricSeries], shared: [MetricSeries], other: [MetricSeries], prepared: [(any Sendable)?]) {
        let format = PictureFormat(width: w, height: h, bitDepth: 8, chromaShiftX: 1, chromaShiftY: 1)
        let parameters = try type(of: metric).metadata.resolve([:])
        let alone = try metric.session(parameters: parameters, format: format)
        let shared = try metric.session(parameters: parameters, format: format)
        let a = alone.makeAccumulator(), b = shared.makeAccumulator(), c = shared.makeAccumulator()
        let otherAlone = alone.makeAccumulator()
        var previous: Picture?, prepared: [(any Sendable)?] = []
        for i in 0..<frames {
            let reference = Self.picture(w, h, seed: UInt64(i), shift: 2 * i)
            let distorted = Self.picture(w, h, seed: UInt64(100 + i), shift: 2 * i)
            let other = Self.picture(w, h, seed: UInt64(200 + i), shift: 2 * i + 1)
            _ = a.add(try alone.measure(reference: reference, distorted: distorted, previousReference: previous), index: i)
            _ = otherAlone.add(try alone.measure(reference: reference, distorted: other, previousReference: previous), index: i)
            let ref = try shared.prepare(reference: reference, previousReference: previous)
            prepared.append(ref)
            _ = b.add(try shared.measure(reference: reference, distorted: distorted, previousReference: previous, prepared: ref), index: i)
            _ = c.add(try shared.measure(reference: reference, distorted: other, previousReference: previous, prepared: ref), index: i)
            previous = reference
        }
        let sa = a.finish(), sb = b.finish(), sc = c.finish(), so = otherAlone.finish()
        #expect(sa.map(\.name) == sb.map(\.name))
        for (x, y) in zip(so, sc) { #expect(x.values == y.values, "second version, \(x.name): \(x.values) vs \(y.values)") }
        return (sa, sb, sc, prepared)
    }

    /// Every series of the shared run equals the run alone, value for value (bit-identical).
    static func expectIdentical(_ alone: [MetricSeries], _ shared: [MetricSeries]) {
        for (x, y) in zip(alone, shared) {
            #expect(x.values.elementsEqual(y.values) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(x.name): \(x.values) vs \(y.values)")
        }
    }

    @Test func vmafWithSharedReferenceEqualsVMAFAlone() throws {
        let run = try Self.aloneAndShared(VMAFMetric())
        let sides = run.prepared.compactMap { $0 as? VMAFReferenceSide }
        #expect(sides.count == 6, "VIF's reference side is prepared for every frame")
        #expect(sides.filter { $0.motion != nil }.count == 5, "motion is prepared for every frame after the first")
        #expect(sides.allSatisfy { $0.adm != nil }, "ADM's reference side is prepared for every frame")
        Self.expectIdentical(run.alone, run.shared)
        let motion = try #require(run.shared.first { $0.name == "motion2" }).values
        #expect(motion.dropFirst().contains { $0 > 0 }, "the test pictures move: \(motion)")
        let vifA = try #require(run.alone.first { $0.name == "vif_scale0" }).values
        let vifC = try #require(run.other.first { $0.name == "vif_scale0" }).values
        #expect(vifA != vifC, "the two distorted versions differ, so sharing cannot hide a mix-up")
    }

    @Test func ssimWithSharedReferenceEqualsSSIMAlone() throws {
        let run = try Self.aloneAndShared(SSIMMetric(), width: 98, height: 66)
        #expect(run.prepared.allSatisfy { $0 is SSIMFrameReference }, "the reference's block sums are prepared for every frame")
        Self.expectIdentical(run.alone, run.shared)
        #expect(run.alone[0].values != run.other[0].values)
    }

    @Test func msssimWithSharedReferenceEqualsMSSSIMAlone() throws {
        let run = try Self.aloneAndShared(MSSSIMMetric(), width: 200, height: 180, frames: 3)
        #expect(run.prepared.allSatisfy { $0 is MSSSIMReference }, "the reference pyramid is prepared for every frame")
        Self.expectIdentical(run.alone, run.shared)
        #expect(run.alone[0].values != run.other[0].values)
    }
}
