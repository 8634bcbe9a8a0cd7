internal import CVips

extension Image {
    /// The packed RGB bytes of a box read straight from an image held in memory (`materialized()`,
    /// 8-bit, three bands), row by row; nil when the image is not such an image or the box is not
    /// inside it. A libvips pipeline per box (crop, extract, write to memory) costs more than the
    /// reading itself when a check reads every text line of a cover, and wakes libvips' workers each time.
    func memoryRGB(x: Int, y: Int, width w: Int, height h: Int) -> [UInt8]? {
        let image = pointer.pointee
        guard image.dtype == VIPS_IMAGE_SETBUF, let data = image.data, bands == 3, format == "uchar",
              x >= 0, y >= 0, w > 0, h > 0, x + w <= width, y + h <= height else { return nil }
        let rowBytes = w * 3, stride = width * 3
        return [UInt8](unsafeUninitializedCapacity: rowBytes * h) { out, count in
            for row in 0..<h {
                let from = data.advanced(by: (y + row) * stride + x * 3)
                out.baseAddress!.advanced(by: row * rowBytes).update(from: from, count: rowBytes)
            }
            count = rowBytes * h
        }
    }
}
