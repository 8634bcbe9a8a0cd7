import Foundation
import Support
import Presets
import Imaging

extension CoverCheckHTML {
    /// One cover: the overlaid picture, the feed-size picture, and the checks' verdicts.
    static func card(_ r: CoverCheckResult, pictures: (shown: String, feed: String)?) -> String {
        let region = r.region ?? ""
        let rows = r.checks.sorted { ($0.verdict > $1.verdict) || ($0.verdict == $1.verdict && $0.check < $1.check) }.map { c in
            let figs = c.figures.sorted { $0.key < $1.key }.map { "\($0.key) \(number($0.value))" }.joined(separator: " · ")
            return "<tr><td><span class=\"badge \(c.verdict.rawValue)\">\(c.verdict.rawValue)</span></td><td><b>\(c.check)</b><br>\(Markup.escape(c.reason))"
                + "<div class=\"figs\">\(Markup.escape(figs))</div></td></tr>"
        }.joined()
        let notes = r.notes.map { "<p class=\"note\">\(Markup.escape($0))</p>" }.joined()
        let uncertain = r.texts.filter { ($0.ocr_confidence ?? 100) < TextDetection.lowConfidence }
        let uncertainNote = uncertain.isEmpty ? "" : "<p class=\"uncertain\">uncertain OCR (dashed orange): "
            + uncertain.map { "“\(Markup.escape($0.text))” \(Int($0.ocr_confidence ?? 0))/100" }.joined(separator: ", ") + "</p>"
        let shot = pictures.map { "<img src=\"\(Markup.escape($0.shown))\" alt=\"\">" } ?? ""
        let feed = pictures.map {
            "<div class=\"feed\"><img src=\"\(Markup.escape($0.feed))\" width=\"\(r.feed_width)\" height=\"\(r.feed_height)\" alt=\"\">at feed size<br>\(r.feed_width)x\(r.feed_height)</div>"
        } ?? ""
        let share = r.text_area_share.map { String(format: " · text %.1f %% of the area", $0 * 100) } ?? ""
        return """
        <section class="cover v-\(r.verdict.rawValue)" data-verdict="\(r.verdict.rawValue)" data-platform="\(Markup.escape(r.platform))" data-region="\(Markup.escape(region))">
        <div class="shot">\(shot)\(overlay(r))</div>\(feed)
        <div class="info"><h2><span class="badge \(r.verdict.rawValue)">\(r.verdict.rawValue)</span> \(Markup.escape(r.file))</h2>
        <p class="meta">\(Markup.escape(r.platform))\(region.isEmpty ? "" : " · " + Markup.escape(region)) · \(r.width)x\(r.height) · text from \(r.text_source)\(share)</p>
        \(notes)\(uncertainNote)<table>\(rows)</table></div></section>

        """
    }

    /// The SVG drawn over the cover, in canvas pixels.
    static func overlay(_ r: CoverCheckResult) -> String {
        let w = r.width, h = r.height, stroke = max(2, w / 180)
        var s = "<svg viewBox=\"0 0 \(w) \(h)\" preserveAspectRatio=\"none\">"
        for i in r.grid_cells_touched {
            let (row, col) = (i / 5, i % 5)
            let x0 = w * col / 5, y0 = h * row / 5
            s += rect(Box(x: x0, y: y0, w: w * (col + 1) / 5 - x0, h: h * (row + 1) / 5 - y0), "fill=\"rgba(255,200,0,.28)\"")
        }
        for k in 1..<5 {
            s += "<line x1=\"\(w * k / 5)\" y1=\"0\" x2=\"\(w * k / 5)\" y2=\"\(h)\" stroke=\"#fff8\" stroke-width=\"\(stroke / 2 + 1)\"/>"
            s += "<line x1=\"0\" y1=\"\(h * k / 5)\" x2=\"\(w)\" y2=\"\(h * k / 5)\" stroke=\"#fff8\" stroke-width=\"\(stroke / 2 + 1)\"/>"
        }
        let z = r.safe_zone
        for b in [Box(x: 0, y: 0, w: w, h: z.top), Box(x: 0, y: h - z.bottom, w: w, h: z.bottom),
                  Box(x: 0, y: z.top, w: z.left, h: h - z.top - z.bottom), Box(x: w - z.right, y: z.top, w: z.right, h: h - z.top - z.bottom)]
        where b.area > 0 {
            s += rect(b, "fill=\"rgba(40,90,255,.30)\"")
        }
        let m = r.margin_px
        s += rect(Box(x: m, y: m, w: w - 2 * m, h: h - 2 * m), "fill=\"none\" stroke=\"#28f\" stroke-dasharray=\"\(stroke * 4)\" stroke-width=\"\(stroke / 2 + 1)\"")
        if let subject = r.subject {
            s += rect(subject, "fill=\"none\" stroke=\"#a0f\" stroke-dasharray=\"\(stroke * 3)\" stroke-width=\"\(stroke)\"")
        }
        let failing = r.checks.filter { $0.verdict == .fail }.flatMap(\.findings).filter { $0.severity == .error }
        for t in r.texts {
            let uncertain = (t.ocr_confidence ?? 100) < TextDetection.lowConfidence
            s += rect(t.box, "fill=\"none\" stroke=\"\(uncertain ? "#f80" : "#1a9e4a")\" stroke-width=\"\(stroke)\"" + (uncertain ? " stroke-dasharray=\"\(stroke * 2)\"" : ""))
        }
        for f in failing {
            guard let b = f.box else { continue }
            s += rect(b, "fill=\"rgba(224,32,27,.18)\" stroke=\"#e0201b\" stroke-width=\"\(stroke + 1)\"") + "<title>\(Markup.escape(f.message))</title>"
        }
        return s + "</svg>"
    }

    static func rect(_ b: Box, _ style: String) -> String {
        "<rect x=\"\(b.x)\" y=\"\(b.y)\" width=\"\(max(b.w, 0))\" height=\"\(max(b.h, 0))\" \(style)/>"
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(format: "%.3g", x)
    }
}
