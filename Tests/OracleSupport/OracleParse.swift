import Foundation

/// Parsers for what FFmpeg's `psnr` and `ssim` filters write (libvmaf's log: `LibvmafLog`).
public enum OracleParse {
    /// Splits `key:value` tokens of one stats line ("n:1 mse_avg:1.23 …").
    public static func keyValues(_ line: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for token in line.split(separator: " ") {
            guard let colon = token.firstIndex(of: ":") else { continue }
            result[String(token[..<colon])] = String(token[token.index(after: colon)...])
        }
        return result
    }

    /// Parses a number as FFmpeg prints it ("inf", "-inf", "nan" included).
    public static func number(_ text: String?) throws -> Double {
        let trimmed = (text ?? "").trimmingCharacters(in: CharacterSet(charactersIn: " ()\n"))
        switch trimmed {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        default:
            guard let v = Double(trimmed) else {
                throw OracleError("not a number: \(text ?? "nil")")
            }
            return v
        }
    }

    /// Lines of a stats file, one dictionary per frame.
    public static func statsFile(_ path: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("n:") }.map(keyValues)
    }

    /// `metadata=mode=print` output: one dictionary of `lavfi.*` keys per frame.
    public static func metadataFile(_ path: String) throws -> [[String: String]] {
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
    public static func psnrSummary(_ log: String) throws -> [String: Double] {
        guard let line = log.split(separator: "\n").last(where: { $0.contains("] PSNR ") }),
              let start = line.range(of: "] PSNR ") else {
            throw OracleError("no PSNR summary in log")
        }
        return try keyValues(line[start.upperBound...]).mapValues { try number($0) }
    }

    /// The `SSIM Y:v (dB) U:v (dB) V:v (dB) All:v (dB)` summary: values and dB per key.
    public static func ssimSummary(_ log: String) throws -> [String: (value: Double, dB: Double)] {
        guard let line = log.split(separator: "\n").last(where: { $0.contains("] SSIM ") }),
              let start = line.range(of: "] SSIM ") else {
            throw OracleError("no SSIM summary in log")
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
}
