import Foundation
import Support
import Presets

extension CoverCheckRun {
    /// The result of one checked cover, with the figures reports draw.
    static func result(_ input: CoverCheckInput, outcomes: [CheckOutcome], notes: [String], wall: Double, region: String?) -> CoverCheckResult {
        let c = input.cover, p = input.platform
        let density = outcomes.first { $0.check == "text-density" }
        let occlusion = outcomes.first { $0.check == "subject-occlusion" }?.figures
        let subject = occlusion.flatMap { f -> Box? in
            guard let x = f["subject_x"], let y = f["subject_y"], let w = f["subject_w"], let h = f["subject_h"] else { return nil }
            return Box(x: Int(x), y: Int(y), w: Int(w), h: Int(h))
        }
        let texts = c.layers.enumerated().compactMap { i, l -> CheckedText? in
            guard let t = l.text else { return nil }
            let confidence = input.textDetected ? input.detected?[safe: i]?.confidence : nil
            return CheckedText(box: l.box, text: t, kind: l.kind, role: l.role, ocr_confidence: confidence)
        }
        return CoverCheckResult(
            file: c.file, path: input.image_path, platform: p.name, region: c.region.isEmpty ? region : c.region, locale: c.locale,
            width: c.width, height: c.height, feed_width: p.feed_size.width,
            feed_height: Int((Double(p.feed_size.width) * Double(c.height) / Double(max(c.width, 1))).rounded()),
            text_source: input.text_source ?? "layers", verdict: outcomes.map(\.verdict).max() ?? .pass,
            text_area_share: density?.figures["text_area_share"],
            grid_cells_touched: BoxArea.gridCells(input.cover.layers.filter { $0.text != nil }.map(\.box), canvas: input.cover.canvas,
                                                  n: Int(density?.figures["grid_size"] ?? 5)),
            safe_zone: p.safe_zone, margin_px: p.edgeMargin, subject: subject, texts: texts, checks: outcomes, notes: notes,
            wall_s: Rounded.seconds(wall))
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
