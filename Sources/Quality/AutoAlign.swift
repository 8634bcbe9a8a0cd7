import Media
import Support

/// Finds the frame offset between two videos of the same content: both are decoded small (luma at
/// about 160 pixels wide) for the first frames, and the offset within ±window whose overlapping
/// frames differ least (mean squared error) wins.
enum AutoAlign {
    struct Found: Sendable {
        let offset: Int
        let mse: Double
        /// Mean squared error at offset 0, for the report.
        let mseAtZero: Double
    }

    static func find(_ job: QualityJob, window: Int, compared: Int = 30) throws -> Found {
        let ref = try lumaFrames(job.reference, count: window + compared, like: nil)
        let dist = try lumaFrames(job.distorted, count: window + compared, like: (ref.width, ref.height))
        var best = (offset: 0, mse: Double.infinity)
        var atZero = Double.infinity
        for offset in -window...window {
            var sum = 0.0, n = 0
            for i in 0..<ref.frames.count {
                let j = i + offset
                guard j >= 0, j < dist.frames.count else { continue }
                sum += mse(ref.frames[i], dist.frames[j]); n += 1
                if n == compared { break }
            }
            // Offsets that pair only a handful of frames would win by luck.
            guard n >= min(compared, max(1, min(ref.frames.count, dist.frames.count) / 2)) else { continue }
            let m = sum / Double(n)
            if offset == 0 { atZero = m }
            if m < best.mse - 1e-9 || (abs(m - best.mse) <= 1e-9 && abs(offset) < abs(best.offset)) { best = (offset, m) }
        }
        guard best.mse.isFinite else {
            throw MarqueeError.usage("--align auto: the videos are too short to compare over ±\(window) frames; give --offset N")
        }
        return Found(offset: best.offset, mse: best.mse, mseAtZero: atZero)
    }

    private static func lumaFrames(_ input: QualityJob.Input, count: Int, like size: (Int, Int)?) throws
        -> (frames: [[UInt16]], width: Int, height: Int) {
        let probe = try openReader(input, width: nil, height: nil, layout: nil, scaling: .area)
        let w = size?.0 ?? 160
        let h = size?.1 ?? max(2, (probe.sourceHeight * 160 / max(1, probe.sourceWidth)) & ~1)
        let reader = try openReader(input, width: w, height: h, layout: nil, scaling: .area)
        var frames: [[UInt16]] = []
        do {
            while frames.count < count, let p = try reader.next() { frames.append(p.planes[0]) }
        } catch {
            throw MarqueeError.input("\(input.path): \(error)")
        }
        return (frames, w, h)
    }

    private static func mse(_ a: [UInt16], _ b: [UInt16]) -> Double {
        var s = 0.0
        for i in 0..<min(a.count, b.count) { let d = Double(a[i]) - Double(b[i]); s += d * d }
        return s / Double(max(1, min(a.count, b.count)))
    }
}

/// Opens a video for reading, turning FFmpeg's refusal into a sentence naming the file (exit 2).
func openReader(_ input: QualityJob.Input, width: Int?, height: Int?, layout: PictureLayout?,
                scaling: Scaler.Quality) throws -> VideoReader {
    do {
        return try VideoReader(path: input.path, raw: input.raw, width: width, height: height, layout: layout,
                               quality: scaling, threads: 1)
    } catch {
        let hint = input.path.hasSuffix(".yuv") && input.raw == nil
            ? " (a raw .yuv file needs its size: --ref-size/--dist-size WxH)" : ""
        throw MarqueeError.usage("\(input.path): cannot read it as a video: \(error.message)\(hint)")
    }
}
