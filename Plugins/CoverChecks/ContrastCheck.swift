import Foundation
import Imaging
import Support
import PluginKit
import Presets
import Covers

/// Small-screen readability, contrast: WCAG 2.x contrast between each text line's ink and the
/// background around it, both measured in the rendered image (see `InkAnalysis`), not taken from the
/// colours the layout declared. Large text (WCAG: 24 px, here at feed size) needs the lower ratio.
public struct ContrastCheck: MeasuringCoverCheck {
    public static let minRatio: Param<Double> = .number(
        "min_ratio", 0...21, default: 0, doc: "least ratio for normal text; 0 takes the platform's checks.contrast_min (default 4.5)")
    public static let largeRatio: Param<Double> = .number(
        "large_ratio", 0...21, default: 0, doc: "least ratio for large text; 0 takes the platform's checks.contrast_min_large (default 3)")
    public static let largePxAtFeed: Param<Double> = .number(
        "large_px_at_feed", 8...96, default: 24, doc: "font size at feed size from which text counts as large (WCAG: 24 px)")
    public static let metadata = PluginMetadata(
        name: "contrast", kind: .coverCheck,
        summary: "text contrast against the pixels around it, measured in the image, meets WCAG 2.x (4.5, or 3 for large text)",
        parameters: [minRatio, largeRatio, largePxAtFeed])
    public init() {}

    public func evaluate(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> CheckOutcome {
        let t = input.platform.thresholds
        let normal = parameters[Self.minRatio] > 0 ? parameters[Self.minRatio] : t.contrastMin
        let large = parameters[Self.largeRatio] > 0 ? parameters[Self.largeRatio] : t.contrastMinLarge
        var findings: [Finding] = []
        var lowest = Double.infinity
        for line in try TextMeasure.lines(input) {
            guard let ratio = line.contrast, let ink = line.ink, let bg = line.background else { continue }
            let fontAtFeed = line.xHeight / TextMeasure.xHeightPerEm * input.feedScale
            let needed = fontAtFeed >= parameters[Self.largePxAtFeed] ? large : normal
            lowest = min(lowest, ratio)
            guard ratio < needed else { continue }
            findings.append(Finding(check: "contrast", severity: .error,
                                    message: String(format: "%@ %@ on %@ has contrast %.2f:1, needs %.1f:1", line.element.name, ink.hex, bg.hex, ratio, needed),
                                    layer: line.element.layer, box: line.box,
                                    figures: ["contrast_ratio": Rounded.places(ratio, 2), "min_contrast_ratio": needed]))
        }
        var figures = ["min_contrast_ratio": normal, "min_contrast_ratio_large": large]
        if lowest.isFinite { figures["lowest_contrast_ratio"] = Rounded.places(lowest, 2) }
        let passed = lowest.isFinite ? String(format: "every text line reaches its WCAG contrast (lowest %.2f:1)", lowest) : "no text to measure"
        return CheckOutcome(check: "contrast", findings: findings, figures: figures, passed: passed)
    }
}
