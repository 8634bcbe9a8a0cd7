internal import CTesseract
import Foundation
import Presets

/// One Tesseract engine (`TessBaseAPI`) with its language models loaded. This value is the single
/// owner of the handle: `deinit` ends and deletes it. A handle reads one picture at a time, so every
/// read holds `lock`; that lock is what makes sharing the class across threads safe.
public final class TextRecognizer: @unchecked Sendable {
    private let api: OpaquePointer
    private let lock = NSLock()
    /// The models loaded, e.g. `["tha", "eng"]`.
    public let models: [String]

    /// Loads `models` (Tesseract names: `eng`, `tha`, `chi_sim`…) from the tessdata folder found at
    /// run time. Loading takes 50–300 ms, so callers keep recognisers (see `RecognizerPool`).
    public init(models: [String]) throws(OCRError) {
        let path = try OCRLanguages.dataPath(for: models)
        guard let api = TessBaseAPICreate() else { throw OCRError("Tesseract could not create an engine (out of memory?)") }
        // Silence Tesseract's progress lines on stderr; the report carries what matters.
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        let languages = models.joined(separator: "+")
        guard TessBaseAPIInit2(api, path, languages, OEM_LSTM_ONLY) == 0 else {
            TessBaseAPIDelete(api)
            throw OCRError("Tesseract could not load language data \(languages) from \(path); reinstall it (`make setup`)")
        }
        // Sauvola's local threshold: text over photographs, where one global (Otsu) threshold loses it.
        _ = TessBaseAPISetVariable(api, "thresholding_method", "2")
        self.api = api
        self.models = models
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    /// Reads the text in `pixels`: lines with their words, boxes (in the caller's picture, see
    /// `GreyPixels.origin` and `scale`) and confidences. An empty picture reads as no lines.
    public func read(_ pixels: GreyPixels, layout: PageLayout) throws(OCRError) -> [RecognizedLine] {
        guard pixels.width > 0, pixels.height > 0, pixels.bytes.count >= pixels.width * pixels.height else { return [] }
        lock.lock()
        defer { TessBaseAPIClear(api); lock.unlock() }
        TessBaseAPISetPageSegMode(api, Self.mode(layout))
        let status = pixels.bytes.withUnsafeBufferPointer { buffer -> Int32 in
            TessBaseAPISetImage(api, buffer.baseAddress, Int32(pixels.width), Int32(pixels.height), 1, Int32(pixels.width))
            // Covers carry no resolution; 300 ppi keeps Tesseract from guessing (and saying so).
            TessBaseAPISetSourceResolution(api, 300)
            return TessBaseAPIRecognize(api, nil)
        }
        guard status == 0 else { throw OCRError("Tesseract could not read a \(pixels.width)x\(pixels.height) picture (status \(status))") }
        guard let iterator = TessBaseAPIGetIterator(api) else { return [] }
        return ResultWalk(iterator, pixels: pixels).lines()
    }

    static func mode(_ layout: PageLayout) -> TessPageSegMode {
        switch layout {
        case .sparse: PSM_SPARSE_TEXT
        case .block: PSM_SINGLE_BLOCK
        case .line: PSM_SINGLE_LINE
        case .rawLine: PSM_RAW_LINE
        }
    }
}
