import Support
import PluginKit
import Presets
import Clips

/// Shows the whole landscape frame in the middle of the vertical output, over a blurred, darkened,
/// enlarged copy of itself that fills the rest. The clip engine draws it; this plugin only decides
/// so and carries the look's parameters.
public struct BlurFit: ReframeStage {
    public static let metadata = PluginMetadata(
        name: "blur-fit", kind: .clipStage,
        summary: "fits the whole frame inside the output over a blurred, darkened copy that fills it",
        parameters: [FitOnBlurLook.blur, FitOnBlurLook.dim],
        capabilities: [.reframe])
    public init() {}

    public func reframer(sourceWidth: Int, sourceHeight: Int, outputWidth: Int, outputHeight: Int,
                         parameters: PluginParameters) -> any Reframer {
        FixedReframer(.fitOnBlur)
    }

    /// The background's look from resolved parameters: blur sigma as a share of the output width
    /// (multiply by the output width for pixels) and dimming 0…1 (multiply the background's
    /// pixel values by `1 - dim`). The engine reads the same keys (`FitOnBlurLook`).
    public static func settings(_ parameters: PluginParameters) -> (sigma: Double, dim: Double) {
        (parameters[FitOnBlurLook.blur], parameters[FitOnBlurLook.dim])
    }

    /// The blur sigma in pixels for an output `outputWidth` wide.
    public static func sigmaPixels(_ parameters: PluginParameters, outputWidth: Int) -> Double {
        settings(parameters).sigma * Double(outputWidth)
    }
}
