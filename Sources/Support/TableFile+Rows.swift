import Foundation

extension TableFile {
    /// The entries of a CSV, YAML or JSON table file as rows of values by key. Problems with the file as
    /// a whole (syntax, unknown, nameless or duplicate columns and keys, missing columns) are all
    /// reported together in one `MarqueeError.usage`; problems of one entry stay in its row.
    package func rows(_ schema: TableSchema) throws(MarqueeError) -> [TableRow] {
        format == "csv" ? try csvRows(schema) : try mappingRows(schema)
    }

    // MARK: - CSV

    func csvRows(_ s: TableSchema) throws(MarqueeError) -> [TableRow] {
        let records: [CSVParser.Record]
        do { records = try CSVParser.parse(text) } catch {
            throw .usage("\(s.what) \(path): \(error.description)")
        }
        guard let headerIndex = records.firstIndex(where: { !$0.isBlank }) else {
            throw .usage("\(s.what) \(path) is empty; the first row names the columns\(s.columnsHint)")
        }
        let header = records[headerIndex].fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let rows = records.enumerated().dropFirst(headerIndex + 1).filter { !$0.element.isBlank }
            .map { (row: $0.offset + 1, fields: $0.element.fields) }

        if header.count == 1, let sep = [";", "\t"].first(where: { header[0].contains($0) }) {
            let name = sep == ";" ? "semicolons" : "tabs"
            throw .usage("\(s.what) \(path): the header is a single column `\(header[0])`; the file looks separated by \(name). Save it comma-separated (CSV UTF-8), or write the \(s.what) as YAML or JSON")
        }
        var (keys, present, errors) = Self.columnKeys(header, rows: rows, schema: s)
        errors += s.missingColumns(present)
        if !errors.isEmpty {
            throw .usage("\(s.what) \(path): " + errors.joined(separator: "; ") + "; known columns: \(s.knownColumns)")
        }
        return rows.map { (index, fields) in
            var r = TableRow(row: index, place: "row \(index)")
            for (i, cell) in fields.enumerated() where i < keys.count {
                if let key = keys[i] { r.values[key] = .text(cell) }
            }
            if fields.dropFirst(keys.count).contains(where: { !$0.allSatisfy(\.isWhitespace) }) {
                r.problems.append(s.extraCells(r, fields.count, keys.count))
            }
            return r
        }
    }

    /// The key each column holds (`nil`: nameless, unknown or ignored), the keys present, and every
    /// problem with the header: unknown names, duplicates, nameless columns that have values.
    static func columnKeys(_ header: [String], rows: [(row: Int, fields: [String])], schema s: TableSchema)
        -> (keys: [String?], present: Set<String>, errors: [String]) {
        var keys: [String?] = []
        var errors: [String] = []
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if name.isEmpty {
                if let r = rows.first(where: { i < $0.fields.count && !$0.fields[i].allSatisfy(\.isWhitespace) }) {
                    errors.append("column \(i + 1) has no name in the header but row \(r.row) has a value in it; name the column or remove it")
                }
                keys.append(nil)
                continue
            }
            switch s.classify(name, "column") {
            case .success(let key):
                if let first = seen[key] {
                    errors.append("column `\(key)` appears twice (columns \(first + 1) and \(i + 1)); keep one")
                }
                seen[key] = seen[key] ?? i
                keys.append(s.ignoredKeys.contains(key) ? nil : key)
            case .failure(let e):
                errors.append(e.message)
                keys.append(nil)
            }
        }
        return (keys, Set(seen.keys), errors)
    }

    // MARK: - YAML and JSON

    /// YAML and JSON: a list of entries, or `{products: [...]}` (the schema's noun, plural).
    func mappingRows(_ s: TableSchema) throws(MarqueeError) -> [TableRow] {
        let list = try listEntries(key: s.noun + "s", what: s.what, nullListIsEmpty: s.nullListIsEmpty)
        var errors: [String] = []
        var unknown: [(key: String, message: String)] = []
        var rows: [TableRow] = []
        for (i, (item, line)) in list.enumerated() {
            var r = TableRow(row: i + 1, place: "\(s.noun) \(i + 1)", line: line > 0 ? " (line \(line))" : "")
            guard case .map(let pairs) = item else {
                errors.append("\(r.located) is \(item.kindName), not a mapping of fields such as \(s.keyExample)")
                continue
            }
            var seen = Set<String>()
            for (rawKey, value) in pairs {
                let key = rawKey.trimmingCharacters(in: .whitespaces)
                let folded = key.lowercased()
                if !seen.insert(folded).inserted {
                    errors.append("\(r.located): key `\(folded)` appears twice; keep one")
                    continue
                }
                if let nestedErrors = s.nestedTable?(key, value, &r) { errors += nestedErrors; continue }
                switch s.classify(key, "key") {
                case .success(let k): if !s.ignoredKeys.contains(k) { r.set(k, value) }
                case .failure(let e):
                    if !unknown.contains(where: { $0.key == key }) { unknown.append((key, "\(r.located): \(e.message)")) }
                }
            }
            rows.append(r)
        }
        errors += unknown.map(\.message)
        if !errors.isEmpty {
            throw .usage("\(s.what) \(path): " + errors.joined(separator: "; ") + "; known keys: \(s.knownKeys)")
        }
        return rows
    }
}
