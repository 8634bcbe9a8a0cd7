/// A growable block of zero-initialised scratch memory owned by a workspace object.
///
/// Kernels keep their temporaries in these buffers so that the hot loops neither allocate
/// nor pay for array bounds checks; a buffer only grows (never shrinks) when a larger
/// picture arrives.
final class ScratchBuffer<Element: BitwiseCopyable> {
    private(set) var pointer: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    private let zero: Element

    init(capacity: Int = 1, zero: Element) {
        self.capacity = max(capacity, 1)
        self.zero = zero
        pointer = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
        pointer.initialize(repeating: zero, count: self.capacity)
    }

    /// Makes room for at least `count` elements; contents are lost (reset to zero) on growth.
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        capacity = count
        pointer = UnsafeMutablePointer<Element>.allocate(capacity: count)
        pointer.initialize(repeating: zero, count: count)
    }

    deinit { pointer.deallocate() }
}

extension ScratchBuffer where Element == UInt16 {
    convenience init(capacity: Int = 1) { self.init(capacity: capacity, zero: 0) }
}

extension ScratchBuffer where Element == UInt32 {
    convenience init(capacity: Int = 1) { self.init(capacity: capacity, zero: 0) }
}

extension ScratchBuffer where Element == Int32 {
    convenience init(capacity: Int = 1) { self.init(capacity: capacity, zero: 0) }
}

/// Reflects an index into `0..<count` the way libvmaf pads its filters: mirror about the
/// first and last sample without repeating them (-1 -> 1, count -> count - 2).
@inline(__always)
func mirrorIndex(_ index: Int, _ count: Int) -> Int {
    if index >= 0 && index < count { return index }
    if count == 1 { return 0 }
    let period = 2 * (count - 1)
    var x = index % period
    if x < 0 { x += period }
    return x < count ? x : period - x
}

/// Rounds `value` up to a multiple of 16 (the SIMD block width of the kernels).
@inline(__always)
func roundUp16(_ value: Int) -> Int { (value + 15) & ~15 }
