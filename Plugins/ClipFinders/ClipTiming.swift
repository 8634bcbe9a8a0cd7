import Support
import PluginKit
import Presets
import Clips

/// Timing helpers shared by the clip finders: time codes for reasons, and fitting time ranges to the
/// clip-length limits.
enum ClipTiming {
    /// `HH:MM:SS.mmm`, rounded to the millisecond (negative times clamp to zero).
    static func timecode(_ seconds: Double) -> String {
        let ms = seconds.isFinite ? max(0, Int((seconds * 1000).rounded())) : 0
        let h = ms / 3_600_000, m = ms / 60_000 % 60, s = ms / 1000 % 60, f = ms % 1000
        return pad(h, 2) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(f, 3)
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// A window of `length` seconds (clamped to `limits`) that shows `peak` with `lead` seconds before
    /// it, shifted to stay inside `0…duration`. `nil` when the replay is shorter than `limits.minimum`.
    static func window(around peak: Double, length: Double, lead: Double, duration: Double,
                       limits: ClipLengthLimits) -> (start: Double, end: Double)? {
        let wanted = min(max(length, limits.minimum), limits.maximum)
        let length = min(wanted, duration)
        guard length >= limits.minimum, length > 0 else { return nil }
        var start = peak - min(max(lead, 0), length)
        start = min(max(start, 0), duration - length)
        return (start, start + length)
    }
}

/// A stretch of the replay between two cuts, as the scene finder sees it.
struct SceneSpan: Sendable {
    var start: Double
    var end: Double
    /// The cut this scene opens with; `nil` for the scene that opens the replay.
    var cut: Double?
    /// Strength of the opening cut (adaptive ratio); 0 for the opening scene.
    var strength: Double
    /// For a scene split in parts: its 1-based part number, and the number of parts (1 = not split).
    var part = 1, parts = 1

    var length: Double { end - start }
}

extension SceneSpan {
    /// Scenes from `cuts` (sorted, seconds) over `0…duration`; cuts outside `(0, duration)` are dropped.
    static func between(cuts: [(time: Double, strength: Double)], duration: Double) -> [SceneSpan] {
        var scenes: [SceneSpan] = []
        var start = 0.0, cut: Double? = nil, strength = 0.0
        for c in cuts where c.time > start && c.time < duration {
            scenes.append(SceneSpan(start: start, end: c.time, cut: cut, strength: strength))
            start = c.time; cut = c.time; strength = c.strength
        }
        if duration > start { scenes.append(SceneSpan(start: start, end: duration, cut: cut, strength: strength)) }
        return scenes
    }

    /// Fits scenes to the length limits, keeping them contiguous and non-overlapping:
    /// 1. while some scene is shorter than the minimum, the shortest one is merged with the neighbour
    ///    across its weaker cut (the merged scene keeps the earlier opening cut);
    /// 2. a scene longer than the maximum is split into the fewest equal parts that fit; when no equal
    ///    split fits (the limits are close together), it becomes parts of the maximum length and the
    ///    rest, shorter than the minimum, is left out.
    /// A replay shorter than the minimum gives no scenes.
    static func fit(_ input: [SceneSpan], to limits: ClipLengthLimits) -> [SceneSpan] {
        var scenes = input
        while scenes.count > 1 {
            guard let i = scenes.indices.filter({ scenes[$0].length < limits.minimum })
                    .min(by: { scenes[$0].length < scenes[$1].length }) else { break }
            let intoPrevious: Bool
            if i == 0 { intoPrevious = false }
            else if i == scenes.count - 1 { intoPrevious = true }
            else if scenes[i].strength != scenes[i + 1].strength {
                intoPrevious = scenes[i].strength < scenes[i + 1].strength
            } else {
                intoPrevious = scenes[i - 1].length <= scenes[i + 1].length
            }
            if intoPrevious {
                scenes[i - 1].end = scenes[i].end
                scenes.remove(at: i)
            } else {
                scenes[i].end = scenes[i + 1].end
                scenes.remove(at: i + 1)
            }
        }
        if scenes.count == 1, scenes[0].length < limits.minimum { return [] }

        var fitted: [SceneSpan] = []
        for scene in scenes {
            guard scene.length > limits.maximum else { fitted.append(scene); continue }
            let equalParts = Int((scene.length / limits.maximum - 1e-9).rounded(.up))
            let fits = scene.length / Double(equalParts) >= limits.minimum - 1e-9
            let count = fits ? equalParts : max(1, Int((scene.length / limits.maximum).rounded(.down)))
            // Part p starts at boundary(p); equal parts end exactly where the next begins.
            func boundary(_ p: Int) -> Double {
                if fits { return p == count ? scene.end : scene.start + scene.length * Double(p) / Double(count) }
                return scene.start + limits.maximum * Double(p)
            }
            for p in 0..<count {
                var part = scene
                part.start = boundary(p)
                part.end = boundary(p + 1)
                part.part = p + 1; part.parts = count
                fitted.append(part)
            }
        }
        return fitted
    }
}
