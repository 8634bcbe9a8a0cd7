import Support
import PluginKit
import Presets
import Batch
import Foundation

/// Writes prices and discounts the way a locale writes them: ฿1,290 · Rp129.000 · R$ 129,90 ·
/// $12.99 · 1.290,00 € · ¥1,290.
public enum PriceFormatter {
    /// `amount` rounded to the currency's decimals (halves away from zero, on the decimal value as
    /// written, so 0.125 → 0.13), digits grouped by three, with the locale's separators and the
    /// symbol before or after. A value that rounds to zero is never written with a minus sign.
    public static func format(_ amount: Double, _ c: CurrencyFormat) -> String {
        guard amount.isFinite else { return c.symbol }
        let decimals = max(0, min(c.decimals, 12))
        var (whole, fraction, negative) = rounded(amount, decimals: decimals)
        if whole.allSatisfy({ $0 == "0" }) && fraction.allSatisfy({ $0 == "0" }) { negative = false }
        whole = grouped(whole, c.group_separator)
        let number = decimals > 0 ? whole + c.decimal_separator + fraction : whole
        let gap = c.space ? " " : ""
        let body = c.position == "after" ? number + gap + c.symbol : c.symbol + gap + number
        return negative ? "-" + body : body
    }

    /// A discount badge text: `labels["discount"]` as a template with `{pct}` (“ลด {pct}%”,
    /// “{pct}% OFF”), else “-{pct}%”. The percentage is rounded to a whole number.
    public static func discountText(_ percent: Double, labels: [String: String]) -> String {
        let pct = percent.isFinite ? Int(percent.rounded(.toNearestOrAwayFromZero)) : 0
        var template = "-{pct}%"
        if let t = labels["discount"], t.contains("{pct}") { template = t }
        return template.replacingOccurrences(of: "{pct}", with: String(pct))
    }

    /// Digits of `|amount|` rounded to `decimals`: the integer part (no leading zeros but one) and
    /// exactly `decimals` fraction digits.
    static func rounded(_ amount: Double, decimals: Int) -> (whole: String, fraction: String, negative: Bool) {
        let negative = amount < 0
        // The shortest decimal form that reads back as the same Double: rounding works on the number
        // the user wrote (129.905), not on its binary neighbour (129.90499999…).
        var digits = plainDecimal(abs(amount))
        if !digits.contains(".") { digits += "." }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        var whole = Array(parts[0]).map { Int($0.asciiValue! - 48) }
        var frac = Array(parts.count > 1 ? parts[1] : "").map { Int($0.asciiValue! - 48) }
        if whole.isEmpty { whole = [0] }
        let roundUp = frac.count > decimals && frac[decimals] >= 5
        frac = Array(frac.prefix(decimals)) + Array(repeating: 0, count: max(0, decimals - frac.count))
        if roundUp {
            var all = whole + frac
            var i = all.count - 1
            while i >= 0 {
                if all[i] == 9 { all[i] = 0; i -= 1 } else { all[i] += 1; break }
            }
            if i < 0 { all.insert(1, at: 0) }
            whole = Array(all.prefix(all.count - decimals))
            frac = Array(all.suffix(decimals))
        }
        while whole.count > 1 && whole[0] == 0 { whole.removeFirst() }
        return (whole.map(String.init).joined(), frac.map(String.init).joined(), negative)
    }

    /// `value` (≥ 0) in positional notation, without exponent.
    static func plainDecimal(_ value: Double) -> String {
        let s = "\(value)"
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return s }
        // Expand `1.5e-05` or `1.2345e+20` by moving the decimal point.
        let mantissa = String(s[..<e])
        let exponent = Int(s[s.index(after: e)...]) ?? 0
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        let digits = intPart + fracPart
        let point = intPart.count + exponent
        if point <= 0 { return "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count { return digits + String(repeating: "0", count: point - digits.count) }
        let idx = digits.index(digits.startIndex, offsetBy: point)
        return String(digits[..<idx]) + "." + String(digits[idx...])
    }

    /// Inserts `separator` between groups of three digits, from the right.
    static func grouped(_ digits: String, _ separator: String) -> String {
        guard !separator.isEmpty, digits.count > 3 else { return digits }
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: separator)
    }
}
