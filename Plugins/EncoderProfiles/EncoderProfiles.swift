import Bench
import Media
import Presets

/// The built-in encoder profiles: one per FFmpeg encoder the bench can drive.
public let all: [any EncoderProfile] = [X264Profile(), X265Profile(), SVTAV1Profile(), VP9Profile()]

/// x264's and x265's speed presets (the same names).
let x26xSpeeds = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo"]

/// x264's and x265's common settings: the rung's rate control and GOP, the speed preset and the tune.
func x26xSettings(_ preset: EncoderPreset, rung: RungSpec) -> VideoEncoderSettings {
    var s = baseSettings(preset, rung: rung)
    s.options["preset"] = preset.preset
    if let tune = preset.tune { s.options["tune"] = tune }
    return s
}

/// Every check of a preset: speed, pixel format and tune (nil `tunes`: the encoder takes none).
func presetProblems(_ preset: EncoderPreset, speeds: [String], tunes: [String]?, encoder: String) -> [String] {
    let tune = tunes.map { tuneProblems(preset.tune, allowed: $0, encoder: encoder) }
        ?? (preset.tune.map { ["`tune`: \(encoder) takes no tune here, got `\($0)`; remove it"] } ?? [])
    return speedProblems(preset.preset, allowed: speeds, encoder: encoder) + pixelFormatProblems(preset.pix_fmt) + tune
}

/// A preset's speed name checked against the encoder's list.
func speedProblems(_ preset: String, allowed: [String], encoder: String) -> [String] {
    allowed.contains(preset) ? []
        : ["`preset`: \(encoder) has no preset `\(preset)`; expected one of \(allowed.joined(separator: ", "))"]
}

/// A preset's tune checked against the encoder's list (none given: fine).
func tuneProblems(_ tune: String?, allowed: [String], encoder: String) -> [String] {
    guard let tune, !allowed.contains(tune) else { return [] }
    return ["`tune`: \(encoder) has no tune `\(tune)`; expected one of \(allowed.joined(separator: ", "))"]
}

/// Only 8-bit 4:2:0 is encoded by the bench's rungs.
func pixelFormatProblems(_ pixFmt: String) -> [String] {
    pixFmt == "yuv420p" ? [] : ["`pix_fmt`: the bench encodes yuv420p only, got `\(pixFmt)`"]
}
