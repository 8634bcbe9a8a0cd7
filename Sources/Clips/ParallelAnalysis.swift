import Foundation
import Media

/// The video side of the analysis pass, GOP-parallel: the reading thread cuts the video packets into
/// chunks of whole GOPs (`AnalysisChunker`), `workers` threads decode and scale them
/// (`AnalysisWorker`), and the reading thread feeds their thumbnails to the sink strictly in chunk
/// order, so the finders see the same frames, in the same order, as from one decoder. At most
/// `workers + 1` chunks are under way at once (their packets and untaken thumbnails are bounded).
final class ParallelAnalysis {
    /// Chunks of at least this length (seconds), always whole GOPs.
    static let chunkSeconds = 5.0
    /// Thumbnails a chunk may hold before its worker waits (about 4.6 MB at 96x54).
    static let chunkCapacity = 300

    let workers: Int
    private var chunker: AnalysisChunker
    private let handoff = ChunkHandoff(capacity: ParallelAnalysis.chunkCapacity)
    private let group = DispatchGroup()
    private var inFlight: [AnalysisChunk] = []
    private var finished = false
    /// Decoder errors of the chunks analysed so far, in chunk order.
    private(set) var decodeErrors: [String] = []
    /// Chunks analysed, and packets decoded twice (the next chunk's leading pictures), for tests and benchmarks.
    private(set) var chunks = 0, tailPackets = 0

    /// How many workers to use for `video` of `demuxer`: nil (read it sequentially) on one core, or
    /// when the container's index lists too few keyframes to give each worker chunks (a short file,
    /// one GOP, a format without an index).
    static func workerCount(_ demuxer: Demuxer, video: StreamDetails, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int? {
        let n = min(4, cores)
        guard n >= 2, demuxer.indexedKeyframes(video, upTo: 2 * n) >= 2 * n else { return nil }
        return n
    }

    init(demuxer: Demuxer, video: StreamDetails, origin: Double, workers: Int, chunkSeconds: Double = ParallelAnalysis.chunkSeconds) {
        self.workers = workers
        chunker = AnalysisChunker(minTicks: video.timeBase.ticks(chunkSeconds))
        let worker = AnalysisWorker(handoff: handoff, video: video, parameters: demuxer.parameters[video.index],
                                    path: demuxer.path, origin: origin)
        for _ in 0..<workers { worker.start(in: group) }
    }

    /// Stops the workers (if still running) and waits for them; call on every way out of the pass.
    func shutDown() {
        if !finished { handoff.cancel() }
        handoff.close()
        group.wait()
    }

    /// A video packet read, in decode order (the chunker keeps it: pass a fresh packet each time).
    func add(_ packet: Packet, readShare: Double, into sink: AnalysisSink, progress: ((Double) -> Void)?) throws {
        for chunk in try chunker.add(packet, readShare: readShare) { try dispatch(chunk, into: sink, progress: progress) }
    }

    /// At the end of the video (or where reading broke): analyses what is left.
    func finish(readShare: Double, into sink: AnalysisSink, progress: ((Double) -> Void)?) throws {
        for chunk in try chunker.finish(readShare: readShare) { try dispatch(chunk, into: sink, progress: progress) }
        handoff.close()
        while !inFlight.isEmpty { try feedOldest(into: sink, progress: progress) }
        finished = true
    }

    private func dispatch(_ chunk: AnalysisChunk, into sink: AnalysisSink, progress: ((Double) -> Void)?) throws {
        while inFlight.count > workers { try feedOldest(into: sink, progress: progress) }
        handoff.submit(chunk)
        inFlight.append(chunk)
        chunks += 1
        tailPackets += chunk.tailCount
    }

    /// Feeds the oldest chunk's thumbnails to the sink as the worker delivers them, to its end.
    private func feedOldest(into sink: AnalysisSink, progress: ((Double) -> Void)?) throws {
        let chunk = inFlight.removeFirst()
        while true {
            let (frames, done, errors) = try handoff.take(chunk.index)
            for f in frames { sink.consume(f) }
            if done { decodeErrors += errors; break }
        }
        progress?(chunk.readShare)
    }
}
