import Foundation

/// Where the analysis pass's reading thread and its workers meet: chunks waiting for a worker, in
/// order, and each chunk's thumbnails waiting for the reading thread, which takes them strictly in
/// chunk order. A worker waits while its chunk holds `capacity` thumbnails not yet taken (memory stays
/// bounded whatever a GOP's length); a cancelled hand-off wakes everyone and lets workers stop.
final class ChunkHandoff: @unchecked Sendable {
    // Safe to share: every stored `var` is read and written only while holding `lock`.
    private let lock = NSCondition()
    private var queue: [AnalysisChunk] = []
    private var outputs: [Int: Output] = [:]
    private var noMore = false
    private var cancelled = false
    let capacity: Int

    struct Output {
        var frames: [AnalysisFrame] = []
        var done = false
        var failure: (any Error)?
        var decodeErrors: [String] = []
    }

    init(capacity: Int) { self.capacity = max(1, capacity) }

    // MARK: Reading thread

    func submit(_ chunk: AnalysisChunk) {
        lock.lock(); defer { lock.unlock() }
        queue.append(chunk)
        outputs[chunk.index] = Output()
        lock.broadcast()
    }

    /// No chunk follows: idle workers stop.
    func close() {
        lock.lock(); defer { lock.unlock() }
        noMore = true
        lock.broadcast()
    }

    /// Stops everything: workers drop their chunks and return.
    func cancel() {
        lock.lock(); defer { lock.unlock() }
        cancelled = true
        lock.broadcast()
    }

    /// Waits until chunk `index` has thumbnails or is done, and takes them: the frames, whether the
    /// chunk is complete, and its decoder errors once it is. Rethrows a worker's error.
    func take(_ index: Int) throws -> (frames: [AnalysisFrame], done: Bool, decodeErrors: [String]) {
        lock.lock(); defer { lock.unlock() }
        while let o = outputs[index], o.frames.isEmpty && !o.done && !cancelled { lock.wait() }
        if cancelled { throw CancellationError() }
        guard var o = outputs[index] else { return ([], true, []) }
        if let failure = o.failure { throw failure }
        let frames = o.frames
        o.frames = []
        if o.done { outputs[index] = nil } else { outputs[index] = o }
        lock.broadcast()
        return (frames, o.done, o.done ? o.decodeErrors : [])
    }

    // MARK: Workers

    /// The next chunk to decode, in order; nil when there is none left or the pass was cancelled.
    func next() -> AnalysisChunk? {
        lock.lock(); defer { lock.unlock() }
        while queue.isEmpty && !noMore && !cancelled { lock.wait() }
        guard !cancelled, !queue.isEmpty else { return nil }
        return queue.removeFirst()
    }

    /// Hands over thumbnails of chunk `index`, waiting while it holds `capacity` untaken ones. False
    /// when the pass was cancelled (the worker stops).
    func deliver(_ frames: [AnalysisFrame], chunk index: Int) -> Bool {
        lock.lock(); defer { lock.unlock() }
        while !cancelled, let o = outputs[index], o.frames.count >= capacity { lock.wait() }
        guard !cancelled else { return false }
        outputs[index]?.frames += frames
        lock.broadcast()
        return true
    }

    /// Chunk `index` is decoded (or failed with `failure`).
    func complete(chunk index: Int, decodeErrors: [String], failure: (any Error)?) {
        lock.lock(); defer { lock.unlock() }
        outputs[index]?.done = true
        outputs[index]?.decodeErrors = decodeErrors
        outputs[index]?.failure = failure
        lock.broadcast()
    }
}
