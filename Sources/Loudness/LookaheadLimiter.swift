import Foundation

/// The gain computer of a lookahead peak limiter, on a stream of per-frame peak estimates (the
/// largest 4x-oversampled absolute value of any channel on each frame's interval).
///
/// Method, per frame `k` (all values linear):
/// 1. required gain `r[k] = min(1, ceiling / peak[k])`;
/// 2. hold: `h[k] = min(r[k ... k + L + 2S - 1])`, a sliding minimum (monotonic deque) over the
///    lookahead `L` widened by a spread `S` on both sides;
/// 3. release: `h` is followed instantly downwards and exponentially upwards (time constant
///    `release`);
/// 4. attack: the gain of frame `m` is the mean of the released hold over `L` frames ending `S`
///    frames before `m` -- a linear ramp of `L` frames (no step, so no click).
///
/// Every frame within `S` frames of a peak then gets a gain at most `r` of that peak: each of the
/// `L` averaged values is a minimum over a window that contains the peak. The spread covers the
/// interpolation filter's span, so the oversampled peak between frames, made from frames whose
/// gains differ slightly, stays under the ceiling too. Latency: `L + S - 1` frames.
final class LookaheadLimiter {
    let lookahead: Int
    let spread: Int
    /// Gains come out this many frames after the peak of the same frame goes in.
    var latency: Int { lookahead + spread - 1 }
    /// Smallest gain applied so far, over resets too (1 when the limiter never acted).
    private(set) var deepestGain: Float = 1

    private let ceiling: Float
    private let releaseCoefficient: Double
    private let holdLength: Int
    private let dequeValues: UnsafeMutablePointer<Float>
    private let dequeFrames: UnsafeMutablePointer<Int>
    private var dequeHead = 0, dequeCount = 0
    private var frame = 0
    private var held = 1.0
    private let ramp: UnsafeMutablePointer<Double>
    private var rampPosition = 0
    private var rampSum: Double

    /// - Parameters:
    ///   - ceiling: largest allowed peak, linear.
    ///   - lookahead: attack ramp length `L` in frames (>= 1).
    ///   - spread: frames `S` either side of a peak that must get its gain.
    ///   - releaseFrames: release time constant in frames.
    init(ceiling: Float, lookahead: Int, spread: Int, releaseFrames: Double) {
        precondition(lookahead >= 1 && spread >= 0 && ceiling > 0)
        self.ceiling = ceiling
        self.lookahead = lookahead
        self.spread = spread
        releaseCoefficient = 1 - exp(-1 / max(releaseFrames, 1))
        holdLength = lookahead + 2 * spread
        dequeValues = .allocate(capacity: holdLength)
        dequeValues.initialize(repeating: 1, count: holdLength)
        dequeFrames = .allocate(capacity: holdLength)
        dequeFrames.initialize(repeating: 0, count: holdLength)
        ramp = .allocate(capacity: lookahead)
        ramp.initialize(repeating: 1, count: lookahead)
        rampSum = Double(lookahead)
    }

    deinit {
        dequeValues.deallocate()
        dequeFrames.deallocate()
        ramp.deallocate()
    }

    /// Forgets the stream (not `deepestGain`).
    func reset() {
        dequeHead = 0; dequeCount = 0; frame = 0; held = 1
        ramp.update(repeating: 1, count: lookahead)
        rampPosition = 0; rampSum = Double(lookahead)
    }

    /// Takes the peaks of `count` consecutive frames; writes one gain per peak, for the frame
    /// `latency` frames earlier.
    func gains(peaks: UnsafePointer<Float>, count: Int, into gains: UnsafeMutablePointer<Float>) {
        // Locals: the loop runs per frame and must stay fast in debug builds.
        let capacity = holdLength, length = lookahead
        let values = dequeValues, frames = dequeFrames, ramp = self.ramp
        let ceiling = self.ceiling, release = releaseCoefficient
        var head = dequeHead, size = dequeCount, k = frame, held = self.held
        var position = rampPosition, sum = rampSum, deepest = deepestGain
        var i = 0
        while i < count {
            let peak = peaks[i]
            let required: Float = peak > ceiling ? ceiling / peak : 1
            // Push onto the monotonic deque (values increase from head to tail).
            while size > 0 {
                var tail = head + size - 1
                if tail >= capacity { tail -= capacity }
                if values[tail] < required { break }
                size -= 1
            }
            var slot = head + size
            if slot >= capacity { slot -= capacity }
            values[slot] = required
            frames[slot] = k
            size += 1
            // Drop the frame that left the hold window.
            if frames[head] <= k - capacity {
                head += 1
                if head == capacity { head = 0 }
                size -= 1
            }
            let hold = Double(values[head])
            held = hold < held ? hold : held + (hold - held) * release
            // Attack ramp: running mean of the last `length` released holds.
            sum += held - ramp[position]
            ramp[position] = held
            position += 1
            if position == length {
                position = 0
                // Re-add from scratch once per lap so rounding never accumulates.
                sum = 0
                var j = 0
                while j < length { sum += ramp[j]; j &+= 1 }
            }
            let gain = Float(min(1, sum / Double(length)))
            if gain < deepest { deepest = gain }
            gains[i] = gain
            k += 1
            i &+= 1
        }
        dequeHead = head; dequeCount = size; frame = k; self.held = held
        rampPosition = position; rampSum = sum; deepestGain = deepest
    }
}
