import Foundation
import Media

/// Turns a decoded picture into the small RGB picture clip finders see (`ReplayAnalysis.thumbnailWidth`
/// x `thumbnailHeight`), reusing its scaler while the source size and format stay the same. One per
/// thread: the sequential pass has one, each parallel analysis worker its own.
final class AnalysisThumbnailer {
    let video: StreamDetails
    let origin: Double
    private let thumb: Frame
    private var scaler: Scaler?

    init(video: StreamDetails, origin: Double) throws {
        self.video = video; self.origin = origin
        thumb = try Frame.picture(width: ReplayAnalysis.thumbnailWidth, height: ReplayAnalysis.thumbnailHeight, format: .rgb24)
    }

    /// The picture's thumbnail at its presentation time `pts` (stream ticks), in replay seconds.
    func thumbnail(_ frame: Frame, pts: Int64) throws -> AnalysisFrame {
        let (w, h) = (ReplayAnalysis.thumbnailWidth, ReplayAnalysis.thumbnailHeight)
        let s: Scaler
        if let old = scaler, old.sourceWidth == frame.width, old.sourceHeight == frame.height, old.sourceFormat == frame.pixelFormat {
            s = old
        } else {
            s = try Scaler(sourceWidth: frame.width, sourceHeight: frame.height, sourceFormat: frame.pixelFormat,
                           width: w, height: h, format: .rgb24, quality: .area)
            scaler = s
        }
        try s.scale(frame, into: thumb)
        let rgb = try thumb.withPlane(0) { plane in
            var rgb = [UInt8](repeating: 0, count: w * h * 3)
            for y in 0..<h {
                let row = plane.row(y)
                for x in 0..<(w * 3) { rgb[y * w * 3 + x] = row[x] }
            }
            return rgb
        }
        return AnalysisFrame(time: video.timeBase.seconds(pts) - origin, width: w, height: h, rgb: rgb)
    }
}
