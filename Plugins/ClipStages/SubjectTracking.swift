import Support
import PluginKit
import Presets
import Clips

/// Crops the vertical output from the landscape frame around what the viewer looks at, and pans
/// smoothly as it moves: a saliency map per frame (see `Saliency`), a dead zone so small moves
/// don't shake the picture, and a critically damped spring with a speed limit (see
/// `DampedFollower`). Time comes from each thumbnail's timestamp, so variable frame rates and
/// dropped frames pan at the same speed.
public struct SubjectTracking: ReframeStage {
    public static let metadata = PluginMetadata(
        name: "subject-track", kind: .clipStage,
        summary: "crops to the output's aspect ratio around the salient subject (contrast and motion), panning smoothly",
        parameters: [deadZone, maxSpeed, response],
        capabilities: [.reframe, .needsThumbnails])
    public static let deadZone: Param<Double> = .number(
        "dead_zone", 0...0.5, default: 0.1,
        doc: "the crop stays put while the subject is within this share of the crop width of its centre")
    public static let maxSpeed: Param<Double> = .number(
        "max_speed", 0.01...5, default: 0.5, doc: "fastest pan, as a share of the source width per second")
    public static let response: Param<Double> = .number(
        "response", 0.1...10, default: 1,
        doc: "seconds the crop takes to cover about 90% of a jump of the subject (spring stiffness)")
    public init() {}

    public func reframer(sourceWidth: Int, sourceHeight: Int, outputWidth: Int, outputHeight: Int,
                         parameters: PluginParameters) -> any Reframer {
        let window = CropWindow(sourceWidth: sourceWidth, sourceHeight: sourceHeight,
                                outputWidth: outputWidth, outputHeight: outputHeight)
        return SubjectTracker(window: window, deadZone: max(parameters[Self.deadZone], 0),
                              maxSpeed: max(parameters[Self.maxSpeed], 1e-3), response: max(parameters[Self.response], 0.05))
    }
}

/// One clip's tracking state. The crop's left edge is returned unrounded (whole-pixel rounding is
/// the engine's), so the speed limit holds exactly between consecutive frames.
final class SubjectTracker: Reframer {
    let window: CropWindow
    /// In source pixels: start following when the subject is this far from the crop's centre…
    let deadZone: Double
    /// …and stop once the crop has come this close to it and nearly stopped.
    let settleZone: Double
    /// Source pixels per second.
    let maxSpeed: Double
    let omega: Double

    private var saliency = Saliency()
    private var follower: DampedFollower?
    private var goal = 0.0
    private var following = false
    private var lastTime = 0.0

    /// `deadZone` as a share of the crop width, `maxSpeed` as a share of the source width per
    /// second, `response` in seconds (ω = 4 / response: a critically damped step is 91% done then).
    init(window: CropWindow, deadZone: Double, maxSpeed: Double, response: Double) {
        self.window = window
        self.deadZone = deadZone * Double(window.width)
        settleZone = min(self.deadZone, 0.02 * Double(window.width))
        self.maxSpeed = maxSpeed * Double(window.sourceWidth)
        omega = 4 / response
    }

    /// The crop centre in source pixels so far (the frame's centre before the first thumbnail).
    var centre: Double { follower?.position ?? Double(window.sourceWidth) / 2 }

    func place(_ thumbnail: LumaThumbnail?) -> Reframe {
        guard window.canPan else { return window.reframe(left: 0) }
        guard let frame = thumbnail, frame.width > 0 else { return crop() }
        let scale = Double(window.sourceWidth) / Double(frame.width)
        let range = window.centres
        let target = saliency.focus(frame).map { min(max($0 * scale, range.lowerBound), range.upperBound) }

        guard var f = follower else {
            // First frame of the clip: start on the subject, no pan in.
            let start = DampedFollower(position: target ?? Double(window.sourceWidth) / 2, omega: omega, maxSpeed: maxSpeed, range: range)
            follower = start
            goal = start.position
            lastTime = frame.time
            return crop()
        }
        // Timestamps that go backwards or repeat move nothing.
        let dt = frame.time - lastTime
        lastTime = max(lastTime, frame.time)

        if let target {
            if !following, abs(target - f.position) > deadZone { following = true }
            if following { goal = target }
        }
        f.step(toward: goal, dt: max(0, dt))
        if following, abs(goal - f.position) <= settleZone, abs(f.velocity) <= 0.05 * maxSpeed { following = false }
        follower = f
        return crop()
    }

    private func crop() -> Reframe {
        let left = min(max(centre - Double(window.width) / 2, 0), Double(window.sourceWidth - window.width))
        return .crop(x: left, y: Double(window.top), width: Double(window.width), height: Double(window.height))
    }
}
