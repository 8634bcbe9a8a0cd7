import Foundation
import H264
import Media
import Testing

/// `LengthPrefixed.referenceIDC` (which pictures a decoder may skip) against FFmpeg's own bitstream
/// parser: `trace_headers` prints every NAL unit's `nal_ref_idc` and type, packet by packet.
@Suite struct H264ReferenceTests {
    /// Per packet, the largest `nal_ref_idc` of its slices as `trace_headers` reads them.
    static func traced(_ url: URL) throws -> [Int] {
        let out = try ClipFixtures.run(ClipFixtures.ffmpegPath, ["-hide_banner", "-nostdin", "-v", "info", "-i", url.path,
                                                               "-map", "0:v:0", "-c", "copy", "-bsf:v", "trace_headers", "-f", "null", "-"])
        var packets: [Int] = []
        var ref = 0
        for line in out.stderr.split(separator: "\n") where line.contains("[trace_headers") {
            let value = Int(line.split(separator: " ").last ?? "") ?? -1
            if line.contains("Packet:") { packets.append(-1) }
            else if line.contains("nal_ref_idc") { ref = value }
            else if line.contains("nal_unit_type"), (1...5).contains(value), !packets.isEmpty {
                packets[packets.count - 1] = max(packets[packets.count - 1], ref)
            }
        }
        return packets
    }

    @Test func referenceIDCOfEachPacketMatchesFFmpegsTrace() throws {
        let dir = try TestSupport.tempDir("h264-ref")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("b.mp4")
        // B-pyramid: the middle B-frame of each run is a reference, the others are not.
        try ClipFixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=2", "-c:v", "libx264", "-preset", "veryfast",
                                 "-bf", "3", "-x264-params", "b-pyramid=normal", "-g", "30", "-pix_fmt", "yuv420p", url.path])
        let expected = try Self.traced(url)
        let demuxer = try Demuxer(path: url.path)
        let video = try #require(demuxer.bestStream("video"))
        let config = try AVCDecoderConfig(extradata: video.extradata)
        let packet = try Packet()
        var mine: [Int] = []
        while try demuxer.read(into: packet) {
            guard packet.streamIndex == video.index else { continue }
            mine.append(LengthPrefixed.referenceIDC(ofSlicesIn: packet.bytes, lengthSize: config.nalLengthSize) ?? -1)
        }
        let disposable = mine.filter { $0 == 0 }.count
        print("H.264 reference pictures: \(mine.count) packets, \(disposable) with nal_ref_idc 0")
        #expect(mine == expected)
        #expect(mine.count == 60 && disposable > 10 && disposable < 50, "\(disposable) of \(mine.count) disposable")
        // A broken length is "unsure", never "disposable".
        #expect(LengthPrefixed.referenceIDC(ofSlicesIn: [0, 0, 0, 9, 0x01, 0x00], lengthSize: 4) == nil)
        #expect(LengthPrefixed.referenceIDC(ofSlicesIn: [0, 0, 0, 2, 0x06, 0x05], lengthSize: 4) == nil, "SEI only: no slice")
    }
}
