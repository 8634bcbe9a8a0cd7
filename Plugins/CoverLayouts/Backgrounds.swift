import Imaging
import Support
import PluginKit
import Presets
import Covers

/// Canvas fills and colour treatments named by category presets.
enum Backgrounds {
    /// `blur`: the photo cover-filled and blurred (blurred small, then enlarged: same look, a fraction
    /// of the cost); `solid`: a calm colour taken from the photo; `gradient`: two accent colours.
    static func make(_ fill: String, photo: Image, width: Int, height: Int, accents: [Color]) throws -> (Image, String) {
        switch fill {
        case "solid":
            let c = try calmColour(photo)
            return (try Image.solid(width: width, height: height, rgb: c.components), "solid \(c.hex)")
        case "gradient":
            let top = accents.first ?? .white
            let bottom = (accents.dropFirst().first ?? top).mixed(with: .black, 0.35)
            return (try Image.verticalGradient(width: width, height: height, top: top.components, bottom: bottom.components),
                    "gradient \(top.hex)→\(bottom.hex)")
        default:
            let factor = 8
            let (w, h) = (max(8, width / factor), max(8, height / factor))
            // Blurred hard after: every k-th pixel of a photo over twice the small size is enough to start
            // from, and skips most of the box shrink of every pixel (8 ms of a 1500 px photo's 9).
            let k = min(photo.width / (2 * w), photo.height / (2 * h))
            let small = try (k > 1 ? photo.subsample(k) : photo).thumbnail(width: w, height: h, crop: "centre")
            // A blurred image has no detail for lanczos to keep: enlarge it linearly, by repeated pixels
            // and box averages (`linearlyEnlarged`: within one level of libvips' linear `resize`, at a
            // fifth of its cost). Darkened while small: the same look as darkening the full frame, at 1/64
            // of the cost. Held in memory before the enlargement: on demand, each strip the enlargement
            // asks for would shrink, reduce and blur the photo again.
            let blurred = try small.gaussblur(2.5).linear([0.82, 0.82, 0.82], [0, 0, 0]).materialized()
                .linearlyEnlarged(by: factor)
            let fitted = try blurred.crop(x: 0, y: 0, width: min(width, blurred.width), height: min(height, blurred.height))
            let full = fitted.width == width && fitted.height == height ? fitted
                : try fitted.thumbnail(width: width, height: height, crop: "centre")
            return (full, "blur")
        }
    }

    /// The photo's mean colour pulled towards a soft neutral, so the product stands out.
    static func calmColour(_ photo: Image) throws -> Color {
        let m = try photo.bands(0, count: 3).bandMeans()
        let mean = Color(r: UInt8(m[0]), g: UInt8(m[1]), b: UInt8(m[2]))
        return mean.mixed(with: Color(r: 245, g: 242, b: 236), 0.65)
    }

    /// A category's colour treatment of a photo.
    static func treat(_ photo: Image, _ treatment: String) throws -> Image {
        let rgb = try photo.bands(0, count: 3)
        switch treatment {
        case "warm": return try rgb.linear([1.07, 1.0, 0.88], [4, 2, 0])
        case "cool": return try rgb.linear([0.94, 1.0, 1.07], [0, 0, 4])
        case "vivid": return try rgb.linear([1.12, 1.12, 1.12], [-14, -14, -14])
        case "soft": return try rgb.linear([0.92, 0.92, 0.92], [16, 16, 16])
        default: return rgb
        }
    }
}
