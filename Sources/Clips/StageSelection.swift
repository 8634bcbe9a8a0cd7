import Support
import PluginKit

/// The clip stages a request names, looked up in the registry as the right kind of stage, with their
/// parameters resolved against each plugin's declared types and ranges.
struct StageSelection {
    let reframe: StageChoice<any ReframeStage>?
    let overlays: [StageChoice<any OverlayStage>]

    /// The overlay stages drawn when a request names none: the title on vertical clips.
    static func defaultOverlays(_ format: ClipFormat) -> [String] { format == .vertical ? ["title-overlay"] : [] }

    init(_ r: ClipRequest, registry: PluginRegistry) throws(MarqueeError) {
        func resolved(_ name: String) throws(MarqueeError) -> PluginParameters {
            try registry.plugin(named: name).metadata.resolve(r.parameters[name] ?? [:])
        }
        // Every `--param` is checked, also for a plugin this job does not use (a typo must not pass).
        for name in r.parameters.keys.sorted() { _ = try resolved(name) }
        if r.format == .vertical {
            let stage = try registry.plugin(named: r.reframe, as: (any ReframeStage).self, kind: .clipStage)
            reframe = StageChoice(stage: stage, parameters: try resolved(r.reframe))
        } else {
            reframe = nil
        }
        var names = r.overlays ?? Self.defaultOverlays(r.format)
        if r.captions != nil && !names.contains("captions") { names.append("captions") }
        var overlays: [StageChoice<any OverlayStage>] = []
        for name in names {
            let stage = try registry.plugin(named: name, as: (any OverlayStage).self, kind: .clipStage)
            overlays.append(StageChoice(stage: stage, parameters: try resolved(name)))
        }
        self.overlays = overlays
    }
}
