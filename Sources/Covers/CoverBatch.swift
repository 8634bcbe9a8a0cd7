import Support
import PluginKit
import Presets
import Batch
import Foundation
import Imaging

/// One cover's entry in the batch output: its record and what the checks found.
public struct CoverResult: Codable, Sendable {
    public var cover: CoverRecord
    public var findings: [Finding]

    public init(cover: CoverRecord, findings: [Finding]) { self.cover = cover; self.findings = findings }
}

/// Turns a validated `CoverJob` into the batch's work items: one per product, platform, region and
/// variant. Per-product problems become failing items; nothing here can stop the batch.
public enum CoverBatch {
    public static func items(_ job: CoverJob) -> [WorkItem] {
        let cache = PhotoCache(capacity: job.jobs + 2, maxPixels: job.maxPixels, lenient: job.options.lenient)
        let canonical = job.canonical
        var fileHashes: [String: String] = [:]
        func fileHash(_ path: String) -> String {
            if let h = fileHashes[path] { return h }
            var h = ContentHash(); h.addFile(path); fileHashes[path] = h.hex
            return h.hex
        }
        var items: [WorkItem] = []
        for entry in job.entries {
            for platform in job.platforms {
                for target in job.targets {
                    for v in 1...job.variants {
                        let key = "\(entry.id)-\(platform.name)-\(target.part)-v\(v)"
                        let format = job.format ?? ImageFormat(rawValue: platform.formats[0]) ?? .jpg
                        let file = "\(key).\(format.rawValue)"
                        let made = request(entry, job: job, platform: platform, target: target, variant: v, format: format, file: file)
                        guard case .success(let (r, layout)) = made else {
                            if case .failure(let e) = made { items.append(failing(key, file: file, e)) }
                            continue
                        }
                        cache.require(layout.plugin.photoShortSide(platform: platform, category: r.category), for: r.product.id)
                        let paths = r.product.images + [r.product.before, r.product.after, r.product.logo].compactMap { $0 }
                        let inputs = ItemInputs(job: canonical, product: r.product, photos: paths.map(fileHash), category: r.category,
                                                platform: platform, region: target.region, locale: target.locale.code, variant: v,
                                                layout: r.layoutName, format: format.rawValue)
                        let hash = ContentHash.of([String(decoding: CoverJob.encoded(inputs), as: UTF8.self)])
                        let checks = job.checks, quality = job.quality, reports = job.reports
                        items.append(WorkItem(key: key, inputHash: hash, outputs: [file]) { ctx in
                            try await compose(r, layout: layout, checks: checks, reports: reports, quality: quality, cache: cache, context: ctx)
                        })
                    }
                }
            }
        }
        return items
    }

    /// Everything that makes one item's cover what it is: the job's canonical form and the item's own
    /// inputs (the product with its text, its photos' content, the presets, the layout), as the
    /// sorted-keys JSON an item's resume key is hashed from.
    struct ItemInputs: Encodable {
        let job: Data
        let product: Product
        let photos: [String]
        let category: CategoryPreset, platform: PlatformPreset, region: RegionPreset
        let locale: String, variant: Int, layout: String, format: String

        func encode(to encoder: Encoder) throws {
            enum Keys: String, CodingKey { case job, product, photos, category, platform, region, locale, variant, layout, format }
            var c = encoder.container(keyedBy: Keys.self)
            // The job's own JSON, nested as text (not re-encoded as base64 bytes).
            try c.encode(String(decoding: job, as: UTF8.self), forKey: .job)
            try c.encode(product, forKey: .product); try c.encode(photos, forKey: .photos)
            try c.encode(category, forKey: .category); try c.encode(platform, forKey: .platform); try c.encode(region, forKey: .region)
            try c.encode(locale, forKey: .locale); try c.encode(variant, forKey: .variant)
            try c.encode(layout, forKey: .layout); try c.encode(format, forKey: .format)
        }
    }

    static func failing(_ key: String, file: String, _ error: MarqueeError) -> WorkItem {
        WorkItem(key: key, inputHash: "invalid", outputs: [file]) { _ in throw error }
    }

    /// The request for one item, or the product's problem as the item's failure.
    static func request(_ entry: ManifestEntry, job: CoverJob, platform: PlatformPreset, target: CoverTarget, variant v: Int,
                        format: ImageFormat, file: String) -> Result<(Request, CoverPluginUse<any CoverLayout>), MarqueeError> {
        guard let product = entry.product, entry.problems.isEmpty else {
            return .failure(.item(entry.problems.joined(separator: "; ")))
        }
        guard let category = job.category ?? job.categories[product.category] else {
            let known = job.categories.keys.sorted()
            let hint = closestMatch(product.category, in: known).map { "did you mean `\($0)`? " } ?? ""
            return .failure(.item("product \(product.id), field category: unknown category `\(product.category)`; \(hint)known: \(known.joined(separator: ", "))"))
        }
        let layoutName = job.options.layout ?? category.layouts[(v - 1) % category.layouts.count]
        guard let layout = job.layouts[layoutName] else {
            return .failure(.item("product \(product.id): category `\(category.name)` names layout `\(layoutName)`, which is not installed"))
        }
        let seed = ContentHash.value(of: [String(job.seed), product.id, platform.name, target.part, String(v)])
        return .success((Request(product: product, category: category, platform: platform, region: target.region, locale: target.locale,
                                 variant: v, seed: seed, layoutName: layoutName, format: format, file: file), layout))
    }

    struct Request: Sendable {
        let product: Product, category: CategoryPreset, platform: PlatformPreset, region: RegionPreset, locale: LocalePreset
        let variant: Int, seed: UInt64, layoutName: String, format: ImageFormat, file: String
    }

    /// Composes, encodes, writes and checks one cover. When the checks fail a text layer, the cover is
    /// composed again with that layer on a panel (and larger, for size failures), up to
    /// `maxAttempts` times: a cover passes its checks or its findings say why it cannot.
    static func compose(_ r: Request, layout: CoverPluginUse<any CoverLayout>, checks: [CoverPluginUse<any CoverCheck>],
                        reports: [CoverPluginUse<any CoverReportWriter>], quality: Int,
                        cache: PhotoCache, context: ItemContext) async throws -> ItemOutcome {
        let t0 = Date()
        let photos = try cache.photos(for: r.product)
        var adjustments = CoverAdjustments()
        var attempt: (record: CoverRecord, findings: [Finding], data: Data, quality: Int?)?
        var retries: [Finding] = []
        while true {
            let request = CoverRequest(product: r.product, photos: photos, category: r.category, platform: r.platform,
                                       region: r.region, locale: r.locale, variant: r.variant, seed: r.seed, adjustments: adjustments)
            let composed: ComposedCover
            do { composed = try composeLayout(r, request: request, layout: layout) } catch let e as MarqueeError where attempt != nil {
                // The larger text does not fit: the attempt before stands, and the item says why (in
                // place of the note announcing this attempt, which was not made).
                if retries.last?.severity == .info { retries.removeLast() }
                retries.append(Finding(check: "compose", severity: .warning,
                                       message: "attempt \(adjustments.attempt + 1) (\(adjustments.changes)) could not be composed (\(e.description)); attempt \(adjustments.attempt) stands"))
                adjustments.attempt -= 1
                break
            }
            let made = try await finishOnce(r, composed: composed, request: request, checks: checks, quality: quality, context: context)
            attempt = made
            guard adjustments.attempt + 1 < maxAttempts, made.findings.contains(where: { $0.severity == .error }),
                  let next = adjustments.after(made.findings, layers: made.record.layers) else { break }
            retries.append(next.note(after: made.findings, of: maxAttempts))
            adjustments = next
        }
        guard let attempt else { throw MarqueeError.item("product \(r.product.id): not composed") }
        // The cover on disk is the last attempt's: report writers make their per-cover files from its bytes
        // (what they cannot make now, they make at the end).
        for report in reports {
            try? report.plugin.coverWritten(attempt.record, encoded: attempt.data, outDir: context.outDir, parameters: report.parameters)
        }
        let result = CoverResult(cover: attempt.record, findings: retries + attempt.findings)
        return ItemOutcome(metrics: ["bytes": Double(attempt.data.count), "quality": Double(attempt.quality ?? 0),
                                     "attempts": Double(adjustments.attempt + 1), "seconds": Date().timeIntervalSince(t0)],
                           record: try JSONEncoder().encode(result),
                           problems: attempt.findings.filter { $0.severity == .error }.map(\.description))
    }

    /// Attempts at one cover before its findings stand.
    public static let maxAttempts = 3

    /// The layout's cover for one attempt; its errors name the product.
    static func composeLayout(_ r: Request, request: CoverRequest, layout: CoverPluginUse<any CoverLayout>) throws -> ComposedCover {
        do {
            return try layout.plugin.compose(request, parameters: layout.parameters)
        } catch let e as MarqueeError {
            throw MarqueeError.item("product \(r.product.id), \(e.description)")
        } catch {
            throw MarqueeError.item("product \(r.product.id): layout \(r.layoutName) failed: \(error)")
        }
    }

    /// Encodes, writes and checks a composed cover.
    static func finishOnce(_ r: Request, composed: ComposedCover, request: CoverRequest, checks: [CoverPluginUse<any CoverCheck>], quality: Int,
                           context: ItemContext) async throws -> (record: CoverRecord, findings: [Finding], data: Data, quality: Int?) {
        let maxBytes = r.platform.max_file_kb.map { $0 * 1000 }
        let (data, usedQuality) = try CoverEncoder.encode(composed.image, format: r.format, maxBytes: maxBytes, quality: quality)
        try context.write(data, to: r.file)
        let record = CoverRecord(
            file: r.file, product: r.product.id, platform: r.platform.name, region: r.region.name, locale: r.locale.code,
            category: r.category.name, layout: r.layoutName, variant: r.variant, seed: r.seed, width: composed.image.width,
            height: composed.image.height, format: r.format.rawValue, quality: usedQuality, bytes: data.count,
            inputs: r.product.images + [r.product.before, r.product.after, r.product.logo].compactMap { $0 },
            safe_zone: r.platform.safe_zone, feed_width: r.platform.feed_size.width, min_font_px: r.platform.minFontPx,
            layers: composed.layers)
        var findings = composed.findings + PhotoFindings.findings(request.photos, layers: composed.layers, category: r.category)
        // The checks judge the bytes just written, decoded once in memory and shared between them.
        let path = context.outDir.appendingPathComponent(r.file).path
        let input = CoverCheckInput(cover: record, image_path: path, platform: r.platform, pixels: CoverPixels(path: path, encoded: data))
        return (record, findings + (await run(checks, on: input)), data, usedQuality)
    }
}

extension ContentHash {
    public static func value(of parts: [String]) -> UInt64 {
        var h = ContentHash()
        for p in parts { h.add(p) }
        return h.value
    }
}
