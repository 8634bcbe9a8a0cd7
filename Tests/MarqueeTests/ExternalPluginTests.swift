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

/// The repository root, found from this file's path (Tests/MarqueeTests/ExternalPluginTests.swift).
private let repoRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh temporary folder for plugin executables, removed when the test ends.
private final class PluginFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("marquee-external-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Copies the documented example plugin in, executable.
    @discardableResult
    func installExample() throws -> String {
        let src = repoRoot.appendingPathComponent("docs/examples/marquee-plugin-brand-color")
        let dst = url.appendingPathComponent("marquee-plugin-brand-color")
        try FileManager.default.copyItem(at: src, to: dst)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dst.path)
        return dst.path
    }

    /// Writes an executable script named `marquee-plugin-NAME`.
    @discardableResult
    func script(_ name: String, _ body: String, executable: Bool = true) throws -> String {
        let dst = url.appendingPathComponent("marquee-plugin-\(name)")
        try Data(body.utf8).write(to: dst)
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: dst.path)
        return dst.path
    }
}

/// A shell plugin that answers `describe` for NAME (no parameters) and runs `onCheck` for `check`.
private func shellPlugin(_ name: String, onCheck: String) -> String {
    """
    #!/bin/sh
    IFS= read -r line
    case "$line" in
      *'"method":"describe"'*)
        echo '{"protocol":"marquee-plugin/1","name":"\(name)","kind":"cover-check","summary":"test plugin"}' ;;
      *)
        \(onCheck) ;;
    esac

    """
}

/// The TikTok platform preset as shipped in presets/.
private func tiktok() throws -> PlatformPreset {
    let file = repoRoot.appendingPathComponent("presets/platforms/tiktok.yaml")
    let text = try String(contentsOf: file, encoding: .utf8)
    return try StrictYAML.decode(PlatformPreset.self, yaml: text, file: file.path).0
}

/// A cover whose background is in the brand colour (it must not count: not text) and whose text
/// layers use `textColors`.
private func coverInput(textColors: [String], extraLayers: Int = 0) throws -> CoverCheckInput {
    let platform = try tiktok()
    var layers = [CoverLayer(kind: "background", role: "fill", box: Box(x: 0, y: 0, w: 1080, h: 1920), color: "#E0245E")]
    for (i, c) in textColors.enumerated() {
        layers.append(CoverLayer(kind: "text", role: i == 0 ? "title" : "point", box: Box(x: 80, y: 200 + 140 * i, w: 800, h: 120),
                                 text: "セール \(i)", font_px: 96, font: "Noto Sans CJK JP", color: c, background: "#101010",
                                 contrast: 7.5, direction: "ltr"))
    }
    for i in 0..<extraLayers {
        layers.append(CoverLayer(kind: "chip", role: "filler-\(i)", box: Box(x: i % 1000, y: 1500, w: 40, h: 40), color: "#FFFFFF"))
    }
    let cover = CoverRecord(file: "p1-tiktok-jp-v1.jpg", product: "p1", platform: "tiktok", region: "jp", locale: "ja",
                            category: "beauty", layout: "test-layout", variant: 1, seed: 42, width: 1080, height: 1920,
                            format: "jpg", quality: 85, bytes: 250_000, inputs: ["photos/p1.jpg"],
                            safe_zone: platform.safe_zone, feed_width: platform.feed_size.width,
                            min_font_px: platform.minFontPx, layers: layers)
    return CoverCheckInput(cover: cover, image_path: "/tmp/does-not-matter/p1-tiktok-jp-v1.jpg", platform: platform)
}

// A script written by one test can be held open for writing, for a moment, by a process that
// another test (or suite) is forking at the same time; running the script then fails with
// ETXTBSY, reported as "cannot start …". These wrappers retry that case only, so a test never
// fails because of it; in a quiet run they call through once.
private let startRetries = 40

private func isStartFailure(_ message: String) -> Bool { message.contains("cannot start ") }

private extension ExternalPlugin {
    static func describeRetrying(path: String, timeout: Double = 10) throws -> ExternalCoverCheck {
        for _ in 1..<startRetries {
            do { return ExternalCoverCheck(try describe(path: path, kinds: [.coverCheck], timeout: timeout)) }
            catch where isStartFailure("\(error)") { usleep(25_000) }
        }
        return ExternalCoverCheck(try describe(path: path, kinds: [.coverCheck], timeout: timeout))
    }
}

private extension ExternalCoverCheck {

    func checkRetrying(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> [Finding] {
        for _ in 1..<startRetries {
            do { return try await check(input, parameters: parameters) }
            catch where isStartFailure("\(error)") { try await Task.sleep(for: .milliseconds(25)) }
        }
        return try await check(input, parameters: parameters)
    }
}

private extension PluginRegistry {
    mutating func discoverRetrying(in folders: [String]) -> [String] {
        let start = self
        for _ in 1..<startRetries {
            let warnings = discoverExternal(in: folders, adapters: [.coverCheck: { ExternalCoverCheck($0) }])
            if !warnings.contains(where: isStartFailure) { return warnings }
            self = start
            usleep(25_000)
        }
        return discoverExternal(in: folders, adapters: [.coverCheck: { ExternalCoverCheck($0) }])
    }
}

/// Registers the example plugin from a fresh folder and returns it with the registry's warnings.
private func discoverExample(_ folder: PluginFolder) throws -> (ExternalCoverCheck, [String]) {
    try folder.installExample()
    var registry = PluginRegistry()
    let warnings = registry.discoverRetrying(in: [folder.path])
    let plugin = try registry.plugin(named: "brand-color", as: (any CoverCheck).self, kind: .coverCheck)
    return (try #require(plugin as? ExternalCoverCheck), warnings)
}

/// Serialized: these tests write executables and then run them. If another test forks while a
/// script is still open for writing, the child inherits that descriptor, and running the script
/// then fails with ETXTBSY ("cannot start …: error 256").
@Suite(.serialized) struct ExternalPluginTests {
    @Test func exampleIsDiscoveredWithItsMetadata() throws {
        let folder = try PluginFolder()
        let (plugin, warnings) = try discoverExample(folder)
        #expect(warnings.isEmpty)
        let meta = plugin.metadata
        #expect(meta.name == "brand-color")
        #expect(meta.kind == .coverCheck)
        #expect(!meta.summary.isEmpty)
        #expect(meta.origin == .external(path: folder.url.appendingPathComponent("marquee-plugin-brand-color").path))
        #expect(meta.parameters.map(\.name) == ["color", "tolerance"])

        let color = try #require(meta.parameter("color"))
        #expect(color.type == .color)
        #expect(color.defaultValue.description.uppercased() == "#E0245E")
        let tolerance = try #require(meta.parameter("tolerance"))
        #expect(tolerance.type == .number(0...255))
        #expect(tolerance.defaultValue.doubleValue == 40)
        #expect(!tolerance.doc.isEmpty)
    }

    @Test func discoveryFollowsTheSearchPathOrderAndIgnoresOtherFiles() throws {
        let first = try PluginFolder(), second = try PluginFolder()
        try first.installExample()
        // The same name later on the path is shadowed, not a clash.
        try second.script("brand-color", shellPlugin("brand-color", onCheck: "exit 9"))
        // Not executable, or not named marquee-plugin-*: not looked at.
        try second.script("lazy", "#!/bin/sh\nexit 1\n", executable: false)
        try Data("#!/bin/sh\necho garbage\n".utf8).write(to: second.url.appendingPathComponent("other-tool"))
        var registry = PluginRegistry()
        let warnings = registry.discoverRetrying(in: ["", first.path, second.path, "/nonexistent-marquee-folder"])
        #expect(warnings.isEmpty)
        #expect(registry.all.map(\.name) == ["brand-color"])
        #expect(try registry.plugin(named: "brand-color").metadata.origin
                == .external(path: first.url.appendingPathComponent("marquee-plugin-brand-color").path))

        let path = PluginRegistry.externalSearchPath(environment: ["MARQUEE_PLUGIN_PATH": "/a:/b", "PATH": "/usr/bin:/bin"])
        #expect(path == ["/a", "/b", "/usr/bin", "/bin"])
    }

    @Test func coverWithABrandColouredTextLayerPasses() async throws {
        let folder = try PluginFolder()
        let (plugin, _) = try discoverExample(folder)
        let params = try plugin.metadata.resolve([:])
        // Exact brand colour on the second text layer.
        #expect(try await plugin.checkRetrying(try coverInput(textColors: ["#FFFFFF", "#E0245E"]), parameters: params).isEmpty)
        // Within the default tolerance of 40 per channel.
        #expect(try await plugin.checkRetrying(try coverInput(textColors: ["#F8405A"]), parameters: params).isEmpty)
    }

    @Test func coverWithoutTheBrandColourGetsOneErrorFinding() async throws {
        let folder = try PluginFolder()
        let (plugin, _) = try discoverExample(folder)
        let findings = try await plugin.checkRetrying(try coverInput(textColors: ["#FFFFFF", "#111111"]),
                                              parameters: try plugin.metadata.resolve([:]))
        #expect(findings.count == 1)
        let f = try #require(findings.first)
        #expect(f.check == "brand-color")
        #expect(f.severity == .error)
        #expect(f.message.contains("#E0245E"))

        // No text layer at all (the brand-coloured background does not count).
        let none = try await plugin.checkRetrying(try coverInput(textColors: []), parameters: try plugin.metadata.resolve([:]))
        #expect(none.map(\.severity) == [.error])
    }

    @Test func parametersReachThePlugin() async throws {
        let folder = try PluginFolder()
        let (plugin, _) = try discoverExample(folder)
        let white = try coverInput(textColors: ["#FFFFFF"])
        #expect(try await plugin.checkRetrying(white, parameters: try plugin.metadata.resolve(["color": .string("#ffffff")])).isEmpty)
        // Just outside the tolerance: #F0F0F0 is 15 off white.
        let grey = try coverInput(textColors: ["#F0F0F0"])
        let strict = try plugin.metadata.resolve(["color": .string("#FFFFFF"), "tolerance": .integer(10)])
        #expect(try await plugin.checkRetrying(grey, parameters: strict).count == 1)
        let loose = try plugin.metadata.resolve(["color": .string("#FFFFFF"), "tolerance": .string("15")])
        #expect(try await plugin.checkRetrying(grey, parameters: loose).isEmpty)
    }

    @Test func externalParametersAreValidatedLikeBuiltinOnes() throws {
        let folder = try PluginFolder()
        let (plugin, _) = try discoverExample(folder)
        let meta = plugin.metadata

        let defaults = try meta.resolve([:])
        #expect(defaults.values["color"] == .string("#E0245E"))
        #expect(defaults.values["tolerance"]?.doubleValue == 40)
        #expect(try meta.resolve(["color": .string("#00ff00")]).values["color"] == .string("#00FF00"))

        #expect(throws: MarqueeError.usage("plugin `brand-color`: expected a number in 0…255 for `tolerance`, got `300`")) {
            try meta.resolve(["tolerance": .integer(300)])
        }
        #expect(throws: MarqueeError.usage("plugin `brand-color`: expected a colour as #RRGGBB for `color`, got `pink`")) {
            try meta.resolve(["color": .string("pink")])
        }
        do {
            _ = try meta.resolve(["colour": .string("#000000")])
            Issue.record("an unknown parameter was accepted")
        } catch {
            #expect(error.description.contains("unknown parameter `colour`"))
            #expect(error.description.contains("did you mean `color`?"))
        }
    }

    @Test func checkRequestIsOneJSONLineWithProtocolMethodParametersAndInput() async throws {
        let folder = try PluginFolder()
        let log = folder.url.appendingPathComponent("request.json")
        let path = try folder.script("echo", shellPlugin("echo", onCheck: """
            printf '%s\\n' "$line" > '\(log.path)'; echo '{"findings":[{"check":"","severity":"warning","message":"m","layer":1,"box":{"x":1,"y":2,"w":3,"h":4}}]}'
            """))
        let plugin = try ExternalPlugin.describeRetrying(path: path)
        let input = try coverInput(textColors: ["#FFFFFF"])
        let findings = try await plugin.checkRetrying(input, parameters: PluginParameters(plugin: "echo", values: ["k": .integer(3)]))
        // An empty `check` is filled in with the plugin's name; layer and box come through.
        #expect(findings == [Finding(check: "echo", severity: .warning, message: "m", layer: 1, box: Box(x: 1, y: 2, w: 3, h: 4))])

        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.filter { $0 == "\n" }.count == 1)
        let request = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(request["protocol"] as? String == "marquee-plugin/1")
        #expect(request["method"] as? String == "check")
        #expect((request["parameters"] as? [String: Any])?["k"] as? Int == 3)
        let sent = try JSONDecoder().decode(ExternalPluginProtocol.Request<CoverCheckInput>.self, from: Data(text.utf8))
        #expect(sent.input.cover == input.cover)
        #expect(sent.input.image_path == input.image_path)
        #expect(sent.input.platform == input.platform)
    }

    @Test func pluginThatPrintsGarbageIsAWarningNotACrash() throws {
        let folder = try PluginFolder()
        try folder.installExample()
        try folder.script("garbage", "#!/bin/sh\necho 'hello, I am not JSON'\n")
        try folder.script("wrong-name", shellPlugin("other-name", onCheck: "exit 1"))
        try folder.script("old-protocol", """
            #!/bin/sh
            echo '{"protocol":"marquee-plugin/0","name":"old-protocol","kind":"cover-check","summary":"s"}'
            """)
        try folder.script("layout", """
            #!/bin/sh
            echo '{"protocol":"marquee-plugin/1","name":"layout","kind":"cover-layout","summary":"s"}'
            """)
        try folder.script("bad-default", """
            #!/bin/sh
            echo '{"protocol":"marquee-plugin/1","name":"bad-default","kind":"cover-check","summary":"s","parameters":[{"name":"n","type":"number","default":500,"min":0,"max":1}]}'
            """)
        try folder.script("bad-range", """
            #!/bin/sh
            echo '{"protocol":"marquee-plugin/1","name":"bad-range","kind":"cover-check","summary":"s","parameters":[{"name":"n","type":"number","default":5,"min":10,"max":1}]}'
            """)
        try folder.script("huge-integer", """
            #!/bin/sh
            echo '{"protocol":"marquee-plugin/1","name":"huge-integer","kind":"cover-check","summary":"s","parameters":[{"name":"n","type":"integer","default":5,"min":0,"max":1e300}]}'
            """)

        var registry = PluginRegistry()
        let warnings = registry.discoverRetrying(in: [folder.path])
        // Everything but the example is skipped with one warning each, naming the executable.
        #expect(registry.all.map(\.name) == ["brand-color"])
        #expect(warnings.count == 7)
        func warning(_ name: String) -> String { warnings.first { $0.contains("marquee-plugin-\(name)") } ?? "" }
        #expect(warning("garbage").contains("not a valid plugin description"))
        #expect(warning("wrong-name").contains("describes itself as `other-name`"))
        #expect(warning("old-protocol").contains("marquee-plugin/0"))
        #expect(warning("layout").contains("kinds that can: cover-check"))
        #expect(warning("bad-default").contains("parameter `n`"))
        #expect(warning("bad-range").contains("parameter `n`"))
        #expect(warning("huge-integer").contains("parameter `n`"))
    }

    @Test func pluginThatHangsIsStoppedWithAClearMessage() async throws {
        let folder = try PluginFolder()
        let path = try folder.script("hang", shellPlugin("hang", onCheck: "exec sleep 30"))
        var plugin = try ExternalPlugin.describeRetrying(path: path)
        plugin.plugin.timeout = 0.5
        let started = Date()
        do {
            _ = try await plugin.checkRetrying(try coverInput(textColors: ["#FFFFFF"]), parameters: try plugin.metadata.resolve([:]))
            Issue.record("a hanging plugin returned")
        } catch let error as MarqueeError {
            guard case .item(let message) = error else { Issue.record("expected an item error, got \(error)"); return }
            #expect(message == "\(path) did not answer within 0.5 s and was stopped")
        }
        // SIGTERM stops it: no 2-second wait for the SIGKILL fallback.
        #expect(Date().timeIntervalSince(started) < 1.8)

        // `describe` has its own timeout.
        let slow = try folder.script("slow", "#!/bin/sh\nexec sleep 30\n")
        let describeStarted = Date()
        #expect(throws: MarqueeError.item("\(slow) did not answer within 0.5 s and was stopped")) {
            try ExternalPlugin.describeRetrying(path: slow, timeout: 0.5)
        }
        #expect(Date().timeIntervalSince(describeStarted) < 1.8)
    }

    @Test func pluginLeavingABackgroundProcessDoesNotHangMarquee() async throws {
        let folder = try PluginFolder()
        // Answers and exits, but a background child keeps its inherited pipes open for 5 s.
        let path = try folder.script("daemon", shellPlugin("daemon", onCheck: """
            sleep 5 & echo '{"findings":[]}'
            """))
        var plugin = try ExternalPlugin.describeRetrying(path: path)
        plugin.plugin.timeout = 0.5
        let started = Date()
        do {
            _ = try await plugin.checkRetrying(try coverInput(textColors: ["#FFFFFF"]), parameters: try plugin.metadata.resolve([:]))
            Issue.record("expected an error")
        } catch let error as MarqueeError {
            // On Linux, Foundation only reports the exit once the background child is gone, so
            // this is a timeout; elsewhere the exit is seen and the open pipes are the error.
            guard case .item(let message) = error else { Issue.record("expected an item error, got \(error)"); return }
            #expect(message.hasPrefix(path))
        }
        // Bounded by the timeout (plus the 2 s grace after SIGTERM), not by the background child.
        #expect(Date().timeIntervalSince(started) < 4)
    }

    @Test func pluginThatExitsNonZeroReportsItsStderr() async throws {
        let folder = try PluginFolder()
        let path = try folder.script("fail", shellPlugin("fail", onCheck: """
            echo 'cannot open /tmp/x.jpg: no such file' >&2; exit 3
            """))
        let plugin = try ExternalPlugin.describeRetrying(path: path)
        do {
            _ = try await plugin.checkRetrying(try coverInput(textColors: ["#FFFFFF"]), parameters: try plugin.metadata.resolve([:]))
            Issue.record("a failing plugin returned")
        } catch {
            #expect(error as? MarqueeError == .item("\(path) exited with status 3: cannot open /tmp/x.jpg: no such file"))
        }
    }

    @Test func pluginThatExitsWithoutReadingALargeRequestFailsCleanly() async throws {
        let folder = try PluginFolder()
        // Describes itself, then is replaced by a script that exits at once without reading its
        // standard input; the request is larger than a pipe buffer, so writing it meets a closed pipe.
        let path = try folder.script("quick", shellPlugin("quick", onCheck: "exit 1"))
        let plugin = try ExternalPlugin.describeRetrying(path: path)
        try folder.script("quick", "#!/bin/sh\necho 'refusing' >&2\nexit 4\n")
        let big = try coverInput(textColors: ["#FFFFFF"], extraLayers: 3000)
        #expect(try JSONEncoder().encode(big).count > 200_000)
        do {
            _ = try await plugin.checkRetrying(big, parameters: try plugin.metadata.resolve([:]))
            Issue.record("a failing plugin returned")
        } catch {
            #expect("\(error)".contains("exited with status 4"))
        }
    }

    @Test func pluginErrorAnswersAndInvalidAnswersFailTheItem() async throws {
        let folder = try PluginFolder()
        let erring = try ExternalPlugin.describeRetrying(path: try folder.script("erring", shellPlugin("erring", onCheck: """
            echo '{"error":"image is CMYK"}'
            """)))
        let input = try coverInput(textColors: ["#FFFFFF"])
        await #expect(throws: MarqueeError.item("plugin `erring`: image is CMYK")) {
            try await erring.checkRetrying(input, parameters: try erring.metadata.resolve([:]))
        }
        let babbling = try ExternalPlugin.describeRetrying(path: try folder.script("babbling", shellPlugin("babbling", onCheck: "echo '{\"findings\": [oops'")))
        do {
            _ = try await babbling.checkRetrying(input, parameters: try babbling.metadata.resolve([:]))
            Issue.record("invalid JSON was accepted")
        } catch {
            #expect("\(error)".contains("plugin `babbling` answered with invalid JSON"))
        }
    }
}
