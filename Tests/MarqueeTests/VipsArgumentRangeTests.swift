import Testing
@testable import Imaging

/// GLib leaves an operation's argument unset when the value is outside its range (a warning on stderr,
/// and the operation runs on the default: a `thumbnail_image` height of 2^30 became the width, and a
/// 1080x1920 cover was fitted into 180x180 instead of 180 wide). The wrapper refuses such values.
@Suite struct VipsArgumentRangeTests {
    @Test func anArgumentOutsideLibvipsRangeIsAnError() throws {
        let image = try VipsOperation.call("black", ["width": .int(90), "height": .int(160)]).image()
        #expect(throws: ImagingError.self) {
            try image.op("thumbnail_image", ["in": .image(image), "width": .int(18), "height": .int(1 << 30)])
        }
        let fitted = try image.op("thumbnail_image", ["in": .image(image), "width": .int(18), "height": .int(1_000_000)])
        #expect(fitted.width == 18 && fitted.height == 32)
        #expect(throws: ImagingError.self) { try image.op("gaussblur", ["in": .image(image), "sigma": .double(-3)]) }
    }
}
