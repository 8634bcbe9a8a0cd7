import Foundation
import Testing
@testable import Support
@testable import Presets
@testable import Covers
@testable import Clips

/// The limits of docs/limits.md: YAML alias bombs, deep nesting and oversized files are refused
/// before any value is built, quickly and in little memory, with a message naming the file.
@Suite struct InputLimitTests: TableFileTesting {
    /// Nine levels of nine aliases ("billion laughs"): 9⁹ values from about a kilobyte.
    static func bomb(under key: String, first: String) -> String {
        "\(key):\n  - \(first)\n" + laughs(indent: "    ")
    }

    /// `l0` … `l9`, each a list of nine of the one before.
    static func laughs(indent: String) -> String {
        var text = indent + "l0: &a0 [" + Array(repeating: "\"lol\"", count: 9).joined(separator: ", ") + "]\n"
        for i in 1...9 { text += indent + "l\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]\n" }
        return text
    }

    /// `marquee` under a 3 GB address-space cap and a 60 s kill; GNU time measures its peak memory and
    /// CPU time (user + system: wall time depends on what else the machine runs).
    static func runCapped(_ args: [String], in dir: URL) throws -> (status: Int32, stderr: String, seconds: Double, rssMB: Double) {
        let rss = dir.appendingPathComponent("rss-\(UUID().uuidString.prefix(6))")
        let quoted = ([TestSupport.marquee.path] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", "ulimit -v 3000000; exec timeout -s KILL 60 /usr/bin/time -f '%M %U %S' -o '\(rss.path)' " + quoted.joined(separator: " ")]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let figures = (try? String(contentsOf: rss, encoding: .utf8))?.split(separator: "\n").last?.split(separator: " ").compactMap { Double($0) } ?? []
        let (kb, cpu) = figures.count == 3 ? (figures[0], figures[1] + figures[2]) : (.infinity, .infinity)
        return (p.terminationStatus, String(decoding: data, as: UTF8.self), cpu, kb / 1024)
    }

    @Test func aliasBombsInAManifestAndACueSheetAreRefusedQuicklyInLittleMemory() throws {
        let dir = try TestSupport.tempDir("alias-bomb")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try write(Self.bomb(under: "products", first: "id: p1"), "m.yaml", in: dir)
        let cues = try write(Self.bomb(under: "cues", first: "start: 0"), "c.yaml", in: dir)
        #expect((try Data(contentsOf: manifest)).count < 1500)
        try Data([0]).write(to: dir.appendingPathComponent("replay.mp4"))
        let runs = [
            ("manifest \(manifest.path)", ["covers", "compose", "--manifest", manifest.path, "--platforms", "tiktok", "--regions", "na",
                                           "--out", dir.appendingPathComponent("covers").path]),
            ("cue sheet \(cues.path)", ["clips", "cut", dir.appendingPathComponent("replay.mp4").path, "--cues", cues.path,
                                        "--out", dir.appendingPathComponent("clips").path]),
        ]
        for (named, args) in runs {
            let r = try Self.runCapped(args, in: dir)
            print("alias bomb, \(named): exit \(r.status), \(String(format: "%.2f", r.seconds)) s of CPU, peak \(Int(r.rssMB)) MB")
            #expect(r.status == 2, "exit \(r.status): \(r.stderr.suffix(500))")
            #expect(r.stderr.contains("\(named): too many aliases"), "\(r.stderr.suffix(500))")
            #expect(r.seconds < 10 && r.rssMB < 300, "\(r.seconds) s of CPU, \(r.rssMB) MB")
        }
    }

    @Test func aliasBombsAndDeepNestingAreRefusedInProcess() throws {
        let dir = try TestSupport.tempDir("alias-inproc")
        defer { try? FileManager.default.removeItem(at: dir) }
        // An alias as a mapping key: Yams hashes keys, which would walk the whole expansion.
        let keyBomb = "products:\n  - id: p1\n" + Self.laughs(indent: "    ") + "    ? *a9\n    : x\n"
        let deepYAML = "products: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        let deepJSON = "{\"products\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let cases: [(String, String, String)] = [("key.yaml", keyBomb, "too many aliases"), ("deep.yaml", deepYAML, "nested"),
                                                 ("deep.json", deepJSON, "nested more than 64 deep")]
        for (name, text, says) in cases {
            let url = try write(text, name, in: dir)
            let t0 = FuzzTests.threadCPUSeconds()
            let m = usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(url) } ?? "accepted"
            let cpu = FuzzTests.threadCPUSeconds() - t0
            #expect(m.contains("manifest \(url.path)") && m.contains(says), "\(name): \(m.prefix(300))")
            #expect(cpu < 5, "\(name) took \(cpu) s of CPU")
        }
        // A preset file is held to the same limits.
        let presets = dir.appendingPathComponent("presets/platforms")
        try FileManager.default.createDirectory(at: presets, withIntermediateDirectories: true)
        _ = try write("name: bomb\n" + Self.laughs(indent: ""), "bomb.yaml", in: presets)
        let (_, issues) = PresetLibrary.load([dir.appendingPathComponent("presets")])
        #expect(issues.contains { $0.file.hasSuffix("bomb.yaml") && $0.message.contains("too many aliases") }, "\(issues)")
    }

    @Test func ordinaryAliasesAreStillRead() throws {
        let dir = try TestSupport.tempDir("alias-ok")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0xFF, 0xD8, 0xFF]).write(to: dir.appendingPathComponent("p.jpg"))
        let url = try write("""
            products:
              - {id: a, image: &photo p.jpg, title: A, category: &cat beauty}
              - {id: b, image: *photo, title: B, category: *cat}
            """, "m.yaml", in: dir)
        let entries = try ManifestReader.read(url)
        #expect(entries.map { $0.product?.category } == ["beauty", "beauty"], "\(entries.map(\.problems))")
    }

    @Test func anOversizedManifestIsRefusedBeforeItIsRead() throws {
        let dir = try TestSupport.tempDir("oversized")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("m.csv")
        FileManager.default.createFile(atPath: url.path, contents: Data("id,image,title,category\n".utf8))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(InputLimits.tableFileBytes + 5_000_000))   // sparse: nothing is written
        try handle.close()
        let m = usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(url) } ?? "accepted"
        #expect(m.contains("manifest \(url.path) is 55 MB, over the limit of 50 MB"), "\(m)")
    }

    @Test func aYAMLErrorQuotesAShortExcerptOfALongLine() throws {
        let dir = try TestSupport.tempDir("long-line")
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = "- {id: a, title: \"" + String(repeating: "x", count: 400_000) + "\", image: p.jpg, category: beauty, ]: bad}\n"
        let url = try write(long, "m.yaml", in: dir)
        let m = usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(url) } ?? "accepted"
        #expect(m.contains("not valid YAML at line 1") && m.contains("…"), "\(m.prefix(400))")
        #expect(m.count < 400, "the message is \(m.count) characters long")
    }
}
