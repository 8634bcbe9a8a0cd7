import Foundation
import Imaging
import Testing

/// Photos that decode badly: a JPEG cut short (a copy that stopped mid-way) fails its covers with a
/// message rather than making a half-grey cover reported as done; `--lenient` keeps it with a warning
/// in covers.json and on the contact sheet; a tiny photo is a warning on its cover.
@Suite struct PhotoDamageTests {
    /// A manifest of a truncated photo, a fine one and a 1x1 one, in `dir`.
    static func manifest(in dir: URL) throws -> URL {
        let good = try TestSupport.photoData(width: 1200, height: 1200)
        try good.write(to: dir.appendingPathComponent("ok.jpg"))
        try good.prefix(good.count / 2).write(to: dir.appendingPathComponent("p1.jpg"))
        try Image.solid(width: 1, height: 1, rgb: [200, 30, 30]).encoded(as: .png).write(to: dir.appendingPathComponent("tiny.png"))
        let url = dir.appendingPathComponent("m.csv")
        try "id,image,title,category\ncut,p1.jpg,Cut short,beauty\nfine,ok.jpg,Fine,beauty\ntiny,tiny.png,Tiny,beauty\n"
            .write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func covers(_ out: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("covers.json"))) as? [String: Any])
    }

    static func findings(_ doc: [String: Any], file: String) -> [String] {
        (doc["findings"] as? [[String: Any]] ?? []).filter { $0["file"] as? String == file }.compactMap { $0["message"] as? String }
    }

    @Test func truncatedPhotoFailsItsCoversAndTheRestComplete() throws {
        let dir = try TestSupport.tempDir("photo-truncated")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let run = try TestSupport.run(["covers", "compose", "--manifest", try Self.manifest(in: dir).path, "--platforms", "tiktok",
                                       "--regions", "na", "--out", out.path])
        #expect(run.status == 1, "exit \(run.status)\n\(run.stdout)\n\(run.stderr.suffix(2000))")
        let doc = try Self.covers(out)
        let failures = doc["failures"] as? [[String: Any]] ?? []
        let message = failures.first { $0["item"] as? String == "cut-tiktok-na-v1" }?["message"] as? String ?? ""
        #expect(message.contains("product cut, field image: photo p1.jpg is truncated: "), "\(failures)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("cut-tiktok-na-v1.jpg").path))
        let made = (doc["covers"] as? [[String: Any]] ?? []).compactMap { $0["product"] as? String }
        #expect(Set(made) == ["fine", "tiny"], "\(made)")

        // The 1x1 photo is made, with a warning naming its size and the slot's minimum.
        let tiny = Self.findings(doc, file: "tiny-tiktok-na-v1.jpg")
        #expect(tiny.contains { $0.contains("hero photo is 1x1 pixels") && $0.contains("minimum") }, "\(tiny)")
        #expect(Self.findings(doc, file: "fine-tiktok-na-v1.jpg").allSatisfy { !$0.contains("photo is") })
    }

    @Test func lenientKeepsATruncatedPhotoWithAWarning() throws {
        let dir = try TestSupport.tempDir("photo-lenient")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let run = try TestSupport.run(["covers", "compose", "--manifest", try Self.manifest(in: dir).path, "--platforms", "tiktok",
                                       "--regions", "na", "--lenient", "--out", out.path])
        #expect(run.status == 0, "exit \(run.status)\n\(run.stdout)\n\(run.stderr.suffix(2000))")
        let doc = try Self.covers(out)
        let cut = Self.findings(doc, file: "cut-tiktok-na-v1.jpg")
        #expect(cut.contains { $0.contains("photo p1.jpg is truncated") && $0.contains("--lenient") }, "\(cut)")
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("photo p1.jpg is truncated"), "the contact sheet does not show the warning")
    }
}

extension TestSupport {
    /// A JPEG of a gradient with a block (detail all over, so a cut-short file is missing real data).
    static func photoData(width: Int, height: Int) throws -> Data {
        let bg = try Image.verticalGradient(width: width, height: height, top: [230, 200, 180], bottom: [40, 60, 120])
        let img = try bg.insert(try Image.solid(width: width / 3, height: height / 2, rgb: [20, 160, 90]), x: width / 3, y: height / 4)
        return try img.encoded(as: .jpg, quality: 92)
    }
}
