/// One decoded picture as plain samples, for code that computes on pixels (quality metrics):
/// three planes (Y, U, V), row-major without padding, 8-bit values 0…255 or 10-bit 0…1023 in
/// `UInt16`s. Chroma planes are `width >> chromaShiftX` by `height >> chromaShiftY` (rounded up).
public struct VideoPicture: Sendable {
    /// 0-based index in decoding output order (presentation order).
    public let index: Int
    /// Presentation time in seconds from the stream's first frame.
    public let time: Double
    public let width: Int
    public let height: Int
    public let bitDepth: Int
    public let chromaShiftX: Int
    public let chromaShiftY: Int
    public let planes: [[UInt16]]

    public init(index: Int, time: Double, width: Int, height: Int, bitDepth: Int,
                chromaShiftX: Int, chromaShiftY: Int, planes: [[UInt16]]) {
        self.index = index; self.time = time; self.width = width; self.height = height
        self.bitDepth = bitDepth; self.chromaShiftX = chromaShiftX; self.chromaShiftY = chromaShiftY
        self.planes = planes
    }

    /// Bit depth and chroma subsampling, without the size.
    public var layout: PictureLayout { PictureLayout(bitDepth: bitDepth, chromaShiftX: chromaShiftX, chromaShiftY: chromaShiftY) }

    public var chromaWidth: Int { (width + (1 << chromaShiftX) - 1) >> chromaShiftX }
    public var chromaHeight: Int { (height + (1 << chromaShiftY) - 1) >> chromaShiftY }

    /// `yuv420p`, `yuv444p10le`…: FFmpeg's name of this layout.
    public var formatName: String {
        let sub = switch (chromaShiftX, chromaShiftY) { case (0, 0): "444"; case (1, 0): "422"; default: "420" }
        return "yuv\(sub)p" + (bitDepth > 8 ? "\(bitDepth)le" : "")
    }
}

/// Bit depth and chroma subsampling of planar YUV pictures: 8 or 10 bits; shifts (1, 1) for
/// 4:2:0, (1, 0) for 4:2:2, (0, 0) for 4:4:4.
public struct PictureLayout: Sendable, Hashable, Codable, CustomStringConvertible {
    public let bitDepth: Int
    public let chromaShiftX: Int
    public let chromaShiftY: Int
    public init(bitDepth: Int, chromaShiftX: Int, chromaShiftY: Int) {
        self.bitDepth = bitDepth; self.chromaShiftX = chromaShiftX; self.chromaShiftY = chromaShiftY
    }
    public var description: String {
        let sub = switch (chromaShiftX, chromaShiftY) { case (0, 0): "4:4:4"; case (1, 0): "4:2:2"; default: "4:2:0" }
        return "\(bitDepth)-bit \(sub)"
    }
}
