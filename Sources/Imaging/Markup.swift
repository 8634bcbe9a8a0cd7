/// Escaping for markup: Pango markup (which libvips' `text` renders), HTML and SVG element content
/// and quoted attribute values. The one escaper Marquee uses for all of them.
public enum Markup {
    /// `&`, `<`, `>`, `"` and `'` as character entities; everything else as is.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
