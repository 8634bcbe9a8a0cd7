internal import CFFmpeg

/// An error from FFmpeg, as SwiftNIO's `IOError` keeps errno: the library's code (an `AVERROR`, when
/// FFmpeg gave one), its own message (`av_strerror`), and what was being done to which file or item.
public struct MediaError: Error, Sendable, CustomStringConvertible {
    /// The file (or, for an encoder, the item) being worked on; empty when there is none.
    public private(set) var path: String
    public let action: String
    public let message: String
    /// FFmpeg's `AVERROR` code (negative), nil when the error is Marquee's own (no library code).
    public let code: Int32?

    public init(path: String, action: String, message: String) {
        self.path = path; self.action = action; self.message = message; code = nil
    }

    /// An FFmpeg failure: `code` is what the library returned, its message is the library's.
    init(path: String, action: String, code: Int32) {
        var buf = [CChar](repeating: 0, count: 256)
        message = buf.withUnsafeMutableBufferPointer { String(cString: mq_err2str(code, $0.baseAddress, $0.count)) }
        self.path = path; self.action = action; self.code = code
    }

    /// The same error, about `path` (the file the work was for).
    func about(_ path: String) -> MediaError {
        var e = self
        e.path = path
        return e
    }

    /// An allocation FFmpeg refused (it returns NULL, which means out of memory).
    static func outOfMemory(_ path: String, _ action: String) -> MediaError {
        MediaError(path: path, action: action, code: mq_averror(ENOMEM))
    }

    /// FFmpeg's code for a POSIX `errno` value (`AVERROR(e)`), to compare with `code`.
    public static func code(errno e: Int32) -> Int32 { mq_averror(e) }

    public var description: String {
        let codeText = code.map { " (AVERROR \($0))" } ?? ""
        return (path.isEmpty ? "" : "\(path): ") + "\(action): \(message)" + codeText
    }
}
