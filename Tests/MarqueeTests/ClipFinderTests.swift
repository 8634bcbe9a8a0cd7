import Foundation
import Testing
@testable import ClipFinders
@testable import Support
@testable import PluginKit
@testable import Presets
@testable import Batch
@testable import Covers
@testable import Clips
@testable import H264
@testable import Loudness

/// The built-in clip finders on synthetic pictures, on real frames decoded by ffmpeg from lavfi test
/// sources, and on loudness measured by ffmpeg's `ebur128` filter.
@Suite struct ClipFinderTests {
    static let fps = 25.0
    static let (width, height) = (96, 54)

    // MARK: scene: synthetic shots

    @Test func sceneFindsSyntheticCutsWithinOneFrame() throws {
        let film = SyntheticFilm.standard()
        let result = run(SceneFinder(), frames: film.frames, duration: film.duration)
        let score = CutScore(detected: result.cuts, truth: film.truth, fps: Self.fps)
        print("scene finder, synthetic shots: \(score)")
        #expect(score.f1 >= 0.9, "\(score); cuts \(result.cuts.map { Int(($0 * Self.fps).rounded()) })")
        // The flash is no cut at all, and the fade through black gives at most one.
        #expect(!result.cuts.contains { abs($0 - film.flash) <= 1.5 / Self.fps })
        #expect(result.cuts.filter { film.fade.contains($0) }.count <= 1)
    }

    @Test func sceneFindsCutsInFramesDecodedByFFmpeg() throws {
        let video = try LavfiShots.render()
        let result = run(SceneFinder(), frames: video.frames, duration: video.duration)
        let score = CutScore(detected: result.cuts, truth: video.truth, fps: Self.fps)
        print("scene finder, \(video.truth.count + 1) ffmpeg lavfi shots (\(video.frames.count) frames): \(score)")
        #expect(video.truth.count >= 12)
        #expect(score.f1 >= 0.9, "\(score); cuts \(result.cuts.map { Int(($0 * Self.fps).rounded()) })")
        #expect(!result.cuts.contains { abs($0 - video.flash) <= 1.5 / Self.fps })
        #expect(result.cuts.filter { video.fade.contains($0) }.count <= 1)
    }

    @Test func aSteadyPictureWithNoiseHasNoCuts() {
        var rng = SplitMix(seed: 5)
        let base = Picture.fill(r: 90, g: 120, b: 60)
        let frames = (0..<100).map { n in
            base.block(x: 10 + n / 3, y: 12, size: 16, r: 220, g: 200, b: 40)
                .noise(6, &rng).frame(at: Double(n) / Self.fps)
        }
        let result = run(SceneFinder(), frames: frames, duration: 4)
        #expect(result.cuts.isEmpty)
        #expect(result.suggestions.count == 1)
        #expect(result.suggestions.first?.reason == "scene 1 (start of replay)")
    }

    // MARK: scene: clip-length limits

    @Test func sceneSuggestionsFitTheLimitsAndCoverTheReplay() throws {
        // Shots of very different lengths at 10 frames a second; limits 2…5 s.
        let lengths = [0.8, 1.0, 6.0, 3.0, 12.6, 1.2, 4.0, 0.7, 2.2]
        var rng = SplitMix(seed: 9)
        var frames: [AnalysisFrame] = [], cuts: [Double] = [], t = 0.0
        for (i, length) in lengths.enumerated() {
            if i > 0 { cuts.append(t) }
            let base = Picture.shot(i)
            for n in 0..<Int((length * 10).rounded()) {
                frames.append(base.block(x: 4 + n / 2, y: 20, size: 12, r: 250, g: 250, b: 250).noise(4, &rng)
                    .frame(at: t + Double(n) / 10))
            }
            t += length
        }
        let limits = ClipLengthLimits(minimum: 2, maximum: 5)
        let result = run(SceneFinder(), frames: frames, duration: t, limits: limits,
                         parameters: ["min_scene_len": .number(0.3)])
        #expect(result.cuts.count == cuts.count)
        for (found, truth) in zip(result.cuts, cuts) { #expect(abs(found - truth) < 0.05) }
        try expectTiling(result.suggestions, duration: t, limits: limits)
        // 0.8 + 1.0 + 6.0 s merge and split in two; 12.6 + 1.2 s merge and split in three; 0.7 s joins 2.2 s.
        #expect(result.suggestions.map(\.reason) == [
            "scene 1 part 1/2 (start of replay)", "scene 1 part 2/2 (start of replay)", "scene 2 (cut at 00:00:07.800)",
            "scene 3 part 1/3 (cut at 00:00:10.800)", "scene 3 part 2/3 (cut at 00:00:10.800)",
            "scene 3 part 3/3 (cut at 00:00:10.800)", "scene 4 (cut at 00:00:24.600)", "scene 5 (cut at 00:00:28.600)",
        ])
        #expect(result.suggestions.allSatisfy { $0.finder == "scene" })
        #expect(result.suggestions.dropFirst(2).allSatisfy { $0.score >= 3 })
    }

    @Test func fittingRandomScenesAlwaysKeepsTheLimits() throws {
        var rng = SplitMix(seed: 42)
        for round in 0..<300 {
            let minimum = 1 + rng.unit() * 20
            let maximum = minimum * (1.05 + rng.unit() * 4)
            let duration = minimum + rng.unit() * 400
            var cuts: [(time: Double, strength: Double)] = []
            var t = 0.0
            while true {
                t += rng.unit() * rng.unit() * maximum * 3
                if t >= duration { break }
                cuts.append((t, 3 + rng.unit() * 20))
            }
            let limits = ClipLengthLimits(minimum: minimum, maximum: maximum)
            let scenes = SceneSpan.fit(SceneSpan.between(cuts: cuts, duration: duration), to: limits)
            let suggestions = scenes.map { CueSuggestion(start: $0.start, end: $0.end, finder: "scene", reason: "", score: 0) }
            // Contiguous unless the limits forced a trim.
            let equalSplitsAlwaysFit = maximum >= 2 * minimum
            try expectTiling(suggestions, duration: duration, limits: limits, gapless: equalSplitsAlwaysFit,
                             context: "round \(round): \(limits)")
        }
    }

    @Test func closeLimitsTrimWhatNoSplitCanFit() {
        let limits = ClipLengthLimits(minimum: 50, maximum: 60)
        let scenes = SceneSpan.fit(SceneSpan.between(cuts: [], duration: 70), to: limits)
        #expect(scenes.count == 1)
        #expect(scenes.first.map { ($0.start, $0.end) } ?? (0, 0) == (0, 60))
        #expect(SceneSpan.fit(SceneSpan.between(cuts: [], duration: 40), to: limits).isEmpty)
    }

    // MARK: loudness peaks

    @Test func loudnessBurstsGiveOneSuggestionEach() throws {
        // Steady -30 LUFS (±1 LU wobble) for 300 s; 2 s bursts 12 LU louder at 90 s and 150 s, and two
        // within 8 s of each other at 210 s and 218 s (the second louder).
        let bursts: [(at: Double, gain: Double)] = [(90, 12), (150, 10), (210, 9), (218, 14)]
        let samples = SyntheticLoudness.samples(duration: 300, level: -30, wobble: 1, bursts: bursts, seed: 3)
        let result = run(LoudnessPeakFinder(), loudness: samples, duration: 300)
        let s = result.suggestions
        #expect(s.count == 3, "\(s)")
        for (suggestion, burst) in zip(s, [90.0, 150, 218]) {
            #expect(suggestion.start <= burst && suggestion.end >= burst + 2, "\(suggestion) should hold the burst at \(burst)")
            #expect(abs(suggestion.end - suggestion.start - 20) < 1e-9)
            #expect(suggestion.score >= 6 && suggestion.score <= 15)
            #expect(suggestion.finder == "loudness-peaks")
            #expect(suggestion.reason.hasPrefix("loudness peak -"))
            #expect(suggestion.reason.contains(" LUFS (+"))
        }
        // Of the close pair, the louder burst at 218 s leads (its rise is ~12 LU, the other's ~7.5).
        if s.count == 3 { #expect(s[2].start > 210 && s[2].score > 10, "\(s[2])") }
        // Steady stretches give nothing: every suggestion holds a burst.
        #expect(s.allSatisfy { sug in bursts.contains { sug.start <= $0.at && sug.end >= $0.at } })
        #expect(result.cuts.isEmpty)
    }

    @Test func loudnessPeaksFromFFmpegEBUR128() throws {
        // Pink noise at a steady level, made 4x louder (+12 dB) for 2 s at 35 s and 60 s and for 1.5 s at
        // 80 s and 86 s; loudness measured by ffmpeg's ebur128 filter.
        let louder = [(35.0, 37.0), (60, 62), (80, 81.5), (86, 87.5)]
        let samples = try FFmpegLoudness.measure(duration: 100, louder: louder)
        #expect(samples.count >= 990)
        let limits = ClipLengthLimits(minimum: 5, maximum: 30)
        let result = run(LoudnessPeakFinder(), loudness: samples, duration: 100, limits: limits,
                         parameters: ["baseline": .number(20), "clip_length": .number(15), "lead": .number(4)])
        let s = result.suggestions
        print("loudness-peaks on ebur128 output: \(s.map { "\($0.start)…\($0.end) \($0.reason)" })")
        #expect(s.count == 3, "\(s)")
        for (suggestion, burst) in zip(s, [35.0, 60]) {
            #expect(suggestion.start <= burst && suggestion.end >= burst + 2)
        }
        // The bursts at 80 s and 86 s are closer than the clip length: one suggestion holds one of them.
        if s.count == 3 { #expect([80.0, 86].contains { s[2].start <= $0 && s[2].end >= $0 + 1.5 }) }
        #expect(s.allSatisfy { abs($0.end - $0.start - 15) < 1e-9 })
    }

    @Test func loudnessWindowsStayInsideTheReplayAndTheLimits() {
        // A burst 2 s into the replay and one 1 s before its end; clip_length 40 above a maximum of 30.
        let samples = SyntheticLoudness.samples(duration: 120, level: -28, wobble: 0.5, bursts: [(12, 12), (117, 12)], seed: 8)
        let limits = ClipLengthLimits(minimum: 10, maximum: 30)
        let result = run(LoudnessPeakFinder(), loudness: samples, duration: 120, limits: limits,
                         parameters: ["clip_length": .number(40), "baseline": .number(10), "lead": .number(20)])
        #expect(result.suggestions.count == 2)
        for s in result.suggestions {
            #expect(s.start >= 0 && s.end <= 120)
            #expect(abs(s.end - s.start - 30) < 1e-9)
        }
        #expect(result.suggestions.first?.start == 0)
        #expect(result.suggestions.last?.end == 120)
    }

    @Test func silenceAndQuietSoundAreNoPeaks() {
        // 20 s of silence, then quiet talk at -50 LUFS with 10 dB bursts: well above the running level
        // (+8.5 LU short-term) but under the -40 LUFS floor.
        var samples = (0..<200).map { LoudnessSample(time: Double($0) / 10, momentary: -120, shortTerm: -120) }
        samples += SyntheticLoudness.samples(duration: 100, level: -50, wobble: 0.5, bursts: [(50, 10), (80, 10)], seed: 2)
            .map { LoudnessSample(time: $0.time + 20, momentary: $0.momentary, shortTerm: $0.shortTerm) }
        let result = run(LoudnessPeakFinder(), loudness: samples, duration: 120)
        #expect(result.suggestions.isEmpty, "\(result.suggestions)")
        // With the floor lowered, the same bursts are peaks; the silence before them is not a baseline.
        let lowered = run(LoudnessPeakFinder(), loudness: samples, duration: 120, parameters: ["floor": .number(-60), "rise_lu": .number(4)])
        #expect(lowered.suggestions.count == 2)
    }

    // MARK: metadata

    @Test func parametersAreTypedWithRanges() throws {
        let scene = SceneFinder.metadata, peaks = LoudnessPeakFinder.metadata
        #expect(scene.kind == .clipFinder && peaks.kind == .clipFinder)
        #expect(ClipFinders.all.map(\.metadata.name) == ["scene", "loudness-peaks"])
        #expect(SceneFinder().needsVideo && !SceneFinder().needsAudio)
        #expect(!LoudnessPeakFinder().needsVideo && LoudnessPeakFinder().needsAudio)

        let defaults = try scene.resolve([:])
        #expect(defaults[SceneFinder.adaptiveThreshold] == 3)
        #expect(defaults[SceneFinder.minSceneLength] == 0.6)
        #expect(defaults[SceneFinder.window] == 2)
        #expect(try peaks.resolve([:])[LoudnessPeakFinder.riseLU] == 6)
        #expect(try peaks.resolve([:])[LoudnessPeakFinder.baseline] == 60)
        #expect(try scene.resolve(["window": .string("4")])[SceneFinder.window] == 4)

        let refused: [(PluginMetadata, String, ParameterValue)] = [
            (scene, "adaptive_threshold", .number(0.5)), (scene, "min_content", .number(300)),
            (scene, "window", .integer(0)), (scene, "window", .number(2.5)), (scene, "min_scene_len", .number(-1)),
            (scene, "flash_frames", .integer(9)), (scene, "black_level", .string("dark")),
            (peaks, "rise_lu", .number(0)), (peaks, "baseline", .number(1)), (peaks, "floor", .number(3)),
            (peaks, "clip_length", .number(0)), (peaks, "lead", .number(-2)),
        ]
        for (meta, key, value) in refused {
            #expect(throws: MarqueeError.self, "\(meta.name) \(key)=\(value)") { try meta.resolve([key: value]) }
        }
        #expect(throws: MarqueeError.self) { try scene.resolve(["threshold": .number(3)]) }
    }

    @Test func timecodesAreHoursMinutesSecondsMilliseconds() {
        #expect(ClipTiming.timecode(192.4) == "00:03:12.400")
        #expect(ClipTiming.timecode(3723.0456) == "01:02:03.046")
        #expect(ClipTiming.timecode(0) == "00:00:00.000")
    }

    // MARK: helpers

    func run(_ finder: any ClipFinder, frames: [AnalysisFrame] = [], loudness: [LoudnessSample] = [], duration: Double,
             limits: ClipLengthLimits = .init(minimum: 1, maximum: 60),
             parameters: [String: ParameterValue] = [:]) -> ClipFinderResult {
        let session = finder.session(parameters: try! finder.metadata.resolve(parameters), limits: limits)
        for f in frames { session.consume(f) }
        for l in loudness { session.consume(l) }
        return session.finish(duration: duration)
    }

    /// Suggestions in time order, each within the limits, inside the replay, not overlapping; with
    /// `gapless`, also covering it from 0 to `duration`.
    func expectTiling(_ s: [CueSuggestion], duration: Double, limits: ClipLengthLimits, gapless: Bool = true,
                      context: String = "") throws {
        let eps = 1e-6
        #expect(!s.isEmpty, "\(context)")
        for c in s {
            #expect(c.end - c.start >= limits.minimum - eps, "\(context) too short: \(c)")
            #expect(c.end - c.start <= limits.maximum + eps, "\(context) too long: \(c)")
        }
        for (a, b) in zip(s, s.dropFirst()) {
            #expect(b.start >= a.end - eps, "\(context) overlap: \(a) \(b)")
            if gapless { #expect(b.start == a.end, "\(context) gap: \(a) \(b)") }
        }
        #expect((s.first?.start ?? -1) >= -eps)
        #expect((s.last?.end ?? .infinity) <= duration + eps)
        if gapless {
            #expect(s.first?.start == 0, "\(context)")
            #expect(s.last?.end == duration, "\(context)")
        }
    }
}

/// Precision, recall and F1 of detected cut times against true transitions. A hard cut is found by a
/// detection within ±1 frame of its first frame; a fade by one anywhere inside it.
private struct CutScore: CustomStringConvertible {
    let truePositives: Int, detections: Int, transitions: Int

    init(detected: [Double], truth: [ClosedRange<Double>], fps: Double) {
        var unused = detected
        var hits = 0
        for range in truth {
            let slack = range.lowerBound == range.upperBound ? 1 / fps + 1e-6 : 1e-6
            let window = (range.lowerBound - slack)...(range.upperBound + slack)
            if let i = unused.indices.filter({ window.contains(unused[$0]) })
                .min(by: { abs(unused[$0] - range.lowerBound) < abs(unused[$1] - range.lowerBound) }) {
                unused.remove(at: i)
                hits += 1
            }
        }
        truePositives = hits; detections = detected.count; transitions = truth.count
    }

    var precision: Double { detections == 0 ? 0 : Double(truePositives) / Double(detections) }
    var recall: Double { transitions == 0 ? 1 : Double(truePositives) / Double(transitions) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    var description: String {
        String(format: "precision %.3f, recall %.3f, F1 %.3f (%d of %d transitions, %d detections)",
               precision, recall, f1, truePositives, transitions, detections)
    }
}

/// A small deterministic random source (SplitMix64).
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// A 96x54 RGB picture built up in tests.
private struct Picture {
    static let (width, height) = (ClipFinderTests.width, ClipFinderTests.height)
    var rgb: [UInt8]

    static func fill(r: Int, g: Int, b: Int) -> Picture {
        var rgb = [UInt8](repeating: UInt8(r), count: width * height * 3)
        for i in stride(from: 0, to: rgb.count, by: 3) { rgb[i + 1] = UInt8(g); rgb[i + 2] = UInt8(b) }
        return Picture(rgb: rgb)
    }

    /// A diagonal gradient between two colours.
    static func gradient(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Picture {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let t = Double(x + y) / Double(width + height - 2), i = (y * width + x) * 3
                rgb[i] = UInt8(Double(a.0) * (1 - t) + Double(b.0) * t)
                rgb[i + 1] = UInt8(Double(a.1) * (1 - t) + Double(b.1) * t)
                rgb[i + 2] = UInt8(Double(a.2) * (1 - t) + Double(b.2) * t)
            }
        }
        return Picture(rgb: rgb)
    }

    /// A random texture of `cell`-pixel squares, `pan` pixels wider than a picture; `view(at:)` shows
    /// the part `offset` pixels from its left (a camera pan).
    struct Texture {
        let wide: [UInt8], wideWidth: Int
        init(seed: UInt64, cell: Int, pan: Int, palette: [(Int, Int, Int)]) {
            var rng = SplitMix(seed: seed)
            wideWidth = width + pan
            let cols = wideWidth / cell + 1, rows = height / cell + 1
            let cells = (0..<cols * rows).map { _ in palette[Int(rng.next() % UInt64(palette.count))] }
            var rgb = [UInt8](repeating: 0, count: wideWidth * height * 3)
            for y in 0..<height {
                for x in 0..<wideWidth {
                    let c = cells[(y / cell) * cols + x / cell], i = (y * wideWidth + x) * 3
                    rgb[i] = UInt8(c.0); rgb[i + 1] = UInt8(c.1); rgb[i + 2] = UInt8(c.2)
                }
            }
            wide = rgb
        }
        func view(at offset: Int) -> Picture {
            var rgb: [UInt8] = []
            rgb.reserveCapacity(width * height * 3)
            for y in 0..<height {
                let from = (y * wideWidth + min(offset, wideWidth - width)) * 3
                rgb.append(contentsOf: wide[from..<from + width * 3])
            }
            return Picture(rgb: rgb)
        }
    }

    /// A plain shot picture that differs from its neighbours `i - 1` and `i + 1`.
    static func shot(_ i: Int) -> Picture {
        let colours = [(200, 40, 40), (30, 160, 60), (40, 60, 200), (220, 200, 50), (120, 40, 160), (40, 190, 190)]
        let c = colours[i % colours.count], d = colours[(i + 3) % colours.count]
        return gradient(c, d)
    }

    func block(x: Int, y: Int, size: Int, r: Int, g: Int, b: Int) -> Picture {
        var p = self
        p.rgb.withUnsafeMutableBufferPointer { px in
            for yy in max(0, y)..<min(Self.height, y + size) {
                for xx in max(0, x)..<min(Self.width, x + size) {
                    let i = (yy * Self.width + xx) * 3
                    px[i] = UInt8(r); px[i + 1] = UInt8(g); px[i + 2] = UInt8(b)
                }
            }
        }
        return p
    }

    func noise(_ amplitude: Int, _ rng: inout SplitMix) -> Picture {
        var p = self
        let span = 2 * amplitude + 1
        var bits: UInt64 = 0
        p.rgb.withUnsafeMutableBufferPointer { px in
            for i in px.indices {
                if i % 8 == 0 { bits = rng.next() }
                let n = Int((bits >> (UInt64(i % 8) * 8)) & 0xFF) % span - amplitude
                px[i] = UInt8(clamping: Int(px[i]) + n)
            }
        }
        return p
    }

    /// Every channel scaled by `factor` (fades) and raised by `lift` (a flash).
    func scaled(_ factor: Double, lift: Int = 0) -> Picture {
        guard factor != 1 || lift != 0 else { return self }
        var p = self
        let f = Int((factor * 256).rounded())
        p.rgb.withUnsafeMutableBufferPointer { px in
            for i in px.indices { px[i] = UInt8(clamping: (Int(px[i]) * f + 128) >> 8 + lift) }
        }
        return p
    }

    func frame(at time: Double) -> AnalysisFrame {
        AnalysisFrame(time: time, width: Self.width, height: Self.height, rgb: rgb)
    }
}

/// A film of synthetic shots with known cuts: blocks, gradients and textures with motion and noise,
/// two look-alike shots next to each other, a camera flash and a fade through black.
private struct SyntheticFilm {
    var frames: [AnalysisFrame] = []
    /// Hard cuts as single instants, the fade as its whole span.
    var truth: [ClosedRange<Double>] = []
    var flash = -1.0
    var fade = 0.0...0.0
    var duration: Double { Double(frames.count) / ClipFinderTests.fps }

    static func standard() -> SyntheticFilm {
        var film = SyntheticFilm()
        var rng = SplitMix(seed: 1)
        let fps = ClipFinderTests.fps
        let forest = [(20, 70, 30), (40, 110, 50), (90, 140, 60), (30, 50, 20)]
        let city = [(200, 200, 210), (90, 90, 100), (150, 120, 100), (30, 30, 40), (230, 180, 60)]
        // (frames, picture at frame n of the shot)
        let redGreen = Picture.gradient((220, 40, 30), (30, 200, 60))
        let purpleOrange = Picture.gradient((120, 40, 160), (240, 150, 40))
        let whiteNavy = Picture.gradient((250, 250, 250), (20, 20, 60))
        let (blue, blue2, grey, teal) = (Picture.fill(r: 30, g: 50, b: 160), Picture.fill(r: 30, g: 60, b: 170),
                                         Picture.fill(r: 128, g: 128, b: 120), Picture.fill(r: 20, g: 90, b: 90))
        let blue3 = Picture.fill(r: 38, g: 68, b: 182)
        let woods = Picture.Texture(seed: 7, cell: 6, pan: 60, palette: forest)
        let streets = Picture.Texture(seed: 3, cell: 4, pan: 100, palette: city)
        let mixed = Picture.Texture(seed: 11, cell: 9, pan: 20, palette: forest + city)
        typealias Shot = (count: Int, picture: (Int) -> Picture)
        let shots: [Shot] = [
            (40, { n in blue.block(x: 5 + n, y: 10, size: 18, r: 240, g: 220, b: 40) }),
            (30, { n in redGreen.block(x: 70 - n, y: 30, size: 14, r: 20, g: 20, b: 20) }),
            (55, { n in woods.view(at: n) }),
            // Two look-alike shots: nearly the same blue, the red block jumps across.
            (35, { n in blue2.block(x: 6 + n / 2, y: 18, size: 20, r: 200, g: 40, b: 40) }),
            (45, { n in blue3.block(x: 60 + n / 3, y: 14, size: 20, r: 210, g: 50, b: 40) }),
            // A camera flash at its 20th frame.
            (60, { n in purpleOrange.block(x: n, y: 20, size: 16, r: 250, g: 250, b: 250)
                .scaled(1, lift: n == 20 ? 150 : 0) }),
            // Fade out over the last 12 frames, to black for 3.
            (50, { n in streets.view(at: 2 * n).scaled(min(1, max(0, Double(47 - n) / 12))) }),
            // Fade in from black over the first 12 frames.
            (45, { n in grey.block(x: 30, y: 5 + n / 3, size: 20, r: 40, g: 200, b: 60)
                .scaled(min(1, max(0, Double(n - 2) / 12))) }),
            (30, { n in teal.block(x: 40 + n, y: 20, size: 12, r: 250, g: 250, b: 250) }),
            (40, { n in whiteNavy.block(x: 80 - n, y: 5, size: 10, r: 200, g: 30, b: 30) }),
            (35, { n in mixed.view(at: n / 2) }),
        ]
        var index = 0
        for (s, shot) in shots.enumerated() {
            let start = Double(index) / fps
            if s == 5 { film.flash = start + 20 / fps }
            if s == 7 {
                film.fade = (start - 12 / fps)...(start + 14 / fps)
                film.truth.append(film.fade)
            } else if s > 0 {
                film.truth.append(start...start)
            }
            for n in 0..<shot.count {
                film.frames.append(shot.picture(n).noise(5, &rng).frame(at: Double(index) / fps))
                index += 1
            }
        }
        return film
    }
}

/// Real decoded frames: shots from ffmpeg's lavfi test sources (moving, animated or panned, some with
/// temporal noise), concatenated at 25 fps and scaled to 96x54 RGB24 by ffmpeg.
private enum LavfiShots {
    struct Video {
        var frames: [AnalysisFrame]
        var truth: [ClosedRange<Double>]
        var flash: Double
        var fade: ClosedRange<Double>
        var duration: Double { Double(frames.count) / ClipFinderTests.fps }
    }

    static let size = "160x90", big = "240x135"
    static func noisy(_ seed: Int, _ amount: Int = 8) -> String { ",format=yuv420p,noise=alls=\(amount):allf=t+u:all_seed=\(seed)" }

    /// (source chain, frames). Lengths 1.2–4 s. Shots 6 and 7 look alike (gradients in nearly the
    /// same colours); shot 9 has a flash at its 25th frame; shot 10 fades out to black over
    /// 0.6 s and shot 11 fades in over 0.6 s.
    static let shots: [(chain: String, frames: Int)] = [
        ("testsrc2=s=\(size):r=25", 50),
        ("mandelbrot=s=\(size):r=25", 75),
        ("smptebars=s=\(big):r=25,crop=160:90:x='n*2':y=20" + noisy(3, 10), 38),
        ("cellauto=s=\(size):r=25:rule=110:seed=7", 62),
        ("life=s=\(size):r=25:ratio=0.3:seed=11:mold=10", 30),
        ("rgbtestsrc=s=\(big):r=25,crop=160:90:x='n':y='n/2'" + noisy(5), 88),
        ("gradients=s=\(size):r=25:c0=0x202080:c1=0xd04020:speed=0.05:seed=2" + noisy(6, 6), 55),
        ("gradients=s=\(size):r=25:c0=0x2a2a90:c1=0xc04a28:speed=0.05:seed=9" + noisy(8, 6), 70),
        ("testsrc=s=\(size):r=25", 45),
        ("smptehdbars=s=\(big):r=25,crop=160:90:x='n*1.5':y=10" + noisy(4)
            + ",lutrgb=r='min(val+130,255)':g='min(val+130,255)':b='min(val+120,255)':enable='eq(n,24)'", 50),
        ("mandelbrot=s=\(size):r=25:start_x=-0.75:start_y=0.1:start_scale=1.5,fade=t=out:st=2.4:d=0.6", 75),
        ("pal75bars=s=\(big):r=25,crop=160:90:x='n':y=0" + noisy(12) + ",fade=t=in:st=0:d=0.6", 60),
        ("sierpinski=s=\(size):r=25:seed=3", 35),
        ("life=s=\(size):r=25:ratio=0.6:seed=21:life_color=0x40ff40:death_color=0x402020", 100),
        ("yuvtestsrc=s=\(big):r=25,crop=160:90:x='n*2':y=0" + noisy(13), 40),
    ]

    static func render() throws -> Video {
        let w = ClipFinderTests.width, h = ClipFinderTests.height
        // Each shot trimmed to an exact frame count and given timestamps 0, 1, 2… in 1/25 s, so the
        // concatenation has no dropped or doubled frames.
        var graph = shots.enumerated().map { i, shot in
            "\(shot.chain),trim=end_frame=\(shot.frames),scale=\(w):\(h):flags=area,format=rgb24,setsar=1,settb=1/25,setpts=N[v\(i)];"
        }.joined()
        graph += shots.indices.map { "[v\($0)]" }.joined() + "concat=n=\(shots.count):v=1:a=0[out]"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        p.arguments = ["-nostdin", "-v", "error", "-filter_complex", graph, "-map", "[out]",
                       "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }

        let frameBytes = w * h * 3, fps = ClipFinderTests.fps
        let bytes = [UInt8](data)
        let frames = stride(from: 0, to: bytes.count - frameBytes + 1, by: frameBytes).enumerated().map { n, at in
            AnalysisFrame(time: Double(n) / fps, width: w, height: h, rgb: Array(bytes[at..<at + frameBytes]))
        }
        #expect(frames.count == shots.map(\.frames).reduce(0, +), "ffmpeg gave \(frames.count) frames")

        var truth: [ClosedRange<Double>] = [], index = 0, flash = -1.0, fade = 0.0...0.0
        for (i, shot) in shots.enumerated() {
            let start = Double(index) / fps
            if i == 9 { flash = start + 24 / fps }
            if i == 11 {
                fade = (start - 15 / fps)...(start + 15 / fps)
                truth.append(fade)
            } else if i > 0 {
                truth.append(start...start)
            }
            index += shot.frames
        }
        return Video(frames: frames, truth: truth, flash: flash, fade: fade)
    }
}

/// Loudness series like a meter's: 100 ms blocks of a level with wobble and louder bursts, and the
/// momentary (400 ms) and short-term (3 s) loudness as energy means over them (EBU R128).
private enum SyntheticLoudness {
    static func samples(duration: Double, level: Double, wobble: Double, bursts: [(at: Double, gain: Double)],
                        seed: UInt64) -> [LoudnessSample] {
        var rng = SplitMix(seed: seed)
        let blocks = Int(duration * 10)
        let energy: [Double] = (0..<blocks).map { b in
            let t = Double(b) / 10
            let gain = bursts.first { t >= $0.at && t < $0.at + 2 }?.gain ?? 0
            return pow(10, (level + gain + (rng.unit() * 2 - 1) * wobble) / 10)
        }
        func loudness(_ end: Int, _ count: Int) -> Double {
            let slice = energy[max(0, end - count + 1)...end]
            return 10 * log10(slice.reduce(0, +) / Double(count))
        }
        return (0..<blocks).map { b in
            LoudnessSample(time: Double(b + 1) / 10, momentary: loudness(b, 4), shortTerm: loudness(b, 30))
        }
    }
}

/// Loudness measured by ffmpeg's `ebur128` filter on generated pink noise.
private enum FFmpegLoudness {
    static func measure(duration: Double, louder: [(Double, Double)]) throws -> [LoudnessSample] {
        let gain = louder.map { "between(t,\($0.0),\($0.1))" }.joined(separator: "+")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        p.arguments = ["-nostdin", "-hide_banner", "-nostats", "-f", "lavfi", "-i",
                       "anoisesrc=c=pink:a=0.1:r=48000:d=\(duration):seed=4,volume='1+3*(\(gain))':eval=frame,ebur128",
                       "-f", "null", "-"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        // Lines like `[Parsed_ebur128_1 @ 0x…] t: 0.1  TARGET:-23 LUFS  M: -26.4 S:-120.7  I: …`
        return log.split(separator: "\n").compactMap { line -> LoudnessSample? in
            guard line.contains("TARGET:"), let t = value(after: "t:", in: line), let m = value(after: "M:", in: line),
                  let s = value(after: "S:", in: line) else { return nil }
            return LoudnessSample(time: t, momentary: max(m, -120), shortTerm: max(s, -120))
        }
    }

    static func value(after key: String, in line: Substring) -> Double? {
        guard let r = line.range(of: key) else { return nil }
        return Double(line[r.upperBound...].drop { $0 == " " }.prefix { !$0.isWhitespace })
    }
}
