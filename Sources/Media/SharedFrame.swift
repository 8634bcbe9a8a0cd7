internal import CFFmpeg

/// A decoded picture shared read-only between threads (the source of a ladder, fed to every rung):
/// its own reference to FFmpeg's refcounted buffers, freed when the last holder lets go.
public final class SharedFrame: @unchecked Sendable {
    // Safe to share: the frame is never written after it is made; readers only read its planes.
    let frame: Frame
    public let index: Int

    init(cloning source: Frame, index: Int) throws(MediaError) {
        let f = try Frame()
        let rc = av_frame_ref(f.pointer, source.pointer)
        guard rc >= 0 else { throw MediaError(path: "", action: "keep a decoded picture", code: rc) }
        frame = f
        self.index = index
    }

    /// The same picture under another index (a ladder renumbers sampled frames consecutively).
    public func reindexed(_ index: Int) throws(MediaError) -> SharedFrame {
        try SharedFrame(cloning: frame, index: index)
    }

    public var width: Int { frame.width }
    public var height: Int { frame.height }
}
