import Foundation
import Testing

/// The composer picks its ink with the contrast check's own measure, so a cover composed without
/// `--check` still passes the contrast check: before, it judged the pixels behind the text by the
/// samples farthest from each ink, which the check does not, and chose near-black titles over a blue
/// sofa photo (3.6:1) or a brown food backdrop (2.35:1) that `covers check` then failed.
@Suite struct CoverContrastByConstructionTests {
    @Test(arguments: ["drawn", "real"])
    func coversComposedWithoutChecksPassTheContrastCheck(photos: String) throws {
        let dir = try TestSupport.tempDir("contrast-construction")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = photos == "real" ? try RealPhotos.show(in: dir) : try CoverFixtures.show(in: dir, photoSide: 800)
        let out = dir.appendingPathComponent("out")
        let compose = try CoverFixtures.compose(manifest: manifest, out: out, ["--platforms", "tiktok,shopee-live,youtube-thumbnail",
                                                                               "--regions", "na,sea", "--checks", "none", "--jobs", "2"])
        #expect(compose.status == 0, "\(compose.stdout.suffix(2000))\n\(compose.stderr.suffix(2000))")
        let check = try TestSupport.run(["covers", "check", "--checks", "contrast", "--json", out.path])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any], "\(check.stderr)")
        let covers = try #require(doc["covers"] as? [[String: Any]])
        #expect(covers.count == 5 * 3 * 2)
        for cover in covers {
            for outcome in (cover["checks"] as? [[String: Any]]) ?? [] where outcome["verdict"] as? String == "fail" {
                let findings = (outcome["findings"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
                Issue.record("\(photos) photos, \(cover["file"] ?? "?"): \(findings.joined(separator: "; "))")
            }
        }
        #expect(check.status == 0, "covers check exits 1 when a cover fails")
    }
}
