import PluginKit

/// The look of `Reframe.fitOnBlur`, which the engine draws: the parameters a reframe stage that asks
/// for it declares (blur-fit does) and the engine reads from that stage's parameters.
public enum FitOnBlurLook {
    public static let blur: Param<Double> = .number(
        "blur", 0...0.2, default: 0.03, doc: "Gaussian blur sigma of the background, as a share of the output width")
    public static let dim: Param<Double> = .number(
        "dim", 0...1, default: 0.3, doc: "darkening of the blurred background: 0 = as is, 1 = black")
}
