import Foundation
import Imaging

/// A line or scatter chart drawn as inline SVG: axes with rounded ticks, a legend, one colour per
/// series, optional markers; long series are thinned to the min and max of each pixel column so a
/// one-frame dip still shows. Used by the quality and bench reports.
public struct SVGChart: Sendable {
    public struct Series: Sendable {
        public let name: String
        public let points: [(x: Double, y: Double)]
        public let markers: Bool
        public let dashed: Bool
        public init(name: String, points: [(x: Double, y: Double)], markers: Bool = false, dashed: Bool = false) {
            self.name = name; self.points = points; self.markers = markers; self.dashed = dashed
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var width = 920.0
    public var height = 280.0
    /// Draw the x axis on a log scale (bitrates).
    public var logX = false
    /// Vertical marks with labels (bandwidth percentiles, say).
    public var xMarks: [(x: Double, label: String)] = []

    public static let palette = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563"]

    public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series
    }

    public func render() -> String {
        let all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite && (!logX || $0.x > 0) }
        guard !all.isEmpty else { return "<p class=\"empty\">\(Markup.escape(title)): no finite values to draw.</p>" }
        let (left, right, top, bottom) = (60.0, 16.0, 28.0, 40.0)
        let pw = width - left - right, ph = height - top - bottom
        // The x range covers the marks too (a region's bandwidth percentiles beyond the measured bitrates).
        let markXs = xMarks.map(\.x).filter { $0.isFinite && (!logX || $0 > 0) }
        let xs = (all.map(\.x) + markXs).map { logX ? log10($0) : $0 }, ys = all.map(\.y)
        var (x0, x1) = (xs.min()!, xs.max()!), (y0, y1) = (ys.min()!, ys.max()!)
        if x1 - x0 < 1e-9 { x0 -= 1; x1 += 1 }
        let pad = max((y1 - y0) * 0.08, 1e-6); y0 -= pad; y1 += pad
        func px(_ x: Double) -> Double { left + ((logX ? log10(x) : x) - x0) / (x1 - x0) * pw }
        func py(_ y: Double) -> Double { top + (1 - (y - y0) / (y1 - y0)) * ph }
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(Markup.escape(title))\">"
        svg += "<text x=\"\(f(left))\" y=\"18\" class=\"title\">\(Markup.escape(title))</text>"
        let yStep = step(y0, y1)
        for t in ticks(y0, y1) {
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + pw))\" y1=\"\(f(py(t)))\" y2=\"\(f(py(t)))\" class=\"grid\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(py(t) + 4))\" class=\"tick\" text-anchor=\"end\">\(label(t, step: yStep))</text>"
        }
        let xStep = logX ? 1 : step(x0, x1)
        for t in logX ? logTicks(x0, x1) : ticks(x0, x1) {
            let x = t
            guard x >= (logX ? pow(10, x0) : x0) - 1e-9, x <= (logX ? pow(10, x1) : x1) + 1e-9 else { continue }
            svg += "<text x=\"\(f(px(x)))\" y=\"\(f(top + ph + 16))\" class=\"tick\" text-anchor=\"middle\">\(label(x, step: xStep))</text>"
        }
        // Labels of marks close together go on rows below one another instead of over one another.
        var rowEnds: [Double] = []
        for m in xMarks.sorted(by: { $0.x < $1.x }) where m.x.isFinite && (!logX || m.x > 0) {
            let x = px(m.x)
            guard x >= left, x <= left + pw else { continue }
            svg += "<line x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(top))\" y2=\"\(f(top + ph))\" class=\"mark\"/>"
            // A label near the right edge goes on the line's left, so the frame does not cut it.
            let nearRight = x > left + pw - 40
            let width = Double(m.label.count) * 6 + 6
            let start = nearRight ? x - width : x
            let row = rowEnds.firstIndex { $0 <= start } ?? rowEnds.count
            if row == rowEnds.count { rowEnds.append(0) }
            rowEnds[row] = start + width
            svg += "<text x=\"\(f(nearRight ? x - 3 : x + 3))\" y=\"\(f(top + 10 + Double(row) * 11))\" class=\"marklabel\""
                + (nearRight ? " text-anchor=\"end\"" : "") + ">\(Markup.escape(m.label))</text>"
        }
        svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(pw))\" height=\"\(f(ph))\" class=\"frame\"/>"
        for (i, s) in series.enumerated() {
            let color = Self.palette[i % Self.palette.count]
            let pts = thin(s.points.filter { $0.x.isFinite && $0.y.isFinite && (!logX || $0.x > 0) }, columns: Int(pw))
            let path = pts.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.6\"\(s.dashed ? " stroke-dasharray=\"5 4\"" : "") data-series=\"\(Markup.escape(s.name))\"/>"
            if s.markers {
                for p in pts { svg += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"3\" fill=\"\(color)\" data-x=\"\(p.x)\" data-y=\"\(p.y)\"/>" }
            }
            let lx = left + Double(i % 5) * 150
            svg += "<line x1=\"\(f(lx))\" x2=\"\(f(lx + 12))\" y1=\"\(f(height - 8))\" y2=\"\(f(height - 8))\" stroke=\"\(color)\" stroke-width=\"3\"/>"
            svg += "<text x=\"\(f(lx + 16))\" y=\"\(f(height - 4))\" class=\"legend\">\(Markup.escape(s.name))</text>"
        }
        svg += "<text x=\"\(f(left + pw))\" y=\"\(f(height - 4))\" class=\"axis\" text-anchor=\"end\">\(Markup.escape(xLabel))</text>"
        svg += "<text x=\"12\" y=\"\(f(top + ph / 2))\" class=\"axis\" transform=\"rotate(-90 12 \(f(top + ph / 2)))\" text-anchor=\"middle\">\(Markup.escape(yLabel))</text>"
        return svg + "</svg>"
    }

    /// Keeps each pixel column's first, lowest and highest point.
    private func thin(_ pts: [(x: Double, y: Double)], columns: Int) -> [(x: Double, y: Double)] {
        guard pts.count > columns * 3, let first = pts.first, let last = pts.last, last.x > first.x else { return pts }
        var out: [(x: Double, y: Double)] = []
        var bucket: [(x: Double, y: Double)] = []
        var current = 0
        for p in pts {
            let col = Int((p.x - first.x) / (last.x - first.x) * Double(columns - 1))
            if col != current, !bucket.isEmpty { out += summary(bucket); bucket = [] }
            current = col; bucket.append(p)
        }
        return out + summary(bucket)
    }

    private func summary(_ b: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        guard let lo = b.min(by: { $0.y < $1.y }), let hi = b.max(by: { $0.y < $1.y }) else { return [] }
        return lo.x <= hi.x ? [lo, hi] : [hi, lo]
    }

    private func step(_ a: Double, _ b: Double) -> Double {
        let raw = (b - a) / 5, mag = pow(10, floor(log10(raw))), n = raw / mag
        return (n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10) * mag
    }

    private func ticks(_ a: Double, _ b: Double) -> [Double] {
        let s = step(a, b)
        return stride(from: ceil(a / s) * s, through: b, by: s).map { $0 }
    }

    private func logTicks(_ a: Double, _ b: Double) -> [Double] {
        var out: [Double] = []
        for e in Int(floor(a))...Int(ceil(b)) { for m in [1.0, 2, 5] { out.append(m * pow(10, Double(e))) } }
        return out
    }

    /// A tick label with as many decimals as the tick step needs.
    private func label(_ v: Double, step: Double) -> String {
        let decimals = max(0, min(6, Int(-floor(log10(step)))))
        return String(format: "%.\(decimals)f", abs(v) < step / 1e6 ? 0 : v)
    }

    private func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
