import PluginKit
import Quality
import QualityKernels
import Support

/// VMAF with a published model (vmaf_v0.6.1 by default): VIF at 4 scales, ADM2 and motion2 as
/// libvmaf's integer feature extractors compute them, the nu-SVR with the model's normalisation
/// and clipping; the phone score from the model's score transform beside the default one.
public struct VMAFMetric: QualityMetric {
    public static let metadata = PluginMetadata(
        name: "vmaf", kind: .qualityMetric,
        summary: "VMAF (vmaf_v0.6.1 by default) with the phone score, and its features (VIF, ADM2, motion2)",
        parameters: [model, phone, features],
        capabilities: [.temporal, .lumaOnly])
    public static let model: Param<String> = .choice(
        "model", VMAFBuiltInModel.allCases.map(\.rawValue), default: "vmaf_v0.6.1",
        doc: "the published model: vmaf_v0.6.1 (1080p on a TV), vmaf_v0.6.1neg (no enhancement gain), vmaf_4k_v0.6.1")
    public static let phone: Param<Bool> = .bool(
        "phone", default: true, doc: "also report vmaf_phone, the model's score transform for viewing on a phone")
    public static let features: Param<Bool> = .bool(
        "features", default: true, doc: "also report the features per frame (adm2, motion2, vif_scale0…3)")
    public init() {}

    public func session(parameters: PluginParameters, format: PictureFormat) throws -> any MetricSession {
        let name = parameters[Self.model]
        guard let builtIn = VMAFBuiltInModel(rawValue: name) else { throw MarqueeError.usage("vmaf: unknown model `\(name)`") }
        let model: VMAFModel
        do { model = try VMAFModel(builtIn: builtIn) } catch {
            throw MarqueeError.input("vmaf: cannot load the model \(name): \(error)")
        }
        guard (8...12).contains(format.bitDepth), format.width >= 33, format.height >= 33 else {
            throw MarqueeError.usage("vmaf needs 8- to 12-bit pictures of at least 33x33; these are \(format.width)x\(format.height) at \(format.bitDepth) bits")
        }
        return Session(model: model, phone: parameters[Self.phone] && model.scoreTransform != nil,
                       features: parameters[Self.features])
    }

    struct Session: MetricSession {
        let scorer: VMAFFrameScorer
        let phone: Bool
        let features: Bool
        let workspaces = WorkspacePool { VMAFWorkspace() }

        init(model: VMAFModel, phone: Bool, features: Bool) {
            let adm = WorkspacePool { AdmWorkspace() }
            let shared = SharedADM(
                prepare: { reference in adm.with { ADM.prepare(reference: reference, workspace: $0) } },
                score: { reference, distorted, prepared, gain in
                    adm.with { ADM.compute(reference: reference, distorted: distorted, shared: prepared,
                                           options: AdmOptions(enhancementGainLimit: gain), workspace: $0).adm2 }
                })
            scorer = VMAFFrameScorer(model: model, adm: { reference, distorted, gain in
                adm.with { ADM.compute(reference: reference, distorted: distorted,
                                       options: AdmOptions(enhancementGainLimit: gain), workspace: $0).adm2 }
            }, sharedADM: shared)
            self.phone = phone
            self.features = features
        }

        func measure(reference: Picture, distorted: Picture, previousReference: Picture?) throws -> FrameMeasure {
            let analysis = workspaces.with {
                scorer.analyze(reference: reference.y, distorted: distorted.y, previousReference: previousReference?.y,
                               workspace: $0)
            }
            return FrameMeasure(values: [], payload: analysis)
        }

        /// Motion and VIF's reference side read the reference alone: computed once per frame for
        /// every rung of a bench.
        func prepare(reference: Picture, previousReference: Picture?) throws -> (any Sendable)? {
            workspaces.with { scorer.prepare(reference: reference.y, previousReference: previousReference?.y, workspace: $0) }
        }

        func measure(reference: Picture, distorted: Picture, previousReference: Picture?,
                     prepared: (any Sendable)?) throws -> FrameMeasure {
            guard let shared = prepared as? VMAFReferenceSide else {
                return try measure(reference: reference, distorted: distorted, previousReference: previousReference)
            }
            let analysis = workspaces.with { scorer.analyze(reference: reference.y, distorted: distorted.y, shared: shared, workspace: $0) }
            return FrameMeasure(values: [], payload: analysis)
        }

        func makeAccumulator() -> any MetricAccumulator { Accumulator(session: self) }
    }

    final class Accumulator: MetricAccumulator {
        let session: Session
        var sequence: VMAFSequence
        var scores: [VMAFFrameScore] = []
        init(session: Session) { self.session = session; sequence = session.scorer.makeSequence() }

        func add(_ m: FrameMeasure, index: Int) -> Double? {
            guard let a = m.payload as? VMAFFrameAnalysis else { return nil }
            scores += sequence.append(a)
            // motion2 needs the next frame; until then, score with this frame's motion (an upper bound).
            let model = session.scorer.model
            let guess = VMAFFeatures(adm2: a.adm2, motion: a.motion ?? 0, motion2: a.motion ?? 0, vif: a.vif)
            return model.score(guess.vector(for: model))
        }

        func finish() -> [MetricSeries] {
            scores += sequence.finish()
            var out = [MetricSeries(name: "vmaf", values: scores.map(\.score))]
            if session.phone { out.append(MetricSeries(name: "vmaf_phone", values: scores.map(\.transformedScore))) }
            if session.features {
                out.append(MetricSeries(name: "adm2", values: scores.map(\.features.adm2)))
                out.append(MetricSeries(name: "motion2", values: scores.map(\.features.motion2)))
                for s in 0..<4 { out.append(MetricSeries(name: "vif_scale\(s)", values: scores.map { $0.features.vif[s] })) }
            }
            return out
        }
    }
}
