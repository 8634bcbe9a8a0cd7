import Foundation
import Synchronization

/// Recognisers kept for reuse, by model list: loading language data costs far more than reading a
/// cover's text regions, so each model set is loaded once per concurrent reader. Reads run on a
/// thread of their own, off Swift's cooperative pool (Tesseract blocks for tens of milliseconds).
public final class RecognizerPool: Sendable {
    public static let shared = RecognizerPool()
    /// Idle recognisers, how many are being loaded ahead (`warm`), how many exist and at most how many a
    /// batch wants (`warm`'s count), by model list: one lock over all, so a reader sees at once whether
    /// to take one, wait for one, or load its own.
    private struct Shelf {
        var idle: [String: [TextRecognizer]] = [:]; var loading: [String: Int] = [:]
        var made: [String: Int] = [:]; var limit: [String: Int] = [:]
    }
    /// The shelf behind one condition: every change wakes the readers waiting for a recogniser.
    private final class GuardedShelf: @unchecked Sendable {
        // Safe to share: `shelf` is read and written only while holding `condition`.
        private let condition = NSCondition()
        private var shelf = Shelf()

        /// Changes the shelf and wakes every reader waiting on it.
        func change<R>(_ body: (inout Shelf) -> R) -> R {
            condition.lock()
            defer { condition.broadcast(); condition.unlock() }
            return body(&shelf)
        }

        /// Runs `body` on the shelf until it gives a value, waiting for the next change after each nil.
        func when<R>(_ body: (inout Shelf) -> R?) -> R {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let value = body(&shelf) { return value }
                condition.wait()
            }
        }
    }
    private let shelf = GuardedShelf()
    private let loaded = Mutex(0)

    /// How many recognisers this pool has loaded so far (each costs 70-80 ms and tens of MB).
    public var loadedCount: Int { loaded.withLock { $0 } }

    public init() {}

    /// Loads `count` recognisers for `models` on threads of their own, for reads to come: a batch calls
    /// this at its start, so the loading (70-80 ms each) overlaps the batch's single-threaded opening
    /// instead of delaying its first reads. A recogniser that cannot load is left to the first read,
    /// which reports why.
    /// Reads beyond `count` at once wait for one of these recognisers rather than load another.
    public func warm(_ models: [String], count: Int) {
        let key = models.joined(separator: "+")
        shelf.change { s in
            s.loading[key, default: 0] += count
            s.made[key, default: 0] += count
            s.limit[key] = max(s.limit[key] ?? 0, count)
        }
        for _ in 0..<count {
            Self.startThread { [self] in
                let made = try? load(models)
                shelf.change {
                    if let made { $0.idle[key, default: []].append(made) } else { $0.made[key, default: 0] -= 1 }
                    $0.loading[key, default: 0] -= 1
                }
            }
        }
    }

    /// Reads `pixels` with a recogniser for `models`. With `invertBelow`, a read whose lines are
    /// missing or less confident than that (0…100) is tried again on the negative, and the more
    /// confident lines of the two are kept: Tesseract reads dark text on light ground best, and light
    /// text on dark panels (a common cover style) often reads better inverted. With `darkInkFirst`
    /// (for a patch cut around one text block), a patch whose ink is lighter than its ground is read
    /// as its negative first (`hasLightInk`), and the picture as given is the retry.
    public func read(_ pixels: GreyPixels, models: [String], layout: PageLayout, invertBelow: Double? = 60,
                     darkInkFirst: Bool = false) async throws -> [RecognizedLine] {
        try await Self.onOwnThread { [self] in
            OpenMPLimit.oneThreadHere()
            let recognizer = try take(models)
            defer { give(recognizer) }
            let given = pixels.padded(by: 10)
            let flip = darkInkFirst && given.hasLightInk
            let first = try recognizer.read(flip ? given.inverted() : given, layout: layout).map { $0.marked(inverted: flip) }
            guard let cut = invertBelow, first.isEmpty || first.contains(where: { $0.confidence < cut }) else { return first }
            let retry = try recognizer.read(flip ? given : given.inverted(), layout: layout).map { $0.marked(inverted: !flip) }
            return Self.merge(first, retry)
        }
    }

    /// Lines of both reads; a line of `b` replaces the lines of `a` it overlaps only if it is more
    /// confident than each of them and holds more text read surely (`weight`) than they do together:
    /// two sure letters read on the negative of a dark title do not replace the title's fourteen read a
    /// little less surely, and a longer, less sure line glued to texture does not replace a tight one.
    /// Lines of one read do not compete: Tesseract separated them (until session 17 a line of `b` kept
    /// earlier could drop the next, and a LIVE badge read on the negative dropped the title under it).
    static func merge(_ a: [RecognizedLine], _ b: [RecognizedLine]) -> [RecognizedLine] {
        var kept = a, added: [RecognizedLine] = []
        for line in b {
            let rivals = kept.indices.filter { kept[$0].box.intersects(line.box) }
            guard rivals.allSatisfy({ kept[$0].confidence < line.confidence }),
                  rivals.isEmpty || line.weight > rivals.reduce(0, { $0 + kept[$1].weight }) else { continue }
            for i in rivals.reversed() { kept.remove(at: i) }
            added.append(line)
        }
        return (kept + added).sorted { ($0.box.y, $0.box.x) < ($1.box.y, $1.box.x) }
    }

    func take(_ models: [String]) throws(OCRError) -> TextRecognizer {
        let key = models.joined(separator: "+")
        enum Taken { case idle(TextRecognizer), loadOwn }
        // An idle recogniser; else wait while one is being loaded ahead or all the batch wants are in
        // use; else load one.
        let taken = shelf.when { s -> Taken? in
            if let ready = s.idle[key]?.popLast() { return .idle(ready) }
            if s.loading[key, default: 0] > 0 || s.made[key, default: 0] >= (s.limit[key] ?? .max) { return nil }
            s.made[key, default: 0] += 1
            return .loadOwn
        }
        if case .idle(let ready) = taken { return ready }
        do { return try load(models) } catch {
            shelf.change { $0.made[key, default: 0] -= 1 }
            throw error
        }
    }

    func load(_ models: [String]) throws(OCRError) -> TextRecognizer {
        let made = try TextRecognizer(models: models)
        loaded.withLock { $0 += 1 }
        return made
    }

    func give(_ r: TextRecognizer) {
        shelf.change { $0.idle[r.models.joined(separator: "+"), default: []].append(r) }
    }

    /// Runs `body` on a new thread and resumes with its result.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            startThread { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Starts `body` on a new thread with the stack Tesseract needs (8 MB).
    static func startThread(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.stackSize = 8 << 20
        thread.start()
    }
}
