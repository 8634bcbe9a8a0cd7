import Support
import PluginKit
import Presets
import Clips

/// Shows the whole landscape frame in the middle of the vertical output, over a blurred, darkened,
/// enlarged copy of itself that fills the rest. The clip engine draws it; this plugin decides so and
/// hands the engine the look (blur and dimming) in its decision.
public struct BlurFit: ReframeStage {
    public static let metadata = PluginMetadata(
        name: "blur-fit", kind: .clipStage,
        summary: "fits the whole frame inside the output over a blurred, darkened copy that fills it",
        parameters: [blur, dim],
        capabilities: [.reframe])
    public static let blur: Param<Double> = .number(
        "blur", 0...0.2, default: 0.03, doc: "Gaussian blur sigma of the background, as a share of the output width")
    public static let dim: Param<Double> = .number(
        "dim", 0...1, default: 0.3, doc: "darkening of the blurred background: 0 = as is, 1 = black")
    public init() {}

    public func reframer(sourceWidth: Int, sourceHeight: Int, outputWidth: Int, outputHeight: Int,
                         parameters: PluginParameters) -> any Reframer {
        let look = Self.settings(parameters)
        return FixedReframer(.fitOnBlur(sigma: look.sigma, dim: look.dim))
    }

    /// The background's look from resolved parameters: blur sigma as a share of the output width
    /// (multiply by the output width for pixels) and dimming 0…1 (multiply the background's
    /// pixel values by `1 - dim`). The engine gets them in the `fitOnBlur` decision.
    public static func settings(_ parameters: PluginParameters) -> (sigma: Double, dim: Double) {
        (parameters[blur], parameters[dim])
    }

    /// The blur sigma in pixels for an output `outputWidth` wide.
    public static func sigmaPixels(_ parameters: PluginParameters, outputWidth: Int) -> Double {
        settings(parameters).sigma * Double(outputWidth)
    }
}
