import Foundation
import Synchronization

/// Recognisers kept for reuse, by model list: loading language data costs far more than reading a
/// cover's text regions, so each model set is loaded once per concurrent reader. Reads run on a
/// thread of their own, off Swift's cooperative pool (Tesseract blocks for tens of milliseconds).
public final class RecognizerPool: Sendable {
    public static let shared = RecognizerPool()
    private let idle = Mutex<[String: [TextRecognizer]]>([:])

    public init() {}

    /// Reads `pixels` with a recogniser for `models`. With `invertBelow`, a read whose lines are
    /// missing or less confident than that (0…100) is tried again on the negative, and the more
    /// confident lines of the two are kept: Tesseract reads dark text on light ground best, and light
    /// text on dark panels (a common cover style) often reads better inverted.
    public func read(_ pixels: GreyPixels, models: [String], layout: PageLayout, invertBelow: Double? = 60) async throws -> [RecognizedLine] {
        try await Self.onOwnThread { [self] in
            let recognizer = try take(models)
            defer { give(recognizer) }
            let pixels = pixels.padded(by: 10)
            let plain = try recognizer.read(pixels, layout: layout)
            guard let cut = invertBelow, plain.isEmpty || plain.contains(where: { $0.confidence < cut }) else { return plain }
            let negative = try recognizer.read(pixels.inverted(), layout: layout).map { line in
                var line = line; line.inverted = true; return line
            }
            return Self.merge(plain, negative)
        }
    }

    /// Lines of both reads; where two overlap, the more confident one.
    static func merge(_ a: [RecognizedLine], _ b: [RecognizedLine]) -> [RecognizedLine] {
        var kept = a
        for line in b {
            let rivals = kept.indices.filter { kept[$0].box.intersects(line.box) }
            guard rivals.allSatisfy({ kept[$0].confidence < line.confidence }) else { continue }
            for i in rivals.reversed() { kept.remove(at: i) }
            kept.append(line)
        }
        return kept.sorted { ($0.box.y, $0.box.x) < ($1.box.y, $1.box.x) }
    }

    func take(_ models: [String]) throws(OCRError) -> TextRecognizer {
        let key = models.joined(separator: "+")
        if let r = idle.withLock({ $0[key]?.popLast() }) { return r }
        return try TextRecognizer(models: models)
    }

    func give(_ r: TextRecognizer) {
        idle.withLock { $0[r.models.joined(separator: "+"), default: []].append(r) }
    }

    /// Runs `body` on a new thread and resumes with its result.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
