import Support

/// A check's judgement: `pass`, `warn` (worth a look; does not fail the cover) or `fail`.
public enum Verdict: String, Codable, Sendable, Comparable, CaseIterable {
    case pass, warn, fail
    var rank: Int { switch self { case .pass: 0; case .warn: 1; case .fail: 2 } }
    public static func < (a: Verdict, b: Verdict) -> Bool { a.rank < b.rank }
}

/// What one check concluded about one cover: its verdict, the reason in a designer's words, the
/// figures it measured (named with units, rounded to 4 decimals) and the elements at fault.
public struct CheckOutcome: Codable, Sendable {
    public var check: String
    public var verdict: Verdict
    public var reason: String
    public var figures: [String: Double]
    /// The elements that warn or fail, each with its own message, box and figures.
    public var findings: [Finding]

    public init(check: String, verdict: Verdict, reason: String, figures: [String: Double] = [:], findings: [Finding] = []) {
        self.check = check; self.verdict = verdict; self.reason = reason
        self.figures = figures.mapValues { Rounded.places($0, 4) }; self.findings = findings
    }

    /// The outcome of findings: the worst verdict among them, its messages as the reason, or `passed`.
    public init(check: String, findings: [Finding], figures: [String: Double] = [:], passed: String) {
        let verdict = findings.map(\.verdict).max() ?? .pass
        let worst = findings.filter { $0.verdict == verdict }.map(\.message)
        self.init(check: check, verdict: verdict, reason: worst.isEmpty ? passed : worst.joined(separator: "; "),
                  figures: figures, findings: findings)
    }
}
