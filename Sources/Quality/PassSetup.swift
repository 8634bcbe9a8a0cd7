import Foundation
import Media
import QualityKernels
import Support

/// The two inputs of a run opened and lined up: sizes checked, the distorted side scaled to the
/// reference's size and layout, the offset applied, frames paired and subsampled.
struct PassSetup {
    let reference: PictureStream
    let distorted: PictureStream
    let referenceFacts: (reader: StreamFacts, width: Int, height: Int)
    let distortedFacts: StreamFacts
    let format: PictureFormat
    let layout: PictureLayout
    let offset: Int
    let alignment: String
    var warnings: [String] = []
    var refRead = 0, distRead = 0, paired = 0
    var refEnded = false, distEnded = false
    /// The reference picture decoded last, for temporal metrics.
    var lastReference: Picture?

    struct StreamFacts {
        let path: String, width: Int, height: Int, pixelFormat: String, frameRate: Double, codec: String, duration: Double
        init(_ r: VideoReader) {
            path = r.path; width = r.sourceWidth; height = r.sourceHeight; pixelFormat = r.sourcePixelFormat
            frameRate = r.frameRate; codec = r.stream.info.codec; duration = r.duration
        }
    }

    init(_ job: QualityJob) throws {
        let ref = try openReader(job.reference, width: nil, height: nil, layout: nil, scaling: job.scaling)
        let probe = StreamFacts(try openReader(job.distorted, width: nil, height: nil, layout: nil, scaling: job.scaling))
        let refFacts = StreamFacts(ref)
        warnings = try Self.checkSizes(ref: refFacts, dist: probe, scaling: job.scaling)
        if refFacts.frameRate > 0, probe.frameRate > 0, abs(refFacts.frameRate - probe.frameRate) > 0.01 {
            warnings.append(String(format: "frame rates differ (reference %.3f fps, distorted %.3f fps); frames are compared by index", refFacts.frameRate, probe.frameRate))
        }
        switch job.alignment {
        case .offset(let o): offset = o; alignment = "offset"
        case .auto(let window):
            let found = try AutoAlign.find(job, window: window)
            offset = found.offset; alignment = "auto (±\(window) frames)"
            if found.offset != 0 {
                warnings.append("--align auto: the distorted video is \(abs(found.offset)) frame(s) \(found.offset > 0 ? "behind" : "ahead"); compared with offset \(found.offset)")
            }
        }
        let dist = try openReader(job.distorted, width: ref.width, height: ref.height, layout: ref.layout, scaling: job.scaling)
        layout = ref.layout
        format = PictureFormat(width: ref.width, height: ref.height, bitDepth: ref.layout.bitDepth,
                               chromaShiftX: ref.layout.chromaShiftX, chromaShiftY: ref.layout.chromaShiftY)
        referenceFacts = (refFacts, ref.width, ref.height)
        distortedFacts = probe
        reference = PictureStream(ref)
        distorted = PictureStream(dist)
    }

    static func checkSizes(ref: StreamFacts, dist: StreamFacts, scaling: Scaler.Quality) throws -> [String] {
        guard ref.width != dist.width || ref.height != dist.height else { return [] }
        let a = Double(ref.width) / Double(ref.height), b = Double(dist.width) / Double(dist.height)
        if abs(a - b) / a > 0.1 {
            throw MarqueeError.usage("\(dist.path) is \(dist.width)x\(dist.height) and \(ref.path) is \(ref.width)x\(ref.height): "
                + "their shapes differ too much to scale one onto the other; compare videos of the same framing")
        }
        var w = ["the distorted video (\(dist.width)x\(dist.height)) was scaled to the reference size \(ref.width)x\(ref.height) (\(scaling))"]
        if abs(a - b) / a > 0.01 { w.append(String(format: "aspect ratios differ slightly (%.3f vs %.3f): the distorted picture is stretched", a, b)) }
        return w
    }

    /// How many pairs the run should compare, for progress (0 when unknown).
    func expectedFrames(_ job: QualityJob) -> Int {
        let f = referenceFacts.reader, d = distortedFacts
        let duration = d.duration > 0 ? min(f.duration, d.duration) : f.duration
        let n = Int((duration * f.frameRate).rounded()) - abs(offset)
        let all = max(0, n) / job.subsample
        return job.maxFrames.map { min($0, all) } ?? all
    }

    /// The next pair to compare, or nil when either input (or `maxFrames`) ends.
    mutating func nextPair(_ job: QualityJob) throws
        -> (frame: Int, time: Double, reference: Picture, distorted: Picture, previous: Picture?)? {
        while true {
            if let max = job.maxFrames, paired >= max { return nil }
            if offset > 0, distRead < offset { guard try skip(distortedSide: true) else { return nil }; continue }
            if offset < 0, refRead < -offset { guard try skip(distortedSide: false) else { return nil }; continue }
            let previous = lastReference
            guard let (r, t) = try take(distortedSide: false), let (d, _) = try take(distortedSide: true) else { return nil }
            let index = refRead - 1
            if (index - max(0, -offset)) % job.subsample != 0 { continue }
            paired += 1
            return (index, t, r, d, paired == 1 ? nil : previous)
        }
    }

    private mutating func skip(distortedSide: Bool) throws -> Bool { try take(distortedSide: distortedSide) != nil }

    mutating func take(distortedSide: Bool) throws -> (Picture, Double)? {
        let stream = distortedSide ? distorted : reference
        switch stream.next() {
        case .picture(let p, let t):
            if distortedSide { distRead += 1 } else { refRead += 1; lastReference = p }
            return (p, t)
        case .end(let errors):
            if distortedSide { distEnded = true } else { refEnded = true }
            if !errors.isEmpty { warnings.append("\(stream.path): \(errors.count) decode error(s), first: \(errors[0])") }
            return nil
        case .failure(let e):
            throw MarqueeError.input("\(stream.path): \(e.action): \(e.message)")
        }
    }

    func stop() { reference.stop(); distorted.stop() }

    func emptyReason(_ job: QualityJob) -> String {
        "the reference gave \(refRead) frame(s) and the distorted video \(distRead) with offset \(offset); nothing overlaps"
    }
}
