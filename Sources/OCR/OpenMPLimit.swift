internal import CTesseract
import Foundation

/// Tesseract (Debian's build) runs its LSTM loops on OpenMP teams of up to ten threads. Marquee
/// already reads covers in parallel, one recogniser per core, and libgomp's waiting threads then
/// cost several times the reading itself (10 covers' legibility: 12.4 s of CPU, 4.7 s of it in
/// futex calls, against 3.6 s with one OpenMP thread). Each thread that reads text therefore allows
/// itself no active parallel region (libgomp keeps that setting per thread, so it is made on the
/// reading thread, before it reads): every region then runs on that thread alone. A limit the user set
/// in `OMP_THREAD_LIMIT` is kept.
public enum OpenMPLimit {
    public static let variable = "OMP_THREAD_LIMIT"

    /// Makes Tesseract's parallel regions run on the calling thread alone, unless the user set a limit.
    public static func oneThreadHere() {
        guard getenv(variable) == nil else { return }
        omp_set_max_active_levels(0)
    }
}
