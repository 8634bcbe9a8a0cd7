/// How to read a headerless raw video file (`.yuv`): libavformat cannot guess its picture size,
/// pixel format or frame rate, so the user gives them.
public struct RawVideoFormat: Sendable, Hashable, Codable {
    public let width: Int
    public let height: Int
    /// FFmpeg's name, e.g. `yuv420p`, `yuv420p10le`, `yuv444p`.
    public let pixelFormat: String
    public let frameRate: Double

    public init(width: Int, height: Int, pixelFormat: String = "yuv420p", frameRate: Double = 25) {
        self.width = width; self.height = height; self.pixelFormat = pixelFormat; self.frameRate = frameRate
    }
}
