import Foundation

/// Parsers for what FFmpeg's psnr/ssim filters and libvmaf write.
enum OracleParse {
    /// Splits `key:value` tokens of one stats line ("n:1 mse_avg:1.23 …").
    static func keyValues(_ line: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for token in line.split(separator: " ") {
            guard let colon = token.firstIndex(of: ":") else { continue }
            result[String(token[..<colon])] = String(token[token.index(after: colon)...])
        }
        return result
    }

    /// Parses a number as FFmpeg prints it ("inf", "-inf", "nan" included).
    static func number(_ text: String?) throws -> Double {
        let trimmed = (text ?? "").trimmingCharacters(in: CharacterSet(charactersIn: " ()\n"))
        switch trimmed {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        default:
            guard let v = Double(trimmed) else {
                throw OracleError(description: "not a number: \(text ?? "nil")")
            }
            return v
        }
    }

    /// Lines of a stats file, one dictionary per frame.
    static func statsFile(_ path: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("n:") }.map(keyValues)
    }

    /// `metadata=mode=print` output: one dictionary of `lavfi.*` keys per frame.
    static func metadataFile(_ path: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var frames: [[String: String]] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("frame:") {
                frames.append([:])
            } else if let eq = line.firstIndex(of: "="), !frames.isEmpty {
                frames[frames.count - 1][String(line[..<eq])] = String(line[line.index(after: eq)...])
            }
        }
        return frames
    }

    /// The `PSNR y:… u:… v:… average:… min:… max:…` summary from ffmpeg's log.
    static func psnrSummary(_ log: String) throws -> [String: Double] {
        guard let line = log.split(separator: "\n").last(where: { $0.contains("] PSNR ") }),
              let start = line.range(of: "] PSNR ") else {
            throw OracleError(description: "no PSNR summary in log")
        }
        return try keyValues(line[start.upperBound...]).mapValues { try number($0) }
    }

    /// The `SSIM Y:v (dB) U:v (dB) V:v (dB) All:v (dB)` summary: values and dB per key.
    static func ssimSummary(_ log: String) throws -> [String: (value: Double, dB: Double)] {
        guard let line = log.split(separator: "\n").last(where: { $0.contains("] SSIM ") }),
              let start = line.range(of: "] SSIM ") else {
            throw OracleError(description: "no SSIM summary in log")
        }
        let tokens = line[start.upperBound...].split(separator: " ")
        var result: [String: (Double, Double)] = [:]
        var i = 0
        while i + 1 < tokens.count {
            let kv = tokens[i].split(separator: ":", maxSplits: 1)
            if kv.count == 2 {
                result[String(kv[0])] = (try number(String(kv[1])), try number(String(tokens[i + 1])))
            }
            i += 2
        }
        return result
    }

    /// libvmaf JSON log: per-frame values and pooled statistics of one feature.
    static func vmafJSON(_ path: String, feature: String) throws
        -> (frames: [Double], pooled: [String: Double]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let frames = root["frames"] as? [[String: Any]] else {
            throw OracleError(description: "bad libvmaf JSON \(path)")
        }
        let values = try frames.map { frame -> Double in
            guard let metrics = frame["metrics"] as? [String: Any],
                  let v = metrics[feature] as? Double else {
                throw OracleError(description: "frame without \(feature) in \(path)")
            }
            return v
        }
        let pooledAll = root["pooled_metrics"] as? [String: Any]
        let pooled = (pooledAll?[feature] as? [String: Double]) ?? [:]
        return (values, pooled)
    }
}
