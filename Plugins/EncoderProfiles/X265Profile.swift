import Bench
import Media
import PluginKit
import Presets

/// HEVC through libx265: speed preset, optional tune, the ladder's bitrate with the preset's VBV
/// (or capped CRF), keyframe interval; one worker thread and one frame thread, x265's log quiet.
public struct X265Profile: EncoderProfile {
    public static let metadata = PluginMetadata(
        name: "x265", kind: .encoderProfile,
        summary: "HEVC with libx265: preset, tune, target bitrate with VBV maxrate/bufsize or capped CRF, GOP")
    public init() {}
    public var encoderName: String { "libx265" }
    public var minimumBitrateKbps: Int { 32 }

    static let tunes = ["psnr", "ssim", "grain", "zerolatency", "fastdecode", "animation"]

    public func problems(_ preset: EncoderPreset) -> [String] {
        presetProblems(preset, speeds: x26xSpeeds, tunes: Self.tunes, encoder: encoderName)
    }

    public func settings(_ preset: EncoderPreset, rung: RungSpec) throws -> VideoEncoderSettings {
        var s = x26xSettings(preset, rung: rung)
        s.options["x265-params"] = "log-level=error:pools=1:frame-threads=1"
        return s
    }
}
