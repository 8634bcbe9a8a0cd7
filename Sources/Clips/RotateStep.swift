import Media

/// `rotate:<degrees>`: turns the picture clockwise by the replay's display rotation (90, 180 or 270
/// degrees) so the steps after it draw on the picture as players show it. A clip with this step is
/// written upright, without a display matrix.
final class RotateStep: FrameStep {
    let degrees: Int
    var name: String { "rotate:\(degrees)" }

    init(degrees: Int) { self.degrees = degrees }

    func apply(_ picture: Frame, at time: Double, pool: FramePool) throws -> Frame {
        let swap = degrees == 90 || degrees == 270
        let out = pool.picture(name, swap ? picture.height : picture.width, swap ? picture.width : picture.height)
        for p in 0..<3 {
            let (s, ss) = picture.plane(p), (d, ds) = out.plane(p)
            let w = p == 0 ? picture.width : picture.width / 2, h = p == 0 ? picture.height : picture.height / 2
            Self.turn(s, stride: ss, width: w, height: h, into: d, stride: ds, degrees: degrees)
        }
        return out
    }

    /// Writes the `width`×`height` plane at `s` turned clockwise by `degrees` into `d`.
    static func turn(_ s: UnsafeMutablePointer<UInt8>, stride ss: Int, width w: Int, height h: Int,
                     into d: UnsafeMutablePointer<UInt8>, stride ds: Int, degrees: Int) {
        switch degrees {
        case 90:
            for y in 0..<h {
                let row = s + y * ss, column = d + (h - 1 - y)
                for x in 0..<w { column[x * ds] = row[x] }
            }
        case 180:
            for y in 0..<h {
                let row = s + y * ss, target = d + (h - 1 - y) * ds
                for x in 0..<w { target[w - 1 - x] = row[x] }
            }
        case 270:
            for y in 0..<h {
                let row = s + y * ss, column = d + y
                for x in 0..<w { column[(w - 1 - x) * ds] = row[x] }
            }
        default:
            for y in 0..<h { (d + y * ds).update(from: s + y * ss, count: w) }
        }
    }
}
