import Foundation
import QualityKernels
import Testing

/// The model maths against libvmaf, fed with libvmaf's own logged features.
@Suite struct ModelTests {
    static let featureKeys: [VMAFModel.Feature: String] = [
        .adm2: "integer_adm2", .motion2: "integer_motion2",
        .vifScale0: "integer_vif_scale0", .vifScale1: "integer_vif_scale1",
        .vifScale2: "integer_vif_scale2", .vifScale3: "integer_vif_scale3",
    ]

    /// Logged feature values in model order; NEG logs VIF and ADM with an `_egl_1` suffix.
    static func loggedFeatures(_ metrics: [String: Double], model: VMAFModel, neg: Bool) throws -> [Double] {
        try model.features.map { feature in
            var key = try #require(featureKeys[feature])
            if neg && feature != .motion2 { key += "_egl_1" }
            return try #require(metrics[key], "missing \(key)")
        }
    }

    @Test func builtInModelsLoad() throws {
        let model = try VMAFModel(builtIn: .vmaf_v0_6_1)
        #expect(model.features == [.adm2, .motion2, .vifScale0, .vifScale1, .vifScale2, .vifScale3])
        #expect(model.featureNames.first == "VMAF_integer_feature_adm2_score")
        #expect(model.scoreTransform != nil)
        #expect(model.scoreClip == 0...100)
        #expect(model.vifEnhancementGainLimit == 100)
        let neg = try VMAFModel(builtIn: .vmaf_v0_6_1neg)
        #expect(neg.vifEnhancementGainLimit == 1 && neg.admEnhancementGainLimit == 1)
        let fourK = try VMAFModel(builtIn: .vmaf_4k_v0_6_1)
        #expect(fourK.scoreTransform == nil)
        #expect(throws: VMAFModelError.self) { try VMAFModel(jsonData: Data("{}".utf8)) }
    }

    @Test func loggedFeaturesReproduceLibvmafScores() throws {
        let model = try VMAFModel(builtIn: .vmaf_v0_6_1)
        let neg = try VMAFModel(builtIn: .vmaf_v0_6_1neg)
        var worst = ["vmaf": 0.0, "phone": 0.0, "neg": 0.0]
        for clip in try Fixtures.all() {
            for metrics in clip.oracle {
                let features = try Self.loggedFeatures(metrics, model: model, neg: false)
                let negFeatures = try Self.loggedFeatures(metrics, model: neg, neg: true)
                let ours = ["vmaf": model.score(features),
                            "phone": model.score(features, applyTransform: true),
                            "neg": neg.score(negFeatures)]
                for (name, value) in ours {
                    let expected = try #require(metrics[name])
                    worst[name] = max(worst[name] ?? 0, abs(value - expected))
                }
            }
        }
        print("Model from logged features: max |diff| " + worst.sorted { $0.key < $1.key }
            .map { "\($0.key) \(String(format: "%.2e", $0.value))" }.joined(separator: ", "))
        for (name, diff) in worst { #expect(diff <= 0.01, "\(name) differs by \(diff)") }
    }

    @Test func transformIsRectifiedAndClipped() throws {
        let transform = ScoreTransform(p0: 1.70674692, p1: 1.72643844, p2: -0.00705305,
                                       outputAtLeastInput: true)
        #expect(transform.apply(200) == 200)
        let mapped = transform.apply(50)
        #expect(abs(mapped - (1.70674692 + 1.72643844 * 50 - 0.00705305 * 2500)) < 1e-12)
        let knots = ScoreTransform(knots: [(0, 0), (50, 80), (100, 100)])
        #expect(knots.apply(25) == 40)
        #expect(knots.apply(75) == 90)
    }
}
