import ArgumentParser
import Foundation
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips

/// Options every subcommand shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("presets"), help: ArgumentHelp(
        "A folder of presets that add to or override the built-in ones (repeatable; also MARQUEE_PRESETS, colon-separated).",
        valueName: "dir"))
    var presetDirs: [String] = []

    @Flag(name: .long, help: "Print machine-readable JSON on standard output.")
    var json = false
}

/// Everything a command needs at start: plugins (built-in and external) and presets, all validated.
struct Startup {
    let registry: PluginRegistry
    let presets: PresetLibrary
    let warnings: [String]

    /// Builds the registry and loads presets; any preset problem is a configuration error (exit 2).
    static func load(_ options: GlobalOptions, requirePresets: Bool = true) throws -> Startup {
        var registry = try BuiltinPlugins.registry()
        let warnings = registry.discoverExternal(in: PluginRegistry.externalSearchPath(),
                                                  adapters: BuiltinPlugins.externalAdapters)
        let (presets, issues) = PresetLibrary.load(presetFolders(options))
        let all = issues + presets.checkLayouts(known: Set(registry.names(of: .coverLayout)))
        if requirePresets, !all.isEmpty {
            throw MarqueeError.usage("presets are invalid:\n" + all.map { "  \($0)" }.joined(separator: "\n"))
        }
        return Startup(registry: registry, presets: presets, warnings: warnings)
    }

    /// Built-in presets first, then MARQUEE_PRESETS, then `--presets` folders.
    static func presetFolders(_ options: GlobalOptions) -> [URL] {
        let env = (ProcessInfo.processInfo.environment["MARQUEE_PRESETS"] ?? "").split(separator: ":").map(String.init)
        return [builtinPresets] + (env + options.presetDirs).map { URL(fileURLWithPath: $0) }
    }

    /// The `presets/` folder shipped with Marquee: `MARQUEE_HOME/presets`, else the nearest `presets/`
    /// above the executable (a build tree), else the source tree this binary was built from.
    static var builtinPresets: URL {
        let fm = FileManager.default
        if let home = ProcessInfo.processInfo.environment["MARQUEE_HOME"] {
            return URL(fileURLWithPath: home).appendingPathComponent("presets")
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("presets/platforms")
            if fm.fileExists(atPath: candidate.path) { return dir.appendingPathComponent("presets") }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("presets")
    }
}

/// Prints a machine output (`--json`) on standard output.
func printOutput<Payload: Encodable>(_ document: MachineOutput<Payload>) throws {
    FileHandle.standardOutput.write(try document.encoded())
}

func warn(_ message: String) {
    FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
}
