import Foundation

/// Runs the `bjontegaard` PyPI package (`pip install bjontegaard`) through `python3 -c` as the
/// reference implementation. There is deliberately no skip path: if Python or the package is
/// missing, `evaluate` throws and the calling test fails.
enum BjontegaardOracle {
    struct Case: Codable {
        var anchorRates: [Double]
        var anchorQualities: [Double]
        var testRates: [Double]
        var testQualities: [Double]
    }

    /// Package outputs for one case: BD-rate (%) and BD-quality for "pchip" and "cubic";
    /// NaN where the package returned NaN (sent as JSON null).
    struct Result: Decodable {
        var pchipRate: Double
        var pchipQuality: Double
        var cubicRate: Double
        var cubicQuality: Double

        enum CodingKeys: String, CodingKey { case pchipRate, pchipQuality, cubicRate, cubicQuality }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            pchipRate = try c.decodeIfPresent(Double.self, forKey: .pchipRate) ?? .nan
            pchipQuality = try c.decodeIfPresent(Double.self, forKey: .pchipQuality) ?? .nan
            cubicRate = try c.decodeIfPresent(Double.self, forKey: .cubicRate) ?? .nan
            cubicQuality = try c.decodeIfPresent(Double.self, forKey: .cubicQuality) ?? .nan
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let script = """
    import json, math, sys, warnings
    warnings.simplefilter("ignore")
    import bjontegaard as bd
    out = []
    for c in json.loads(sys.argv[1]):
        a = (c["anchorRates"], c["anchorQualities"], c["testRates"], c["testQualities"])
        row = {}
        for m in ("pchip", "cubic"):
            r = float(bd.bd_rate(*a, method=m, require_matching_points=False, min_overlap=0))
            q = float(bd.bd_psnr(*a, method=m, require_matching_points=False, min_overlap=0))
            row[m + "Rate"] = None if math.isnan(r) else r
            row[m + "Quality"] = None if math.isnan(q) else q
        out.append(row)
    print(json.dumps(out))
    """

    /// Evaluates all cases in one Python process. Curves must be given in increasing-rate order.
    static func evaluate(_ cases: [Case]) throws -> [Result] {
        let input = String(decoding: try JSONEncoder().encode(cases), as: UTF8.self)
        let process = Process()
        let python = ProcessInfo.processInfo.environment["BENCHMATH_PYTHON"] ?? "python3"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", script, input]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure(description: "ORACLE MISSING: cannot start \(python): \(error)")
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "ORACLE MISSING OR BROKEN (pip install bjontegaard): "
                + "\(python) exited \(process.terminationStatus): \(String(decoding: stderr, as: UTF8.self))")
        }
        let results = try JSONDecoder().decode([Result].self, from: stdout)
        guard results.count == cases.count else {
            throw Failure(description: "oracle returned \(results.count) results for \(cases.count) cases")
        }
        return results
    }
}
