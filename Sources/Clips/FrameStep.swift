import Media

/// One named step of a clip's per-frame work (`convert`, `rotate:90`, `reframe:blur-fit`,
/// `overlay:title-overlay`), as imgproxy runs named pipeline steps: `ClipPlanner` lists the steps a
/// clip needs, in order, and `FrameRenderer` runs them on every frame; clips.json records their names.
///
/// A step gets the picture the previous step returned and returns its result: the same picture (nothing
/// to do), one it drew into in place (only a picture `FramePool.writable` gave it: the decoded frame is
/// shared by every clip that needs it), or a picture of its own from the pool. Every step but `convert`
/// takes and returns 8-bit 4:2:0 pictures (yuv420p) of even width and height.
protocol FrameStep: AnyObject {
    /// What clips.json calls it.
    var name: String { get }
    /// This step's result for the picture shown at clip-relative `time` seconds.
    func apply(_ picture: Frame, at time: Double, pool: FramePool) throws -> Frame
}
