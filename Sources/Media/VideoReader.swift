internal import CFFmpeg

/// Reads the pictures of a file's first video stream in presentation order, as `VideoPicture`s of
/// a chosen size: decodes with libavcodec and converts with swscale (only when the size or the
/// layout differs). 8-bit and 10-bit 4:2:0, 4:2:2 and 4:4:4 keep their layout; anything else
/// (RGB, NV12, 4:1:1, 12-bit…) is converted to the nearest of those. Owns its demuxer, decoder and
/// swscale context; one thread uses it at a time.
public final class VideoReader {
    public let path: String
    public let stream: StreamDetails
    /// The stream's coded picture size and pixel format.
    public let sourceWidth: Int, sourceHeight: Int
    public let sourcePixelFormat: String
    /// The size pictures come out at.
    public let width: Int, height: Int
    /// Container duration in seconds (0 when unknown) and average frame rate (0 when unknown).
    public let duration: Double
    public var frameRate: Double { stream.frameRate }

    let demuxer: Demuxer
    let decoder: Decoder
    let packet: Packet
    let frame: Frame
    let converter: PictureConverter
    var draining = false
    var produced = 0

    /// `width`/`height`: the output size (nil: the source's). `layout`: the bit depth and chroma
    /// subsampling pictures must have (nil: the source's, or the nearest supported).
    /// `quality`: swscale's filter when scaling.
    public init(path: String, raw: RawVideoFormat? = nil, width: Int? = nil, height: Int? = nil,
                layout: PictureLayout? = nil, quality: Scaler.Quality = .bicubic, threads: Int = 1) throws(MediaError) {
        self.path = path
        packet = try Packet()
        frame = try Frame()
        demuxer = try Demuxer(path: path, raw: raw)
        guard let video = demuxer.bestStream("video") else {
            throw MediaError(path: path, action: "find a video stream", message: "the file has no video stream")
        }
        stream = video
        decoder = try Decoder(demuxer, stream: video, threads: threads)
        sourceWidth = video.info.width ?? 0
        sourceHeight = video.info.height ?? 0
        sourcePixelFormat = video.pixelFormat
        guard sourceWidth > 0, sourceHeight > 0 else {
            throw MediaError(path: path, action: "read the video size", message: "the video stream has no picture size")
        }
        self.width = width ?? sourceWidth
        self.height = height ?? sourceHeight
        duration = demuxer.duration
        converter = try PictureConverter(path: path, sourceFormat: video.pixelFormat,
                                         width: self.width, height: self.height, quality: quality, layout: layout)
    }

    /// The bit depth and chroma subsampling pictures come out with.
    public var layout: PictureLayout { converter.layout }

    /// The next picture, or nil at the end of the stream. Decode errors the decoder got past are in
    /// `decodeErrors`; a read error (truncated file) throws.
    public func next() throws(MediaError) -> VideoPicture? {
        try nextShared()?.picture
    }

    /// The next picture and the decoded frame it came from (shared, for encoders on other threads).
    public func nextShared() throws(MediaError) -> (picture: VideoPicture, frame: SharedFrame)? {
        while true {
            if try decoder.receive(into: frame) {
                let t = stream.timeBase.seconds(frame.bestEffortPts == Packet.noTimestamp ? 0 : frame.bestEffortPts)
                    - stream.timeBase.seconds(stream.startTime ?? 0)
                let picture = try converter.convert(frame, index: produced, time: t)
                let shared = try SharedFrame(cloning: frame, index: produced)
                produced += 1
                return (picture, shared)
            }
            if draining { return nil }
            if try demuxer.read(into: packet) {
                if packet.streamIndex == stream.index { try decoder.send(packet) }
            } else {
                draining = true
                try decoder.send(nil)
            }
        }
    }

    /// Moves to the keyframe at or before `seconds` (from the stream's first frame; before 0 means 0);
    /// the pictures that follow may start a little before it: callers skip by `time`.
    public func seek(to seconds: Double) throws(MediaError) {
        try demuxer.seek(stream, toSeconds: max(0, seconds))
        decoder.flush()
        draining = false
    }

    /// Problems the decoder reported and got past (corrupt packets).
    public var decodeErrors: [String] { decoder.errors }
}
