/// What made a machine output: the files read, the presets and plugins in force and the settings
/// given (docs/output-format.md, `inputs`). File paths are as the user gave them.
public struct OutputInputs: Codable, Sendable, Hashable {
    /// The product manifest (`covers compose`).
    public var manifest: String?
    /// The replay video (`clips cut`, `clips detect`).
    public var replay: String?
    /// The cue sheet (`clips cut`).
    public var cues: String?
    /// The captions file (`clips cut --captions`).
    public var captions: String?
    /// The run catalog read (`runs`).
    public var catalog: String?
    /// The reference and distorted videos (`quality`), the source video (`bench`).
    public var reference: String?
    public var distorted: String?
    public var source: String?
    /// Platform and region presets asked for, by name (`tiktok`; `sea:vi` keeps its locale).
    public var platforms: [String]?
    public var regions: [String]?
    /// Preset folders in force, built-in first, later folders overriding earlier ones.
    public var presets: [String]
    /// Plugins that took part, with the parameters they ran with.
    public var plugins: [PluginUse]
    /// Every other option, by snake_case name with its unit (`min_length_s`, `loudness_lufs`).
    public var settings: [String: OutputValue]

    public init(manifest: String? = nil, replay: String? = nil, cues: String? = nil, captions: String? = nil,
                catalog: String? = nil, reference: String? = nil, distorted: String? = nil, source: String? = nil,
                platforms: [String]? = nil, regions: [String]? = nil, presets: [String] = [],
                plugins: [PluginUse] = [], settings: [String: OutputValue] = [:]) {
        self.manifest = manifest; self.replay = replay; self.cues = cues; self.captions = captions; self.catalog = catalog
        self.reference = reference; self.distorted = distorted; self.source = source
        self.platforms = platforms; self.regions = regions; self.presets = presets; self.plugins = plugins
        self.settings = settings
    }
}

/// A plugin that took part in making an output.
public struct PluginUse: Codable, Sendable, Hashable {
    public var name: String
    /// Its kind: `cover-layout`, `cover-check`, `clip-stage`, …
    public var kind: String
    /// `built-in`, or `external` with the executable's `path`.
    public var origin: String
    public var path: String?
    /// The parameters it ran with, defaults filled in.
    public var parameters: [String: OutputValue]

    public init(name: String, kind: String, origin: String, path: String? = nil, parameters: [String: OutputValue] = [:]) {
        self.name = name; self.kind = kind; self.origin = origin; self.path = path; self.parameters = parameters
    }
}
