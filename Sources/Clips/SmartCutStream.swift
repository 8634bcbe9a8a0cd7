import H264
import Foundation
import Support
import PluginKit
import Presets
import Batch
import Media

/// The H.264 side of a smart cut for one clip: encoders that match the source stream (size, pixel
/// format, profile, level) for the re-encoded head and tail, each with its own SPS/PPS id so their
/// parameter sets sit beside the source's in one merged avcC, and their Annex B output rewritten as
/// the source's length-prefixed NAL units.
final class SmartCutStream {
    let source: StreamDetails
    let sourceConfig: AVCDecoderConfig
    let sourceSPS: SequenceParameterSet
    private(set) var merged: AVCDecoderConfig
    private var usedIDs: Set<Int>

    /// Why this source cannot be smart-cut (then the clip is re-encoded), or nil when it can.
    static func incompatibility(_ s: StreamDetails) -> String? {
        guard s.info.codec == "h264" else { return "the video is \(s.info.codec), smart cut matches H.264 only" }
        guard s.extradata.first == 1 else { return "the H.264 stream has no avcC configuration (Annex B input), so encoded and copied frames cannot share one" }
        guard let config = try? AVCDecoderConfig(extradata: s.extradata),
              let first = config.sequenceParameterSets.first, let sps = try? SequenceParameterSet(first) else {
            return "the stream's H.264 configuration could not be read"
        }
        guard profileName(sps.profileIDC) != nil else { return "H.264 profile \(sps.profileIDC) has no matching x264 profile here (baseline, main and high are matched)" }
        guard sps.bitDepthLuma == 8, sps.chromaFormatIDC == 1, s.pixelFormat == "yuv420p" else {
            return "the stream is \(s.pixelFormat); smart cut matches 8-bit 4:2:0 (yuv420p)"
        }
        guard sps.frameMBsOnly else { return "the stream is interlaced" }
        return nil
    }

    static func profileName(_ idc: UInt8) -> String? {
        switch idc { case 66: "baseline"; case 77: "main"; case 100: "high"; default: nil }
    }

    /// x264 preset and CRF of the re-encoded head and tail. A seam is at most a GOP of frames, so its
    /// size barely counts while its encoding is most of a smart cut's CPU time. `superfast` at CRF 16
    /// keeps the seam at least as close to the source as `veryfast` CRF 16 did (PSNR against the decoded
    /// source: 47.4 dB against 47.4 on real 720p footage, 54.1 against 49.4 on the noisy 1080p bench
    /// replay) for about 40% less encoding CPU and 40-60% more bits in the seam (10% more in the bench
    /// replay's 20 s clips, which are mostly noise; a few % on real footage).
    /// `ultrafast` was faster still but lost 6.6 dB on the real footage. See docs/benchmarks.md.
    static let seamPreset = "superfast"
    static let seamCRF = 16.0

    init(source: StreamDetails) throws {
        self.source = source
        sourceConfig = try AVCDecoderConfig(extradata: source.extradata)
        sourceSPS = try SequenceParameterSet(sourceConfig.sequenceParameterSets[0])
        merged = sourceConfig
        usedIDs = Set(try sourceConfig.sequenceParameterSets.map { try SequenceParameterSet($0).id })
        for pps in sourceConfig.pictureParameterSets { usedIDs.insert(try PictureParameterSet(pps).id) }
    }

    /// True when a keyframe packet of the source is an IDR picture (a closed GOP starts there).
    func isIDR(_ packet: Packet) -> Bool {
        (try? LengthPrefixed.types(in: packet.bytes, lengthSize: sourceConfig.nalLengthSize).contains(.idrSlice)) ?? false
    }

    /// True when no other picture refers to this packet's (all its slices have `nal_ref_idc` 0): a decoder
    /// that will not show it can skip it. False when unsure.
    func isDisposable(_ packet: Packet) -> Bool {
        LengthPrefixed.referenceIDC(ofSlicesIn: packet.bytes, lengthSize: sourceConfig.nalLengthSize) == 0
    }

    /// A new x264 encoder for one re-encoded segment, matched to the source, with fresh parameter-set ids.
    /// No B-frames, so its frames decode in presentation order right up to the seam.
    func makeSegmentEncoder(settings: ClipEncoderSettings) throws -> Encoder {
        guard let id = (1...31).first(where: { !usedIDs.contains($0) }) else {
            throw MarqueeError.item("smart cut: no free SPS/PPS id left for another encoded segment")
        }
        usedIDs.insert(id)
        var s = VideoEncoderSettings(width: sourceSPS.width, height: sourceSPS.height, timeBase: source.timeBase,
                                     frameRate: Rational(Int32(max(1, (source.frameRate * 1000).rounded())), 1000))
        s.level = Int(sourceSPS.levelIDC)
        s.maxBFrames = 0
        // The seam's frames sit beside stream-copied ones: encode them near-transparently, and fast.
        s.options = ["preset": Self.seamPreset, "crf": String(min(settings.crf, Self.seamCRF)),
                     "profile": Self.profileName(sourceSPS.profileIDC)!, "x264-params": "sps-id=\(id)"]
        if let sar = sourceSPS.vui?.sampleAspectRatio, sar.width > 0, sar.height > 0 {
            s.sampleAspect = Rational(Int32(sar.width), Int32(sar.height))
        }
        let encoder = try Encoder(video: s)
        let own = try AVCDecoderConfig(extradata: encoder.extradata)
        merged = try merged.merging(sequenceParameterSets: own.sequenceParameterSets, pictureParameterSets: own.pictureParameterSets)
        return encoder
    }

    /// Rewrites an encoded packet from Annex B to the source's length-prefixed form.
    func adopt(_ packet: Packet) throws {
        try packet.setBytes(try AnnexB.toLengthPrefixed(packet.bytes, lengthSize: sourceConfig.nalLengthSize))
    }

    /// The merged decoder configuration for the clip's video stream.
    func extradata() throws -> [UInt8] { try merged.serialized() }
}
