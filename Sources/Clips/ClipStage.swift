import Foundation
import Support
import PluginKit
import Presets
import Batch
import Imaging

/// A grey picture of one whole source frame (display orientation), small (about 160 pixels wide),
/// for reframing decisions: one byte per pixel, row-major.
public struct LumaThumbnail: Sendable {
    /// Clip-relative presentation time in seconds.
    public let time: Double
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]
    public init(time: Double, width: Int, height: Int, pixels: [UInt8]) {
        self.time = time; self.width = width; self.height = height; self.pixels = pixels
    }
}

/// Where one output frame comes from.
public enum Reframe: Sendable, Hashable {
    /// This rectangle of the source frame (display pixels), scaled to fill the output.
    case crop(x: Double, y: Double, width: Double, height: Double)
    /// The whole source frame fitted inside the output, over a blurred copy of it that fills the output:
    /// `sigma` is the blur's Gaussian sigma as a share of the output width, `dim` darkens the blurred
    /// copy (0 = as is, 1 = black). The stage decides both; the engine only draws.
    case fitOnBlur(sigma: Double, dim: Double)
}

/// One clip's reframing decisions, frame by frame, in presentation order.
public protocol Reframer: AnyObject {
    /// `thumbnail` is nil when the stage said it needs none.
    func place(_ thumbnail: LumaThumbnail?) -> Reframe
}

/// A `clip-stage` plugin that decides how source frames fill the output frame (vertical 9:16).
public protocol ReframeStage: PipelinePlugin {
    /// Source and output sizes in display pixels.
    func reframer(sourceWidth: Int, sourceHeight: Int, outputWidth: Int, outputHeight: Int,
                  parameters: PluginParameters) -> any Reframer
}

/// One timed caption (from an SRT file), clip-relative seconds.
public struct Caption: Sendable, Hashable, Codable {
    public let start: Double
    public let end: Double
    public let text: String
    public init(start: Double, end: Double, text: String) { self.start = start; self.end = end; self.text = text }
}

/// What an overlay stage draws on: the output size, the cue, the platform's safe area and fonts.
public struct OverlayContext: Sendable {
    public let outputWidth: Int
    public let outputHeight: Int
    public let cue: Cue
    /// Target platform, when one was given (for its safe zone and minimum text size).
    public let platform: PlatformPreset?
    /// Pango font description list for the cue's language (e.g. `Noto Sans Thai, Noto Sans`).
    public let font: String
    public let rightToLeft: Bool
    /// Captions falling inside this clip, clip-relative.
    public let captions: [Caption]
    public let clipDuration: Double
    public init(outputWidth: Int, outputHeight: Int, cue: Cue, platform: PlatformPreset?, font: String,
                rightToLeft: Bool, captions: [Caption], clipDuration: Double) {
        self.outputWidth = outputWidth; self.outputHeight = outputHeight; self.cue = cue; self.platform = platform
        self.font = font; self.rightToLeft = rightToLeft; self.captions = captions; self.clipDuration = clipDuration
    }
}

/// An RGBA picture burned into the clip at (x, y) of the output frame, from `start` to `end`
/// (clip-relative seconds; nil = whole clip).
public struct OverlayImage: Sendable {
    public let image: Image
    public let x: Int
    public let y: Int
    public let start: Double?
    public let end: Double?
    /// What it shows, for clips.json (`title`, `price`, `caption 3`).
    public let label: String
    public init(image: Image, x: Int, y: Int, start: Double? = nil, end: Double? = nil, label: String) {
        self.image = image; self.x = x; self.y = y; self.start = start; self.end = end; self.label = label
    }
}

/// A `clip-stage` plugin that draws text or pictures over the clip, rendered once by libvips.
public protocol OverlayStage: PipelinePlugin {
    func overlays(_ context: OverlayContext, parameters: PluginParameters) throws -> [OverlayImage]
}

extension ReframeStage {
    /// Whether the stage looks at thumbnails of every frame: its `needs-thumbnails` capability.
    public var needsThumbnails: Bool { metadata.has(.needsThumbnails) }
}
