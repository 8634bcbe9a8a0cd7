internal import CVips
import Foundation

/// libvips start-up, settings and error capture. `Vips.ensureStarted()` is called by every entry point.
public enum Vips {
    private static let started: Bool = {
        let ok = vips_init("marquee") == 0
        // Operation cache: small, so a long batch keeps bounded memory.
        vips_cache_set_max(40)
        vips_cache_set_max_mem(24 * 1024 * 1024)
        vips_cache_set_max_files(20)
        return ok
    }()

    /// Starts libvips once per process; throws when it cannot start (missing modules, bad install).
    public static func ensureStarted() throws(ImagingError) {
        guard started else { throw ImagingError(operation: "vips_init", message: takeError()) }
    }

    /// Starts libvips on a thread of its own (loading its modules takes about 35 ms), so that a command
    /// can read its presets meanwhile; the first operation waits for it if it is not done.
    public static func startAhead() {
        Thread { _ = started }.start()
    }

    /// The libvips version, e.g. `8.14.1`.
    public static var version: String {
        _ = started
        return "\(vips_version(0)).\(vips_version(1)).\(vips_version(2))"
    }

    /// Threads libvips uses inside one pipeline.
    public static func setConcurrency(_ n: Int) {
        _ = started
        vips_concurrency_set(Int32(n))
    }

    /// Takes and clears libvips' error buffer.
    static func takeError() -> String {
        let msg = vips_error_buffer().map { String(cString: $0) } ?? ""
        vips_error_clear()
        return msg.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// An error from libvips, with the library's own message and the operation that failed.
public struct ImagingError: Error, Sendable, CustomStringConvertible {
    public let operation: String
    public let message: String
    public init(operation: String, message: String) { self.operation = operation; self.message = message }
    public var description: String {
        message.isEmpty ? "libvips \(operation) failed" : "libvips \(operation): \(message)"
    }
}
