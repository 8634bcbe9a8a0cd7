import Media

/// Planar float samples waiting to go to an audio encoder, cut into its frames (`frameSize` samples
/// per channel; the last one shorter once the input is flushed), with their pts counted in samples.
final class PCMFrames {
    private var queue: [[Float]]
    private var queued = 0
    private var pts: Int64 = 0

    init(channels: Int) { queue = Array(repeating: [], count: channels) }

    func append(_ planar: [[Float]]) {
        guard let n = planar.first?.count, n > 0 else { return }
        for c in 0..<queue.count { queue[c] += planar[c] }
        queued += n
    }

    /// The next frame for `encoder`: a full one, or with `flush` whatever is left; nil when there is none.
    func next(for encoder: Encoder, flush: Bool) throws -> Frame? {
        let size = encoder.frameSize
        guard queued >= size || (flush && queued > 0) else { return nil }
        let n = min(size, queued)
        let frame = try encoder.audioFrame(queue, range: 0..<n, pts: pts)
        pts += Int64(n)
        for c in 0..<queue.count { queue[c].removeFirst(n) }
        queued -= n
        return frame
    }
}
