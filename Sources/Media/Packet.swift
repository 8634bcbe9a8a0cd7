internal import CFFmpeg

/// One compressed packet. Owns its `AVPacket` and frees it when released.
public final class Packet {
    let pointer: UnsafeMutablePointer<AVPacket>

    public init() throws(MediaError) {
        guard let p = av_packet_alloc() else { throw .outOfMemory("", "allocate a packet") }
        pointer = p
    }
    deinit { var p: UnsafeMutablePointer<AVPacket>? = pointer; av_packet_free(&p) }

    /// Sentinel for a missing timestamp.
    public static let noTimestamp: Int64 = mq_nopts()

    public var streamIndex: Int {
        get { Int(pointer.pointee.stream_index) }
        set { pointer.pointee.stream_index = Int32(newValue) }
    }
    public var pts: Int64 { get { pointer.pointee.pts } set { pointer.pointee.pts = newValue } }
    public var dts: Int64 { get { pointer.pointee.dts } set { pointer.pointee.dts = newValue } }
    public var duration: Int64 { get { pointer.pointee.duration } set { pointer.pointee.duration = newValue } }
    public var isKeyframe: Bool {
        get { pointer.pointee.flags & AV_PKT_FLAG_KEY != 0 }
        set { if newValue { pointer.pointee.flags |= AV_PKT_FLAG_KEY } else { pointer.pointee.flags &= ~AV_PKT_FLAG_KEY } }
    }
    /// The demuxer flagged this packet as corrupt.
    public var isCorrupt: Bool { pointer.pointee.flags & AV_PKT_FLAG_CORRUPT != 0 }
    public var size: Int { Int(pointer.pointee.size) }
    /// Byte position in the input, -1 when unknown.
    public var position: Int64 { pointer.pointee.pos }

    /// The payload, copied.
    public var bytes: [UInt8] {
        guard let d = pointer.pointee.data, pointer.pointee.size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: d, count: Int(pointer.pointee.size)))
    }

    /// Replaces the payload with `bytes` (timestamps and flags kept).
    public func setBytes(_ bytes: [UInt8]) throws(MediaError) {
        guard let size = Int32(exactly: bytes.count) else {
            throw MediaError(path: "", action: "set a packet's payload", message: "\(bytes.count) bytes is more than a packet holds")
        }
        let ts = (pointer.pointee.pts, pointer.pointee.dts, pointer.pointee.duration, pointer.pointee.flags, pointer.pointee.stream_index)
        av_packet_unref(pointer)
        let rc = av_new_packet(pointer, size)
        guard rc >= 0 else { throw MediaError(path: "", action: "allocate a \(bytes.count)-byte packet", code: rc) }
        bytes.withUnsafeBufferPointer { src in
            if let base = src.baseAddress, let d = pointer.pointee.data, !bytes.isEmpty { d.update(from: base, count: bytes.count) }
        }
        (pointer.pointee.pts, pointer.pointee.dts, pointer.pointee.duration, pointer.pointee.flags, pointer.pointee.stream_index) = ts
    }

    /// A new packet referencing the same data (no copy).
    public func clone() throws(MediaError) -> Packet {
        let p = try Packet()
        let rc = av_packet_ref(p.pointer, pointer)
        guard rc >= 0 else { throw MediaError(path: "", action: "reference a packet", code: rc) }
        return p
    }

    /// Shifts pts and dts by `delta` ticks (missing timestamps stay missing).
    public func shift(by delta: Int64) {
        if pointer.pointee.pts != Packet.noTimestamp { pointer.pointee.pts += delta }
        if pointer.pointee.dts != Packet.noTimestamp { pointer.pointee.dts += delta }
    }

    /// Rescales timestamps from one time base to another.
    public func rescale(from: Rational, to: Rational) {
        av_packet_rescale_ts(pointer, AVRational(num: from.num, den: from.den), AVRational(num: to.num, den: to.den))
    }

    public func unref() { av_packet_unref(pointer) }
}
