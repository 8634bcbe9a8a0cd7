import Foundation
import Support
import Batch
import PluginKit

/// Where a cover is listed in every report: by product, platform, region, locale, variant, then file.
public struct CoverReportKey: Comparable, Sendable, Hashable {
    public let product: String, platform: String, region: String, locale: String
    public let variant: Int
    public let file: String

    public init(_ r: CoverRecord) {
        product = r.product; platform = r.platform; region = r.region; locale = r.locale; variant = r.variant; file = r.file
    }

    public static func < (a: CoverReportKey, b: CoverReportKey) -> Bool {
        (a.product, a.platform, a.region, a.locale, a.variant, a.file) < (b.product, b.platform, b.region, b.locale, b.variant, b.file)
    }
}

/// A batch's cover records in report order, read one at a time, so a report of any size is written
/// with flat memory: only each cover's report key is held; the records stay in the run's
/// `RecordSpool` (or in memory, for records given as such).
public struct CoverRecords: Sendable {
    enum Entry: Sendable {
        case record(CoverRecord)
        case spooled(SpooledRecord)
    }

    /// Each cover's key, in report order.
    public let keys: [CoverReportKey]
    private let entries: [Entry]
    private let spool: RecordSpool?

    /// Records held in memory, put in report order.
    public init(_ records: [CoverRecord]) {
        self.init(records.map { (CoverReportKey($0), Entry.record($0)) }, spool: nil)
    }

    init(_ keyed: [(CoverReportKey, Entry)], spool: RecordSpool?) {
        // Stable: covers with equal keys keep the order they were given in.
        let sorted = keyed.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
        keys = sorted.map(\.element.0); entries = sorted.map(\.element.1); self.spool = spool
    }

    public var count: Int { keys.count }

    /// The record at `index` (in report order), read from the spool if it is there.
    public func record(at index: Int) throws -> CoverRecord {
        switch entries[index] {
        case .record(let r): return r
        case .spooled(let at):
            guard let spool else { throw MarqueeError.item("cover \(keys[index].file): its record is in no spool") }
            return try JSONDecoder().decode(CoverResult.self, from: spool.read(at)).cover
        }
    }

    /// Every record in report order, one at a time.
    public func forEach(_ body: (CoverRecord) throws -> Void) throws {
        for i in keys.indices { try body(try record(at: i)) }
    }

    /// Every record at once (memory grows with the batch: for small batches and tests); a record that
    /// cannot be read is left out.
    public var all: [CoverRecord] { keys.indices.compactMap { try? record(at: $0) } }
}

extension CoverRecords {
    /// The records and findings of a finished batch: each item's `CoverResult`, spooled or in memory.
    public static func of(_ summary: BatchSummary, spool: RecordSpool?) -> (CoverRecords, [String: [Finding]]) {
        let decoder = JSONDecoder()
        var keyed: [(CoverReportKey, Entry)] = []
        var findings: [String: [Finding]] = [:]
        for r in summary.results {
            let data = r.record ?? r.spooled.flatMap { at in try? spool?.read(at) }
            guard let data, let result = try? decoder.decode(CoverResult.self, from: data) else { continue }
            keyed.append((CoverReportKey(result.cover), r.spooled.map(Entry.spooled) ?? .record(result.cover)))
            findings[result.cover.file] = result.findings
        }
        return (CoverRecords(keyed, spool: spool), findings)
    }
}
