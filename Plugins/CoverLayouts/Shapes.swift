import Foundation
import Imaging
import Support
import PluginKit
import Presets
import Covers

/// Vector shapes (badges, chips, scrims) drawn by libvips' SVG loader.
enum Shapes {
    static func svg(_ body: String, width: Int, height: Int) throws -> Image {
        let doc = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\">\(body)</svg>"
        return try VipsOperation.call("svgload_buffer", ["buffer": .blob(Data(doc.utf8))]).image()
    }

    /// A rounded rectangle; `radius` as a share of the height (0.5 = pill).
    static func roundedRect(width: Int, height: Int, fill: Color, opacity: Double = 1, radius: Double = 0.2) throws -> Image {
        let r = Double(height) * radius
        return try svg("<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" rx=\"\(r)\" ry=\"\(r)\" fill=\"\(fill.hex)\" fill-opacity=\"\(opacity)\"/>",
                       width: width, height: height)
    }

    /// A badge shape from a category's badge style.
    static func badge(_ shape: String, width: Int, height: Int, fill: Color, rtl: Bool) throws -> Image {
        switch shape {
        case "pill": return try roundedRect(width: width, height: height, fill: fill, radius: 0.5)
        case "circle":
            let d = max(width, height)
            return try svg("<circle cx=\"\(d / 2)\" cy=\"\(d / 2)\" r=\"\(d / 2)\" fill=\"\(fill.hex)\"/>", width: d, height: d)
        case "ribbon":
            let notch = height / 3
            let pts = rtl
                ? "\(notch),0 \(width),0 \(width),\(height) \(notch),\(height) 0,\(height / 2)"
                : "0,0 \(width - notch),0 \(width),\(height / 2) \(width - notch),\(height) 0,\(height)"
            return try svg("<polygon points=\"\(pts)\" fill=\"\(fill.hex)\"/>", width: width, height: height)
        default: // tag
            return try roundedRect(width: width, height: height, fill: fill, radius: 0.12)
        }
    }

    /// A vertical fade from transparent to `color` at `opacity`, for scrims at the foot of a photo.
    static func fade(width: Int, height: Int, color: Color, opacity: Double, downward: Bool = true) throws -> Image {
        let (a, b) = downward ? (0.0, opacity) : (opacity, 0.0)
        return try svg("""
            <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">
            <stop offset="0" stop-color="\(color.hex)" stop-opacity="\(a)"/>
            <stop offset="1" stop-color="\(color.hex)" stop-opacity="\(b)"/></linearGradient></defs>
            <rect width="\(width)" height="\(height)" fill="url(#g)"/>
            """, width: width, height: height)
    }
}
