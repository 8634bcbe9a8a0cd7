import Support
import Foundation
import Yams

/// A problem found in a YAML file, located by file and line.
public struct PresetIssue: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String
    public var description: String { "\(file):\(line): \(message)" }
}

/// Decodes YAML into `Codable` types strictly: wrong types, missing keys and unknown keys are errors
/// that name the file, the line and the key path (`canvas.width`), with a suggestion for likely typos.
public enum StrictYAML {
    public static func decode<T: Codable>(_ type: T.Type, yaml: String, file: String) throws(PresetIssue) -> (T, Node) {
        let (value, node, unknown) = try decodeReportingUnknownKeys(type, yaml: yaml, file: file)
        if let first = unknown.first { throw first }
        return (value, node)
    }

    /// `decode`, with every unknown key in the file returned rather than thrown, so a file's problems
    /// can be reported together. Syntax and type errors still throw: the value cannot be built.
    public static func decodeReportingUnknownKeys<T: Codable>(_ type: T.Type, yaml: String, file: String)
        throws(PresetIssue) -> (T, Node, [PresetIssue]) {
        let node: Node
        do throws(YAMLPrecheck.Problem) { try YAMLPrecheck.check(yaml) } catch {
            throw PresetIssue(file: file, line: error.line, message: error.message)
        }
        do {
            guard let n = try Yams.compose(yaml: yaml) else {
                throw PresetIssue(file: file, line: 1, message: "the file is empty")
            }
            node = n
        } catch let issue as PresetIssue {
            throw issue
        } catch {
            throw PresetIssue(file: file, line: yamlErrorLine(error), message: YAMLPrecheck.describe(error, in: yaml))
        }
        let value: T
        do {
            value = try YAMLDecoder().decode(T.self, from: node)
        } catch let error as DecodingError {
            throw issue(for: error, in: node, file: file)
        } catch {
            throw PresetIssue(file: file, line: 1, message: "\(error)")
        }
        // Unknown keys: any key in the file that the decoded value does not carry back out.
        var unknown: [PresetIssue] = []
        if let data = try? JSONEncoder().encode(value), let json = try? JSONSerialization.jsonObject(with: data) {
            findUnknownKeys(node, json, path: []) { unknown.append(PresetIssue(file: file, line: $0, message: $1)) }
        }
        return (value, node, unknown)
    }

    /// Follows a key path (`["canvas", "width"]`, indices as numbers) to its node.
    public static func node(at path: [String], in root: Node) -> Node? {
        var cur: Node? = root
        for key in path {
            guard let c = cur else { return nil }
            switch c {
            case .mapping(let m): cur = m.first { $0.key.string == key }?.value
            case .sequence(let s): cur = Int(key).flatMap { $0 < s.count ? s[$0] : nil }
            default: return nil
            }
        }
        return cur
    }

    /// The line of the deepest node that exists along `path`.
    public static func line(of path: [String], in root: Node) -> Int {
        for n in stride(from: path.count, through: 0, by: -1) {
            if let found = node(at: Array(path.prefix(n)), in: root), let mark = found.mark { return mark.line }
        }
        return 1
    }

    static func keyPath(_ path: [CodingKey]) -> [String] {
        path.map { $0.intValue.map(String.init) ?? $0.stringValue }
    }

    static func display(_ path: [String]) -> String { path.isEmpty ? "(top level)" : path.joined(separator: ".") }

    private static func issue(for error: DecodingError, in root: Node, file: String) -> PresetIssue {
        switch error {
        case .typeMismatch(let type, let ctx), .valueNotFound(let type, let ctx):
            let path = keyPath(ctx.codingPath)
            let got = node(at: path, in: root).map(describe) ?? "nothing"
            return PresetIssue(file: file, line: line(of: path, in: root),
                               message: "`\(display(path))`: expected \(friendly(type)), got \(got)")
        case .keyNotFound(let key, let ctx):
            let path = keyPath(ctx.codingPath)
            // A missing key next to an unknown one of a similar spelling is a typo: point at the typo.
            if case .mapping(let m)? = node(at: path, in: root) {
                let present = m.compactMap { $0.key.string }
                if let typo = present.first(where: { closestMatch($0, in: [key.stringValue]) != nil && $0 != key.stringValue }),
                   let keyNode = m.first(where: { $0.key.string == typo })?.key {
                    let at = path.isEmpty ? "" : " in `\(display(path))`"
                    return PresetIssue(file: file, line: keyNode.mark?.line ?? 1,
                                       message: "unknown key `\(typo)`\(at); did you mean `\(key.stringValue)`?")
                }
            }
            return PresetIssue(file: file, line: line(of: path, in: root),
                               message: "missing key `\(key.stringValue)` in `\(display(path))`")
        case .dataCorrupted(let ctx):
            let path = keyPath(ctx.codingPath)
            let got = node(at: path, in: root).map(describe) ?? "nothing"
            return PresetIssue(file: file, line: line(of: path, in: root),
                               message: "`\(display(path))`: \(ctx.debugDescription), got \(got)")
        @unknown default:
            return PresetIssue(file: file, line: 1, message: "\(error)")
        }
    }

    private static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): "`\(s.string)`"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    private static func friendly(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "an integer"
        case is Double.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        default:
            String(describing: type).hasPrefix("Array") ? "a list" : "a mapping"
        }
    }

    /// Calls `report` with the line and message of each key in `node` that `json` (the decoded value,
    /// encoded back) does not have.
    private static func findUnknownKeys(_ node: Node, _ json: Any, path: [String], _ report: (Int, String) -> Void) {
        switch node {
        case .mapping(let m):
            guard let dict = json as? [String: Any] else { return }
            for (k, v) in m {
                guard let key = k.string else { continue }
                guard let sub = dict[key] else {
                    let hint = closestMatch(key, in: Array(dict.keys)).map { "; did you mean `\($0)`?" } ?? ""
                    let at = path.isEmpty ? "" : " in `\(display(path))`"
                    report(k.mark?.line ?? 1, "unknown key `\(key)`\(at)\(hint)")
                    continue
                }
                findUnknownKeys(v, sub, path: path + [key], report)
            }
        case .sequence(let s):
            guard let arr = json as? [Any] else { return }
            for (i, (n, j)) in zip(s, arr).enumerated() { findUnknownKeys(n, j, path: path + [String(i)], report) }
        default: break
        }
    }

    private static func yamlErrorLine(_ error: Error) -> Int {
        if let y = error as? YamlError {
            switch y {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                return mark.line
            default: return 1
            }
        }
        return 1
    }
}
