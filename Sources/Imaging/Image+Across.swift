/// Horizontal kernel reductions run as vertical ones on the picture turned a quarter. libvips 8.14
/// reduces 8-bit pictures down their columns (`reducev`) with run-time compiled vector code, and across
/// their rows (`reduceh`) with plain C: about six times slower for the same work (a photo 1500 px wide
/// to 870 px, on one thread: 31 ms across against 15 ms turned, reduced down and turned back; 1/3 of
/// a cover: 17 against 10 ms). The two filters are the same lanczos3 (or other kernel) taps; they round
/// their fixed-point sums differently, by 0.03-0.05 grey levels on average on real photographs, at most
/// 5 at a sharp edge (`ImageAcrossTests`). Pictures whose bytes must stay libvips' own (the feed-size
/// picture the reading checks were tuned on: `libvipsResize`) keep `reduceh`.
extension Image {
    /// The picture reduced across by `shrink` (> 1) with `kernel`, the height unchanged; libvips'
    /// `reduceh` for pictures other than 8-bit ones, where the vertical code has no fast path.
    /// `gap` is libvips' reducing gap (0: off). Built outside libvips' operation cache, as
    /// `libvipsResize` explains.
    func reducedAcross(by shrink: Double, kernel: String, gap: Double = 0) throws(ImagingError) -> Image {
        guard format == "uchar" else { return try Self.reduce("reduceh", self, "hshrink", shrink, kernel, gap) }
        let turned = try op("rot", ["in": .image(self), "angle": .string("d90")])
        let reduced = try Self.reduce("reducev", turned, "vshrink", shrink, kernel, gap)
        return try reduced.op("rot", ["in": .image(reduced), "angle": .string("d270")])
    }

    static func reduce(_ name: String, _ image: Image, _ shrink: String, _ by: Double, _ kernel: String,
                       _ gap: Double) throws(ImagingError) -> Image {
        try VipsOperation.call(name, ["in": .image(image), shrink: .double(by), "kernel": .string(kernel), "gap": .double(gap)],
                               cached: false).image()
    }

    /// A kernel reduction by `hshrink` across and `vshrink` down (each ≥ 1), as libvips' `reduce`
    /// (down first, then across), with the across step turned (`reducedAcross`), or libvips' own
    /// `reduceh` with `turned: false` (libvips' bytes: `libvipsResize`).
    /// `staged` holds the vertical result in memory first (see `libvipsResize`).
    func reduced(hshrink: Double, vshrink: Double, kernel: String, gap: Double = 0, staged: Bool = false,
                 turned: Bool = true) throws(ImagingError) -> Image {
        var img = self
        if vshrink > 1 {
            img = try Self.reduce("reducev", img, "vshrink", vshrink, kernel, gap)
            if staged { img = try img.materialized() }
        }
        guard hshrink > 1 else { return img }
        return turned ? try img.reducedAcross(by: hshrink, kernel: kernel, gap: gap) : try Self.reduce("reduceh", img, "hshrink", hshrink, kernel, gap)
    }
}
