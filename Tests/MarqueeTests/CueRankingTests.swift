import Testing
@testable import Clips

/// `CueRanking`: the suggestions of the scene and loudness-peak finders ranked together.
@Suite struct CueRankingTests {
    @Test func aSceneTheAudienceReactsToOutranksAStrongerCutNobodyReactedTo() {
        let s = [CueSuggestion(start: 0, end: 10, finder: "scene", reason: "scene 1", score: 6),
                 CueSuggestion(start: 10, end: 20, finder: "scene", reason: "scene 2", score: 12),
                 CueSuggestion(start: 3, end: 9, finder: "loudness-peaks", reason: "peak", score: 10)]
        let r = CueRanking.rank(s)
        #expect(r.map(\.score) == [1.5, 1.0, 1.5])
        #expect(r.map(\.rank) == [1, 3, 2], "ties go to the earlier start")
    }

    @Test func oneFinderRanksByItsOwnScore() {
        let s = [CueSuggestion(start: 0, end: 5, finder: "scene", reason: "", score: 3),
                 CueSuggestion(start: 5, end: 9, finder: "scene", reason: "", score: 0),
                 CueSuggestion(start: 9, end: 12, finder: "scene", reason: "", score: 30)]
        #expect(CueRanking.rank(s).map(\.rank) == [2, 3, 1])
        #expect(CueRanking.rank([]).isEmpty)
    }
}
