import Testing
@testable import Support
@testable import PluginKit
@testable import Presets
@testable import Batch
@testable import Covers
@testable import Clips
@testable import H264
@testable import Loudness
import ClipFinders
import ClipStages
import CoverChecks
@testable import CoverLayouts
import ReportWriters
import QualityMetrics

@Suite struct ParameterTests {
    enum Mode: String, CaseIterable, Sendable { case strict, loose }
    static let margin: Param<Double> = .number("margin", 0...1, default: 0.05, doc: "")
    static let mode: Param<Mode> = .choice("mode", default: .strict, doc: "")
    static let count: Param<Int> = .integer("count", 1...9, default: 3, doc: "")
    static let on: Param<Bool> = .bool("on", default: true, doc: "")
    static let ink: Param<Color> = .color("ink", default: Color(r: 0xE0, g: 0x24, b: 0x5E), doc: "")
    static let label: Param<String> = .string("label", default: "LIVE", doc: "")
    static let side: Param<String> = .choice("side", ["left", "right"], default: "left", doc: "")

    let meta = PluginMetadata(name: "safe-zone", kind: .coverCheck, summary: "s",
                              parameters: [Self.margin, Self.mode, Self.count, Self.on, Self.ink, Self.label, Self.side])

    @Test func outOfRangeNumberIsRefusedWithPluginParameterAndValue() {
        #expect(throws: MarqueeError.usage("plugin `safe-zone`: expected a number in 0…1 for `margin`, got `1.7`")) {
            try meta.resolve(["margin": .string("1.7")])
        }
    }

    @Test func unknownParameterSuggestsTheNearestName() throws {
        do {
            _ = try meta.resolve(["margn": .number(0.1)])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("did you mean `margin`?"))
        }
    }

    @Test func typedReadsGiveTheGivenValueCoercedFromText() throws {
        let p = try meta.resolve(["margin": .string("0.25"), "mode": .string("loose"), "count": .string("7"),
                                  "on": .string("no"), "ink": .string("#00ff00"), "label": .integer(5), "side": .string("right")])
        #expect(p[Self.margin] == 0.25)
        #expect(p[Self.mode] == .loose)
        #expect(p[Self.count] == 7)
        #expect(p[Self.on] == false)
        #expect(p[Self.ink] == Color(r: 0, g: 255, b: 0))
        #expect(p[Self.label] == "5")
        #expect(p[Self.side] == "right")
        #expect(throws: MarqueeError.self) { try meta.resolve(["mode": .string("lax")]) }
    }

    /// A read never yields NaN or a zero value: when nothing (or something of another type) was given,
    /// it is the key's declared default.
    @Test func typedReadsFallBackToTheDeclaredDefault() throws {
        for p in [try meta.resolve([:]), PluginParameters(plugin: "safe-zone", values: [:]),
                  PluginParameters(plugin: "safe-zone", values: ["margin": .string("wide"), "count": .bool(true), "ink": .string("pink")])] {
            #expect(p[Self.margin] == 0.05)
            #expect(p[Self.mode] == .strict)
            #expect(p[Self.count] == 3)
            #expect(p[Self.on] == true)
            #expect(p[Self.ink] == Color(r: 0xE0, g: 0x24, b: 0x5E))
            #expect(p[Self.label] == "LIVE")
            #expect(p[Self.side] == "left")
        }
        #expect(meta.parameter("mode")?.type == .choice(["strict", "loose"]))
        #expect(meta.parameter("ink")?.defaultValue == .string("#E0245E"))
    }

    // MARK: registration

    struct Declared: CoverCheck {
        nonisolated(unsafe) static var declared: [any ParameterDeclaration] = []
        static var metadata: PluginMetadata { PluginMetadata(name: "declared", kind: .coverCheck, summary: "s", parameters: declared) }
        func check(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> [Finding] { [] }
    }

    @Test func registrationRefusesRepeatedNamesAndBadDefaults() throws {
        let cases: [([any ParameterDeclaration], String?)] = [
            ([Self.margin, Self.count], nil),
            ([Self.margin, Param<Double>.number("margin", 0...2, default: 1, doc: "")], "parameter `margin` is declared twice"),
            ([Param<Double>.number("scale", 0...1, default: 5, doc: "")], "parameter `scale`: default `5` is not a number in 0…1"),
            ([Param<Int>.integer("", 0...1, default: 0, doc: "")], "a parameter has an empty name"),
        ]
        for (declared, problem) in cases {
            Declared.declared = declared
            var registry = PluginRegistry()
            if let problem {
                #expect(throws: MarqueeError.usage("plugin `declared` declares its parameters wrongly: \(problem)")) {
                    try registry.register(Declared())
                }
            } else {
                try registry.register(Declared())
            }
        }
    }

    // MARK: built-in plugins

    static let builtins: [any PipelinePlugin] = CoverLayouts.all + CoverChecks.all + ReportWriters.all + ClipFinders.all + ClipStages.all
        + QualityMetrics.all

    /// Every built-in plugin registers, and reading any of its keys without a given value yields the
    /// default its metadata declares (so `marquee plugins NAME` tells the truth).
    @Test func everyBuiltinKeyReadsItsDeclaredDefaultWhenNotGiven() throws {
        var registry = PluginRegistry()
        for plugin in Self.builtins { try registry.register(plugin) }
        var checked: [String: Set<String>] = [:]
        func expectDefault<V: Equatable>(_ key: Param<V>, of plugin: any PipelinePlugin.Type) throws {
            let meta = plugin.metadata
            #expect(meta.parameter(key.name) == key.spec, "\(meta.name) does not declare `\(key.name)` as its key does")
            let resolved = try meta.resolve([:])
            #expect(resolved[key] == key.defaultValue, "\(meta.name).\(key.name)")
            #expect(resolved.values[key.name] == key.spec.defaultValue, "\(meta.name).\(key.name)")
            #expect(PluginParameters(plugin: meta.name, values: [:])[key] == key.defaultValue)
            checked[meta.name, default: []].insert(key.name)
        }
        try expectDefault(SafeZoneCheck.margin, of: SafeZoneCheck.self)
        for k in [TextSizeCheck.scale, TextSizeCheck.xHeightShare] { try expectDefault(k, of: TextSizeCheck.self) }
        try expectDefault(TextDensityCheck.gridSize, of: TextDensityCheck.self)
        for k in [LegibilityCheck.samplesPerDp, LegibilityCheck.lowConfidence] { try expectDefault(k, of: LegibilityCheck.self) }
        try expectDefault(OcclusionCheck.window, of: OcclusionCheck.self)
        for k in [ContrastCheck.minRatio, ContrastCheck.largeRatio, ContrastCheck.largePxAtFeed] { try expectDefault(k, of: ContrastCheck.self) }
        for layout in [ApparelHero.self, BeautySplit.self, TechPoints.self, HomeScene.self, FoodCloseup.self] as [any CoverLayout.Type] {
            try expectDefault(LayoutParameters.titleOverflow, of: layout)
            try expectDefault(LayoutParameters.titleScale, of: layout)
            try expectDefault(LayoutParameters.liveBadge, of: layout)
        }
        for layout in [ApparelHero.self, BeautySplit.self, TechPoints.self] as [any CoverLayout.Type] {
            try expectDefault(LayoutParameters.photoMinVisible, of: layout)
        }
        try expectDefault(BeautySplit.compareShare, of: BeautySplit.self)
        try expectDefault(FoodCloseup.insetShare, of: FoodCloseup.self)
        try expectDefault(TechPoints.chipColor, of: TechPoints.self)
        try expectDefault(ContactSheet.thumbHeight, of: ContactSheet.self)
        for k in [SceneFinder.adaptiveThreshold, SceneFinder.minContent, SceneFinder.minSceneLength, SceneFinder.blackLevel,
                  SceneFinder.dissolveMinContent] {
            try expectDefault(k, of: SceneFinder.self)
        }
        for k in [SceneFinder.window, SceneFinder.flashFrames, SceneFinder.dissolveFrames] { try expectDefault(k, of: SceneFinder.self) }
        for k in [LoudnessPeakFinder.riseLU, LoudnessPeakFinder.baseline, LoudnessPeakFinder.floor, LoudnessPeakFinder.clipLength,
                  LoudnessPeakFinder.lead] { try expectDefault(k, of: LoudnessPeakFinder.self) }
        try expectDefault(CentreCrop.offset, of: CentreCrop.self)
        for k in [SubjectTracking.deadZone, SubjectTracking.maxSpeed, SubjectTracking.response] { try expectDefault(k, of: SubjectTracking.self) }
        for k in [BlurFit.blur, BlurFit.dim] { try expectDefault(k, of: BlurFit.self) }
        for k in [TitleOverlay.duration, TitleOverlay.size, TitleOverlay.scrim] { try expectDefault(k, of: TitleOverlay.self) }
        try expectDefault(TitleOverlay.position, of: TitleOverlay.self)
        try expectDefault(TitleOverlay.maxLines, of: TitleOverlay.self)
        try expectDefault(TitleOverlay.price, of: TitleOverlay.self)
        try expectDefault(TitleOverlay.badgeColor, of: TitleOverlay.self)
        for k in [CaptionOverlay.size, CaptionOverlay.scrim] { try expectDefault(k, of: CaptionOverlay.self) }
        try expectDefault(CaptionOverlay.maxLines, of: CaptionOverlay.self)
        try expectDefault(VMAFMetric.model, of: VMAFMetric.self)
        for k in [VMAFMetric.phone, VMAFMetric.features] { try expectDefault(k, of: VMAFMetric.self) }

        // Every declared parameter of every built-in was read above.
        for plugin in Self.builtins {
            let declared = Set(plugin.metadata.parameters.map(\.name))
            #expect(checked[plugin.metadata.name, default: []] == declared, "\(plugin.metadata.name): keys not read by this test")
        }
    }
}
