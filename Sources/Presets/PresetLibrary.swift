import Support
import Foundation
import Yams

/// All presets in force: the built-in ones, with user folders layered on top (same name replaces).
public struct PresetLibrary: Sendable {
    public private(set) var platforms: [String: PlatformPreset] = [:]
    public private(set) var regions: [String: RegionPreset] = [:]
    public private(set) var categories: [String: CategoryPreset] = [:]
    public private(set) var encoders: [String: EncoderPreset] = [:]
    /// The file each preset came from, keyed `kind/name`.
    public private(set) var files: [String: String] = [:]
    /// The line of each category's `layouts` key, for errors about the plugins it names.
    private var layoutLines: [String: Int] = [:]

    public init() {}

    /// The preset kinds, by folder name.
    public static let kinds = ["categories", "platforms", "regions", "encoders"]

    /// Loads `dirs` in order; later folders override earlier ones. Returns every problem found, in
    /// every file, rather than stopping at the first.
    public static func load(_ dirs: [URL]) -> (PresetLibrary, [PresetIssue]) {
        var lib = PresetLibrary()
        var issues: [PresetIssue] = []
        for dir in dirs {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
                issues.append(PresetIssue(file: dir.path, line: 0, message: "preset folder not found"))
                continue
            }
            for kind in kinds {
                let sub = dir.appendingPathComponent(kind)
                let names = (try? FileManager.default.contentsOfDirectory(atPath: sub.path)) ?? []
                for file in names.sorted() where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
                    let url = sub.appendingPathComponent(file)
                    issues += lib.loadFile(url, kind: kind)
                }
            }
            let stray = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
                .filter { !$0.hasPrefix(".") && !kinds.contains($0) && !$0.hasSuffix(".md") }
            for s in stray.sorted() {
                let hint = closestMatch(s, in: kinds).map { "; did you mean `\($0)`?" } ?? ""
                issues.append(PresetIssue(file: dir.appendingPathComponent(s).path, line: 0,
                                          message: "not a preset folder (expected \(kinds.joined(separator: ", ")))\(hint)"))
            }
        }
        return (lib, issues)
    }

    /// Loads one preset file; returns every problem found in it (the preset is kept only without any).
    private mutating func loadFile(_ url: URL, kind: String) -> [PresetIssue] {
        let path = url.path
        do throws(MarqueeError) { try InputLimits.checkSize(path, what: "preset", limit: InputLimits.presetFileBytes) } catch {
            return [PresetIssue(file: path, line: 0, message: error.description)]
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            return [PresetIssue(file: path, line: 0, message: "cannot read the file as UTF-8 text")]
        }
        let stem = url.deletingPathExtension().lastPathComponent
        var issues: [PresetIssue] = []
        func load<T: Codable & SemanticallyValidated>(_ type: T.Type, _ name: KeyPath<T, String>) -> T? {
            do throws(PresetIssue) {
                let (value, found) = try decode(type, text, path, stem, name)
                issues = found
                return found.isEmpty ? value : nil
            } catch {
                issues = [error]
                return nil
            }
        }
        switch kind {
        case "platforms": if let p = load(PlatformPreset.self, \.name) { platforms[stem] = p }
        case "regions": if let r = load(RegionPreset.self, \.name) { regions[stem] = r }
        case "categories":
            if let c = load(CategoryPreset.self, \.name) { categories[stem] = c }
            layoutLines[stem] = text.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0.hasPrefix("layouts") }.map { $0 + 1 } ?? 1
        default: if let e = load(EncoderPreset.self, \.name) { encoders[stem] = e }
        }
        if issues.isEmpty { files["\(kind)/\(stem)"] = path }
        return issues
    }

    /// The preset in `text`, and every problem with it: unknown keys, a `name` unlike the file's,
    /// and each value out of range. Throws only when the file cannot be decoded at all.
    private func decode<T: Codable & SemanticallyValidated>(_ type: T.Type, _ text: String, _ path: String,
                                                             _ stem: String, _ name: KeyPath<T, String>) throws(PresetIssue) -> (T, [PresetIssue]) {
        var (value, node, issues) = try StrictYAML.decodeReportingUnknownKeys(T.self, yaml: text, file: path)
        if value[keyPath: name] != stem {
            issues.append(PresetIssue(file: path, line: StrictYAML.line(of: ["name"], in: node),
                                      message: "`name` is `\(value[keyPath: name])` but the file is \(stem).yaml; make them the same"))
        }
        for problem in value.problems() {
            issues.append(PresetIssue(file: path, line: StrictYAML.line(of: problem.path, in: node),
                                      message: "`\(StrictYAML.display(problem.path))`: \(problem.message)"))
        }
        return (value, issues.sorted { $0.line < $1.line })
    }

    /// Checks that every category names layout plugins that exist.
    public func checkLayouts(known: Set<String>) -> [PresetIssue] {
        categories.values.sorted { $0.name < $1.name }.flatMap { c in
            c.layouts.filter { !known.contains($0) }.map {
                PresetIssue(file: files["categories/\(c.name)"] ?? c.name, line: layoutLines[c.name] ?? 1,
                            message: "`layouts`: no cover-layout plugin named `\($0)`; see `marquee plugins`")
            }
        }
    }

    public func platform(_ name: String) throws(MarqueeError) -> PlatformPreset {
        try lookup(platforms, name, "platform")
    }
    public func region(_ name: String) throws(MarqueeError) -> RegionPreset { try lookup(regions, name, "region") }
    public func category(_ name: String) throws(MarqueeError) -> CategoryPreset { try lookup(categories, name, "category") }
    public func encoder(_ name: String) throws(MarqueeError) -> EncoderPreset { try lookup(encoders, name, "encoder") }

    private func lookup<T>(_ table: [String: T], _ name: String, _ what: String) throws(MarqueeError) -> T {
        if let v = table[name] { return v }
        let known = table.keys.sorted()
        let hint = closestMatch(name, in: known).map { "did you mean `\($0)`? " } ?? ""
        throw .usage("unknown \(what) `\(name)`; \(hint)known: \(known.joined(separator: ", "))")
    }
}
