import Foundation
import Testing
import Support
import Presets
import Imaging
import Covers
import CoverChecks

/// A box OCR found can reach a few pixels past its letters (a badge's rounded end read as a letter;
/// Arabic and Thai words drawn wide): on the demo's covers checked as plain images, 3-8 px into UI
/// zones that their layer data keeps them out of. Within that reach a geometric finding on a detected
/// box is a warning to look at; past it, and always for layer data, it fails.
@Suite struct DetectedBoxUncertaintyTests {
    func outcome(_ check: any CoverCheck, into depth: Int, detected: Bool, zone: Bool) async throws -> CheckOutcome {
        let dir = try TestSupport.tempDir("box-uncertainty")
        defer { try? FileManager.default.removeItem(at: dir) }
        var f = try CheckFixture(platform: "tiktok", background: [240, 236, 228])
        let top = f.platform.safe_zone.top, margin = f.platform.edgeMargin
        // Into the top UI zone by `depth`, or short of the left edge margin by `depth`.
        try f.text("LIVE SALE", x: zone ? 300 : margin - depth, y: zone ? top - depth : 900, px: 80)
        var input = try f.write(dir, "box")
        if detected { input.text_source = "detection" }
        return try await CheckFixture.verdict(check, input)
    }

    @Test func aFewPixelsOfADetectedBoxWarn() async throws {
        let reach = TextDetection.boxUncertainty(width: 1080, height: 1920)
        #expect(reach == 8)
        for (check, zone) in [(SafeZoneCheck() as any CoverCheck, true), (EdgeMarginCheck(), false)] {
            let near = try await outcome(check, into: 5, detected: true, zone: zone)
            #expect(near.verdict == .warn, "\(near.findings.map(\.message))")
            #expect(near.findings.first?.message.contains("a detected box") == true, "\(near.findings.map(\.message))")
            let far = try await outcome(check, into: 20, detected: true, zone: zone)
            #expect(far.verdict == .fail, "\(far.findings.map(\.message))")
            let exact = try await outcome(check, into: 5, detected: false, zone: zone)
            #expect(exact.verdict == .fail, "layer data is exact: \(exact.findings.map(\.message))")
        }
    }
}
