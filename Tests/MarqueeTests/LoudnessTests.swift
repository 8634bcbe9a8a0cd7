import Foundation
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips
import H264
import Loudness
import Testing

/// The EBU R128 meter and normaliser, checked against FFmpeg's own `ebur128` filter (an
/// independent implementation) on signals FFmpeg generates here.
@Suite struct LoudnessTests {
    /// A test signal: an FFmpeg filter graph whose output is labelled `[a]`.
    struct Signal: Sendable, CustomTestStringConvertible {
        let name: String
        let graph: String
        let channels: Int
        let sampleRate: Int
        var testDescription: String { name }
    }

    static let signals: [Signal] = [
        Signal(name: "sine997-stereo", graph: "aevalsrc=0.1*sin(2*PI*997*t):s=48000:c=stereo:d=5[a]",
               channels: 2, sampleRate: 48000),
        Signal(name: "pink-stereo",
               graph: "anoisesrc=c=pink:a=0.1:r=48000:d=6:seed=7[l];anoisesrc=c=pink:a=0.1:r=48000:d=6:seed=8[r];"
                   + "[l][r]amerge=inputs=2[a]",
               channels: 2, sampleRate: 48000),
        Signal(name: "loud-and-quiet", graph: loudAndQuiet, channels: 2, sampleRate: 48000),
        Signal(name: "surround-5.1",
               graph: "aevalsrc=0.1*sin(2*PI*440*t)|0.1*sin(2*PI*550*t)|0.08*sin(2*PI*660*t)|0.5*sin(2*PI*50*t)"
                   + "|0.1*sin(2*PI*2000*t)|0.05*sin(2*PI*3000*t):s=48000:c=5.1:d=4[a]",
               channels: 6, sampleRate: 48000),
        Signal(name: "pink-mono-44.1k", graph: "anoisesrc=c=pink:a=0.1:r=44100:d=5:seed=11[a]",
               channels: 1, sampleRate: 44100),
    ]

    /// 12 s of stereo pink noise in four 3 s parts at 0, -20, -8 and -30 dB: exercises both gates
    /// and gives a wide loudness range.
    static let loudAndQuiet = "anoisesrc=c=pink:a=0.3:r=48000:d=12:seed=3[l];anoisesrc=c=pink:a=0.3:r=48000:d=12:seed=4[r];"
        + "[l][r]amerge=inputs=2,volume='if(lt(t,3),1,if(lt(t,6),0.1,if(lt(t,9),0.4,0.03)))':eval=frame[a]"

    // MARK: - Meter against ffmpeg

    @Test(arguments: signals)
    func meterAgreesWithFFmpegEbur128(_ signal: Signal) throws {
        let dir = try TestSupport.tempDir("loudness-meter")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (wav, _, mine) = try Self.measured(signal, in: dir)
        let ref = try Self.ebur128(input: [wav.path], in: dir)

        print("R128 \(signal.name): I \(f(mine.integrated)) vs ffmpeg \(f(ref.integrated)) (summary \(ref.summaryIntegrated)); "
              + "threshold \(f(mine.threshold)) vs \(ref.threshold); LRA \(f(mine.range)) vs \(f(ref.range)); "
              + "true peak \(f(mine.truePeak)) vs \(ref.truePeak) dBTP")
        #expect(abs(mine.integrated - ref.integrated) <= 0.1)
        #expect(abs(ref.integrated - ref.summaryIntegrated) <= 0.051, "ffmpeg's summary and metadata disagree")
        #expect(abs(mine.threshold - ref.threshold) <= 0.1 + 0.05)   // summary printed to 0.1
        #expect(abs(mine.range - ref.range) <= 0.5)
        #expect(abs(mine.truePeak - ref.truePeak) <= 0.3)
        #expect(mine.integrated > -70 && mine.truePeak < 0)
    }

    @Test func loudnessSamplesFollowFFmpegEvery100ms() throws {
        let dir = try TestSupport.tempDir("loudness-samples")
        defer { try? FileManager.default.removeItem(at: dir) }
        let signal = Signal(name: "loud-and-quiet", graph: Self.loudAndQuiet, channels: 2, sampleRate: 48000)
        let wav = try Self.generate(signal, in: dir)
        let audio = try Self.decode(wav, channels: 2)
        let start = 2.5
        let meter = LoudnessMeter(sampleRate: 48000, channels: 2, startTime: start)
        // Drain while feeding, in chunks that do not line up with the 100 ms steps.
        var samples: [LoudnessSample] = []
        var offset = 0
        while offset < audio[0].count {
            let n = min(1234, audio[0].count - offset)
            meter.add(planar: audio.map { Array($0[offset..<(offset + n)]) })
            samples += meter.drainSamples()
            offset += n
        }
        samples += meter.drainSamples()
        let ref = try Self.ebur128(input: [wav.path], in: dir)

        #expect(samples.count == audio[0].count / 4800)
        #expect(samples.count == 120)
        for (i, s) in samples.enumerated() {
            #expect(abs(s.time - (start + Double(i + 1) * 0.1)) < 1e-9)
            #expect(s.momentary.isFinite && s.shortTerm.isFinite)
        }
        // ffmpeg frame i (100 ms from i * 0.1 s) carries the values for the windows ending at (i + 1) * 0.1 s;
        // it reports nothing (-120.7) until a window is full, so compare from 0.4 s (M) and 3 s (S).
        #expect(ref.momentary.count == samples.count)
        var worstM = 0.0, worstS = 0.0
        for i in 0..<min(samples.count, ref.momentary.count) {
            if i >= 3 { worstM = max(worstM, abs(samples[i].momentary - ref.momentary[i])) }
            if i >= 29 { worstS = max(worstS, abs(samples[i].shortTerm - ref.shortTerm[i])) }
        }
        print("R128 100 ms samples: \(samples.count) samples; largest |M - ffmpeg M| \(f(worstM)) LU, |S - ffmpeg S| \(f(worstS)) LU")
        #expect(worstM <= 0.1)
        #expect(worstS <= 0.1)
        // The four parts are told apart: loud first part, quiet second.
        #expect(samples[25].momentary - samples[55].momentary > 15)
    }

    @Test func steadySineMomentaryEqualsIntegratedAndChunkingDoesNotMatter() {
        let n = 48000 * 4
        let left = (0..<n).map { Float(0.25 * sin(2 * Double.pi * 1000 * Double($0) / 48000)) }
        let right = left.map { $0 * 0.5 }
        let whole = LoudnessMeter(sampleRate: 48000, channels: 2)
        whole.add(planar: [left, right])
        let all = whole.result()
        // Odd chunk sizes, including single samples and chunks longer than a 100 ms step.
        let pieces = LoudnessMeter(sampleRate: 48000, channels: 2)
        var offset = 0, size = 1
        while offset < n {
            let k = min(size, n - offset)
            pieces.add(planar: [Array(left[offset..<(offset + k)]), Array(right[offset..<(offset + k)])])
            offset += k
            size = size * 7 % 9001 + 1
        }
        let chunked = pieces.result()
        #expect(abs(all.integrated - chunked.integrated) < 1e-9)
        #expect(abs(all.truePeak - chunked.truePeak) < 1e-9)
        let a = whole.drainSamples(), b = pieces.drainSamples()
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) {
            #expect(x.time == y.time && abs(x.momentary - y.momentary) < 1e-9 && abs(x.shortTerm - y.shortTerm) < 1e-9)
        }

        let momentary = LoudnessMeter(sampleRate: 48000, channels: 2)
        momentary.add(planar: [left, right])
        let samples = momentary.drainSamples()
        #expect(samples.count == 40)
        for s in samples.dropFirst(4) {
            #expect(abs(s.momentary - all.integrated) < 0.1)
        }
        for s in samples.dropFirst(30) {
            #expect(abs(s.shortTerm - all.integrated) < 0.1)
        }
    }

    // MARK: - Normaliser against ffmpeg

    static let normaliserSignals: [Signal] = [
        // About -31.6 LUFS: needs +17.6 dB.
        Signal(name: "quiet-pink", graph: "anoisesrc=c=pink:a=0.1:r=48000:d=8:seed=21[l];anoisesrc=c=pink:a=0.1:r=48000:d=8:seed=22[r];"
                   + "[l][r]amerge=inputs=2[a]",
               channels: 2, sampleRate: 48000),
        // Loud pink noise (about -15.9 LUFS) with 1 ms clicks once a second in each channel taking the
        // peaks to about -0.7 dBTP: gained to -14 LUFS, the clicks are ~2.8 dB over the ceiling.
        Signal(name: "loud-peaks",
               graph: "anoisesrc=c=pink:a=0.6:r=48000:d=8:seed=31[l];anoisesrc=c=pink:a=0.6:r=48000:d=8:seed=32[r];[l][r]amerge=inputs=2[n];"
                   + "aevalsrc='0.7*lt(mod(t,1),0.001)*sin(2*PI*3000*t)|0.7*lt(mod(t+0.2,1),0.001)*sin(2*PI*2500*t)':s=48000:d=8[c];"
                   + "[n][c]amix=inputs=2:normalize=0[a]",
               channels: 2, sampleRate: 48000),
    ]

    @Test(arguments: normaliserSignals)
    func normaliserReachesTargetUnderTruePeakCeiling(_ signal: Signal) throws {
        let dir = try TestSupport.tempDir("loudness-norm")
        defer { try? FileManager.default.removeItem(at: dir) }
        let wav = try Self.generate(signal, in: dir)
        let audio = try Self.decode(wav, channels: signal.channels)
        let meter = LoudnessMeter(sampleRate: 48000, channels: signal.channels)
        Self.feed(meter, audio, chunk: 1024)
        let measured = meter.result()
        let before = try Self.ebur128(input: [wav.path], in: dir)

        let normaliser = LoudnessNormalizer(measured: measured, sampleRate: 48000, channels: signal.channels)
        let out = LoudnessTargetTests.run(normaliser, audio)
        #expect(out.allSatisfy { $0.count == audio[0].count })

        let raw = dir.appendingPathComponent("normalised.f32")
        try Self.interleave(out).write(to: raw)
        let after = try Self.ebur128(input: ["-f", "f32le", "-ar", "48000", "-ac", "\(signal.channels)", "-i", raw.path], in: dir)
        print("R128 normalise \(signal.name): before I \(f(before.integrated)) TP \(before.truePeak); gain \(f(normaliser.gainDB)) dB, "
              + "limiter reduction \(f(normaliser.limiterReductionDB)) dB; after (ffmpeg) I \(f(after.integrated)) LUFS, TP \(after.truePeak) dBTP")
        #expect(abs(after.integrated - -14) <= 0.5)
        #expect(after.truePeak <= -1.5 + 0.3)
        // The output really is the input, gained and limited: same length, in step.
        #expect(abs(normaliser.gainDB - (-14 - measured.integrated)) < 1e-9)
        if signal.name == "loud-peaks" { #expect(normaliser.limiterReductionDB > 2) }
    }

    @Test func limiterGainIsSmoothAndInStepWithTheInput() {
        // 2 s of a 500 Hz tone with a 30 ms burst 12 dB louder in the middle.
        let n = 96000
        let input = (0..<n).map { i -> Float in
            let t = Double(i) / 48000
            let level = (t >= 1.0 && t < 1.03) ? 0.8 : 0.2
            return Float(level * sin(2 * Double.pi * 500 * t))
        }
        let measured = LoudnessMeasurement(integrated: -20, truePeak: -2, range: 0, threshold: -30)
        let normaliser = LoudnessNormalizer(measured: measured, sampleRate: 48000, channels: 1,
                                            targetIntegrated: -20, targetTruePeak: -6)
        #expect(normaliser.gainDB == 0)
        var out: [Float] = []
        for start in stride(from: 0, to: n, by: 4096) {
            out += normaliser.process(planar: [Array(input[start..<min(n, start + 4096)])])[0]
        }
        out += normaliser.flush()[0]
        #expect(out.count == n)
        // Where the input is not near a zero crossing, output / input is the limiter's gain: at
        // most 1 (so the samples are in step) and moving by less than one attack-ramp step per sample.
        var previous: (index: Int, gain: Float)?
        var steepest: Float = 0, lowest: Float = 1, highest: Float = 0
        for i in 0..<n where abs(input[i]) > 0.05 {
            let g = out[i] / input[i]
            lowest = min(lowest, g); highest = max(highest, g)
            if let p = previous { steepest = max(steepest, abs(g - p.gain) / Float(i - p.index)) }
            previous = (i, g)
        }
        let ceiling = Float(pow(10, -6.0 / 20))
        let peak = out.map(abs).max() ?? 1
        print("R128 limiter: gain \(lowest)...\(highest), steepest change \(steepest) per sample, peak \(peak) (ceiling \(ceiling))")
        #expect(highest <= 1.0001)
        #expect(lowest < 0.65 && lowest > 0.55)   // the 0.8 burst pulled to the -6 dB ceiling (0.501)
        #expect(steepest < 1.0 / 240 + 1e-4)      // a 5 ms linear ramp at most: no click
        #expect(peak <= ceiling)
        #expect(abs(out[24000] - input[24000]) < 1e-6)   // untouched far from the burst
    }

    // MARK: - Silence and limits

    @Test func silenceGivesFiniteFloorsAndStaysSilent() throws {
        let dir = try TestSupport.tempDir("loudness-silence")
        defer { try? FileManager.default.removeItem(at: dir) }
        let silence = [[Float]](repeating: [Float](repeating: 0, count: 48000 * 3), count: 2)
        let meter = LoudnessMeter(sampleRate: 48000, channels: 2)
        meter.add(planar: silence)
        let r = meter.result()
        #expect(r.integrated == -70)
        #expect(r.truePeak == -120)
        #expect(r.range == 0)
        #expect(r.threshold.isFinite)
        let samples = meter.drainSamples()
        #expect(samples.count == 30)
        #expect(samples.allSatisfy { $0.momentary.isFinite && $0.momentary <= -120 && $0.shortTerm.isFinite && $0.shortTerm <= -120 })

        // ffmpeg agrees about the integrated loudness of silence.
        let raw = dir.appendingPathComponent("silence.f32")
        try Self.interleave(silence).write(to: raw)
        let ref = try Self.ebur128(input: ["-f", "f32le", "-ar", "48000", "-ac", "2", "-i", raw.path], in: dir)
        #expect(ref.summaryIntegrated == r.integrated)

        // A hiss at -90 dBFS is gated out too, and is not boosted.
        var seed: UInt64 = 5
        let hiss = (0..<48000).map { _ -> Float in
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: seed) >> 11) / Float(1 << 52) * 3e-5
        }
        let quiet = LoudnessMeter(sampleRate: 48000, channels: 1)
        quiet.add(planar: [hiss])
        #expect(quiet.result().integrated == -70)

        let normaliser = LoudnessNormalizer(measured: r, sampleRate: 48000, channels: 2)
        #expect(normaliser.gainDB == 0)
        var out = normaliser.process(planar: silence)
        let tail = normaliser.flush()
        for ch in 0..<2 { out[ch] += tail[ch] }
        #expect(out.allSatisfy { $0.count == 48000 * 3 && $0.allSatisfy { $0 == 0 } })
    }

    @Test func gainIsCappedAt30dB() {
        func gain(_ integrated: Double) -> Double {
            LoudnessNormalizer(measured: LoudnessMeasurement(integrated: integrated, truePeak: -10, range: 0, threshold: integrated - 10),
                               sampleRate: 48000, channels: 2).gainDB
        }
        #expect(gain(-60) == LoudnessNormalizer.maximumGainDB)
        #expect(LoudnessNormalizer.maximumGainDB == 30)
        #expect(abs(gain(-23) - 9) < 1e-9)
        #expect(abs(gain(-5) - -9) < 1e-9)
        #expect(gain(-70) == 0)
        #expect(gain(-.infinity) == 0)
    }

    @Test func sixtySecondsOfStereoTakeWellUnderTwoSecondsOfProcessorTime() {
        let n = 48000 * 60
        var seed: UInt64 = 9
        var left = [Float](repeating: 0, count: n), right = left
        for i in 0..<n {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let noise = Float(Int64(bitPattern: seed) >> 40) / Float(1 << 23)
            left[i] = 0.3 * sin(Float(i % 48000) * 0.0523) + 0.05 * noise
            right[i] = 0.2 * noise
        }
        let chunks = stride(from: 0, to: n, by: 1024).map { s in [Array(left[s..<min(n, s + 1024)]), Array(right[s..<min(n, s + 1024)])] }

        // Processor time of this thread, so that other tests running alongside don't count.
        var start = Self.threadCPUTime(), wall = ContinuousClock.now
        let meter = LoudnessMeter(sampleRate: 48000, channels: 2)
        for c in chunks { meter.add(planar: c) }
        let measured = meter.result()
        let meterTime = Self.threadCPUTime() - start, meterWall = ContinuousClock.now - wall

        start = Self.threadCPUTime(); wall = ContinuousClock.now
        let normaliser = LoudnessNormalizer(measured: measured, sampleRate: 48000, channels: 2)
        var frames = 0
        for c in chunks { frames += normaliser.process(planar: c)[0].count }
        frames += normaliser.flush()[0].count
        let normaliserTime = Self.threadCPUTime() - start, normaliserWall = ContinuousClock.now - wall
        print("R128 speed, 60 s stereo 48 kHz (CPU / wall): meter \(f(meterTime)) s / \(meterWall), normaliser \(f(normaliserTime)) s / \(normaliserWall)")
        #expect(frames == n)
        #expect(meter.drainSamples().count == 600)
        #expect(meterTime < 1.5)
        #expect(normaliserTime < 1.5)
    }

    static func threadCPUTime() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    // MARK: - Helpers

    struct Reference {
        /// The last `lavfi.r128.I` (3 decimals).
        var integrated: Double
        /// The Summary block's figures (1 decimal).
        var summaryIntegrated: Double
        var threshold: Double
        var truePeak: Double
        /// The last `lavfi.r128.LRA` (3 decimals).
        var range: Double
        /// Per 100 ms frame.
        var momentary: [Double]
        var shortTerm: [Double]
    }

    /// Runs `ffmpeg -i … -af ebur128=peak=true:metadata=1` and reads the Summary (stderr) and the
    /// per-frame metadata.
    static func ebur128(input: [String], in dir: URL) throws -> Reference {
        let meta = dir.appendingPathComponent("r128-\(UUID().uuidString.prefix(6)).txt")
        let run = try ffmpeg(["-nostats"] + (input.count == 1 ? ["-i", input[0]] : input)
                             + ["-af", "ebur128=peak=true:metadata=1,ametadata=mode=print:file=\(meta.path)", "-f", "null", "-"], in: dir)
        let summary = run.stderr.components(separatedBy: "Summary:").last ?? ""
        func value(_ key: String, after section: String) throws -> Double {
            guard let part = summary.components(separatedBy: section).dropFirst().first,
                  let line = part.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key) })
            else { throw Failure("no \(key) in ffmpeg's summary:\n\(run.stderr.suffix(800))") }
            let token = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? ""
            if token == "-inf" { return -.infinity }
            guard let v = Double(token) else { throw Failure("can't read \(line)") }
            return v
        }
        var frames: [[String: Double]] = []
        for line in try String(contentsOf: meta, encoding: .utf8).split(separator: "\n") {
            if line.hasPrefix("frame:") { frames.append([:]); continue }
            let kv = line.split(separator: "=", maxSplits: 1)
            if kv.count == 2, let v = Double(kv[1]), !frames.isEmpty { frames[frames.count - 1][String(kv[0])] = v }
        }
        guard let last = frames.last(where: { $0["lavfi.r128.I"] != nil }) else { throw Failure("no ebur128 metadata") }
        return Reference(integrated: last["lavfi.r128.I"]!,
                         summaryIntegrated: try value("I:", after: "Integrated loudness:"),
                         threshold: try value("Threshold:", after: "Integrated loudness:"),
                         truePeak: try value("Peak:", after: "True peak:"),
                         range: last["lavfi.r128.LRA"] ?? -1,
                         momentary: frames.compactMap { $0["lavfi.r128.M"] },
                         shortTerm: frames.compactMap { $0["lavfi.r128.S"] })
    }

    /// The signal generated, decoded, and measured by Marquee's meter (fed 1024 frames at a time).
    static func measured(_ signal: Signal, in dir: URL) throws -> (wav: URL, audio: [[Float]], measurement: LoudnessMeasurement) {
        let wav = try generate(signal, in: dir)
        let audio = try decode(wav, channels: signal.channels)
        let meter = LoudnessMeter(sampleRate: signal.sampleRate, channels: signal.channels)
        feed(meter, audio, chunk: 1024)
        return (wav, audio, meter.result())
    }

    static func generate(_ signal: Signal, in dir: URL) throws -> URL {
        let wav = dir.appendingPathComponent("\(signal.name).wav")
        _ = try ffmpeg(["-y", "-filter_complex", signal.graph, "-map", "[a]", "-c:a", "pcm_f32le", wav.path], in: dir)
        return wav
    }

    /// Decodes with ffmpeg to interleaved float on stdout, then deinterleaves.
    static func decode(_ file: URL, channels: Int) throws -> [[Float]] {
        let run = try ffmpeg(["-i", file.path, "-f", "f32le", "-acodec", "pcm_f32le", "-"], in: file.deletingLastPathComponent())
        let frames = run.stdout.count / (4 * channels)
        var planar = [[Float]](repeating: [Float](repeating: 0, count: frames), count: channels)
        run.stdout.withUnsafeBytes { raw in
            let floats = raw.bindMemory(to: Float.self)
            for ch in 0..<channels {
                planar[ch].withUnsafeMutableBufferPointer { out in
                    for i in 0..<frames { out[i] = floats[i * channels + ch] }
                }
            }
        }
        return planar
    }

    static func interleave(_ planar: [[Float]]) -> Data {
        let channels = planar.count, frames = planar[0].count
        var data = Data(count: frames * channels * 4)
        data.withUnsafeMutableBytes { raw in
            let out = raw.bindMemory(to: Float.self)
            for ch in 0..<channels { for i in 0..<frames { out[i * channels + ch] = planar[ch][i] } }
        }
        return data
    }

    static func feed(_ meter: LoudnessMeter, _ audio: [[Float]], chunk: Int) {
        var offset = 0
        while offset < audio[0].count {
            let n = min(chunk, audio[0].count - offset)
            meter.add(planar: audio.map { Array($0[offset..<(offset + n)]) })
            offset += n
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs /usr/bin/ffmpeg; stdout is returned, stderr goes through a file so neither pipe blocks.
    static func ffmpeg(_ args: [String], in dir: URL) throws -> (stdout: Data, stderr: String) {
        let errURL = dir.appendingPathComponent("ffmpeg-\(UUID().uuidString.prefix(6)).log")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer { try? errHandle.close(); try? FileManager.default.removeItem(at: errURL) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        p.arguments = ["-hide_banner"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = errHandle
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        guard p.terminationStatus == 0 else { throw Failure("ffmpeg \(args.joined(separator: " ")) failed:\n\(stderr.suffix(1500))") }
        return (data, stderr)
    }
}

private func f(_ x: Double) -> String { String(format: "%.3f", x) }
