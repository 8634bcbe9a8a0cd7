import Bench
import Media
import PluginKit
import Presets

/// VP9 through libvpx-vp9: the preset is cpu-used (0 slowest … 8 fastest); tune `zerolatency`
/// means the realtime deadline without look-ahead (live), otherwise the good deadline; the
/// ladder's bitrate with the preset's VBV (or capped CRF); row multithreading off, one thread.
public struct VP9Profile: EncoderProfile {
    public static let metadata = PluginMetadata(
        name: "vp9", kind: .encoderProfile,
        summary: "VP9 with libvpx-vp9: cpu-used 0–8, realtime for tune zerolatency, target bitrate with VBV or capped CRF, GOP")
    public init() {}
    public var encoderName: String { "libvpx-vp9" }
    public var minimumBitrateKbps: Int { 16 }

    public func problems(_ preset: EncoderPreset) -> [String] {
        presetProblems(preset, speeds: (0...8).map(String.init), tunes: ["zerolatency", "psnr", "ssim"], encoder: encoderName)
    }

    public func settings(_ preset: EncoderPreset, rung: RungSpec) throws -> VideoEncoderSettings {
        var s = baseSettings(preset, rung: rung)
        s.options["cpu-used"] = preset.preset
        if preset.tune == "zerolatency" {
            s.options["deadline"] = "realtime"
            s.options["lag-in-frames"] = "0"
        } else {
            s.options["deadline"] = "good"
            if let tune = preset.tune { s.options["tune"] = tune }
        }
        if preset.rate_control == "crf" { s.options["b"] = s.options["maxrate"] }
        return s
    }
}
