import Foundation
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips

/// Turns `clips cut` flags into validated `ClipOptions`: presets and plugins looked up and their
/// parameters checked before any work starts.
enum ClipOptionsBuilder {
    static func build(_ c: ClipsCut, startup: Startup) throws -> ClipOptions {
        var o = ClipOptions()
        o.format = c.format
        let wh = c.size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard wh.count == 2, wh[0] >= 16, wh[1] >= 16, wh[0] % 2 == 0, wh[1] % 2 == 0, wh[0] <= 4096, wh[1] <= 4096 else {
            throw MarqueeError.usage("--size \(c.size): expected WIDTHxHEIGHT with even numbers, e.g. 720x1280 or 1080x1920")
        }
        (o.width, o.height) = (wh[0], wh[1])
        if let a = c.audioTrack, a < 0 { throw MarqueeError.usage("--audio-track \(a): expected 0 or more") }
        o.audioTrack = c.audioTrack
        if c.loudness.lowercased() == "off" {
            o.loudnessTarget = nil
        } else {
            guard let l = Double(c.loudness), (-40.0 ... -5.0).contains(l) else {
                throw MarqueeError.usage("--loudness \(c.loudness): expected LUFS in -40…-5 (e.g. -14) or `off`")
            }
            o.loudnessTarget = l
        }
        guard (-9.0 ... 0.0).contains(c.truePeak) else { throw MarqueeError.usage("--true-peak \(c.truePeak): expected -9…0 dBTP") }
        o.truePeakTarget = c.truePeak
        let enc = try startup.presets.encoder(c.encoder)
        guard enc.encoder == "libx264" else {
            throw MarqueeError.usage("--encoder \(c.encoder): clips are H.264 for posting; choose an x264 profile (e.g. x264-veryfast)")
        }
        o.preset = enc.preset
        o.crf = Double(enc.crf ?? 23)
        o.audioBitRate = enc.audio_kbps * 1000
        if let p = c.platform { o.platform = try startup.presets.platform(p) }
        let params = try parseParams(c.params)
        for name in params.keys { _ = try startup.registry.plugin(named: name) }
        func resolved(_ name: String) throws -> PluginParameters {
            try startup.registry.plugin(named: name).metadata.resolve(params[name] ?? [:])
        }
        if c.format == .vertical {
            let stage = try startup.registry.plugin(named: c.reframe, as: (any ReframeStage).self, kind: .clipStage)
            o.reframe = StageChoice(stage: stage, parameters: try resolved(c.reframe))
        }
        var overlayNames = c.overlays.map { $0 == "none" ? [] : split($0) } ?? (c.format == .vertical ? ["title-overlay"] : [])
        if let srt = c.captions {
            o.captions = try SRTReader.read(URL(fileURLWithPath: srt))
            if !overlayNames.contains("captions") { overlayNames.append("captions") }
        }
        for name in overlayNames {
            let stage = try startup.registry.plugin(named: name, as: (any OverlayStage).self, kind: .clipStage)
            o.overlays.append(StageChoice(stage: stage, parameters: try resolved(name)))
        }
        // Vertical clips and overlays change every frame: without an explicit mode they are re-encoded.
        o.mode = c.mode ?? (c.format == .vertical || !o.overlays.isEmpty ? .reencode : .smart)
        let defaultRegion = try startup.presets.region(c.region)
        let regions = startup.presets.regions
        o.font = { cue in
            let region = cue.region.flatMap { regions[$0] } ?? defaultRegion
            let locale = cue.language.flatMap { lang in region.locales.first { $0.code == lang } }
                ?? cue.language.flatMap { lang in regions.values.flatMap(\.locales).first { $0.code == lang } }
                ?? region.locales[0]
            return (locale.fonts.joined(separator: ", "), locale.direction == "rtl")
        }
        return o
    }
}
