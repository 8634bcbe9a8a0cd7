import ArgumentParser
import Foundation
import Support
import Batch

/// `marquee runs [DIR] [RUN]`: the run history of an output folder from its run catalog, or one run's items.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "Show the runs recorded in an output folder, or one run's items.",
        discussion: "Reads DIR/catalog.sqlite, which `covers compose` and `clips cut` write in their --out folder: "
            + "each run (command, when, items made, skipped and failed, wall time) and each item (status, files, seconds, message).")

    @Flag(name: .long, help: "Print machine-readable JSON on standard output.")
    var json = false

    @Argument(help: ArgumentHelp("An output folder of `covers compose` or `clips cut`.", valueName: "dir"), completion: .directory)
    var dir = "."

    @Argument(help: ArgumentHelp("A run id (from the list): show that run's items.", valueName: "run"))
    var runID: Int64?

    @Option(help: "Runs to list, newest first.")
    var limit = 20

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit \(limit): expected 1 or more") }
    }

    func run() async throws {
        let folder = URL(fileURLWithPath: dir)
        let catalog = try RunCatalog.existing(in: folder)
        let path = folder.appendingPathComponent(RunCatalog.defaultName).path
        let inputs = OutputInputs(catalog: path)
        guard let id = runID else {
            let history = RunsReport.History(total_runs: try catalog.runCount(), runs: try catalog.runs(limit: limit).map(RunsReport.Run.init))
            if json {
                try printOutput(MachineOutput(kind: "runs", inputs: inputs, payload: history))
            } else {
                print(RunsReport.table(history, catalog: path))
            }
            return
        }
        guard let info = try catalog.run(id) else {
            let ids = try catalog.runs(limit: Int.max).map(\.id)
            let known = ids.isEmpty ? "it has no runs yet" : "its runs are \(ids.min() ?? 0)…\(ids.max() ?? 0)"
            throw MarqueeError.usage("run \(id) is not in \(path); \(known) (`marquee runs \(dir)` lists them)")
        }
        let detail = RunsReport.Detail(run: RunsReport.Run(info), items: try catalog.items(run: id).map(RunsReport.Item.init))
        if json {
            try printOutput(MachineOutput(kind: "run", inputs: inputs, payload: detail))
        } else {
            print(RunsReport.detail(detail))
        }
    }
}
