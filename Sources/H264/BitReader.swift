/// An error reading or writing an H.264 bitstream structure (NAL units, parameter sets, avcC records).
///
/// Every parser in this folder checks bounds before reading, so garbage input ends here and never in a crash.
public struct H264Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that react differently (a collision asks for another `sps-id`, say).
    public enum Kind: Sendable, Equatable {
        /// The input ends before the structure does.
        case truncated
        /// An Annex B stream without a start code where one must be.
        case badStartCode
        /// A value the standard forbids, or a structure of the wrong kind.
        case malformed
        /// Two different parameter sets with the same id in one merged record.
        case idCollision
        /// Parameter sets that cannot share one track (other chroma format, bit depth or picture size).
        case incompatible
        /// A value too large for the field it has to go in (a NAL unit for its length prefix, say).
        case tooLarge
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// Reads bits most-significant first from an RBSP (raw byte sequence payload), with the
/// Exp-Golomb codes of ITU-T H.264 §9.1 (`ue(v)`, `se(v)`).
///
/// Build it from a NAL unit's payload with ``init(ebsp:context:)``, which removes the
/// emulation-prevention bytes first (§7.4.1: a 0x03 after two zero bytes is not data).
/// Every read checks the remaining length and throws ``H264Error`` (kind `.truncated`) naming
/// the field it was reading.
public struct BitReader: Sendable {
    /// The RBSP bytes being read.
    public let bytes: [UInt8]
    /// The position of the next bit, counted from the first bit of `bytes`.
    public private(set) var position: Int = 0
    /// What is being read ("SPS", "slice header"...), for error messages.
    public let context: String

    /// A reader over bytes that already have no emulation-prevention bytes.
    public init(rbsp: [UInt8], context: String = "bitstream") {
        self.bytes = rbsp
        self.context = context
    }

    /// A reader over a NAL unit payload as stored (EBSP): emulation-prevention bytes are removed first.
    public init<C: Collection>(ebsp: C, context: String = "bitstream") where C.Element == UInt8 {
        self.init(rbsp: BitReader.removingEmulationPrevention(ebsp), context: context)
    }

    /// The RBSP of an EBSP: every 0x03 that follows two zero bytes is dropped (H.264 §7.3.1, §7.4.1).
    public static func removingEmulationPrevention<C: Collection>(_ ebsp: C) -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(ebsp.count)
        var zeros = 0
        for byte in ebsp {
            if zeros >= 2 && byte == 0x03 {
                zeros = 0
                continue
            }
            out.append(byte)
            zeros = byte == 0 ? zeros + 1 : 0
        }
        return out
    }

    /// How many bits are left to read.
    public var bitsRemaining: Int { bytes.count * 8 - position }

    /// Whether the next bit starts a byte.
    public var isByteAligned: Bool { position % 8 == 0 }

    /// Reads one bit as a flag (`u(1)`).
    public mutating func flag(_ field: String = "") throws -> Bool {
        try bits(1, field) == 1
    }

    /// Reads `count` bits (0...32) as an unsigned number (`u(n)`).
    public mutating func bits(_ count: Int, _ field: String = "") throws -> UInt32 {
        guard count >= 0 && count <= 32 else {
            throw H264Error(.malformed, "\(context): cannot read \(count) bits at once\(fieldSuffix(field))")
        }
        try need(count, field)
        var value: UInt32 = 0
        for _ in 0..<count {
            let byte = bytes[position >> 3]
            let bit = (byte >> (7 - UInt8(position & 7))) & 1
            value = (value << 1) | UInt32(bit)
            position += 1
        }
        return value
    }

    /// Skips `count` bits.
    public mutating func skip(_ count: Int, _ field: String = "") throws {
        guard count >= 0 else {
            throw H264Error(.malformed, "\(context): cannot skip \(count) bits\(fieldSuffix(field))")
        }
        try need(count, field)
        position += count
    }

    /// Reads an unsigned Exp-Golomb code (`ue(v)`, §9.1): up to 2^32 − 2.
    public mutating func ue(_ field: String = "") throws -> UInt32 {
        var leadingZeros = 0
        while try bits(1, field) == 0 {
            leadingZeros += 1
            guard leadingZeros <= 31 else {
                throw H264Error(.malformed, "\(context): Exp-Golomb code with more than 31 leading zeros\(fieldSuffix(field)) at bit \(position)")
            }
        }
        guard leadingZeros > 0 else { return 0 }
        let suffix = try bits(leadingZeros, field)
        // (2^n − 1) + suffix never exceeds 2^32 − 2 for n ≤ 31.
        return (UInt32(1) << UInt32(leadingZeros)) - 1 + suffix
    }

    /// Reads a signed Exp-Golomb code (`se(v)`, §9.1.1): k ↦ (−1)^(k+1) · ⌈k ÷ 2⌉.
    public mutating func se(_ field: String = "") throws -> Int32 {
        let k = Int64(try ue(field))
        let magnitude = (k + 1) / 2
        return Int32(k % 2 == 1 ? magnitude : -magnitude)
    }

    /// Reads `ue(v)` and checks it is at most `max` (a range the standard gives for the field).
    public mutating func ue(_ field: String, max: Int) throws -> Int {
        let value = Int(try ue(field))
        guard value <= max else {
            throw H264Error(.malformed, "\(context): \(field) is \(value), more than the maximum \(max)")
        }
        return value
    }

    private func need(_ count: Int, _ field: String) throws {
        guard count <= bitsRemaining else {
            throw H264Error(.truncated, "\(context) truncated: \(count) bit(s) needed\(fieldSuffix(field)) at bit \(position), \(bitsRemaining) left")
        }
    }

    private func fieldSuffix(_ field: String) -> String {
        field.isEmpty ? "" : " for \(field)"
    }
}
