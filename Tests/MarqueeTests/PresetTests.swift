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

/// The repository's presets/ folder, found from this file's path (Tests/MarqueeTests/PresetTests.swift).
private let shippedPresets = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("presets")

/// A copy of the shipped presets (or an empty preset folder) in a temporary folder, removed at the end.
private final class PresetSandbox {
    let root: URL

    init(copyShipped: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("marquee-presets-\(UUID().uuidString)")
        if copyShipped {
            try FileManager.default.createDirectory(at: root.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: shippedPresets, to: root)
        } else {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    func read(_ relative: String) throws -> String { try String(contentsOf: url(relative), encoding: .utf8) }

    func write(_ relative: String, _ text: String) throws {
        let u = url(relative)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: u)
    }

    /// Replaces the first line for which `match` holds with `replace(line)`; returns its 1-based number.
    @discardableResult
    func edit(_ relative: String, where match: (String) -> Bool, _ replace: (String) -> String) throws -> Int {
        var lines = try read(relative).components(separatedBy: "\n")
        let found = lines.firstIndex(where: match)
        let i = try #require(found, "no matching line in \(relative)")
        lines[i] = replace(lines[i])
        try write(relative, lines.joined(separator: "\n"))
        return i + 1
    }

    /// The 1-based number of the first line for which `match` holds.
    func line(_ relative: String, where match: (String) -> Bool) throws -> Int {
        let found = try read(relative).components(separatedBy: "\n").firstIndex(where: match)
        return try #require(found, "no matching line in \(relative)") + 1
    }
}

private func issues(in dirs: [URL]) -> (PresetLibrary, [PresetIssue]) { PresetLibrary.load(dirs) }

@Suite struct PresetTests {
    @Test func shippedPresetsLoadWithoutIssues() throws {
        let (lib, problems) = issues(in: [shippedPresets])
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        // Every file in every kind folder became a preset.
        for kind in PresetLibrary.kinds {
            let files = try FileManager.default.contentsOfDirectory(atPath: shippedPresets.appendingPathComponent(kind).path)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            #expect(!files.isEmpty, "presets/\(kind) is empty")
            #expect(lib.files.keys.filter { $0.hasPrefix("\(kind)/") }.count == files.count, "presets/\(kind)")
        }
        let tiktok = try lib.platform("tiktok")
        #expect(tiktok.canvas == Size(width: 1080, height: 1920))
        #expect(tiktok.minFontPx == 60)
        #expect(lib.files["platforms/tiktok"] == shippedPresets.appendingPathComponent("platforms/tiktok.yaml").path)
    }

    @Test func typoedKeyIsReportedAtItsLineWithASuggestion() throws {
        let box = try PresetSandbox()
        let file = "platforms/tiktok.yaml"
        let line = try box.edit(file, where: { $0.hasPrefix("feed_size:") }) { $0.replacingOccurrences(of: "feed_size", with: "feed_sise") }
        let (lib, problems) = issues(in: [box.root])
        #expect(problems.count == 1)
        let issue = try #require(problems.first)
        #expect(issue.file == box.url(file).path)
        #expect(issue.line == line)
        #expect(issue.message.contains("`feed_sise`"))
        #expect(issue.message.contains("did you mean `feed_size`?"))
        #expect(issue.description.hasPrefix("\(box.url(file).path):\(line): "))
        // The broken file is left out; the others still load.
        #expect(lib.platforms["tiktok"] == nil)
        #expect(lib.platforms["youtube-shorts"] != nil)
    }

    @Test func typoedNestedKeyIsReportedWithItsPath() throws {
        let box = try PresetSandbox()
        let file = "platforms/tiktok.yaml"
        let canvas = try box.line(file, where: { $0.hasPrefix("canvas:") })
        // The first `  height:` after `canvas:` is canvas.height.
        var lines = try box.read(file).components(separatedBy: "\n")
        let i = try #require(lines.indices.first { $0 >= canvas && lines[$0].hasPrefix("  height:") })
        lines[i] = lines[i].replacingOccurrences(of: "height", with: "heigth")
        try box.write(file, lines.joined(separator: "\n"))
        let problems = issues(in: [box.root]).1
        let issue = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(issue.line == i + 1)
        #expect(issue.message.contains("`heigth`"))
        #expect(issue.message.contains("`canvas`"))
        #expect(issue.message.contains("did you mean `height`?"))
    }

    @Test func extraUnknownKeyIsReported() throws {
        let box = try PresetSandbox()
        let file = "encoders/x264-medium.yaml"
        let line = try box.edit(file, where: { $0.hasPrefix("preset:") }) { $0 + "\ntunning: zerolatency" } + 1
        let problems = issues(in: [box.root]).1
        let issue = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(issue.file == box.url(file).path)
        #expect(issue.line == line)
        #expect(issue.message.contains("unknown key `tunning`"))
    }

    @Test func wrongTypeNamesTheKeyPathAndLine() throws {
        let box = try PresetSandbox()
        let file = "platforms/tiktok.yaml"
        let canvas = try box.line(file, where: { $0.hasPrefix("canvas:") })
        var lines = try box.read(file).components(separatedBy: "\n")
        let i = try #require(lines.indices.first { $0 >= canvas && lines[$0].hasPrefix("  width:") })
        lines[i] = "  width: wide"
        try box.write(file, lines.joined(separator: "\n"))
        let problems = issues(in: [box.root]).1
        let issue = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(issue.file == box.url(file).path)
        #expect(issue.line == i + 1)
        #expect(issue.message.contains("`canvas.width`"))
        #expect(issue.message.contains("wide"))
    }

    @Test func missingKeyIsReported() throws {
        let box = try PresetSandbox()
        let file = "encoders/x264-medium.yaml"
        try box.edit(file, where: { $0.hasPrefix("audio_kbps:") }) { _ in "" }
        let issue = try #require(issues(in: [box.root]).1.first)
        #expect(issue.file == box.url(file).path)
        #expect(issue.message.contains("missing key `audio_kbps`"))
    }

    @Test func everyBrokenFileIsReportedNotJustTheFirst() throws {
        let box = try PresetSandbox()
        try box.edit("platforms/tiktok.yaml", where: { $0.hasPrefix("feed_size:") }) { $0.replacingOccurrences(of: "feed_size", with: "feed_sise") }
        try box.edit("encoders/x264-medium.yaml", where: { $0.hasPrefix("gop_seconds:") }) { _ in "gop_seconds: often" }
        try box.write("platfroms/README.txt", "stray folder")
        let problems = issues(in: [box.root]).1
        #expect(problems.count == 3)
        #expect(problems.contains { $0.file.hasSuffix("platforms/tiktok.yaml") })
        #expect(problems.contains { $0.file.hasSuffix("encoders/x264-medium.yaml") && $0.message.contains("`gop_seconds`") })
        #expect(problems.contains { $0.file.hasSuffix("platfroms") && $0.message.contains("did you mean `platforms`?") })
    }

    @Test func overrideFolderReplacesASameNamedPreset() throws {
        let override = try PresetSandbox(copyShipped: false)
        let original = try String(contentsOf: shippedPresets.appendingPathComponent("platforms/tiktok.yaml"), encoding: .utf8)
        let changed = original
            .replacingOccurrences(of: "display_name: TikTok", with: "display_name: TikTok (house rules)")
            .replacingOccurrences(of: "max_file_kb: 2000", with: "max_file_kb: 900")
        #expect(changed != original)
        try override.write("platforms/tiktok.yaml", changed)

        let (lib, problems) = issues(in: [shippedPresets, override.root])
        #expect(problems.isEmpty, "\(problems)")
        let tiktok = try lib.platform("tiktok")
        #expect(tiktok.display_name == "TikTok (house rules)")
        #expect(tiktok.max_file_kb == 900)
        #expect(lib.files["platforms/tiktok"] == override.url("platforms/tiktok.yaml").path)
        // Everything else still comes from the shipped folder.
        let (shipped, _) = issues(in: [shippedPresets])
        #expect(lib.platforms.count == shipped.platforms.count)
        #expect(lib.regions == shipped.regions)
        #expect(lib.files["platforms/youtube-shorts"] == shipped.files["platforms/youtube-shorts"])

        // Order matters: the later folder wins.
        let (reversed, _) = issues(in: [override.root, shippedPresets])
        #expect(try reversed.platform("tiktok").display_name == "TikTok")
    }

    @Test func overrideFolderCanAddAPreset() throws {
        let extra = try PresetSandbox(copyShipped: false)
        let text = try String(contentsOf: shippedPresets.appendingPathComponent("platforms/tiktok.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "name: tiktok", with: "name: tiktok-shop")
        try extra.write("platforms/tiktok-shop.yaml", text)
        let (lib, problems) = issues(in: [shippedPresets, extra.root])
        #expect(problems.isEmpty, "\(problems)")
        #expect(try lib.platform("tiktok-shop").canvas.width == 1080)
        #expect(lib.platforms["tiktok"] != nil)
    }

    @Test func nameMustMatchTheFileName() throws {
        let box = try PresetSandbox(copyShipped: false)
        let text = try String(contentsOf: shippedPresets.appendingPathComponent("platforms/tiktok.yaml"), encoding: .utf8)
        try box.write("platforms/tiktok-eu.yaml", text)
        let nameLine = try box.line("platforms/tiktok-eu.yaml", where: { $0.hasPrefix("name:") })
        let (lib, problems) = issues(in: [box.root])
        let issue = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(issue.file == box.url("platforms/tiktok-eu.yaml").path)
        #expect(issue.line == nameLine)
        #expect(issue.message.contains("`name` is `tiktok`"))
        #expect(issue.message.contains("tiktok-eu.yaml"))
        #expect(lib.platforms.isEmpty)
    }

    @Test func badHexColourNamesItsKeyPath() throws {
        let box = try PresetSandbox()
        let file = "categories/food.yaml"
        let accents = try box.edit(file, where: { $0.hasPrefix("accents:") }) { $0.replacingOccurrences(of: "\"#F9A825\"", with: "\"#F9A82\"") }
        let problems = issues(in: [box.root]).1
        let issue = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(issue.file == box.url(file).path)
        #expect(issue.line == accents)
        #expect(issue.message.contains("`accents.1`"))
        #expect(issue.message.contains("#F9A82"))

        let box2 = try PresetSandbox()
        let fill = try box2.edit(file, where: { $0.hasPrefix("  fill:") }) { _ in "  fill: \"red\"" }
        let issue2 = try #require(issues(in: [box2.root]).1.first)
        #expect(issue2.line == fill)
        #expect(issue2.message.contains("`badge_style.fill`"))
    }

    @Test func nonMonotonicPercentilesNameTheNetworkKey() throws {
        let box = try PresetSandbox()
        let file = "regions/jp.yaml"
        let network = try box.line(file, where: { $0.hasPrefix("network:") })
        let p75 = try box.line(file, where: { $0.hasPrefix("  p75_kbps:") })
        try box.edit(file, where: { $0.hasPrefix("  p25_kbps:") }) { _ in "  p25_kbps: 99000" }
        let problems = issues(in: [box.root]).1
        let issue = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(issue.file == box.url(file).path)
        #expect(issue.message.hasPrefix("`network`:"))
        #expect(issue.message.contains("p10_kbps"))
        // The `network:` mapping or its first line, not somewhere else in the file.
        #expect((network...p75).contains(issue.line), "line \(issue.line), network at \(network)")
    }

    @Test func outOfRangeNumberNamesItsKeyPath() throws {
        let box = try PresetSandbox()
        let file = "regions/jp.yaml"
        let line = try box.edit(file, where: { $0.hasPrefix("  mobile_share:") }) { _ in "  mobile_share: 1.5" }
        let issue = try #require(issues(in: [box.root]).1.first)
        #expect(issue.line == line)
        #expect(issue.message.contains("`network.mobile_share`"))
    }

    /// `presets validate` lists every problem of a file, each at its line, not only the first.
    @Test func everyProblemOfAFileIsReported() throws {
        let box = try PresetSandbox()
        let file = "platforms/tiktok.yaml"
        let unknown = try box.edit(file, where: { $0.hasPrefix("display_name:") }) { $0 + "\ncolour: red" } + 1
        let margin = try box.edit(file, where: { $0.hasPrefix("margin_px:") }) { _ in "margin_px: 9223372036854775807" }
        let top = try box.edit(file, where: { $0.hasPrefix("  top:") }) { _ in "  top: 9223372036854775807" }
        let problems = issues(in: [box.root]).1.filter { $0.file == box.url(file).path }
        #expect(problems.map(\.line) == [unknown, top, margin], "\(problems)")
        #expect(problems.contains { $0.message.contains("unknown key `colour`") })
        #expect(problems.contains { $0.message.contains("`safe_zone.top`: expected 0…16384 pixels") })
        #expect(problems.contains { $0.message.contains("`margin_px`") })
    }

    /// Numbers a preset can hold that would overflow or poison what is computed from them (`.inf`,
    /// integers near Int.max) are refused with the key, not trapped on.
    @Test(arguments: [
        ("platforms/tiktok.yaml", "min_text_px_at_feed:", "min_text_px_at_feed: .inf", "`min_text_px_at_feed`: expected a number in 1…1000"),
        ("platforms/tiktok.yaml", "  width: 1080", "  width: 9223372036854775807", "`canvas.width`: expected 16…16384 pixels"),
        ("encoders/x264-medium.yaml", "audio_kbps:", "audio_kbps: 9223372036854775807", "`audio_kbps`: expected 8…1024 kbps"),
        ("regions/sea.yaml", "    currency: {code: \"THB\"", "XYZ", "`locales.0.currency.code`: `XYZ` is not an ISO 4217 currency code"),
    ])
    func outlandishNumbersAndCodesAreRefused(file: String, prefix: String, replacement: String, says: String) throws {
        let box = try PresetSandbox()
        try box.edit(file, where: { $0.hasPrefix(prefix) }) { line in
            replacement == "XYZ" ? line.replacingOccurrences(of: "THB", with: "XYZ") : replacement
        }
        let problems = issues(in: [box.root]).1
        #expect(problems.contains { $0.message.contains(says) }, "\(problems)")
    }
}

