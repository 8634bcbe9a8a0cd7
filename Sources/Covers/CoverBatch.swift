import Support
import PluginKit
import Presets
import Batch
import Foundation
import Imaging

/// What `marquee covers compose` was asked for.
public struct CoverBatchOptions: Sendable {
    public var platforms: [String]
    /// Region names, optionally with a locale: `sea`, `sea:vi`.
    public var regions: [String]
    public var variants: Int
    /// Output format; default is each platform's first accepted format.
    public var format: ImageFormat?
    public var seed: UInt64
    public var layout: String?
    public var category: String?
    /// Parameters by plugin name.
    public var parameters: [String: [String: ParameterValue]]
    public var checks: [String]
    public var maxPixels: Int

    public init(platforms: [String], regions: [String], variants: Int = 1, format: ImageFormat? = nil, seed: UInt64 = 1,
                layout: String? = nil, category: String? = nil, parameters: [String: [String: ParameterValue]] = [:],
                checks: [String] = CoverBatch.defaultChecks, maxPixels: Int = 100_000_000) {
        self.platforms = platforms; self.regions = regions; self.variants = variants; self.format = format; self.seed = seed
        self.layout = layout; self.category = category; self.parameters = parameters; self.checks = checks; self.maxPixels = maxPixels
    }
}

/// One cover's entry in the batch output: its record and what the checks found.
public struct CoverResult: Codable, Sendable {
    public var cover: CoverRecord
    public var findings: [Finding]
}

/// Turns a manifest and options into the batch's work items: one per product, platform, region and variant.
public enum CoverBatch {
    public static let defaultChecks = ["safe-zone", "text-size", "contrast"]
    /// Part of every item's input hash: a new version when the record's shape changes, so a re-run
    /// remakes covers whose catalog records are in an older shape.
    public static let version = "covers/2"

    /// Validates everything that can be validated before work starts (platforms, regions, plugins,
    /// parameters) and returns the items. Per-product problems become failing items, not errors.
    public static func items(_ entries: [ManifestEntry], options o: CoverBatchOptions, presets: PresetLibrary,
                             registry: PluginRegistry, cache: PhotoCache) throws(MarqueeError) -> [WorkItem] {
        guard (1...50).contains(o.variants) else { throw .usage("--variants: expected 1…50, got \(o.variants)") }
        let platforms = try o.platforms.map { name throws(MarqueeError) in try presets.platform(name) }
        let targets = try o.regions.map { spec throws(MarqueeError) in try regionTarget(spec, presets) }
        for p in platforms {
            if let f = o.format, !p.formats.contains(f.rawValue) {
                throw .usage("--format \(f.rawValue): platform `\(p.name)` accepts \(p.formats.joined(separator: ", "))")
            }
        }
        var params: [String: PluginParameters] = [:]
        for name in o.parameters.keys { _ = try registry.plugin(named: name) }
        func resolved(_ name: String) throws(MarqueeError) -> PluginParameters {
            if let p = params[name] { return p }
            let p = try registry.plugin(named: name).metadata.resolve(o.parameters[name] ?? [:])
            params[name] = p
            return p
        }
        var checks: [(any CoverCheck, PluginParameters)] = []
        for name in o.checks {
            checks.append((try registry.plugin(named: name, as: (any CoverCheck).self, kind: .coverCheck), try resolved(name)))
        }
        if let l = o.layout { _ = try registry.plugin(named: l, as: (any CoverLayout).self, kind: .coverLayout) }
        for name in presets.categories.values.flatMap(\.layouts) + [o.layout].compactMap({ $0 }) { _ = try resolved(name) }
        let checkList = checks
        var fileHashes: [String: String] = [:]
        func fileHash(_ path: String) -> String {
            if let h = fileHashes[path] { return h }
            var h = ContentHash(); h.addFile(path); fileHashes[path] = h.hex
            return h.hex
        }

        var items: [WorkItem] = []
        for entry in entries {
            for platform in platforms {
                for target in targets {
                    for v in 1...o.variants {
                        let regionPart = target.explicitLocale ? "\(target.region.name)-\(target.locale.code)" : target.region.name
                        let key = "\(entry.id)-\(platform.name)-\(regionPart)-v\(v)"
                        let format = o.format ?? ImageFormat(rawValue: platform.formats[0]) ?? .jpg
                        let file = "\(key).\(format.rawValue)"
                        guard let product = entry.product, entry.problems.isEmpty else {
                            let message = entry.problems.joined(separator: "; ")
                            items.append(WorkItem(key: key, inputHash: "invalid", outputs: [file]) { _ in throw MarqueeError.item(message) })
                            continue
                        }
                        let categoryName = o.category ?? product.category
                        guard let category = presets.categories[categoryName] else {
                            let known = presets.categories.keys.sorted()
                            let hint = closestMatch(categoryName, in: known).map { "did you mean `\($0)`? " } ?? ""
                            let message = "product \(product.id), field category: unknown category `\(categoryName)`; \(hint)known: \(known.joined(separator: ", "))"
                            items.append(WorkItem(key: key, inputHash: "invalid", outputs: [file]) { _ in throw MarqueeError.item(message) })
                            continue
                        }
                        let layoutName = o.layout ?? category.layouts[(v - 1) % category.layouts.count]
                        let layout = try registry.plugin(named: layoutName, as: (any CoverLayout).self, kind: .coverLayout)
                        let layoutParams = try resolved(layoutName)
                        cache.require(layout.photoShortSide(platform: platform, category: category), for: product.id)
                        let seed = ContentHash.value(of: [String(o.seed), product.id, platform.name, regionPart, String(v)])
                        let paths = product.images + [product.before, product.after, product.logo].compactMap { $0 }
                        let hash = ContentHash.of([version, json(product), json(category), json(platform), json(target.region),
                                                   target.locale.code, layoutName, layoutParams.canonical, String(seed), format.rawValue,
                                                   checkList.map { "\($0.0.metadata.name):\($0.1.canonical)" }.joined(separator: ",")]
                                                  + paths.map(fileHash))
                        let request = Request(product: product, category: category, platform: platform, region: target.region,
                                              locale: target.locale, variant: v, seed: seed, layoutName: layoutName, format: format, file: file)
                        items.append(WorkItem(key: key, inputHash: hash, outputs: [file]) { ctx in
                            try await compose(request, layout: layout, parameters: layoutParams, checks: checkList, cache: cache, context: ctx)
                        })
                    }
                }
            }
        }
        return items
    }

    struct Target { let region: RegionPreset; let locale: LocalePreset; let explicitLocale: Bool }

    static func regionTarget(_ spec: String, _ presets: PresetLibrary) throws(MarqueeError) -> Target {
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        let region = try presets.region(parts[0])
        guard parts.count == 2 else { return Target(region: region, locale: region.locales[0], explicitLocale: false) }
        guard let locale = region.locales.first(where: { $0.code == parts[1] }) else {
            throw .usage("--regions \(spec): region `\(region.name)` has locales \(region.locales.map(\.code).joined(separator: ", "))")
        }
        return Target(region: region, locale: locale, explicitLocale: true)
    }

    struct Request: Sendable {
        let product: Product, category: CategoryPreset, platform: PlatformPreset, region: RegionPreset, locale: LocalePreset
        let variant: Int, seed: UInt64, layoutName: String, format: ImageFormat, file: String
    }

    static func compose(_ r: Request, layout: any CoverLayout, parameters: PluginParameters,
                        checks: [(any CoverCheck, PluginParameters)], cache: PhotoCache, context: ItemContext) async throws -> ItemOutcome {
        let t0 = Date()
        let photos = try cache.photos(for: r.product)
        let request = CoverRequest(product: r.product, photos: photos, category: r.category, platform: r.platform,
                                   region: r.region, locale: r.locale, variant: r.variant, seed: r.seed)
        let composed: ComposedCover
        do {
            composed = try layout.compose(request, parameters: parameters)
        } catch let e as MarqueeError {
            throw MarqueeError.item("product \(r.product.id), \(e.description)")
        } catch {
            throw MarqueeError.item("product \(r.product.id): layout \(r.layoutName) failed: \(error)")
        }
        let maxBytes = r.platform.max_file_kb.map { $0 * 1000 }
        let (data, quality) = try CoverEncoder.encode(composed.image, format: r.format, maxBytes: maxBytes)
        try context.write(data, to: r.file)
        let record = CoverRecord(
            file: r.file, product: r.product.id, platform: r.platform.name, region: r.region.name, locale: r.locale.code,
            category: r.category.name, layout: r.layoutName, variant: r.variant, seed: r.seed, width: composed.image.width,
            height: composed.image.height, format: r.format.rawValue, quality: quality, bytes: data.count,
            inputs: r.product.images + [r.product.before, r.product.after, r.product.logo].compactMap { $0 },
            safe_zone: r.platform.safe_zone, feed_width: r.platform.feed_size.width, min_font_px: r.platform.minFontPx,
            layers: composed.layers)
        var findings: [Finding] = []
        let input = CoverCheckInput(cover: record, image_path: context.outDir.appendingPathComponent(r.file).path, platform: r.platform)
        for (check, params) in checks {
            do { findings += try await check.check(input, parameters: params) }
            catch { findings.append(Finding(check: check.metadata.name, severity: .error, message: "check failed: \(error)")) }
        }
        let result = CoverResult(cover: record, findings: findings)
        return ItemOutcome(metrics: ["bytes": Double(data.count), "quality": Double(quality ?? 0),
                                     "seconds": Date().timeIntervalSince(t0)],
                           record: try JSONEncoder().encode(result),
                           problems: findings.filter { $0.severity == .error }.map(\.description))
    }

    static func json<T: Encodable>(_ v: T) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = .sortedKeys
        return (try? String(decoding: enc.encode(v), as: UTF8.self)) ?? ""
    }
}

extension ContentHash {
    public static func value(of parts: [String]) -> UInt64 {
        var h = ContentHash()
        for p in parts { h.add(p) }
        return h.value
    }
}
