import Support
import PluginKit
import Foundation

/// One product's fields read from its manifest row: each value interpreted (text, lists, numbers,
/// photo paths made absolute) and every problem recorded with the product id and the field, so a
/// product with problems fails its own items and says what to fix.
struct ProductFields {
    let row: TableRow
    let id: String
    /// The manifest's folder: relative photo paths are resolved against it.
    let folder: URL
    private(set) var problems: [String]

    init(_ row: TableRow, folder: URL) {
        self.row = row
        self.folder = folder
        let id = row.values["id"]?.trimmedText ?? ""
        self.id = id
        problems = row.problems.map { $0.hasPrefix("product ") ? $0 : "product \(id), \($0)" }
    }

    /// The manifest entry of a row: its product, or the problems that keep it from being made.
    static func entry(_ row: TableRow, folder: URL) -> ManifestEntry {
        var f = ProductFields(row, folder: folder)
        f.checkID()
        let images = f.photos()
        let title = f.required("title", "empty; give the product's title")
        let subtitle = f.text("subtitle")
        let points = f.points()
        let (price, original, discount) = f.prices()
        let currency = f.currency()
        let category = f.required("category", "empty; give the product's category, e.g. beauty")
        let (before, after) = f.beforeAfter()
        let logo = f.text("logo").map { f.file("logo", $0) }
        let (titles, subtitles) = f.translations()
        let prices = f.currencyPrices(besides: currency)

        guard f.problems.isEmpty, let title, let category else {
            return ManifestEntry(id: f.id, row: row.row, product: nil, problems: f.problems)
        }
        let product = Product(id: f.id, images: images, title: title, subtitle: subtitle, points: points, price: price,
                              original_price: original, discount: discount, currency: currency, category: category,
                              before: before, after: after, logo: logo, titles: titles, subtitles: subtitles, prices: prices)
        return ManifestEntry(id: f.id, row: row.row, product: product, problems: [])
    }

    mutating func problem(_ field: String, _ message: String) {
        problems.append("product \(id), field \(field): \(message)")
    }

    func hasProblem(_ field: String) -> Bool { problems.contains { $0.contains("field \(field):") } }

    // MARK: - Values

    /// One line of text, trimmed; `nil` when absent or empty.
    mutating func text(_ field: String) -> String? {
        do { return try (row.values[field] ?? .null).lineText() } catch {
            problem(field, "expected text, got \(error.kind)")
            return nil
        }
    }

    /// Text that must be given: `message` says what to do when it is empty.
    mutating func required(_ field: String, _ message: String) -> String? {
        let value = text(field)
        if value == nil, !hasProblem(field) { problem(field, message) }
        return value
    }

    /// A list: a YAML/JSON list, or text separated by `|`; empty items dropped.
    mutating func list(_ field: String) -> [String] {
        func split(_ t: String) -> [String] {
            t.split(separator: "|").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }
        switch row.values[field] ?? .null {
        case .null: return []
        case .text(let t): return split(t)
        case .list(let items):
            var out: [String] = []
            for item in items {
                switch item {
                case .text(let t): out += split(t)
                case .null: continue
                default: problem(field, "list items must be text, got \(item.kindName)")
                }
            }
            return out
        case .map: problem(field, "expected text or a list, got a mapping"); return []
        }
    }

    /// A number written with digits and a dot; with `percent`, a trailing `%` is allowed.
    mutating func number(_ field: String, percent: Bool = false) -> Double? {
        guard var t = text(field) else { return nil }
        let written = t
        if percent {
            if t.hasSuffix("%") || t.hasSuffix("٪") { t = String(t.dropLast()).trimmingCharacters(in: .whitespaces) }
        }
        let digits = t.range(of: #"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$"#, options: .regularExpression) != nil
        guard digits, let v = Double(t), v.isFinite, abs(v) < 1e15 else {
            if digits {
                problem(field, "\"\(InputLimits.short(written))\" is too large; numbers go up to 999999999999999")
                return nil
            }
            let example = percent ? "30 or 30%" : "1290 or 129.90"
            let why = t.contains(",") ? "use a dot for decimals and no thousands separators" : "write it with digits"
            problem(field, "\"\(InputLimits.short(written))\" is not a number; \(why), e.g. \(example)")
            return nil
        }
        return v
    }

    /// A readable file's absolute path, relative paths resolved against the manifest's folder.
    mutating func file(_ field: String, _ given: String) -> String {
        if given.contains("://") {
            problem(field, "\(given) is a URL; download the file and give its path")
            return given
        }
        let expanded = (given as NSString).expandingTildeInPath
        let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : folder.appendingPathComponent(expanded)
        let abs = url.standardizedFileURL.path
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: abs, isDirectory: &isDir) {
            problem(field, "\(given) not found (looked in \(abs))")
        } else if isDir.boolValue {
            problem(field, "\(given) is a folder (\(abs)); give an image file")
        } else if !FileManager.default.isReadableFile(atPath: abs) {
            problem(field, "\(given) cannot be read (\(abs)); check its permissions")
        }
        return abs
    }

    // MARK: - Fields

    /// Ids name output files: no spaces, path separators or characters file systems refuse.
    mutating func checkID() {
        if let bad = id.unicodeScalars.first(where: { CharacterSet.whitespacesAndNewlines.contains($0) || "/\\:*?\"<>|".unicodeScalars.contains($0) || $0.value < 0x20 }) {
            let what = CharacterSet.whitespacesAndNewlines.contains(bad) ? "a space" : "`\(bad)`"
            problem("id", "\"\(id)\" contains \(what); ids name output files, so use letters, digits, `-`, `_` and `.`")
        } else if id == "." || id == ".." {
            problem("id", "\"\(id)\" cannot name a file; use letters, digits, `-`, `_` and `.`")
        }
    }

    mutating func photos() -> [String] {
        let images = list("image").map { file("image", $0) }
        if images.isEmpty, !hasProblem("image") {
            problem("image", "empty; give at least one photo path (several separated by |)")
        }
        return images
    }

    mutating func points() -> [String] {
        let points = list("points")
        let most = ManifestReader.maxPoints
        if points.count > most {
            problem("points", "\(points.count) points given; a cover shows at most \(most), so keep the \(most) that sell best")
        }
        return points
    }

    /// Price, original price (not below the price) and discount (a percentage strictly between 0 and 100).
    mutating func prices() -> (price: Double?, original: Double?, discount: Double?) {
        let price = number("price")
        if let p = price, p < 0 { problem("price", "\"\(text("price") ?? "")\" is negative; give a price of 0 or more") }
        let original = number("original_price")
        if let o = original, o < 0 {
            problem("original_price", "\"\(text("original_price") ?? "")\" is negative; give the price before the discount, 0 or more")
        } else if let o = original, let p = price, p >= 0, o < p {
            problem("original_price", "\(ParameterValue.number(o)) is below the price \(ParameterValue.number(p)); original_price is the price before the discount")
        }
        let discount = number("discount", percent: true)
        if let d = discount, !(d > 0 && d < 100) {
            problem("discount", "\"\(text("discount") ?? "")\" is outside 0…100; give the percentage off, more than 0 and less than 100, e.g. 30 or 30%")
        }
        return (price, original, discount)
    }

    /// An ISO 4217 code, upper-cased.
    mutating func currency() -> String? {
        guard let c = text("currency") else { return nil }
        if ISO4217.isCode(c) { return c.uppercased() }
        let hint = ISO4217.suggestion(for: c).map { "did you mean \($0)? " } ?? ""
        problem("currency", "\"\(InputLimits.short(c))\" is not an ISO 4217 code; \(hint)write the three-letter code, e.g. USD, THB, EUR")
        return c
    }

    /// The before and after photos: both or neither.
    mutating func beforeAfter() -> (before: String?, after: String?) {
        let before = text("before").map { file("before", $0) }
        let after = text("after").map { file("after", $0) }
        if (before == nil) != (after == nil), !hasProblem("before"), !hasProblem("after") {
            problem(before == nil ? "before" : "after", "missing; a before/after cover needs both `before` and `after` photos")
        }
        return (before, after)
    }

    /// Translated titles and subtitles by language tag, from the `title.LANG` and `subtitle.LANG` keys.
    mutating func translations() -> (titles: [String: String], subtitles: [String: String]) {
        var titles: [String: String] = [:], subtitles: [String: String] = [:]
        for field in ManifestReader.translatable {
            let prefix = field + "."
            for (key, value) in row.values.filter({ $0.key.hasPrefix(prefix) }).sorted(by: { $0.key < $1.key }) {
                let lang = String(key.dropFirst(prefix.count))
                do {
                    guard let t = try value.lineText() else { continue }
                    if field == "title" { titles[lang] = t } else { subtitles[lang] = t }
                } catch {
                    problem(key, "expected text, got \(error.kind)")
                }
            }
        }
        return (titles, subtitles)
    }
}
