import Loudness
import Foundation
import Support
import PluginKit
import Presets
import Batch
import Media

/// The clip's audio, read back from its spool (`ClipSamples`), loudness-normalised and
/// AAC-encoded, one packet at a time so muxing can interleave it with the video.
///
/// Its loudness after: where the gain is linear (the plan ran no trial, as the gained true peak stays
/// under the limiter's ceiling), the first measurement's meter gives it (`result(gainedBy:)`, exact) and
/// no second meter runs; where the limiter acts, a meter measures the output as it is encoded.
final class AudioEncodeSource {
    let encoder: Encoder
    private let spool: SampleSpool
    private let skip: Int, count: Int
    private let samples: ClipSamples
    private let normalizer: LoudnessNormalizer?
    /// A normaliser with the plan's gain, fresh (the one above runs as the audio is encoded).
    private let makeNormalizer: () -> LoudnessNormalizer?
    private let before: LoudnessMeter
    private let after: LoudnessMeter?
    private let frames: PCMFrames
    private var ready: [Packet] = []
    private var flushed = false
    private var drained = false

    /// `gain`: the loudness plan's choice (`ClipLoudness.plan`); nil leaves the audio as it is.
    /// `before`: the meter of the first measurement (`ClipLoudness.meter`).
    init(spool: SampleSpool, skip: Int, count: Int, before: LoudnessMeter, gain: LoudnessGainPlan?,
         loudness: LoudnessTarget, bitRate: Int) throws {
        encoder = try Encoder(sampleRate: ClipAudio.rate, channels: spool.channels, bitRate: bitRate)
        self.spool = spool; self.skip = skip; self.count = count; self.before = before
        samples = try ClipSamples(spool: spool, skip: skip, count: count)
        let measured = before.result(), channels = spool.channels
        let make = { () -> LoudnessNormalizer? in
            guard let target = loudness.integrated, let gain else { return nil }
            return LoudnessNormalizer(measured: measured, sampleRate: ClipAudio.rate, channels: channels,
                                      targetIntegrated: target, targetTruePeak: loudness.truePeak, gainDB: gain.gainDB)
        }
        makeNormalizer = make
        normalizer = make()
        after = (gain?.trials ?? 0) > 0 ? LoudnessMeter(sampleRate: ClipAudio.rate, channels: spool.channels) : nil
        frames = PCMFrames(channels: spool.channels)
    }

    var gainDB: Double? { normalizer?.gainDB }

    /// The loudness of the audio as encoded (before AAC), once `next()` has returned nil.
    func measuredAfter() throws -> LoudnessMeasurement {
        if let after { return after.result() }
        guard let normalizer else { return before.result() }
        if normalizer.limiterReductionDB == 0 { return before.result(gainedBy: normalizer.gainDB) }
        // The limiter acted where the plan foresaw no limiting (a peak within float rounding of the
        // ceiling): the output is not a linear gain of the input, so it is measured after all.
        return try ClipLoudness.trial(spool, skip: skip, count: count, makeNormalizer() ?? normalizer)
    }

    private func queueSamples(_ chunk: [[Float]]) {
        guard let n = chunk.first?.count, n > 0 else { return }
        let processed = normalizer?.process(planar: chunk) ?? chunk
        append(processed)
    }

    private func append(_ processed: [[Float]]) {
        guard let n = processed.first?.count, n > 0 else { return }
        after?.add(planar: processed)
        frames.append(processed)
    }

    /// The next AAC packet (time base 1/48000), nil when the clip's audio is done.
    func next() throws -> Packet? {
        while ready.isEmpty {
            if let frame = try frames.next(for: encoder, flush: flushed) {
                ready += try encoder.encode(frame)
            } else if !flushed {
                if let chunk = try samples.next(4096) {
                    queueSamples(chunk)
                } else {
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
