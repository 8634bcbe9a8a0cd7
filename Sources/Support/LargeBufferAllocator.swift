#if os(Linux)
/// glibc's `int mallopt(int param, int value)` (malloc.h, which Swift's Glibc module does not import).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// glibc's allocator settings for a process that allocates and frees picture-sized buffers all the
/// time (libvips' regions and strips, decoded photos, Tesseract's pages).
///
/// By default glibc serves each block of 128 KB or more (a threshold it raises as such blocks are freed,
/// up to 32 MB) with a fresh `mmap` and hands it back with `munmap` when freed, and gives back the top of
/// its heap once 128 KB of it is free: every new buffer is then new pages, faulted in and zeroed by the
/// kernel. Here blocks under 32 MB come from the heap and stay there for the next buffer, and the heap
/// keeps up to 32 MB free at its top. Composing the bench's 20 covers with their checks: about 70,000-95,000
/// page faults before, 40,000 after, peak memory 10-20 MB higher (docs/benchmarks.md, session 19).
public enum LargeBufferAllocator {
    public static let mmapThresholdBytes: Int32 = 32 * 1024 * 1024
    public static let trimThresholdBytes: Int32 = 32 * 1024 * 1024

    /// Applies the settings; call once, before the first large allocation. Returns false where the
    /// C library is not glibc or refuses them (the process then runs with its defaults).
    @discardableResult
    public static func configure() -> Bool {
        #if os(Linux)
        // malloc.h: M_TRIM_THRESHOLD is -1, M_MMAP_THRESHOLD -3; setting them also stops glibc adjusting them.
        let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1
        return glibcMallopt(mmapThreshold, mmapThresholdBytes) == 1 && glibcMallopt(trimThreshold, trimThresholdBytes) == 1
        #else
        return false
        #endif
    }
}
