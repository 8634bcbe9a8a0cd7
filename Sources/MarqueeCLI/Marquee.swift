import ArgumentParser
import Foundation
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips
import Media
import OCR

@main
struct Marquee: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marquee",
        abstract: "Stream covers, replay clips and encoder ladders for live-commerce teams.",
        discussion: """
        Everything Marquee does runs as a batch of plugins driven by presets.
        Exit codes: 0 all good, 1 some items failed or failed their checks, 2 usage or configuration error.
        """,
        version: MarqueeTool.version,
        subcommands: [CoversCommand.self, ClipsCommand.self, QualityCommand.self, BenchCommand.self, RunsCommand.self,
                      PluginsCommand.self, PresetsCommand.self])

    /// Runs the command, mapping every usage or configuration error to exit code 2.
    static func main() async {
        LargeBufferAllocator.configure()
        MediaLog.configure(ProcessInfo.processInfo.environment["MARQUEE_FFMPEG_LOG"])
        RunCleanup.installHandlers()
        do {
            var command = try parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch let error as MarqueeError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(error.exitCode)
        } catch let error as NSError where [NSPOSIXErrorDomain, NSCocoaErrorDomain].contains(error.domain) {
            FileHandle.standardError.write(Data("error: \(describeSystemError(error))\n".utf8))
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code == .failure && error is ExitCode { exit(withError: error) }
            if code == .validationFailure || code == .failure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

extension MarqueeError {
    var exitCode: Int32 {
        switch self {
        case .usage: 2
        case .item, .input: 1
        }
    }
}
