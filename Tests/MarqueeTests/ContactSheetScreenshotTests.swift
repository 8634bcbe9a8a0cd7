import Foundation
import Imaging
import Support
import Presets
import Covers
import ReportWriters
import OracleSupport
import Testing

/// The contact sheet as a designer sees it: rendered by headless Chromium (Debian's `chromium`,
/// installed by `make setup`) and measured from the screenshot.
@Suite(.serialized) struct ContactSheetScreenshotTests {
    static let background: [UInt8] = [0xF8, 0xF9, 0xFA]

    /// 90 covers (10 products x 3 platforms x 3 regions) fill the width of a 1400 px window and the
    /// page stays under 8,000 px (the old sheet put two thumbnails in a row: 23,000 px).
    @Test func ninetyCoversFillTheWidthOnAFewScreens() throws {
        let dir = try TestSupport.tempDir("sheet-shot")
        defer { try? FileManager.default.removeItem(at: dir) }
        let shapes: [(platform: String, w: Int, h: Int)] = [("tiktok", 360, 640), ("youtube-thumbnail", 640, 360), ("shopee-live", 400, 400)]
        var records: [CoverRecord] = []
        var findings: [String: [Finding]] = [:]
        for p in 0..<10 {
            for s in shapes {
                for region in ["na", "sea", "mena"] {
                    let file = "p\(p)-\(s.platform)-\(region)-v1.jpg"
                    let rgb = [Double(40 + p * 20), Double(region.count * 40), 120]
                    let data = try Image.solid(width: s.w, height: s.h, rgb: rgb).encoded(as: .jpg, quality: 80)
                    try data.write(to: dir.appendingPathComponent(file))
                    records.append(CoverRecord(file: file, product: "p\(p)", platform: s.platform, region: region, locale: "en",
                                               category: "apparel", layout: "apparel-hero", variant: 1, seed: 1, width: s.w, height: s.h,
                                               format: "jpg", quality: 80, bytes: data.count, inputs: [], safe_zone: Insets(top: 0, bottom: 0, left: 0, right: 0),
                                               feed_width: 180, min_font_px: 20, layers: []))
                    if p == 3 && region == "sea" {
                        findings[file] = [Finding(check: "contrast", severity: .error, message: "“Sale” #FFFFFF on #DDDDDD has contrast 1.3, needs 4.5")]
                    }
                }
            }
        }
        let input = CoverReportInput(records: records, findings: findings, failures: [], outDir: dir, title: "Marquee covers: screenshot")
        let sheet = ContactSheet()
        _ = try sheet.write(input, parameters: sheet.metadata.resolve([:]))
        let shot = dir.appendingPathComponent("sheet.png")
        let run = try OracleTools.run("/usr/bin/env", ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                                   "--screenshot=\(shot.path)", "--window-size=1400,12000",
                                                   dir.appendingPathComponent("index.html").absoluteString])
        guard FileManager.default.fileExists(atPath: shot.path) else {
            throw OracleError("chromium made no screenshot (install Debian's chromium with `make setup`): \(run.stderr.suffix(800))")
        }
        let (height, rightmost) = try Self.contentExtent(Image.open(shot.path))
        #expect(height < 8000, "the sheet is \(height) px tall for 90 covers")
        #expect(rightmost > 1000, "nothing drawn right of x = \(rightmost): the sheet does not use the page width")
    }

    /// The lowest row and the rightmost column that are not page background.
    static func contentExtent(_ shot: Image) throws -> (height: Int, rightmost: Int) {
        let rgb = try shot.flatten().bands(0, count: 3).cast("uchar")
        let px = try rgb.pixelBytes()
        let w = rgb.width
        var bottom = 0, right = 0
        for y in stride(from: 0, to: rgb.height, by: 2) {
            for x in stride(from: 0, to: w, by: 2) {
                let i = (y * w + x) * 3
                let off = zip(px[i..<i + 3], background).contains { abs(Int($0) - Int($1)) > 6 }
                if off { bottom = max(bottom, y); right = max(right, x) }
            }
        }
        return (bottom, right)
    }
}
