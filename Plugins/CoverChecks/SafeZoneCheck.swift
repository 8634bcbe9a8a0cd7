import Support
import PluginKit
import Presets
import Covers

/// Flags text, badges and logos that reach into the platform's UI insets.
public struct SafeZoneCheck: CoverCheck {
    public static let margin: Param<Double> = .number(
        "margin", 0...1, default: 0, doc: "extra clearance inside the safe area, as a share of the canvas width")
    public static let metadata = PluginMetadata(
        name: "safe-zone", kind: .coverCheck,
        summary: "text, badges and logos stay out of the platform's UI insets",
        parameters: [margin])
    public init() {}

    /// Layer kinds that must stay in the safe area; photos and backgrounds may bleed under UI.
    static let guarded: Set<String> = ["text", "badge", "price", "chip", "label", "logo", "scrim"]

    public func check(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> [Finding] {
        let c = input.cover
        let m = Int((parameters[Self.margin] * Double(c.width)).rounded())
        let safe = c.safeArea.inset(by: Insets(top: m, bottom: m, left: m, right: m))
        return c.layers.enumerated().compactMap { i, layer in
            guard Self.guarded.contains(layer.kind), layer.kind != "scrim" || layer.text != nil else { return nil }
            guard !safe.contains(layer.box) else { return nil }
            let what = layer.text.map { "“\($0)”" } ?? layer.role
            return Finding(check: "safe-zone", severity: .error,
                           message: "\(layer.kind) \(what) at \(describe(layer.box)) leaves the safe area \(describe(safe))",
                           layer: i, box: layer.box)
        }
    }
}

func describe(_ b: Box) -> String { "(\(b.x),\(b.y) \(b.w)x\(b.h))" }
