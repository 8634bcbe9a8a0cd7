import Foundation
import Testing
@testable import Support
@testable import PluginKit
@testable import Presets
@testable import Batch
@testable import Covers
@testable import Clips
@testable import H264
@testable import Loudness

/// A temporary output folder with a run catalog beside it, removed at the end.
private final class RunSandbox {
    let root: URL
    let out: URL
    let catalog: RunCatalog

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("marquee-runner-\(UUID().uuidString)")
        out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        catalog = try RunCatalog(path: root.appendingPathComponent(RunCatalog.defaultName).path)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func runner(concurrency: Int = 2) -> BatchRunner {
        BatchRunner(job: "test", command: "marquee test", outDir: out, catalog: catalog, concurrency: concurrency,
                    progress: ProgressReporter(label: "test", style: .quiet))
    }

    func contents(_ relative: String) -> String? {
        FileManager.default.contents(atPath: out.appendingPathComponent(relative).path).map { String(decoding: $0, as: UTF8.self) }
    }

    func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).sorted()
    }
}

/// Counts the item bodies that actually ran, and the most that ran at once.
private actor Tally {
    private(set) var ran: [String] = []
    private(set) var running = 0
    private(set) var maxRunning = 0

    func enter(_ key: String) {
        ran.append(key)
        running += 1
        maxRunning = max(maxRunning, running)
    }

    func leave() { running -= 1 }
}

/// An item writing `KEY.txt` with `body`, counted in `tally`; `fail` makes it throw after starting.
private func item(_ key: String, hash: String = "h1", body: String? = nil, fail: Bool = false,
                  problems: [String] = [], pause: Duration = .zero, tally: Tally) -> WorkItem {
    WorkItem(key: key, inputHash: hash, outputs: ["\(key).txt"]) { ctx in
        await tally.enter(key)
        if pause > .zero { try await Task.sleep(for: pause) }
        await tally.leave()
        if fail { throw MarqueeError.item("\(key): the photo is 12x12 px, too small") }
        try ctx.write(Data((body ?? "output of \(key)").utf8), to: "\(key).txt")
        return ItemOutcome(metrics: ["bytes": 42], record: Data(#"{"key":"\#(key)"}"#.utf8), problems: problems)
    }
}

@Suite struct RunnerTests {
    @Test func itemsWriteTheirOutputsAndAreRecorded() async throws {
        let box = try RunSandbox()
        let tally = Tally()
        let summary = try await box.runner().run(["a", "b", "c"].map { item($0, tally: tally) })
        #expect(summary.done == 3)
        #expect(summary.skipped == 0)
        #expect(summary.failed.isEmpty)
        #expect(summary.exitCode == 0)
        #expect(summary.results.map(\.key) == ["a", "b", "c"])
        #expect(summary.results.allSatisfy { $0.status == .done })
        #expect(summary.results.first?.record == Data(#"{"key":"a"}"#.utf8))
        #expect(box.contents("b.txt") == "output of b")
        #expect(box.files() == ["a.txt", "b.txt", "c.txt"])
        #expect(try box.catalog.completionCounts() == ["a": 1, "b": 1, "c": 1])

        let run = try #require(try box.catalog.runs().first)
        #expect(run.id == summary.runID)
        #expect(run.total == 3)
        #expect(run.done == 3)
        #expect(run.failed == 0)
        #expect(run.finishedAt != nil)
    }

    @Test func aFailingItemIsRecordedAndTheOthersComplete() async throws {
        let box = try RunSandbox()
        let tally = Tally()
        let items = [item("a", tally: tally), item("bad", fail: true, tally: tally), item("c", tally: tally)]
        let summary = try await box.runner().run(items)
        #expect(summary.done == 2)
        #expect(summary.failed.map(\.key) == ["bad"])
        #expect(summary.failed.first?.error?.contains("too small") == true)
        #expect(summary.exitCode == 1)
        #expect(box.files() == ["a.txt", "c.txt"])
        #expect(try box.catalog.completionCounts() == ["a": 1, "c": 1])
        #expect(try box.catalog.runs().first?.failed == 1)
        #expect(try box.catalog.completed(key: "bad", inputHash: "h1") == nil)

        // The failed item is attempted again on the next run; the others are skipped.
        let again = try await box.runner().run(items)
        #expect(again.skipped == 2)
        #expect(again.failed.map(\.key) == ["bad"])
        #expect(await tally.ran.filter { $0 == "bad" }.count == 2)
    }

    @Test func itemProblemsMakeTheBatchExitOneWithoutFailing() async throws {
        let box = try RunSandbox()
        let summary = try await box.runner().run([item("a", problems: ["text too small"], tally: Tally())])
        #expect(summary.failed.isEmpty)
        #expect(summary.withProblems.map(\.key) == ["a"])
        #expect(summary.exitCode == 1)
        // Problems survive a skip: the catalog keeps them.
        let again = try await box.runner().run([item("a", problems: ["text too small"], tally: Tally())])
        #expect(again.skipped == 1)
        #expect(again.results.first?.problems == ["text too small"])
        #expect(again.exitCode == 1)
    }

    @Test func aRerunWithTheSameInputsSkipsDoneItems() async throws {
        let box = try RunSandbox()
        let first = Tally()
        _ = try await box.runner().run(["a", "b", "c"].map { item($0, tally: first) })
        let counts = try box.catalog.completionCounts()

        let second = Tally()
        let summary = try await box.runner().run(["a", "b", "c"].map { item($0, body: "changed", tally: second) })
        #expect(summary.skipped == 3)
        #expect(summary.done == 0)
        #expect(summary.results.allSatisfy { $0.status == .skipped })
        #expect(summary.exitCode == 0)
        #expect(await second.ran.isEmpty)
        #expect(try box.catalog.completionCounts() == counts)
        // The skipped item's record comes from the catalog; its output was not rewritten.
        #expect(summary.results.first?.record == Data(#"{"key":"a"}"#.utf8))
        #expect(box.contents("a.txt") == "output of a")
        #expect(try box.catalog.runs().first?.skipped == 3)
    }

    @Test func changingAnItemsInputHashRunsItAgain() async throws {
        let box = try RunSandbox()
        _ = try await box.runner().run(["a", "b"].map { item($0, tally: Tally()) })

        let tally = Tally()
        let summary = try await box.runner().run([item("a", tally: tally), item("b", hash: "h2", body: "new b", tally: tally)])
        #expect(summary.results.map(\.status) == [.skipped, .done])
        #expect(await tally.ran == ["b"])
        #expect(box.contents("b.txt") == "new b")
        #expect(try box.catalog.completionCounts() == ["a": 1, "b": 2])

        // Going back to the first inputs must run the item again: b.txt now holds the output of
        // the second inputs. BatchRunner skips it because the catalog still has a `done` attempt
        // with the first hash (RunCatalog.completed ignores that a later attempt replaced the output).
        let back = try await box.runner().run([item("b", tally: tally)])
        #expect(back.results.map(\.status) == [.done])
        #expect(box.contents("b.txt") == "output of b")
    }

    @Test func deletingAnOutputMakesTheItemRunAgain() async throws {
        let box = try RunSandbox()
        _ = try await box.runner().run(["a", "b"].map { item($0, tally: Tally()) })
        try FileManager.default.removeItem(at: box.out.appendingPathComponent("a.txt"))

        let tally = Tally()
        let summary = try await box.runner().run(["a", "b"].map { item($0, tally: tally) })
        #expect(summary.results.map(\.status) == [.done, .skipped])
        #expect(await tally.ran == ["a"])
        #expect(box.contents("a.txt") == "output of a")
        #expect(try box.catalog.completionCounts() == ["a": 2, "b": 1])
    }

    @Test(arguments: [1, 3])
    func concurrencyBoundIsRespected(concurrency: Int) async throws {
        let box = try RunSandbox()
        let tally = Tally()
        let items = (0..<12).map { item("i\($0)", pause: .milliseconds(30), tally: tally) }
        let summary = try await box.runner(concurrency: concurrency).run(items)
        #expect(summary.done == 12)
        let most = await tally.maxRunning
        #expect(most <= concurrency)
        // The bound is used, not just respected: with 30 ms items, several overlap.
        #expect(most >= min(concurrency, 2))
        #expect(await tally.running == 0)
    }

    @Test func atomicWritesLeaveNoPartFiles() throws {
        let box = try RunSandbox()
        let dir = box.root.appendingPathComponent("atomic/nested")
        let target = dir.appendingPathComponent("covers.json")
        try AtomicFile.write(Data("first".utf8), to: target)
        try AtomicFile.write(Data("second".utf8), to: target)
        #expect(FileManager.default.contents(atPath: target.path) == Data("second".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["covers.json"])

        // A folder that cannot be created: an error, not a crash.
        let blocked = box.root.appendingPathComponent("blocked")
        try Data("a file, not a folder".utf8).write(to: blocked)
        #expect(throws: (any Error).self) { try AtomicFile.write(Data("x".utf8), to: blocked.appendingPathComponent("f.json")) }
    }

    @Test func sweepRemovesStalePartFilesOnly() async throws {
        let box = try RunSandbox()
        try FileManager.default.createDirectory(at: box.out, withIntermediateDirectories: true)
        let stale = ".covers.json.1234-5678\(AtomicFile.partSuffix)"
        for name in [stale, "keep.json", "notes.partial"] {
            try Data("x".utf8).write(to: box.out.appendingPathComponent(name))
        }
        AtomicFile.sweep(box.out)
        #expect(box.files() == ["keep.json", "notes.partial"])

        // A batch run sweeps its output folder before it starts.
        try Data("x".utf8).write(to: box.out.appendingPathComponent(stale))
        _ = try await box.runner().run([item("a", tally: Tally())])
        #expect(box.files() == ["a.txt", "keep.json", "notes.partial"])
    }
}
