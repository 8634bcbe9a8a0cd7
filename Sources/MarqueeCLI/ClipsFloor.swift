import ArgumentParser
import Foundation
import Support
import Clips

/// `marquee clips floor` (hidden, for scripts/bench-clips.sh): the physical floor of a vertical cut,
/// H.264 decode of the GOPs the clips need plus x264 encode of their frames, with the Media wrappers alone;
/// with `--smart`, what a smart cut must do beyond a stream copy (`ClipSeamFloor`).
struct ClipsFloor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "floor", abstract: "Benchmark: decode + encode floor of vertical clips (prints CPU and wall seconds).",
        shouldDisplay: false)

    @Argument(help: "The replay video.") var replay: String
    @Option(help: ArgumentHelp("Clips as START:DURATION seconds, comma-separated.", valueName: "list")) var clips: String
    @Option(help: "Output size.") var size = "720x1280"
    @Option(help: "x264 preset.") var preset = "veryfast"
    @Option(help: "x264 CRF.") var crf = 23.0
    @Flag(help: "Decode only (no scaling, no encoding).") var decodeOnly = false
    @Flag(help: "Smart cut beyond a stream copy: seam GOPs decoded, seam frames and the audio encoded.") var smart = false

    func run() throws {
        let wh = size.split(separator: "x").compactMap { Int($0) }
        let list = clips.split(separator: ",").map { $0.split(separator: ":").compactMap { Double($0) } }
        guard wh.count == 2, list.allSatisfy({ $0.count == 2 }) else {
            throw ValidationError("--size WxH and --clips START:DURATION,… expected")
        }
        let ranges = list.map { (start: $0[0], end: $0[0] + $0[1]) }
        let r = smart ? try ClipSeamFloor.measure(replay: replay, clips: ranges)
            : try ClipFloor.measure(replay: replay, clips: ranges, width: wh[0], height: wh[1],
                                      preset: preset, crf: crf, decodeOnly: decodeOnly)
        print(String(format: "cpu_s %.3f wall_s %.3f frames_decoded %d frames_encoded %d", r.cpu, r.wall, r.framesDecoded, r.framesEncoded))
    }
}
