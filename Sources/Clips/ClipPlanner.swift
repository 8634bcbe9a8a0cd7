import Support
import PluginKit
import Presets
import Batch
import Foundation
import Media

/// Decides, per cue, how its clip is made: the mode actually used (smart falls back to re-encoding when
/// the source or the format needs it, with the reason), the renderer (reframe, overlays) and the audio.
enum ClipPlanner {
    static func job(_ cue: Cue, options: ClipOptions, video: StreamDetails, audio: StreamDetails?, origin: Double,
                    outDir: URL, work: URL) throws -> ClipJob {
        var mode = options.mode
        var reason: String?
        if mode == .smart {
            if options.format == .vertical {
                mode = .reencode; reason = "the vertical format changes every frame, so the whole clip is re-encoded"
            } else if !options.overlays.isEmpty {
                mode = .reencode; reason = "overlays are drawn on every frame, so the whole clip is re-encoded"
            } else if let why = SmartCutStream.incompatibility(video) {
                mode = .reencode; reason = why
            }
        }
        if mode == .copy && (options.format == .vertical || !options.overlays.isEmpty) {
            throw MarqueeError.usage("--mode copy keeps the replay's frames as they are; it cannot make vertical clips or draw overlays (use --mode reencode)")
        }
        var renderer: FrameRenderer?
        if mode == .reencode {
            let vertical = options.format == .vertical
            let rot = video.rotation
            let sw = video.info.width ?? 0, sh = video.info.height ?? 0
            let (dw, dh) = rot == 90 || rot == 270 ? (sh, sw) : (sw, sh)
            let (ow, oh) = vertical ? (options.width, options.height) : (sw & ~1, sh & ~1)
            var reframer: (any Reframer)?
            var needsThumbs = false
            var blur: (Double, Double) = (0.03, 0.3)
            if vertical, let r = options.reframe {
                reframer = r.stage.reframer(sourceWidth: dw, sourceHeight: dh, outputWidth: ow, outputHeight: oh, parameters: r.parameters)
                needsThumbs = r.stage.needsThumbnails
                blur = (r.parameters[FitOnBlurLook.blur], r.parameters[FitOnBlurLook.dim])
            }
            let duration = cue.end - cue.start
            var planes: [OverlayPlanes] = []
            let (font, rtl) = options.font(cue)
            let captions = SRTReader.captions(options.captions, from: cue.start, to: cue.end)
            for o in options.overlays {
                let context = OverlayContext(outputWidth: vertical ? ow : dw, outputHeight: vertical ? oh : dh, cue: cue,
                                             platform: options.platform, font: font, rightToLeft: rtl,
                                             captions: captions, clipDuration: duration)
                for image in try o.stage.overlays(context, parameters: o.parameters) {
                    planes.append(try OverlayPlanes(image, clipDuration: duration, hd: (vertical ? oh : sh) >= 720))
                }
            }
            renderer = FrameRenderer(outputWidth: ow, outputHeight: oh, rotation: rot, reframer: reframer,
                                     needsThumbnails: needsThumbs, overlays: planes, blur: blur)
        }
        let clipAudio = try audio.map {
            try ClipAudio(stream: $0, cue: cue, copy: mode == .copy, channels: 2, work: work, id: cue.id)
        }
        let job = try ClipJob(cue: cue, output: outDir.appendingPathComponent("\(cue.id).mp4"), options: options,
                              video: video, origin: origin, work: work, renderer: renderer, audio: clipAudio)
        job.mode = mode
        job.fallbackReason = reason
        return job
    }
}
