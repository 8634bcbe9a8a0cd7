import Foundation
import Support
import Covers
import Presets
import ReportWriters
import Testing

/// Every machine output of the real `marquee` binary (covers.json, clips.json, detect.json and every
/// `--json` document) validated against docs/schemas with Python's `jsonschema`, and the schemas
/// shown strict enough to catch a renamed key, a seed written as a number and an unrounded float.
@Suite struct OutputSchemaTests {
    @Test func coversOutputsFollowTheirSchemas() throws {
        try OutputValidator.requireJSONSchema()
        let dir = try TestSupport.tempDir("schema-covers")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try TestSupport.manifest(in: dir, count: 2, categories: ["apparel", "beauty"])
        let text = try String(contentsOf: manifest, encoding: .utf8) + "\nbad,photos/p0.jpg,Broken Price,-5,,THB,apparel,,"
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out"), json = dir.appendingPathComponent("json")
        try FileManager.default.createDirectory(at: json, withIntermediateDirectories: true)
        let compose = ["covers", "compose", "--manifest", manifest.path, "--platforms", "tiktok,youtube-thumbnail",
                       "--regions", "na", "--out", out.path, "--json"]

        let first = try TestSupport.run(compose)
        #expect(first.status == 1, "one product is broken: \(first.stderr.suffix(1000))")
        let summary = try OutputValidator.save(first, as: "covers-summary-1.json", in: json)
        let second = try TestSupport.run(compose)
        try OutputValidator.save(second, as: "covers-summary-2.json", in: json)
        for (args, name) in [(["runs", out.path], "runs"), (["runs", out.path, "2"], "run"), (["plugins"], "plugins"),
                             (["plugins", "contrast"], "plugin"), (["presets"], "presets"), (["presets", "validate"], "presets-validation")] {
            let run = try TestSupport.run(args + ["--json"])
            #expect(run.status == 0, "\(args): \(run.stderr)")
            try OutputValidator.save(run, as: "\(name).json", in: json)
        }

        let result = try OutputValidator.validate([out, json])
        #expect(result.status == 0, "\(result.output)")
        for kind in ["covers", "covers-summary", "runs", "run", "plugins", "plugin", "presets", "presets-validation"] {
            #expect(result.output.contains("(\(kind))"), "no \(kind) document was validated: \(result.output)")
        }

        // The summary lists each cover file, says `made` as the text does, and fails in the common shape.
        let s = try OutputValidator.object(summary)
        #expect(s["made"] as? Int == 4 && s["failed"] as? Int == 2 && s["done"] == nil, "\(s)")
        let items = s["items"] as? [[String: Any]] ?? []
        let made = items.filter { $0["status"] as? String == "made" }.flatMap { $0["files"] as? [String] ?? [] }
        #expect(made.count == 4 && made.allSatisfy { FileManager.default.fileExists(atPath: out.appendingPathComponent($0).path) }, "\(made)")
        let failure = (s["failures"] as? [[String: Any]])?.first ?? [:]
        #expect(failure["item"] as? String == "bad-tiktok-na-v1" && failure["file"] as? String == "bad-tiktok-na-v1.jpg"
                && failure["field"] as? String == "price", "\(failure)")
        let again = try OutputValidator.object(json.appendingPathComponent("covers-summary-2.json"))
        #expect(again["made"] as? Int == 0 && again["skipped"] as? Int == 4 && again["run_id"] as? String == "2", "\(again)")
        // Seeds are strings, exact to the last digit.
        let covers = try OutputValidator.object(out.appendingPathComponent("covers.json"))["covers"] as? [[String: Any]] ?? []
        #expect(covers.count == 4 && covers.allSatisfy { ($0["seed"] as? String).flatMap(UInt64.init) != nil })
    }

    @Test func clipsOutputsFollowTheirSchemas() throws {
        try OutputValidator.requireJSONSchema()
        let dir = try TestSupport.tempDir("schema-clips")
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = dir.appendingPathComponent("replay.mp4")
        try ClipFixtures.replay(replay, seconds: 4, size: "320x180")
        let sheet = dir.appendingPathComponent("cues.csv")
        try "id,start,end,title\na,0.5,2.25,First\nlate,10,12,After the end\n".write(to: sheet, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out"), json = dir.appendingPathComponent("json")
        try FileManager.default.createDirectory(at: json, withIntermediateDirectories: true)

        let cut = try TestSupport.run(["clips", "cut", replay.path, "--cues", sheet.path, "--out", out.path, "--json"])
        #expect(cut.status == 1, "cue `late` is past the end: \(cut.stderr.suffix(1000))")
        let summary = try OutputValidator.save(cut, as: "clips-summary.json", in: json)
        let detect = try TestSupport.run(["clips", "detect", replay.path, "--min-length", "1", "--max-length", "3",
                                          "--out", dir.appendingPathComponent("detected/cues.csv").path, "--json"])
        #expect(detect.status == 0, "\(detect.stderr.suffix(1000))")
        try OutputValidator.save(detect, as: "detect-stdout.json", in: json)

        let result = try OutputValidator.validate([out, json, dir.appendingPathComponent("detected")])
        #expect(result.status == 0, "\(result.output)")
        for kind in ["clips", "clips-summary", "detect"] {
            #expect(result.output.contains("(\(kind))"), "no \(kind) document was validated: \(result.output)")
        }
        let clips = try OutputValidator.object(out.appendingPathComponent("clips.json"))
        let clip = (clips["clips"] as? [[String: Any]])?.first ?? [:]
        #expect(clip["file"] as? String == "a.mp4" && (clip["cue"] as? [String: Any])?["start_s"] as? Double == 0.5, "\(clip)")
        let late = (clips["failures"] as? [[String: Any]])?.first ?? [:]
        #expect(late["item"] as? String == "late" && late["file"] as? String == "late.mp4", "\(late)")
        let s = try OutputValidator.object(summary)
        let files = (s["items"] as? [[String: Any]] ?? []).flatMap { $0["files"] as? [String] ?? [] }
        #expect(s["made"] as? Int == 1 && files == ["a.mp4"] && s["reports"] as? [String] == ["clips.json", "index.html"], "\(s)")
    }

    /// A valid covers.json made in process, and the same with one defect each: every defect is caught.
    @Test func schemasCatchRenamedKeysNumericSeedsAndUnroundedNumbers() throws {
        try OutputValidator.requireJSONSchema()
        let dir = try TestSupport.tempDir("schema-strict")
        defer { try? FileManager.default.removeItem(at: dir) }
        let layer = CoverLayer(kind: "text", role: "title", box: Box(x: 10, y: 20, w: 300, h: 80), text: "Sale", font_px: 47.999999,
                               color: "#FFFFFF", background: "#101010", contrast: 18.1234)
        let record = CoverRecord(file: "p1-tiktok-na-v1.jpg", product: "p1", platform: "tiktok", region: "na", locale: "en",
                                 category: "beauty", layout: "beauty-split", variant: 1, seed: UInt64.max, width: 1080, height: 1920,
                                 format: "jpg", quality: 85, bytes: 1000, inputs: [],
                                 safe_zone: Insets(top: 1, bottom: 2, left: 3, right: 4), feed_width: 180,
                                 min_font_px: 104.89999999999999, layers: [layer])
        let input = CoverReportInput(records: [record], findings: [:], failures: [], inputs: OutputInputs(manifest: "m.csv",
                                     platforms: ["tiktok"], regions: ["na"]), outDir: dir, title: "t")
        let text = String(decoding: try CoverJSON.document(input).encoded(), as: UTF8.self)
        #expect(text.contains("\"min_font_px\" : 104.9,") && text.contains("\"font_px\" : 48,") && text.contains("\"contrast\" : 18.12"))
        #expect(text.contains("\"seed\" : \"18446744073709551615\""))

        // (name, text to replace, replacement, what the validator must say); the first is the valid document.
        let cases = [
            ("valid", "", "", ""),
            ("renamed", "\"min_font_px\" :", "\"minFontPx\" :", "('minFontPx' was unexpected)"),
            ("numeric-seed", "\"18446744073709551615\"", "42", "42 is not of type 'string'"),
            ("unrounded", "104.9,", "104.89999999999999,", "104.89999999999999 has 14 decimals"),
            ("no-tool", "\"tool\" :", "\"tools\" :", "'tool' is a required property"),
        ]
        for (name, old, new, expected) in cases {
            let url = dir.appendingPathComponent("\(name).json")
            #expect(old.isEmpty || text.contains(old), "\(name): `\(old)` is not in the document")
            try Data((old.isEmpty ? text : text.replacingOccurrences(of: old, with: new)).utf8).write(to: url)
            let r = try OutputValidator.validate([url])
            if expected.isEmpty {
                #expect(r.status == 0, "\(name): \(r.output)")
            } else {
                #expect(r.status == 1 && r.output.contains(expected), "\(name): \(r.output)")
            }
        }
    }
}
