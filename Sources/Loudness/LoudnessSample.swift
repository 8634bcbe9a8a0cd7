/// Loudness of the replay's audio at one moment (every 100 ms), in LUFS (ITU-R BS.1770 / EBU R128).
/// Silence is -120 or lower, never -infinity.
public struct LoudnessSample: Sendable, Hashable {
    public let time: Double
    /// 400 ms window ending at `time`.
    public let momentary: Double
    /// 3 s window ending at `time`.
    public let shortTerm: Double
    public init(time: Double, momentary: Double, shortTerm: Double) {
        self.time = time; self.momentary = momentary; self.shortTerm = shortTerm
    }
}
