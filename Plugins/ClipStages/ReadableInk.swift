import Support
import PluginKit
import Presets
import Clips

/// Picks the text colour that reads best on a translucent panel laid over video that could be
/// anything: the panel's colour at `opacity` over pure black and over pure white video are the two
/// extremes of what is behind the text, and the ink must contrast with both (WCAG 2.x ratio).
enum ReadableInk {
    static let candidates: [Color] = [.white, Color(r: 17, g: 17, b: 17)]

    /// The panel's colour over `video` (per-channel alpha blend in sRGB, as the engine blends).
    static func backdrop(panel: Color, opacity: Double, video: Color) -> Color {
        video.mixed(with: panel, min(max(opacity, 0), 1))
    }

    /// The worst WCAG contrast of `ink` over the panel, whatever the video shows.
    static func worstContrast(_ ink: Color, panel: Color, opacity: Double) -> Double {
        [Color.black, .white].map { ink.contrast(with: backdrop(panel: panel, opacity: opacity, video: $0)) }.min()!
    }

    /// The candidate with the best worst-case contrast, and that contrast.
    static func pick(panel: Color, opacity: Double) -> (ink: Color, contrast: Double) {
        candidates.map { ($0, worstContrast($0, panel: panel, opacity: opacity)) }.max { $0.1 < $1.1 }!
    }
}
