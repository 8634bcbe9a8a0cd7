import Support
import PluginKit
import Presets
import Clips

/// The largest rectangle of the output's aspect ratio that fits inside the source frame, and where
/// it may go. Sizes and offsets are whole, even pixels (4:2:0 video halves chroma in both
/// directions, so even offsets keep luma and chroma aligned when the engine crops).
struct CropWindow: Sendable, Hashable {
    let sourceWidth: Int
    let sourceHeight: Int
    /// Crop size in source pixels: the full source height (or width) on one side, the other side
    /// `output aspect × that`, rounded to the nearest even number, never more than the source.
    let width: Int
    let height: Int

    init(sourceWidth: Int, sourceHeight: Int, outputWidth: Int, outputHeight: Int) {
        self.sourceWidth = max(sourceWidth, 1)
        self.sourceHeight = max(sourceHeight, 1)
        let ow = Double(max(outputWidth, 1)), oh = Double(max(outputHeight, 1))
        if Double(self.sourceWidth) / Double(self.sourceHeight) >= ow / oh {
            // Source wider than the output: keep the height, cut the sides.
            height = self.sourceHeight
            width = min(self.sourceWidth, max(2, Self.even(Double(self.sourceHeight) * ow / oh)))
        } else {
            width = self.sourceWidth
            height = min(self.sourceHeight, max(2, Self.even(Double(self.sourceWidth) * oh / ow)))
        }
    }

    /// The nearest even integer.
    static func even(_ v: Double) -> Int { 2 * Int((v / 2).rounded()) }

    /// Whether the crop can move sideways at all.
    var canPan: Bool { width < sourceWidth }

    /// The range of horizontal centres that keep the crop inside the frame.
    var centres: ClosedRange<Double> { Double(width) / 2 ... Double(sourceWidth) - Double(width) / 2 }

    /// The largest even left edge that keeps the crop inside the frame.
    var maxX: Int { (sourceWidth - width) & ~1 }

    /// The even left edge whose crop is centred nearest to `centre`, inside the frame.
    func left(centre: Double) -> Int {
        clampX(Self.even(centre - Double(width) / 2))
    }

    func clampX(_ x: Int) -> Int { min(max(x, 0), maxX) }

    /// The even top edge that centres the crop vertically.
    var top: Int { ((sourceHeight - height) / 2) & ~1 }

    func reframe(left x: Int) -> Reframe {
        .crop(x: Double(x), y: Double(top), width: Double(width), height: Double(height))
    }
}
