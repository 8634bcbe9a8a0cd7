import Foundation
import Support
import Batch
import Testing

/// The shared pieces of every machine output (Sources/Support): the flat envelope, rounding,
/// ids as strings and the field a failure message names.
@Suite struct MachineOutputTests {
    struct Payload: Codable, Sendable, Equatable { let items: [String]; let duration_s: Double }

    @Test func envelopeAndPayloadShareOneObjectAndRoundTrip() throws {
        let doc = MachineOutput(kind: "test", inputs: OutputInputs(replay: "r.mp4", settings: ["seed": .string("1")]),
                                payload: Payload(items: ["a"], duration_s: 1.5))
        let data = try doc.encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["schema_version", "kind", "tool", "created_at", "inputs", "items", "duration_s"])
        #expect(object["schema_version"] as? String == "1" && (object["tool"] as? [String: Any])?["version"] as? String == MarqueeTool.version)
        let back = try JSONDecoder().decode(MachineOutput<Payload>.self, from: data)
        #expect(back.payload == doc.payload && back.envelope == doc.envelope)
        #expect(String(decoding: data, as: UTF8.self).hasSuffix("}\n"))
        let stamp = MachineOutputFormat.timestamp(Date(timeIntervalSince1970: 1_746_091_800))
        #expect(stamp == "2025-05-01T09:30:00Z")
    }

    @Test func roundingKeepsWhatNumbersMean() throws {
        #expect(Rounded.pixels(104.89999999999999) == 104.9)
        #expect(Rounded.seconds(7.266666666) == 7.267 && Rounded.seconds(-0.0001) == 0 && Rounded.seconds(-0.0001).sign == .plus)
        #expect(Rounded.decibels(-14.000000319906128) == -14 && Rounded.ratio(74.70792328014875) == 74.7079)
        #expect(Rounded.places(.infinity, 2) == .infinity)
        let text = String(decoding: try JSONEncoder().encode([Rounded.pixels(104.89999999999999), Rounded.seconds(0.1 + 0.2)]), as: UTF8.self)
        #expect(text == "[104.9,0.3]")
    }

    @Test func idsAndSeedsAreStringsAndOldNumbersStillRead() throws {
        struct Seeded: Codable { @StringCoded var seed: UInt64 }
        let data = try JSONEncoder().encode(Seeded(seed: UInt64.max))
        #expect(String(decoding: data, as: UTF8.self) == "{\"seed\":\"18446744073709551615\"}")
        #expect(try JSONDecoder().decode(Seeded.self, from: data).seed == UInt64.max)
        #expect(try JSONDecoder().decode(Seeded.self, from: Data("{\"seed\":7382385142497563200}".utf8)).seed == 7_382_385_142_497_563_200)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Seeded.self, from: Data("{\"seed\":\"x1\"}".utf8)) }
    }

    @Test func failuresNameTheFieldTheMessageNames() {
        #expect(OutputFailure.field(in: "product p3, field price: \"-5\" is negative") == "price")
        #expect(OutputFailure.field(in: "field title.th: given twice; keep one") == "title.th")
        #expect(OutputFailure.field(in: "replay has no video stream; the field is empty") == nil)
        #expect(OutputFailure.field(in: "cannot read photo.jpg") == nil)
    }
}
