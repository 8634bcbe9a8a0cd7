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
        let out = try pool.picture(name, swap ? picture.height : picture.width, swap ? picture.width : picture.height)
        for p in 0..<3 {
            try picture.withPlane(p) { s in try out.withPlane(p) { d in Self.turn(s, into: d, degrees: degrees) } }
        }
        return out
    }

    /// Writes plane `s` turned clockwise by `degrees` into `d` (its size turned too).
    static func turn(_ s: PlaneView, into d: PlaneView, degrees: Int) {
        let w = s.width, h = s.height
        switch degrees {
        case 90:
            for y in 0..<h {
                let row = s.row(y), column = h - 1 - y
                for x in 0..<w { d[column, x] = row[x] }
            }
        case 180:
            for y in 0..<h {
                let row = s.row(y), target = d.row(h - 1 - y)
                for x in 0..<w { target[w - 1 - x] = row[x] }
            }
        case 270:
            for y in 0..<h {
                let row = s.row(y)
                for x in 0..<w { d[y, w - 1 - x] = row[x] }
            }
        default:
            for y in 0..<h { _ = d.row(y).update(fromContentsOf: s.row(y)) }
        }
    }
}
