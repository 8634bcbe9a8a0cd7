import Foundation
import Support
import Batch
import PluginKit
import Presets
import OCR

/// A finding of a cover check.
public struct Finding: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Codable, Sendable, Comparable {
        case info, warning, error
        public static func < (a: Severity, b: Severity) -> Bool {
            a.rank < b.rank
        }
        var rank: Int { switch self { case .info: 0; case .warning: 1; case .error: 2 } }
    }

    public var check: String
    public var severity: Severity
    public var message: String
    /// Index of the layer in `CoverRecord.layers` the finding is about, if any.
    public var layer: Int?
    public var box: Box?
    /// What was measured about this element, named with units (`x_height_px_at_feed`, `overlap_px`),
    /// rounded to 4 decimals. Absent from findings of checks that measure nothing.
    public var figures: [String: Double]?

    public init(check: String, severity: Severity, message: String, layer: Int? = nil, box: Box? = nil,
                figures: [String: Double]? = nil) {
        self.check = check; self.severity = severity; self.message = message; self.layer = layer; self.box = box
        self.figures = figures?.mapValues { Rounded.places($0, 4) }
    }

    /// The verdict this finding gives its element.
    public var verdict: Verdict { severity == .error ? .fail : severity == .warning ? .warn : .pass }

    public var description: String { "\(severity.rawValue) [\(check)] \(message)" }
}

/// What a cover check receives: the cover's record, the path of its image and the platform preset.
public struct CoverCheckInput: Codable, Sendable {
    public var cover: CoverRecord
    public var image_path: String
    public var platform: PlatformPreset
    /// `layers` when the cover's text boxes come from its covers.json (exact), `detection` when they
    /// were read from the pixels by OCR (absent means `layers`).
    public var text_source: String?
    /// With `detection`: the text lines as read, with Tesseract's confidences (0…100).
    public var detected: [RecognizedLine]?
    /// The cover's pixels as its checks share them (not sent to external checks, which read the file).
    private var attached: CoverPixels?

    enum CodingKeys: String, CodingKey { case cover, image_path, platform, text_source, detected }

    public init(cover: CoverRecord, image_path: String, platform: PlatformPreset, text_source: String? = nil,
                detected: [RecognizedLine]? = nil, pixels: CoverPixels? = nil) {
        self.cover = cover; self.image_path = image_path; self.platform = platform
        self.text_source = text_source; self.detected = detected
        attached = pixels ?? CoverPixels(path: image_path)
    }

    /// The cover's decoded pixels, shared by the checks of this input (fresh when `image_path` was
    /// changed after it was made).
    public var pixels: CoverPixels {
        if let attached, attached.path == image_path { return attached }
        return CoverPixels(path: image_path)
    }

    /// Whether the text boxes were found by reading the picture rather than given by the layout.
    public var textDetected: Bool { text_source == "detection" }

    /// How many pixels the text boxes can be off: 0 for layer data (exact), detection's precision otherwise.
    public var boxTolerance: Int { textDetected ? TextDetection.boxTolerance(width: cover.width, height: cover.height) : 0 }

    /// Up to how many pixels past a line a detected box can reach (0 for layer data): a geometric
    /// finding within this is a warning to look at, not a failure.
    public var boxUncertainty: Int { textDetected ? TextDetection.boxUncertainty(width: cover.width, height: cover.height) : 0 }
}

/// A `cover-check` plugin: inspects one finished cover and reports findings.
public protocol CoverCheck: PipelinePlugin {
    func check(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> [Finding]
    /// The check's verdict on the whole cover with what it measured. Checks that only list findings
    /// (external ones) get this from `check`: fail with an error, warn with a warning, else pass.
    func evaluate(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> CheckOutcome
    func prepare(locales: [String], readers: Int)
    /// Whether the check reads text with OCR (on threads of its own, which a job waits for).
    var readsText: Bool { get }
}

extension CoverCheck {
    /// Called once before a batch whose covers are in `locales`, with at most `readers` OCR recognisers
    /// per language: a check may load what it needs ahead (OCR models) while the batch opens. Nothing
    /// by default.
    public func prepare(locales: [String], readers: Int) {}

    public var readsText: Bool { false }

    public func evaluate(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> CheckOutcome {
        CheckOutcome(check: metadata.name, findings: try await check(input, parameters: parameters), passed: "no findings")
    }
}

/// A check that measures (built-in checks): it writes `evaluate`, and its findings are the warn and
/// fail elements of the outcome.
public protocol MeasuringCoverCheck: CoverCheck {}

extension MeasuringCoverCheck {
    public func check(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> [Finding] {
        try await evaluate(input, parameters: parameters).findings
    }
}
