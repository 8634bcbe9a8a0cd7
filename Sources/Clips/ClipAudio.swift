import Support
import PluginKit
import Presets
import Batch
import Foundation
import Media

/// One clip's audio as the replay pass goes: decoded samples (48 kHz planar float) spooled to disk
/// for two-pass loudness normalisation, and/or the source's packets to copy (`Keep`).
final class ClipAudio {
    /// What the pass keeps of a clip's audio.
    enum Keep {
        /// Decoded samples: the audio is measured, normalised and encoded.
        case samples
        /// The source's packets only: `copy` mode, or loudness normalisation off on a source whose audio
        /// can go into the clip as it is (nothing to decode).
        case packets
        /// Both: once measured, audio already within the loudness target's tolerance is copied, not re-encoded.
        case samplesAndPackets

        /// The source audio can go into an MP4 clip unchanged where the encoded audio would be AAC stereo.
        static func copyable(_ stream: StreamDetails) -> Bool {
            stream.info.codec == "aac" && (stream.info.channels ?? 0) >= 1 && (stream.info.channels ?? 0) <= 2
        }

        static func choose(copyMode: Bool, loudnessOff: Bool, stream: StreamDetails) -> Keep {
            if copyMode { return .packets }
            guard copyable(stream) else { return .samples }
            return loudnessOff ? .packets : .samplesAndPackets
        }
    }

    static let rate = 48000
    let stream: StreamDetails
    let channels: Int
    /// Replay-timeline seconds this clip's audio may come from (cue range with a margin).
    let from: Double, to: Double
    let samples: SampleSpool?
    let packets: PacketSpool?
    /// Replay-timeline seconds of the first spooled sample.
    private(set) var spoolStart: Double?
    private var pending: [(Packet, Double)] = []
    /// The pass has read audio past `to` (or the file ended).
    var complete = false

    init(stream: StreamDetails, cue: Cue, keep: Keep, channels: Int, work: URL, id: String) throws {
        self.stream = stream
        self.channels = channels
        from = cue.start - 0.1
        to = cue.end + 0.1
        packets = keep == .samples ? nil : try PacketSpool(url: work.appendingPathComponent("\(id).audio"))
        samples = keep == .packets ? nil : try SampleSpool(url: work.appendingPathComponent("\(id).pcm"), channels: channels)
    }

    var wantsSamples: Bool { samples != nil }

    /// Something of the clip's own range is kept already (samples, or copied packets).
    var isUnderWay: Bool { spoolStart != nil || (packets?.count ?? 0) > 0 }

    /// Decoded samples starting at replay time `time`; keeps what falls in [from, to), continuous
    /// (gaps from skipped or corrupt packets become silence, overlaps are dropped).
    func offer(_ chunk: [[Float]], at time: Double) throws {
        guard let spool = samples, let n = chunk.first?.count, n > 0 else { return }
        let chunkEnd = time + Double(n) / Double(Self.rate)
        guard chunkEnd > from, time < to else { return }
        var offset = 0
        if let start = spoolStart {
            let expected = start + Double(spool.frames) / Double(Self.rate)
            let delta = Int(((time - expected) * Double(Self.rate)).rounded())
            if delta > 0 {
                try spool.append(Array(repeating: Array(repeating: 0, count: delta), count: channels))
            } else if delta < 0 {
                offset = min(n, -delta)
            }
        } else {
            offset = max(0, Int(((from - time) * Double(Self.rate)).rounded()))
            spoolStart = time + Double(offset) / Double(Self.rate)
        }
        let last = min(n, Int(((to - time) * Double(Self.rate)).rounded()))
        if last > offset { try spool.append(chunk, offset: offset, count: last - offset) }
    }

    /// A source packet at replay time `time` (copy mode). Held until the clip's start is known.
    func offer(_ packet: Packet, at time: Double, zero: Double?, end: Double?) throws {
        guard let spool = packets, time < to else { return }
        guard let zero else {
            // Times only go forward: a packet read again after a seek back is not held twice.
            if time >= from - 15, time > (pending.last?.1 ?? -.infinity) { pending.append((try packet.clone(), time)) }
            pending.removeAll { $0.1 < time - 15 }
            return
        }
        try settle(zero: zero, end: end ?? to)
        if time >= zero - 0.001 && time < (end ?? to) { try spool.append(packet) }
    }

    /// Copy mode: takes the held packets once the clip's start is known.
    func settle(zero: Double, end: Double) throws {
        guard let spool = packets else { return }
        for (p, t) in pending where t >= zero - 0.001 && t < end { try spool.append(p) }
        pending.removeAll()
    }

    /// Sample offset and count of the clip's range [zero, end) in the spool.
    func range(zero: Double, end: Double) -> (skip: Int, count: Int) {
        let start = spoolStart ?? zero
        return (Int(((zero - start) * Double(Self.rate)).rounded()), max(0, Int(((end - zero) * Double(Self.rate)).rounded())))
    }
}
