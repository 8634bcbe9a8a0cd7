import Foundation
import Testing
@testable import Support
@testable import Covers
@testable import Clips
@testable import Bench

/// Numbers from users that once reached a trap (a Double too large for Int64, an Int overflow) are
/// refused with a message naming the field; the conversions that remain cannot trap.
@Suite struct NumericInputTests: TableFileTesting {
    @Test(arguments: [
        ("99999999999999999999999", "is over 10000 hours"),
        ("1:99999999999999999999:00", "has 99999999999999999999 minutes"),
        ("99999999999999999999999:00:00", "is over 10000 hours"),
        ("36000000.001", "is over 10000 hours"),
        (String(repeating: "9", count: 400), "is not a finite number"),
    ])
    func hugeTimesAreRefused(text: String, says: String) {
        expectRefused(text, says: says) { try Timecode.seconds($0) }
    }

    /// `read(text)` throws an error whose description contains `says`.
    func expectRefused<T>(_ text: String, says: String, _ read: (String) throws -> T) {
        do { Issue.record("\"\(text.prefix(40))\" read as \(try read(text))") } catch {
            #expect("\(error)".contains(says), "\("\(error)".prefix(300))")
        }
    }

    @Test func formattingAnyDoubleDoesNotTrap() {
        for v in [1e300, -1e300, Double.greatestFiniteMagnitude, .infinity, -.infinity, .nan, 9.3e15, 36_000_000] {
            #expect(!Timecode.format(v).isEmpty)
        }
        #expect(Timecode.format(36_000_000) == "10000:00:00.000")
    }

    @Test func aCueSheetWithAHugeTimeFailsThatCueOnly() throws {
        let dir = try TestSupport.tempDir("huge-cue")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try write("id,start,end\na,99999999999999999999999,99999999999999999999999.5\nb,1,2\n", "cues.csv", in: dir)
        let entries = try CueSheetReader.read(url)
        #expect(entries.first { $0.id == "a" }?.problems.contains { $0.contains("start \"99999999999999999999999\" is over 10000 hours") } == true,
                "\(entries.map(\.problems))")
        #expect(entries.first { $0.id == "b" }?.cue != nil)
    }

    @Test(arguments: [("99999999999999k", "outside 1k…200M"), ("1e308M", "outside 1k…200M"), ("0.0001k", "outside 1k…200M"),
                      ("nan", "is not a bitrate")])
    func hugeBitratesAreRefused(text: String, says: String) {
        expectRefused(text, says: says) { try BenchJob.parseBitrates($0) }
    }

    @Test func manifestNumbersAndCurrenciesAreChecked() throws {
        let dir = try TestSupport.tempDir("manifest-numbers")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0xFF, 0xD8, 0xFF]).write(to: dir.appendingPathComponent("p.jpg"))
        let url = try write("""
            id,image,title,category,price,currency
            big,p.jpg,T,beauty,1e308,THB
            huge,p.jpg,T,beauty,\(String(repeating: "9", count: 320)),THB
            xyz,p.jpg,T,beauty,100,XYZ
            typo,p.jpg,T,beauty,100,THD
            ok,p.jpg,T,beauty,100,thb
            """, "m.csv", in: dir)
        let byID = Dictionary(uniqueKeysWithValues: try ManifestReader.read(url).map { ($0.id, $0) })
        #expect(byID["big"]?.problems.first?.contains("is not a number") == true, "\(byID["big"]?.problems ?? [])")
        #expect(byID["huge"]?.problems.first?.contains("is too large") == true, "\(byID["huge"]?.problems ?? [])")
        #expect(byID["xyz"]?.problems.first?.contains("\"XYZ\" is not an ISO 4217 code") == true, "\(byID["xyz"]?.problems ?? [])")
        #expect(byID["typo"]?.problems.first?.contains("did you mean THB?") == true, "\(byID["typo"]?.problems ?? [])")
        #expect(byID["ok"]?.product?.currency == "THB")
    }
}
