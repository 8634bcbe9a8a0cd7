import Foundation
import Support
import PluginKit
import Presets
import Covers
import Testing

// The plugin of README.md's "Writing a plugin", copied verbatim: it must compile and work as shown.
public struct LogoSize: CoverCheck {
    public static let minShare: Param<Double> = .number(
        "min_share", 0...1, default: 0.1, doc: "logo width as a share of the canvas width")
    public static let metadata = PluginMetadata(
        name: "logo-size", kind: .coverCheck, summary: "the brand logo is at least a minimum width",
        parameters: [minShare])
    public init() {}

    public func check(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> [Finding] {
        let min = parameters[Self.minShare] * Double(input.cover.width)
        return input.cover.layers.filter { $0.kind == "logo" && Double($0.box.w) < min }
            .map { Finding(check: "logo-size", severity: .error, message: "logo is \($0.box.w) px wide", box: $0.box) }
    }
}

@Suite struct ReadmeExampleTests {
    /// The first Swift block of the README's "Writing a plugin" section.
    static func readmeExample() throws -> String {
        let readme = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Writing a plugin"))
        let open = try #require(readme.range(of: "```swift\n", range: section.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "```", range: open.upperBound..<readme.endIndex))
        return String(readme[open.upperBound..<close.lowerBound])
    }

    @Test func theReadmeExampleIsTheOneThisFileCompiles() throws {
        let example = try Self.readmeExample()
        #expect(example.contains("public struct LogoSize: CoverCheck"))
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        #expect(source.contains(example), "README.md's plugin example differs from the copy in ReadmeExampleTests.swift")
    }

    @Test func theReadmeExampleRegistersAndChecks() async throws {
        var registry = PluginRegistry()
        try registry.register(LogoSize())
        let tiktok = try #require(CoverFixtures.presets.platforms["tiktok"])
        let logo = CoverLayer(kind: "logo", role: "logo", box: Box(x: 100, y: 200, w: 80, h: 40))
        let cover = CoverRecord(file: "p-tiktok-na-v1.jpg", product: "p", platform: "tiktok", region: "na", locale: "en",
                                category: "apparel", layout: "apparel-hero", variant: 1, seed: 1, width: 1080, height: 1920,
                                format: "jpg", quality: 85, bytes: 1000, inputs: [], safe_zone: tiktok.safe_zone,
                                feed_width: tiktok.feed_size.width, min_font_px: tiktok.minFontPx, layers: [logo])
        let input = CoverCheckInput(cover: cover, image_path: "/nonexistent.jpg", platform: tiktok)
        let check = try registry.plugin(named: "logo-size", as: (any CoverCheck).self, kind: .coverCheck)
        // Default: 10% of 1080 = 108 px; the 80 px logo is too narrow.
        let found = try await check.check(input, parameters: check.metadata.resolve([:]))
        #expect(found.map(\.message) == ["logo is 80 px wide"])
        #expect(try await check.check(input, parameters: check.metadata.resolve(["min_share": .string("0.05")])).isEmpty)
    }
}
