import Testing
@testable import Support
@testable import PluginKit
@testable import Presets
@testable import Batch
@testable import Covers
@testable import Clips
@testable import H264
@testable import Loudness

@Suite struct ParameterTests {
    let meta = PluginMetadata(name: "safe-zone", kind: .coverCheck, summary: "s", parameters: [
        ParameterSpec("margin", .number(0...1), default: .number(0), doc: ""),
        ParameterSpec("mode", .choice(["strict", "loose"]), default: .string("strict"), doc: ""),
    ])

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

    @Test func defaultsFillMissingValuesAndStringsAreCoerced() throws {
        let p = try meta.resolve(["margin": .string("0.25")])
        #expect(p.number("margin") == 0.25)
        #expect(p.string("mode") == "strict")
        #expect(throws: MarqueeError.self) { try meta.resolve(["mode": .string("lax")]) }
    }
}
