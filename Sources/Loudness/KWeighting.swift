import Foundation

/// The K-weighting pre-filter of ITU-R BS.1770-4 (section 2.1): a high-frequency shelf (the
/// acoustic effect of the head) followed by the RLB high-pass, as two biquads.
///
/// BS.1770 publishes the coefficients for 48 kHz only. For any sample rate they are derived here
/// from the analog prototypes (centre frequency, gain and Q of each section) with the bilinear
/// transform, using the prototype constants published with libebur128 (Jan Kokemüller), whose
/// 48 kHz result reproduces the coefficients of BS.1770-4 Tables 1 and 2 to 1e-15.
struct KWeighting: Sendable {
    /// Biquad coefficients, normalised so `a0 == 1`:
    /// `y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2]`.
    struct Biquad: Sendable, Equatable {
        var b0, b1, b2, a1, a2: Double
    }

    /// Filter memory for one channel (transposed direct form II, two words per biquad).
    struct State: Sendable {
        var s1 = 0.0, s2 = 0.0, t1 = 0.0, t2 = 0.0

        /// Denormals flushed to zero, so a long silence after a sound stays cheap.
        func flushingDenormals() -> State {
            func flush(_ v: Double) -> Double { abs(v) < 1e-30 ? 0 : v }
            return State(s1: flush(s1), s2: flush(s2), t1: flush(t1), t2: flush(t2))
        }
    }

    let shelf: Biquad
    let highPass: Biquad

    init(sampleRate: Int) {
        let fs = Double(sampleRate)
        // Stage 1: high shelf, +4 dB above ~1.5 kHz.
        do {
            let f0 = 1681.974450955533, gainDB = 3.999843853973347, q = 0.7071752369554196
            let k = tan(Double.pi * f0 / fs)
            let vh = pow(10, gainDB / 20)
            let vb = pow(vh, 0.4996667741545416)
            let a0 = 1 + k / q + k * k
            shelf = Biquad(b0: (vh + vb * k / q + k * k) / a0,
                           b1: 2 * (k * k - vh) / a0,
                           b2: (vh - vb * k / q + k * k) / a0,
                           a1: 2 * (k * k - 1) / a0,
                           a2: (1 - k / q + k * k) / a0)
        }
        // Stage 2: RLB high-pass at ~38 Hz (numerator 1, -2, 1 as in BS.1770's table).
        do {
            let f0 = 38.13547087602444, q = 0.5003270373238773
            let k = tan(Double.pi * f0 / fs)
            let a0 = 1 + k / q + k * k
            highPass = Biquad(b0: 1, b1: -2, b2: 1,
                              a1: 2 * (k * k - 1) / a0,
                              a2: (1 - k / q + k * k) / a0)
        }
    }

    /// Filters `count` samples and returns the sum of the squared filtered samples. Only the
    /// energy is needed, so the filtered signal itself is not stored.
    func sumOfSquares(_ x: UnsafePointer<Float>, count: Int, state: inout State) -> Double {
        // Locals keep the loop fast in debug builds too.
        let p = shelf, h = highPass
        var s1 = state.s1, s2 = state.s2, t1 = state.t1, t2 = state.t2
        var sum = 0.0
        var i = 0
        while i < count {
            let v = Double(x[i])
            let y = p.b0 * v + s1
            s1 = p.b1 * v - p.a1 * y + s2
            s2 = p.b2 * v - p.a2 * y
            let z = h.b0 * y + t1
            t1 = h.b1 * y - h.a1 * z + t2
            t2 = h.b2 * y - h.a2 * z
            sum += z * z
            i &+= 1
        }
        state = State(s1: s1, s2: s2, t1: t1, t2: t2).flushingDenormals()
        return sum
    }

    /// `sumOfSquares` of two channels in one loop, with exactly the same arithmetic per channel (the
    /// results are bit-identical). Each channel's filter is a chain of dependent multiply-adds, so one
    /// channel alone leaves the processor waiting on each result; two chains side by side fill those waits.
    func sumOfSquares(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int,
                      states a: inout State, _ b: inout State) -> (Double, Double) {
        let p = shelf, h = highPass
        var s1 = a.s1, s2 = a.s2, t1 = a.t1, t2 = a.t2
        var u1 = b.s1, u2 = b.s2, v1 = b.t1, v2 = b.t2
        var sumA = 0.0, sumB = 0.0
        var i = 0
        while i < count {
            let va = Double(x[i]), vb = Double(y[i])
            let ya = p.b0 * va + s1, yb = p.b0 * vb + u1
            s1 = p.b1 * va - p.a1 * ya + s2
            u1 = p.b1 * vb - p.a1 * yb + u2
            s2 = p.b2 * va - p.a2 * ya
            u2 = p.b2 * vb - p.a2 * yb
            let za = h.b0 * ya + t1, zb = h.b0 * yb + v1
            t1 = h.b1 * ya - h.a1 * za + t2
            v1 = h.b1 * yb - h.a1 * zb + v2
            t2 = h.b2 * ya - h.a2 * za
            v2 = h.b2 * yb - h.a2 * zb
            sumA += za * za
            sumB += zb * zb
            i &+= 1
        }
        a = State(s1: s1, s2: s2, t1: t1, t2: t2).flushingDenormals()
        b = State(s1: u1, s2: u2, t1: v1, t2: v2).flushingDenormals()
        return (sumA, sumB)
    }
}
