import ArgumentParser

struct ClipsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clips",
        abstract: "Cut a stream replay into short clips (frame-accurate, vertical, loudness-normalised), or suggest cues.",
        subcommands: [ClipsCut.self, ClipsDetect.self, ClipsFloor.self])
}
