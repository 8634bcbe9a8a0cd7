import Support
import PluginKit
import Presets
import Covers

/// Flags text, prices, badges and logos that reach into the platform's UI overlay zones (the bands
/// its buttons, captions and progress bars cover), with how far each goes in, in pixels.
public struct SafeZoneCheck: MeasuringCoverCheck {
    public static let margin: Param<Double> = .number(
        "margin", 0...1, default: 0, doc: "extra clearance inside the safe area, as a share of the canvas width")
    public static let metadata = PluginMetadata(
        name: "safe-zone", kind: .coverCheck,
        summary: "text, prices, badges and logos stay out of the platform's UI overlay zones",
        parameters: [margin])
    public init() {}

    /// The UI zones of a cover: the bands of its safe-zone insets, each widened by `extra` pixels.
    public static func zones(_ cover: CoverRecord, extra m: Int = 0) -> [(name: String, box: Box)] {
        let c = cover.canvas, z = cover.safe_zone
        let bands: [(String, Int, Box)] = [
            ("top", z.top, Box(x: 0, y: 0, w: c.w, h: z.top + m)),
            ("bottom", z.bottom, Box(x: 0, y: c.h - z.bottom - m, w: c.w, h: z.bottom + m)),
            ("left", z.left, Box(x: 0, y: 0, w: z.left + m, h: c.h)),
            ("right", z.right, Box(x: c.w - z.right - m, y: 0, w: z.right + m, h: c.h)),
        ]
        return bands.filter { $0.1 + m > 0 }.map { ($0.0, $0.2) }
    }

    public func evaluate(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> CheckOutcome {
        let m = Int((parameters[Self.margin] * Double(input.cover.width)).rounded())
        let zones = Self.zones(input.cover, extra: m)
        var findings: [Finding] = []
        var worst = 0
        for e in input.guardedElements {
            for zone in zones {
                let o = e.box.intersection(zone.box)
                guard o.area > 0 else { continue }
                let depth = zone.name == "top" || zone.name == "bottom" ? o.h : o.w
                // An overlap within the boxes' precision (detection's) is measurement, not a cover that reaches under the buttons.
                guard let severity = input.boxSeverity(past: depth) else { continue }
                worst = max(worst, depth)
                findings.append(Finding(check: "safe-zone", severity: severity,
                                        message: "\(e.name) reaches \(depth) px into the \(zone.name) UI zone of \(input.platform.display_name) (\(o.area) px² hidden under buttons or captions); move it \(depth) px \(Self.away(zone.name))"
                                            + input.boxNote(severity),
                                        layer: e.layer, box: e.box, figures: ["overlap_px": Double(depth), "overlap_area_px2": Double(o.area)]))
            }
        }
        return CheckOutcome(check: "safe-zone", findings: findings,
                            figures: ["overlaps": Double(findings.count), "max_overlap_px": Double(worst), "box_tolerance_px": Double(input.boxTolerance)],
                            passed: "no text, price or badge under the platform's UI zones")
    }

    static func away(_ zone: String) -> String {
        ["top": "down", "bottom": "up", "left": "right", "right": "left"][zone] ?? "inwards"
    }
}
