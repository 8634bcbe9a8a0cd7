import Foundation

/// A libsvm epsilon/nu support vector regressor with an RBF kernel, evaluated like libsvm:
/// `sum_i coef_i * exp(-gamma * |x - sv_i|^2) - rho`, squared distances summed in feature
/// order with absent (sparse) coordinates taken as 0.
struct SupportVectorRegressor: Sendable {
    let gamma: Double
    let rho: Double
    let coefficients: [Double]
    /// Dense support vectors, `dimension` values each, concatenated.
    let vectors: [Double]
    let dimension: Int

    /// Parses the text of a libsvm model file for `dimension` features.
    init(libsvmText text: String, dimension: Int) throws {
        var gamma: Double?, rho: Double?
        var coefficients: [Double] = [], vectors: [Double] = []
        var inVectors = false
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let fields = rawLine.split(separator: " ")
            guard let key = fields.first else { continue }
            if inVectors {
                guard let coef = Double(key) else { throw VMAFModelError.invalidSVM("bad line \(rawLine)") }
                var vector = [Double](repeating: 0, count: dimension)
                for pair in fields.dropFirst() {
                    let parts = pair.split(separator: ":")
                    guard parts.count == 2, let index = Int(parts[0]), let value = Double(parts[1]),
                          (1...dimension).contains(index) else {
                        throw VMAFModelError.invalidSVM("bad support vector entry \(pair)")
                    }
                    vector[index - 1] = value
                }
                coefficients.append(coef)
                vectors += vector
                continue
            }
            let value = fields.count > 1 ? String(fields[1]) : ""
            switch key {
            case "svm_type":
                guard value == "nu_svr" || value == "epsilon_svr" else {
                    throw VMAFModelError.invalidSVM("unsupported svm_type \(value)")
                }
            case "kernel_type":
                guard value == "rbf" else { throw VMAFModelError.invalidSVM("unsupported kernel \(value)") }
            case "gamma": gamma = Double(value)
            case "rho": rho = Double(value)
            case "SV": inVectors = true
            default: continue
            }
        }
        guard let gamma, let rho, !coefficients.isEmpty else {
            throw VMAFModelError.invalidSVM("missing gamma, rho or support vectors")
        }
        self.gamma = gamma
        self.rho = rho
        self.coefficients = coefficients
        self.vectors = vectors
        self.dimension = dimension
    }

    /// The regression value for a normalised feature vector.
    func predict(_ x: [Double]) -> Double {
        precondition(x.count == dimension, "feature vector has the wrong length")
        var sum = 0.0
        for (i, coefficient) in coefficients.enumerated() {
            var distance = 0.0
            for k in 0..<dimension {
                let d = x[k] - vectors[i * dimension + k]
                distance += d * d
            }
            sum += coefficient * exp(-gamma * distance)
        }
        return sum - rho
    }
}
