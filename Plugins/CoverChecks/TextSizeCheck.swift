import Foundation
import Support
import PluginKit
import Presets
import Covers

/// Small-screen readability, size: the cover scaled to the platform's feed size (how a phone shows
/// it in the grid), every text line's x-height (cap height for all-caps text and for scripts without
/// an x-height), measured from the pixels, reaches a minimum.
public struct TextSizeCheck: MeasuringCoverCheck {
    public static let scale: Param<Double> = .number(
        "scale", 0.5...3, default: 1, doc: "multiplies the minimum x-height at feed size")
    public static let xHeightShare: Param<Double> = .number(
        "x_height_share", 0.3...1, default: 0.5,
        doc: "least x-height at feed size as a share of the platform's min_text_px_at_feed (Noto Sans' x-height is 0.536 em, so text at the platform's smallest font size passes)")
    public static let metadata = PluginMetadata(
        name: "text-size", kind: .coverCheck,
        summary: "every text line's x-height at the platform's phone-feed size reaches a minimum",
        parameters: [scale, xHeightShare])
    public init() {}

    /// The least x-height, in pixels at feed size.
    public static func minimum(_ platform: PlatformPreset, parameters: PluginParameters) -> Double {
        platform.min_text_px_at_feed * parameters[xHeightShare] * parameters[scale]
    }

    public func evaluate(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> CheckOutcome {
        let needed = Self.minimum(input.platform, parameters: parameters)
        let s = input.feedScale
        var findings: [Finding] = []
        var smallest = Double.infinity
        for line in try TextMeasure.lines(input) {
            let atFeed = line.xHeight * s
            smallest = min(smallest, atFeed)
            guard atFeed < needed else { continue }
            findings.append(Finding(check: "text-size", severity: .error,
                                    message: String(format: "%@ text is %.1f px tall (x-height) at feed size (%d px wide); needs %.1f px",
                                                    line.element.name, atFeed, input.platform.feed_size.width, needed),
                                    layer: line.element.layer, box: line.box,
                                    figures: ["x_height_px_at_feed": atFeed, "min_x_height_px_at_feed": needed]))
        }
        var figures = ["min_x_height_px_at_feed": needed, "feed_width": Double(input.platform.feed_size.width)]
        if smallest.isFinite { figures["smallest_x_height_px_at_feed"] = smallest }
        let passed = smallest.isFinite ? String(format: "the smallest text is %.1f px tall (x-height) at feed size; needs %.1f px", smallest, needed)
                                       : "no text to measure"
        return CheckOutcome(check: "text-size", findings: findings, figures: figures, passed: passed)
    }
}
