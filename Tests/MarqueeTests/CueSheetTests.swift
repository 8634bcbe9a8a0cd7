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

@Suite struct CueSheetTests: TableFileTesting {
    func folder() throws -> URL { try TestSupport.tempDir("cues") }

    /// The problems of the one entry a sheet of one cue gives.
    func problems(_ csv: String, name: String = "cues.csv") throws -> [String] {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let entries = try CueSheetReader.read(try write(csv, name, in: dir))
        #expect(entries.count == 1)
        #expect(entries.first?.cue == nil)
        return entries.first?.problems ?? []
    }

    // MARK: Timecodes

    @Test(arguments: [
        ("12.5", 12.5), ("90", 90), ("01:02:03.250", 3723.25), ("02:03.5", 123.5), ("1:02:03,250", 3723.25),
        (" 00:00:00 ", 0), (".5", 0.5), ("75:00", 4500), ("100:00:00.001", 360_000.001), ("0:59.999", 59.999),
    ])
    func timecodesParse(text: String, seconds: Double) throws {
        #expect(abs(try Timecode.seconds(text) - seconds) < 1e-9)
    }

    @Test(arguments: [
        ("-5", "negative"), ("-00:00:01", "negative"), ("nan", "not a finite number"), ("inf", "not a finite number"),
        ("1:75:00", "75 minutes"), ("00:61", "61 seconds"), ("1:02:60.5", "60.5 seconds"), ("abc", "is not a time"),
        ("01:02:03:12", "frame timecode"), ("12,5", "comma"), ("", "is empty"), ("1::2", "is not a time"),
        ("1:-2:00", "is not a time"), ("1e3", "is not a time"), ("12.5s", "is not a time"), ("1:2:3.4.5", "is not a time"),
    ])
    func timecodesRejected(text: String, says: String) {
        do {
            let v = try Timecode.seconds(text)
            Issue.record("\"\(text)\" read as \(v)")
        } catch {
            #expect(error.description.contains(says), "\(error.description)")
            #expect(error.description.contains("\"\(text.trimmingCharacters(in: .whitespaces))\""))
        }
    }

    @Test func timecodesFormatAndReadBack() throws {
        #expect(Timecode.format(3723.25) == "01:02:03.250")
        #expect(Timecode.format(0) == "00:00:00.000")
        #expect(Timecode.format(59.9996) == "00:01:00.000")
        #expect(Timecode.format(0.0334) == "00:00:00.033")
        #expect(Timecode.format(360_000) == "100:00:00.000")
        #expect(Timecode.formatSeconds(30) == "30")
        #expect(Timecode.formatSeconds(12.5) == "12.5")
        // Any time survives format → parse to the millisecond.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let t = Double.random(in: 0..<40_000, using: &rng)
            let back = try Timecode.seconds(Timecode.format(t))
            #expect(abs(back - t) <= 0.0005 + 1e-9, "\(t) → \(Timecode.format(t)) → \(back)")
        }
    }

    // MARK: Reading the three formats

    static let csv = "\u{FEFF}ID,Start,End,Duration,Title,Product,Price,Region,Language,Note\r\n"
        + "intro,00:00:05,00:00:35.500,,\"Serum, 30 ml\",p1,\"฿1,290\",sea,th-th,opening\r\n"
        + "\r\n"
        + ",80,,20,\"She said \"\"wow\"\"\r\nTwice\",p2,,,,\r\n"
        + "last,\"1:02:03,250\",1:02:13.250,,,,,,pt_br,\r\n"

    static let expected: [Cue] = [
        Cue(id: "intro", start: 5, end: 35.5, title: "Serum, 30 ml", product: "p1", price: "฿1,290", region: "sea", language: "th-TH", row: 2),
        Cue(id: "clip-02", start: 80, end: 100, title: "She said \"wow\"\nTwice", product: "p2", row: 4),
        Cue(id: "last", start: 3723.25, end: 3733.25, language: "pt-BR", row: 5),
    ]

    @Test func csvWithBOMCRLFQuotesAndBlankRows() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let entries = try CueSheetReader.read(try write(Self.csv, "cues.csv", in: dir))
        #expect(entries.map(\.id) == ["intro", "clip-02", "last"])
        #expect(entries.map(\.row) == [2, 4, 5])                       // row 3 is blank; row 4's title spans two lines
        #expect(entries.allSatisfy { $0.problems.isEmpty }, "\(entries.flatMap(\.problems))")
        #expect(entries.compactMap(\.cue) == Self.expected)
    }

    @Test func yamlAndJSONFormsGiveTheSameCuesAsCSV() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = """
        cues:
          - id: intro
            start: 00:00:05
            end: "00:00:35.500"
            title: "Serum, 30 ml"
            product: p1
            price: ฿1,290
            region: sea
            language: th-th
            note: opening
          - start: 80
            duration: 20
            title: "She said \\"wow\\"\\nTwice"
            product: p2
          - id: last
            start: 1:02:03,250
            end: 3733.25
            language: pt_br
        """
        let json = """
        [{"id": "intro", "start": 5, "end": "00:00:35.5", "title": "Serum, 30 ml", "product": "p1", "price": "฿1,290",
          "region": "sea", "language": "th-th", "note": "opening"},
         {"start": 80.0, "duration": 20, "title": "She said \\"wow\\"\\nTwice", "product": "p2", "region": null},
         {"id": "last", "start": "1:02:03,250", "end": 3733.25, "language": "pt_br"}]
        """
        var expected = Self.expected
        for i in expected.indices { expected[i].row = i + 1 }
        for (text, name) in [(yaml, "cues.yaml"), ("\u{FEFF}" + yaml.replacingOccurrences(of: "cues:\n", with: "cues:\r\n"), "bom.yml"), (json, "cues.json")] {
            let entries = try CueSheetReader.read(try write(text, name, in: dir))
            #expect(entries.allSatisfy { $0.problems.isEmpty }, "\(name): \(entries.flatMap(\.problems))")
            #expect(entries.compactMap(\.cue) == expected, "\(name)")
        }
        // A bare list works as well as `cues:`.
        let bare = yaml.replacingOccurrences(of: "cues:\n", with: "").split(separator: "\n").map { $0.dropFirst(2) }.joined(separator: "\n")
        #expect(try CueSheetReader.read(try write(bare, "bare.yaml", in: dir)).compactMap(\.cue) == expected)
    }

    @Test func overlappingCuesAreAllowed() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let entries = try CueSheetReader.read(try write("start,end\n10,40\n20,30\n10,40\n", "cues.csv", in: dir))
        #expect(entries.allSatisfy { $0.cue != nil })
        #expect(entries.map(\.id) == ["clip-01", "clip-02", "clip-03"])
    }

    // MARK: Ids

    @Test func idsAreMadeFromPositionPaddedToTheCount() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let many = (0..<120).map { "\($0),\($0 + 1)" }.joined(separator: "\n")
        let entries = try CueSheetReader.read(try write("start,end\n" + many, "many.csv", in: dir))
        #expect(entries.count == 120)
        #expect(entries.first?.id == "clip-001")
        #expect(entries[9].id == "clip-010")
        #expect(entries.last?.id == "clip-120")
        #expect(entries.last?.cue?.row == 121)

        let mixed = try CueSheetReader.read(try write("id,start,duration\n,0,5\nhero,5,5\n,10,5\n", "mixed.csv", in: dir))
        #expect(mixed.map(\.id) == ["clip-01", "hero", "clip-03"])
        #expect(mixed.compactMap(\.cue?.id) == ["clip-01", "hero", "clip-03"])
    }

    @Test(arguments: [("a b", "a space"), ("x/y", "`/`"), ("what?", "`?`"), (".hidden", "starts with a dot")])
    func idsMustBeFilenameSafe(id: String, says: String) throws {
        let p = try problems("id,start,end\n\"\(id)\",1,2\n")
        #expect(p.count == 1)
        #expect(p.first?.hasPrefix("cues.csv row 2 (\(id)): id \"\(id)\"") == true, "\(p)")
        #expect(p.first?.contains(says) == true, "\(p)")
    }

    @Test func thaiAndDottedIdsAreFine() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let entries = try CueSheetReader.read(try write("id,start,end\nเซรั่ม-1,1,2\nv1.2_b,3,4\n", "cues.csv", in: dir))
        #expect(entries.allSatisfy { $0.problems.isEmpty }, "\(entries.flatMap(\.problems))")
    }

    // MARK: Per-cue problems

    @Test func endBeforeStartSaysWhichRowCueAndFieldAndWhatToDo() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = "start,end\n0,10\n10,20\n00:01:20,00:01:10\n30,40\n"
        let entries = try CueSheetReader.read(try write(csv, "cues.csv", in: dir))
        #expect(entries.map { $0.cue != nil } == [true, true, false, true])
        #expect(entries[2].problems == ["cues.csv row 4 (clip-03): end 00:01:10.000 is before start 00:01:20.000; fix the end or use duration"])
    }

    @Test(arguments: [
        ("start,end\nabc,10\n", ["row 2 (clip-01): start \"abc\" is not a time"]),
        ("start,end\n1:75:00,2:00:00\n", ["start \"1:75:00\" has 75 minutes"]),
        ("start,end\n-5,10\n", ["start \"-5\" is negative"]),
        ("start,end\n,10\n", ["start is empty"]),
        ("start,end\n10,10\n", ["end 00:00:10.000 is the same as start"]),
        ("start,duration\n10,0\n", ["duration is zero"]),
        ("start,duration\n10,00:00:00.000\n", ["duration is zero"]),
        ("start,duration\n10,-3\n", ["duration \"-3\" is negative"]),
        ("start,end,duration\n10,,\n", ["no end or duration"]),
        ("start,end,duration\n10,40,20\n", ["end 00:00:40.000 and duration 20 disagree", "00:00:30.000"]),
        ("start,end\n10,nan\n", ["end \"nan\" is not a finite number"]),
        ("start,end,language\n10,20,english!\n", ["language \"english!\" is not a language tag"]),
        ("start,end\n10,20,surplus\n", ["has 3 cells but the header has 2 columns"]),
    ])
    func perCueProblems(csv: String, says: [String]) throws {
        let p = try problems(csv)
        #expect(p.count == 1, "\(p)")
        for part in says { #expect(p.first?.contains(part) == true, "\(p) lacks \(part)") }
        #expect(p.first?.hasPrefix("cues.csv row 2 (clip-01): ") == true, "\(p)")
    }

    @Test func endAndDurationThatAgreeAreFine() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let entries = try CueSheetReader.read(try write("start,end,duration\n00:00:10.5,00:00:40.5,30\n", "cues.csv", in: dir))
        #expect(entries.first?.cue?.end == 40.5)
    }

    @Test func severalProblemsOfOneCueAreAllReported() throws {
        let p = try problems("id,start,end,language\nbad id,abc,-1,z\n")
        #expect(p.count == 4, "\(p)")
        #expect(p.allSatisfy { $0.hasPrefix("cues.csv row 2 (bad id): ") })
    }

    @Test func yamlProblemsNameTheCuePositionAndKeepNumbersAsTimes() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = "- {start: 10, end: 20}\n- {start: 30, end: 25}\n- {start: [1, 2], end: 40}\n"
        let entries = try CueSheetReader.read(try write(yaml, "show.yaml", in: dir))
        #expect(entries.map(\.row) == [1, 2, 3])
        #expect(entries[0].cue?.start == 10)
        #expect(entries[1].problems == ["show.yaml cue 2 (clip-02): end 00:00:25.000 is before start 00:00:30.000; fix the end or use duration"])
        #expect(entries[2].problems == ["show.yaml cue 3 (clip-03): start must be text or a number, got a list"])
        let noStart = try CueSheetReader.read(try write(#"[{"end": 5}]"#, "c.json", in: dir))
        #expect(noStart.first?.problems.first?.contains("c.json cue 1 (clip-01): start is empty") == true)
    }

    // MARK: Whole-sheet problems

    @Test func wholeSheetProblemsAreUsageErrors() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        func message(_ text: String, _ name: String = "cues.csv") throws -> String {
            let url = try write(text, name, in: dir)
            return usageMessage { () throws(MarqueeError) in _ = try CueSheetReader.read(url) } ?? "(no error)"
        }
        let missing = usageMessage { () throws(MarqueeError) in _ = try CueSheetReader.read(dir.appendingPathComponent("nope.csv")) } ?? ""
        #expect(missing.contains("nope.csv not found"))

        let latin1 = dir.appendingPathComponent("latin1.csv")
        try Data("start,end,title\n1,2,Caf\u{E9}\n".data(using: .isoLatin1)!).write(to: latin1)
        #expect(usageMessage { () throws(MarqueeError) in _ = try CueSheetReader.read(latin1) }?.contains("is not UTF-8") == true)

        let unknown = try message("strat,end,titel,colour\n1,2,a,b\n")
        #expect(unknown.contains("unknown column `strat`; did you mean `start`?"), "\(unknown)")
        #expect(unknown.contains("unknown column `titel`; did you mean `title`?"))
        #expect(unknown.contains("unknown column `colour`"))
        #expect(unknown.contains("missing column `start`"))
        #expect(unknown.contains("known columns: id, start, end, duration"))
        #expect(try message("from,to\n1,2\n").contains("unknown column `from`; did you mean `start`?"))

        #expect(try message("id,title\na,b\n").contains("missing column `start`"))
        #expect(try message("start,title\n1,b\n").contains("missing column `end` or `duration`"))
        #expect(try message("start,end,start\n1,2,3\n").contains("column `start` appears twice (columns 1 and 3)"))
        #expect(try message("start;end\n1;2\n").contains("separated by semicolons"))
        #expect(try message("start,end\n1,\"2\n").contains("never closed"))

        let dup = try message("id,start,end\nhero,1,2\nx,3,4\nhero,5,6\n")
        #expect(dup.contains("cue id `hero` is used twice or more: row 2 and row 4"), "\(dup)")
        #expect(try message("id,start,end\nHero,1,2\nhero,3,4\n").contains("differ only in letter case"))
        let clash = try message("id,start,end\nclip-02,1,2\n,3,4\n")
        #expect(clash.contains("cue id `clip-02` is used twice or more: row 2 and row 3, which has no id"), "\(clash)")

        #expect(try message("start,end\n").contains("lists no cues"))
        #expect(try message("\n\n").contains("is empty"))
        #expect(try message("cues: []\n", "c.yaml").contains("lists no cues"))
        #expect(try message("[]", "c.json").contains("lists no cues"))
        #expect(try message("", "c.yaml").contains("is empty"))
        #expect(try message("start,end\n1,2\n", "cues.txt").contains("expected a .csv, .yaml, .yml or .json file"))

        let yamlKey = try message("- {strt: 1, end: 2}\n", "c.yaml")
        #expect(yamlKey.contains("cue 1 (line 1): unknown key `strt`; did you mean `start`?"), "\(yamlKey)")
        #expect(try message("clips: []\n", "c.yaml").contains("or `cues:` with the list; found keys `clips`"))
        #expect(try message("cues: []\nextra: 1\n", "c.yaml").contains("unknown top-level key `extra`"))
        #expect(try message("- 12\n", "c.yaml").contains("cue 1 (line 1) is text, not a mapping"))
        #expect(try message("- start: 1\n  end: 2\n  Start: 3\n", "c.yaml").contains("cue 1 (line 1): key `start` appears twice"))
        #expect(try message("{\"cues\": [", "c.json").contains("is not valid JSON"))
    }

    // MARK: Writer

    @Test func writerOutputReadsBackAsTheSameCues() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cues = [
            Cue(id: "clip-01", start: 12.345, end: 42.345, title: "Serum, 30 ml \"new\"", product: "p1", price: "฿1,290", region: "sea", language: "th"),
            Cue(id: "hero", start: 3723.25, end: 3753.001, title: "Two\nlines", language: "pt-BR"),
            Cue(id: "x", start: 0, end: 0.033),
        ]
        let notes = ["scene cut, score 0.92", "loud \"wow\""]
        let csv = CueSheetWriter.csv(cues, notes: notes)
        #expect(csv.hasPrefix("id,start,end,title,product,price,region,language,note\n"))
        #expect(csv.contains("clip-01,00:00:12.345,00:00:42.345,\"Serum, 30 ml \"\"new\"\"\",p1,\"฿1,290\",sea,th,\"scene cut, score 0.92\"\n"))
        #expect(csv.hasSuffix("x,00:00:00.000,00:00:00.033,,,,,,\n"))
        let entries = try CueSheetReader.read(try write(csv, "detected.csv", in: dir))
        #expect(entries.allSatisfy { $0.problems.isEmpty }, "\(entries.flatMap(\.problems))")
        let back = entries.compactMap(\.cue)
        #expect(back.count == cues.count)
        for (a, b) in zip(back, cues) {
            #expect(a.id == b.id && a.title == b.title && a.product == b.product && a.price == b.price && a.region == b.region && a.language == b.language)
            #expect(abs(a.start - b.start) < 0.0005 && abs(a.end - b.end) < 0.0005, "\(a) vs \(b)")
        }
        #expect(back.map(\.row) == [2, 3, 4])

        // Without notes there is no note column, and it still reads back.
        let plain = CueSheetWriter.csv(cues)
        #expect(!plain.contains("note"))
        #expect(try CueSheetReader.read(try write(plain, "plain.csv", in: dir)).compactMap(\.cue).map(\.id) == cues.map(\.id))
    }

    // MARK: SRT

    @Test func srtToleratesBOMCRLFMissingFinalBlankLineAndTags() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let srt = "\u{FEFF}1\r\n00:00:01,000 --> 00:00:03,500\r\n<i>Hello</i> there\r\n<b>second</b> line\r\n\r\n"
            + "2\r\n00:00:04.250 --> 00:00:06,000 X1:10 X2:100 Y1:5 Y2:50\r\n{\\an8}<font color=\"#ff0000\">Red</font> &amp; 1 < 2\r\n\r\n\r\n"
            + "00:01:00,000 --> 00:01:02,000\r\nno number"
        let caps = try SRTReader.read(try write(srt, "show.srt", in: dir))
        #expect(caps == [
            Caption(start: 1, end: 3.5, text: "Hello there\nsecond line"),
            Caption(start: 4.25, end: 6, text: "Red &amp; 1 < 2"),
            Caption(start: 60, end: 62, text: "no number"),
        ])
        // Unix line ends, a trailing blank line and an empty caption (dropped).
        let unix = "1\n00:00:00,000 --> 00:00:01,000\nA\n\n2\n00:00:02,000 --> 00:00:03,000\n<i></i>\n\n"
        #expect(try SRTReader.parse(unix, name: "u.srt") == [Caption(start: 0, end: 1, text: "A")])
    }

    @Test(arguments: [
        ("1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\nhello\n", "block 2 (line 5): the number 2 is not followed by a time line"),
        ("1\n00:00:01,000 --> 00:00:02,000\nA\n\njust text\n", "block 2 (line 5): expected a time line"),
        ("1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:03,000 --> 00:00:0x,000\nB\n", "block 2 (line 5): end time \"00:00:0x,000\" is not a time"),
        ("1\n00:00:05,000 --> 00:00:02,000\nA\n", "block 1 (line 1): ends (00:00:02.000) before it starts (00:00:05.000)"),
        ("1\n00:75:00,000 --> 00:76:00,000\nA\n", "block 1 (line 1): start time \"00:75:00,000\" has 75 minutes"),
    ])
    func malformedSRTBlocksNameFileAndBlock(srt: String, says: String) {
        let m = usageMessage { () throws(MarqueeError) in _ = try SRTReader.parse(srt, name: "/x/show.srt") } ?? "(no error)"
        #expect(m.hasPrefix("captions /x/show.srt: "), "\(m)")
        #expect(m.contains(says), "\(m)")
    }

    @Test func srtFileProblems() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(usageMessage { () throws(MarqueeError) in _ = try SRTReader.read(dir.appendingPathComponent("none.srt")) }?.contains("not found") == true)
        let latin = dir.appendingPathComponent("l.srt")
        try Data("1\n00:00:01,000 --> 00:00:02,000\nCaf\u{E9}\n".data(using: .isoLatin1)!).write(to: latin)
        #expect(usageMessage { () throws(MarqueeError) in _ = try SRTReader.read(latin) }?.contains("not UTF-8") == true)
    }

    @Test func captionsInARangeAreShiftedAndClipped() {
        let all = [
            Caption(start: 0, end: 5, text: "before"),        // ends where the clip starts: left out
            Caption(start: 8, end: 12, text: "straddles start"),
            Caption(start: 12, end: 14, text: "inside"),
            Caption(start: 18, end: 25, text: "straddles end"),
            Caption(start: 5, end: 30, text: "covers all"),
            Caption(start: 20, end: 22, text: "after"),       // starts where the clip ends: left out
        ]
        let got = SRTReader.captions(all, from: 10, to: 20)
        #expect(got == [
            Caption(start: 0, end: 2, text: "straddles start"),
            Caption(start: 2, end: 4, text: "inside"),
            Caption(start: 8, end: 10, text: "straddles end"),
            Caption(start: 0, end: 10, text: "covers all"),
        ])
        #expect(got.allSatisfy { $0.start >= 0 && $0.end <= 10 && $0.start < $0.end })
        #expect(SRTReader.captions(all, from: 40, to: 50).isEmpty)
        #expect(SRTReader.captions(all, from: 20, to: 10).isEmpty)
    }
}
