import Foundation
import Imaging
import Support
import PluginKit
import Presets
import Covers

/// Writes `index.html`, a contact sheet of a covers batch: one self-contained page (inline CSS, no
/// script, nothing fetched from the network) with a thumbnail of every cover, grouped by product,
/// platform and region, each with its details and check findings, and the failed items.
/// Thumbnails are JPEGs in `thumbs/`, made with libvips.
public struct ContactSheet: CoverReportWriter {
    public static let thumbWidth: Param<Int> = .integer(
        "thumb_width", 80...600, default: 240, doc: "thumbnail width in pixels (thumbnails are never wider than the cover)")
    public static let columns: Param<Int> = .integer(
        "columns", 0...12, default: 0, doc: "thumbnails per row; 0 fits as many as the window allows")
    public static let metadata = PluginMetadata(
        name: "contact-sheet", kind: .reportWriter,
        summary: "index.html: thumbnails of every cover by product, platform and region, with findings and failures",
        parameters: [thumbWidth, columns])
    public init() {}

    public static let fileName = "index.html"
    public static let thumbFolder = "thumbs"

    public func write(_ input: CoverReportInput, parameters: PluginParameters) throws -> [String] {
        let thumbWidth = parameters[Self.thumbWidth]
        let columns = parameters[Self.columns]
        let records = input.records.sorted(by: reportOrder)

        // One thumbnail per cover file, made in parallel (libvips is thread-safe).
        var jobs: [(record: CoverRecord, name: String)] = []
        var used = Set<String>(), seenFiles = Set<String>()
        for r in records where seenFiles.insert(r.file).inserted {
            jobs.append((r, Self.thumbName(r.file, used: &used)))
        }
        let results = ThumbResults(count: jobs.count)
        let outDir = input.outDir, todo = jobs
        DispatchQueue.concurrentPerform(iterations: todo.count) { i in
            results.set(i, Self.makeThumb(todo[i].record, outDir: outDir, name: todo[i].name, width: thumbWidth))
        }
        var thumbs: [String: Thumb] = [:]
        var written: [String] = []
        for (i, job) in jobs.enumerated() {
            let thumb = results.get(i)
            if thumb.error == nil { written.append(job.name) }
            thumbs[job.record.file] = thumb
        }

        let html = Self.page(input, records: records, thumbs: thumbs, thumbWidth: thumbWidth, columns: columns)
        try AtomicFile.write(Data(html.utf8), to: input.outDir.appendingPathComponent(Self.fileName))
        return [Self.fileName] + written
    }

    // MARK: - Thumbnails

    struct Thumb: Sendable {
        var path: String
        var width = 0, height = 0
        var error: String?
    }

    /// Thumbnails made on several threads, stored under a lock.
    final class ThumbResults: @unchecked Sendable {
        // Safe to share: `items` is read and written only while holding `lock`.
        private var items: [Thumb?]
        private let lock = NSLock()
        init(count: Int) { items = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ t: Thumb) { lock.lock(); items[i] = t; lock.unlock() }
        func get(_ i: Int) -> Thumb {
            lock.lock(); defer { lock.unlock() }
            return items[i] ?? Thumb(path: "", error: "no thumbnail")
        }
    }

    /// `thumbs/NAME.jpg` for a cover file, unique within the batch.
    static func thumbName(_ file: String, used: inout Set<String>) -> String {
        let stem = (file as NSString).deletingPathExtension
        let safe = String(stem.map { "/\\:*?\"<>| ".contains($0) ? "_" : $0 })
        var name = "\(thumbFolder)/\(safe).jpg", n = 2
        while used.contains(name) { name = "\(thumbFolder)/\(safe)-\(n).jpg"; n += 1 }
        used.insert(name)
        return name
    }

    static func coverURL(_ file: String, outDir: URL) -> URL {
        file.hasPrefix("/") ? URL(fileURLWithPath: file) : outDir.appendingPathComponent(file)
    }

    static func makeThumb(_ r: CoverRecord, outDir: URL, name: String, width: Int) -> Thumb {
        do {
            // Shrink-on-load from the file: a JPEG cover is decoded at 1/2, 1/4 or 1/8 scale directly.
            let w = min(width, max(1, r.width))
            let img = try Image.thumbnail(coverURL(r.file, outDir: outDir).path, width: w, height: w * 4).flatten()
            let data = try img.encoded(as: .jpg, quality: 80)
            try AtomicFile.write(data, to: outDir.appendingPathComponent(name))
            return Thumb(path: name, width: img.width, height: img.height)
        } catch {
            return Thumb(path: name, error: "no thumbnail: \(error)")
        }
    }

    // MARK: - The page

    static func page(_ input: CoverReportInput, records: [CoverRecord], thumbs: [String: Thumb],
                     thumbWidth: Int, columns: Int) -> String {
        let products = Set(records.map(\.product)), platforms = Set(records.map(\.platform)), regions = Set(records.map(\.region))
        let allFindings = records.flatMap { input.findings[$0.file] ?? [] }
        let errors = allFindings.filter { $0.severity == .error }.count
        let warnings = allFindings.filter { $0.severity == .warning }.count
        let flagged = records.filter { (input.findings[$0.file] ?? []).contains { $0.severity == .error } }.count
        let stamp = MachineOutputFormat.timestamp(Date())

        var h = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc(input.title))</title>
        <style>
        \(css(thumbWidth: thumbWidth, columns: columns))
        </style>
        </head>
        <body>
        <header>
        <h1 dir="auto">\(esc(input.title))</h1>
        <ul class="summary">
        <li><b>\(records.count)</b> \(plural(records.count, "cover"))</li>
        <li><b>\(products.count)</b> \(plural(products.count, "product"))</li>
        <li><b>\(platforms.count)</b> \(plural(platforms.count, "platform"))</li>
        <li><b>\(regions.count)</b> \(plural(regions.count, "region"))</li>
        <li class="\(input.failures.isEmpty ? "ok" : "bad")"><b>\(input.failures.count)</b> \(plural(input.failures.count, "failure"))</li>
        <li class="\(flagged == 0 ? "ok" : "bad")"><b>\(flagged)</b> \(plural(flagged, "cover")) with check errors</li>
        <li><b>\(errors)</b> \(plural(errors, "error")), <b>\(warnings)</b> \(plural(warnings, "warning"))</li>
        </ul>
        <p class="stamp">Written \(esc(stamp)). Click a thumbnail for the full cover.</p>
        </header>

        """

        if !input.failures.isEmpty {
            h += "<section class=\"failures\">\n<h2>Failed items</h2>\n<ul>\n"
            for f in input.failures.sorted(by: { $0.item < $1.item }) {
                h += "<li><code>\(esc(f.item))</code> <span dir=\"auto\">\(esc(f.message))</span></li>\n"
            }
            h += "</ul>\n</section>\n"
        }

        // Product → platform → region, each in report order.
        var productOrder: [String] = []
        var byProduct: [String: [CoverRecord]] = [:]
        for r in records {
            if byProduct[r.product] == nil { productOrder.append(r.product) }
            byProduct[r.product, default: []].append(r)
        }
        if productOrder.count > 1 {
            h += "<nav><b>Products:</b> " + productOrder.enumerated().map { "<a href=\"#product-\($0.offset + 1)\">\(esc($0.element))</a>" }
                .joined(separator: " · ") + "</nav>\n"
        }
        for (index, product) in productOrder.enumerated() {
            let covers = byProduct[product] ?? []
            let title = covers.lazy.compactMap { titleText($0) }.first
            h += "<section class=\"product\" id=\"product-\(index + 1)\">\n"
            h += "<h2><span class=\"id\">\(esc(product))</span>"
            if let title { h += " <span class=\"ptitle\" dir=\"auto\">\(esc(title))</span>" }
            h += " <small>\(covers.count) \(plural(covers.count, "cover"))</small></h2>\n"
            for (platform, pCovers) in grouped(covers, by: \.platform) {
                h += "<section class=\"platform\">\n<h3>\(esc(platform))</h3>\n"
                for (region, rCovers) in grouped(pCovers, by: \.region) {
                    h += "<section class=\"region\">\n<h4>\(esc(region))</h4>\n<div class=\"grid\">\n"
                    for r in rCovers {
                        h += card(r, thumb: thumbs[r.file], findings: input.findings[r.file] ?? [], outDir: input.outDir)
                    }
                    h += "</div>\n</section>\n"
                }
                h += "</section>\n"
            }
            h += "</section>\n"
        }
        if records.isEmpty { h += "<p class=\"empty\">No covers were made.</p>\n" }
        h += "</body>\n</html>\n"
        return h
    }

    static func card(_ r: CoverRecord, thumb: Thumb?, findings: [Finding], outDir: URL) -> String {
        let sorted = findings.sorted { $0.severity > $1.severity }
        let worst = sorted.first?.severity
        let cls = worst == .error ? " has-errors" : worst == .warning ? " has-warnings" : ""
        let href = esc(r.file.hasPrefix("/") ? URL(fileURLWithPath: r.file).absoluteString : urlPath(r.file))
        let name = (r.file as NSString).lastPathComponent
        var h = "<figure class=\"card\(cls)\">\n"
        if let t = thumb, t.error == nil {
            h += "<a href=\"\(href)\"><img src=\"\(esc(urlPath(t.path)))\" width=\"\(t.width)\" height=\"\(t.height)\" alt=\"\(esc(name))\" loading=\"lazy\"></a>\n"
        } else {
            h += "<a class=\"nothumb\" href=\"\(href)\">\(esc(thumb?.error ?? "no thumbnail"))</a>\n"
        }
        h += "<figcaption>\n<div class=\"file\"><a href=\"\(href)\">\(esc(name))</a></div>\n"
        if let title = titleText(r) {
            h += "<div class=\"title\" dir=\"auto\" lang=\"\(esc(r.locale))\">\(esc(title))</div>\n"
        }
        let quality = r.quality.map { " q\($0)" } ?? ""
        h += "<dl>"
        h += "<dt>where</dt><dd>\(esc(r.platform)) / \(esc(r.region)) / \(esc(r.locale))</dd>"
        h += "<dt>layout</dt><dd>\(esc(r.layout)) · variant \(r.variant)</dd>"
        h += "<dt>file</dt><dd>\(r.width)×\(r.height) · \(esc(r.format.uppercased()))\(quality) · \(String(format: "%.1f", Double(r.bytes) / 1000)) kB</dd>"
        h += "</dl>\n"
        if !sorted.isEmpty {
            h += "<ul class=\"findings\">\n"
            for f in sorted {
                h += "<li class=\"\(f.severity.rawValue)\"><b>\(esc(f.severity.rawValue))</b> <code>\(esc(f.check))</code> <span dir=\"auto\">\(esc(f.message))</span></li>\n"
            }
            h += "</ul>\n"
        }
        h += "</figcaption>\n</figure>\n"
        return h
    }

    /// The cover's title text as composed (in the cover's locale), if a layer carries it.
    static func titleText(_ r: CoverRecord) -> String? {
        r.layers.first { $0.role == "title" && $0.text != nil }?.text
    }

    static func grouped(_ records: [CoverRecord], by key: KeyPath<CoverRecord, String>) -> [(String, [CoverRecord])] {
        var order: [String] = []
        var groups: [String: [CoverRecord]] = [:]
        for r in records {
            let k = r[keyPath: key]
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(r)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }

    static func css(thumbWidth: Int, columns: Int) -> String {
        let cardWidth = max(thumbWidth, 180)
        let template = columns > 0 ? "repeat(\(columns), minmax(0, \(cardWidth + 20)px))"
            : "repeat(auto-fill, minmax(\(cardWidth + 20)px, 1fr))"
        return """
        :root { --err: #c62828; --warn: #b26a00; --ok: #2e7d32; --muted: #5f6368; --line: #dadce0; }
        * { box-sizing: border-box; }
        body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Thai", "Noto Sans Arabic", "Noto Sans CJK JP", sans-serif; margin: 0 24px 48px; color: #202124; background: #f8f9fa; }
        header { position: sticky; top: 0; background: #f8f9fa; border-bottom: 1px solid var(--line); padding: 12px 0; z-index: 1; }
        h1 { font-size: 22px; margin: 0 0 6px; }
        h2 { font-size: 19px; margin: 28px 0 4px; border-bottom: 2px solid #202124; padding-bottom: 4px; }
        h2 small { color: var(--muted); font-weight: normal; font-size: 13px; }
        h2 .ptitle { font-weight: normal; }
        h3 { font-size: 16px; margin: 16px 0 4px; }
        h4 { font-size: 13px; margin: 10px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        .summary { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0; padding: 0; }
        .summary .bad b { color: var(--err); } .summary .ok b { color: var(--ok); }
        .stamp { color: var(--muted); font-size: 12px; margin: 4px 0 0; }
        nav { margin: 12px 0; }
        .failures { border: 1px solid var(--err); border-left-width: 6px; background: #fff; padding: 4px 16px; margin-top: 16px; }
        .failures h2 { color: var(--err); border: 0; margin-top: 8px; }
        .failures li { margin: 4px 0; }
        .grid { display: grid; grid-template-columns: \(template); gap: 14px; align-items: start; }
        .card { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px; }
        .card.has-errors { border: 2px solid var(--err); }
        .card.has-warnings { border: 2px solid var(--warn); }
        .card img { display: block; max-width: 100%; height: auto; margin: 0 auto 8px; background: repeating-conic-gradient(#eee 0 25%, #fff 0 50%) 0 0 / 16px 16px; }
        .nothumb { display: block; padding: 24px 8px; text-align: center; color: var(--err); background: #fbe9e7; margin-bottom: 8px; }
        .file { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; word-break: break-all; }
        .file a { color: inherit; }
        .title { font-weight: 600; margin: 4px 0; unicode-bidi: plaintext; }
        dl { display: grid; grid-template-columns: auto 1fr; gap: 0 8px; margin: 6px 0 0; font-size: 12px; }
        dt { color: var(--muted); } dd { margin: 0; }
        .findings { list-style: none; padding: 0; margin: 8px 0 0; font-size: 12px; }
        .findings li { padding: 3px 6px; margin-top: 3px; border-radius: 3px; }
        .findings li.error { background: #fdecea; color: var(--err); }
        .findings li.warning { background: #fff4e0; color: var(--warn); }
        .findings li.info { background: #f1f3f4; color: var(--muted); }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
        """
    }

    // MARK: - Text

    /// Escapes text for HTML element content and quoted attribute values.
    static func esc(_ s: String) -> String { Markup.escape(s) }

    /// A relative path as a URL path (spaces and `#` percent-encoded).
    static func urlPath(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "#?;")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    static func plural(_ n: Int, _ word: String) -> String { n == 1 ? word : word + "s" }
}
