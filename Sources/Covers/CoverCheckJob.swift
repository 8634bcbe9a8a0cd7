import Foundation
import Support
import PluginKit
import Presets
import Imaging

/// The options of `covers check`, as given.
public struct CoverCheckOptions: Sendable {
    /// Image files and folders (a folder's images are checked; its covers.json is used as layers).
    public var paths: [String]
    public var platform: String?
    /// A covers.json, or `none` to detect the text of every cover (no folder's covers.json is used either).
    public var layers: String?
    /// BCP 47 locale of covers without layer data, for the OCR language (default: the region's
    /// locales, else English and then the other scripts installed; see `TextDetection.locales`).
    public var locale: String?
    public var region: String?
    public var checks: [String]
    public var parameters: [String]
    public var out: String?
    public var jobs: Int

    public init(paths: [String], platform: String?, layers: String?, locale: String?, region: String?, checks: [String],
                parameters: [String], out: String?, jobs: Int) {
        self.paths = paths; self.platform = platform; self.layers = layers; self.locale = locale; self.region = region
        self.checks = checks; self.parameters = parameters; self.out = out; self.jobs = jobs
    }
}

/// One image to check: its path, its covers.json record when there is one, and its platform (or why not).
public struct CoverToCheck: Sendable {
    public let path: String
    public let record: CoverRecord?
    /// The covers.json that applies to this image (whether or not it lists it).
    public var layersFile: String?
    public let platform: Result<PlatformPreset, MarqueeError>
    public var name: String { (path as NSString).lastPathComponent }
}

/// A validated `covers check` job: every option and file list checked before any cover is.
/// Problems of one cover (unreadable, truncated, not matching its layer data, an unknown platform
/// in covers.json) are left to that cover; the rest are still checked.
public struct CoverCheckJob: Sendable {
    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "webp", "gif", "tif", "tiff", "heic", "avif"]
    public let options: CoverCheckOptions
    public let covers: [CoverToCheck]
    public let checks: [CoverPluginUse<any CoverCheck>]
    /// The covers.json files used, given or found beside the images.
    public let layersFiles: [String]
    /// Those found beside the images without `--layers` (the command says it uses them).
    public let foundLayers: [String]
    /// The locales OCR reads covers without layer data with, in the order tried.
    public let ocrLocales: [String]
    /// Every region's LIVE badge word (`labels.live`): a detected line that reads as one is a badge.
    public let liveLabels: [String]
    public let outDir: URL?

    public var layersFile: String? { layersFiles.isEmpty ? nil : layersFiles.joined(separator: ", ") }

    public init(_ o: CoverCheckOptions, presets: PresetLibrary, registry: PluginRegistry) throws(MarqueeError) {
        guard o.jobs >= 1 else { throw .usage("--jobs \(o.jobs): expected 1 or more") }
        options = o
        let given = try o.platform.map { name throws(MarqueeError) in try presets.platform(name) }
        let images = try Self.images(o.paths)
        let layers = try CoverLayerFiles(o.layers, images: images)
        (layersFiles, foundLayers) = (layers.files, layers.found)
        guard given != nil || layers.any else {
            throw .usage("--platform: give the platform the covers are for (see `marquee presets`), or --layers with their covers.json")
        }
        covers = images.map { path in
            let (record, file) = layers.record(for: path)
            var cover = CoverToCheck(path: path, record: record, platform: Self.platform(given, record: record, presets: presets))
            cover.layersFile = file
            return cover
        }
        let region = try o.locale == nil ? o.region.map { name throws(MarqueeError) in try presets.region(name) } : nil
        ocrLocales = TextDetection.locales(given: o.locale, region: region)
        liveLabels = Set(presets.regions.values.flatMap { $0.locales.compactMap { $0.labels["live"] } }).sorted()
        let plugins = try ResolvedPlugins(o.parameters, registry: registry)
        checks = try plugins.uses(CoverJob.names(o.checks), as: (any CoverCheck).self, kind: .coverCheck)
        outDir = try o.out.map { path throws(MarqueeError) in try CoverJob.outputFolder(path) }
    }

    static func platform(_ given: PlatformPreset?, record: CoverRecord?, presets: PresetLibrary) -> Result<PlatformPreset, MarqueeError> {
        guard let record else { return given.map { .success($0) } ?? .failure(.item("no --platform and no covers.json record")) }
        if let given, given.name != record.platform {
            return .failure(.item("covers.json made it for platform `\(record.platform)`, not `\(given.name)`; check it with --platform \(record.platform)"))
        }
        do { return .success(try presets.platform(record.platform)) } catch { return .failure(.item("covers.json: \(error.description)")) }
    }

    /// The images of the paths given, folders expanded (sorted).
    static func images(_ paths: [String]) throws(MarqueeError) -> [String] {
        guard !paths.isEmpty else { throw .usage("give the cover images to check, or a folder of them") }
        var out: [String] = []
        let fm = FileManager.default
        for p in paths {
            var dir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &dir), dir.boolValue else { out.append(p); continue }
            let names = (try? fm.contentsOfDirectory(atPath: p)) ?? []
            let found = names.filter { imageExtensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
            guard !found.isEmpty else { throw .usage("\(p): no images (\(imageExtensions.sorted().joined(separator: ", "))) in this folder") }
            out += found.map { (p as NSString).appendingPathComponent($0) }
        }
        return out
    }
}
