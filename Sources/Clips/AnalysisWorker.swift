import Foundation
import Media

/// One thread of the GOP-parallel analysis: takes chunks from the hand-off in order, decodes each with
/// its own single-threaded fast decoder, scales the pictures in its range to thumbnails and hands them
/// back in batches. Owns its decoder, frame and thumbnailer; touches nothing else.
struct AnalysisWorker: Sendable {
    let handoff: ChunkHandoff
    let video: StreamDetails
    let parameters: StreamParameters?
    let path: String
    let origin: Double
    /// Thumbnails handed over at a time.
    static let batch = 16

    /// Starts the worker on a thread of its own (FFmpeg blocks); `group` is left when it returns.
    func start(in group: DispatchGroup) {
        group.enter()
        let thread = Thread { [self] in
            run()
            group.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func run() {
        let decoder: Decoder, frame: Frame, thumbnailer: AnalysisThumbnailer
        do {
            decoder = try Decoder(parameters: parameters, stream: video, path: path, threads: 1, fast: true)
            frame = try Frame()
            thumbnailer = try AnalysisThumbnailer(video: video, origin: origin)
        } catch {
            while let chunk = handoff.next() { handoff.complete(chunk: chunk.index, decodeErrors: [], failure: error) }
            return
        }
        while let chunk = handoff.next() {
            let seen = decoder.errors.count
            do {
                try decode(chunk, decoder, frame, thumbnailer)
                handoff.complete(chunk: chunk.index, decodeErrors: Array(decoder.errors[seen...]), failure: nil)
            } catch {
                handoff.complete(chunk: chunk.index, decodeErrors: [], failure: error)
            }
            decoder.flush()
        }
    }

    private struct Stopped: Error {}

    private func decode(_ chunk: AnalysisChunk, _ decoder: Decoder, _ frame: Frame, _ thumbnailer: AnalysisThumbnailer) throws {
        var out: [AnalysisFrame] = []
        out.reserveCapacity(Self.batch)
        func take() throws {
            while try decoder.receive(into: frame) {
                let pts = frame.bestEffortPts
                guard pts != Packet.noTimestamp, chunk.contains(pts) else { continue }
                out.append(try thumbnailer.thumbnail(frame, pts: pts))
                if out.count >= Self.batch {
                    guard handoff.deliver(out, chunk: chunk.index) else { throw Stopped() }
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        for p in chunk.packets {
            try decoder.send(p)
            try take()
        }
        try decoder.send(nil)
        try take()
        if !out.isEmpty { guard handoff.deliver(out, chunk: chunk.index) else { throw Stopped() } }
    }
}
