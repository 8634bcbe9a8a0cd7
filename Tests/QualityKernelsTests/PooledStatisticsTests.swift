import Foundation
import QualityKernels
import Testing

@Suite struct PooledStatisticsTests {
    @Test func textbookSeries() throws {
        let s = try #require(PooledStatistics([2, 4, 4, 4, 5, 5, 7, 9]))
        #expect(s.mean == 5)
        #expect(s.standardDeviation == 2)
        #expect(s.min == 2 && s.max == 9)
        let expectedHarmonic = 8.0 / [2.0, 4, 4, 4, 5, 5, 7, 9].map { 1 / ($0 + 1) }.reduce(0, +) - 1
        #expect(abs(s.harmonicMean - expectedHarmonic) < 1e-12)
        #expect(s.harmonicMean < s.mean)
    }

    @Test func percentilesInterpolateLinearly() throws {
        let values = (1...100).map(Double.init).shuffled()
        let s = try #require(PooledStatistics(values))
        // rank = 99 * p / 100: p1 -> 0.99 -> 1 + 0.99, p5 -> 4.95 -> 5 + 0.95.
        #expect(abs(s.percentile1 - 1.99) < 1e-12)
        #expect(abs(s.percentile5 - 5.95) < 1e-12)
        #expect(PooledStatistics.percentile(sorted: [3, 7], 50) == 5)
        #expect(PooledStatistics.percentile(sorted: [3], 5) == 3)
    }

    @Test func emptySeriesHasNoStatistics() {
        #expect(PooledStatistics([]) == nil)
        #expect(PSNRSummary(frames: []) == nil)
        #expect(SSIMSummary(frames: []) == nil)
    }
}
