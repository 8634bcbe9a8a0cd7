import Foundation

/// A VMAF model (libvmaf JSON format, e.g. `vmaf_v0.6.1.json`): a nu-SVR with an RBF kernel
/// over linearly rescaled features, followed by denormalisation, an optional score transform
/// and clipping.
public struct VMAFModel: Sendable {
    /// The features a model can use.
    public enum Feature: String, Sendable, CaseIterable {
        case adm2, motion2, vifScale0, vifScale1, vifScale2, vifScale3
    }

    /// Feature names as written in the model (libvmaf's names), in model order.
    public let featureNames: [String]
    /// The same features, in model order.
    public let features: [Feature]
    /// `vif_enhn_gain_limit` the VIF features must be computed with (1.0 for NEG models).
    public let vifEnhancementGainLimit: Double
    /// `adm_enhn_gain_limit` the ADM feature must be computed with (1.0 for NEG models).
    public let admEnhancementGainLimit: Double
    /// The model's score transform (the "phone" mapping of vmaf_v0.6.1), if any.
    public let scoreTransform: ScoreTransform?
    /// Output clipping range, if any.
    public let scoreClip: ClosedRange<Double>?

    let outputSlope: Double
    let outputIntercept: Double
    let featureSlopes: [Double]
    let featureIntercepts: [Double]
    let regressor: SupportVectorRegressor

    /// Parses a libvmaf JSON model.
    public init(jsonData: Data) throws {
        guard let root = try? JSONSerialization.jsonObject(with: jsonData) as? [String: Any],
              let dict = root["model_dict"] as? [String: Any] else {
            throw VMAFModelError.invalidJSON("no model_dict")
        }
        let parsed = try VMAFModelDictionary(dict)
        featureNames = parsed.featureNames
        features = try parsed.featureNames.map(Self.feature(named:))
        (vifEnhancementGainLimit, admEnhancementGainLimit) =
            try Self.gainLimits(parsed.featureOptions, features: features)
        scoreTransform = parsed.transform
        scoreClip = parsed.clip
        guard parsed.slopes.count == features.count + 1,
              parsed.intercepts.count == features.count + 1 else {
            throw VMAFModelError.invalidJSON("slopes/intercepts do not match the features")
        }
        outputSlope = parsed.slopes[0]
        outputIntercept = parsed.intercepts[0]
        featureSlopes = Array(parsed.slopes.dropFirst())
        featureIntercepts = Array(parsed.intercepts.dropFirst())
        regressor = try SupportVectorRegressor(libsvmText: parsed.libsvm, dimension: features.count)
    }

    /// The prediction before transform and clipping, for features in model order.
    public func rawPrediction(_ values: [Double]) -> Double {
        precondition(values.count == features.count, "expected \(features.count) feature values")
        var normalized = [Double](repeating: 0, count: values.count)
        for i in values.indices {
            normalized[i] = featureSlopes[i] * values[i] + featureIntercepts[i]
        }
        return (regressor.predict(normalized) - outputIntercept) / outputSlope
    }

    /// The VMAF score for features in model order. With `applyTransform` the model's score
    /// transform is applied (libvmaf's `enable_transform`, the phone score); models without a
    /// transform ignore it.
    public func score(_ values: [Double], applyTransform: Bool = false) -> Double {
        var prediction = rawPrediction(values)
        if let scoreTransform, applyTransform || scoreTransform.enabledByDefault {
            prediction = scoreTransform.apply(prediction)
        }
        if let scoreClip {
            prediction = min(max(prediction, scoreClip.lowerBound), scoreClip.upperBound)
        }
        return prediction
    }

    /// Maps libvmaf feature names (integer extractors) to features.
    static func feature(named name: String) throws -> Feature {
        switch name {
        case "VMAF_integer_feature_adm2_score": return .adm2
        case "VMAF_integer_feature_motion2_score": return .motion2
        case "VMAF_integer_feature_vif_scale0_score": return .vifScale0
        case "VMAF_integer_feature_vif_scale1_score": return .vifScale1
        case "VMAF_integer_feature_vif_scale2_score": return .vifScale2
        case "VMAF_integer_feature_vif_scale3_score": return .vifScale3
        default: throw VMAFModelError.unsupportedFeature(name)
        }
    }

    /// Reads the enhancement gain limits from `feature_opts_dicts`.
    static func gainLimits(_ options: [[String: Double]], features: [Feature]) throws
        -> (vif: Double, adm: Double) {
        var vif: Double?, adm: Double?
        for (index, dict) in options.enumerated() where index < features.count {
            for (key, value) in dict {
                switch (key, features[index]) {
                case ("vif_enhn_gain_limit", .vifScale0), ("vif_enhn_gain_limit", .vifScale1),
                     ("vif_enhn_gain_limit", .vifScale2), ("vif_enhn_gain_limit", .vifScale3):
                    if let vif, vif != value { throw VMAFModelError.unsupportedOption("mixed \(key)") }
                    vif = value
                case ("adm_enhn_gain_limit", .adm2):
                    adm = value
                default:
                    throw VMAFModelError.unsupportedOption(key)
                }
            }
        }
        return (vif ?? VIFConstants.defaultEnhancementGainLimit, adm ?? 100.0)
    }
}
