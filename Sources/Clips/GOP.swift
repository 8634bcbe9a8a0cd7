import Foundation
import Support
import PluginKit
import Presets
import Batch
import Media

/// The video packets from one keyframe up to (not including) the next, in decode order, with the
/// presentation range they cover. The replay pass hands clips whole GOPs, so each clip can decide
/// per GOP whether to copy it, re-encode part of it, or skip it.
struct GOP {
    var packets: [Packet] = []
    /// Presentation time of the first frame (the keyframe), in stream ticks.
    var startPts: Int64 = 0
    /// Presentation time of the next GOP's keyframe, or of the end of the last frame at the end of the stream.
    var endPts: Int64 = .max

    var isEmpty: Bool { packets.isEmpty }

    /// Packet presentation times, missing ones skipped.
    var presentationTimes: [Int64] { packets.map(\.pts).filter { $0 != Packet.noTimestamp } }

    /// The shortest decode-order prefix holding every frame shown before `end`, and whether it holds
    /// nothing shown at or after `end` (then it can be stream-copied as the clip's last piece).
    func prefix(before end: Int64) -> (count: Int, exact: Bool) {
        guard let last = packets.lastIndex(where: { $0.pts != Packet.noTimestamp && $0.pts < end }) else { return (0, true) }
        let exact = packets[0...last].allSatisfy { $0.pts == Packet.noTimestamp || $0.pts < end }
        return (last + 1, exact)
    }

    /// The longest decode-order prefix that holds exactly the frames shown before some time `boundary`
    /// earlier than `end` (every frame in it shows before every frame after it), when the prefix before
    /// `end` itself is not exact: a smart cut's tail copies that prefix and re-encodes only the frames
    /// from `boundary` to `end` (with B-frames, a few frames) instead of the whole tail from the keyframe.
    /// Nil when there is none, or a packet lacks a timestamp.
    func exactSplit(before end: Int64) -> (count: Int, boundary: Int64)? {
        guard packets.count > 1, packets.allSatisfy({ $0.pts != Packet.noTimestamp }) else { return nil }
        var suffixMin = [Int64](repeating: .max, count: packets.count + 1)
        for i in stride(from: packets.count - 1, through: 0, by: -1) { suffixMin[i] = min(suffixMin[i + 1], packets[i].pts) }
        var best: (Int, Int64)?
        var prefixMax = Int64.min
        for k in 1..<packets.count {
            prefixMax = max(prefixMax, packets[k - 1].pts)
            if prefixMax < suffixMin[k] && suffixMin[k] < end { best = (k, suffixMin[k]) }
        }
        return best
    }
}
