/// One plane of a picture, lent to a closure by `Frame.withPlane`: its size, and its rows as byte
/// buffers. The rows are valid only inside that closure (the frame owns the memory); never keep them.
public struct PlaneView {
    /// Samples across and rows of this plane: a 4:2:0 chroma plane is half the picture each way; in
    /// an interleaved plane (nv12's Cb/Cr, packed RGB) one sample spans `bytesPerRow / width` bytes.
    public let width: Int, height: Int
    /// Bytes of one row's pixels (no padding).
    public let bytesPerRow: Int
    /// Distance in bytes between the starts of two rows (at least `bytesPerRow`; may be negative in
    /// pictures stored bottom-up).
    public let stride: Int
    private let base: UnsafeMutablePointer<UInt8>

    init(base: UnsafeMutablePointer<UInt8>, geometry: PlaneGeometry, stride: Int) {
        self.base = base; self.stride = stride
        width = geometry.width; height = geometry.height; bytesPerRow = geometry.bytesPerRow
    }

    /// Row `y` (0 at the top), `bytesPerRow` bytes, readable and writable.
    public func row(_ y: Int) -> UnsafeMutableBufferPointer<UInt8> {
        precondition(y >= 0 && y < height, "row \(y) outside a plane of \(height) rows")
        return UnsafeMutableBufferPointer(start: base + y * stride, count: bytesPerRow)
    }

    /// The byte at column `x` (a byte index within the row) of row `y`.
    public subscript(x: Int, y: Int) -> UInt8 {
        get { row(y)[x] }
        nonmutating set { row(y)[x] = newValue }
    }
}
