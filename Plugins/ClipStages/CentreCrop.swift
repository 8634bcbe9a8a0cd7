import Support
import PluginKit
import Presets
import Clips

/// Fills the vertical output with the largest rectangle of its aspect ratio cut from the middle of
/// the source (shifted sideways by `offset`): the same crop for every frame, no analysis.
public struct CentreCrop: ReframeStage {
    public static let metadata = PluginMetadata(
        name: "centre-crop", kind: .clipStage,
        summary: "crops the middle of the frame to the output's aspect ratio (fixed, no tracking)",
        parameters: [offset],
        capabilities: [.reframe])
    public static let offset: Param<Double> = .number(
        "offset", -1...1, default: 0,
        doc: "shifts the crop sideways: -1 = touching the left edge, 0 = centred, 1 = touching the right edge")
    public init() {}

    public func reframer(sourceWidth: Int, sourceHeight: Int, outputWidth: Int, outputHeight: Int,
                         parameters: PluginParameters) -> any Reframer {
        let window = CropWindow(sourceWidth: sourceWidth, sourceHeight: sourceHeight,
                                outputWidth: outputWidth, outputHeight: outputHeight)
        let offset = min(max(parameters[Self.offset], -1), 1)
        let centre = Double(sourceWidth) / 2 + offset * Double(sourceWidth - window.width) / 2
        return FixedReframer(window.reframe(left: window.left(centre: centre)))
    }
}

/// Gives every frame the same placement.
final class FixedReframer: Reframer {
    let placement: Reframe
    init(_ placement: Reframe) { self.placement = placement }
    func place(_ thumbnail: LumaThumbnail?) -> Reframe { placement }
}
