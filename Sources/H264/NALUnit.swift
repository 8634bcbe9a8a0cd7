/// The `nal_unit_type` of an H.264 NAL unit (ITU-T H.264 Table 7-1).
public struct NALUnitType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Coded slice of a non-IDR picture (P, B, or an I slice that is not an IDR, as in open GOPs).
    public static let nonIDRSlice = NALUnitType(rawValue: 1)
    public static let dataPartitionA = NALUnitType(rawValue: 2)
    public static let dataPartitionB = NALUnitType(rawValue: 3)
    public static let dataPartitionC = NALUnitType(rawValue: 4)
    /// Coded slice of an IDR picture: decoding can start here, nothing later refers to anything earlier.
    public static let idrSlice = NALUnitType(rawValue: 5)
    /// Supplemental enhancement information (x264's version string, recovery points...).
    public static let sei = NALUnitType(rawValue: 6)
    public static let sequenceParameterSet = NALUnitType(rawValue: 7)
    public static let pictureParameterSet = NALUnitType(rawValue: 8)
    public static let accessUnitDelimiter = NALUnitType(rawValue: 9)
    public static let endOfSequence = NALUnitType(rawValue: 10)
    public static let endOfStream = NALUnitType(rawValue: 11)
    public static let fillerData = NALUnitType(rawValue: 12)
    public static let sequenceParameterSetExtension = NALUnitType(rawValue: 13)
    public static let prefix = NALUnitType(rawValue: 14)
    public static let subsetSequenceParameterSet = NALUnitType(rawValue: 15)
    public static let auxiliarySlice = NALUnitType(rawValue: 19)
    public static let sliceExtension = NALUnitType(rawValue: 20)

    /// The NAL units that travel in the avcC rather than in MP4 samples when converting
    /// an encoder's Annex B output: SPS, PPS and access unit delimiters.
    public static let outOfBandTypes: Set<NALUnitType> = [.sequenceParameterSet, .pictureParameterSet, .accessUnitDelimiter]

    /// Whether this type carries coded picture data (types 1–5, §7.4.1.2.2).
    public var isVCL: Bool { (1...5).contains(rawValue) }

    public var description: String {
        switch rawValue {
        case 1: "non-IDR slice"
        case 2: "data partition A"
        case 3: "data partition B"
        case 4: "data partition C"
        case 5: "IDR slice"
        case 6: "SEI"
        case 7: "SPS"
        case 8: "PPS"
        case 9: "AUD"
        case 10: "end of sequence"
        case 11: "end of stream"
        case 12: "filler data"
        case 13: "SPS extension"
        case 14: "prefix NAL"
        case 15: "subset SPS"
        case 19: "auxiliary slice"
        case 20: "slice extension"
        default: "NAL type \(rawValue)"
        }
    }
}

/// One H.264 NAL unit as stored: the header byte, then the payload with its emulation-prevention bytes (EBSP).
public struct NALUnit: Hashable, Sendable {
    /// Header byte and payload, without start code or length prefix.
    public let bytes: [UInt8]

    /// Wraps NAL unit bytes; throws on an empty unit or a set `forbidden_zero_bit`.
    public init(_ bytes: [UInt8]) throws {
        guard let header = bytes.first else {
            throw H264Error(.malformed, "empty NAL unit")
        }
        guard header & 0x80 == 0 else {
            throw H264Error(.malformed, "NAL unit header 0x\(String(header, radix: 16)) has forbidden_zero_bit set: not H.264, or corrupt")
        }
        self.bytes = bytes
    }

    /// The header byte.
    public var header: UInt8 { bytes[0] }

    /// `nal_unit_type`, the low five bits of the header.
    public var type: NALUnitType { NALUnitType(rawValue: bytes[0] & 0x1F) }

    /// `nal_ref_idc` (0 = not used for reference).
    public var refIDC: Int { Int(bytes[0] >> 5) & 3 }

    /// The payload after the header byte, still with emulation-prevention bytes.
    public var payload: ArraySlice<UInt8> { bytes[1...] }

    /// A bit reader over the payload's RBSP (emulation-prevention bytes removed).
    public func rbspReader(context: String) -> BitReader {
        BitReader(ebsp: payload, context: context)
    }

    /// Whether the bytes can sit between Annex B start codes and be found again: no
    /// 00 00 00, 00 00 01 or 00 00 02 inside (§7.4.1), and no zero last byte.
    public var isAnnexBSafe: Bool {
        guard bytes.last != 0 else { return false }
        var zeros = 0
        for byte in bytes {
            if zeros >= 2 && byte <= 2 { return false }
            zeros = byte == 0 ? zeros + 1 : 0
        }
        return true
    }
}

extension Collection where Element == NALUnit {
    /// The types of the units, in order.
    public var types: [NALUnitType] { map(\.type) }

    /// Whether any unit is a coded slice of an IDR picture (type 5): the test for "can a decoder start here
    /// with nothing before it". An open-GOP keyframe is an I slice of type 1 and is not IDR.
    public var containsIDRSlice: Bool { contains { $0.type == .idrSlice } }

    /// Whether any unit has the given type (SPS, PPS, SEI, AUD...).
    public func contains(type: NALUnitType) -> Bool { contains { $0.type == type } }
}

/// A NAL unit found in an Annex B byte stream (ITU-T H.264 Annex B), with the start code before it.
public struct AnnexBUnit: Hashable, Sendable {
    public let nal: NALUnit
    /// Bytes of the start code before the unit: 3 (`00 00 01`), 4 (`00 00 00 01`), or more when
    /// zero bytes (`leading_zero_8bits` / `trailing_zero_8bits`) pad the stream there.
    public let startCodeLength: Int

    /// A unit after a start code of `startCodeLength` bytes (at least 3; smaller values count as 3).
    public init(nal: NALUnit, startCodeLength: Int) {
        self.nal = nal
        self.startCodeLength = max(3, startCodeLength)
    }
}

/// Annex B byte streams: NAL units each after a start code `00 00 01` or `00 00 00 01`, as libx264 writes them.
public enum AnnexB {
    /// The NAL units of a byte stream with the start code of each, so that joining them again
    /// (``join(_:)`` on the units) gives the stream back byte for byte, except zero bytes after
    /// the last unit (trailing zeros are not kept).
    ///
    /// Throws `.badStartCode` when the stream does not begin with a start code (after optional zero bytes) or
    /// holds `00 00 00` followed by anything but zeros and `01`, and `.malformed` for an empty unit.
    public static func units(in stream: [UInt8]) throws -> [AnnexBUnit] {
        let n = stream.count
        var i = 0
        while i < n && stream[i] == 0 { i += 1 }
        guard i >= 2, i < n, stream[i] == 1 else {
            throw H264Error(.badStartCode, "Annex B stream does not start with a start code (00 00 01 or 00 00 00 01)")
        }
        var startCodeLength = i + 1
        var start = i + 1
        var units: [AnnexBUnit] = []
        while true {
            // The unit ends at the first 00 00 00 or 00 00 01 (neither can occur inside a NAL unit).
            var end = start
            var next = n
            while end + 2 < n {
                if stream[end + 2] > 1 {
                    end += 3
                } else if stream[end] == 0 && stream[end + 1] == 0 {
                    next = end
                    break
                } else {
                    end += 1
                }
            }
            if next == n { end = n }
            // Zero bytes at the very end are trailing_zero_8bits, not data.
            var unitEnd = end
            if next == n {
                while unitEnd > start && stream[unitEnd - 1] == 0 { unitEnd -= 1 }
            }
            guard unitEnd > start else {
                throw H264Error(.malformed, "empty NAL unit after the start code at byte \(start - startCodeLength)")
            }
            units.append(AnnexBUnit(nal: try NALUnit(Array(stream[start..<unitEnd])), startCodeLength: startCodeLength))
            guard next < n else { return units }
            var j = next
            while j < n && stream[j] == 0 { j += 1 }
            if j == n { return units }
            guard stream[j] == 1 else {
                throw H264Error(.badStartCode, "bad start code at byte \(next): zero bytes followed by 0x\(String(stream[j], radix: 16)) instead of 01")
            }
            startCodeLength = j + 1 - next
            start = j + 1
        }
    }

    /// The NAL units of a byte stream, in order (see ``units(in:)``).
    public static func split(_ stream: [UInt8]) throws -> [NALUnit] {
        try units(in: stream).map(\.nal)
    }

    /// The byte stream of units with their own start code lengths: the inverse of ``units(in:)``.
    public static func join(_ units: [AnnexBUnit]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(units.reduce(0) { $0 + $1.startCodeLength + $1.nal.bytes.count })
        for unit in units {
            out.append(contentsOf: repeatElement(0, count: unit.startCodeLength - 1))
            out.append(1)
            out.append(contentsOf: unit.nal.bytes)
        }
        return out
    }

    /// A byte stream of NAL units, each after a start code of `startCodeLength` bytes (3 or 4, at least 3; 4 is what
    /// libx264 and FFmpeg's `h264_mp4toannexb` put before parameter sets and the first unit of an access unit).
    public static func join(_ nals: [NALUnit], startCodeLength: Int = 4) -> [UInt8] {
        join(nals.map { AnnexBUnit(nal: $0, startCodeLength: startCodeLength) })
    }

    /// Converts an encoder's Annex B output (one packet or a whole stream) to NAL units each preceded by its
    /// big-endian length in `lengthSize` bytes (the avcC's `lengthSizeMinusOne + 1`), as MP4 samples hold them.
    /// Units of the `dropping` types are left out: by default SPS, PPS and AUD, which belong in the avcC.
    public static func toLengthPrefixed(_ stream: [UInt8], lengthSize: Int,
                                        dropping: Set<NALUnitType> = NALUnitType.outOfBandTypes) throws -> [UInt8] {
        let kept = try split(stream).filter { !dropping.contains($0.type) }
        return try LengthPrefixed.join(kept, lengthSize: lengthSize)
    }
}

/// Length-prefixed NAL units (ISO/IEC 14496-15 §5.3.2, MP4 samples): each unit after its size as a
/// big-endian number of 1, 2, 3 or 4 bytes.
public enum LengthPrefixed {
    /// The NAL units of one sample. Throws `.truncated` if a length runs past the end, `.malformed` for a zero length.
    public static func split(_ sample: [UInt8], lengthSize: Int) throws -> [NALUnit] {
        try unitRanges(sample, lengthSize: lengthSize).map { try NALUnit(Array(sample[$0])) }
    }

    /// Where each unit of one sample lies (its bytes after the length), without copying them.
    static func unitRanges(_ sample: [UInt8], lengthSize: Int) throws -> [Range<Int>] {
        try checkLengthSize(lengthSize)
        var ranges: [Range<Int>] = []
        var i = 0
        while i < sample.count {
            guard sample.count - i >= lengthSize else {
                throw H264Error(.truncated, "length-prefixed NAL units truncated: \(sample.count - i) byte(s) left at byte \(i), a \(lengthSize)-byte length needed")
            }
            var length = 0
            for k in 0..<lengthSize { length = length << 8 | Int(sample[i + k]) }
            i += lengthSize
            guard length > 0 else {
                throw H264Error(.malformed, "zero-length NAL unit at byte \(i - lengthSize)")
            }
            guard length <= sample.count - i else {
                throw H264Error(.truncated, "length-prefixed NAL unit truncated: \(length) bytes announced at byte \(i - lengthSize), \(sample.count - i) left")
            }
            ranges.append(i..<(i + length))
            i += length
        }
        return ranges
    }

    /// The largest `nal_ref_idc` of the sample's slices: 0 when no other picture refers to this one (a
    /// decoder may skip it), nil when the sample has no slice or is malformed. Reads the unit headers only.
    public static func referenceIDC(ofSlicesIn sample: [UInt8], lengthSize: Int) -> Int? {
        guard let ranges = try? unitRanges(sample, lengthSize: lengthSize) else { return nil }
        return ranges.map { sample[$0.lowerBound] }.filter { NALUnitType(rawValue: $0 & 0x1F).isVCL }.map { Int($0 >> 5) & 3 }.max()
    }

    /// One sample from NAL units. Throws `.tooLarge` if a unit does not fit a `lengthSize`-byte length.
    public static func join(_ nals: [NALUnit], lengthSize: Int) throws -> [UInt8] {
        try checkLengthSize(lengthSize)
        let limit = (1 << (8 * lengthSize)) - 1
        var out: [UInt8] = []
        out.reserveCapacity(nals.reduce(0) { $0 + lengthSize + $1.bytes.count })
        for nal in nals {
            guard nal.bytes.count <= limit else {
                throw H264Error(.tooLarge, "a \(nal.bytes.count)-byte \(nal.type) does not fit a \(lengthSize)-byte length prefix (at most \(limit))")
            }
            for k in stride(from: lengthSize - 1, through: 0, by: -1) {
                out.append(UInt8(truncatingIfNeeded: nal.bytes.count >> (8 * k)))
            }
            out.append(contentsOf: nal.bytes)
        }
        return out
    }

    /// Converts one sample to Annex B with `startCodeLength`-byte start codes. Throws `.malformed` when a unit
    /// could not be found again between start codes (see ``NALUnit/isAnnexBSafe``).
    public static func toAnnexB(_ sample: [UInt8], lengthSize: Int, startCodeLength: Int = 4) throws -> [UInt8] {
        let nals = try split(sample, lengthSize: lengthSize)
        for nal in nals where !nal.isAnnexBSafe {
            throw H264Error(.malformed, "a \(nal.type) holds a start code sequence or ends with a zero byte; it cannot go in an Annex B stream")
        }
        return AnnexB.join(nals, startCodeLength: startCodeLength)
    }

    /// The NAL unit types in one sample, in order: to ask whether a packet holds an IDR slice, SPS, PPS, SEI or AUD.
    public static func types(in sample: [UInt8], lengthSize: Int) throws -> [NALUnitType] {
        try split(sample, lengthSize: lengthSize).types
    }

    private static func checkLengthSize(_ size: Int) throws {
        guard (1...4).contains(size) else {
            throw H264Error(.malformed, "NAL unit length size must be 1 to 4 bytes, not \(size)")
        }
    }
}

/// The first fields of a slice header (ITU-T H.264 §7.3.3): enough to tell an I slice from P/B and find its PPS.
public struct SliceHeader: Sendable, Equatable {
    /// `slice_type` modulo 5 (Table 7-6).
    public enum SliceType: Int, Sendable {
        case p = 0, b, i, sp, si
    }

    /// `first_mb_in_slice`: 0 for the first slice of a picture.
    public let firstMBInSlice: Int
    public let sliceType: SliceType
    /// Whether `slice_type` was 5–9: every slice of the picture has this type.
    public let allSlicesOfPictureSameType: Bool
    /// `pic_parameter_set_id` of the PPS the slice uses.
    public let ppsID: Int

    /// Reads the header of a slice NAL unit (types 1, 2, 5 and 19).
    public init(_ nal: NALUnit) throws {
        guard [1, 2, 5, 19].contains(nal.type.rawValue) else {
            throw H264Error(.malformed, "a \(nal.type) has no slice header")
        }
        var r = nal.rbspReader(context: "slice header")
        firstMBInSlice = Int(try r.ue("first_mb_in_slice"))
        let rawType = try r.ue("slice_type", max: 9)
        guard let type = SliceType(rawValue: Int(rawType % 5)) else {
            throw H264Error(.malformed, "slice header: slice_type \(rawType) is not 0…9")
        }
        sliceType = type
        allSlicesOfPictureSameType = rawType >= 5
        ppsID = try r.ue("pic_parameter_set_id", max: 255)
    }

    /// Whether the slice is intra-coded (I or SI).
    public var isIntra: Bool { sliceType == .i || sliceType == .si }
}
