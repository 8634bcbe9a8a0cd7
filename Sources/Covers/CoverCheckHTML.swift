import Foundation
import Support
import Presets
import Imaging

/// `check-report.html`: every checked cover with what the checks saw drawn over it (text boxes, the
/// 5x5 grid with the cells text touches, the UI zones and edge margin, the subject, failing elements
/// in red) and the same cover at feed size beside it; failures first; filterable by verdict,
/// platform and region with a few lines of inline script. Pictures are JPEG/PNG files in `check-images/`.
public enum CoverCheckHTML {
    public static let fileName = "check-report.html"
    public static let imageFolder = "check-images"
    static let shownWidth = 360

    /// The report's two pictures of a cover (its shown copy and its feed-size copy), relative to the
    /// report's folder: written by the cover's own check task, from the pixels the checks decoded (the
    /// feed-size copy decoded small from the same bytes).
    public typealias Pictures = (shown: String, feed: String)

    /// Writes one cover's pictures into `dir`'s image folder, named after its place in the batch.
    public static func writePictures(_ r: CoverCheckResult, pixels: CoverPixels, index: Int, to dir: URL) throws -> Pictures {
        let folder = dir.appendingPathComponent(imageFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stem = String(format: "%03d-", index) + ((r.file as NSString).deletingPathExtension)
        let full = try pixels.full()
        // The copy shown beside the overlays, by the two-stage reduction (`Image.downscaled`: within a grey
        // level or two of libvips 8.14's `resize`, at less of its cost), held in memory before encoding
        // (the encoder asks for tiles, and the reduction's turned step would be computed again for each).
        let (w, h) = full.scaledSize(Double(min(shownWidth * 2, full.width)) / Double(full.width))
        let shown = try (w == full.width ? full : full.downscaled(width: w, height: h).materialized()).encoded(as: .jpg, quality: 82)
        // The picture the reading checks read (`CoverPixels.feed`: decoded small, JPEG shrink-on-load).
        let feed = try pixels.feed(size: Size(width: r.feed_width, height: r.feed_height)).encoded(as: .png)
        let names = ("\(imageFolder)/\(stem).jpg", "\(imageFolder)/\(stem)-feed.png")
        try AtomicFile.write(shown, to: dir.appendingPathComponent(names.0))
        try AtomicFile.write(feed, to: dir.appendingPathComponent(names.1))
        return names
    }

    /// Writes the page, and the pictures of any cover whose task did not write them (`pictures`, by
    /// image path); returns the files written, relative to `dir`.
    public static func write(_ report: CoverCheckReport, pictures given: [String: Pictures] = [:], to dir: URL) throws -> [String] {
        var pictures = given
        for (i, r) in report.covers.enumerated() where pictures[r.path] == nil {
            pictures[r.path] = try writePictures(r, pixels: CoverPixels(path: r.path), index: i, to: dir)
        }
        let written = report.covers.compactMap { pictures[$0.path] }.flatMap { [$0.shown, $0.feed] }
        try AtomicFile.write(Data(page(report, pictures: pictures).utf8), to: dir.appendingPathComponent(fileName))
        return [fileName] + written
    }

    static func page(_ report: CoverCheckReport, pictures: [String: Pictures]) -> String {
        let order: [Verdict: Int] = [.fail: 0, .warn: 1, .pass: 2]
        let covers = report.covers.sorted { (order[$0.verdict] ?? 3, $0.file) < (order[$1.verdict] ?? 3, $1.file) }
        let platforms = Set(covers.map(\.platform)).sorted()
        let regions = Set(covers.compactMap(\.region)).sorted()
        var html = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cover check</title>
        <style>\(css)</style></head><body>
        <h1>Cover check</h1>
        <p class="summary">\(report.total) covers: <b class="fail">\(report.failed) fail</b>, <b class="warn">\(report.warned) warn</b>, <b class="pass">\(report.passed) pass</b>\(report.unchecked > 0 ? ", <b class=\"fail\">\(report.unchecked) could not be checked</b>" : "")</p>
        <form id="filters">\(select("verdict", ["fail", "warn", "pass"]))\(select("platform", platforms))\(select("region", regions))
        <span class="legend"><i class="k-text"></i>text <i class="k-bad"></i>failing <i class="k-ui"></i>UI zone <i class="k-cell"></i>grid cell with text <i class="k-subject"></i>subject</span></form>

        """
        for f in report.failures {
            html += "<section class=\"cover unchecked\" data-verdict=\"fail\" data-platform=\"\" data-region=\"\"><h2>\(Markup.escape(f.item))</h2><p class=\"reason fail\">could not be checked: \(Markup.escape(f.message))</p></section>\n"
        }
        for r in covers {
            html += card(r, pictures: pictures[r.path])
        }
        html += "<script>\(script)</script></body></html>\n"
        return html
    }

    static func select(_ name: String, _ values: [String]) -> String {
        let options = values.map { "<option>\(Markup.escape($0))</option>" }.joined()
        return "<label>\(name) <select name=\"\(name)\"><option value=\"\">all</option>\(options)</select></label> "
    }

    static let css = """
    body{font:14px/1.4 system-ui,sans-serif;margin:24px;background:#f4f4f2;color:#222}
    h1{margin:0 0 4px}.summary{margin:0 0 12px}
    #filters{position:sticky;top:0;background:#f4f4f2;padding:8px 0;z-index:2;border-bottom:1px solid #ddd}
    #filters label{margin-right:16px}.legend i{display:inline-block;width:14px;height:10px;margin:0 4px 0 12px;vertical-align:middle}
    .k-text{border:2px solid #1a9e4a}.k-bad{border:2px solid #e0201b}.k-ui{background:rgba(40,90,255,.35)}.k-cell{background:rgba(255,200,0,.35)}.k-subject{border:2px dashed #a0f}
    .cover{display:flex;align-items:flex-start;gap:20px;background:#fff;border-radius:8px;padding:16px;margin:16px 0;box-shadow:0 1px 3px #0002;flex-wrap:wrap}
    .cover.v-fail{border-left:6px solid #e0201b}.cover.v-warn{border-left:6px solid #e8a200}.cover.v-pass{border-left:6px solid #1a9e4a}
    .cover.unchecked{display:block;border-left:6px solid #e0201b}
    .shot{position:relative;width:360px;flex:none}.shot img{width:100%;display:block}.shot svg{position:absolute;inset:0;width:100%;height:100%}
    .feed{flex:none;text-align:center;font-size:12px;color:#666}.feed img{display:block;margin-bottom:4px;border:1px solid #ccc}
    .info{flex:1;min-width:320px}.info h2{margin:0 0 4px;font-size:16px;word-break:break-all}.meta{color:#666;margin:0 0 8px}
    table{border-collapse:collapse;width:100%}td{padding:4px 6px;border-top:1px solid #eee;vertical-align:top}
    .badge{display:inline-block;min-width:38px;text-align:center;border-radius:3px;color:#fff;font-weight:600;font-size:12px;padding:1px 4px}
    .badge.fail{background:#e0201b}.badge.warn{background:#e8a200}.badge.pass{background:#1a9e4a}
    b.fail,.reason.fail{color:#c01010}b.warn{color:#a06a00}b.pass{color:#137a38}
    .figs{color:#777;font-size:12px}.note{color:#a06a00}.uncertain{color:#a06a00}
    """

    static let script = """
    const f=document.getElementById('filters');
    f.addEventListener('change',()=>{const v=Object.fromEntries(new FormData(f));
    document.querySelectorAll('.cover').forEach(c=>{const ok=['verdict','platform','region'].every(k=>!v[k]||c.dataset[k]===v[k]);
    c.style.display=ok?'':'none';});});
    """
}
