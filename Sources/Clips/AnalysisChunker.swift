import Foundation
import Media

/// A run of whole GOPs of the replay's video, decoded by one parallel analysis worker. It yields
/// exactly the frames shown in [`startPts`, `endPts`): its own packets, then (`tailCount`) the next
/// chunk's first packets holding the pictures shown before that chunk's keyframe (open GOP, B-frame
/// reordering), which only this chunk's decoder state can decode.
final class AnalysisChunk: @unchecked Sendable {
    // Safe to share: the reading thread builds it and hands it to one worker; nobody writes it afterwards
    // (the tail packets are the worker's own references to the next chunk's data).
    let index: Int
    let packets: [Packet]
    let tailCount: Int
    /// Presentation range in stream ticks (`.min` for the first chunk, `.max` for the last).
    let startPts: Int64, endPts: Int64
    /// Share of the file read when the chunk was closed (progress once it is analysed).
    let readShare: Double

    init(index: Int, packets: [Packet], tailCount: Int, startPts: Int64, endPts: Int64, readShare: Double) {
        self.index = index; self.packets = packets; self.tailCount = tailCount
        self.startPts = startPts; self.endPts = endPts; self.readShare = readShare
    }

    func contains(_ pts: Int64) -> Bool { pts >= startPts && pts < endPts }
}

/// Splits the replay's video packets, in decode order, into `AnalysisChunk`s at keyframes, each at
/// least `minTicks` long. A chunk closes at a keyframe only when every packet before it has a
/// timestamp earlier than the keyframe's (else the GOP joins the chunk): so no picture of a chunk is
/// shown after the next one starts, and splitting never changes which frames the finders see.
/// A closed chunk is handed out once the next chunk's first GOP is read (its tail comes from there).
struct AnalysisChunker {
    let minTicks: Int64
    private var current: [Packet] = []
    private var currentStart: Int64 = .min
    /// First timestamp and latest presentation time of the current chunk's packets; nil once a packet has none.
    private var firstPts: Int64?
    private var maxPts: Int64? = .min
    /// A closed chunk waiting for the next one's first GOP: its packets, range start and end (the keyframe).
    private var waiting: (packets: [Packet], start: Int64, end: Int64, share: Double)?
    private var made = 0

    init(minTicks: Int64) { self.minTicks = max(1, minTicks) }

    /// Takes the next video packet (decode order); returns the chunks ready for a worker, in order.
    mutating func add(_ p: Packet, readShare: Double) throws -> [AnalysisChunk] {
        var ready: [AnalysisChunk] = []
        if p.isKeyframe && !current.isEmpty {
            if let w = waiting {
                ready.append(try close(w, tailFrom: current))
                waiting = nil
            }
            if let first = firstPts, let latest = maxPts, p.pts != Packet.noTimestamp, latest < p.pts, p.pts - first >= minTicks {
                waiting = (current, currentStart, p.pts, readShare)
                current = []
                currentStart = p.pts
                firstPts = nil
                maxPts = .min
            }
        }
        current.append(p)
        if p.pts == Packet.noTimestamp { maxPts = nil } else {
            if firstPts == nil { firstPts = p.pts }
            maxPts = maxPts.map { max($0, p.pts) }
        }
        return ready
    }

    /// At the end of the video: the last chunks.
    mutating func finish(readShare: Double) throws -> [AnalysisChunk] {
        var ready: [AnalysisChunk] = []
        if let w = waiting { ready.append(try close(w, tailFrom: current)) }
        waiting = nil
        if !current.isEmpty {
            ready.append(make(current, tail: [], start: currentStart, end: .max, share: readShare))
        }
        current = []
        return ready
    }

    private mutating func close(_ w: (packets: [Packet], start: Int64, end: Int64, share: Double), tailFrom next: [Packet]) throws -> AnalysisChunk {
        // The decode-order prefix of the next chunk through its last picture shown before the cut (or without a time).
        let last = next.lastIndex { $0.pts == Packet.noTimestamp || $0.pts < w.end }
        let tail = try last.map { try next[0...$0].map { try $0.clone() } } ?? []
        return make(w.packets, tail: tail, start: w.start, end: w.end, share: w.share)
    }

    private mutating func make(_ packets: [Packet], tail: [Packet], start: Int64, end: Int64, share: Double) -> AnalysisChunk {
        defer { made += 1 }
        return AnalysisChunk(index: made, packets: packets + tail, tailCount: tail.count, startPts: start, endPts: end, readShare: share)
    }
}
