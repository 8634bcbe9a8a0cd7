import Foundation
import Testing
import Quality

/// The quality report marks its worst frames on the charts; marks a few frames apart put their labels
/// on rows below one another instead of printing “#3#4” over one another.
@Suite struct ChartMarkLabelTests {
    static func labels(_ svg: String) -> [(label: String, x: Double, y: Double)] {
        let pattern = try! NSRegularExpression(pattern: #"<text x="([0-9.]+)" y="([0-9.]+)" class="marklabel"[^>]*>([^<]+)</text>"#)
        let ns = svg as NSString
        return pattern.matches(in: svg, range: NSRange(location: 0, length: ns.length)).map { m in
            (ns.substring(with: m.range(at: 3)), Double(ns.substring(with: m.range(at: 1)))!, Double(ns.substring(with: m.range(at: 2)))!)
        }
    }

    @Test func closeMarksTakeRowsOfTheirOwnAndFarOnesShareTheFirst() {
        var chart = SVGChart(title: "VMAF", xLabel: "time (s)", yLabel: "score", series: [.init(name: "vmaf", points: (0...80).map { (Double($0) / 10, 90) })])
        chart.xMarks = [(6.6, "#3"), (6.65, "#4"), (6.7, "#5"), (2.0, "#1"), (7.0, "#2")]
        let marks = Self.labels(chart.render())
        #expect(marks.count == 5)
        let y = Dictionary(uniqueKeysWithValues: marks.map { ($0.label, $0.y) })
        #expect(Set([y["#3"], y["#4"], y["#5"]]).count == 3, "three marks 0.05 s apart on three rows: \(marks)")
        #expect(y["#1"] == y["#3"] && y["#2"] == y["#3"], "marks far apart stay on the first row: \(marks)")
    }
}
