/// An AVCDecoderConfigurationRecord, the `avcC` box of an MP4 H.264 track and FFmpeg's extradata for it
/// (ISO/IEC 14496-15 §5.3.3.1): the parameter sets and the size of the length before each NAL unit in samples.
///
/// For a smart cut, ``merging(_:)`` makes one record holding the source's parameter sets and the
/// re-encoder's (given other ids with x264's `sps-id`), so the re-encoded frames and the stream-copied ones
/// share a track.
public struct AVCDecoderConfig: Sendable, Equatable {
    /// The fields that follow the picture parameter sets for the high profiles (§5.3.3.1.2).
    public struct HighProfileExtension: Sendable, Equatable {
        /// `chroma_format` (the SPS's `chroma_format_idc`, 0...3).
        public var chromaFormat: Int
        /// `bit_depth_luma_minus8 + 8`.
        public var bitDepthLuma: Int
        /// `bit_depth_chroma_minus8 + 8`.
        public var bitDepthChroma: Int
        /// SPS extension NAL units (type 13), usually none.
        public var sequenceParameterSetExtensions: [NALUnit]

        public init(chromaFormat: Int, bitDepthLuma: Int, bitDepthChroma: Int, sequenceParameterSetExtensions: [NALUnit] = []) {
            self.chromaFormat = chromaFormat
            self.bitDepthLuma = bitDepthLuma
            self.bitDepthChroma = bitDepthChroma
            self.sequenceParameterSetExtensions = sequenceParameterSetExtensions
        }

        /// The extension describing an SPS.
        public init(_ sps: SequenceParameterSet) {
            self.init(chromaFormat: sps.chromaFormatIDC, bitDepthLuma: sps.bitDepthLuma, bitDepthChroma: sps.bitDepthChroma)
        }
    }

    /// `AVCProfileIndication` (the first SPS's `profile_idc`).
    public var profileIndication: UInt8
    /// `profile_compatibility` (the SPS byte holding the constraint flags).
    public var profileCompatibility: UInt8
    /// `AVCLevelIndication`.
    public var levelIndication: UInt8
    /// Bytes of the length before each NAL unit in samples: `lengthSizeMinusOne + 1` (1, 2 or 4 in practice).
    public var nalLengthSize: Int
    public var sequenceParameterSets: [NALUnit]
    public var pictureParameterSets: [NALUnit]
    /// Present when the record carries the high-profile fields.
    public var highProfileExtension: HighProfileExtension?

    public init(profileIndication: UInt8, profileCompatibility: UInt8, levelIndication: UInt8, nalLengthSize: Int,
                sequenceParameterSets: [NALUnit], pictureParameterSets: [NALUnit], highProfileExtension: HighProfileExtension?) {
        self.profileIndication = profileIndication
        self.profileCompatibility = profileCompatibility
        self.levelIndication = levelIndication
        self.nalLengthSize = nalLengthSize
        self.sequenceParameterSets = sequenceParameterSets
        self.pictureParameterSets = pictureParameterSets
        self.highProfileExtension = highProfileExtension
    }

    /// Whether a record for `profile` carries the high-profile extension. ISO/IEC 14496-15 names 100, 110, 122
    /// and 144; FFmpeg (and Apple) write it for every profile but 66, 77 and 88, so 244 (High 4:4:4 Predictive,
    /// which replaced 144) has it too. This follows FFmpeg, a superset of the standard's list: readers skip
    /// bytes after the picture parameter sets they do not expect.
    public static func carriesHighProfileExtension(profile: UInt8) -> Bool {
        ![66, 77, 88].contains(profile)
    }

    // MARK: - Reading

    /// Parses an avcC record (the box payload, starting with `configurationVersion` 1).
    ///
    /// Bytes after the picture parameter sets are read as the high-profile extension when the profile
    /// has one and at least 4 bytes remain; otherwise they are ignored, as decoders do.
    public init(parsing record: [UInt8]) throws {
        var c = ByteCursor(bytes: record)
        let version = try c.u8("configurationVersion")
        guard version == 1 else {
            throw H264Error(.malformed, "avcC configurationVersion is \(version), not 1 (not an avcC record?)")
        }
        profileIndication = try c.u8("AVCProfileIndication")
        profileCompatibility = try c.u8("profile_compatibility")
        levelIndication = try c.u8("AVCLevelIndication")
        nalLengthSize = Int(try c.u8("lengthSizeMinusOne") & 0x03) + 1
        let spsCount = Int(try c.u8("numOfSequenceParameterSets") & 0x1F)
        sequenceParameterSets = try (0..<spsCount).map { i in try c.nal("sequence parameter set \(i + 1) of \(spsCount)", type: .sequenceParameterSet) }
        let ppsCount = Int(try c.u8("numOfPictureParameterSets"))
        pictureParameterSets = try (0..<ppsCount).map { i in try c.nal("picture parameter set \(i + 1) of \(ppsCount)", type: .pictureParameterSet) }
        if Self.carriesHighProfileExtension(profile: profileIndication) && c.remaining >= 4 {
            let chroma = Int(try c.u8("chroma_format") & 0x03)
            let luma = Int(try c.u8("bit_depth_luma_minus8") & 0x07) + 8
            let chromaDepth = Int(try c.u8("bit_depth_chroma_minus8") & 0x07) + 8
            let extCount = Int(try c.u8("numOfSequenceParameterSetExt"))
            let exts = try (0..<extCount).map { i in
                try c.nal("sequence parameter set extension \(i + 1) of \(extCount)", type: .sequenceParameterSetExtension)
            }
            highProfileExtension = HighProfileExtension(chromaFormat: chroma, bitDepthLuma: luma, bitDepthChroma: chromaDepth,
                                                        sequenceParameterSetExtensions: exts)
        } else {
            highProfileExtension = nil
        }
    }

    /// A record from a stream's extradata as FFmpeg holds it: an avcC record (first byte 1), or Annex B parameter
    /// sets (what libx264 gives with a global header), which become a record with 4-byte lengths.
    public init(extradata: [UInt8]) throws {
        if extradata.first == 1 {
            try self.init(parsing: extradata)
            return
        }
        guard !extradata.isEmpty else { throw H264Error(.truncated, "empty H.264 extradata") }
        let nals = try AnnexB.split(extradata)
        try self.init(sequenceParameterSets: nals.filter { $0.type == .sequenceParameterSet },
                      pictureParameterSets: nals.filter { $0.type == .pictureParameterSet },
                      sequenceParameterSetExtensions: nals.filter { $0.type == .sequenceParameterSetExtension })
    }

    /// A record for parameter sets: profile, compatibility and level from the first SPS, the high-profile
    /// extension from it when the profile carries one.
    public init(sequenceParameterSets sps: [NALUnit], pictureParameterSets pps: [NALUnit], nalLengthSize: Int = 4,
                sequenceParameterSetExtensions: [NALUnit] = []) throws {
        guard let first = sps.first else { throw H264Error(.malformed, "no SPS for an avcC record") }
        guard !pps.isEmpty else { throw H264Error(.malformed, "no PPS for an avcC record") }
        for nal in sps where nal.type != .sequenceParameterSet {
            throw H264Error(.malformed, "a \(nal.type) given as an SPS")
        }
        for nal in pps where nal.type != .pictureParameterSet {
            throw H264Error(.malformed, "a \(nal.type) given as a PPS")
        }
        let parsed = try SequenceParameterSet(first)
        var ext: HighProfileExtension?
        if Self.carriesHighProfileExtension(profile: parsed.profileIDC) {
            ext = HighProfileExtension(parsed)
            ext?.sequenceParameterSetExtensions = sequenceParameterSetExtensions
        }
        self.init(profileIndication: parsed.profileIDC, profileCompatibility: parsed.constraintFlags,
                  levelIndication: parsed.levelIDC, nalLengthSize: nalLengthSize,
                  sequenceParameterSets: sps, pictureParameterSets: pps, highProfileExtension: ext)
        try validate()
    }

    // MARK: - Writing

    /// The record's bytes. Throws `.tooLarge` past the format's limits (31 SPS, 255 PPS, 65535-byte units)
    /// and `.malformed` for a length size outside 1...4.
    public func serialized() throws -> [UInt8] {
        try validate()
        var out: [UInt8] = [1, profileIndication, profileCompatibility, levelIndication,
                            0xFC | UInt8(nalLengthSize - 1), 0xE0 | UInt8(sequenceParameterSets.count)]
        for nal in sequenceParameterSets { Self.append(nal, to: &out) }
        out.append(UInt8(pictureParameterSets.count))
        for nal in pictureParameterSets { Self.append(nal, to: &out) }
        if let ext = highProfileExtension {
            out.append(0xFC | UInt8(ext.chromaFormat))
            out.append(0xF8 | UInt8(ext.bitDepthLuma - 8))
            out.append(0xF8 | UInt8(ext.bitDepthChroma - 8))
            out.append(UInt8(ext.sequenceParameterSetExtensions.count))
            for nal in ext.sequenceParameterSetExtensions { Self.append(nal, to: &out) }
        }
        return out
    }

    /// All SPS then all PPS, each after a 4-byte start code: what to put before the first frame when
    /// writing the track as an Annex B stream.
    public var annexBParameterSets: [UInt8] {
        AnnexB.join(sequenceParameterSets + pictureParameterSets)
    }

    // MARK: - Merging

    /// One record holding this (the source's) parameter sets and `other`'s, for a track where frames of both
    /// encoders follow each other. See ``merging(sequenceParameterSets:pictureParameterSets:)``.
    public func merging(_ other: AVCDecoderConfig) throws -> AVCDecoderConfig {
        var merged = try merging(sequenceParameterSets: other.sequenceParameterSets, pictureParameterSets: other.pictureParameterSets)
        if let added = other.highProfileExtension?.sequenceParameterSetExtensions, !added.isEmpty, merged.highProfileExtension != nil {
            merged.highProfileExtension?.sequenceParameterSetExtensions += added
            try merged.validate()
        }
        return merged
    }

    /// This (the source's) record with more parameter sets, the re-encoder's: it keeps this record's profile,
    /// compatibility, level and length size, lists all SPS then all PPS (this record's first), and carries the
    /// high-profile extension when the profile has one.
    ///
    /// Throws `.idCollision` when an added SPS or PPS has the id of one already here with other content (give
    /// the re-encoder another id: x264's `sps-id` sets both); byte-identical sets are listed once. Throws
    /// `.incompatible` when an added SPS has another chroma format, bit depth or picture size than the
    /// source's first SPS, and `.malformed` when an added PPS refers to an SPS neither record has.
    public func merging(sequenceParameterSets addedSPS: [NALUnit], pictureParameterSets addedPPS: [NALUnit]) throws -> AVCDecoderConfig {
        let sourceSPS = try sequenceParameterSets.map(SequenceParameterSet.init)
        guard let reference = sourceSPS.first else {
            throw H264Error(.malformed, "the source avcC has no SPS to merge with")
        }
        var spsByID: [Int: NALUnit] = [:]
        for (nal, parsed) in zip(sequenceParameterSets, sourceSPS) { spsByID[parsed.id] = nal }
        var ppsByID: [Int: NALUnit] = [:]
        for nal in pictureParameterSets { ppsByID[try PictureParameterSet(nal).id] = nal }

        var merged = self
        for nal in addedSPS {
            let parsed = try SequenceParameterSet(nal)
            if let existing = spsByID[parsed.id] {
                if existing == nal { continue }
                throw H264Error(.idCollision, "SPS id \(parsed.id) is in both records with different content: give the re-encoder another id (x264 option sps-id)")
            }
            try Self.checkCompatible(parsed, with: reference)
            spsByID[parsed.id] = nal
            merged.sequenceParameterSets.append(nal)
        }
        for nal in addedPPS {
            let parsed = try PictureParameterSet(nal)
            if let existing = ppsByID[parsed.id] {
                if existing == nal { continue }
                throw H264Error(.idCollision, "PPS id \(parsed.id) is in both records with different content: give the re-encoder another id (x264 option sps-id sets the PPS id too)")
            }
            guard spsByID[parsed.spsID] != nil else {
                throw H264Error(.malformed, "PPS \(parsed.id) refers to SPS \(parsed.spsID), which neither record has")
            }
            ppsByID[parsed.id] = nal
            merged.pictureParameterSets.append(nal)
        }
        if merged.highProfileExtension == nil && Self.carriesHighProfileExtension(profile: profileIndication) {
            merged.highProfileExtension = HighProfileExtension(reference)
        }
        try merged.validate()
        return merged
    }

    // MARK: - Helpers

    private static func checkCompatible(_ added: SequenceParameterSet, with source: SequenceParameterSet) throws {
        func describe(_ s: SequenceParameterSet) -> String {
            "\(s.pixelFormatName) \(s.width)x\(s.height)"
        }
        guard added.chromaFormatIDC == source.chromaFormatIDC, added.bitDepthLuma == source.bitDepthLuma,
              added.bitDepthChroma == source.bitDepthChroma else {
            throw H264Error(.incompatible, "SPS \(added.id) is \(describe(added)), the source \(describe(source)): chroma format and bit depth must match to share a track")
        }
        guard added.width == source.width, added.height == source.height else {
            throw H264Error(.incompatible, "SPS \(added.id) is \(describe(added)), the source \(describe(source)): the picture size must match to share a track")
        }
    }

    private func validate() throws {
        guard (1...4).contains(nalLengthSize) else {
            throw H264Error(.malformed, "avcC NAL length size must be 1 to 4 bytes, not \(nalLengthSize)")
        }
        guard sequenceParameterSets.count <= 31 else {
            throw H264Error(.tooLarge, "\(sequenceParameterSets.count) SPS do not fit an avcC record (at most 31)")
        }
        guard pictureParameterSets.count <= 255 else {
            throw H264Error(.tooLarge, "\(pictureParameterSets.count) PPS do not fit an avcC record (at most 255)")
        }
        var all = sequenceParameterSets + pictureParameterSets
        if let ext = highProfileExtension {
            guard (0...3).contains(ext.chromaFormat), (8...15).contains(ext.bitDepthLuma), (8...15).contains(ext.bitDepthChroma) else {
                throw H264Error(.malformed, "avcC extension values out of range: chroma_format \(ext.chromaFormat), bit depths \(ext.bitDepthLuma)/\(ext.bitDepthChroma)")
            }
            guard ext.sequenceParameterSetExtensions.count <= 255 else {
                throw H264Error(.tooLarge, "\(ext.sequenceParameterSetExtensions.count) SPS extensions do not fit an avcC record (at most 255)")
            }
            all += ext.sequenceParameterSetExtensions
        }
        for nal in all where nal.bytes.count > 0xFFFF {
            throw H264Error(.tooLarge, "a \(nal.bytes.count)-byte \(nal.type) does not fit an avcC record (at most 65535 bytes)")
        }
    }

    private static func append(_ nal: NALUnit, to out: inout [UInt8]) {
        out.append(UInt8(nal.bytes.count >> 8))
        out.append(UInt8(nal.bytes.count & 0xFF))
        out.append(contentsOf: nal.bytes)
    }
}

/// Reads big-endian fields of an avcC record with bounds checks.
private struct ByteCursor {
    let bytes: [UInt8]
    var offset = 0

    var remaining: Int { bytes.count - offset }

    mutating func u8(_ field: String) throws -> UInt8 {
        try need(1, field)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func nal(_ what: String, type: NALUnitType) throws -> NALUnit {
        try need(2, "the length of \(what)")
        let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
        offset += 2
        try need(length, what)
        let nal = try NALUnit(Array(bytes[offset..<(offset + length)]))
        offset += length
        guard nal.type == type else {
            throw H264Error(.malformed, "avcC \(what) is a \(nal.type), not a \(type)")
        }
        return nal
    }

    private func need(_ count: Int, _ field: String) throws {
        guard count <= remaining else {
            throw H264Error(.truncated, "avcC truncated: \(count) byte(s) needed for \(field) at byte \(offset), \(remaining) left")
        }
    }
}
