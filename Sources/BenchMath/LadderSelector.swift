/// Chooses a region's streaming ladder from candidate encodes (normally a `ConvexHull`'s
/// vertices) by maximising the expected quality defined in `LadderChoice`.
///
/// The optimum is exact: dynamic programming over candidates sorted by bitrate, where a
/// ladder's value decomposes into per-rung terms q_j × (F(t_next) − F(t_j)) with
/// t = bitrate / margin and F the bandwidth CDF. Only ladders whose quality rises with
/// bitrate are considered, which loses nothing (a rung dearer but no better than a cheaper
/// one is never the best affordable). Among equally good ladders the one with fewest rungs
/// wins, so a rung that serves nobody is never added. Because the optimum is exact and the
/// per-viewer quality never falls with bandwidth, raising a region's bandwidth everywhere
/// never lowers the optimum's expected quality.
public enum LadderSelector {
    /// Chooses up to `objective.maxRungs` rungs from `candidates` for `region`.
    /// - Throws: `tooFewPoints` for no candidates, invalid points, region or objective.
    public static func choose(from candidates: [RatePoint], region: RegionNetworkProfile,
                              objective: LadderObjective = LadderObjective()) throws -> LadderChoice {
        let table = try Table(candidates: candidates, region: region, objective: objective)
        return table.evaluate(ladder: table.optimalLadder())
    }

    /// Chooses from a convex hull's vertices.
    public static func choose(from hull: ConvexHull, region: RegionNetworkProfile,
                              objective: LadderObjective = LadderObjective()) throws -> LadderChoice {
        try choose(from: hull.hullPoints, region: region, objective: objective)
    }

    /// Evaluates a given ladder (any order; rungs that never are the best affordable get
    /// share 0) for `region` under the same objective, ignoring `maxRungs`.
    public static func evaluate(ladder: [RatePoint], region: RegionNetworkProfile,
                                stallQuality: Double = 0) throws -> LadderChoice {
        let objective = LadderObjective(maxRungs: max(ladder.count, 1), stallQuality: stallQuality)
        let table = try Table(candidates: ladder, region: region, objective: objective)
        return table.evaluate(ladder: table.risingSubsequence())
    }

    /// Candidates sorted by bitrate with their thresholds, CDF values and qualities.
    private struct Table {
        let points: [RatePoint]
        let quality: [Double]
        let threshold: [Double]
        let cdf: [Double]
        let region: RegionNetworkProfile
        let objective: LadderObjective

        init(candidates: [RatePoint], region: RegionNetworkProfile, objective: LadderObjective) throws {
            guard !candidates.isEmpty else {
                throw BenchMathError.tooFewPoints(what: "ladder candidates", count: 0, minimum: 1)
            }
            guard objective.maxRungs >= 1 else {
                throw BenchMathError.invalidParameter(name: "maxRungs", detail: "\(objective.maxRungs) < 1")
            }
            try requireFinite(objective.stallQuality, "stallQuality")
            for (index, point) in candidates.enumerated() { try point.validate("ladder candidate \(index)") }
            let distribution = try region.distribution()
            points = candidates.sorted {
                $0.bitrateKbps != $1.bitrateKbps ? $0.bitrateKbps < $1.bitrateKbps : $0.quality > $1.quality
            }
            quality = points.map { $0.effectiveQuality(mobileShare: region.mobileShare) }
            threshold = points.map { $0.bitrateKbps / region.safetyMargin }
            cdf = threshold.map { distribution.cumulativeProbability(atKbps: $0) }
            self.region = region
            self.objective = objective
        }

        func stallTerm(_ first: Int) -> Double { min(objective.stallQuality, quality[first]) * cdf[first] }

        /// Exact optimum by dynamic programming; returns candidate indices, increasing bitrate.
        func optimalLadder() -> [Int] {
            let n = points.count, rungs = min(objective.maxRungs, n)
            // best[c][i]: value of the viewers below rung i's threshold for the best ladder of
            // c + 1 rungs ending at i (stall term plus shares of the rungs before i).
            var best = [[Double]](repeating: [Double](repeating: -.infinity, count: n), count: rungs)
            var parent = [[Int]](repeating: [Int](repeating: -1, count: n), count: rungs)
            for i in 0..<n { best[0][i] = stallTerm(i) }
            for c in 1..<rungs {
                for i in 0..<n {
                    for j in 0..<i where best[c - 1][j] > -.infinity && rises(from: j, to: i) {
                        let value = best[c - 1][j] + quality[j] * (cdf[i] - cdf[j])
                        if value > best[c][i] { best[c][i] = value; parent[c][i] = j }
                    }
                }
            }
            var chosen = (c: 0, i: 0, total: -Double.infinity)
            for c in 0..<rungs {
                for i in 0..<n where best[c][i] > -.infinity {
                    let total = best[c][i] + quality[i] * (1 - cdf[i])
                    if total > chosen.total + 1e-12 * max(1, abs(total)) { chosen = (c, i, total) }
                }
            }
            var ladder = [chosen.i]
            var (c, i) = (chosen.c, chosen.i)
            while c > 0, parent[c][i] >= 0 { i = parent[c][i]; c -= 1; ladder.append(i) }
            return ladder.reversed()
        }

        func rises(from j: Int, to i: Int) -> Bool {
            points[i].bitrateKbps > points[j].bitrateKbps && quality[i] > quality[j]
        }

        /// Candidates that would ever be the best affordable: strictly rising quality.
        func risingSubsequence() -> [Int] {
            var kept: [Int] = []
            for i in points.indices where kept.last.map({ rises(from: $0, to: i) }) ?? true { kept.append(i) }
            return kept
        }

        /// The objective of a ladder given as rising candidate indices.
        func evaluate(ladder: [Int]) -> LadderChoice {
            var rungs: [LadderRung] = []
            var total = ladder.first.map(stallTerm) ?? 0
            for (position, index) in ladder.enumerated() {
                let nextCDF = position + 1 < ladder.count ? cdf[ladder[position + 1]] : 1
                let share = max(0, nextCDF - cdf[index])
                total += quality[index] * share
                rungs.append(LadderRung(point: points[index], effectiveQuality: quality[index],
                                        requiredBandwidthKbps: threshold[index],
                                        servesFromPercentile: cdf[index], viewerShare: share))
            }
            let first = ladder.first ?? 0
            return LadderChoice(region: region.name, rungs: rungs, expectedQuality: total,
                                stallShare: cdf[first], stallQuality: min(objective.stallQuality, quality[first]))
        }
    }
}
