/// An H.264 sequence parameter set, parsed (ITU-T H.264 §7.3.2.1.1, VUI in Annex E.1.1): what a re-encoder
/// must match to continue a stream — profile, level, chroma format, bit depths, picture size, reordering.
///
/// Syntax elements keep the standard's meaning; the names say which element (`maxNumRefFrames` is
/// `max_num_ref_frames`). Sizes derived from several elements (``width``, ``height``) follow §7.4.2.1.1.
public struct SequenceParameterSet: Sendable, Equatable {
    /// `frame_crop_*_offset`, in crop units (see ``cropUnitX`` and ``cropUnitY``), all 0 without cropping.
    public struct Cropping: Sendable, Equatable {
        public var left = 0, right = 0, top = 0, bottom = 0
    }

    /// VUI timing (Annex E.2.1).
    public struct Timing: Sendable, Equatable {
        public let numUnitsInTick: UInt32
        public let timeScale: UInt32
        public let fixedFrameRate: Bool

        /// Frames per second for frame-coded streams, time_scale ÷ (2 · num_units_in_tick) (E.2.1,
        /// a frame being two field ticks); nil when a value is 0.
        public var frameRate: Double? {
            guard numUnitsInTick > 0, timeScale > 0 else { return nil }
            return Double(timeScale) / (2 * Double(numUnitsInTick))
        }
    }

    /// VUI bitstream restriction (Annex E.2.1): how far the decoder must reorder and buffer.
    public struct BitstreamRestriction: Sendable, Equatable {
        public let motionVectorsOverPicBoundaries: Bool
        public let maxBytesPerPicDenom: Int
        public let maxBitsPerMBDenom: Int
        public let log2MaxMVLengthHorizontal: Int
        public let log2MaxMVLengthVertical: Int
        /// `max_num_reorder_frames`: frames that can precede one in decoding order and follow it in output
        /// order (FFmpeg's `has_b_frames`).
        public let maxNumReorderFrames: Int
        /// `max_dec_frame_buffering`: the DPB size in frames.
        public let maxDecFrameBuffering: Int
    }

    /// A sample (pixel) aspect ratio, width:height as coded (not reduced).
    public struct SampleAspectRatio: Sendable, Equatable {
        public let width: Int
        public let height: Int
    }

    /// Video usability information (Annex E.1.1). Optional fields are nil when their `*_present_flag` is 0.
    public struct VUI: Sendable, Equatable {
        public var aspectRatioIDC: Int?
        /// The sample aspect ratio from Table E-1 or the explicit `sar_width:sar_height`; nil if unspecified.
        public var sampleAspectRatio: SampleAspectRatio?
        public var overscanAppropriate: Bool?
        public var videoFormat: Int?
        /// `video_full_range_flag` (false when the video signal type is absent).
        public var videoFullRange = false
        public var colourPrimaries: Int?
        public var transferCharacteristics: Int?
        public var matrixCoefficients: Int?
        public var chromaSampleLocTypeTopField: Int?
        public var chromaSampleLocTypeBottomField: Int?
        public var timing: Timing?
        public var nalHRDParametersPresent = false
        public var vclHRDParametersPresent = false
        public var lowDelayHRD = false
        /// `pic_struct_present_flag`: picture timing SEI carry `pic_struct` (field/frame doubling...).
        public var picStructPresent = false
        public var bitstreamRestriction: BitstreamRestriction?
    }

    public let profileIDC: UInt8
    /// The byte between `profile_idc` and `level_idc`: `constraint_set0_flag`...`constraint_set5_flag` and
    /// two reserved bits, as the avcC's `profile_compatibility` copies it.
    public let constraintFlags: UInt8
    public let levelIDC: UInt8
    /// `seq_parameter_set_id` (0...31).
    public let id: Int
    /// `chroma_format_idc`: 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4 (1 when the profile does not code it).
    public let chromaFormatIDC: Int
    public let separateColourPlane: Bool
    public let bitDepthLuma: Int
    public let bitDepthChroma: Int
    public let qpprimeYZeroTransformBypass: Bool
    public let scalingMatrixPresent: Bool
    public let log2MaxFrameNum: Int
    public let picOrderCntType: Int
    /// `log2_max_pic_order_cnt_lsb_minus4 + 4` when `pic_order_cnt_type` is 0.
    public let log2MaxPicOrderCntLsb: Int?
    public let maxNumRefFrames: Int
    public let gapsInFrameNumAllowed: Bool
    public let widthInMBs: Int
    /// `pic_height_in_map_units_minus1 + 1` (map units are field macroblock pairs rows when not frame_mbs_only).
    public let heightInMapUnits: Int
    public let frameMBsOnly: Bool
    public let mbAdaptiveFrameField: Bool
    public let direct8x8Inference: Bool
    public let cropping: Cropping?
    public let vui: VUI?

    /// Parses an SPS NAL unit (type 7).
    public init(_ nal: NALUnit) throws {
        guard nal.type == .sequenceParameterSet else {
            throw H264Error(.malformed, "expected an SPS, got a \(nal.type)")
        }
        var r = nal.rbspReader(context: "SPS")
        profileIDC = UInt8(try r.bits(8, "profile_idc"))
        constraintFlags = UInt8(try r.bits(8, "constraint_set flags"))
        levelIDC = UInt8(try r.bits(8, "level_idc"))
        id = try r.ue("seq_parameter_set_id", max: 31)

        var chroma = 1, separate = false, depthLuma = 8, depthChroma = 8, bypass = false, scaling = false
        if Self.profilesWithChromaInfo.contains(profileIDC) {
            chroma = try r.ue("chroma_format_idc", max: 3)
            if chroma == 3 { separate = try r.flag("separate_colour_plane_flag") }
            depthLuma = 8 + (try r.ue("bit_depth_luma_minus8", max: 6))
            depthChroma = 8 + (try r.ue("bit_depth_chroma_minus8", max: 6))
            bypass = try r.flag("qpprime_y_zero_transform_bypass_flag")
            scaling = try r.flag("seq_scaling_matrix_present_flag")
            if scaling {
                for i in 0..<(chroma == 3 ? 12 : 8) {
                    if try r.flag("seq_scaling_list_present_flag") {
                        try Self.skipScalingList(&r, size: i < 6 ? 16 : 64)
                    }
                }
            }
        }
        chromaFormatIDC = chroma
        separateColourPlane = separate
        bitDepthLuma = depthLuma
        bitDepthChroma = depthChroma
        qpprimeYZeroTransformBypass = bypass
        scalingMatrixPresent = scaling

        log2MaxFrameNum = 4 + (try r.ue("log2_max_frame_num_minus4", max: 12))
        picOrderCntType = try r.ue("pic_order_cnt_type", max: 2)
        if picOrderCntType == 0 {
            log2MaxPicOrderCntLsb = 4 + (try r.ue("log2_max_pic_order_cnt_lsb_minus4", max: 12))
        } else {
            log2MaxPicOrderCntLsb = nil
            if picOrderCntType == 1 {
                _ = try r.flag("delta_pic_order_always_zero_flag")
                _ = try r.se("offset_for_non_ref_pic")
                _ = try r.se("offset_for_top_to_bottom_field")
                let cycle = try r.ue("num_ref_frames_in_pic_order_cnt_cycle", max: 255)
                for _ in 0..<cycle { _ = try r.se("offset_for_ref_frame") }
            }
        }
        maxNumRefFrames = Int(try r.ue("max_num_ref_frames"))
        gapsInFrameNumAllowed = try r.flag("gaps_in_frame_num_value_allowed_flag")
        widthInMBs = Int(try r.ue("pic_width_in_mbs_minus1")) + 1
        heightInMapUnits = Int(try r.ue("pic_height_in_map_units_minus1")) + 1
        frameMBsOnly = try r.flag("frame_mbs_only_flag")
        if frameMBsOnly {
            mbAdaptiveFrameField = false
        } else {
            mbAdaptiveFrameField = try r.flag("mb_adaptive_frame_field_flag")
        }
        direct8x8Inference = try r.flag("direct_8x8_inference_flag")
        if try r.flag("frame_cropping_flag") {
            var c = Cropping()
            c.left = Int(try r.ue("frame_crop_left_offset"))
            c.right = Int(try r.ue("frame_crop_right_offset"))
            c.top = Int(try r.ue("frame_crop_top_offset"))
            c.bottom = Int(try r.ue("frame_crop_bottom_offset"))
            cropping = c
        } else {
            cropping = nil
        }
        if try r.flag("vui_parameters_present_flag") {
            vui = try Self.readVUI(&r)
        } else {
            vui = nil
        }

        let crop = cropping ?? Cropping()
        guard cropUnitX * (crop.left + crop.right) < codedWidth, cropUnitY * (crop.top + crop.bottom) < codedHeight else {
            throw H264Error(.malformed, "SPS cropping (\(crop.left), \(crop.right), \(crop.top), \(crop.bottom)) leaves no picture of \(codedWidth)x\(codedHeight)")
        }
    }

    /// Parses SPS NAL unit bytes (header byte first).
    public init(bytes: [UInt8]) throws {
        try self.init(NALUnit(bytes))
    }

    /// Profiles whose SPS code `chroma_format_idc` and the bit depths (§7.3.2.1.1).
    public static let profilesWithChromaInfo: Set<UInt8> = [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]

    /// Whether `constraint_set<n>_flag` (n in 0...5) is set.
    public func constraintSet(_ n: Int) -> Bool {
        guard (0...5).contains(n) else { return false }
        return constraintFlags & (0x80 >> UInt8(n)) != 0
    }

    /// `ChromaArrayType` (§7.4.2.1.1): 0 when the colour planes are coded separately.
    public var chromaArrayType: Int { separateColourPlane ? 0 : chromaFormatIDC }

    /// Width in luma samples before cropping.
    public var codedWidth: Int { widthInMBs * 16 }

    /// Height in luma samples before cropping (a map unit is two macroblock rows in field coding).
    public var codedHeight: Int { (frameMBsOnly ? 1 : 2) * heightInMapUnits * 16 }

    /// Horizontal crop unit in luma samples (equations 7-19 and 7-21).
    public var cropUnitX: Int { chromaArrayType == 0 || chromaFormatIDC == 3 ? 1 : 2 }

    /// Vertical crop unit in luma samples (equations 7-20 and 7-22).
    public var cropUnitY: Int {
        let fieldFactor = frameMBsOnly ? 1 : 2
        return (chromaArrayType == 1 ? 2 : 1) * fieldFactor
    }

    /// Displayed width: coded width less the cropping.
    public var width: Int { codedWidth - cropUnitX * ((cropping?.left ?? 0) + (cropping?.right ?? 0)) }

    /// Displayed height: coded height less the cropping.
    public var height: Int { codedHeight - cropUnitY * ((cropping?.top ?? 0) + (cropping?.bottom ?? 0)) }

    /// `max_num_reorder_frames` when the VUI has a bitstream restriction.
    public var maxNumReorderFrames: Int? { vui?.bitstreamRestriction?.maxNumReorderFrames }

    /// `max_dec_frame_buffering` when the VUI has a bitstream restriction.
    public var maxDecFrameBuffering: Int? { vui?.bitstreamRestriction?.maxDecFrameBuffering }

    /// The profile's name as FFmpeg reports it (`ffprobe -show_streams`), from `profile_idc` and the
    /// constraint flags that make Constrained Baseline and the Intra profiles (H.264 Annex A.2); nil if unknown.
    public var profileName: String? {
        switch profileIDC {
        case 66: constraintSet(1) ? "Constrained Baseline" : "Baseline"
        case 77: "Main"
        case 88: "Extended"
        case 100: "High"
        case 110: constraintSet(3) ? "High 10 Intra" : "High 10"
        case 122: constraintSet(3) ? "High 4:2:2 Intra" : "High 4:2:2"
        case 144: "High 4:4:4"
        case 244: constraintSet(3) ? "High 4:4:4 Intra" : "High 4:4:4 Predictive"
        case 44: "CAVLC 4:4:4"
        case 118: "Multiview High"
        case 128: "Stereo High"
        default: nil
        }
    }

    /// FFmpeg's name for the decoded picture layout (`yuv420p`, `yuv422p10le`, `gray`...), for configuring a
    /// re-encoder. Full range is not folded in (no `yuvj*`): see ``VUI/videoFullRange``.
    public var pixelFormatName: String {
        let depth = bitDepthLuma
        let suffix = depth > 8 ? "\(depth)le" : ""
        switch chromaFormatIDC {
        case 0: return depth > 8 ? "gray\(depth)le" : "gray"
        case 2: return "yuv422p" + suffix
        case 3: return "yuv444p" + suffix
        default: return "yuv420p" + suffix
        }
    }

    // MARK: - Syntax helpers

    /// Skips `scaling_list()` (§7.3.2.1.1.1): only the deltas are coded; a next scale of 0 ends the list.
    private static func skipScalingList(_ r: inout BitReader, size: Int) throws {
        var last = 8, next = 8
        for _ in 0..<size {
            if next != 0 {
                let delta = Int(try r.se("delta_scale"))
                guard (-128...127).contains(delta) else {
                    throw H264Error(.malformed, "SPS: delta_scale \(delta) is outside -128...127")
                }
                next = (last + delta + 256) % 256
            }
            if next != 0 { last = next }
        }
    }

    private static func readVUI(_ r: inout BitReader) throws -> VUI {
        var v = VUI()
        if try r.flag("aspect_ratio_info_present_flag") {
            let idc = Int(try r.bits(8, "aspect_ratio_idc"))
            v.aspectRatioIDC = idc
            if idc == 255 {
                let w = Int(try r.bits(16, "sar_width")), h = Int(try r.bits(16, "sar_height"))
                v.sampleAspectRatio = w > 0 && h > 0 ? SampleAspectRatio(width: w, height: h) : nil
            } else if idc >= 1 && idc < sampleAspectRatios.count {
                let (w, h) = sampleAspectRatios[idc]
                v.sampleAspectRatio = SampleAspectRatio(width: w, height: h)
            }
        }
        if try r.flag("overscan_info_present_flag") {
            v.overscanAppropriate = try r.flag("overscan_appropriate_flag")
        }
        if try r.flag("video_signal_type_present_flag") {
            v.videoFormat = Int(try r.bits(3, "video_format"))
            v.videoFullRange = try r.flag("video_full_range_flag")
            if try r.flag("colour_description_present_flag") {
                v.colourPrimaries = Int(try r.bits(8, "colour_primaries"))
                v.transferCharacteristics = Int(try r.bits(8, "transfer_characteristics"))
                v.matrixCoefficients = Int(try r.bits(8, "matrix_coefficients"))
            }
        }
        if try r.flag("chroma_loc_info_present_flag") {
            v.chromaSampleLocTypeTopField = try r.ue("chroma_sample_loc_type_top_field", max: 5)
            v.chromaSampleLocTypeBottomField = try r.ue("chroma_sample_loc_type_bottom_field", max: 5)
        }
        if try r.flag("timing_info_present_flag") {
            v.timing = Timing(numUnitsInTick: try r.bits(32, "num_units_in_tick"), timeScale: try r.bits(32, "time_scale"),
                              fixedFrameRate: try r.flag("fixed_frame_rate_flag"))
        }
        v.nalHRDParametersPresent = try r.flag("nal_hrd_parameters_present_flag")
        if v.nalHRDParametersPresent { try skipHRDParameters(&r) }
        v.vclHRDParametersPresent = try r.flag("vcl_hrd_parameters_present_flag")
        if v.vclHRDParametersPresent { try skipHRDParameters(&r) }
        if v.nalHRDParametersPresent || v.vclHRDParametersPresent {
            v.lowDelayHRD = try r.flag("low_delay_hrd_flag")
        }
        v.picStructPresent = try r.flag("pic_struct_present_flag")
        if try r.flag("bitstream_restriction_flag") {
            v.bitstreamRestriction = BitstreamRestriction(
                motionVectorsOverPicBoundaries: try r.flag("motion_vectors_over_pic_boundaries_flag"),
                maxBytesPerPicDenom: try r.ue("max_bytes_per_pic_denom", max: 16),
                maxBitsPerMBDenom: try r.ue("max_bits_per_mb_denom", max: 16),
                log2MaxMVLengthHorizontal: try r.ue("log2_max_mv_length_horizontal", max: 16),
                log2MaxMVLengthVertical: try r.ue("log2_max_mv_length_vertical", max: 16),
                maxNumReorderFrames: try r.ue("max_num_reorder_frames", max: 16),
                maxDecFrameBuffering: try r.ue("max_dec_frame_buffering", max: 16))
        }
        return v
    }

    /// Skips `hrd_parameters()` (Annex E.1.2).
    private static func skipHRDParameters(_ r: inout BitReader) throws {
        let count = try r.ue("cpb_cnt_minus1", max: 31) + 1
        try r.skip(8, "bit_rate_scale, cpb_size_scale")
        for _ in 0..<count {
            _ = try r.ue("bit_rate_value_minus1")
            _ = try r.ue("cpb_size_value_minus1")
            _ = try r.flag("cbr_flag")
        }
        try r.skip(20, "HRD delay lengths")
    }

    /// Table E-1, indexed by `aspect_ratio_idc` (0 is unspecified).
    private static let sampleAspectRatios: [(width: Int, height: Int)] = [
        (0, 0), (1, 1), (12, 11), (10, 11), (16, 11), (40, 33), (24, 11), (20, 11), (32, 11),
        (80, 33), (18, 11), (15, 11), (64, 33), (160, 99), (4, 3), (3, 2), (2, 1),
    ]
}

/// The ids at the start of an H.264 picture parameter set (ITU-T H.264 §7.3.2.2): which PPS it is and which
/// SPS it refers to, to check that two encoders' parameter sets can share one avcC.
public struct PictureParameterSet: Sendable, Equatable {
    /// `pic_parameter_set_id` (0...255).
    public let id: Int
    /// `seq_parameter_set_id` (0...31) of the SPS this PPS refers to.
    public let spsID: Int
    /// `entropy_coding_mode_flag`: CABAC (true) or CAVLC.
    public let usesCABAC: Bool

    /// Parses the start of a PPS NAL unit (type 8).
    public init(_ nal: NALUnit) throws {
        guard nal.type == .pictureParameterSet else {
            throw H264Error(.malformed, "expected a PPS, got a \(nal.type)")
        }
        var r = nal.rbspReader(context: "PPS")
        id = try r.ue("pic_parameter_set_id", max: 255)
        spsID = try r.ue("seq_parameter_set_id", max: 31)
        usesCABAC = try r.flag("entropy_coding_mode_flag")
    }

    /// Parses PPS NAL unit bytes (header byte first).
    public init(bytes: [UInt8]) throws {
        try self.init(NALUnit(bytes))
    }
}
