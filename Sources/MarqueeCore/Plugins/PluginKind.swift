/// The kinds of pipeline plugin. Every switch a user can flip in Marquee is a plugin of one of these kinds.
public enum PluginKind: String, CaseIterable, Sendable, Codable, Comparable {
    case coverLayout = "cover-layout"
    case coverCheck = "cover-check"
    case clipFinder = "clip-finder"
    case clipStage = "clip-stage"
    case qualityMetric = "quality-metric"
    case encoderProfile = "encoder-profile"
    case reportWriter = "report-writer"

    public var summary: String {
        switch self {
        case .coverLayout: "composes a stream cover for one product, platform and region"
        case .coverCheck: "inspects a finished cover and reports findings"
        case .clipFinder: "suggests clip cues from a replay"
        case .clipStage: "transforms clip frames or audio (reframe, overlay, loudness)"
        case .qualityMetric: "scores an encode against its source"
        case .encoderProfile: "configures an encoder for a ladder rung"
        case .reportWriter: "writes a human-readable view of a batch"
        }
    }

    public static func < (a: PluginKind, b: PluginKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
