import Support
import Presets

/// One text box a check judged: from the layer data (exact) or read by OCR (with its confidence).
public struct CheckedText: Codable, Sendable {
    public var box: Box
    public var text: String
    public var kind: String
    public var role: String
    /// Tesseract's confidence, 0…100, for detected text; under 60 the report marks it uncertain.
    public var ocr_confidence: Double?
}

/// The verdict on one cover: every check's outcome, the text the checks saw and the figures a
/// report draws (safe zones, grid, subject).
public struct CoverCheckResult: Codable, Sendable {
    public var file: String
    public var path: String
    public var platform: String
    public var region: String?
    public var locale: String
    public var width: Int
    public var height: Int
    public var feed_width: Int
    public var feed_height: Int
    /// `layers` (covers.json) or `detection` (OCR).
    public var text_source: String
    /// With `detection`: the Tesseract models that read the text (e.g. `["ara", "eng"]`).
    public var ocr_models: [String]?
    public var verdict: Verdict
    /// Share (0…1) of the cover's area under text, the text-density check's figure (absent when it did not run).
    public var text_area_share: Double?
    public var grid_cells_touched: [Int]
    public var safe_zone: Insets
    public var margin_px: Int
    public var subject: Box?
    public var texts: [CheckedText]
    public var checks: [CheckOutcome]
    public var notes: [String]
    public var wall_s: Double

    /// The reasons of the failing and warning checks, worst first.
    public var reasons: [String] {
        checks.filter { $0.verdict != .pass }.sorted { $0.verdict > $1.verdict }.map { "\($0.verdict.rawValue) [\($0.check)] \($0.reason)" }
    }
}

/// The `covers-check` document: every cover's result, the covers that could not be checked, counts.
public struct CoverCheckReport: Codable, Sendable {
    public var total: Int
    public var passed: Int
    public var warned: Int
    public var failed: Int
    /// Covers that could not be checked (bad input); they count as failed for the exit code.
    public var unchecked: Int
    public var covers: [CoverCheckResult]
    public var failures: [OutputFailure]
    public var reports: [String]
    public var wall_s: Double

    public init(covers: [CoverCheckResult], failures: [OutputFailure], reports: [String], wall_s: Double) {
        self.covers = covers; self.failures = failures; self.reports = reports; self.wall_s = Rounded.seconds(wall_s)
        total = covers.count + failures.count
        passed = covers.filter { $0.verdict == .pass }.count
        warned = covers.filter { $0.verdict == .warn }.count
        failed = covers.filter { $0.verdict == .fail }.count
        unchecked = failures.count
    }

    /// 1 when any cover fails or could not be checked, else 0.
    public var exitCode: Int32 { failed + unchecked > 0 ? 1 : 0 }
}
