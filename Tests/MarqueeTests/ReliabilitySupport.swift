import Foundation
import Batch
import Imaging
import OracleSupport
import Testing

/// What the reliability suites share: runs of the real `marquee` (at once, as another user, under a
/// file-size limit), generated inputs, and the checks every output folder must pass afterwards.
enum Reliability {
    /// A `marquee` process started with its output going to files (no pipe can stall it).
    struct Started {
        let process: Process
        let out: URL, err: URL

        var pid: Int32 { process.processIdentifier }

        func wait() -> TestSupport.Run {
            process.waitUntilExit()
            return TestSupport.Run(status: process.terminationStatus,
                                   stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                                   stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        }
    }

    /// Starts `program` (default: `marquee`) with `args`.
    static func start(_ args: [String], program: URL = TestSupport.marquee) throws -> Started {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rel-\(UUID().uuidString)")
        let out = scratch.appendingPathExtension("out"), err = scratch.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = program
        p.arguments = args
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        return Started(process: p, out: out, err: err)
    }

    /// Runs `marquee` as the unprivileged user `nobody` (the tests run as root, who may write anywhere).
    static func runAsNobody(_ args: [String]) throws -> TestSupport.Run {
        let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
        guard FileManager.default.isExecutableFile(atPath: setpriv.path) else {
            throw OracleError("SETUP FAILED: /usr/bin/setpriv (util-linux) is needed to run marquee as another user")
        }
        let run = try start(["--reuid=65534", "--regid=65534", "--clear-groups", TestSupport.marquee.path] + args, program: setpriv).wait()
        guard !run.stderr.contains("setpriv:") else { throw OracleError("SETUP FAILED: setpriv could not switch to nobody: \(run.stderr)") }
        return run
    }

    /// Runs `marquee` in a shell with `ulimit -f kilobytes`.
    static func runLimited(fileSizeKB: Int, _ args: [String]) throws -> (run: TestSupport.Run, process: Process) {
        let s = try start(["-c", "ulimit -f \(fileSizeKB) && exec \"$0\" \"$@\"", TestSupport.marquee.path] + args,
                          program: URL(fileURLWithPath: "/bin/bash"))
        return (s.wait(), s.process)
    }

    /// Files a run must not leave: work folders and half-written `.part` files.
    static func strays(in dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasPrefix(RunCleanup.workPrefix) || $0.hasSuffix(".part") }
    }

    /// How many times each item was completed over every run in `dir`'s catalog.
    static func completions(_ dir: URL) throws -> [String: Int] {
        try RunCatalog(path: dir.appendingPathComponent(RunCatalog.defaultName).path).completionCounts()
    }

    /// Whether ffmpeg decodes every frame and sample of `clip` without a single error.
    static func decodesCleanly(_ clip: URL) throws -> Bool {
        let r = try OracleTools.run(try OracleTools.mediaFFmpeg(), ["-v", "error", "-nostdin", "-i", clip.path, "-f", "null", "-"])
        return r.status == 0 && r.stderr.isEmpty
    }

    /// A decodable image with pixels (a truncated JPEG fails to decode all of them).
    static func decodesCleanly(cover url: URL) -> Bool {
        guard let img = try? Image.open(url.path), img.width > 0 else { return false }
        return (try? img.bandMeans().count) == 3
    }

    /// Re-runs a covers command and checks its folder: `total` covers, each decodes and was made once, no work files left.
    static func expectCoversFinishedOnce(_ args: [String], out: URL, total: Int) throws {
        let again = try TestSupport.run(args)
        #expect(again.status == 0, "\(again.stderr.suffix(800))")
        let covers = files(out, ext: "jpg")
        #expect(covers.count == total)
        for c in covers { #expect(decodesCleanly(cover: out.appendingPathComponent(c)), "\(c)") }
        let counts = try completions(out)
        #expect(counts.count == total && counts.values.allSatisfy { $0 == 1 }, "\(counts)")
        #expect(strays(in: out).isEmpty, "\(strays(in: out))")
    }

    static func files(_ dir: URL, ext: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".\(ext)") }.sorted()
    }

    /// A manifest of `count` products whose photos are noise, so every cover is a large JPEG.
    static func noiseManifest(in dir: URL, count: Int) throws -> URL {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("noise"), withIntermediateDirectories: true)
        var lines = ["id,image,title,price,currency,category"]
        for i in 0..<count {
            try ClipFixtures.ffmpeg(["-f", "lavfi", "-i", "nullsrc=s=1000x1000,geq=lum='random(\(i + 1))*255':cb=128:cr=128",
                                     "-frames:v", "1", dir.appendingPathComponent("noise/n\(i).jpg").path])
            lines.append("n\(i),noise/n\(i).jpg,Noise \(i),\(10 + i),USD,apparel")
        }
        let url = dir.appendingPathComponent("noise.csv")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// A replay and a cue sheet of three clips spread over it.
    static func replayAndCues(in dir: URL, seconds: Double = 12, cues: [(Double, Double)] = [(0, 2), (5, 7), (10, 12)]) throws -> (URL, URL) {
        let replay = dir.appendingPathComponent("replay.mp4")
        try ClipFixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=\(seconds)", "-f", "lavfi",
                                 "-i", "sine=frequency=440:sample_rate=48000:duration=\(seconds)", "-c:v", "libx264", "-g", "50",
                                 "-c:a", "aac", replay.path])
        let sheet = dir.appendingPathComponent("cues.csv")
        let rows = cues.enumerated().map { "c\($0.offset + 1),\($0.element.0),\($0.element.1)" }
        try (["id,start,end"] + rows).joined(separator: "\n").write(to: sheet, atomically: true, encoding: .utf8)
        return (replay, sheet)
    }

    /// Waits until `condition` holds or `process` ends; true when the condition held first.
    static func wait(for process: Process, timeout: TimeInterval = 120, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && process.isRunning {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return condition() && process.isRunning
    }
}
