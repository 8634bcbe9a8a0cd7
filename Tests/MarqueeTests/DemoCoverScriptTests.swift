import Foundation
import Testing
import OracleSupport

/// The demo's covers that detection read in the wrong language (session 16), read again as plain images.
@Suite struct DemoCoverScriptTests {
    /// Three of the demo's covers (the sample show's drawn photos at 1600 px, composed as `make demo`
    /// composes them) checked as plain images without `--locale`, as a folder from elsewhere would be.
    /// Before session 16 the English one was read as Arabic, the Arabic one as Thai, and the Thai one as
    /// English, its title lost to two letters read on the negative.
    @Test func theDemoCoversReadInTheWrongLanguageAreReadInTheirOwn() throws {
        let dir = try TestSupport.tempDir("script-choice")
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = TestSupport.repoRoot.appendingPathComponent("samples/make-sample-show.sh").path
        let show = try OracleTools.run("/bin/bash", [script, dir.path, "1600"])
        guard show.status == 0 else { throw OracleError("make-sample-show.sh failed (is ffmpeg installed? `make setup`): \(show.stderr)") }
        let manifest = dir.appendingPathComponent("manifest.csv")
        let rows = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n")
        try (rows.prefix(1) + rows.filter { ["linen-shirt,", "buds-pro,", "mango-sticky-rice,"].contains(where: $0.hasPrefix) })
            .joined(separator: "\n").write(to: manifest, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("covers")
        let compose = try TestSupport.run(["covers", "compose", "--manifest", manifest.path, "--platforms", "tiktok,instagram-reels",
                                           "--regions", "na,sea,mena", "--variants", "2", "--check", "--out", out.path])
        #expect(compose.status == 0, "\(compose.stderr.suffix(800))")
        let expected = ["linen-shirt-tiktok-na-v2.jpg": "en", "buds-pro-instagram-reels-mena-v2.jpg": "ar",
                        "mango-sticky-rice-instagram-reels-sea-v2.jpg": "th"]
        for (file, locale) in expected.sorted(by: { $0.key < $1.key }) {
            let platform = file.contains("tiktok") ? "tiktok" : "instagram-reels"
            let check = try TestSupport.run(["covers", "check", "--platform", platform, "--layers", "none", "--json",
                                             "--out", dir.appendingPathComponent("check-\(locale)").path, out.appendingPathComponent(file).path])
            struct Doc: Decodable { struct Cover: Decodable { struct Text: Decodable { let text: String }; let locale: String; let texts: [Text] }; let covers: [Cover] }
            let doc = try JSONDecoder().decode(Doc.self, from: Data(check.stdout.utf8))
            let cover = try #require(doc.covers.first)
            #expect(cover.locale == locale, "\(file): read as \(cover.locale): \(cover.texts.map(\.text))")
            if locale == "th" {
                // The title, ข้าวเหนียวมะม่วง, reported as written: Tesseract splits unspaced Thai into
                // letters and reads some marks apart, and the report joins them again (session 17).
                #expect(cover.texts.contains { $0.text.contains("ข้าวเหนียวมะม่วง") }, "\(cover.texts.map(\.text))")
            }
        }
    }
}
