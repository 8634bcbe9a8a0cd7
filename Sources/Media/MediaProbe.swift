internal import CFFmpeg

/// A stream as the demuxer sees it.
public struct StreamInfo: Sendable, Hashable, Codable {
    public let index: Int
    /// `video`, `audio`, `subtitle`, `data` or `unknown`.
    public let type: String
    public let codec: String
    public let width: Int?
    public let height: Int?
    public let sampleRate: Int?
    public let channels: Int?
}

/// What a media file holds: container, duration and streams.
public struct MediaInfo: Sendable, Hashable, Codable {
    public let path: String
    public let container: String
    public let duration: Double
    public let streams: [StreamInfo]
}

/// Owns one `AVFormatContext` opened for reading and closes it when released.
final class InputContext {
    let pointer: UnsafeMutablePointer<AVFormatContext>

    /// `raw`: the size, pixel format and rate of a headerless raw video file (`.yuv`), which
    /// libavformat cannot guess.
    init(path: String, raw: RawVideoFormat? = nil) throws(MediaError) {
        var options: OpaquePointer?
        var format: UnsafePointer<AVInputFormat>?
        if let raw {
            format = av_find_input_format("rawvideo")
            av_dict_set(&options, "video_size", "\(raw.width)x\(raw.height)", 0)
            av_dict_set(&options, "pixel_format", raw.pixelFormat, 0)
            av_dict_set(&options, "framerate", "\(raw.frameRate)", 0)
        }
        defer { av_dict_free(&options) }
        var p: UnsafeMutablePointer<AVFormatContext>?
        let rc = avformat_open_input(&p, path, format, &options)
        guard rc >= 0, let opened = p else { throw MediaError(path: path, action: "open", code: rc < 0 ? rc : mq_averror(ENOMEM)) }
        let info = avformat_find_stream_info(opened, nil)
        guard info >= 0 else {
            avformat_close_input(&p)
            throw MediaError(path: path, action: "read stream info", code: info)
        }
        pointer = opened
    }

    deinit { var p: UnsafeMutablePointer<AVFormatContext>? = pointer; avformat_close_input(&p) }
}

public enum MediaProbe {
    /// Reads a media file's container and stream parameters with libavformat.
    public static func probe(_ path: String) throws(MediaError) -> MediaInfo {
        let input = try InputContext(path: path)
        return try describe(input.pointer, path: path)
    }

    static func describe(_ ctx: UnsafeMutablePointer<AVFormatContext>, path: String) throws(MediaError) -> MediaInfo {
        var streams: [StreamInfo] = []
        for i in 0..<Int(ctx.pointee.nb_streams) {
            guard let st = ctx.pointee.streams?[i], let par = st.pointee.codecpar else { continue }
            let p = par.pointee
            let type: String = switch p.codec_type {
            case AVMEDIA_TYPE_VIDEO: "video"
            case AVMEDIA_TYPE_AUDIO: "audio"
            case AVMEDIA_TYPE_SUBTITLE: "subtitle"
            case AVMEDIA_TYPE_DATA: "data"
            default: "unknown"
            }
            let codec = avcodec_get_name(p.codec_id).map { String(cString: $0) } ?? "unknown"
            streams.append(StreamInfo(
                index: i, type: type, codec: codec,
                width: type == "video" ? Int(p.width) : nil, height: type == "video" ? Int(p.height) : nil,
                sampleRate: type == "audio" ? Int(p.sample_rate) : nil,
                channels: type == "audio" ? Int(p.ch_layout.nb_channels) : nil))
        }
        let container = ctx.pointee.iformat.flatMap { $0.pointee.name.map { String(cString: $0) } } ?? "unknown"
        let duration = ctx.pointee.duration == mq_nopts() ? 0 : Double(ctx.pointee.duration) / Double(AV_TIME_BASE)
        return MediaInfo(path: path, container: container, duration: duration, streams: streams)
    }

    /// The linked FFmpeg library versions, e.g. `avformat 59.27.100`.
    public static var libraryVersions: String {
        func v(_ x: UInt32) -> String { "\(x >> 16).\((x >> 8) & 0xFF).\(x & 0xFF)" }
        return "avformat \(v(avformat_version())), avcodec \(v(avcodec_version()))"
    }
}
