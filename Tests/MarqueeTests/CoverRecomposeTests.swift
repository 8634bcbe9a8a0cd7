import Foundation
import Covers
import ReportWriters
import Testing

/// The re-compose loop of `covers compose --check`: a cover whose first attempt fails a check is
/// composed again (the failing text on a panel, one size larger) and says so in covers.json.
@Suite(.serialized) struct CoverRecomposeTests {
    /// A stricter text-size rule than the composer designs for (x-height at feed size 0.6 x the
    /// platform's minimum instead of 0.5: text set at the smallest size has 0.536) makes the first
    /// attempt of covers with text at that size fail; 25 % larger passes.
    @Test func aCoverFailingItsFirstAttemptIsComposedAgainAndPasses() throws {
        let dir = try TestSupport.tempDir("recompose")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try CoverFixtures.show(in: dir)
        let strict = dir.appendingPathComponent("strict"), plain = dir.appendingPathComponent("plain")
        let common = ["--platforms", "tiktok", "--regions", "na", "--seed", "7", "--checks", "text-size", "--reports", "covers-json"]
        _ = try CoverFixtures.compose(manifest: manifest, out: strict, common + ["--param", "text-size.x_height_share=0.6"])
        _ = try CoverFixtures.compose(manifest: manifest, out: plain, common)
        let doc = try CoverFixtures.document(strict), before = try CoverFixtures.document(plain)
        #expect(doc.failures.isEmpty, "\(doc.failures)")

        // Composed again: a `compose` finding names the attempt and what failed before it.
        let retried = doc.findings.filter { $0.check == "compose" && $0.message.hasPrefix("attempt 2 of \(CoverBatch.maxAttempts)") }
        #expect(!retried.isEmpty, "no cover was composed again: \(doc.findings.map(\.message))")
        #expect(retried.allSatisfy { $0.severity == .info && $0.message.contains("failed [text-size]") })
        // Under the ordinary rule nothing fails, so nothing is composed again.
        #expect(!before.findings.contains { $0.check == "compose" }, "\(before.findings.map(\.message))")

        // At least one re-composed cover passes in the end, with the flagged text on a panel.
        let passed = Set(retried.map(\.file)).filter { file in
            !doc.findings.contains { $0.file == file && $0.severity == .error }
        }
        #expect(!passed.isEmpty, "every re-composed cover still fails: \(doc.findings.map(\.message))")
        for file in passed {
            let cover = try #require(doc.covers.first { $0.file == file })
            #expect(cover.layers.contains { $0.kind == "scrim" }, "\(file): the re-composed text has no panel")
        }
    }

    /// The beauty layout's before/after labels are badges: a size failure on one raises its size on
    /// the next attempt (it was ignored: "Before" stayed at the smallest size through all three
    /// attempts and the cover kept its text-size error).
    @Test func aLabelFailingTextSizeIsComposedLarger() throws {
        let dir = try TestSupport.tempDir("recompose-label")
        defer { try? FileManager.default.removeItem(at: dir) }
        let show = try CoverFixtures.show(in: dir)
        let rows = try String(contentsOf: show, encoding: .utf8).split(separator: "\n")
        let manifest = dir.appendingPathComponent("serum.csv")
        try (rows.filter { $0.hasPrefix("id,") || $0.hasPrefix("serum,") }.joined(separator: "\n") + "\n").write(to: manifest, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("strict")
        _ = try CoverFixtures.compose(manifest: manifest, out: out, ["--platforms", "tiktok", "--regions", "na", "--seed", "7", "--checks", "text-size",
                                                                    "--reports", "covers-json", "--param", "text-size.x_height_share=0.6"])
        let doc = try CoverFixtures.document(out)
        let cover = try #require(doc.covers.first, "\(doc.failures)")
        let label = try #require(cover.layers.first { $0.role == "before-label" })
        let retried = doc.findings.filter { $0.check == "compose" }
        #expect(retried.contains { $0.message.contains("before-label 25 % larger") }, "\(retried.map(\.message))")
        #expect((label.font_px ?? 0) > Double(cover.min_font_px), "the label stayed at \(label.font_px ?? 0) px")
        #expect(!doc.findings.contains { $0.severity == .error }, "\(doc.findings.filter { $0.severity == .error }.map(\.message))")
        // A badge has its own fill: it is not said to be set on a panel.
        #expect(!retried.contains { $0.message.contains("before-label on a panel") || $0.message.contains("before-label, ") })
    }
}
