import Bench
import Media
import PluginKit
import Presets

/// H.264 through libx264: speed preset, optional tune, the ladder's bitrate with the preset's VBV
/// (or capped CRF), keyframe interval; single-threaded so rungs share the cores.
public struct X264Profile: EncoderProfile {
    public static let metadata = PluginMetadata(
        name: "x264", kind: .encoderProfile,
        summary: "H.264 with libx264: preset, tune, target bitrate with VBV maxrate/bufsize or capped CRF, GOP")
    public init() {}
    public var encoderName: String { "libx264" }
    public var minimumBitrateKbps: Int { 16 }

    static let tunes = ["film", "animation", "grain", "stillimage", "psnr", "ssim", "fastdecode", "zerolatency"]

    public func problems(_ preset: EncoderPreset) -> [String] {
        presetProblems(preset, speeds: x26xSpeeds, tunes: Self.tunes, encoder: encoderName)
    }

    public func settings(_ preset: EncoderPreset, rung: RungSpec) throws -> VideoEncoderSettings {
        x26xSettings(preset, rung: rung)
    }
}
