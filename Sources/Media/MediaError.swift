internal import CFFmpeg

/// An error from FFmpeg, with its own message (`av_strerror`) and what was being done to which file.
public struct MediaError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let action: String
    public let message: String

    public init(path: String, action: String, message: String) {
        self.path = path; self.action = action; self.message = message
    }

    init(path: String, action: String, code: Int32) {
        var buf = [CChar](repeating: 0, count: 256)
        let msg = buf.withUnsafeMutableBufferPointer { String(cString: mq_err2str(code, $0.baseAddress, $0.count)) }
        self.init(path: path, action: action, message: msg)
    }

    public var description: String { "\(path): \(action): \(message)" }
}
