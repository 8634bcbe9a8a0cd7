import Foundation
import Media
import QualityKernels
import Support

/// One input decoded on a thread of its own, a few pictures ahead of the comparison.
final class PictureStream: Sendable {
    enum Item: Sendable {
        case picture(Picture, time: Double)
        case end(decodeErrors: [String])
        case failure(MediaError)
    }

    let queue = BoundedQueue<Item>(capacity: 4)
    let path: String

    /// Starts decoding at once; the reader is handed over to the decoding thread and used only there.
    init(_ reader: sending VideoReader) {
        path = reader.path
        let queue = self.queue
        let box = ReaderBox(reader)
        let thread = Thread {
            guard let reader = box.take() else { return }
            do throws(MediaError) {
                while let p = try reader.next() {
                    if !queue.put(.picture(p.picture, time: p.time)) { return }
                }
                queue.put(.end(decodeErrors: reader.decodeErrors))
            } catch {
                queue.put(.failure(error))
            }
        }
        thread.name = "marquee-decode"
        thread.start()
    }

    /// The next item; `.end` again once the input is done.
    func next() -> Item { queue.take() ?? .end(decodeErrors: []) }

    /// Stops the decoding thread early (when the other input ended first).
    func stop() { queue.close() }
}

/// Moves a reader to the thread that decodes with it; it is used there only.
private final class ReaderBox: @unchecked Sendable {
    // Safe to share: the reader is taken once, by the decoding thread, and never touched here again.
    private var reader: VideoReader?
    init(_ reader: sending VideoReader) { self.reader = reader }
    func take() -> VideoReader? { defer { reader = nil }; return reader }
}

extension VideoPicture {
    /// The kernels' view of this picture (no copy: the planes' arrays are shared).
    public var picture: Picture {
        func plane(_ i: Int, _ w: Int, _ h: Int) -> Plane { Plane(width: w, height: h, bitDepth: bitDepth, samples: planes[i]) }
        return Picture(y: plane(0, width, height), u: plane(1, chromaWidth, chromaHeight), v: plane(2, chromaWidth, chromaHeight))
    }
}
