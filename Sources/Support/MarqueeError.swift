/// Errors a user sees. Each says what went wrong, where (file, item, field) and what to do.
public enum MarqueeError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Bad command line, bad preset or bad plugin parameters: exit code 2, nothing was run.
    case usage(String)
    /// One item of a batch failed; the batch goes on.
    case item(String)
    /// An input file or data set could not be read or is invalid.
    case input(String)

    public var description: String {
        switch self {
        case .usage(let m), .item(let m), .input(let m): m
        }
    }
}

/// The closest candidate by edit distance, when it is close enough to be a likely typo. Candidates
/// whose length alone puts them too far are skipped, so a 100 KB "name" costs nothing.
public func closestMatch(_ word: String, in candidates: [String]) -> String? {
    let limit = max(2, word.count / 3)
    let lower = word.lowercased()
    let scored = candidates.filter { abs($0.count - word.count) <= limit }.map { ($0, editDistance(lower, $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= limit ? best.0 : nil
}

/// Levenshtein distance between two strings.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
