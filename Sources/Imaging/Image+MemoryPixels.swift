internal import CVips

extension Image {
    /// The packed bytes of a box read straight from an 8-bit image held in memory (`materialized()`),
    /// row by row; nil when the image is not such an image or the box is not inside it. A libvips
    /// pipeline (crop, write to memory) per read costs more than the reading itself when a check reads
    /// every text line of a cover, and wakes libvips' workers each time.
    func memoryBytes(x: Int, y: Int, width w: Int, height h: Int) -> [UInt8]? {
        let image = pointer.pointee
        guard image.dtype == VIPS_IMAGE_SETBUF, let data = image.data, format == "uchar",
              x >= 0, y >= 0, w > 0, h > 0, x + w <= width, y + h <= height else { return nil }
        let n = bands, rowBytes = w * n, stride = width * n
        return [UInt8](unsafeUninitializedCapacity: rowBytes * h) { out, count in
            for row in 0..<h {
                let from = data.advanced(by: (y + row) * stride + x * n)
                out.baseAddress!.advanced(by: row * rowBytes).update(from: from, count: rowBytes)
            }
            count = rowBytes * h
        }
    }
}
