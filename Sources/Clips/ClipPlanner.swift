import Support
import PluginKit
import Presets
import Foundation
import Media

/// Decides, per cue, how its clip is made: the mode actually used (smart falls back to re-encoding when
/// the source or the format needs it, with the reason), the frame steps of re-encoded clips, and the audio.
/// It takes the job's stages as they are; what a stage needs it says itself (its reframer's decisions,
/// its overlays), so no plugin's parameter is read here.
enum ClipPlanner {
    static func work(_ cue: Cue, job: ClipJob, work: URL) throws -> ClipWork {
        guard let video = job.replay.video else {
            throw MarqueeError.item("clip \(cue.id): replay \(job.replay.url.lastPathComponent) has no video stream")
        }
        var mode = job.mode
        var reason: String?
        if mode == .smart {
            if job.format == .vertical {
                mode = .reencode; reason = "the vertical format changes every frame, so the whole clip is re-encoded"
            } else if !job.overlays.isEmpty {
                mode = .reencode; reason = "overlays are drawn on every frame, so the whole clip is re-encoded"
            } else if let why = SmartCutStream.incompatibility(video) {
                mode = .reencode; reason = why
            }
        }
        let renderer = mode == .reencode ? try self.renderer(cue, job: job, video: video) : nil
        let clipAudio = try job.replay.audio.map {
            try ClipAudio(stream: $0, cue: cue, keep: .choose(copyMode: mode == .copy, loudnessOff: job.loudness.integrated == nil, stream: $0),
                          channels: 2, work: work, id: cue.id)
        }
        let clip = try ClipWork(cue: cue, job: job, video: video, work: work, renderer: renderer, audio: clipAudio)
        clip.mode = mode
        clip.fallbackReason = reason
        return clip
    }

    /// A clip's frame steps, in order: `convert` (pictures that are not 8-bit 4:2:0 at even size),
    /// `rotate` (when anything is drawn on a replay shown turned: drawing happens on the upright
    /// picture), `reframe` (vertical), then one `overlay` step per overlay stage that draws something.
    static func renderer(_ cue: Cue, job: ClipJob, video: StreamDetails) throws -> FrameRenderer {
        let vertical = job.format == .vertical
        let draws = vertical || !job.overlays.isEmpty
        var (w, h) = ((video.info.width ?? 0) & ~1, (video.info.height ?? 0) & ~1)
        var steps: [any FrameStep] = []
        if let convert = convertStep(video) { steps.append(convert) }
        if draws && video.rotation % 360 != 0 {
            steps.append(RotateStep(degrees: video.rotation))
            if video.rotation == 90 || video.rotation == 270 { (w, h) = (h, w) }
        }
        if vertical, let r = job.reframe {
            let reframer = r.stage.reframer(sourceWidth: w, sourceHeight: h, outputWidth: job.width, outputHeight: job.height,
                                            parameters: r.parameters)
            steps.append(ReframeStep(stage: r.stage.metadata.name, reframer: reframer, needsThumbnails: r.stage.needsThumbnails,
                                     outputWidth: job.width, outputHeight: job.height))
            (w, h) = (job.width, job.height)
        }
        let duration = cue.end - cue.start
        let font = job.fonts.choice(for: cue)
        let context = OverlayContext(outputWidth: w, outputHeight: h, cue: cue, platform: job.platform(for: cue), font: font.font,
                                     rightToLeft: font.rightToLeft, captions: SRTReader.captions(job.captions, from: cue.start, to: cue.end),
                                     clipDuration: duration)
        for o in job.overlays {
            let planes = try o.stage.overlays(context, parameters: o.parameters).map {
                try OverlayPlanes($0, clipDuration: duration, hd: h >= 720)
            }
            if !planes.isEmpty { steps.append(OverlayStep(stage: o.stage.metadata.name, overlays: planes)) }
        }
        return FrameRenderer(steps: steps, outputWidth: w, outputHeight: h)
    }

    /// The renderer of a clip re-encoded as it is (no drawing): only `convert`, when needed.
    static func plainRenderer(_ video: StreamDetails) -> FrameRenderer {
        FrameRenderer(steps: convertStep(video).map { [$0] } ?? [],
                      outputWidth: (video.info.width ?? 0) & ~1, outputHeight: (video.info.height ?? 0) & ~1)
    }

    /// `convert` when the stream's pictures are not yuv420p at even width and height.
    private static func convertStep(_ video: StreamDetails) -> ConvertStep? {
        let w = video.info.width ?? 0, h = video.info.height ?? 0
        return video.pixelFormat == "yuv420p" && w % 2 == 0 && h % 2 == 0 ? nil : ConvertStep()
    }
}
