import Foundation

/// The fields of a libvmaf `model_dict`, read from `JSONSerialization` output.
struct VMAFModelDictionary {
    let featureNames: [String]
    let slopes: [Double]
    let intercepts: [Double]
    let libsvm: String
    let featureOptions: [[String: Double]]
    let transform: ScoreTransform?
    let clip: ClosedRange<Double>?

    init(_ dict: [String: Any]) throws {
        guard let names = dict["feature_names"] as? [String], !names.isEmpty else {
            throw VMAFModelError.invalidJSON("feature_names")
        }
        guard let type = dict["model_type"] as? String, type == "LIBSVMNUSVR" else {
            throw VMAFModelError.invalidJSON("unsupported model_type \(String(describing: dict["model_type"]))")
        }
        guard let model = dict["model"] as? String else { throw VMAFModelError.invalidJSON("model") }
        let norm = dict["norm_type"] as? String ?? "none"
        guard norm == "linear_rescale" || norm == "none" else {
            throw VMAFModelError.invalidJSON("unsupported norm_type \(norm)")
        }
        featureNames = names
        libsvm = model
        if norm == "none" {
            slopes = Array(repeating: 1, count: names.count + 1)
            intercepts = Array(repeating: 0, count: names.count + 1)
        } else {
            slopes = try Self.numbers(dict["slopes"], "slopes")
            intercepts = try Self.numbers(dict["intercepts"], "intercepts")
        }
        featureOptions = try (dict["feature_opts_dicts"] as? [[String: Any]] ?? []).map { entry in
            try entry.mapValues { value -> Double in
                if let number = value as? NSNumber { return number.doubleValue }
                throw VMAFModelError.unsupportedOption("\(entry)")
            }
        }
        if let range = dict["score_clip"] {
            let bounds = try Self.numbers(range, "score_clip")
            guard bounds.count == 2, bounds[0] <= bounds[1] else { throw VMAFModelError.invalidJSON("score_clip") }
            clip = bounds[0]...bounds[1]
        } else {
            clip = nil
        }
        transform = try (dict["score_transform"] as? [String: Any]).map(Self.transform)
    }

    static func numbers(_ value: Any?, _ name: String) throws -> [Double] {
        guard let array = value as? [Any] else { throw VMAFModelError.invalidJSON(name) }
        return try array.map { element in
            guard let number = element as? NSNumber else { throw VMAFModelError.invalidJSON(name) }
            return number.doubleValue
        }
    }

    /// libvmaf reads the flags as the strings "true"/"false"; `enabled` as a JSON boolean.
    static func transform(_ dict: [String: Any]) throws -> ScoreTransform {
        func coefficient(_ key: String) -> Double? { (dict[key] as? NSNumber)?.doubleValue }
        func flag(_ key: String) -> Bool { (dict[key] as? String) == "true" || (dict[key] as? Bool) == true }
        var knots: [(x: Double, y: Double)] = []
        if let list = dict["knots"] as? [Any] {
            knots = try list.map { pair in
                let point = try numbers(pair, "knots")
                guard point.count == 2 else { throw VMAFModelError.invalidJSON("knots") }
                return (point[0], point[1])
            }
        }
        return ScoreTransform(p0: coefficient("p0"), p1: coefficient("p1"), p2: coefficient("p2"),
                              knots: knots, outputAtLeastInput: flag("out_gte_in"),
                              outputAtMostInput: flag("out_lte_in"),
                              enabledByDefault: (dict["enabled"] as? Bool) == true)
    }
}
