import Foundation
import Support
import PluginKit
import Presets
import Imaging
import Covers

/// Subject occlusion: where the subject is, as libvips' `attention` strategy finds it (the window
/// `smartcrop` would keep: edges, skin tones and saturated colour), and how much of it text and
/// badges cover. Over the platform's `checks.occlusion_max_share` warns. The subject is looked for
/// in the cover as shown, text included; text is mostly edges, so a window that is mostly text is
/// not taken as the subject (text boxes are greyed out before the search).
public struct OcclusionCheck: MeasuringCoverCheck {
    public static let window: Param<Double> = .number(
        "window", 0.2...0.8, default: 0.4, doc: "the subject window's side as a share of the cover's width and height")
    public static let metadata = PluginMetadata(
        name: "subject-occlusion", kind: .coverCheck,
        summary: "text and badges cover at most the platform's share of the subject (libvips attention)",
        parameters: [window])
    public init() {}

    /// The subject window of a cover, canvas pixels.
    public static func subject(_ input: CoverCheckInput, share: Double) throws -> Box {
        // A small copy is enough to find the subject (attention works at low resolution anyway),
        // made once from the cover the other checks decoded.
        var small = try input.pixels.small(side: 256)
        let s = Double(small.width) / Double(max(input.cover.width, 1))
        // Text boxes are greyed out with their own mean colour, so glyph edges do not draw attention
        // (badges and panels are left: a panel over the subject must still find the subject there).
        // Done on the pixels in memory: a few libvips calls per box cost more than the search itself.
        let canvas = Box(x: 0, y: 0, w: small.width, h: small.height)
        let boxes = input.textElements.map { e in
            Box(x: Int(Double(e.box.x) * s), y: Int(Double(e.box.y) * s), w: Int((Double(e.box.w) * s).rounded(.up)),
                h: Int((Double(e.box.h) * s).rounded(.up))).intersection(canvas)
        }.filter { $0.area > 0 }
        if !boxes.isEmpty {
            var px = try small.pixelBytes()   // three bands: CoverPixels.small
            for b in boxes { Self.fillWithMean(&px, rowWidth: small.width, box: b) }
            small = try Image.fromPixels(px, width: small.width, height: small.height, bands: 3).colourspaceTag("srgb")
        }
        let w = Int(Double(small.width) * share), h = Int(Double(small.height) * share)
        let at = try small.attentionWindow(width: w, height: h)
        return Box(x: Int(Double(at.x) / s), y: Int(Double(at.y) / s), w: Int(Double(w) / s), h: Int(Double(h) / s))
    }

    /// Paints `box` of packed RGB pixels with its own mean colour (each band's mean, truncated to 8 bits).
    static func fillWithMean(_ px: inout [UInt8], rowWidth: Int, box b: Box) {
        var sum = [0, 0, 0]
        for y in b.y..<(b.y + b.h) {
            for x in b.x..<(b.x + b.w) { for c in 0..<3 { sum[c] += Int(px[(y * rowWidth + x) * 3 + c]) } }
        }
        let mean = sum.map { UInt8($0 / b.area) }
        for y in b.y..<(b.y + b.h) {
            for x in b.x..<(b.x + b.w) { for c in 0..<3 { px[(y * rowWidth + x) * 3 + c] = mean[c] } }
        }
    }

    public func evaluate(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> CheckOutcome {
        let subject = try Self.subject(input, share: parameters[Self.window])
        let covered = Double(BoxArea.union(input.guardedElements.map(\.box), within: subject)) / Double(max(subject.area, 1))
        let limit = input.platform.thresholds.occlusionMaxShare
        var findings: [Finding] = []
        if covered > limit {
            findings.append(Finding(check: "subject-occlusion", severity: .warning,
                                    message: String(format: "text and badges cover %.0f %% of the subject at (%d,%d %dx%d); keep it under %.0f %%",
                                                    covered * 100, subject.x, subject.y, subject.w, subject.h, limit * 100),
                                    box: subject, figures: ["subject_covered_share": covered]))
        }
        return CheckOutcome(check: "subject-occlusion", findings: findings,
                            figures: ["subject_covered_share": covered, "occlusion_max_share": limit,
                                      "subject_x": Double(subject.x), "subject_y": Double(subject.y),
                                      "subject_w": Double(subject.w), "subject_h": Double(subject.h)],
                            passed: String(format: "text and badges cover %.0f %% of the subject", covered * 100))
    }
}
