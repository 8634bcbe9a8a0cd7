import Foundation
import Support
import PluginKit
import Presets
import Imaging
import OCR
import Covers

/// Legibility by reading: Tesseract reads each text region at full size and again from the cover
/// scaled to feed size (sampled at `samples_per_dp` pixels per feed pixel: one, the platform's
/// device-independent pixel; then enlarged so the reader's own size limit is not what fails). The share of
/// words still read at feed size warns below the platform's `checks.feed_words_read_min_share`; a
/// title that cannot be read at feed size fails, whatever the geometry says. Only text regions are
/// read (layer boxes, or the lines detection found), never the whole cover, and the feed-size
/// reading comes first: a layer whose every word it finds is not read again at full size.
public struct LegibilityCheck: MeasuringCoverCheck {
    public static let samplesPerDp: Param<Double> = .number(
        "samples_per_dp", 1...3, default: 1, doc: "pixels per feed-size pixel the cover is reduced to before reading")
    public static let lowConfidence: Param<Double> = .number(
        "low_confidence", 0...100, default: 60, doc: "Tesseract confidence under which a read is retried inverted and reported as uncertain")
    public static let metadata = PluginMetadata(
        name: "legibility", kind: .coverCheck,
        summary: "OCR still reads the title and most words with the cover at phone-feed size",
        parameters: [samplesPerDp, lowConfidence])
    public init() {}

    /// Tesseract reads best with an x-height of about this many pixels.
    static let readingXHeight = 30.0

    public var readsText: Bool { true }

    /// Loads a recogniser per reader for each locale's models while the batch opens.
    public func prepare(locales: [String], readers: Int) {
        for models in Set(locales.map(OCRLanguages.models(forLocale:))) { RecognizerPool.shared.warm(models, count: readers) }
    }

    struct Region { let element: CoverElement; let full: [String]; let feed: [String]; let confidence: Double?; var readAtFull = false }

    public func evaluate(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> CheckOutcome {
        let models = OCRLanguages.models(forLocale: input.cover.locale)
        let density = parameters[Self.samplesPerDp]
        let feedSize = Size(width: Int(Double(input.platform.feed_size.width) * density),
                            height: Int(Double(input.platform.feed_size.width) * density * Double(input.cover.height) / Double(input.cover.width)))
        let full = try input.pixels.full()
        // Only the text regions of the feed-size picture are made (the bytes the whole picture has there).
        let feed: @Sendable (Box) throws -> Image? = { [pixels = input.pixels] in try pixels.feedRegion(size: feedSize, box: $0) }
        let cut = parameters[Self.lowConfidence]
        var regions: [Region] = []
        let measured = try TextMeasure.lines(input)
        for e in input.textElements {
            let xHeight = measured.filter { $0.element.layer == e.layer }.map(\.xHeight).min() ?? Double(e.box.h) / 2
            let f = Double(feedSize.width) / Double(full.width)
            // A detected text is one line as OCR found it: where its block reading is unsure it is read
            // again as a raw line, as layer data's lines are.
            let lines = Self.lines(of: e) ?? (input.textDetected ? [e.box] : nil)
            let enlarge = min(8, max(2, Self.readingXHeight / max(xHeight * f, 1)))
            let feedWords = Self.words(try await Self.read(feed, box: Self.scaled(e.box, by: f), lines: lines?.map { Self.scaled($0, by: f) },
                                                           scale: enlarge, models: models, cut: cut))
            let truth = e.text.map(WordMatch.words) ?? []
            if (input.textDetected && e.text != nil) || (!truth.isEmpty && truth.allSatisfy { WordMatch.found($0, in: feedWords) }) {
                // The text is known (detection's own reading, or layer text read whole at feed size,
                // so reading it at full size could add nothing): it stands for the full-size reading.
                regions.append(Region(element: e, full: truth, feed: feedWords, confidence: e.confidence))
                continue
            }
            let read = try await Self.read({ try Self.cut(full, $0) }, box: e.box, lines: lines,
                                           scale: min(1, Self.readingXHeight / max(xHeight, 1)), models: models, cut: cut)
            regions.append(Region(element: e, full: Self.words(read),
                                  feed: feedWords, confidence: read.isEmpty ? 0 : read.map(\.confidence).reduce(0, +) / Double(read.count),
                                  readAtFull: true))
        }
        return Self.judge(regions, input: input, lowConfidence: cut)
    }

    /// An element's lines from layer data, as boxes to read one by one (nil when it has none).
    static func lines(of e: CoverElement) -> [Box]? {
        guard let lines = e.lines?.filter({ $0.w > 0 && $0.h > 0 }), !lines.isEmpty else { return nil }
        return lines
    }

    /// `box` in a picture scaled by `f`, rounded out by a pixel.
    static func scaled(_ box: Box, by f: Double) -> Box {
        Box(x: Int(Double(box.x) * f), y: Int(Double(box.y) * f),
            w: Int((Double(box.w) * f).rounded(.up)) + 1, h: Int((Double(box.h) * f).rounded(.up)) + 1)
    }

    /// Reads `box` as a block of text; where that reads nothing sure and layer data gives the text's
    /// `lines`, each line is read again as a line with no search for lines (Tesseract's search drops
    /// some lines whole: Noto Sans Arabic from about 28 px up), and the surer reading stands.
    static func read(_ region: (Box) throws -> Image?, box: Box, lines: [Box]?, scale: Double, models: [String],
                     cut: Double) async throws -> [RecognizedLine] {
        let block = try await read(region, box: box, layout: .block, scale: scale, models: models, cut: cut)
        guard sureness(block) < cut, let lines else { return block }
        var byLine: [RecognizedLine] = []
        for line in lines { byLine += try await read(region, box: line, layout: .rawLine, scale: scale, models: models, cut: cut) }
        return sureness(byLine) > sureness(block) ? byLine : block
    }

    /// The normalised words of a reading (empty ones, punctuation alone, dropped), as written: Thai,
    /// Chinese and Japanese letters Tesseract returns one by one are joined into the words they stand
    /// in (`RecognizedLine.text`), so a Thai word counts once, as layer text counts it.
    static func words(_ lines: [RecognizedLine]) -> [String] {
        lines.flatMap { WordMatch.words($0.text) }
    }

    /// `box` of `image`, cut to the picture; nil when nothing of it is left.
    static func cut(_ image: Image, _ box: Box) throws -> Image? {
        let b = box.intersection(Box(x: 0, y: 0, w: image.width, h: image.height))
        return b.w > 0 && b.h > 0 ? try image.crop(x: b.x, y: b.y, width: b.w, height: b.h) : nil
    }

    /// Reads `box` of a picture (`region` cuts a box out of it, kept to the picture), resized by
    /// `scale`, as one block of text: with an eighth of its height of the cover around it; when that
    /// reads nothing sure, again framed in its own background grey (`ReadingPatch`), and the surer of
    /// the two readings stands.
    static func read(_ region: (Box) throws -> Image?, box: Box, layout: PageLayout, scale: Double, models: [String],
                     cut: Double) async throws -> [RecognizedLine] {
        func grey(_ margin: Int) throws -> GreyPixels? {
            let b = Box(x: box.x - margin, y: box.y - margin, w: box.w + 2 * margin, h: box.h + 2 * margin)
            guard var region = try region(b), region.width >= 2, region.height >= 2 else { return nil }
            if abs(scale - 1) > 0.05 { region = try region.resize(scale, kernel: scale > 1 ? "cubic" : "lanczos3") }
            return GreyPixels(bytes: try region.greyBytes(), width: region.width, height: region.height)
        }
        let pad = max(2, box.h / 8)
        guard let wide = try grey(pad) else { return [] }
        let first = try await RecognizerPool.shared.read(wide, models: models, layout: layout, invertBelow: cut, darkInkFirst: true)
        guard sureness(first) < cut, let tight = try grey(max(1, box.h / 10)) else { return first }
        let patch = ReadingPatch(framing: tight.bytes, width: tight.width, height: tight.height,
                                 frame: Int((Double(pad) * scale).rounded(.up)))
        let second = try await RecognizerPool.shared.read(GreyPixels(bytes: patch.bytes, width: patch.width, height: patch.height),
                                                          models: models, layout: layout, invertBelow: cut, darkInkFirst: true)
        return sureness(second) > sureness(first) ? second : first
    }

    /// A reading's mean word confidence (0 when it read nothing).
    static func sureness(_ lines: [RecognizedLine]) -> Double {
        let words = lines.flatMap(\.words)
        return words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count)
    }

    /// The verdict: the title must still read at feed size; most words should.
    static func judge(_ regions: [Region], input: CoverCheckInput, lowConfidence: Double) -> CheckOutcome {
        let fullWords = regions.flatMap(\.full)
        let kept = regions.reduce(0) { n, r in n + r.full.filter { WordMatch.found($0, in: r.feed) }.count }
        let share = fullWords.isEmpty ? 1 : Double(kept) / Double(fullWords.count)
        let minShare = input.platform.thresholds.feedWordsReadMinShare
        var findings: [Finding] = []
        let title = input.title
        var figures: [String: Double] = ["words_read_full": Double(fullWords.count), "words_read_feed": Double(kept),
                                         "feed_words_read_share": share, "feed_words_read_min_share": minShare,
                                         "full_size_reads": Double(regions.filter(\.readAtFull).count)]
        for r in regions where (r.confidence ?? 100) < lowConfidence {
            // Text set at the platform's contrast or more (layer data) is not what "stylised or low-contrast" suspects.
            let set = r.element.layer.flatMap { input.cover.layers[safe: $0]?.contrast }
                .flatMap { $0 >= input.platform.thresholds.contrastMin ? $0 : nil }
            let why = set.map { String(format: "though it is set at %.1f:1 contrast: OCR is unsure of some faces and scripts, of short codes and of words it does not know", $0) }
                ?? "stylised or low-contrast text"
            findings.append(Finding(check: "legibility", severity: .warning,
                                    message: String(format: "%@ reads with low confidence even at full size (%.0f/100), %@; judge it by eye",
                                                    r.element.name, r.confidence ?? 0, why),
                                    layer: r.element.layer, box: r.element.box, figures: ["ocr_confidence": r.confidence ?? 0]))
        }
        if let t = title, let r = regions.first(where: { $0.element.layer == t.layer }) {
            // Against what OCR read at full size, or against the title's own words when the layer data
            // gives them (OCR of connected scripts such as Arabic often misreads a full-size word it
            // then reads right at feed size).
            let truth = r.element.text.map(WordMatch.words) ?? []
            let titleShare = max(WordMatch.share(r.full, readIn: r.feed), truth.isEmpty ? 0 : WordMatch.share(truth, readIn: r.feed))
            figures["title_words_read_share"] = titleShare
            let fullTruth = truth.isEmpty ? 1 : WordMatch.share(truth, readIn: r.full)
            if r.full.isEmpty || (fullTruth < 0.5 && titleShare < 0.5) {
                // OCR misses the title even at full size: it is not a fair judge of this script or style.
                findings.append(Finding(check: "legibility", severity: .warning,
                                        message: String(format: "%@ reads poorly by OCR even at full size (%.0f %% of its words); its feed size is judged by the text-size and contrast checks: look at it", t.name, fullTruth * 100),
                                        layer: t.layer, box: t.box, figures: ["title_words_read_full_share": fullTruth]))
            } else if titleShare < 0.5 {
                findings.append(Finding(check: "legibility", severity: .error,
                                        message: String(format: "%@ cannot be read at feed size: OCR reads %.0f %% of its words there (%@); make it larger or bolder",
                                                        t.name, titleShare * 100, r.feed.isEmpty ? "nothing" : "“\(r.feed.joined(separator: " "))”"),
                                        layer: t.layer, box: t.box, figures: ["title_words_read_share": titleShare]))
            }
        }
        if share < minShare {
            findings.append(Finding(check: "legibility", severity: .warning,
                                    message: String(format: "only %.0f %% of the cover's words are still read at feed size; needs %.0f %%",
                                                    share * 100, minShare * 100),
                                    figures: ["feed_words_read_share": share]))
        }
        return CheckOutcome(check: "legibility", findings: findings, figures: figures,
                            passed: String(format: "%.0f %% of %d words still read at feed size, the title included", share * 100, fullWords.count))
    }
}
