import Foundation
import Support
import PluginKit
import Presets

/// How clips are cut.
public enum CutMode: String, Sendable, Codable, CaseIterable {
    /// Stream copy from the keyframe at or before the start.
    case copy
    /// Frame-accurate: re-encode only up to the next keyframe (and from the last keyframe before the
    /// end), stream-copy the rest.
    case smart
    /// Decode and encode the whole clip.
    case reencode
}

/// The picture shape of the clips.
public enum ClipFormat: String, Sendable, Codable, CaseIterable {
    /// The replay's own frame.
    case source
    /// 9:16, reframed by a reframe stage.
    case vertical
}

/// A reframe or overlay stage with its validated parameters.
public struct StageChoice<Stage: Sendable>: Sendable {
    public let stage: Stage
    public let parameters: PluginParameters
    public init(stage: Stage, parameters: PluginParameters) { self.stage = stage; self.parameters = parameters }
}

/// The clips' loudness: integrated target (nil leaves the level as it is) and true-peak ceiling.
public struct LoudnessTarget: Sendable, Codable, Hashable {
    /// LUFS, -40…-5; nil = off.
    public let integrated: Double?
    /// dBTP, -9…0.
    public let truePeak: Double
}

/// How re-encoded video and audio are encoded (from the encoder preset).
public struct ClipEncoderSettings: Sendable, Codable, Hashable {
    /// The encoder preset's name.
    public let name: String
    /// x264 preset and CRF.
    public let preset: String
    public let crf: Double
    public let audioBitRate: Int
}

/// The font list and text direction a cue's overlays are set in, and the region and locale they come from.
public struct FontChoice: Sendable, Codable, Hashable {
    public let region: String
    public let locale: String
    /// Pango font description list, e.g. `Noto Sans Thai, Noto Sans`.
    public let font: String
    public let rightToLeft: Bool
}

/// Picks each cue's fonts from the region presets: the cue's region (else the job's), the locale of
/// the cue's language in it (else in any region), else the region's first locale.
public struct RegionFonts: Sendable {
    public let defaultRegion: RegionPreset
    let regions: [String: RegionPreset]

    init(defaultRegion: RegionPreset, regions: [String: RegionPreset]) {
        self.defaultRegion = defaultRegion; self.regions = regions
    }

    /// Whether a cue's region names a region preset (a cue naming none takes the default).
    func knows(_ region: String) -> Bool { regions[region] != nil }

    public func choice(for cue: Cue) -> FontChoice {
        let region = cue.region.flatMap { regions[$0] } ?? defaultRegion
        let locale = cue.language.flatMap { lang in region.locales.first { $0.code == lang } }
            ?? cue.language.flatMap { lang in regions.values.sorted { $0.name < $1.name }.flatMap(\.locales).first { $0.code == lang } }
            ?? region.locales[0]
        return FontChoice(region: region.name, locale: locale.code, font: locale.fonts.joined(separator: ", "),
                          rightToLeft: locale.direction == "rtl")
    }
}
