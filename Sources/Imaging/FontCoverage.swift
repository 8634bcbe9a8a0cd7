internal import CPango
import Foundation

/// Which characters of a text no installed font can draw, as Pango (with fontconfig fallback) sees
/// it. libvips renders such characters as empty boxes without complaint; this finds them first.
public enum FontCoverage {
    /// One Pango context for the process, used under a lock (Pango font maps are not thread-safe).
    private final class Shared: @unchecked Sendable {
        // Safe to share: the Pango pointers are set once in `init` and used only while holding `lock`.
        let lock = NSLock()
        let fontMap: UnsafeMutablePointer<PangoFontMap>
        let context: OpaquePointer
        init() {
            fontMap = pango_ft2_font_map_new()
            context = pango_font_map_create_context(fontMap)
        }
        deinit {
            mq_pango_unref(UnsafeMutableRawPointer(context))
            mq_pango_unref(fontMap)
        }
    }
    private static let shared = Shared()

    /// The distinct characters of `text` that no font reachable from `font` (a Pango description,
    /// e.g. `Noto Sans Thai,Noto Sans Bold 40`) can draw, in order of first appearance.
    public static func missing(in text: String, font: String) -> [Character] {
        guard unknownGlyphs(text, font: font) > 0 else { return [] }
        var seen = Set<Character>(), out: [Character] = []
        for ch in text where !ch.isWhitespace && !seen.contains(ch) {
            seen.insert(ch)
            if unknownGlyphs(String(ch), font: font) > 0 { out.append(ch) }
        }
        return out
    }

    private static func unknownGlyphs(_ text: String, font: String) -> Int {
        let s = shared
        s.lock.lock(); defer { s.lock.unlock() }
        let layout = pango_layout_new(s.context)
        defer { mq_pango_unref(UnsafeMutableRawPointer(layout)) }
        let desc = pango_font_description_from_string(font)
        defer { pango_font_description_free(desc) }
        pango_layout_set_font_description(layout, desc)
        pango_layout_set_text(layout, text, -1)
        return Int(pango_layout_get_unknown_glyphs_count(layout))
    }
}
