/// Errors reading a VMAF model.
public enum VMAFModelError: Error, Equatable, Sendable {
    case invalidJSON(String)
    case unsupportedFeature(String)
    case unsupportedOption(String)
    case invalidSVM(String)
    case missingResource(String)
}
