import Foundation

/// Reads Swift source for the house rules (`HouseRulesTests`): blanks out comments and string
/// literals so that braces in them do not count, then finds every function, initializer and
/// deinitializer with a body and how many lines it spans.
enum SourceScanner {
    /// A function, initializer or deinitializer with a body: its name, the line it is declared on
    /// (1-based) and the lines from there to its closing brace, both included.
    struct Function: Equatable, CustomStringConvertible {
        let name: String
        let line: Int
        let lines: Int
        var description: String { "\(name) (line \(line), \(lines) lines)" }
    }

    /// Lines as `wc -l` counts them, plus a last line without a line break.
    static func lineCount(_ text: String) -> Int {
        let breaks = text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return breaks + (text.isEmpty || text.hasSuffix("\n") ? 0 : 1)
    }

    /// Every function of `text` that has a body.
    static func functions(in text: String) -> [Function] {
        let code = blanked(Array(text.utf8))
        var lineOf: [Int] = []
        lineOf.reserveCapacity(code.count)
        var line = 1
        for b in code {
            lineOf.append(line)
            if b == UInt8(ascii: "\n") { line += 1 }
        }
        return declarations(in: code).compactMap { keyword, name in
            guard let open = bodyStart(code, after: keyword), let close = matchingBrace(code, open) else { return nil }
            return Function(name: name, line: lineOf[keyword], lines: lineOf[close] - lineOf[keyword] + 1)
        }
    }

    // MARK: - Comments and strings

    private enum Context {
        /// Code; in a string's `\(…)` with the parentheses open inside it, at top level `nil`.
        case code(parens: Int?)
        case string(hashes: Int, multiline: Bool)
    }

    /// `bytes` with comments and the contents of string literals (interpolated code excepted) turned
    /// into spaces; line breaks are kept, so positions and lines do not move.
    static func blanked(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var stack: [Context] = [.code(parens: nil)]
        var i = 0
        func at(_ k: Int, _ s: String) -> Bool {
            let u = Array(s.utf8)
            return k + u.count <= bytes.count && Array(bytes[k..<k + u.count]) == u
        }
        func blank(_ range: Range<Int>) {
            for k in range where k < out.count && out[k] != UInt8(ascii: "\n") { out[k] = UInt8(ascii: " ") }
        }
        func hashes(from k: Int) -> Int {
            var j = k
            while j < bytes.count, bytes[j] == UInt8(ascii: "#") { j += 1 }
            return j - k
        }
        while i < bytes.count, let context = stack.last {
            switch context {
            case .code(let parens):
                if at(i, "//") {
                    let end = bytes[i...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                    blank(i..<end); i = end
                } else if at(i, "/*") {
                    var depth = 0, j = i
                    repeat {
                        if at(j, "/*") { depth += 1; j += 2 } else if at(j, "*/") { depth -= 1; j += 2 } else { j += 1 }
                    } while depth > 0 && j < bytes.count
                    blank(i..<j); i = j
                } else if bytes[i] == UInt8(ascii: "#") || bytes[i] == UInt8(ascii: "\"") {
                    let h = hashes(from: i)
                    guard at(i + h, "\"") else { i += max(h, 1); continue }
                    let multiline = at(i + h, "\"\"\"")
                    i += h + (multiline ? 3 : 1)
                    stack.append(.string(hashes: h, multiline: multiline))
                } else if let parens, bytes[i] == UInt8(ascii: "(") {
                    stack[stack.count - 1] = .code(parens: parens + 1); i += 1
                } else if let parens, bytes[i] == UInt8(ascii: ")") {
                    if parens == 0 { stack.removeLast() } else { stack[stack.count - 1] = .code(parens: parens - 1) }
                    i += 1
                } else {
                    i += 1
                }
            case .string(let h, let multiline):
                if bytes[i] == UInt8(ascii: "\\"), hashes(from: i + 1) == h {
                    let after = i + 1 + h
                    if at(after, "(") {
                        blank(i..<after + 1); i = after + 1
                        stack.append(.code(parens: 0))
                    } else {
                        blank(i..<min(after + 1, bytes.count)); i = after + 1
                    }
                } else if at(i, multiline ? "\"\"\"" : "\""), hashes(from: i + (multiline ? 3 : 1)) >= h {
                    i += (multiline ? 3 : 1) + h
                    stack.removeLast()
                } else {
                    blank(i..<i + 1); i += 1
                }
            }
        }
        return out
    }

    // MARK: - Declarations and bodies

    private static func isIdentifier(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "_") || (b >= 48 && b <= 57) || (b | 0x20 >= 97 && b | 0x20 <= 122) || b >= 0x80
    }

    /// Where each `func`, `init` and `deinit` keyword stands, with the declaration's name; `.init(`
    /// calls are not declarations.
    static func declarations(in code: [UInt8]) -> [(Int, String)] {
        var result: [(Int, String)] = []
        var i = 0
        while i < code.count {
            guard isIdentifier(code[i]), i == 0 || !isIdentifier(code[i - 1]) else { i += 1; continue }
            var j = i
            while j < code.count, isIdentifier(code[j]) { j += 1 }
            let word = String(decoding: code[i..<j], as: UTF8.self)
            let afterDot = i > 0 && code[i - 1] == UInt8(ascii: ".")
            if !afterDot, word == "func" {
                var k = j
                while k < code.count, code[k] == UInt8(ascii: " ") { k += 1 }
                var e = k
                while e < code.count, ![UInt8(ascii: "("), UInt8(ascii: "<"), UInt8(ascii: " ")].contains(code[e]) { e += 1 }
                result.append((i, String(decoding: code[k..<e], as: UTF8.self)))
            } else if !afterDot, word == "init", j < code.count, "(?!<".utf8.contains(code[j]) {
                result.append((i, "init"))
            } else if !afterDot, word == "deinit" {
                result.append((i, "deinit"))
            }
            i = j
        }
        return result
    }

    /// The `{` opening the body of the declaration at `keyword`, or `nil` when it has none (a protocol
    /// requirement): the signature ends at a line break outside parentheses unless the next line goes
    /// on with it (`->`, `throws`, `where`, `{`) or the line ends in `->` or `,`.
    static func bodyStart(_ code: [UInt8], after keyword: Int) -> Int? {
        var depth = 0
        var i = keyword
        while i < code.count {
            switch code[i] {
            case UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: "{") where depth == 0: return i
            case UInt8(ascii: "}"), UInt8(ascii: ";"): if depth == 0 { return nil }
            case UInt8(ascii: "\n") where depth == 0:
                let before = String(decoding: code[keyword..<i], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                let rest = String(decoding: code[(i + 1)...].prefix(200), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let goesOn = ["->", "throws", "rethrows", "async", "where", "{"].contains { rest.hasPrefix($0) }
                    || before.hasSuffix("->") || before.hasSuffix(",")
                if !goesOn { return nil }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// The `}` closing the brace at `open`.
    static func matchingBrace(_ code: [UInt8], _ open: Int) -> Int? {
        var depth = 0
        for i in open..<code.count {
            if code[i] == UInt8(ascii: "{") { depth += 1 }
            if code[i] == UInt8(ascii: "}") { depth -= 1; if depth == 0 { return i } }
        }
        return nil
    }
}
