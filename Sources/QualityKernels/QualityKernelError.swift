/// Why a quality kernel refused its inputs. Every kernel validates its inputs and throws
/// one of these instead of trapping, so malformed input can never crash the engine.
public enum QualityKernelError: Error, Sendable, Equatable {
    /// Reference and distorted planes differ in width or height.
    case sizeMismatch(referenceWidth: Int, referenceHeight: Int,
                      distortedWidth: Int, distortedHeight: Int)
    /// Reference and distorted planes differ in bit depth.
    case bitDepthMismatch(reference: Int, distorted: Int)
    /// The kernel does not handle this bit depth (see each kernel for its range).
    case unsupportedBitDepth(Int)
    /// The plane is smaller than the kernel needs (SSIM needs 8x8, MS-SSIM 176x176).
    case planeTooSmall(width: Int, height: Int, minimumWidth: Int, minimumHeight: Int)
}

/// Shared input checks for the kernels.
enum PlaneValidation {
    /// Throws unless both planes have the same geometry and bit depth, and the depth is in `depths`.
    static func check(_ reference: Plane, _ distorted: Plane, depths: ClosedRange<Int>) throws {
        guard reference.width == distorted.width, reference.height == distorted.height else {
            throw QualityKernelError.sizeMismatch(
                referenceWidth: reference.width, referenceHeight: reference.height,
                distortedWidth: distorted.width, distortedHeight: distorted.height)
        }
        guard reference.bitDepth == distorted.bitDepth else {
            throw QualityKernelError.bitDepthMismatch(reference: reference.bitDepth,
                                                      distorted: distorted.bitDepth)
        }
        guard depths.contains(reference.bitDepth) else {
            throw QualityKernelError.unsupportedBitDepth(reference.bitDepth)
        }
        // `samples` is a public var, so a caller could have shrunk it after init.
        let count = reference.width * reference.height
        guard reference.samples.count == count, distorted.samples.count == count else {
            throw QualityKernelError.sizeMismatch(
                referenceWidth: reference.width, referenceHeight: reference.samples.count / max(reference.width, 1),
                distortedWidth: distorted.width, distortedHeight: distorted.samples.count / max(distorted.width, 1))
        }
    }
}
