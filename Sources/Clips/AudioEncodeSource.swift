import Loudness
import Foundation
import Support
import PluginKit
import Presets
import Batch
import Media

/// The clip's audio, read back from its spool, trimmed to the clip, loudness-normalised and
/// AAC-encoded, one packet at a time so muxing can interleave it with the video.
final class AudioEncodeSource {
    let encoder: Encoder
    private let reader: SampleSpool.Reader
    private let normalizer: LoudnessNormalizer?
    private let after: LoudnessMeter
    private var skip: Int
    private var remaining: Int
    private var queue: [[Float]]
    private var queued = 0
    private var pts: Int64 = 0
    private var ready: [Packet] = []
    private var flushed = false
    private var drained = false

    init(spool: SampleSpool, skip: Int, count: Int, measured: LoudnessMeasurement?, loudness: LoudnessTarget, bitRate: Int) throws {
        encoder = try Encoder(sampleRate: ClipAudio.rate, channels: spool.channels, bitRate: bitRate)
        reader = try spool.reader()
        if let target = loudness.integrated, let measured {
            normalizer = LoudnessNormalizer(measured: measured, sampleRate: ClipAudio.rate, channels: spool.channels,
                                            targetIntegrated: target, targetTruePeak: loudness.truePeak)
        } else {
            normalizer = nil
        }
        after = LoudnessMeter(sampleRate: ClipAudio.rate, channels: spool.channels)
        self.skip = skip
        remaining = count
        queue = Array(repeating: [], count: spool.channels)
        if skip < 0 {  // the spool starts after the clip: lead with silence
            queueSamples(Array(repeating: Array(repeating: 0, count: min(-skip, count)), count: spool.channels))
            self.skip = 0
        }
    }

    var gainDB: Double? { normalizer?.gainDB }
    var measuredAfter: LoudnessMeasurement { after.result() }

    private func queueSamples(_ chunk: [[Float]]) {
        guard let n = chunk.first?.count, n > 0 else { return }
        let processed = normalizer?.process(planar: chunk) ?? chunk
        append(processed)
    }

    private func append(_ processed: [[Float]]) {
        guard let n = processed.first?.count, n > 0 else { return }
        after.add(planar: processed)
        for c in 0..<queue.count { queue[c] += processed[c] }
        queued += n
    }

    /// The next AAC packet (time base 1/48000), nil when the clip's audio is done.
    func next() throws -> Packet? {
        while ready.isEmpty {
            let size = encoder.frameSize
            if queued >= size || (flushed && queued > 0) {
                let n = min(size, queued)
                let frame = try encoder.audioFrame(queue, range: 0..<n, pts: pts)
                pts += Int64(n)
                for c in 0..<queue.count { queue[c].removeFirst(n) }
                queued -= n
                ready += try encoder.encode(frame)
            } else if !flushed {
                if remaining > 0, let chunk = try reader.next(4096) {
                    var part = chunk
                    let n = part[0].count
                    if skip > 0 {
                        let drop = min(skip, n)
                        part = part.map { Array($0.dropFirst(drop)) }
                        skip -= drop
                    }
                    let take = min(remaining, part[0].count)
                    remaining -= take
                    queueSamples(part.map { Array($0.prefix(take)) })
                } else {
                    if remaining > 0 {  // the spool ran short (audio ended early): pad with silence
                        queueSamples(Array(repeating: Array(repeating: 0, count: remaining), count: queue.count))
                        remaining = 0
                    }
                    if let n = normalizer { append(n.flush()) }
                    flushed = true
                }
            } else if !drained {
                ready += try encoder.encode(nil)
                drained = true
            } else {
                return nil
            }
        }
        return ready.removeFirst()
    }
}
