/// A CSV reader after RFC 4180, as spreadsheets write it: comma-separated fields, fields in double
/// quotes may hold commas, line breaks and doubled quotes (`""`); records end with CRLF, LF or CR.
/// A leading UTF-8 byte order mark is skipped.
public enum CSVParser {
    /// One record and the line of the file it starts on (1-based; quoted line breaks make records
    /// span several lines).
    public struct Record: Sendable, Hashable {
        public var fields: [String]
        public var line: Int
        /// Whether every field is empty or whitespace, e.g. a blank line.
        public var isBlank: Bool { fields.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
    }

    /// A syntax error, located by line.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Splits `text` into records. Every line is a record, blank ones included (as one empty
    /// field), so that record `i` is spreadsheet row `i + 1`; a final line break ends the last
    /// record rather than starting an empty one.
    public static func parse(_ text: String) throws(SyntaxError) -> [Record] {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var scanner = Scanner(scalars: scalars)
        var i = scalars.startIndex
        while i < scalars.endIndex {
            i = scanner.quoted ? scanner.readQuoted(at: i) : try scanner.readPlain(at: i)
        }
        return try scanner.finish()
    }

    /// The parser's state while it walks the text one Unicode scalar at a time.
    private struct Scanner {
        typealias Scalars = Substring.UnicodeScalarView
        let scalars: Scalars
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1, recordLine = 1
        var quoted = false          // inside a quoted field
        var wasQuoted = false       // the current field was quoted and its closing quote seen
        var quoteLine = 0           // where the open quote started, for errors
        var atFieldStart = true
        var sawAnything = false     // the current record has at least one character

        init(scalars: Scalars) { self.scalars = scalars }

        mutating func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            wasQuoted = false
            atFieldStart = true
        }

        mutating func endRecord() {
            endField()
            records.append(Record(fields: fields, line: recordLine))
            fields = []
            sawAnything = false
        }

        /// Inside a quoted field: one scalar (two for a doubled quote or CRLF); the index after them.
        mutating func readQuoted(at i: Scalars.Index) -> Scalars.Index {
            let c = scalars[i]
            let next = scalars.index(after: i)
            if c == "\"" {
                if next < scalars.endIndex, scalars[next] == "\"" {
                    field.append("\"")
                    return scalars.index(after: next)
                }
                quoted = false
                wasQuoted = true
            } else if c == "\r" {
                // Line breaks inside a field are kept as LF, whatever the file uses.
                if !(next < scalars.endIndex && scalars[next] == "\n") { field.append("\n"); line += 1 }
            } else {
                if c == "\n" { line += 1 }
                field.append(c)
            }
            return next
        }

        /// Outside quotes: a separator, a line break (CRLF as one), an opening quote or a character.
        mutating func readPlain(at i: Scalars.Index) throws(SyntaxError) -> Scalars.Index {
            let c = scalars[i]
            let next = scalars.index(after: i)
            switch c {
            case ",":
                sawAnything = true
                endField()
            case "\r", "\n":
                var after = next
                if c == "\r", after < scalars.endIndex, scalars[after] == "\n" { after = scalars.index(after: after) }
                endRecord()
                line += 1
                recordLine = line
                return after
            case "\"" where atFieldStart || (!wasQuoted && field.allSatisfy { $0 == " " || $0 == "\t" }):
                // A quote opens a quoted field at the start of a field, also after stray spaces (`a, "b"`).
                field = String.UnicodeScalarView()
                quoted = true
                quoteLine = line
                sawAnything = true
                atFieldStart = false
            default:
                if wasQuoted {
                    // Spaces after a closing quote are a common slip and harmless; anything else is ambiguous.
                    if c == " " || c == "\t" { break }
                    throw SyntaxError(line: line, message: "unexpected `\(Character(c))` after a closing quote; inside a quoted field write a quote as \"\"")
                }
                field.append(c)
                sawAnything = true
                atFieldStart = false
            }
            return next
        }

        /// The records, the last one ended; a quote never closed is an error at the line it opened on.
        mutating func finish() throws(SyntaxError) -> [Record] {
            if quoted {
                throw SyntaxError(line: quoteLine, message: "a quoted field opened here is never closed; add the closing \" (quotes inside a field are written \"\")")
            }
            if sawAnything || !fields.isEmpty || !field.isEmpty { endRecord() }
            return records
        }
    }
}
