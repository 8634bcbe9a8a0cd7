import Foundation
import Presets
import Testing

/// A panel laid under text is background: it keeps its padding around the text on every side, even
/// where the text is set flush with the safe area (right-to-left titles are; the panel used to be
/// cut at the safe area, leaving the title's first letter on its edge).
@Suite struct CoverPanelTests {
    @Test func panelsFrameTheirTextOnEverySide() throws {
        let dir = try TestSupport.tempDir("panels")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try CoverFixtures.show(in: dir, photoSide: 800)
        let out = dir.appendingPathComponent("out")
        let run = try CoverFixtures.compose(manifest: manifest, out: out, ["--platforms", "tiktok,shopee-live,youtube-shorts",
                                                                           "--regions", "mena,na", "--checks", "none", "--jobs", "2"])
        #expect(run.status == 0, "\(run.stdout.suffix(2000))")
        let doc = try CoverFixtures.document(out)
        var panels = 0, flush = 0
        for cover in doc.covers {
            let canvas = Box(x: 0, y: 0, w: cover.width, h: cover.height)
            for scrim in cover.layers where scrim.kind == "scrim" {
                guard let text = cover.layers.first(where: { $0.kind == "text" && $0.role == scrim.role }) else { continue }
                panels += 1
                let safeRight = cover.width - cover.safe_zone.right, safeLeft = cover.safe_zone.left
                if text.box.maxX >= safeRight - 1 || text.box.x <= safeLeft + 1 { flush += 1 }
                // At least 8 px of panel beside the text, unless the canvas itself ends there.
                let left = text.box.x - scrim.box.x, right = scrim.box.maxX - text.box.maxX
                #expect(left >= min(8, text.box.x - canvas.x), "\(cover.file) \(scrim.role): \(left) px of panel left of the text")
                #expect(right >= min(8, canvas.maxX - text.box.maxX), "\(cover.file) \(scrim.role): \(right) px of panel right of the text")
            }
        }
        #expect(panels > 0 && flush > 0, "the batch must hold panels under text set flush with the safe area (\(panels) panels, \(flush) flush)")
    }
}
