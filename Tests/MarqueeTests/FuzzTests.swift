import Foundation
import Testing
@testable import Support
@testable import Presets
@testable import Covers
@testable import Clips

/// Random and mutated cue sheets, manifests, SRT files and presets fed to the readers and validators
/// in process: none may trap, hang or answer with an empty message. `make test` runs FUZZ_CASES
/// (default 2500) cases; `make fuzz` runs many more. FUZZ_SEED picks another sequence; FUZZ_TRACE
/// names a file that always holds the current case, so a trap that kills the process leaves it behind.
@Suite struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let cases = Int(environment["FUZZ_CASES"] ?? "") ?? 2500
    static let seed = UInt64(environment["FUZZ_SEED"] ?? "") ?? 20_260_301

    @Test func readersAndValidatorsNeverTrapOnMutatedInput() throws {
        let dir = try TestSupport.tempDir("fuzz")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0xFF, 0xD8, 0xFF]).write(to: dir.appendingPathComponent("p.jpg"))
        let shipped = TestSupport.repoRoot.appendingPathComponent("presets")
        var presetTexts: [String: [String]] = [:]
        for kind in PresetLibrary.kinds {
            let files = try FileManager.default.contentsOfDirectory(atPath: shipped.appendingPathComponent(kind).path).filter { $0.hasSuffix(".yaml") }
            presetTexts[kind] = try files.sorted().map { try String(contentsOf: shipped.appendingPathComponent("\(kind)/\($0)"), encoding: .utf8) }
        }
        let currencies = PresetLibrary.load([shipped]).0.regions.values.flatMap { $0.locales.map(\.currency) }
        var inputs = FuzzInputs(seed: Self.seed)
        var counts: [String: Int] = [:]
        var slowest = (seconds: 0.0, kind: "")
        let trace = Self.environment["FUZZ_TRACE"].map(URL.init(fileURLWithPath:))
        let t0 = Date()
        for i in 0..<Self.cases {
            let kind = FuzzInputs.Kind.allCases[i % FuzzInputs.Kind.allCases.count]
            let data = inputs.make(kind, presets: presetTexts)
            if let trace { try? (Data("case \(i) \(kind.rawValue)\n".utf8) + data).write(to: trace) }
            // CPU time of this thread, not wall time: the machine may be busy with other work.
            let started = Self.threadCPUSeconds()
            let outcome = try Self.feed(kind, data, in: dir, currencies: currencies)
            let seconds = Self.threadCPUSeconds() - started
            if seconds > slowest.seconds { slowest = (seconds, kind.rawValue) }
            counts["\(kind.rawValue) \(outcome)", default: 0] += 1
            if seconds > 2 {
                let saved = dir.deletingLastPathComponent().appendingPathComponent("fuzz-slow-\(Self.seed)-\(i)")
                try? data.write(to: saved)
                Issue.record("case \(i) (\(kind.rawValue)) took \(seconds) s of CPU; input kept in \(saved.path)")
            }
        }
        let wall = Date().timeIntervalSince(t0)
        print("fuzz: \(Self.cases) cases (seed \(Self.seed)) in \(String(format: "%.1f", wall)) s, slowest \(String(format: "%.3f", slowest.seconds)) s of CPU (\(slowest.kind))")
        print("fuzz outcomes: " + counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
    }

    /// Feeds one input to its reader; `"read"` or `"refused"`. Records an issue for an empty or
    /// unlocated message.
    static func feed(_ kind: FuzzInputs.Kind, _ data: Data, in dir: URL, currencies: [CurrencyFormat]) throws -> String {
        let ext = ["cueCSV": "csv", "cueYAML": "yaml", "cueJSON": "json", "manifestCSV": "csv", "manifestYAML": "yml",
                   "manifestJSON": "json", "srt": "srt", "preset": "yaml"][kind.rawValue] ?? "txt"
        switch kind {
        case .srt:
            guard let text = String(data: data, encoding: .utf8) else { return "not UTF-8" }
            do {
                let captions = try SRTReader.parse(text, name: "f.srt")
                _ = SRTReader.captions(captions, from: 1, to: 5)
                return "read"
            } catch { return located(error.description, "f.srt") }
        case .preset:
            let folder = dir.appendingPathComponent("presets")
            try? FileManager.default.removeItem(at: folder)
            // The sample's first line names its kind (`#platforms`) and its `name:` names the file, as long
            // as the mutations left them.
            let text = String(decoding: data, as: UTF8.self)
            let kinds = PresetLibrary.kinds
            let kind = kinds.first { text.hasPrefix("#\($0)\n") } ?? kinds[data.count % kinds.count]
            let name = text.split(separator: "\n").first { $0.hasPrefix("name: ") }.map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) }
            let file = folder.appendingPathComponent("\(kind)/\(name.flatMap { $0.isEmpty || $0.count > 40 || !$0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } ? nil : $0 } ?? "p").yaml")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file)
            let issues = PresetLibrary.load([folder]).1
            for issue in issues where issue.message.isEmpty { Issue.record("empty preset message for \(String(decoding: data.prefix(200), as: UTF8.self))") }
            return issues.isEmpty ? "read" : "refused"
        default:
            let url = dir.appendingPathComponent("input.\(ext)")
            try data.write(to: url)
            do {
                if kind.rawValue.hasPrefix("cue") {
                    let entries = try CueSheetReader.read(url)
                    let cues = entries.compactMap(\.cue)
                    _ = CueSheetWriter.csv(cues, notes: cues.map { _ in "" })
                    for e in entries { for p in e.problems { _ = located(p, "input.\(ext)") } }
                } else {
                    for e in try ManifestReader.read(url) {
                        for p in e.problems { _ = located(p, "product ") }
                        guard let product = e.product else { continue }
                        for c in currencies.prefix(3) {
                            if let price = product.price { _ = PriceFormatter.format(price, c) }
                            if let d = product.discount { _ = PriceFormatter.discountText(d, labels: [:]) }
                        }
                    }
                }
                return "read"
            } catch { return located(error.description, url.path) }
        }
    }

    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// `"refused"`, after checking the message is not empty and names `where`.
    static func located(_ message: String, _ place: String) -> String {
        if message.trimmingCharacters(in: .whitespaces).isEmpty || !message.contains(place) {
            Issue.record("message without \(place): \(message.prefix(300))")
        }
        return "refused"
    }
}
