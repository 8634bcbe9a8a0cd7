/// The fewest edits that turn `pattern` into some stretch of `text` (P. Sellers 1980, "The theory
/// and computation of evolutionary distances: pattern recognition", J. Algorithms 1(4): edit
/// distance with the text's start and end free).
public func closestStretch<T: Equatable>(_ pattern: [T], in text: [T]) -> Int {
    guard !pattern.isEmpty else { return 0 }
    var column = Array(0...pattern.count)   // distances of pattern prefixes to a stretch ending here
    var best = column[pattern.count]
    for c in text {
        var diagonal = column[0]
        column[0] = 0
        for i in 1...pattern.count {
            let above = column[i]
            column[i] = min(above + 1, column[i - 1] + 1, diagonal + (pattern[i - 1] == c ? 0 : 1))
            diagonal = above
        }
        best = min(best, column[pattern.count])
    }
    return best
}
