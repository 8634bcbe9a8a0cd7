import Foundation

/// Ranks the suggestions of all finders together, so the moments several finders agree on come first:
/// a scene in which the audience reacts (a loudness peak inside it) above a scene nobody reacted to,
/// and a loudness peak on a clean shot change above one in the middle of a shot.
///
/// Each finder's scores are scaled to 0…1 by its best score in this replay (finders use their own
/// scales: adaptive ratio, LU of rise); a suggestion's rank score is its own scaled score plus, for
/// every other finder, the best scaled score among that finder's suggestions overlapping it (so with
/// two finders it is 0…2). Rank 1 is the highest score; ties go to the earlier start.
public enum CueRanking {
    public struct Ranked: Sendable, Equatable {
        public let rank: Int
        public let score: Double
    }

    /// One entry per suggestion, in the order given.
    public static func rank(_ suggestions: [CueSuggestion]) -> [Ranked] {
        var best: [String: Double] = [:]
        for s in suggestions { best[s.finder] = max(best[s.finder] ?? 0, s.score) }
        func scaled(_ s: CueSuggestion) -> Double {
            guard let b = best[s.finder], b > 0, s.score.isFinite else { return 0 }
            return min(1, max(0, s.score / b))
        }
        let scores = suggestions.map { s -> Double in
            var others: [String: Double] = [:]
            for o in suggestions where o.finder != s.finder && o.start < s.end && s.start < o.end {
                others[o.finder] = max(others[o.finder] ?? 0, scaled(o))
            }
            return scaled(s) + others.values.reduce(0, +)
        }
        let order = suggestions.indices.sorted { (-scores[$0], suggestions[$0].start) < (-scores[$1], suggestions[$1].start) }
        var ranks = [Int](repeating: 0, count: suggestions.count)
        for (r, i) in order.enumerated() { ranks[i] = r + 1 }
        return suggestions.indices.map { Ranked(rank: ranks[$0], score: (scores[$0] * 1000).rounded() / 1000) }
    }
}
