import Support
import Media

/// The presentation times of a file's video frames and its keyframes, from one pass over its packets
/// (no decoding): what `FramePicker` needs to decode a frame from its own keyframe.
struct FrameIndex {
    /// Every frame's pts, in presentation order.
    let times: [Int64]
    /// Keyframe pts, ascending.
    let keyframes: [Int64]

    init(_ demuxer: Demuxer, stream: StreamDetails) throws {
        var times: [Int64] = [], keys: [Int64] = []
        let packet = try Packet()
        while try demuxer.read(into: packet) {
            guard packet.streamIndex == stream.index, packet.pts != Packet.noTimestamp else { continue }
            times.append(packet.pts)
            if packet.isKeyframe { keys.append(packet.pts) }
        }
        self.times = times.sorted()
        keyframes = keys.sorted()
    }
}

/// Decodes chosen frames of one video stream, in ascending time: each from the keyframe at or before
/// it, continuing instead when the decoder is already in that GOP and short of the frame.
final class FramePicker {
    private let demuxer: Demuxer
    private let stream: StreamDetails
    private let keyframes: [Int64]
    private let decoder: Decoder
    private let packet: Packet
    private let frame: Frame
    /// The keyframe the decoder started its current run from, and the last frame it gave.
    private var runKey: Int64?
    private var lastPts: Int64 = .min
    private var drained = false
    /// Frames decoded so far.
    private(set) var decoded = 0

    init(_ demuxer: Demuxer, stream: StreamDetails, keyframes: [Int64]) throws {
        self.demuxer = demuxer; self.stream = stream; self.keyframes = keyframes
        // Small pictures: no loop filter needed. One thread: a frame-threaded decoder holds several packets
        // before it gives a picture, decoding frames past the pick that a seek then throws away.
        decoder = try Decoder(demuxer, stream: stream, threads: 1, fast: true)
        packet = try Packet()
        frame = try Frame()
    }

    /// The first frame shown at or after `pts` (valid until the next call), or nil when the stream
    /// ends before it.
    func frame(at pts: Int64) throws -> Frame? {
        let key = keyframes.last { $0 <= pts } ?? keyframes.first ?? pts
        if runKey != key || lastPts >= pts {
            let start = stream.startTime ?? 0
            // Half a tick over, so rounding down in `seek` still names the keyframe itself.
            try demuxer.seek(stream, toSeconds: max(0, (Double(key - start) + 0.5) * stream.timeBase.value))
            decoder.flush()
            (runKey, lastPts, drained) = (key, .min, false)
        }
        while true {
            while try decoder.receive(into: frame) {
                decoded += 1
                let t = frame.bestEffortPts
                guard t != Packet.noTimestamp else { continue }
                lastPts = t
                if t >= pts { return frame }
            }
            if drained { return nil }
            if try demuxer.read(into: packet) {
                if packet.streamIndex == stream.index { try decoder.send(packet) }
            } else {
                try decoder.send(nil)
                drained = true
            }
        }
    }
}
