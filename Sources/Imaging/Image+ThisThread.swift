internal import CVips

/// Computing an image on the calling thread. libvips' sinks (`vips_image_copy_memory`,
/// `vips_image_write_to_memory`) hand every tile to a worker thread and wake the caller after each
/// one, even with one worker: a cover makes about fifty such pictures (text trials, masks, patches),
/// and the hand-offs cost more than the pixels. Marquee runs one libvips worker per job
/// (`Vips.setConcurrency`), so the worker adds no parallelism: the caller asks its own region for
/// full-width strips from top to bottom (the order a sequential decoder needs) instead.
extension Image {
    /// Rows per strip: about 64 kilopixels (60 rows of a 1080 px cover), so each step's buffer for a
    /// strip stays in the processor's cache; 256 kilopixels measured the same, 1 megapixel slower.
    static func stripRows(width: Int) -> Int { max(16, 65_536 / max(1, width)) }

    /// Whether computing here loses nothing: libvips runs one worker per pipeline, or the whole
    /// picture is one strip (one worker's share either way).
    var computesHere: Bool { vips_concurrency_get() <= 1 || height <= Self.stripRows(width: width) }

    /// The whole image computed into a new image in memory, on this thread.
    func computedHere() throws(ImagingError) -> Image {
        guard let out = vips_image_new_memory() else { throw ImagingError(operation: "new_memory", message: Vips.takeError()) }
        let result = Image(owning: out)
        var inputs: [UnsafeMutablePointer<VipsImage>?] = [pointer, nil]
        guard vips_image_pipeline_array(out, VIPS_DEMAND_STYLE_THINSTRIP, &inputs) == 0, vips_image_write_prepare(out) == 0,
              let source = vips_region_new(pointer) else {
            throw ImagingError(operation: "copy_memory", message: Vips.takeError())
        }
        defer { mq_unref(source) }
        guard let target = vips_region_new(out) else { throw ImagingError(operation: "copy_memory", message: Vips.takeError()) }
        defer { mq_unref(target) }
        let rows = Self.stripRows(width: width)
        for top in stride(from: 0, to: height, by: rows) {
            var strip = VipsRect(left: 0, top: Int32(top), width: Int32(width), height: Int32(min(rows, height - top)))
            guard vips_region_image(target, &strip) == 0, vips_region_prepare_to(source, target, &strip, 0, strip.top) == 0 else {
                throw ImagingError(operation: "copy_memory", message: Vips.takeError())
            }
        }
        return result
    }

    /// The pixels as packed bytes, computed on this thread (read straight from the picture computed
    /// here when it is 8-bit, the case every caller has).
    func bytesComputedHere() throws(ImagingError) -> [UInt8] {
        let image = try computedHere()
        if let bytes = image.memoryBytes(x: 0, y: 0, width: width, height: height) { return bytes }
        return try image.bytesByWorkers()
    }
}
