import Support
import PluginKit
import Presets
import Batch
import Foundation
import Yams

/// One product of a manifest as read: the product, or the problems that keep it from being made.
/// A product with problems fails its own items; the rest of the batch goes on.
public struct ManifestEntry: Sendable {
    public let id: String
    /// Where the product is in the manifest: the spreadsheet row for CSV (the header is row 1),
    /// the 1-based position in the product list for YAML and JSON.
    public let row: Int
    /// The product, with photo paths made absolute; `nil` when `problems` is not empty.
    public let product: Product?
    /// Each names the product id and the field, and says what to do.
    public let problems: [String]

    public init(id: String, row: Int, product: Product?, problems: [String]) {
        self.id = id; self.row = row; self.product = product; self.problems = problems
    }
}

/// Reads a product manifest from CSV, YAML (`.yaml`, `.yml`) or JSON.
///
/// CSV columns (and YAML/JSON keys): `id`, `image` (paths separated by `|`), `title`, `subtitle`,
/// `points` (separated by `|`, at most 3), `price`, `original_price`, `discount` (`30` or `30%`),
/// `currency`, `category`, `before`, `after`, `logo`, and translations `title.LANG` / `subtitle.LANG`
/// (`title.th`, `title.pt-BR`). YAML and JSON take a list of products or `{products: [...]}`; there
/// `image` and `points` may be lists and translations may be nested as `titles: {th: ...}`.
///
/// Problems with the manifest as a whole (unreadable file, unknown or missing columns, empty or
/// duplicate ids) throw `MarqueeError.usage`. Problems with one product's values are returned in its
/// entry. Category names are not checked here: presets are.
public enum ManifestReader {
    /// Fields a product has, in the order the documentation lists them.
    public static let fields = ["id", "image", "title", "subtitle", "points", "price", "original_price", "discount",
                                "currency", "category", "before", "after", "logo"]
    /// Columns every CSV manifest must have (YAML/JSON products without them get a per-product problem).
    public static let requiredFields = ["id", "image", "title", "category"]
    /// Fields that can be translated with `FIELD.LANG`.
    public static let translatable = ["title", "subtitle"]
    /// Nested translation tables of YAML and JSON manifests.
    static let translationTables = ["titles": "title", "subtitles": "subtitle"]
    public static let maxPoints = 3

    public static func read(_ url: URL) throws(MarqueeError) -> [ManifestEntry] {
        let file = try TableFile.read(url, what: "manifest")
        let path = file.path
        let folder = url.deletingLastPathComponent().standardizedFileURL
        let raws = file.format == "csv" ? try readCSV(file.text, path: path) : try products(in: file)
        guard !raws.isEmpty else { throw .usage("manifest \(path) lists no products") }
        try checkIDs(raws, path: path)
        return raws.map { build($0, folder: folder) }
    }

    // MARK: - The neutral form all three formats are read into

    typealias Raw = TableValue

    struct RawProduct {
        var row: Int
        /// Shown in manifest-level messages: `row 4`, `product 3 (line 12)`.
        var place: String
        var values: [String: Raw] = [:]
        /// Translations by field (`title`, `subtitle`) then normalised language tag.
        var translations: [String: [String: Raw]] = [:]
        var problems: [String] = []
    }

    // MARK: - CSV

    static func readCSV(_ text: String, path: String) throws(MarqueeError) -> [RawProduct] {
        let records: [CSVParser.Record]
        do { records = try CSVParser.parse(text) } catch {
            throw .usage("manifest \(path): \(error.description)")
        }
        guard let headerIndex = records.firstIndex(where: { !$0.isBlank }) else {
            throw .usage("manifest \(path) is empty; the first row names the columns: \(requiredFields.joined(separator: ", ")), …")
        }
        let header = records[headerIndex].fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let rows = records.enumerated().dropFirst(headerIndex + 1).filter { !$0.element.isBlank }

        if header.count == 1, let sep = [";", "\t"].first(where: { header[0].contains($0) }) {
            let name = sep == ";" ? "semicolons" : "tabs"
            throw .usage("manifest \(path): the header is a single column `\(header[0])`; the file looks separated by \(name). Save it comma-separated (CSV UTF-8), or write the manifest as YAML or JSON")
        }

        // Columns: what each one is, checked all together so one run reports every bad column.
        enum Column { case field(String), translation(String, String), ignored }
        var columns: [Column] = []
        var errors: [String] = []
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if name.isEmpty {
                if let r = rows.first(where: { i < $0.element.fields.count && !$0.element.fields[i].allSatisfy(\.isWhitespace) }) {
                    errors.append("column \(i + 1) has no name in the header but row \(r.offset + 1) has a value in it; name the column or remove it")
                }
                columns.append(.ignored)
                continue
            }
            switch classify(name, noun: "column") {
            case .success(let c):
                let key: String
                switch c {
                case .field(let f): columns.append(.field(f)); key = f
                case .translation(let f, let lang): columns.append(.translation(f, lang)); key = "\(f).\(lang)"
                }
                if let first = seen[key] {
                    errors.append("column `\(key)` appears twice (columns \(first + 1) and \(i + 1)); keep one")
                }
                seen[key] = seen[key] ?? i
            case .failure(let e):
                errors.append(e.message)
                columns.append(.ignored)
            }
        }
        let missing = requiredFields.filter { seen[$0] == nil }
        if !missing.isEmpty {
            let list = missing.map { "`\($0)`" }.joined(separator: ", ")
            errors.append("missing column\(missing.count == 1 ? "" : "s") \(list); every manifest needs \(requiredFields.joined(separator: ", "))")
        }
        if !errors.isEmpty {
            throw .usage("manifest \(path): " + errors.joined(separator: "; ") + "; known columns: \(knownList)")
        }

        return rows.map { (index, record) in
            var p = RawProduct(row: index + 1, place: "row \(index + 1)")
            for (i, cell) in record.fields.enumerated() where i < columns.count {
                switch columns[i] {
                case .field(let f): p.values[f] = .text(cell)
                case .translation(let f, let lang): p.translations[f, default: [:]][lang] = .text(cell)
                case .ignored: break
                }
            }
            let extra = record.fields.dropFirst(columns.count).filter { !$0.allSatisfy(\.isWhitespace) }
            if !extra.isEmpty {
                let id = p.values["id"].flatMap(\.trimmedText) ?? "?"
                p.problems.append("product \(id): row \(index + 1) has \(record.fields.count) cells but the header has \(columns.count) columns; put cells that contain commas in double quotes (\"Red, large\")")
            }
            return p
        }
    }

    // MARK: - YAML and JSON

    /// YAML and JSON: a list of products or `{products: [...]}`.
    static func products(in file: TableFile) throws(MarqueeError) -> [RawProduct] {
        let path = file.path
        let list = try file.listEntries(key: "products", what: "manifest", nullListIsEmpty: false)
        var errors: [String] = []
        var unknown: [(key: String, place: String)] = []
        var result: [RawProduct] = []
        for (i, (item, itemLine)) in list.enumerated() {
            let line = itemLine > 0 ? " (line \(itemLine))" : ""
            var p = RawProduct(row: i + 1, place: "product \(i + 1)\(line)")
            guard case .map(let pairs) = item else {
                errors.append("\(p.place) is \(item.kindName), not a mapping of fields such as `id:` and `title:`")
                continue
            }
            var keys = Set<String>()
            for (rawKey, value) in pairs {
                let key = rawKey.trimmingCharacters(in: .whitespaces)
                if !keys.insert(key).inserted { errors.append("\(p.place): key `\(key)` appears twice; keep one"); continue }
                if let field = translationTables[key.lowercased()] {
                    switch value {
                    case .null: continue
                    case .map(let table):
                        for (tag, text) in table {
                            guard let lang = normalizedLanguageTag(tag) else {
                                errors.append("\(p.place), `\(key)`: `\(tag)` is not a language tag such as th, pt-BR or ar")
                                continue
                            }
                            if let existing = p.translations[field]?[lang], existing.trimmedText != text.trimmedText {
                                p.problems.append("field \(field).\(lang): given twice with different text; keep one")
                            }
                            p.translations[field, default: [:]][lang] = text
                        }
                    default:
                        p.problems.append("field \(key): expected a mapping of language tag to text, e.g. `\(key): {th: …}`, got \(value.kindName)")
                    }
                    continue
                }
                switch classify(key, noun: "key") {
                case .success(.field(let f)): p.values[f] = value
                case .success(.translation(let f, let lang)):
                    if let existing = p.translations[f]?[lang], existing.trimmedText != value.trimmedText {
                        p.problems.append("field \(f).\(lang): given twice with different text; keep one")
                    }
                    p.translations[f, default: [:]][lang] = value
                case .failure(let e):
                    if !unknown.contains(where: { $0.key == key }) { unknown.append((key, "\(p.place): \(e.message)")) }
                }
            }
            // Problems found while reading are prefixed with the id later, when it is known.
            result.append(p)
        }
        errors += unknown.map(\.place)
        if !errors.isEmpty {
            throw .usage("manifest \(path): " + errors.joined(separator: "; ") + "; known keys: \(knownList), titles, subtitles")
        }
        return result
    }

    // MARK: - Column and key names

    enum Name { case field(String), translation(String, String) }

    static var knownList: String { (fields + translatable.map { "\($0).LANG" }).joined(separator: ", ") }

    /// Interprets a column or key name: a field, a translation, or an error naming it with a suggestion.
    static func classify(_ name: String, noun: String) -> Result<Name, NameError> {
        let lower = name.lowercased()
        if fields.contains(lower) { return .success(.field(lower)) }
        if let dot = name.firstIndex(of: ".") {
            let field = String(name[..<dot]).lowercased()
            let tag = String(name[name.index(after: dot)...])
            if translatable.contains(field) {
                guard let lang = normalizedLanguageTag(tag) else {
                    return .failure(NameError("`\(name)`: `\(tag)` is not a language tag such as th, pt-BR or ar"))
                }
                return .success(.translation(field, lang))
            }
            if let near = closestMatch(field, in: translatable), normalizedLanguageTag(tag) != nil {
                return .failure(NameError("unknown \(noun) `\(name)`; did you mean `\(near).\(tag)`?"))
            }
        }
        let candidates = fields + ["titles", "subtitles"]
        let hint = closestMatch(lower, in: candidates).map { "; did you mean `\($0)`?" } ?? ""
        return .failure(NameError("unknown \(noun) `\(name)`\(hint)"))
    }

    struct NameError: Error { let message: String; init(_ m: String) { message = m } }


    // MARK: - Ids

    /// Every product needs an id, and ids must differ (also in letter case: they name output files).
    static func checkIDs(_ raws: [RawProduct], path: String) throws(MarqueeError) {
        var errors: [String] = []
        var byID: [String: [(id: String, place: String)]] = [:]
        var order: [String] = []
        for p in raws {
            switch p.values["id"] ?? .null {
            case .text(let t) where !t.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty:
                let id = t.trimmingCharacters(in: .whitespacesAndNewlines)
                let folded = id.lowercased()
                if byID[folded] == nil { order.append(folded) }
                byID[folded, default: []].append((id, p.place))
            case .text, .null:
                errors.append("\(p.place) has no `id`; give every product an id (it names the output files)")
            case let other:
                errors.append("\(p.place): `id` must be text, got \(other.kindName)")
            }
        }
        for key in order {
            guard let uses = byID[key], uses.count > 1 else { continue }
            let places = uses.map(\.place)
            let placeList = places.count == 2 ? "\(places[0]) and \(places[1])"
                : places.dropLast().joined(separator: ", ") + " and " + places.last!
            if Set(uses.map(\.id)).count == 1 {
                errors.append("product id `\(uses[0].id)` is used twice or more: \(placeList); give each product its own id")
            } else {
                errors.append("product ids \(uses.map { "`\($0.id)`" }.joined(separator: ", ")) differ only in letter case (\(placeList)); their output files would clash, so give each product a distinct id")
            }
        }
        if !errors.isEmpty { throw .usage("manifest \(path): " + errors.joined(separator: "; ")) }
    }

    // MARK: - One product

    static func build(_ raw: RawProduct, folder: URL) -> ManifestEntry {
        let id = raw.values["id"]?.trimmedText ?? ""
        var problems = raw.problems.map { $0.hasPrefix("product ") ? $0 : "product \(id), \($0)" }
        func problem(_ field: String, _ message: String) { problems.append("product \(id), field \(field): \(message)") }

        if let bad = id.unicodeScalars.first(where: { CharacterSet.whitespacesAndNewlines.contains($0) || "/\\:*?\"<>|".unicodeScalars.contains($0) || $0.value < 0x20 }) {
            let what = CharacterSet.whitespacesAndNewlines.contains(bad) ? "a space" : "`\(bad)`"
            problem("id", "\"\(id)\" contains \(what); ids name output files, so use letters, digits, `-`, `_` and `.`")
        } else if id == "." || id == ".." {
            problem("id", "\"\(id)\" cannot name a file; use letters, digits, `-`, `_` and `.`")
        }

        /// One line of text, trimmed; `nil` when absent or empty.
        func text(_ field: String) -> String? {
            switch raw.values[field] ?? .null {
            case .null: return nil
            case .text(let t):
                let t = t.trimmingCharacters(in: .whitespacesAndNewlines)
                return t.isEmpty ? nil : t
            case let other:
                problem(field, "expected text, got \(other.kindName)")
                return nil
            }
        }
        /// A list: a YAML/JSON list, or text separated by `|`; empty items dropped.
        func list(_ field: String) -> [String] {
            func split(_ t: String) -> [String] {
                t.split(separator: "|").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            }
            switch raw.values[field] ?? .null {
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
        func number(_ field: String, percent: Bool = false) -> Double? {
            guard var t = text(field) else { return nil }
            let written = t
            if percent {
                if t.hasSuffix("%") || t.hasSuffix("٪") { t = String(t.dropLast()).trimmingCharacters(in: .whitespaces) }
            }
            guard t.range(of: #"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$"#, options: .regularExpression) != nil,
                  let v = Double(t), v.isFinite else {
                let example = percent ? "30 or 30%" : "1290 or 129.90"
                let why = t.contains(",") ? "use a dot for decimals and no thousands separators" : "write it with digits"
                problem(field, "\"\(written)\" is not a number; \(why), e.g. \(example)")
                return nil
            }
            return v
        }
        func file(_ field: String, _ given: String) -> String {
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

        func hasProblem(_ field: String) -> Bool { problems.contains { $0.contains("field \(field):") } }

        let images = list("image").map { file("image", $0) }
        if images.isEmpty, !hasProblem("image") {
            problem("image", "empty; give at least one photo path (several separated by |)")
        }
        let title = text("title")
        if title == nil, !hasProblem("title") { problem("title", "empty; give the product's title") }
        let subtitle = text("subtitle")
        let points = list("points")
        if points.count > maxPoints {
            problem("points", "\(points.count) points given; a cover shows at most \(maxPoints), so keep the \(maxPoints) that sell best")
        }
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
        var currency = text("currency")
        if let c = currency {
            if c.count == 3, c.allSatisfy({ $0.isASCII && $0.isLetter }) { currency = c.uppercased() }
            else { problem("currency", "\"\(c)\" is not an ISO 4217 code; write the three-letter code, e.g. USD, THB, EUR") }
        }
        let category = text("category")
        if category == nil, !hasProblem("category") { problem("category", "empty; give the product's category, e.g. beauty") }
        let before = text("before").map { file("before", $0) }
        let after = text("after").map { file("after", $0) }
        if (before == nil) != (after == nil), !hasProblem("before"), !hasProblem("after") {
            problem(before == nil ? "before" : "after", "missing; a before/after cover needs both `before` and `after` photos")
        }
        let logo = text("logo").map { file("logo", $0) }

        var titles: [String: String] = [:], subtitles: [String: String] = [:]
        for field in translatable {
            for (lang, value) in (raw.translations[field] ?? [:]).sorted(by: { $0.key < $1.key }) {
                switch value {
                case .null: continue
                case .text(let t):
                    let t = t.trimmingCharacters(in: .whitespacesAndNewlines)
                    if t.isEmpty { continue }
                    if field == "title" { titles[lang] = t } else { subtitles[lang] = t }
                default: problem("\(field).\(lang)", "expected text, got \(value.kindName)")
                }
            }
        }

        guard problems.isEmpty, let title, let category else {
            return ManifestEntry(id: id, row: raw.row, product: nil, problems: problems)
        }
        let product = Product(id: id, images: images, title: title, subtitle: subtitle, points: points, price: price,
                              original_price: original, discount: discount, currency: currency, category: category,
                              before: before, after: after, logo: logo, titles: titles, subtitles: subtitles)
        return ManifestEntry(id: id, row: raw.row, product: product, problems: [])
    }
}

