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
/// not taken as the subject (text boxes are greyed out before the search). A cover Marquee composed
/// says where its subject is: its hero photo layer records the point libvips' attention centred the
/// photo's crop on (`focus_x_px`, `focus_y_px`, found on the photo before any text was laid over it),
/// and the window is centred there with no search.
public struct OcclusionCheck: MeasuringCoverCheck {
    public static let window: Param<Double> = .number(
        "window", 0.2...0.8, default: 0.4, doc: "the subject window's side as a share of the cover's width and height")
    public static let metadata = PluginMetadata(
        name: "subject-occlusion", kind: .coverCheck,
        summary: "text and badges cover at most the platform's share of the subject (libvips attention)",
        parameters: [window])
    public init() {}

    /// The subject window of a cover, canvas pixels: around the layer data's focus, else found in the pixels.
    public static func subject(_ input: CoverCheckInput, share: Double) throws -> Box {
        guard let (focus, photo) = layerFocus(input) else { return try searched(input, share: share) }
        let w = Int(Double(input.cover.width) * share), h = Int(Double(input.cover.height) * share)
        return Box(x: place(focus.x, w, photo.x, photo.maxX, input.cover.width),
                   y: place(focus.y, h, photo.y, photo.maxY, input.cover.height), w: w, h: h)
    }

    /// Where a window of `size` starts on one axis: centred on `centre` and kept within the photo's
    /// span `lo..<hi` (the subject is in the photo), or, when the photo is narrower than the window,
    /// centred on the photo; either way inside the canvas (`0..<extent`).
    static func place(_ centre: Int, _ size: Int, _ lo: Int, _ hi: Int, _ extent: Int) -> Int {
        let start = size <= hi - lo ? min(max(lo, centre - size / 2), hi - size) : lo - (size - (hi - lo)) / 2
        return min(max(0, start), extent - size)
    }

    /// The focus of the hero photo layer, else of the first photo layer that records one (layer data
    /// only, never detection), with that layer's box.
    static func layerFocus(_ input: CoverCheckInput) -> ((x: Int, y: Int), Box)? {
        guard !input.textDetected else { return nil }
        let photos = input.cover.layers.filter { $0.kind == "photo" && $0.focus_x_px != nil && $0.focus_y_px != nil }
        guard let l = photos.first(where: { $0.role == "hero" }) ?? photos.first,
              let x = l.focus_x_px, let y = l.focus_y_px else { return nil }
        return ((x, y), l.box)
    }

    /// The subject window found in the cover's pixels (libvips attention on a small copy).
    static func searched(_ input: CoverCheckInput, share: Double) throws -> Box {
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
                                      "subject_from_layers": Self.layerFocus(input) == nil ? 0 : 1,
                                      "subject_x": Double(subject.x), "subject_y": Double(subject.y),
                                      "subject_w": Double(subject.w), "subject_h": Double(subject.h)],
                            passed: String(format: "text and badges cover %.0f %% of the subject", covered * 100))
    }
}
