/// A box in canvas or frame pixels: layers of a cover, overlays of a clip, safe areas.
public struct Box: Codable, Sendable, Hashable {
    public var x: Int, y: Int, w: Int, h: Int
    public init(x: Int, y: Int, w: Int, h: Int) { self.x = x; self.y = y; self.w = w; self.h = h }
    public var maxX: Int { x + w }
    public var maxY: Int { y + h }
    public var area: Int { w * h }

    public func contains(_ o: Box) -> Bool { o.x >= x && o.y >= y && o.maxX <= maxX && o.maxY <= maxY }
    public func intersects(_ o: Box) -> Bool { x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY }
    /// The overlap of two boxes (zero-sized when they do not meet).
    public func intersection(_ o: Box) -> Box {
        let x0 = max(x, o.x), y0 = max(y, o.y)
        return Box(x: x0, y: y0, w: max(0, min(maxX, o.maxX) - x0), h: max(0, min(maxY, o.maxY) - y0))
    }
    public func inset(by i: Insets) -> Box { Box(x: x + i.left, y: y + i.top, w: w - i.left - i.right, h: h - i.top - i.bottom) }
}
