import Foundation

import Testing

/// Tesseract runs with one OpenMP thread in Marquee (libgomp's spinning teams cost several times the
/// reading): each reading thread allows itself no active parallel region, and a limit the user set in
/// OMP_THREAD_LIMIT is kept. Seen from outside: the threads of a `covers check` that reads text, sampled
/// in /proc while it runs (libgomp keeps a team's threads until the process ends).
@Suite(.serialized) struct OpenMPLimitTests {
    /// Covers with text, and their covers.json, composed once for the suite's runs.
    static let covers: Result<URL, any Error> = Result {
        let dir = try TestSupport.tempDir("omp-limit")
        let manifest = try TestSupport.manifest(in: dir, count: 2, categories: ["apparel"])
        let out = dir.appendingPathComponent("out")
        let made = try ClipFixtures.run(TestSupport.marquee.path, ["covers", "compose", "--manifest", manifest.path,
                                                                   "--platforms", "tiktok", "--regions", "na,sea", "--checks", "none", "--out", out.path])
        #expect(made.status == 0)
        return out
    }

    /// The most threads a legibility check of the covers had at once, run with `limit` as OMP_THREAD_LIMIT (nil: unset).
    func mostThreads(limit: String?) throws -> Int {
        let out = try Self.covers.get()
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".jpg") }.sorted()
        #expect(files.count == 4)
        let envArgs = limit.map { ["OMP_THREAD_LIMIT=\($0)"] } ?? ["-u", "OMP_THREAD_LIMIT"]
        let run = try Reliability.start(envArgs + [TestSupport.marquee.path, "covers", "check", "--platform", "tiktok",
                                                   "--layers", out.appendingPathComponent("covers.json").path,
                                                   "--checks", "legibility", "--jobs", "2"] + files.map { out.appendingPathComponent($0).path },
                                        program: URL(fileURLWithPath: "/usr/bin/env"))
        var most = 0
        while run.process.isRunning {
            let status = (try? String(contentsOfFile: "/proc/\(run.pid)/status", encoding: .utf8)) ?? ""
            if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Threads:") }),
               let n = Int(line.split(separator: "\t").last?.trimmingCharacters(in: .whitespaces) ?? "") {
                most = max(most, n)
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        let done = run.wait()
        #expect(done.status == 0 || done.status == 1, "\(done.stderr.suffix(600))")
        return most
    }

    @Test func readingUsesNoOpenMPTeamUnlessTheUserSetsALimit() throws {
        let own = try mostThreads(limit: nil)
        let users = try mostThreads(limit: "8")
        // With teams allowed, each of the two reading threads gets up to 7 more; how many exist at one
        // sample depends on how the reads overlap (5 to 6 more seen on a loaded machine), so the bar is
        // half a team. Without Marquee's setting both runs have the teams (18 and 18 threads seen).
        #expect(own > 0 && users >= own + 3, "threads: \(own) with Marquee's setting, \(users) with OMP_THREAD_LIMIT=8")
    }
}
