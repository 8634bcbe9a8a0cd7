import ArgumentParser
import Foundation
import Batch

/// Options of the commands that write an output folder: one run at a time owns a folder.
struct OutputFolderOptions: ParsableArguments {
    @Flag(name: .long, help: "When another Marquee run is writing the output folder, wait for it to finish instead of exiting with code 2.")
    var wait = false

    /// Claims `folder` for this run (held until the process exits); see `OutputFolderLock`.
    @discardableResult
    func claim(_ folder: URL, option: String = "--out") async throws -> OutputFolderLock {
        try await OutputFolderLock.claim(folder, option: option, wait: wait)
    }
}
