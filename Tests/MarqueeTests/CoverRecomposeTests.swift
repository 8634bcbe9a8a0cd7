import Foundation
import Support
import PluginKit
import Presets
import Covers
import Testing

/// A check that always finds the title too small: each attempt asks the composer for a larger title.
struct AlwaysSmallTitle: CoverCheck {
    static let metadata = PluginMetadata(name: "test-small-title", kind: .coverCheck, summary: "the title is always too small")
    func check(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> [Finding] {
        guard let i = input.cover.layers.firstIndex(where: { $0.role == "title" }) else { return [] }
        return [Finding(check: "test-text-size", severity: .error, message: "title too small", layer: i)]
    }
}

/// When a re-composition with larger text cannot be made (the title no longer fits and the layout
/// may not shorten it), the attempt before stands: the cover is written, and covers.json says which
/// attempt could not be composed and why.
@Suite struct CoverRecomposeTests {
    @Test func largerTextThatDoesNotFitLeavesTheAttemptBefore() async throws {
        let dir = try TestSupport.tempDir("recompose")
        defer { try? FileManager.default.removeItem(at: dir) }
        let title = "Breathable Organic Linen Summer Shirt With Pockets"
        let manifest = try CoverJobTests.shirt(in: dir, title: title)
        let out = dir.appendingPathComponent("out")
        let registry = try CoverJobTests.registry([AlwaysSmallTitle()])
        let result = try await CoverJobTests.run(CoverJobTests.options(manifest, out: out) {
            $0.checks = ["test-small-title"]; $0.parameters = ["apparel-hero.title_overflow=fail"]
        }, registry: registry)
        #expect(result.summary.done == 1 && result.summary.failed.isEmpty, "\(result.summary.failed.map { $0.error ?? "" })")
        let doc = try CoverFixtures.document(out)
        let cover = try #require(doc.covers.first)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(cover.file).path))
        let compose = doc.findings.filter { $0.check == "compose" }.map(\.message)
        let stands = try #require(compose.first { $0.contains("could not be composed") }, "\(compose)")
        // Attempt 2 or 3 failed to fit; the one before it is the cover.
        let failedAttempt = try #require(Int(stands.split(separator: " ")[1]))
        #expect(stands.contains("attempt \(failedAttempt - 1) stands"), "\(stands)")
        #expect(stands.contains("title 25 % larger") || stands.contains("title 56 % larger"), "\(stands)")
        // Only attempts that were made are announced (the one that could not be made is the warning).
        #expect(compose.filter { $0.contains("composed again") }.count == failedAttempt - 2, "\(compose)")
        // The title is the whole title (not shortened: the layout may not), at the size of the attempt that stood.
        let titleLayer = try #require(cover.layers.first { $0.role == "title" })
        #expect(titleLayer.text == title)
        // Its error finding is still reported: the cover does not pass the check, and the item says so.
        #expect(doc.findings.contains { $0.check == "test-text-size" && $0.severity == .error })
    }
}
