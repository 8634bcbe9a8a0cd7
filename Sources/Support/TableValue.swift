import Foundation
import Yams

/// A value of a table file (manifest, cue sheet) as written, before it is interpreted: YAML and JSON
/// are both read into this, and numbers keep the text they were written with (ids, prices).
package enum TableValue: Sendable {
    case text(String)
    case list([TableValue])
    case map([(String, TableValue)])
    case null

    package var kindName: String {
        switch self {
        case .text: "text"
        case .list: "a list"
        case .map: "a mapping"
        case .null: "nothing"
        }
    }

    /// The text, trimmed, or `nil` when this is not text or is empty.
    package var trimmedText: String? {
        guard case .text(let t) = self else { return nil }
        let s = t.trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? nil : s
    }

    /// Not text: a list or mapping where one line of text was expected; `kind` names what it is.
    package struct NotText: Error, Sendable { package let kind: String }

    /// A one-line field's value: the text trimmed, `nil` when it is nothing or empty; a list or a
    /// mapping throws `NotText`.
    package func lineText() throws(NotText) -> String? {
        switch self {
        case .null: return nil
        case .text: return trimmedText
        case .list, .map: throw NotText(kind: kindName)
        }
    }

    package init(_ node: Node) {
        switch node {
        case .scalar(let s):
            self = s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string) ? .null : .text(s.string)
        case .sequence(let s): self = .list(s.map(TableValue.init))
        case .mapping(let m): self = .map(m.map { ($0.key.string ?? "\($0.key)", TableValue($0.value)) })
        case .alias: self = .null
        }
    }
}

/// JSON decoded into a `TableValue`.
struct JSONTableValue: Decodable {
    let value: TableValue

    init(from decoder: Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [TableValue] = []
            while !list.isAtEnd { items.append(try list.decode(JSONTableValue.self).value) }
            value = .list(items)
            return
        }
        if let map = try? decoder.container(keyedBy: AnyKey.self) {
            var pairs: [(String, TableValue)] = []
            for key in map.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                pairs.append((key.stringValue, try map.decode(JSONTableValue.self, forKey: key).value))
            }
            value = .map(pairs)
            return
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { value = .null }
        else if let b = try? c.decode(Bool.self) { value = .text(String(b)) }
        else if let i = try? c.decode(Int.self) { value = .text(String(i)) }
        else if let d = try? c.decode(Double.self) { value = .text(String(d)) }
        else { value = .text(try c.decode(String.self)) }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension TableFile {
    /// YAML or JSON: the entries of the top-level list, or of `{key: [...]}`, each with the line it starts
    /// on (0 when unknown, as in JSON). `what` names the file in messages (`manifest`), `key` is also the
    /// plural noun (`products`). `nullListIsEmpty`: `key:` with nothing after it is an empty list, not an error.
    package func listEntries(key: String, what: String, nullListIsEmpty: Bool) throws(MarqueeError) -> [(TableValue, Int)] {
        let root: TableValue
        var lines: [Int] = []
        if format == "json" {
            try JSONPrecheck.check(data, what: what, path: path)
            do { root = try JSONDecoder().decode(JSONTableValue.self, from: data).value } catch {
                var reason = "\(error)"
                if case DecodingError.dataCorrupted(let ctx) = error {
                    reason = ctx.underlyingError.map { "\($0)" } ?? ctx.debugDescription
                }
                throw .usage("\(what) \(path) is not valid JSON: \(reason)")
            }
        } else {
            let yaml = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
            do { try YAMLPrecheck.check(yaml) } catch { throw .usage("\(what) \(path): \(error.message)") }
            let node: Node?
            do { node = try Yams.compose(yaml: yaml) } catch {
                throw .usage("\(what) \(path): \(YAMLPrecheck.describe(error, in: yaml))")
            }
            guard let node else { throw .usage("\(what) \(path) is empty; list the \(key)") }
            root = TableValue(node)
            var list = node
            if case .mapping(let m) = node, let l = m.first(where: { $0.key.string == key })?.value { list = l }
            if case .sequence(let s) = list { lines = s.map { $0.mark?.line ?? 0 } }
        }
        let noun = String(key.dropLast())
        let items: [TableValue]
        switch root {
        case .list(let l): items = l
        case .map(let m):
            let others = m.map(\.0).filter { $0 != key }
            guard let value = m.first(where: { $0.0 == key })?.1 else {
                throw .usage("\(what) \(path): expected a list of \(key), or `\(key):` with the list; found keys \(others.map { "`\($0)`" }.joined(separator: ", "))")
            }
            if !others.isEmpty {
                throw .usage("\(what) \(path): unknown top-level key\(others.count == 1 ? "" : "s") \(others.map { "`\($0)`" }.joined(separator: ", ")); the file holds `\(key):` only")
            }
            switch value {
            case .list(let l): items = l
            case .null where nullListIsEmpty: items = []
            default: throw .usage("\(what) \(path): `\(key)` must be a list of \(noun)s, got \(value.kindName)")
            }
        case .null: items = []
        case .text: throw .usage("\(what) \(path): expected a list of \(key), got text")
        }
        return items.enumerated().map { ($1, $0 < lines.count ? lines[$0] : 0) }
    }
}
