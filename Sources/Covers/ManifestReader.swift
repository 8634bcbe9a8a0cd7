import Support
import Foundation

/// Reads a product manifest from CSV, YAML (`.yaml`, `.yml`) or JSON.
///
/// CSV columns (and YAML/JSON keys): `id`, `image` (paths separated by `|`), `title`, `subtitle`,
/// `points` (separated by `|`, at most 3), `price`, `original_price`, `discount` (`30` or `30%`),
/// `currency`, `category`, `before`, `after`, `logo`, translations `title.LANG` / `subtitle.LANG`
/// (`title.th`, `title.pt-BR`), and prices in other currencies `price.CUR` / `original_price.CUR`
/// (`price.USD`: a region whose locale pays in USD shows that price). YAML and JSON take a list of products or `{products: [...]}`; there
/// `image` and `points` may be lists, translations may be nested as `titles: {th: ...}` and prices per
/// currency as `prices: {USD: 79}` / `original_prices: {USD: 99}`.
///
/// Problems with the manifest as a whole (unreadable file, unknown or missing columns, empty or
/// duplicate ids) throw `MarqueeError.usage`. Problems with one product's values are returned in its
/// entry (see `ProductFields`). Category names are not checked here: presets are.
public enum ManifestReader {
    /// Fields a product has, in the order the documentation lists them.
    public static let fields = ["id", "image", "title", "subtitle", "points", "price", "original_price", "discount",
                                "currency", "category", "before", "after", "logo"]
    /// Columns every CSV manifest must have (YAML/JSON products without them get a per-product problem).
    public static let requiredFields = ["id", "image", "title", "category"]
    /// Fields that can be translated with `FIELD.LANG`.
    public static let translatable = ["title", "subtitle"]
    /// Fields that can be given per currency with `FIELD.CUR` (ISO 4217 code).
    public static let perCurrency = ["price", "original_price"]
    /// Nested translation tables of YAML and JSON manifests.
    static let translationTables = ["titles": "title", "subtitles": "subtitle"]
    /// Nested per-currency tables of YAML and JSON manifests (`prices: {USD: 79}`).
    static let currencyTables = ["prices": "price", "original_prices": "original_price"]
    public static let maxPoints = 3

    public static func read(_ url: URL) throws(MarqueeError) -> [ManifestEntry] {
        let file = try TableFile.read(url, what: "manifest")
        let folder = url.deletingLastPathComponent().standardizedFileURL
        let rows = try file.rows(schema)
        guard !rows.isEmpty else { throw .usage("manifest \(file.path) lists no products") }
        try checkIDs(rows, path: file.path)
        return rows.map { ProductFields.entry($0, folder: folder) }
    }

    /// Columns and keys: the fields, and translations kept under `title.th` (also from `titles: {th: …}`).
    static let schema: TableSchema = {
        var s = TableSchema(
            what: "manifest", noun: "product",
            columnsHint: ": \(requiredFields.joined(separator: ", ")), …", keyExample: "`id:` and `title:`",
            knownColumns: knownList, knownKeys: knownList + ", titles, subtitles, prices, original_prices",
            classify: classify,
            missingColumns: { present in
                let missing = requiredFields.filter { !present.contains($0) }
                guard !missing.isEmpty else { return [] }
                let list = missing.map { "`\($0)`" }.joined(separator: ", ")
                return ["missing column\(missing.count == 1 ? "" : "s") \(list); every manifest needs \(requiredFields.joined(separator: ", "))"]
            },
            extraCells: { row, cells, columns in
                let id = row.values["id"].flatMap(\.trimmedText) ?? "?"
                return "product \(id): \(row.place) has \(cells) cells but the header has \(columns) columns; put cells that contain commas in double quotes (\"Red, large\")"
            })
        s.nestedTable = readNestedTable
        return s
    }()

    static var knownList: String {
        (fields + translatable.map { "\($0).LANG" } + perCurrency.map { "\($0).CUR" }).joined(separator: ", ")
    }

    /// `titles: {th: …}`: each translation kept under `title.th`; a tag that is not a language tag is an
    /// error about the file, a value that is not a mapping a problem of the product.
    /// `prices: {USD: 79}` likewise kept under `price.USD`; a key that is not an ISO 4217 code is an error
    /// about the file.
    static func readNestedTable(_ key: String, _ value: TableValue, _ row: inout TableRow) -> [String]? {
        let perCurrency = currencyTables[key.lowercased()]
        guard let field = translationTables[key.lowercased()] ?? perCurrency else { return nil }
        let (what, example) = perCurrency == nil ? ("language tag to text", "th: …") : ("currency code to price", "USD: 79")
        switch value {
        case .null: return []
        case .map(let table):
            var errors: [String] = []
            for (tag, entry) in table {
                if perCurrency != nil {
                    guard ISO4217.isCode(tag) else {
                        errors.append("\(row.located), `\(key)`: `\(InputLimits.short(tag))` is not an ISO 4217 currency code such as USD, THB or EUR")
                        continue
                    }
                    row.set("\(field).\(tag.uppercased())", entry)
                } else if let lang = normalizedLanguageTag(tag) {
                    row.set("\(field).\(lang)", entry)
                } else {
                    errors.append("\(row.located), `\(key)`: `\(tag)` is not a language tag such as th, pt-BR or ar")
                }
            }
            return errors
        default:
            row.problems.append("field \(key): expected a mapping of \(what), e.g. `\(key): {\(example)}`, got \(value.kindName)")
            return []
        }
    }

    /// Interprets a column or key name: a field, a translation (`title.th`), or an error naming it with a
    /// suggestion.
    static func classify(_ name: String, noun: String) -> Result<String, TableNameError> {
        let lower = name.lowercased()
        if fields.contains(lower) { return .success(lower) }
        if let dot = name.firstIndex(of: ".") {
            let field = String(name[..<dot]).lowercased()
            let tag = String(name[name.index(after: dot)...])
            if perCurrency.contains(field) {
                guard ISO4217.isCode(tag) else {
                    let hint = ISO4217.suggestion(for: tag).map { "did you mean `\(field).\($0)`? " } ?? ""
                    return .failure(TableNameError("`\(InputLimits.short(name))`: `\(InputLimits.short(tag))` is not an ISO 4217 currency code; \(hint)write e.g. `\(field).USD`"))
                }
                return .success("\(field).\(tag.uppercased())")
            }
            if translatable.contains(field) {
                guard let lang = normalizedLanguageTag(tag) else {
                    return .failure(TableNameError("`\(name)`: `\(tag)` is not a language tag such as th, pt-BR or ar"))
                }
                return .success("\(field).\(lang)")
            }
            if let near = closestMatch(field, in: translatable), normalizedLanguageTag(tag) != nil {
                return .failure(TableNameError("unknown \(noun) `\(name)`; did you mean `\(near).\(tag)`?"))
            }
        }
        let candidates = fields + ["titles", "subtitles", "prices", "original_prices"]
        let hint = closestMatch(lower, in: candidates).map { "; did you mean `\($0)`?" } ?? ""
        return .failure(TableNameError("unknown \(noun) `\(InputLimits.short(name))`\(hint)"))
    }

    /// Every product needs an id, and ids must differ (also in letter case: they name output files).
    static func checkIDs(_ rows: [TableRow], path: String) throws(MarqueeError) {
        var errors: [String] = []
        var uses: [(id: String, place: String)] = []
        for p in rows {
            switch p.values["id"] ?? .null {
            case .text(let t) where !t.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty:
                uses.append((t.trimmingCharacters(in: .whitespacesAndNewlines), p.located))
            case .text, .null:
                errors.append("\(p.located) has no `id`; give every product an id (it names the output files)")
            case let other:
                errors.append("\(p.located): `id` must be text, got \(other.kindName)")
            }
        }
        errors += TableIDs.clashes(uses, noun: "product", files: "output files")
        if !errors.isEmpty { throw .usage("manifest \(path): " + errors.joined(separator: "; ")) }
    }
}
