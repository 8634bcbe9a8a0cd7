import Foundation
import Media
import Testing

/// The FFmpeg binding, checked against ffprobe (an independent reader) on a file FFmpeg makes here.
@Suite struct MediaProbeTests {
    @Test func probeAgreesWithFFprobe() throws {
        let dir = try TestSupport.tempDir("probe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("clip.mp4")
        try tool("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2",
                            "-f", "lavfi", "-i", "sine=f=440:d=2:sample_rate=48000", "-c:v", "libx264", "-c:a", "aac",
                            "-shortest", file.path])
        let info = try MediaProbe.probe(file.path)
        let json = try tool("ffprobe", ["-v", "error", "-show_streams", "-show_format", "-of", "json", file.path])
        let ref = try JSONSerialization.jsonObject(with: json) as! [String: Any]
        let streams = ref["streams"] as! [[String: Any]]
        let format = ref["format"] as! [String: Any]
        #expect(info.streams.count == streams.count)
        for (mine, theirs) in zip(info.streams, streams) {
            #expect(mine.type == theirs["codec_type"] as? String)
            #expect(mine.codec == theirs["codec_name"] as? String)
            if mine.type == "video" {
                #expect(mine.width == theirs["width"] as? Int && mine.height == theirs["height"] as? Int)
            } else {
                #expect(mine.sampleRate == Int(theirs["sample_rate"] as? String ?? ""))
                #expect(mine.channels == theirs["channels"] as? Int)
            }
        }
        let duration = Double(format["duration"] as? String ?? "") ?? -1
        #expect(abs(info.duration - duration) < 0.001)
    }

    @Test func unreadableFileGivesFFmpegsOwnMessageAndThePath() {
        do {
            _ = try MediaProbe.probe("/nonexistent/replay.mp4")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("/nonexistent/replay.mp4"))
            #expect(error.description.contains("No such file or directory"))
        }
    }

    @discardableResult
    func tool(_ name: String, _ args: [String]) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [name] + args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(name) failed; run `make setup` to install FFmpeg")
        return data
    }
}
