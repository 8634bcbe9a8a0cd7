import Foundation
import QualityKernels

/// One compared pair on its way through the workers.
struct PairWork: Sendable {
    let compared: Int
    let frame: Int
    let time: Double
    let reference: Picture
    let distorted: Picture
}

/// Measures from the worker threads, handed back in frame order.
final class ResultStore: @unchecked Sendable {
    // Safe to share: `ready` and `failure` are only touched under `condition`.
    private let condition = NSCondition()
    private var ready: [Int: (PairWork, [FrameMeasure])] = [:]
    private var failure: (any Error)?

    func put(_ work: PairWork, _ measures: [FrameMeasure]) {
        condition.lock(); defer { condition.unlock() }
        ready[work.compared] = (work, measures)
        condition.broadcast()
    }

    func fail(_ error: any Error) {
        condition.lock(); defer { condition.unlock() }
        if failure == nil { failure = error }
        condition.broadcast()
    }

    /// Pair `n`'s measures: waits for them when `wait`, else nil when not there yet.
    func take(_ n: Int, wait: Bool) throws -> (PairWork, [FrameMeasure])? {
        condition.lock(); defer { condition.unlock() }
        while true {
            if let failure { throw failure }
            if let r = ready.removeValue(forKey: n) { return r }
            if !wait { return nil }
            condition.wait()
        }
    }
}
