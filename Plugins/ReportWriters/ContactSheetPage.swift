import Foundation
import Imaging
import Support
import PluginKit
import Presets
import Covers

/// The contact sheet's HTML: a header with the batch's figures and the filters, then one section per
/// product whose platforms sit side by side and wrap across the page width. Each cover is a card
/// with its thumbnail, region, variant and verdict; a failing cover has a red frame and its errors
/// under it, warnings (content the composer shortened or left out) fold below. Failed items are red
/// cards in their product's row. Everything a user wrote is escaped.
struct ContactSheetPage {
    let input: CoverReportInput
    /// The covers' keys in report order: the header, filters and product list come from these.
    let keys: [CoverReportKey]
    /// Products with covers, in report order, and each one's place in it (from 1).
    let order: [String]
    let place: [String: Int]
    /// Failed items by the product whose id starts their key; `loose`: the rest.
    let failuresBy: [String: [OutputFailure]]
    let loose: [OutputFailure]
    /// Thumbnails by cover file, filled in as the writer makes them.
    var thumbs: [String: ContactSheet.Thumb] = [:]

    init(input: CoverReportInput) {
        self.input = input
        keys = input.covers.keys
        var order: [String] = [], seen = Set<String>()
        for k in keys where seen.insert(k.product).inserted { order.append(k.product) }
        self.order = order
        place = Dictionary(order.enumerated().map { ($0.element, $0.offset + 1) }, uniquingKeysWith: { a, _ in a })
        // A failed item belongs to the product whose id starts its key; the rest stand apart.
        var failuresBy: [String: [OutputFailure]] = [:], loose: [OutputFailure] = []
        for f in input.failures.sorted(by: { $0.item < $1.item }) {
            if let p = order.filter({ f.item.hasPrefix($0 + "-") }).max(by: { $0.count < $1.count }) {
                failuresBy[p, default: []].append(f)
            } else { loose.append(f) }
        }
        self.failuresBy = failuresBy; self.loose = loose
    }

    enum Verdict: String { case pass, warn, fail }

    func findings(_ file: String) -> [Finding] { (input.findings[file] ?? []).sorted { $0.severity > $1.severity } }

    func verdict(_ file: String) -> Verdict {
        let worst = findings(file).first?.severity
        return worst == .error ? .fail : worst == .warning ? .warn : .pass
    }

    /// The page down to the first product: header, filters and the product list.
    var top: String {
        var h = head() + filters()
        if order.count > 1 {
            h += "<nav><b>Products:</b> " + order.enumerated().map { "<a href=\"#product-\($0.offset + 1)\">\(esc($0.element))</a>" }
                .joined(separator: " · ") + "</nav>\n"
        }
        return h
    }

    /// The sections of whole products' covers (in report order, products in `order`).
    func sections(_ records: [CoverRecord]) -> String {
        var h = "", start = 0
        while start < records.count {
            let product = records[start].product
            var end = start
            while end < records.count && records[end].product == product { end += 1 }
            h += section(product, index: place[product] ?? 0, covers: Array(records[start..<end]), failures: failuresBy[product] ?? [])
            start = end
        }
        return h
    }

    /// The page after the last product: the failures of no product, and the script.
    var bottom: String {
        var h = ""
        if !loose.isEmpty {
            h += "<section class=\"product\" id=\"failures\">\n<h2>Failed items</h2>\n<div class=\"platforms\"><div class=\"covers\">\n"
            h += loose.map(failureCard).joined() + "</div></div>\n</section>\n"
        }
        if keys.isEmpty && input.failures.isEmpty { h += "<p class=\"empty\">No covers were made.</p>\n" }
        return h + "<script>\n\(Self.script)\n</script>\n</body>\n</html>\n"
    }

    func head() -> String {
        let count = { (s: Set<String>) in s.count }
        let verdicts = keys.map { verdict($0.file) }
        let failed = verdicts.filter { $0 == .fail }.count, warned = verdicts.filter { $0 == .warn }.count
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc(input.title))</title>
        <style>
        \(Self.css)
        </style>
        </head>
        <body>
        <header>
        <h1 dir="auto">\(esc(input.title))</h1>
        <ul class="summary">
        <li><b>\(keys.count)</b> \(plural(keys.count, "cover"))</li>
        <li><b>\(count(Set(keys.map(\.product))))</b> \(plural(count(Set(keys.map(\.product))), "product"))</li>
        <li><b>\(count(Set(keys.map(\.platform))))</b> \(plural(count(Set(keys.map(\.platform))), "platform"))</li>
        <li><b>\(count(Set(keys.map(\.region))))</b> \(plural(count(Set(keys.map(\.region))), "region"))</li>
        <li class="\(input.failures.isEmpty ? "ok" : "bad")"><b>\(input.failures.count)</b> \(plural(input.failures.count, "failure"))</li>
        <li class="\(failed == 0 ? "ok" : "bad")"><b>\(failed)</b> failing \(plural(failed, "check"))</li>
        <li><b>\(warned)</b> with notes</li>
        </ul>

        """
    }

    /// The filter bar: one select per facet, filled from the batch.
    func filters() -> String {
        func select(_ name: String, _ label: String, _ values: [String]) -> String {
            "<label>\(label) <select name=\"\(name)\"><option value=\"\">all</option>"
                + values.map { "<option>\(esc($0))</option>" }.joined() + "</select></label>\n"
        }
        let checks = Set(keys.flatMap { findings($0.file).map(\.check) } + (input.failures.isEmpty ? [] : ["failure"])).sorted()
        return "<form id=\"filters\">\n"
            + select("platform", "Platform", Set(keys.map(\.platform)).sorted())
            + select("region", "Region", Set(keys.map(\.region)).sorted())
            + select("verdict", "Verdict", ["fail", "warn", "pass"])
            + select("finding", "Finding", checks)
            + "<span id=\"shown\"></span>\n</form>\n"
            + "<p class=\"stamp\">Written \(esc(MachineOutputFormat.timestamp(Date()))). Click a thumbnail for the full cover.</p>\n</header>\n"
    }

    func section(_ product: String, index: Int, covers: [CoverRecord], failures: [OutputFailure]) -> String {
        let title = covers.lazy.compactMap(ContactSheet.titleText).first
        var h = "<section class=\"product\" id=\"product-\(index)\">\n<h2><span class=\"id\">\(esc(product))</span>"
        if let title { h += " <span class=\"ptitle\" dir=\"auto\">\(esc(title))</span>" }
        h += " <small>\(covers.count) \(plural(covers.count, "cover"))</small></h2>\n<div class=\"platforms\">\n"
        for (platform, pCovers) in ContactSheet.grouped(covers, by: \.platform) {
            h += "<section class=\"platform\">\n<h3>\(esc(platform))</h3>\n<div class=\"covers\">\n"
            h += pCovers.map(card).joined()
            h += "</div>\n</section>\n"
        }
        if !failures.isEmpty {
            h += "<section class=\"platform\">\n<h3>failed</h3>\n<div class=\"covers\">\n" + failures.map(failureCard).joined() + "</div>\n</section>\n"
        }
        return h + "</div>\n</section>\n"
    }

    func card(_ r: CoverRecord) -> String {
        let all = findings(r.file), v = verdict(r.file)
        let href = esc(r.file.hasPrefix("/") ? URL(fileURLWithPath: r.file).absoluteString : ContactSheet.urlPath(r.file))
        let name = (r.file as NSString).lastPathComponent
        let checks = Set(all.map(\.check)).sorted().joined(separator: " ")
        var h = "<figure class=\"card \(v.rawValue)\" data-platform=\"\(esc(r.platform))\" data-region=\"\(esc(r.region))\" "
            + "data-verdict=\"\(v.rawValue)\" data-checks=\"\(esc(checks))\">\n"
        let quality = r.quality.map { " q\($0)" } ?? ""
        let about = "\(name) · \(r.width)×\(r.height) \(r.format.uppercased())\(quality) · "
            + "\(String(format: "%.0f", Double(r.bytes) / 1000)) kB · \(r.layout)"
        if let t = thumbs[r.file], t.error == nil {
            h += "<a href=\"\(href)\"><img src=\"\(esc(ContactSheet.urlPath(t.path)))\" width=\"\(t.width)\" height=\"\(t.height)\" "
                + "alt=\"\(esc(name))\" title=\"\(esc(about))\" loading=\"lazy\"></a>\n"
        } else {
            h += "<a class=\"nothumb\" href=\"\(href)\">\(esc(thumbs[r.file]?.error ?? "no thumbnail"))</a>\n"
        }
        h += "<figcaption>\n<div class=\"meta\"><b>\(esc(r.region))</b> \(esc(r.locale)) · v\(r.variant) "
            + "<span class=\"verdict \(v.rawValue)\">\(v.rawValue)</span></div>\n"
        if let title = ContactSheet.titleText(r) {
            h += "<div class=\"title\" dir=\"auto\" lang=\"\(esc(r.locale))\">\(esc(title))</div>\n"
        }
        let errors = all.filter { $0.severity == .error }, notes = all.filter { $0.severity != .error }
        if !errors.isEmpty { h += "<ul class=\"findings\">\n" + errors.map(item).joined() + "</ul>\n" }
        if !notes.isEmpty {
            h += "<details><summary>\(notes.count) \(plural(notes.count, "note"))</summary><ul class=\"findings\">\n"
                + notes.map(item).joined() + "</ul></details>\n"
        }
        return h + "</figcaption>\n</figure>\n"
    }

    func item(_ f: Finding) -> String {
        "<li class=\"\(f.severity.rawValue)\"><code>\(esc(f.check))</code> <span dir=\"auto\">\(esc(f.message))</span></li>\n"
    }

    func failureCard(_ f: OutputFailure) -> String {
        let parts = f.item.split(separator: "-")
        let region = parts.count >= 3 ? String(parts[parts.count - 2]) : ""
        return "<figure class=\"card fail failed\" data-platform=\"\" data-region=\"\(esc(region))\" data-verdict=\"fail\" "
            + "data-checks=\"failure\">\n<div class=\"nothumb\">not made</div>\n<figcaption>\n<div class=\"meta\"><code>\(esc(f.item))</code></div>\n"
            + "<ul class=\"findings\"><li class=\"error\"><span dir=\"auto\">\(esc(f.message))</span></li></ul>\n</figcaption>\n</figure>\n"
    }

    func esc(_ s: String) -> String { Markup.escape(s) }
    func plural(_ n: Int, _ word: String) -> String { n == 1 ? word : word + "s" }

    /// Hides the cards the filters leave out, and the platform and product groups left empty.
    static let script = """
    const form = document.getElementById('filters');
    function apply() {
      const want = {};
      form.querySelectorAll('select').forEach(s => want[s.name] = s.value);
      let shown = 0;
      document.querySelectorAll('.card').forEach(c => {
        const ok = (!want.platform || c.dataset.platform === want.platform) && (!want.region || c.dataset.region === want.region)
          && (!want.verdict || c.dataset.verdict === want.verdict)
          && (!want.finding || c.dataset.checks.split(' ').includes(want.finding));
        c.hidden = !ok;
        if (ok) shown++;
      });
      document.querySelectorAll('.platform, .product').forEach(g => g.hidden = !g.querySelector('.card:not([hidden])'));
      document.getElementById('shown').textContent = shown + ' shown';
    }
    form.addEventListener('change', apply);
    apply();
    """

    static let css = """
    :root { --err: #c62828; --warn: #b26a00; --ok: #2e7d32; --muted: #5f6368; --line: #dadce0; }
    * { box-sizing: border-box; }
    body { font: 13px/1.35 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Thai", "Noto Sans Arabic", "Noto Sans CJK JP", sans-serif; margin: 0 20px 40px; color: #202124; background: #f8f9fa; }
    header { position: sticky; top: 0; background: #f8f9fa; border-bottom: 1px solid var(--line); padding: 10px 0 6px; z-index: 1; }
    h1 { font-size: 20px; margin: 0 0 4px; }
    h2 { font-size: 17px; margin: 18px 0 6px; border-bottom: 2px solid #202124; padding-bottom: 3px; }
    h2 small { color: var(--muted); font-weight: normal; font-size: 12px; }
    h2 .ptitle { font-weight: normal; }
    h3 { font-size: 12px; margin: 0 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
    .summary { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0; padding: 0; }
    .summary .bad b { color: var(--err); } .summary .ok b { color: var(--ok); }
    #filters { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 6px 0 0; align-items: center; }
    #filters select { font: inherit; }
    #shown { color: var(--muted); }
    .stamp { color: var(--muted); font-size: 11px; margin: 4px 0 0; }
    nav { margin: 10px 0; }
    .platforms { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: flex-start; }
    .platform { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px 8px; }
    .covers { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-start; }
    .card { margin: 0; width: min-content; min-width: 120px; border: 2px solid transparent; border-radius: 4px; padding: 2px; }
    .card.fail { border-color: var(--err); background: #fdecea; }
    .card img { display: block; margin: 0 auto; background: repeating-conic-gradient(#eee 0 25%, #fff 0 50%) 0 0 / 16px 16px; }
    .nothumb { display: block; width: 120px; padding: 40px 6px; text-align: center; color: var(--err); background: #fbe9e7; }
    figcaption { font-size: 11px; margin-top: 3px; }
    .meta { white-space: nowrap; }
    .verdict { font-weight: 700; text-transform: uppercase; font-size: 10px; padding: 0 4px; border-radius: 3px; color: #fff; }
    .verdict.pass { background: var(--ok); } .verdict.warn { background: var(--warn); } .verdict.fail { background: var(--err); }
    .title { font-weight: 600; unicode-bidi: plaintext; overflow-wrap: anywhere; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
    details summary { color: var(--warn); cursor: pointer; }
    .findings { list-style: none; padding: 0; margin: 3px 0 0; overflow-wrap: anywhere; }
    .findings li { padding: 2px 4px; margin-top: 2px; border-radius: 3px; }
    .findings li.error { background: #fff; color: var(--err); font-weight: 600; }
    .findings li.warning { background: #fff4e0; color: var(--warn); }
    .findings li.info { background: #f1f3f4; color: var(--muted); }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 11px; }
    """
}
