import Foundation
import Media
import QualityKernels

extension PassSetup {
    /// Notes a difference in length: the run compared the common part only.
    mutating func lengthWarning(_ job: QualityJob) -> String? {
        if let max = job.maxFrames, paired >= max { return nil }
        if refEnded && !distEnded, (try? take(distortedSide: true)) != nil {
            return "the distorted video has more frames than the reference (\(refRead)); compared the common length"
        }
        if distEnded && !refEnded {
            return "the distorted video ended after \(distRead) frame(s), before the reference; compared the common length"
        }
        return nil
    }

    mutating func result(job: QualityJob, series: [MetricSeries], frames: [Int], times: [Double],
                         worst: WorstFrames, seconds: Double) -> QualityResult {
        if let w = lengthWarning(job) { warnings.append(w) }
        var pooled: [String: PooledStatistics] = [:]
        for s in series { pooled[s.name] = PooledStatistics(s.values) }
        let headline = series.first?.name ?? ""
        let picks = worst.final(headline: series.first?.values ?? []).map {
            QualityResult.WorstFrame(referenceFrame: $0.frame, time: $0.time, score: $0.score,
                                     reference: $0.reference, distorted: $0.distorted)
        }
        let r = referenceFacts.reader, d = distortedFacts
        return QualityResult(
            reference: .init(path: r.path, width: r.width, height: r.height, pixelFormat: r.pixelFormat,
                             frameRate: r.frameRate, codec: r.codec, framesRead: refRead),
            distorted: .init(path: d.path, width: d.width, height: d.height, pixelFormat: d.pixelFormat,
                             frameRate: d.frameRate, codec: d.codec, framesRead: distRead),
            comparedWidth: referenceFacts.width, comparedHeight: referenceFacts.height, layout: layout,
            offset: offset, alignment: alignment, subsample: job.subsample, frames: frames, times: times,
            series: series, pooled: pooled, headline: headline, worst: picks, warnings: warnings, seconds: seconds)
    }
}
