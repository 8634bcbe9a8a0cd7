import Foundation

/// A value passed to a libvips operation argument. Enum and flag arguments take their nick as `.string`.
public enum VipsArgument: Sendable {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case image(Image)
    case doubles([Double])
    case ints([Int])
    case images([Image])
    case blob(Data)
}

/// What a libvips operation returned: images, numbers and blobs by argument name.
public struct VipsOutputs: Sendable {
    public internal(set) var images: [String: Image] = [:]
    public internal(set) var numbers: [String: Double] = [:]
    public internal(set) var blobs: [String: Data] = [:]
    public internal(set) var arrays: [String: [Double]] = [:]

    public func image(_ name: String = "out") throws(ImagingError) -> Image {
        guard let img = images[name] else {
            throw ImagingError(operation: "output", message: "no image output `\(name)`")
        }
        return img
    }
}
