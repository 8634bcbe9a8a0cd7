import Media
import PluginKit
import Presets

extension PluginKind {
    public static let encoderProfile = PluginKind("encoder-profile", order: 40,
                                                  summary: "turns an encoder preset and a ladder rung into encoder settings")
}

/// One rung of the bench: the size to encode at and the target bitrate.
public struct RungSpec: Sendable, Hashable, Codable {
    public let width: Int
    public let height: Int
    public let bitrateKbps: Int
    /// The source's frame rate as a fraction (the encoder's time base is its inverse).
    public let frameRate: Rational
    public init(width: Int, height: Int, bitrateKbps: Int, frameRate: Rational) {
        self.width = width; self.height = height; self.bitrateKbps = bitrateKbps; self.frameRate = frameRate
    }
}

/// An `encoder-profile` plugin: drives one FFmpeg encoder (x264, x265, SVT-AV1, VP9) from the
/// settings of an encoder preset (presets/encoders/NAME.yaml) at a rung's size and bitrate.
public protocol EncoderProfile: PipelinePlugin {
    /// The FFmpeg encoder this plugin drives, e.g. `libx264`.
    var encoderName: String { get }
    /// The lowest target bitrate the encoder can hold, kbps; rungs below it are not measured.
    var minimumBitrateKbps: Int { get }
    /// Problems with a preset's settings for this encoder (an unknown speed preset, say), each a sentence.
    func problems(_ preset: EncoderPreset) -> [String]
    /// Encoder settings for one rung.
    func settings(_ preset: EncoderPreset, rung: RungSpec) throws -> VideoEncoderSettings
}

extension EncoderProfile {
    public static var kind: PluginKind { .encoderProfile }
}

/// Rate control and GOP shared by every profile: the ladder's target bitrate (`b`) with the
/// preset's VBV cap (`maxrate`, `bufsize`), or CRF capped by VBV at the ladder's bitrate; the
/// keyframe interval from `gop_seconds` (0: the encoder's default); one encoder thread (the bench
/// runs rungs side by side).
public func baseSettings(_ preset: EncoderPreset, rung: RungSpec, crfOption: String = "crf") -> VideoEncoderSettings {
    var s = VideoEncoderSettings(width: rung.width, height: rung.height,
                                 timeBase: Rational(rung.frameRate.den, rung.frameRate.num), frameRate: rung.frameRate)
    s.codec = preset.encoder
    s.threads = 1
    let kbps = Double(rung.bitrateKbps)
    if preset.rate_control == "crf", let crf = preset.crf {
        s.options[crfOption] = String(crf)
        s.options["maxrate"] = "\(Int((kbps * (preset.maxrate_factor ?? 1)).rounded()))k"
        s.options["bufsize"] = "\(Int((kbps * (preset.bufsize_factor ?? 2)).rounded()))k"
    } else {
        s.options["b"] = "\(rung.bitrateKbps)k"
        if let m = preset.maxrate_factor { s.options["maxrate"] = "\(Int((kbps * m).rounded()))k" }
        if let b = preset.bufsize_factor { s.options["bufsize"] = "\(Int((kbps * b).rounded()))k" }
    }
    if preset.gop_seconds > 0 {
        let fps = Double(rung.frameRate.num) / Double(max(1, rung.frameRate.den))
        s.gop = max(1, Int((preset.gop_seconds * fps).rounded()))
    }
    return s
}
