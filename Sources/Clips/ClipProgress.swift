import Foundation
import Synchronization
import Batch

/// Frames made across a `clips cut` batch, for its progress bar (`RateProgress`): every clip counts
/// its frames as the pass copies or encodes them (up to the frames its cue should have), so the bar
/// moves frame by frame, with the rate and the time left, long before the first clip is written.
public final class ClipProgress: Sendable {
    let display: RateProgress
    /// Whether the pass began (it does not when every clip was made before), and the frames made.
    private let state = Mutex((begun: false, done: 0))

    public init(_ display: RateProgress) { self.display = display }

    /// The frames the clips to cut should have in all.
    func begin(total: Int) {
        state.withLock { $0.begun = true }
        display.begin(total: total)
    }

    /// `count` more frames made.
    func add(_ count: Int) {
        guard count > 0 else { return }
        let total = state.withLock { state in
            state.done += count
            return state.done
        }
        display.update(done: total)
    }

    /// Draws the final state and ends the bar's line.
    public func end() {
        if state.withLock({ $0.begun }) { display.end() }
    }
}
