import Foundation

/// Tesseract (Debian's build) runs its LSTM loops on OpenMP teams of up to ten threads. Marquee
/// already reads covers in parallel, one recognizer per core, and libgomp's waiting threads then
/// cost several times the reading itself (10 covers' legibility: 12.4 s of CPU, 4.7 s of it in
/// futex calls, against 3.6 s with one OpenMP thread). libgomp takes its thread limit from
/// `OMP_THREAD_LIMIT` once, as it loads, before any Swift code runs; so a command that will read
/// text sets the variable and starts the same program again (same PID, same arguments).
public enum OpenMPLimit {
    public static let variable = "OMP_THREAD_LIMIT"

    /// When `OMP_THREAD_LIMIT` is unset (a user's own setting is kept), sets it to 1 and replaces this
    /// process with a fresh start of the same executable. Returns only when that is not needed or
    /// the restart failed (the run then goes on, only slower).
    public static func restartWithOneThreadIfNeeded() {
        guard getenv(variable) == nil else { return }
        setenv(variable, "1", 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
