import Support
import PluginKit
import Presets
import Covers

/// Text, prices, badges and logos keep at least the platform's edge margin (`margin_px`, default 4 %
/// of the shorter side) from every canvas edge, whether or not the platform has UI there.
public struct EdgeMarginCheck: MeasuringCoverCheck {
    public static let metadata = PluginMetadata(
        name: "edge-margin", kind: .coverCheck,
        summary: "text, prices, badges and logos keep the platform's margin (margin_px) from every canvas edge")
    public init() {}

    public func evaluate(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> CheckOutcome {
        let margin = input.platform.edgeMargin
        let c = input.cover.canvas
        var findings: [Finding] = []
        var nearest = Int.max
        for e in input.guardedElements {
            let gaps = [("left", e.box.x), ("top", e.box.y), ("right", c.maxX - e.box.maxX), ("bottom", c.maxY - e.box.maxY)]
            nearest = min(nearest, gaps.map(\.1).min() ?? Int.max)
            // A detected box short of the margin by its own precision is measurement, not a cover at the edge.
            let short = gaps.filter { input.boxSeverity(past: margin - $0.1) != nil }
            guard let nearestShort = short.map(\.1).min(), let severity = input.boxSeverity(past: margin - nearestShort) else { continue }
            let said = short.map { "\(max($0.1, 0)) px from the \($0.0) edge" }.joined(separator: " and ")
            findings.append(Finding(check: "edge-margin", severity: severity,
                                    message: "\(e.name) is \(said); keep at least \(margin) px" + input.boxNote(severity),
                                    layer: e.layer, box: e.box,
                                    figures: ["edge_gap_px": Double(nearestShort), "margin_px": Double(margin)]))
        }
        var figures: [String: Double] = ["margin_px": Double(margin)]
        if nearest != Int.max { figures["nearest_edge_gap_px"] = Double(nearest) }
        return CheckOutcome(check: "edge-margin", findings: findings, figures: figures,
                            passed: "every text and badge keeps \(margin) px from the edges")
    }
}
