import Foundation
import Loudness
import Media

/// Turns the analysis pass's decoded frames into what finder sessions consume: small RGB pictures
/// and loudness samples, fed to every session on the pass's thread only (sessions are not thread-safe).
/// Reuses its thumbnailer and resampler.
final class AnalysisSink {
    let sessions: [any ClipFinderSession]
    let video: StreamDetails?, audio: StreamDetails?
    let origin: Double
    /// The frame the decoders fill, one at a time.
    let frame: Frame
    private let thumbnailer: AnalysisThumbnailer?
    private var resampler: Resampler?
    private var meter: LoudnessMeter?
    private(set) var frames = 0
    /// Where the last decoded picture or sound ends, in replay seconds.
    private(set) var decodedEnd = 0.0

    init(sessions: [any ClipFinderSession], video: StreamDetails?, audio: StreamDetails?, origin: Double) throws {
        self.sessions = sessions; self.video = video; self.audio = audio; self.origin = origin
        frame = try Frame()
        thumbnailer = try video.map { try AnalysisThumbnailer(video: $0, origin: origin) }
    }

    /// The picture in `frame`, decoded on this thread.
    func videoFrame() throws {
        let pts = frame.bestEffortPts
        guard pts != Packet.noTimestamp, let t = thumbnailer else { return }
        consume(try t.thumbnail(frame, pts: pts))
    }

    /// A thumbnail made here or by a parallel analysis worker, in presentation order.
    func consume(_ a: AnalysisFrame) {
        decodedEnd = max(decodedEnd, a.time + 1 / max(1, video?.frameRate ?? 1))
        for s in sessions { s.consume(a) }
        frames += 1
    }

    func audioFrame() throws {
        let r: Resampler, m: LoudnessMeter
        if let resampler, let meter {
            (r, m) = (resampler, meter)
        } else {
            r = try Resampler(from: frame, outputRate: 48000, outputChannels: 2)
            let start = audio.map { a in frame.bestEffortPts == Packet.noTimestamp ? 0 : a.timeBase.seconds(frame.bestEffortPts) - origin } ?? 0
            m = LoudnessMeter(sampleRate: 48000, channels: 2, startTime: start)
            (resampler, meter) = (r, m)
        }
        if let a = audio, frame.bestEffortPts != Packet.noTimestamp, frame.sampleRate > 0 {
            decodedEnd = max(decodedEnd, a.timeBase.seconds(frame.bestEffortPts) - origin + Double(frame.sampleCount) / Double(frame.sampleRate))
        }
        m.add(planar: r.convert(frame))
        for sample in m.drainSamples() { for s in sessions { s.consume(sample) } }
    }
}
