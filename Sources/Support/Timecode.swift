import Foundation

/// Times in cue sheets and captions: seconds (`90`, `12.5`) or clock time `[[H]H:]MM:SS[.fff]`
/// (`01:02:03.250`, `02:03.5`), with a comma allowed before the fraction as SRT writes it
/// (`1:02:03,250`). Written back as `HH:MM:SS.mmm`.
public enum Timecode {
    /// Why a time could not be read. `description` quotes the text and says how to write it.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The text as given, trimmed.
        public let text: String
        /// What is wrong and what to write instead, e.g. `has 75 minutes; minutes and seconds go up to 59`.
        public let reason: String
        public var description: String { "\"\(InputLimits.short(text))\" \(reason)" }
    }

    /// The longest time accepted: 10,000 hours (over a year). Longer ones are typing mistakes, and
    /// would overflow the millisecond and sample counts computed from them.
    public static let maximum: Double = 36_000_000

    static let howTo = "write seconds (90 or 12.5) or HH:MM:SS.mmm (01:02:03.250)"

    /// Seconds from the text of a time, 0 or more.
    public static func seconds(_ text: String) throws(ParseError) -> Double {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        func fail(_ reason: String) -> ParseError { ParseError(text: t, reason: reason) }
        guard !t.isEmpty else { throw fail("is empty; \(howTo)") }
        if ["nan", "inf", "infinity", "+inf", "-inf", "-infinity"].contains(t.lowercased()) {
            throw fail("is not a finite number; \(howTo)")
        }
        var body = Substring(t)
        var negative = false
        if body.first == "-" || body.first == "+" {
            negative = body.first == "-"
            body = body.dropFirst()
        }

        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        let value: Double
        switch parts.count {
        case 1:
            if body.contains(","), body.replacingOccurrences(of: ",", with: ".").range(of: #"^([0-9]+(\.[0-9]*)?|\.[0-9]+)$"#, options: .regularExpression) != nil {
                throw fail("uses a comma; write decimals with a dot (12.5), or the SRT form 00:00:12,500")
            }
            guard let v = decimal(body) else { throw fail("is not a time; \(howTo)") }
            value = v
        case 2, 3:
            // The last part holds seconds and the fraction; the others are whole numbers.
            let wholes = parts.dropLast(), last = parts[parts.count - 1]
            let numbers = wholes.compactMap { $0.allSatisfy { $0.isASCII && $0.isNumber } ? Double($0) : nil }
            guard numbers.count == wholes.count, let minutes = numbers.last, last.first?.isNumber == true,
                  let secs = decimal(last.replacingOccurrences(of: ",", with: ".")[...]) else {
                throw fail("is not a time; \(howTo)")
            }
            let hours = numbers.count == 2 ? numbers[0] : 0
            if secs >= 60 {
                throw fail("has \(trimmed(secs)) seconds; seconds go up to 59.999 (write 00:01:15 for 75 seconds)")
            }
            if numbers.count == 2, minutes >= 60 {
                throw fail("has \(wholes[wholes.startIndex + 1]) minutes; minutes go up to 59 when hours are given (write 02:15:00 for 135 minutes)")
            }
            value = hours * 3600 + minutes * 60 + secs
        case 4 where parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }):
            throw fail("looks like a frame timecode (HH:MM:SS:FF); write the fraction of a second instead, e.g. 01:02:03.500")
        default:
            throw fail("is not a time; \(howTo)")
        }
        guard value.isFinite else { throw fail("is not a finite number; \(howTo)") }
        if negative, value > 0 { throw fail("is negative; times and durations are 0 or more") }
        guard value <= maximum else {
            throw fail("is over \(Int(maximum / 3600)) hours, longer than any replay; times go up to \(Int(maximum / 3600)):00:00")
        }
        return value
    }

    /// `HH:MM:SS.mmm`, rounded to the millisecond (hours grow past two digits when needed).
    public static func format(_ seconds: Double) -> String {
        guard let total = Int64(exactly: (abs(seconds) * 1000).rounded()), total < Int64.max / 2 else { return "\(seconds) s" }
        let ms = total % 1000, s = total / 1000 % 60, m = total / 60_000 % 60, h = total / 3_600_000
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let ms3 = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return (seconds < 0 && total > 0 ? "-" : "") + "\(two(h)):\(two(m)):\(two(s)).\(ms3)"
    }

    /// Seconds as a short number: `30`, `12.5`, `0.033` (at most millisecond precision).
    public static func formatSeconds(_ seconds: Double) -> String { trimmed(seconds) }

    /// Digits with an optional fraction (`12`, `12.5`, `.5`, `12.`); nothing else.
    static func decimal(_ s: Substring) -> Double? {
        guard !s.isEmpty, s.range(of: #"^([0-9]+(\.[0-9]*)?|\.[0-9]+)$"#, options: .regularExpression) != nil else { return nil }
        return Double(s)
    }

    static func trimmed(_ v: Double) -> String {
        var s = String(format: "%.3f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}
