internal import CFFmpeg

/// FFmpeg's own console messages. Marquee reports errors itself (with file, clip and what to do), so
/// FFmpeg's log is off unless `MARQUEE_FFMPEG_LOG` asks for it (`error`, `warning`, `info`, `verbose`).
public enum MediaLog {
    public static func configure(_ level: String?) {
        let l: Int32 = switch level?.lowercased() {
        case "error": AV_LOG_ERROR
        case "warning": AV_LOG_WARNING
        case "info": AV_LOG_INFO
        case "verbose": AV_LOG_VERBOSE
        case "debug": AV_LOG_DEBUG
        default: AV_LOG_QUIET
        }
        av_log_set_level(l)
    }
}
