import Foundation
import Support
import PluginKit
import Presets
import Batch
import Imaging

/// A plugin a job runs, with its validated parameters.
public struct CoverPluginUse<Plugin: Sendable>: Sendable {
    public let plugin: Plugin
    public let parameters: PluginParameters
    public var name: String { parameters.plugin }
}

/// A region to make covers for, in one of its locales.
public struct CoverTarget: Sendable, Hashable {
    public let region: RegionPreset
    public let locale: LocalePreset
    /// The locale was asked for (`sea:vi`), so it is part of the covers' names.
    public let explicitLocale: Bool
    /// The region's part of item keys and file names: `sea` or `sea-vi`.
    public var part: String { explicitLocale ? "\(region.name)-\(locale.code)" : region.name }
}

/// One validated covers job, the single descriptor the engine runs. Its initialiser checks every
/// option and input before any work starts: the manifest is read; platforms, regions and categories
/// are looked up; every plugin the job can run (layouts, checks, report writers) is found with its
/// parameters resolved; ranges and the output folder are checked. Problems of one product (a bad
/// photo path, an unknown category) are left to fail that product's items. The engine trusts the
/// job: nothing is checked again, nothing half here and half in the command.
public struct CoverJob: Sendable {
    public static let defaultChecks = ["safe-zone", "text-size", "contrast"]
    /// Changes when covers made from the same inputs would come out differently.
    public static let version = "covers/4"

    public let options: CoverJobOptions
    public let entries: [ManifestEntry]
    public let platforms: [PlatformPreset]
    public let targets: [CoverTarget]
    public let format: ImageFormat?
    public let quality: Int
    /// The category given for every product, if any.
    public let category: CategoryPreset?
    /// Every category preset, for products' own categories.
    public let categories: [String: CategoryPreset]
    /// Every layout an item can use (the one given, or every category's), by name.
    public let layouts: [String: CoverPluginUse<any CoverLayout>]
    public let checks: [CoverPluginUse<any CoverCheck>]
    public let reports: [CoverPluginUse<any CoverReportWriter>]
    public let outDir: URL

    public var variants: Int { options.variants }
    public var seed: UInt64 { options.seed }
    public var maxPixels: Int { options.maxMegapixels * 1_000_000 }
    /// Covers composed at once: as asked, else `defaultJobs`.
    public let jobs: Int

    public init(_ o: CoverJobOptions, presets: PresetLibrary, registry: PluginRegistry) throws(MarqueeError) {
        try Self.checkRanges(o)
        options = o
        platforms = try Self.nonEmpty(o.platforms, "--platforms").map { name throws(MarqueeError) in try presets.platform(name) }
        targets = try Self.nonEmpty(o.regions, "--regions").map { spec throws(MarqueeError) in try Self.target(spec, presets) }
        format = try Self.format(o.format, platforms: platforms)
        quality = o.quality ?? CoverEncoder.defaultQuality
        if let name = o.category { category = try presets.category(name) } else { category = nil }
        categories = presets.categories

        let plugins = try ResolvedPlugins(o.parameters, registry: registry)
        let checkNames = o.checks == ["all"] ? registry.plugins(of: .coverCheck, as: (any CoverCheck).self).map(\.metadata.name)
            : Self.names(o.checks)
        checks = try plugins.uses(checkNames, as: (any CoverCheck).self, kind: .coverCheck)
        jobs = o.jobs ?? Self.defaultJobs(readingText: checks.contains { $0.plugin.readsText })
        let layoutNames = o.layout.map { [$0] } ?? Set(presets.categories.values.flatMap(\.layouts)).sorted()
        let layoutUses = try plugins.uses(layoutNames, as: (any CoverLayout).self, kind: .coverLayout)
        layouts = Dictionary(uniqueKeysWithValues: layoutUses.map { ($0.name, $0) })
        let reportNames = o.reports.map(Self.names) ?? registry.plugins(of: .reportWriter, as: (any CoverReportWriter).self)
            .map(\.metadata.name)
        reports = try plugins.uses(reportNames, as: (any CoverReportWriter).self, kind: .reportWriter)

        entries = try ManifestReader.read(URL(fileURLWithPath: o.manifest))
        outDir = try Self.outputFolder(o.out)
    }

    /// Every field of the job that changes what an item makes, as JSON with sorted keys: the format,
    /// quality, seed, layout and category given, the parameters of every layout an item can use, the
    /// checks with theirs (findings are part of an item's result) and the photo size limit. Each
    /// item's resume key is this with the item's own inputs (see `CoverBatch`).
    public var canonical: Data { Self.encoded(Canonical(self)) }

    struct Canonical: Encodable {
        let version: String, format: String?, quality: Int, seed: UInt64, layout: String?, category: String?
        let layouts: [String: PluginParameters], checks: [PluginParameters], maxPixels: Int
        /// Only when set, so the keys of covers made without it stay as they were.
        let lenient: Bool?

        init(_ job: CoverJob) {
            version = CoverJob.version; format = job.format?.rawValue; quality = job.quality; seed = job.seed
            layout = job.options.layout; category = job.category?.name
            layouts = job.layouts.mapValues(\.parameters); checks = job.checks.map(\.parameters); maxPixels = job.maxPixels
            lenient = job.options.lenient ? true : nil
        }
    }

    static func encoded<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain values and preset structs only: encoding cannot fail.
        return (try? encoder.encode(value)) ?? Data()
    }

    // MARK: - Checks

    static func checkRanges(_ o: CoverJobOptions) throws(MarqueeError) {
        guard (1...50).contains(o.variants) else { throw .usage("--variants \(o.variants): expected 1…50") }
        guard (1...1000).contains(o.maxMegapixels) else {
            throw .usage("--max-megapixels \(o.maxMegapixels): expected 1…1000")
        }
        if let jobs = o.jobs, !(1...256).contains(jobs) { throw .usage("--jobs \(jobs): expected 1…256") }
        if let q = o.quality, !(CoverEncoder.lowestQuality...100).contains(q) {
            throw .usage("--quality \(q): expected \(CoverEncoder.lowestQuality)…100")
        }
    }

    static func nonEmpty(_ names: [String], _ flag: String) throws(MarqueeError) -> [String] {
        guard !names.isEmpty else { throw .usage("\(flag): give at least one name (see `marquee presets`)") }
        return names
    }

    /// Plugin names from a list where `none` means no plugin.
    static func names(_ list: [String]) -> [String] { list == ["none"] ? [] : list }

    static func target(_ spec: String, _ presets: PresetLibrary) throws(MarqueeError) -> CoverTarget {
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        let region = try presets.region(parts.first ?? spec)
        guard parts.count == 2 else { return CoverTarget(region: region, locale: region.locales[0], explicitLocale: false) }
        guard let locale = region.locales.first(where: { $0.code == parts[1] }) else {
            throw .usage("--regions \(spec): region `\(region.name)` has locales \(region.locales.map(\.code).joined(separator: ", "))")
        }
        return CoverTarget(region: region, locale: locale, explicitLocale: true)
    }

    static func format(_ given: String?, platforms: [PlatformPreset]) throws(MarqueeError) -> ImageFormat? {
        guard let given else { return nil }
        guard let f = ImageFormat(rawValue: given.lowercased()) else {
            throw .usage("--format \(given): expected \(ImageFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for p in platforms where !p.formats.contains(f.rawValue) {
            throw .usage("--format \(f.rawValue): platform `\(p.name)` accepts \(p.formats.joined(separator: ", "))")
        }
        return f
    }

    /// The output folder, made when missing; an existing file there, or a folder that cannot be made
    /// or written to, is a usage error.
    static func outputFolder(_ path: String) throws(MarqueeError) -> URL {
        guard !path.isEmpty else { throw .usage("--out: give the output folder") }
        let url = URL(fileURLWithPath: path)
        try OutputFolder.prepare(url)
        return url
    }
}

/// The `--param` values of a job, checked against their plugins, and the plugins looked up by name.
struct ResolvedPlugins {
    let registry: PluginRegistry
    let given: [String: PluginParameters]

    /// Every plugin named in a parameter must exist and take it, whether or not the job runs it.
    init(_ assignments: [String], registry: PluginRegistry) throws(MarqueeError) {
        self.registry = registry
        var given: [String: PluginParameters] = [:]
        for (name, values) in try ParameterAssignments.parse(assignments) {
            given[name] = try registry.plugin(named: name).metadata.resolve(values)
        }
        self.given = given
    }

    func uses<P: Sendable>(_ names: [String], as type: P.Type, kind: PluginKind) throws(MarqueeError) -> [CoverPluginUse<P>] {
        var out: [CoverPluginUse<P>] = []
        for name in names {
            let plugin = try registry.plugin(named: name, as: type, kind: kind)
            let parameters: PluginParameters
            if let p = given[name] { parameters = p } else { parameters = try registry.plugin(named: name).metadata.resolve([:]) }
            out.append(CoverPluginUse(plugin: plugin, parameters: parameters))
        }
        return out
    }
}
