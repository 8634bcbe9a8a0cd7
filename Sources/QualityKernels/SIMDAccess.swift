// Unaligned SIMD loads and stores on raw sample memory, shared by the kernels.

/// Loads 16 `UInt16` samples at `pointer + offset` and widens them to 32-bit lanes.
@inline(__always)
func load16(_ pointer: UnsafePointer<UInt16>, _ offset: Int) -> SIMD16<UInt32> {
    widen(UnsafeRawPointer(pointer + offset).loadUnaligned(as: SIMD16<UInt16>.self))
}

/// Loads 16 `UInt16` samples at `pointer + offset` without widening.
@inline(__always)
func loadRaw16(_ pointer: UnsafePointer<UInt16>, _ offset: Int) -> SIMD16<UInt16> {
    UnsafeRawPointer(pointer + offset).loadUnaligned(as: SIMD16<UInt16>.self)
}

/// Stores the low 16 bits of each lane at `pointer + offset`.
@inline(__always)
func store16(_ value: SIMD16<UInt32>, _ pointer: UnsafeMutablePointer<UInt16>, _ offset: Int) {
    UnsafeMutableRawPointer(pointer + offset)
        .storeBytes(of: narrow(value), as: SIMD16<UInt16>.self)
}

/// Stores 16 `UInt16` lanes at `pointer + offset`.
@inline(__always)
func storeRaw16(_ value: SIMD16<UInt16>, _ pointer: UnsafeMutablePointer<UInt16>, _ offset: Int) {
    UnsafeMutableRawPointer(pointer + offset).storeBytes(of: value, as: SIMD16<UInt16>.self)
}

/// Loads 16 `Int32` values at `pointer + offset`.
@inline(__always)
func loadInt32x16(_ pointer: UnsafePointer<Int32>, _ offset: Int) -> SIMD16<Int32> {
    UnsafeRawPointer(pointer + offset).loadUnaligned(as: SIMD16<Int32>.self)
}

/// Stores 16 `Int32` values at `pointer + offset`.
@inline(__always)
func storeInt32x16(_ value: SIMD16<Int32>, _ pointer: UnsafeMutablePointer<Int32>, _ offset: Int) {
    UnsafeMutableRawPointer(pointer + offset).storeBytes(of: value, as: SIMD16<Int32>.self)
}

/// Loads 16 `UInt32` lanes at `pointer + offset`.
@inline(__always)
func load32(_ pointer: UnsafePointer<UInt32>, _ offset: Int) -> SIMD16<UInt32> {
    UnsafeRawPointer(pointer + offset).loadUnaligned(as: SIMD16<UInt32>.self)
}

/// Stores 16 `UInt32` lanes at `pointer + offset`.
@inline(__always)
func store32(_ value: SIMD16<UInt32>, _ pointer: UnsafeMutablePointer<UInt32>, _ offset: Int) {
    UnsafeMutableRawPointer(pointer + offset).storeBytes(of: value, as: SIMD16<UInt32>.self)
}
