import Foundation
import OracleSupport
@testable import H264
import Testing

/// The pure-Swift H.264 helpers of the smart cut (Sources/Media/H264), checked against FFmpeg on streams
/// libx264 makes here: ffprobe for derived values, the `trace_headers` bitstream filter for every syntax
/// element, FFmpeg's own MP4 samples and Annex B conversion, and FFmpeg's decoder for the merged parameter sets.
@Suite struct H264BitstreamTests {
    /// One libx264 configuration whose SPS is compared with FFmpeg's reading of it.
    struct EncodeCase: CustomTestStringConvertible, Sendable {
        let name: String
        let size: String
        let args: [String]
        var testDescription: String { name }
    }

    static let spsCases: [EncodeCase] = [
        EncodeCase(name: "constrained baseline", size: "320x240", args: ["-profile:v", "baseline", "-pix_fmt", "yuv420p"]),
        EncodeCase(name: "main with NAL HRD and pic_struct", size: "320x240",
                   args: ["-profile:v", "main", "-pix_fmt", "yuv420p",
                          "-x264-params", "nal-hrd=vbr:vbv-maxrate=600:vbv-bufsize=1200:pic-struct=1"]),
        EncodeCase(name: "high level 3.1 with B-frames", size: "320x240",
                   args: ["-profile:v", "high", "-level", "3.1", "-pix_fmt", "yuv420p", "-bf", "2", "-g", "25"]),
        EncodeCase(name: "high 4:2:2", size: "320x240", args: ["-profile:v", "high422", "-pix_fmt", "yuv422p"]),
        EncodeCase(name: "4:4:4 322x242 cropped, SAR 5:3, full range", size: "322x242",
                   args: ["-pix_fmt", "yuv444p", "-vf", "setsar=5/3", "-color_range", "pc", "-color_primaries", "bt709",
                          "-color_trc", "bt709", "-colorspace", "bt709"]),
        EncodeCase(name: "interlaced MBAFF 320x236 cropped", size: "320x236",
                   args: ["-profile:v", "high", "-pix_fmt", "yuv420p", "-x264-params", "tff=1"]),
    ]

    // MARK: 1. SPS and avcC against ffprobe and trace_headers

    @Test(arguments: spsCases)
    func spsAndAvcCAgreeWithFFmpeg(_ c: EncodeCase) throws {
        try checkAgainstFFmpeg(c)
    }

    @Test(.enabled(if: H264Fixture.x264Supports10Bit, "this libx264 cannot encode yuv420p10le"))
    func tenBitSPSAgreesWithFFmpeg() throws {
        try checkAgainstFFmpeg(EncodeCase(name: "high 10", size: "320x240", args: ["-profile:v", "high10", "-pix_fmt", "yuv420p10le"]))
    }

    func checkAgainstFFmpeg(_ c: EncodeCase) throws {
        let dir = try TestSupport.tempDir("h264-sps")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try H264Fixture.encode(in: dir, name: "clip.mp4", size: c.size, seconds: 0.4, args: c.args)
        let mp4 = try H264Fixture.bytes(file)
        let record = try #require(H264Fixture.avcC(inMP4: mp4), "no avcC box in \(c.name)")
        let stream = try H264Fixture.videoStream(file, showData: true)

        // The box walker and ffprobe's extradata are the same bytes, and serializing gives them back.
        #expect(record == H264Fixture.hexDump(stream["extradata"] as? String ?? ""))
        let config = try AVCDecoderConfig(parsing: record)
        #expect(try config.serialized() == record)
        #expect(config.nalLengthSize == Int(stream["nal_length_size"] as? String ?? ""))
        #expect(config.sequenceParameterSets.count == 1 && config.pictureParameterSets.count == 1)

        let sps = try SequenceParameterSet(config.sequenceParameterSets[0])
        let pps = try PictureParameterSet(config.pictureParameterSets[0])
        #expect(config.profileIndication == sps.profileIDC && config.profileCompatibility == sps.constraintFlags
                && config.levelIndication == sps.levelIDC)
        if AVCDecoderConfig.carriesHighProfileExtension(profile: sps.profileIDC) {
            let ext = try #require(config.highProfileExtension, "FFmpeg writes the extension for profile \(sps.profileIDC)")
            #expect(ext.chromaFormat == sps.chromaFormatIDC && ext.bitDepthLuma == sps.bitDepthLuma
                    && ext.bitDepthChroma == sps.bitDepthChroma)
        } else {
            #expect(config.highProfileExtension == nil)
        }

        // Derived values against ffprobe.
        #expect(sps.profileName == stream["profile"] as? String)
        #expect(Int(sps.levelIDC) == stream["level"] as? Int)
        #expect(sps.width == stream["width"] as? Int)
        #expect(sps.height == stream["height"] as? Int)
        let fullRange8Bit = sps.vui?.videoFullRange == true && sps.bitDepthLuma == 8 && sps.chromaFormatIDC > 0
        let expectedPixFmt = fullRange8Bit ? sps.pixelFormatName.replacingOccurrences(of: "yuv", with: "yuvj") : sps.pixelFormatName
        #expect(expectedPixFmt == stream["pix_fmt"] as? String)
        if let reorder = sps.maxNumReorderFrames {
            #expect(reorder == stream["has_b_frames"] as? Int)
        }
        if let rate = sps.vui?.timing?.frameRate {
            #expect(abs(rate - H264Fixture.rational(stream["r_frame_rate"] as? String)) < 1e-9)
        }
        if let sar = sps.vui?.sampleAspectRatio {
            let g = H264Fixture.gcd(sar.width, sar.height)
            #expect("\(sar.width / g):\(sar.height / g)" == stream["sample_aspect_ratio"] as? String)
        }
        if sps.vui?.videoFormat != nil {
            #expect((sps.vui?.videoFullRange == true ? "pc" : "tv") == stream["color_range"] as? String)
        }

        // Every syntax element against trace_headers.
        let trace = try H264Fixture.trace(file)
        let traced = try #require(trace.sps.first, "trace_headers printed no SPS")
        let mine = H264Fixture.syntaxElements(of: sps)
        for name in H264Fixture.spsElementNames {
            #expect(mine[name] == traced[name], "\(c.name): \(name)")
        }
        let tracedPPS = try #require(trace.pps.first)
        #expect(pps.id == tracedPPS["pic_parameter_set_id"] && pps.spsID == tracedPPS["seq_parameter_set_id"])
        #expect((pps.usesCABAC ? 1 : 0) == tracedPPS["entropy_coding_mode_flag"])
    }

    /// libx264 puts its quantisation matrices in the PPS, so the SPS scaling lists (§7.3.2.1.1.1) are checked on
    /// an SPS rewritten here: libx264's, with eight explicit lists inserted where `seq_scaling_matrix_present_flag`
    /// was, two of them ending early (a next scale of 0). FFmpeg must read every later element as this parser does.
    @Test func spsScalingListsAreSkippedAsFFmpegReadsThem() throws {
        let dir = try TestSupport.tempDir("h264-scaling")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try H264Fixture.encode(in: dir, name: "clip.mp4", size: "320x240", seconds: 0.2,
                                          args: ["-profile:v", "high", "-pix_fmt", "yuv420p"])
        let mp4 = try H264Fixture.bytes(file)
        let config = try AVCDecoderConfig(parsing: try #require(H264Fixture.avcC(inMP4: mp4)))
        let original = try SequenceParameterSet(config.sequenceParameterSets[0])
        let offset = try #require(H264Fixture.trace(file).spsBitOffsets.first?["seq_scaling_matrix_present_flag"])

        var rng = XorShift(seed: 42)
        var lists = "1"
        for i in 0..<8 {
            lists += "1"
            var last = 8
            for j in 0..<(i < 6 ? 16 : 64) {
                let endEarly = (i == 3 || i == 7) && j == 5
                let next = endEarly ? 0 : Int(rng.next() % 255) + 1
                var delta = (next - last + 256) % 256
                if delta > 127 { delta -= 256 }
                lists += BitString.se(delta)
                if endEarly { break }
                last = next
            }
        }
        let rbsp = BitString(BitReader.removingEmulationPrevention(config.sequenceParameterSets[0].bytes))
        let crafted = try NALUnit(rbsp.replacingBit(at: offset, with: lists).withEmulationPrevention())

        let parsed = try SequenceParameterSet(crafted)
        #expect(parsed.scalingMatrixPresent && !original.scalingMatrixPresent)
        #expect(parsed.width == original.width && parsed.maxNumReorderFrames == original.maxNumReorderFrames)
        #expect(parsed.vui == original.vui)

        let firstSample = try LengthPrefixed.split(H264Fixture.samples(file, in: mp4)[0], lengthSize: config.nalLengthSize)
        let stream = dir.appendingPathComponent("crafted.h264")
        try Data(AnnexB.join([crafted] + config.pictureParameterSets + firstSample)).write(to: stream)
        let traced = try #require(H264Fixture.trace(stream, format: "h264").sps.first)
        #expect(traced["seq_scaling_matrix_present_flag"] == 1)
        let mine = H264Fixture.syntaxElements(of: parsed)
        for name in H264Fixture.spsElementNames {
            #expect(mine[name] == traced[name], "\(name)")
        }
    }

    // MARK: 2. Annex B ⇄ length-prefixed against FFmpeg's own conversion

    /// FFmpeg's `h264_mp4toannexb` output, converted back with SPS/PPS dropped, is exactly the MP4's samples;
    /// Annex B splitting and joining with the recorded start code lengths gives the stream back byte for byte;
    /// with every start code 4 bytes long it differs only by one zero byte per 3-byte start code and decodes
    /// to the same frames.
    @Test func annexBAndLengthPrefixedRoundTripMatchesFFmpeg() throws {
        let dir = try TestSupport.tempDir("h264-annexb")
        defer { try? FileManager.default.removeItem(at: dir) }
        let mp4URL = try H264Fixture.encode(in: dir, name: "src.mp4", size: "320x240", seconds: 2,
                                            args: ["-profile:v", "high", "-pix_fmt", "yuv420p", "-bf", "2", "-g", "25"])
        let annexBURL = dir.appendingPathComponent("src.h264")
        try H264Fixture.ffmpeg(["-i", mp4URL.path, "-c", "copy", "-bsf:v", "h264_mp4toannexb", "-f", "h264", annexBURL.path])
        let mp4 = try H264Fixture.bytes(mp4URL)
        let annexB = try H264Fixture.bytes(annexBURL)
        let config = try AVCDecoderConfig(parsing: try #require(H264Fixture.avcC(inMP4: mp4)))
        let samples = try H264Fixture.samples(mp4URL, in: mp4)
        #expect(samples.count == 50)

        // Annex B → length-prefixed, parameter sets dropped: FFmpeg's samples, byte for byte.
        let converted = try AnnexB.toLengthPrefixed(annexB, lengthSize: config.nalLengthSize)
        #expect(converted == Array(samples.joined()))
        let inBand = try AnnexB.split(annexB)
        #expect(inBand.contains(type: .sequenceParameterSet) && inBand.contains(type: .pictureParameterSet))

        // Exact round trip with the start code lengths kept.
        let units = try AnnexB.units(in: annexB)
        #expect(AnnexB.join(units) == annexB)
        let threeByte = units.filter { $0.startCodeLength == 3 }.count
        #expect(threeByte > 0 && units.contains { $0.startCodeLength == 4 }, "FFmpeg's stream has both start code lengths")

        // Normalized to 4-byte start codes: one more byte per 3-byte start code, same units, same decoded frames.
        let normalized = AnnexB.join(units.map(\.nal), startCodeLength: 4)
        #expect(normalized.count == annexB.count + threeByte)
        #expect(try AnnexB.split(normalized) == units.map(\.nal))
        let normalizedURL = dir.appendingPathComponent("normalized.h264")
        try Data(normalized).write(to: normalizedURL)
        #expect(try H264Fixture.frameHashes(normalizedURL) == H264Fixture.frameHashes(annexBURL))

        // Each sample: length-prefixed → Annex B → length-prefixed is the identity, with 4- and 2-byte lengths.
        for sample in samples {
            let annexBSample = try LengthPrefixed.toAnnexB(sample, lengthSize: config.nalLengthSize)
            #expect(try AnnexB.toLengthPrefixed(annexBSample, lengthSize: config.nalLengthSize, dropping: []) == sample)
            let nals = try LengthPrefixed.split(sample, lengthSize: config.nalLengthSize)
            let twoByte = try LengthPrefixed.join(nals, lengthSize: 2)
            #expect(twoByte.count == sample.count - 2 * nals.count)
            #expect(try LengthPrefixed.split(twoByte, lengthSize: 2) == nals)
        }
    }

    // MARK: 3. IDR detection against trace_headers

    @Test(arguments: [false, true])
    func keyframesAreIDROnlyInClosedGOPs(openGOP: Bool) throws {
        let dir = try TestSupport.tempDir("h264-idr")
        defer { try? FileManager.default.removeItem(at: dir) }
        let params = openGOP ? "open_gop=1:keyint=25:bframes=2:scenecut=0" : "keyint=25:open_gop=0:scenecut=0"
        let file = try H264Fixture.encode(in: dir, name: "gop.mp4", size: "320x240", seconds: 2,
                                          args: ["-pix_fmt", "yuv420p", "-x264-params", params])
        let mp4 = try H264Fixture.bytes(file)
        let lengthSize = try AVCDecoderConfig(parsing: try #require(H264Fixture.avcC(inMP4: mp4))).nalLengthSize
        let samples = try H264Fixture.samples(file, in: mp4)
        let keyFlags = try H264Fixture.packets(file).map(\.key)
        let trace = try H264Fixture.trace(file)
        #expect(trace.packets.count == samples.count && keyFlags.count == samples.count)

        var keyIDR = 0, keyNonIDRIntra = 0
        for (i, sample) in samples.enumerated() {
            let nals = try LengthPrefixed.split(sample, lengthSize: lengthSize)
            let slices = try nals.filter(\.type.isVCL).map(SliceHeader.init)
            // NAL types and raw slice_type values as FFmpeg reads them.
            #expect(nals.types.map { Int($0.rawValue) } == trace.packets[i].nalTypes, "packet \(i)")
            #expect(slices.map { $0.sliceType.rawValue + ($0.allSlicesOfPictureSameType ? 5 : 0) } == trace.packets[i].sliceTypes,
                    "packet \(i)")
            #expect(keyFlags[i] == trace.packets[i].key)
            if keyFlags[i] {
                if nals.containsIDRSlice { keyIDR += 1 } else if slices.allSatisfy(\.isIntra) { keyNonIDRIntra += 1 }
            } else {
                #expect(!nals.containsIDRSlice, "packet \(i) is IDR but not flagged as a keyframe")
            }
        }
        let firstPacket = try LengthPrefixed.split(samples[0], lengthSize: lengthSize)
        #expect(keyFlags.first == true && firstPacket.containsIDRSlice)
        if openGOP {
            #expect(keyIDR == 1 && keyNonIDRIntra == 1, "open GOP: an IDR, then a recovery-point I frame that is not IDR")
        } else {
            #expect(keyIDR == 2 && keyNonIDRIntra == 0, "closed GOP: every keyframe is IDR")
        }
    }

    // MARK: 4. Merging avcC records

    /// The source (ids 0) and a re-encode with `sps-id=1` merged into one record; FFmpeg decodes an Annex B
    /// stream of the merged parameter sets, then B's frames, then A's, without an error and to the very frames
    /// each stream decodes to alone. Without B's parameter sets the same frames fail (the check can fail).
    @Test func mergedParameterSetsDecodeBothStreams() throws {
        let dir = try TestSupport.tempDir("h264-merge")
        defer { try? FileManager.default.removeItem(at: dir) }
        let common = ["-profile:v", "high", "-pix_fmt", "yuv420p", "-bf", "2", "-g", "12"]
        let aURL = try H264Fixture.encode(in: dir, name: "a.mp4", size: "320x240", seconds: 1, args: common)
        let bURL = try H264Fixture.encode(in: dir, name: "b.mp4", size: "320x240", seconds: 1, source: "testsrc",
                                          args: common + ["-x264-params", "sps-id=1"])
        let (aBytes, bBytes) = (try H264Fixture.bytes(aURL), try H264Fixture.bytes(bURL))
        let a = try AVCDecoderConfig(parsing: try #require(H264Fixture.avcC(inMP4: aBytes)))
        let b = try AVCDecoderConfig(parsing: try #require(H264Fixture.avcC(inMP4: bBytes)))
        #expect(try SequenceParameterSet(a.sequenceParameterSets[0]).id == 0)
        #expect(try PictureParameterSet(a.pictureParameterSets[0]).id == 0)
        let bSPS = try SequenceParameterSet(b.sequenceParameterSets[0]), bPPS = try PictureParameterSet(b.pictureParameterSets[0])
        #expect(bSPS.id == 1 && bPPS.id == 1 && bPPS.spsID == 1)
        let bTrace = try H264Fixture.trace(bURL)
        #expect(bTrace.sps.first?["seq_parameter_set_id"] == 1 && bTrace.pps.first?["pic_parameter_set_id"] == 1)

        let merged = try a.merging(b)
        let bytes = try merged.serialized()
        let reread = try AVCDecoderConfig(parsing: bytes)
        #expect(reread == merged)
        #expect(reread.profileIndication == a.profileIndication && reread.profileCompatibility == a.profileCompatibility
                && reread.levelIndication == a.levelIndication && reread.nalLengthSize == a.nalLengthSize)
        #expect(reread.sequenceParameterSets == a.sequenceParameterSets + b.sequenceParameterSets)
        #expect(reread.pictureParameterSets == a.pictureParameterSets + b.pictureParameterSets)
        #expect(reread.highProfileExtension?.chromaFormat == 1 && reread.highProfileExtension?.bitDepthLuma == 8)
        #expect(bytes[5] & 0x1F == 2 && bytes[0] == 1)
        // A source record written without the high-profile fields gets them from its SPS.
        var withoutExtension = a
        withoutExtension.highProfileExtension = nil
        #expect(try withoutExtension.merging(b).highProfileExtension
                == AVCDecoderConfig.HighProfileExtension(chromaFormat: 1, bitDepthLuma: 8, bitDepthChroma: 8))

        // B's frames, then A's, after the merged parameter sets.
        let aSamples = try H264Fixture.samples(aURL, in: aBytes), bSamples = try H264Fixture.samples(bURL, in: bBytes)
        var frames: [UInt8] = []
        for sample in bSamples { frames += try LengthPrefixed.toAnnexB(sample, lengthSize: b.nalLengthSize) }
        for sample in aSamples { frames += try LengthPrefixed.toAnnexB(sample, lengthSize: a.nalLengthSize) }
        let joined = dir.appendingPathComponent("joined.h264")
        try Data(reread.annexBParameterSets + frames).write(to: joined)
        let decode = try H264Fixture.run("ffmpeg", ["-v", "error", "-i", joined.path, "-f", "null", "-"])
        #expect(decode.status == 0 && decode.err.isEmpty, "ffmpeg: \(decode.err)")
        let count = try H264Fixture.run("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0",
                                                    "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", joined.path])
        #expect(Int(String(decoding: count.out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) == aSamples.count + bSamples.count)
        #expect(try H264Fixture.frameHashes(joined) == H264Fixture.frameHashes(bURL) + H264Fixture.frameHashes(aURL))

        // Control: the source's parameter sets alone cannot decode B's frames.
        let broken = dir.appendingPathComponent("broken.h264")
        try Data(a.annexBParameterSets + frames).write(to: broken)
        let failing = try H264Fixture.run("ffmpeg", ["-v", "error", "-i", broken.path, "-f", "null", "-"])
        #expect(!failing.err.isEmpty, "decoding B's frames without its PPS should fail")
    }

    @Test func mergeRefusesCollidingIDsAndIncompatibleStreams() throws {
        let dir = try TestSupport.tempDir("h264-collide")
        defer { try? FileManager.default.removeItem(at: dir) }
        func record(_ name: String, size: String = "320x240", _ args: [String]) throws -> AVCDecoderConfig {
            let url = try H264Fixture.encode(in: dir, name: name, size: size, seconds: 0.2, args: args)
            return try AVCDecoderConfig(parsing: try #require(H264Fixture.avcC(inMP4: try H264Fixture.bytes(url))))
        }
        let source = try record("src.mp4", ["-profile:v", "high", "-pix_fmt", "yuv420p"])
        let sameIDs = try record("same-ids.mp4", ["-profile:v", "high", "-pix_fmt", "yuv420p", "-x264-params", "bframes=0:weightp=0"])
        let chroma422 = try record("422.mp4", ["-profile:v", "high422", "-pix_fmt", "yuv422p", "-x264-params", "sps-id=1"])
        let smaller = try record("small.mp4", size: "160x120", ["-profile:v", "high", "-pix_fmt", "yuv420p", "-x264-params", "sps-id=1"])
        #expect(sameIDs.sequenceParameterSets != source.sequenceParameterSets, "the settings should change the SPS")

        let collision = expectError(.idCollision) { _ = try source.merging(sameIDs) }
        #expect(collision?.description.contains("sps-id") == true)
        expectError(.incompatible) { _ = try source.merging(chroma422) }
        expectError(.incompatible) { _ = try source.merging(smaller) }
        // A PPS whose SPS neither record has.
        expectError(.malformed) { _ = try source.merging(sequenceParameterSets: [], pictureParameterSets: smaller.pictureParameterSets) }
        // Identical parameter sets are the same sets: listed once.
        #expect(try source.merging(source) == source)
    }

    // MARK: 5. Garbage and truncation

    @Test func garbageAndTruncatedInputThrowsWithoutCrashing() throws {
        let dir = try TestSupport.tempDir("h264-garbage")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try H264Fixture.encode(in: dir, name: "g.mp4", size: "320x240", seconds: 0.2,
                                         args: ["-profile:v", "high", "-pix_fmt", "yuv420p"])
        let record = try #require(H264Fixture.avcC(inMP4: try H264Fixture.bytes(url)))
        let config = try AVCDecoderConfig(parsing: record)
        let ext = try #require(config.highProfileExtension)
        #expect(ext.sequenceParameterSetExtensions.isEmpty)

        // Every prefix before the end of the PPS list is truncated; after it the 4 extension bytes are optional.
        let ppsEnd = record.count - 4
        for length in 0..<record.count {
            let prefix = Array(record.prefix(length))
            if length < ppsEnd {
                expectError(.truncated, "prefix of \(length) bytes") { _ = try AVCDecoderConfig(parsing: prefix) }
            } else {
                #expect(try AVCDecoderConfig(parsing: prefix).highProfileExtension == nil)
            }
        }
        // Every prefix of the SPS short of its VUI is truncated.
        let spsBytes = config.sequenceParameterSets[0].bytes
        for length in 1..<(spsBytes.count - 2) {
            expectError(.truncated, "prefix of \(length) bytes") { _ = try SequenceParameterSet(bytes: Array(spsBytes.prefix(length))) }
        }

        // Bit flips and random bytes: any outcome but a crash, and only H264Error.
        var rng = XorShift(seed: 0x2645_2024)
        var thrown = 0, total = 0
        func attempt(_ body: () throws -> Void) {
            total += 1
            do { try body() } catch is H264Error { thrown += 1 } catch { Issue.record("unexpected error type: \(error)") }
        }
        for i in 0..<(record.count * 8) {
            var flipped = record
            flipped[i / 8] ^= 0x80 >> UInt8(i % 8)
            attempt { _ = try AVCDecoderConfig(parsing: flipped).serialized() }
            if i / 8 < spsBytes.count {
                var sps = spsBytes
                sps[i / 8] ^= 0x80 >> UInt8(i % 8)
                attempt { _ = try SequenceParameterSet(bytes: sps) }
            }
        }
        for _ in 0..<1000 {
            let garbage = (0..<Int(rng.next() % 160)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            attempt { _ = try AVCDecoderConfig(parsing: [1] + garbage) }
            attempt { _ = try AVCDecoderConfig(extradata: garbage) }
            attempt { _ = try SequenceParameterSet(bytes: [0x67] + garbage) }
            attempt { _ = try PictureParameterSet(bytes: [0x68] + garbage) }
            attempt { _ = try SliceHeader(NALUnit([0x65] + garbage)) }
            attempt { _ = try AnnexB.split([0, 0, 1] + garbage) }
            attempt { _ = try LengthPrefixed.split(garbage, lengthSize: Int(rng.next() % 4) + 1) }
            attempt {
                var r = BitReader(ebsp: garbage)
                while true { _ = try r.se() }
            }
        }
        #expect(thrown > total / 2, "\(thrown) of \(total) garbage inputs threw")

        // Specific messages.
        expectError(.badStartCode) { _ = try AnnexB.split([0x00, 0x00, 0x02, 0x65]) }
        let badStart = expectError(.badStartCode) { _ = try AnnexB.split([0x00, 0x00, 0x01, 0x65, 0x88, 0x00, 0x00, 0x00, 0x05]) }
        #expect(badStart?.description.contains("byte 5") == true, "\(String(describing: badStart))")
        expectError(.malformed) { _ = try AnnexB.split([0x00, 0x00, 0x01, 0x00, 0x00, 0x01, 0x65]) }
        expectError(.truncated) { _ = try LengthPrefixed.split([0, 0, 0, 9, 0x65, 1], lengthSize: 4) }
        expectError(.malformed) { _ = try LengthPrefixed.split([0x65], lengthSize: 5) }
        expectError(.tooLarge) { _ = try LengthPrefixed.join([NALUnit([0x65] + Array(repeating: 7, count: 300))], lengthSize: 1) }
        let forbidden = expectError(.malformed) { _ = try NALUnit([0xE5, 0x00]) }
        #expect(forbidden?.description.contains("forbidden_zero_bit") == true)
        let short = expectError(.truncated) { _ = try AVCDecoderConfig(parsing: Array(record.prefix(9))) }
        #expect(short?.description.hasPrefix("avcC truncated") == true)
        expectError(.malformed) { _ = try AVCDecoderConfig(parsing: [2] + record.dropFirst()) }
    }

    @Test func expGolombAndEmulationPrevention() throws {
        // ue: 1 → 0, 010 → 1, 011 → 2, 00100 → 3, 00111 → 6; se: 010 → +1, 011 → −1, 00100 → +2.
        // Bits: 1 010 011 00100 00111 | 010 011 00100, then padding.
        var bits = "1010011001000011101001100100"
        while bits.count % 8 != 0 { bits += "1" }
        let bytes = stride(from: 0, to: bits.count, by: 8).map { i -> UInt8 in
            let start = bits.index(bits.startIndex, offsetBy: i)
            return UInt8(bits[start..<bits.index(start, offsetBy: 8)], radix: 2)!
        }
        var r = BitReader(rbsp: bytes)
        #expect(try [r.ue(), r.ue(), r.ue(), r.ue(), r.ue()] == [0, 1, 2, 3, 6])
        #expect(try [r.se(), r.se(), r.se()] == [1, -1, 2])
        #expect(r.bitsRemaining == bytes.count * 8 - 28)
        // 32 leading zeros cannot be a 32-bit code.
        var long = BitReader(rbsp: [0, 0, 0, 0, 0xFF])
        expectError(.malformed) { _ = try long.ue("x") }
        var max = BitReader(rbsp: [0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFE])
        #expect(try max.ue() == UInt32.max - 1)

        #expect(BitReader.removingEmulationPrevention([0x00, 0x00, 0x03, 0x01, 0x00, 0x00, 0x03, 0x03, 0x00, 0x03])
                == [0x00, 0x00, 0x01, 0x00, 0x00, 0x03, 0x00, 0x03])
        // A value spanning an emulation-prevention byte reads as if it were not there.
        var spanning = BitReader(ebsp: [0x00, 0x00, 0x03, 0x01, 0x80])
        #expect(try spanning.bits(32) == 0x0000_0180)
    }
}

/// Expects `body` to throw an ``H264Error`` of `kind`, and returns it.
@discardableResult
private func expectError(_ kind: H264Error.Kind, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                         _ body: () throws -> Void) -> H264Error? {
    let error = #expect(throws: H264Error.self, comment, sourceLocation: sourceLocation) { try body() }
    #expect(error?.kind == kind, comment, sourceLocation: sourceLocation)
    return error
}

/// Bits as a string of "0" and "1", to rewrite an RBSP in a test.
private struct BitString {
    var bits: [Bool]

    init(_ bytes: [UInt8]) {
        bits = bytes.flatMap { byte in (0..<8).map { byte & (0x80 >> UInt8($0)) != 0 } }
    }

    /// The Exp-Golomb code of a signed value (§9.1.1).
    static func se(_ value: Int) -> String {
        let k = value > 0 ? 2 * value - 1 : -2 * value
        let code = String(k + 1, radix: 2)
        return String(repeating: "0", count: code.count - 1) + code
    }

    /// The RBSP with the bit at `offset` replaced by `replacement`, and the trailing bits redone.
    func replacingBit(at offset: Int, with replacement: String) -> [UInt8] {
        let stop = bits.lastIndex(of: true) ?? bits.count
        var out = Array(bits[..<offset]) + replacement.map { $0 == "1" } + Array(bits[(offset + 1)..<stop]) + [true]
        while out.count % 8 != 0 { out.append(false) }
        return stride(from: 0, to: out.count, by: 8).map { i in
            out[i..<(i + 8)].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
    }
}

extension [UInt8] {
    /// An RBSP made an EBSP: 0x03 inserted after two zero bytes followed by a byte ≤ 3 (§7.4.1).
    fileprivate func withEmulationPrevention() -> [UInt8] {
        var out: [UInt8] = [], zeros = 0
        for byte in self {
            if zeros >= 2 && byte <= 3 {
                out.append(3)
                zeros = 0
            }
            out.append(byte)
            zeros = byte == 0 ? zeros + 1 : 0
        }
        return out
    }
}

/// A small deterministic generator (Marsaglia's xorshift64) so the garbage test fails reproducibly.
private struct XorShift {
    var state: UInt64
    init(seed: UInt64) { state = seed == 0 ? 1 : seed }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}

/// Encoding with ffmpeg, reading its reports, and walking MP4 boxes, for the tests above.
private enum H264Fixture {
    struct Run { let status: Int32; let out: [UInt8]; let err: String }

    /// Runs /usr/bin/`name` with output in temporary files (trace_headers writes megabytes to stderr).
    static func run(_ name: String, _ args: [String]) throws -> Run {
        let r = try OracleTools.run("/usr/bin/\(name)", args)
        return Run(status: r.status, out: [UInt8](r.stdoutData), err: r.stderr)
    }

    @discardableResult
    static func ffmpeg(_ args: [String]) throws -> Run {
        let r = try run("ffmpeg", ["-hide_banner", "-nostats", "-loglevel", "error", "-y"] + args)
        guard r.status == 0 else { throw FixtureError("ffmpeg \(args.joined(separator: " ")) failed: \(r.err)") }
        return r
    }

    /// Encodes `seconds` of a lavfi test pattern with libx264 and `args`.
    static func encode(in dir: URL, name: String, size: String, seconds: Double, source: String = "testsrc2",
                       args: [String]) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try ffmpeg(["-f", "lavfi", "-i", "\(source)=s=\(size):r=25:d=\(seconds)", "-c:v", "libx264"] + args + [url.path])
        return url
    }

    /// Whether libx264 here encodes 10-bit 4:2:0.
    static var x264Supports10Bit: Bool {
        (try? run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=s=64x64:r=25:d=0.04",
                             "-c:v", "libx264", "-pix_fmt", "yuv420p10le", "-f", "null", "-"]).status) == 0
    }

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    /// ffprobe's view of the first video stream.
    static func videoStream(_ url: URL, showData: Bool = false) throws -> [String: Any] {
        let r = try run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_streams", "-of", "json"]
                            + (showData ? ["-show_data"] : []) + [url.path])
        let json = try JSONSerialization.jsonObject(with: Data(r.out)) as? [String: Any]
        guard let stream = (json?["streams"] as? [[String: Any]])?.first else { throw FixtureError("ffprobe found no stream in \(url.path)") }
        return stream
    }

    struct PacketInfo { let pos: Int; let size: Int; let key: Bool }

    /// The video packets in file order, with their byte positions.
    static func packets(_ url: URL) throws -> [PacketInfo] {
        let r = try run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_packets", "-of", "json", url.path])
        let json = try JSONSerialization.jsonObject(with: Data(r.out)) as? [String: Any]
        return (json?["packets"] as? [[String: Any]] ?? []).map {
            PacketInfo(pos: Int($0["pos"] as? String ?? "") ?? -1, size: Int($0["size"] as? String ?? "") ?? 0,
                       key: ($0["flags"] as? String ?? "").hasPrefix("K"))
        }
    }

    /// The samples of the MP4's video track as stored (length-prefixed NAL units), cut where ffprobe says.
    static func samples(_ url: URL, in file: [UInt8]) throws -> [[UInt8]] {
        try packets(url).map { p in
            guard p.pos >= 0, p.pos + p.size <= file.count else { throw FixtureError("packet outside the file") }
            return Array(file[p.pos..<(p.pos + p.size)])
        }
    }

    /// MD5 of every decoded frame, in output order.
    static func frameHashes(_ url: URL) throws -> [String] {
        let r = try ffmpeg(["-i", url.path, "-map", "0:v", "-f", "framemd5", "-"])
        return String(decoding: r.out, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("#") }
            .compactMap { $0.split(separator: ",").last?.trimmingCharacters(in: .whitespaces) }
    }

    /// The bytes of ffprobe's `-show_data` hex dump ("00000000: 0164 001f ...  .d..").
    static func hexDump(_ dump: String) -> [UInt8] {
        var out: [UInt8] = []
        for line in dump.split(separator: "\n") where line.count > 10 {
            let hex = line.dropFirst(10).prefix(39).replacingOccurrences(of: " ", with: "")
            var i = hex.startIndex
            while let j = hex.index(i, offsetBy: 2, limitedBy: hex.endIndex), i < j {
                if let byte = UInt8(hex[i..<j], radix: 16) { out.append(byte) }
                i = j
            }
        }
        return out
    }

    static func rational(_ text: String?) -> Double {
        let parts = (text ?? "").split(separator: "/").compactMap { Double($0) }
        return parts.count == 2 && parts[1] != 0 ? parts[0] / parts[1] : .nan
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? max(a, 1) : gcd(b, a % b) }

    // MARK: MP4 boxes (ISO/IEC 14496-12)

    static func boxes(_ b: [UInt8], in range: Range<Int>) -> [(type: String, body: Range<Int>)] {
        var out: [(type: String, body: Range<Int>)] = []
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            var size = b[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) }
            var header = 8
            if size == 1, i + 16 <= range.upperBound {
                size = b[(i + 8)..<(i + 16)].reduce(0) { $0 << 8 | Int($1) }
                header = 16
            } else if size == 0 {
                size = range.upperBound - i
            }
            guard size >= header, size <= range.upperBound - i else { break }
            out.append((String(decoding: b[(i + 4)..<(i + 8)], as: UTF8.self), (i + header)..<(i + size)))
            i += size
        }
        return out
    }

    /// The avcC payload: moov/trak/mdia/minf/stbl/stsd/avc1/avcC of the first track.
    static func avcC(inMP4 b: [UInt8]) -> [UInt8]? {
        func child(_ range: Range<Int>?, _ type: String) -> Range<Int>? {
            range.flatMap { r in boxes(b, in: r).first { $0.type == type }?.body }
        }
        let stbl = ["moov", "trak", "mdia", "minf", "stbl"].reduce(Optional(0..<b.count)) { child($0, $1) }
        // stsd: version/flags and entry_count; avc1: 78 bytes of VisualSampleEntry before its boxes.
        guard let stsd = child(stbl, "stsd"), stsd.count > 8,
              let avc1 = child((stsd.lowerBound + 8)..<stsd.upperBound, "avc1"), avc1.count > 78,
              let avcC = child((avc1.lowerBound + 78)..<avc1.upperBound, "avcC") else { return nil }
        return Array(b[avcC])
    }

    // MARK: trace_headers

    struct Trace {
        var sps: [[String: Int]] = []
        /// Bit offset of each SPS element in its NAL unit (header byte included).
        var spsBitOffsets: [[String: Int]] = []
        var pps: [[String: Int]] = []
        var packets: [(key: Bool, nalTypes: [Int], sliceTypes: [Int])] = []
    }

    /// FFmpeg's `trace_headers` reading of every parameter set and slice header.
    static func trace(_ url: URL, format: String? = nil) throws -> Trace {
        let input = (format.map { ["-f", $0] } ?? []) + ["-i", url.path]
        let r = try run("ffmpeg", ["-hide_banner", "-nostats", "-loglevel", "info"] + input + ["-map", "0:v",
                                   "-c", "copy", "-bsf:v", "trace_headers", "-f", "null", "-"])
        guard r.status == 0 else { throw FixtureError("trace_headers failed: \(r.err.suffix(500))") }
        enum Section { case sps, pps, other }
        var trace = Trace(), section = Section.other
        for line in r.err.split(separator: "\n") {
            guard let mark = line.range(of: "[trace_headers @ ") else { continue }
            guard let close = line[mark.upperBound...].firstIndex(of: "]") else { continue }
            let text = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("Packet:") {
                trace.packets.append((text.contains("key frame"), [], []))
                section = .other
            } else if text == "Sequence Parameter Set" {
                trace.sps.append([:]); trace.spsBitOffsets.append([:]); section = .sps
            } else if text == "Picture Parameter Set" {
                trace.pps.append([:]); section = .pps
            } else if let eq = text.range(of: " = ", options: .backwards), let first = text.first, first.isNumber {
                // "<bit offset> <name> <bits> = <value>"
                let fields = text[..<eq.lowerBound].split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count >= 3, let value = Int(text[eq.upperBound...]) else { continue }
                let name = String(fields[1])
                switch section {
                case .sps:
                    trace.sps[trace.sps.count - 1][name] = value
                    trace.spsBitOffsets[trace.sps.count - 1][name] = Int(fields[0])
                case .pps: trace.pps[trace.pps.count - 1][name] = value
                case .other: break
                }
                if !trace.packets.isEmpty {
                    if name == "nal_unit_type" { trace.packets[trace.packets.count - 1].nalTypes.append(value) }
                    if name == "slice_type" { trace.packets[trace.packets.count - 1].sliceTypes.append(value) }
                }
            } else {
                section = .other
            }
        }
        return trace
    }

    /// SPS syntax elements by the standard's names, as trace_headers prints them; absent elements are left out.
    static let spsElementNames = [
        "profile_idc", "constraint_set0_flag", "constraint_set1_flag", "constraint_set2_flag", "constraint_set3_flag",
        "constraint_set4_flag", "constraint_set5_flag", "level_idc", "seq_parameter_set_id", "chroma_format_idc",
        "separate_colour_plane_flag", "bit_depth_luma_minus8", "bit_depth_chroma_minus8", "qpprime_y_zero_transform_bypass_flag",
        "seq_scaling_matrix_present_flag", "log2_max_frame_num_minus4", "pic_order_cnt_type", "log2_max_pic_order_cnt_lsb_minus4",
        "max_num_ref_frames", "gaps_in_frame_num_allowed_flag", "pic_width_in_mbs_minus1", "pic_height_in_map_units_minus1",
        "frame_mbs_only_flag", "mb_adaptive_frame_field_flag", "direct_8x8_inference_flag", "frame_cropping_flag",
        "frame_crop_left_offset", "frame_crop_right_offset", "frame_crop_top_offset", "frame_crop_bottom_offset",
        "vui_parameters_present_flag", "aspect_ratio_info_present_flag", "aspect_ratio_idc", "sar_width", "sar_height",
        "video_signal_type_present_flag", "video_format", "video_full_range_flag", "colour_primaries",
        "transfer_characteristics", "matrix_coefficients", "chroma_loc_info_present_flag", "timing_info_present_flag",
        "num_units_in_tick", "time_scale", "fixed_frame_rate_flag", "nal_hrd_parameters_present_flag",
        "vcl_hrd_parameters_present_flag", "low_delay_hrd_flag", "pic_struct_present_flag", "bitstream_restriction_flag",
        "max_num_reorder_frames", "max_dec_frame_buffering",
    ]

    static func syntaxElements(of s: SequenceParameterSet) -> [String: Int] {
        func b(_ flag: Bool) -> Int { flag ? 1 : 0 }
        var e: [String: Int] = ["profile_idc": Int(s.profileIDC), "level_idc": Int(s.levelIDC), "seq_parameter_set_id": s.id]
        for n in 0...5 { e["constraint_set\(n)_flag"] = b(s.constraintSet(n)) }
        if SequenceParameterSet.profilesWithChromaInfo.contains(s.profileIDC) {
            e["chroma_format_idc"] = s.chromaFormatIDC
            if s.chromaFormatIDC == 3 { e["separate_colour_plane_flag"] = b(s.separateColourPlane) }
            e["bit_depth_luma_minus8"] = s.bitDepthLuma - 8
            e["bit_depth_chroma_minus8"] = s.bitDepthChroma - 8
            e["qpprime_y_zero_transform_bypass_flag"] = b(s.qpprimeYZeroTransformBypass)
            e["seq_scaling_matrix_present_flag"] = b(s.scalingMatrixPresent)
        }
        e["log2_max_frame_num_minus4"] = s.log2MaxFrameNum - 4
        e["pic_order_cnt_type"] = s.picOrderCntType
        e["log2_max_pic_order_cnt_lsb_minus4"] = s.log2MaxPicOrderCntLsb.map { $0 - 4 }
        e["max_num_ref_frames"] = s.maxNumRefFrames
        e["gaps_in_frame_num_allowed_flag"] = b(s.gapsInFrameNumAllowed)
        e["pic_width_in_mbs_minus1"] = s.widthInMBs - 1
        e["pic_height_in_map_units_minus1"] = s.heightInMapUnits - 1
        e["frame_mbs_only_flag"] = b(s.frameMBsOnly)
        if !s.frameMBsOnly { e["mb_adaptive_frame_field_flag"] = b(s.mbAdaptiveFrameField) }
        e["direct_8x8_inference_flag"] = b(s.direct8x8Inference)
        e["frame_cropping_flag"] = b(s.cropping != nil)
        if let c = s.cropping {
            e["frame_crop_left_offset"] = c.left; e["frame_crop_right_offset"] = c.right
            e["frame_crop_top_offset"] = c.top; e["frame_crop_bottom_offset"] = c.bottom
        }
        e["vui_parameters_present_flag"] = b(s.vui != nil)
        guard let v = s.vui else { return e }
        e["aspect_ratio_info_present_flag"] = b(v.aspectRatioIDC != nil)
        e["aspect_ratio_idc"] = v.aspectRatioIDC
        if v.aspectRatioIDC == 255, let sar = v.sampleAspectRatio { e["sar_width"] = sar.width; e["sar_height"] = sar.height }
        e["video_signal_type_present_flag"] = b(v.videoFormat != nil)
        if v.videoFormat != nil { e["video_format"] = v.videoFormat; e["video_full_range_flag"] = b(v.videoFullRange) }
        e["colour_primaries"] = v.colourPrimaries
        e["transfer_characteristics"] = v.transferCharacteristics
        e["matrix_coefficients"] = v.matrixCoefficients
        e["chroma_loc_info_present_flag"] = b(v.chromaSampleLocTypeTopField != nil)
        e["timing_info_present_flag"] = b(v.timing != nil)
        if let t = v.timing {
            e["num_units_in_tick"] = Int(t.numUnitsInTick); e["time_scale"] = Int(t.timeScale); e["fixed_frame_rate_flag"] = b(t.fixedFrameRate)
        }
        e["nal_hrd_parameters_present_flag"] = b(v.nalHRDParametersPresent)
        e["vcl_hrd_parameters_present_flag"] = b(v.vclHRDParametersPresent)
        if v.nalHRDParametersPresent || v.vclHRDParametersPresent { e["low_delay_hrd_flag"] = b(v.lowDelayHRD) }
        e["pic_struct_present_flag"] = b(v.picStructPresent)
        e["bitstream_restriction_flag"] = b(v.bitstreamRestriction != nil)
        e["max_num_reorder_frames"] = v.bitstreamRestriction?.maxNumReorderFrames
        e["max_dec_frame_buffering"] = v.bitstreamRestriction?.maxDecFrameBuffering
        return e
    }
}

private struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
