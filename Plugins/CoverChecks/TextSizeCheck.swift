import Support
import PluginKit
import Presets
import Covers

/// Flags text too small to read when the cover is shown at phone-feed size.
public struct TextSizeCheck: CoverCheck {
    public static let scale: Param<Double> = .number(
        "scale", 0.5...3, default: 1, doc: "multiplies the platform's minimum readable size (min_text_px_at_feed)")
    public static let metadata = PluginMetadata(
        name: "text-size", kind: .coverCheck,
        summary: "every text is large enough to read at the platform's phone-feed size",
        parameters: [scale])
    public init() {}

    public func check(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> [Finding] {
        let c = input.cover
        let minAtFeed = input.platform.min_text_px_at_feed * parameters[Self.scale]
        let shrink = Double(input.platform.feed_size.width) / Double(c.width)
        return c.layers.enumerated().compactMap { i, layer in
            guard let text = layer.text, let px = layer.font_px else { return nil }
            let atFeed = px * shrink
            guard atFeed < minAtFeed else { return nil }
            return Finding(check: "text-size", severity: .error,
                           message: String(format: "“%@” is %.1f px at feed size (%d px wide); needs at least %.1f px",
                                           text, atFeed, input.platform.feed_size.width, minAtFeed),
                           layer: i, box: layer.box)
        }
    }
}
