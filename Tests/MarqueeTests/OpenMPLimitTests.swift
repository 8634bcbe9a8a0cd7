import Foundation
import Batch
import Testing

/// `marquee covers …` runs Tesseract with one OpenMP thread (libgomp's spinning teams cost several
/// times the reading): the process restarts itself once with OMP_THREAD_LIMIT=1, keeping its PID,
/// and a limit the user set is kept. Seen from outside, in /proc, while the run waits for a folder
/// this test holds.
@Suite(.serialized) struct OpenMPLimitTests {
    /// The OMP_THREAD_LIMIT of a `covers compose --wait` run started through `env envArgs`.
    func limitSeen(_ envArgs: [String]) throws -> String? {
        let dir = try TestSupport.tempDir("omp-limit")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try TestSupport.manifest(in: dir, count: 1)
        let out = dir.appendingPathComponent("out")
        let lock = try ReliabilityLockCommandTests.hold(out)
        let run = try Reliability.start(envArgs + [TestSupport.marquee.path, "covers", "compose", "--manifest", manifest.path,
                                                   "--platforms", "tiktok", "--regions", "na", "--checks", "none", "--out", out.path, "--wait"],
                                        program: URL(fileURLWithPath: "/usr/bin/env"))
        let waiting = Reliability.wait(for: run.process, timeout: 60) {
            ((try? String(contentsOf: run.err, encoding: .utf8)) ?? "").contains("waiting: ")
        }
        #expect(waiting, "the run did not wait for the folder")
        let environ = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(run.pid)/environ"))) ?? Data()
        lock.release()
        let done = run.wait()
        #expect(done.status == 0, "\(done.stderr.suffix(600))")
        return environ.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            .first { $0.hasPrefix("OMP_THREAD_LIMIT=") }.map { String($0.dropFirst("OMP_THREAD_LIMIT=".count)) }
    }

    @Test func coversRunWithOneOpenMPThread() throws {
        #expect(try limitSeen(["-u", "OMP_THREAD_LIMIT"]) == "1")
    }

    @Test func aLimitTheUserSetIsKept() throws {
        #expect(try limitSeen(["OMP_THREAD_LIMIT=3"]) == "3")
    }
}
