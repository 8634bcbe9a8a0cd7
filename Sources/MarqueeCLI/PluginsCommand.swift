import ArgumentParser
import Foundation
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips

struct PluginsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List plugins, or show one plugin's parameters.",
        discussion: "External plugins are executables named marquee-plugin-NAME on PATH or MARQUEE_PLUGIN_PATH.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A plugin to describe.", completion: .custom { _, _, _ in
        ((try? BuiltinPlugins.registry())?.all.map(\.name)) ?? []
    })
    var name: String?

    @Option(help: ArgumentHelp("Only plugins of this kind.", valueName: "kind"),
            completion: .list(BuiltinPlugins.kinds.map(\.rawValue)))
    var kind: String?

    func validate() throws {
        if let kind, !BuiltinPlugins.kinds.contains(where: { $0.rawValue == kind }) {
            throw ValidationError("unknown kind `\(kind)`; kinds: \(BuiltinPlugins.kinds.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let startup = try Startup.load(global, requirePresets: false)
        startup.warnings.forEach(warn)
        if let name {
            let meta = try startup.registry.plugin(named: name).metadata
            if global.json {
                try printOutput(MachineOutput(kind: "plugin", inputs: OutputInputs(), payload: ["plugin": PluginDescription(meta)]))
            } else {
                print(PluginFormatter.detail(meta))
            }
            return
        }
        let list = startup.registry.all.filter { kind == nil || $0.kind.rawValue == kind }
        if global.json {
            let inputs = OutputInputs(settings: kind.map { ["kind": .string($0)] } ?? [:])
            try printOutput(MachineOutput(kind: "plugins", inputs: inputs, payload: ["plugins": list.map(PluginDescription.init)]))
        } else {
            print(PluginFormatter.table(list))
        }
    }
}

/// Plugin metadata in the JSON form `--json` prints (docs/schemas/plugins.schema.json).
struct PluginDescription: Encodable, Sendable {
    struct Param: Encodable, Sendable {
        let name, type, doc: String
        let `default`: ParameterValue
        let min, max: Double?
        let choices: [String]?
    }
    let name, kind, summary, origin: String
    let capabilities: [String]
    let parameters: [Param]

    init(_ m: PluginMetadata) {
        name = m.name; kind = m.kind.rawValue; summary = m.summary
        origin = PluginFormatter.origin(m)
        capabilities = m.capabilities.sorted().map(\.rawValue)
        parameters = m.parameters.map { p in
            var lo: Double?, hi: Double?, choices: [String]?
            switch p.type {
            case .number(let r): lo = r.lowerBound; hi = r.upperBound
            case .integer(let r): lo = Double(r.lowerBound); hi = Double(r.upperBound)
            case .choice(let c): choices = c
            default: break
            }
            return Param(name: p.name, type: p.type.name, doc: p.doc, default: p.defaultValue, min: lo, max: hi, choices: choices)
        }
    }
}

enum PluginFormatter {
    static func origin(_ m: PluginMetadata) -> String {
        switch m.origin {
        case .builtin(let module): "built-in (\(module))"
        case .external(let path): "external (\(path))"
        }
    }

    static func table(_ list: [PluginMetadata]) -> String {
        let w = max(4, list.map(\.name.count).max() ?? 4)
        let k = max(4, list.map(\.kind.rawValue.count).max() ?? 4)
        var lines = ["NAME".padding(toLength: w, withPad: " ", startingAt: 0) + "  " +
                     "KIND".padding(toLength: k, withPad: " ", startingAt: 0) + "  SUMMARY"]
        for m in list {
            lines.append(m.name.padding(toLength: w, withPad: " ", startingAt: 0) + "  " +
                         m.kind.rawValue.padding(toLength: k, withPad: " ", startingAt: 0) + "  " + m.summary +
                         (m.origin == .builtin(module: "Marquee") ? "" : "  [\(origin(m))]"))
        }
        lines.append("\n\(list.count) plugins. `marquee plugins NAME` shows one plugin's parameters.")
        return lines.joined(separator: "\n")
    }

    static func detail(_ m: PluginMetadata) -> String {
        var out = """
        \(m.name)
          kind     \(m.kind.rawValue): \(m.kind.summary)
          summary  \(m.summary)
          origin   \(origin(m))

        """
        if !m.capabilities.isEmpty {
            out = out.dropLast() + "\n  capabilities  \(m.capabilities.sorted().map(\.rawValue).joined(separator: ", "))\n\n"
        }
        if m.parameters.isEmpty { return out + "  (no parameters)" }
        out += "  parameters:\n"
        for p in m.parameters {
            out += "    \(p.name)  \(p.type.name), default \(p.defaultValue); \(p.type.description)\n"
            if !p.doc.isEmpty { out += "        \(p.doc)\n" }
        }
        out += "\n  set with: --param \(m.name).\(m.parameters[0].name)=\(m.parameters[0].defaultValue)"
        return out
    }
}
