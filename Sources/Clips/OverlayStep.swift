import Media

/// `overlay:<stage>`: blends one overlay stage's pictures (rendered once by libvips, converted once to
/// 4:2:0 planes) into the frames they cover. A frame none of them covers passes through untouched.
final class OverlayStep: FrameStep {
    let name: String
    let overlays: [OverlayPlanes]

    init(stage: String, overlays: [OverlayPlanes]) {
        name = "overlay:\(stage)"
        self.overlays = overlays
    }

    func apply(_ picture: Frame, at time: Double, pool: FramePool) throws -> Frame {
        let active = overlays.filter { $0.isActive(at: time) }
        guard !active.isEmpty else { return picture }
        let out = try pool.writable(picture)
        for o in active { try o.blend(into: out) }
        return out
    }
}
