import ArgumentParser
import Foundation
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips

struct PresetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract: "List the presets in force, or validate a preset folder.",
        subcommands: [List.self, Validate.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List categories, platforms, regions and encoders in force.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let s = try Startup.load(global)
            let p = s.presets
            let rows: [PresetRow] =
                p.categories.values.map { PresetRow(kind: "category", name: $0.name, file: p.files["categories/\($0.name)"] ?? "",
                                                    summary: "\($0.summary) (layouts: \($0.layouts.joined(separator: ", ")))") }
                + p.platforms.values.map { PresetRow(kind: "platform", name: $0.name, file: p.files["platforms/\($0.name)"] ?? "",
                                                     summary: "\($0.display_name): \($0.canvas.width)x\($0.canvas.height), feed \($0.feed_size.width) px wide" + ($0.max_file_kb.map { ", max \($0) kB" } ?? "")) }
                + p.regions.values.map { PresetRow(kind: "region", name: $0.name, file: p.files["regions/\($0.name)"] ?? "",
                                                   summary: "\($0.display_name): " + $0.locales.map { "\($0.code) (\($0.currency.code))" }.joined(separator: ", ")) }
                + p.encoders.values.map { PresetRow(kind: "encoder", name: $0.name, file: p.files["encoders/\($0.name)"] ?? "",
                                                    summary: $0.summary) }
            let order = ["category", "platform", "region", "encoder"]
            let sorted = rows.sorted { (order.firstIndex(of: $0.kind)!, $0.name) < (order.firstIndex(of: $1.kind)!, $1.name) }
            if global.json {
                let inputs = OutputInputs(presets: RunInputs.presets(global))
                try printOutput(MachineOutput(kind: "presets", inputs: inputs, payload: ["presets": sorted]))
                return
            }
            let w = max(4, sorted.map(\.name.count).max() ?? 4)
            print("KIND      " + "NAME".padding(toLength: w, withPad: " ", startingAt: 0) + "  SUMMARY")
            for r in sorted {
                print(r.kind.padding(toLength: 10, withPad: " ", startingAt: 0) + r.name.padding(toLength: w, withPad: " ", startingAt: 0) + "  " + r.summary)
            }
            print("\n\(sorted.count) presets from \(Startup.presetFolders(global).map(\.path).joined(separator: ", "))")
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a preset folder (default: the presets in force); exit 1 when a file has problems.")
        @OptionGroup var global: GlobalOptions

        @Argument(help: "A folder laid out like presets/ (categories/, platforms/, regions/, encoders/).",
                  completion: .directory)
        var dir: String?

        func run() async throws {
            let folders = dir.map { [URL(fileURLWithPath: $0)] } ?? Startup.presetFolders(global)
            let (lib, issues) = PresetLibrary.load(folders)
            let registry = try BuiltinPlugins.registry()
            let all = issues + lib.checkLayouts(known: Set(registry.names(of: .coverLayout)))
            let count = lib.categories.count + lib.platforms.count + lib.regions.count + lib.encoders.count
            if global.json {
                try printOutput(MachineOutput(kind: "presets-validation", inputs: OutputInputs(presets: folders.map(\.path)),
                                              payload: ValidationReport(checked: count, failures: all.map(ValidationReport.failure))))
            } else if all.isEmpty {
                print("ok: \(count) presets valid in \(folders.map(\.path).joined(separator: ", "))")
            } else {
                all.forEach { print($0) }
                print("\(all.count) problem\(all.count == 1 ? "" : "s") in \(folders.map(\.path).joined(separator: ", "))")
            }
            if !all.isEmpty { throw ExitCode(1) }
        }
    }
}

struct PresetRow: Encodable, Sendable { let kind, name, file, summary: String }

/// `presets validate --json`'s payload: how many presets were read and each problem as a failure.
struct ValidationReport: Encodable, Sendable {
    let checked: Int
    let failures: [OutputFailure]

    /// A problem with the preset it is in as the item (`platforms/tiktok`).
    static func failure(_ issue: PresetIssue) -> OutputFailure {
        let url = URL(fileURLWithPath: issue.file)
        let item = url.deletingLastPathComponent().lastPathComponent + "/" + url.deletingPathExtension().lastPathComponent
        return OutputFailure(item: item, file: issue.file, line: issue.line > 0 ? issue.line : nil, message: issue.message)
    }
}
