import Foundation
import Imaging
import Testing

/// Pango is not thread-safe: the font-coverage check and libvips' `text` operation both use it, and
/// when they ran at once on different threads the heap was corrupted (clips with titles crashed in
/// most runs). Both now hold one lock; hammering them together from many threads stays sound.
@Suite struct PangoThreadTests {
    @Test func coverageAndRenderingAtOnceFromManyThreads() async throws {
        let fonts = ["Noto Sans Bold 40", "Noto Sans Thai, Noto Sans 32", "Noto Naskh Arabic, Noto Sans 28"]
        let texts = ["Summer Edition 50% off", "สินค้า รุ่นฤดูร้อน", "منتج إصدار الصيف"]
        let widths = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var total = 0
                    for i in 0..<40 {
                        let k = (worker + i) % 3
                        if (worker + i) % 2 == 0 {
                            total += FontCoverage.missing(in: texts[k], font: fonts[k]).count
                        } else {
                            total += try Image.text(texts[k], font: fonts[k], width: 600).image.width
                        }
                    }
                    return total
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(widths > 0)
    }
}
