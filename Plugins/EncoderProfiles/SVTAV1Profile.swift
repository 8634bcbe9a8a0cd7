import Bench
import Foundation
import Media
import PluginKit
import Presets

/// AV1 through libsvtav1: numeric preset (0 slowest … 13 fastest), the ladder's bitrate (VBR) with
/// the preset's VBV cap (or capped CRF), keyframe interval; one logical processor, SVT's own log
/// limited to errors (SVT_LOG=1 unless set).
public struct SVTAV1Profile: EncoderProfile {
    public static let metadata = PluginMetadata(
        name: "svt-av1", kind: .encoderProfile,
        summary: "AV1 with libsvtav1: preset 0–13, target bitrate with VBV maxrate/bufsize or capped CRF, GOP")
    public init() {}
    public var encoderName: String { "libsvtav1" }
    public var minimumBitrateKbps: Int { 10 }

    public func problems(_ preset: EncoderPreset) -> [String] {
        presetProblems(preset, speeds: (0...13).map(String.init), tunes: nil, encoder: encoderName)
    }

    public func settings(_ preset: EncoderPreset, rung: RungSpec) throws -> VideoEncoderSettings {
        setenv("SVT_LOG", "1", 0)
        var s = baseSettings(preset, rung: rung)
        s.options["preset"] = preset.preset
        s.options["svtav1-params"] = "lp=1"
        return s
    }
}
