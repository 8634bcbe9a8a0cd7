internal import CVips
import Foundation

/// Calls any libvips operation by name through the generic operation API, as pyvips does:
/// `vips_operation_new`, properties set from GValues, `vips_cache_operation_buildp`, outputs read back.
/// There is no hand-written shim per variadic C function.
public enum VipsOperation {
    /// Runs `name` with `inputs`, returning the requested outputs (default: the image `out`).
    /// `cached: false` builds the operation outside libvips' operation cache (see `Image.libvipsResize`).
    public static func call(_ name: String, _ inputs: [String: VipsArgument],
                            outputs: [String] = ["out"], cached: Bool = true) throws(ImagingError) -> VipsOutputs {
        try Vips.ensureStarted()
        guard let created = vips_operation_new(name) else {
            throw ImagingError(operation: name, message: Vips.takeError())
        }
        var handle: UnsafeMutablePointer<CVips.VipsOperation>? = created
        let op = created
        // Keep input images alive until the build has taken its own references.
        var keep: [Image] = []
        for (key, value) in inputs.sorted(by: { $0.key < $1.key }) {
            do throws(ImagingError) {
                try set(op, key, value, keep: &keep)
            } catch {
                mq_unref(op)
                throw ImagingError(operation: name, message: error.message)
            }
        }
        // The cache may hand back an equivalent operation built earlier in place of ours.
        let built = cached ? vips_cache_operation_buildp(&handle) : vips_object_build(mq_vips_object(op))
        withExtendedLifetime(keep) {}
        guard built == 0, let op = handle else {
            vips_object_unref_outputs(mq_vips_object(op))
            mq_unref(op)
            throw ImagingError(operation: name, message: Vips.takeError())
        }
        var result = VipsOutputs()
        for key in outputs { read(op, key, into: &result) }
        vips_object_unref_outputs(mq_vips_object(op))
        mq_unref(op)
        return result
    }

    /// libvips registers argument names with hyphens; callers may use underscores.
    private static func gname(_ key: String) -> String { key.replacingOccurrences(of: "_", with: "-") }

    private static func paramType(_ op: UnsafeMutablePointer<CVips.VipsOperation>, _ key: String) -> GType? {
        paramSpec(op, key).map(mq_pspec_value_type)
    }

    private static func paramSpec(_ op: UnsafeMutablePointer<CVips.VipsOperation>, _ key: String) -> UnsafeMutablePointer<GParamSpec>? {
        var pspec: UnsafeMutablePointer<GParamSpec>? = nil
        var argClass: UnsafeMutablePointer<VipsArgumentClass>? = nil
        var argInstance: UnsafeMutablePointer<VipsArgumentInstance>? = nil
        guard vips_object_get_argument(mq_vips_object(op), gname(key), &pspec, &argClass, &argInstance) == 0,
              let pspec else {
            vips_error_clear()
            return nil
        }
        return pspec
    }

    private static func set(_ op: UnsafeMutablePointer<CVips.VipsOperation>, _ key: String, _ value: VipsArgument,
                            keep: inout [Image]) throws(ImagingError) {
        guard let pspec = paramSpec(op, key) else {
            throw ImagingError(operation: "argument", message: "no argument `\(key)`")
        }
        let type = mq_pspec_value_type(pspec)
        var gv = GValue()
        g_value_init(&gv, type)
        defer { g_value_unset(&gv) }
        let fundamental = mq_fundamental(type)
        switch value {
        case .int(let i):
            if type == mq_type_double() { g_value_set_double(&gv, Double(i)) }
            else if type == mq_type_uint64() { g_value_set_uint64(&gv, UInt(max(0, i))) }
            else if type == mq_type_boolean() { g_value_set_boolean(&gv, i != 0 ? 1 : 0) }
            else if fundamental == mq_type_enum() { g_value_set_enum(&gv, Int32(i)) }
            else if fundamental == mq_type_flags() { g_value_set_flags(&gv, UInt32(i)) }
            else { g_value_set_int(&gv, Int32(clamping: i)) }
            try inRange(pspec, &gv, key, "\(i)")
        case .double(let d):
            if type == mq_type_int() { g_value_set_int(&gv, Int32(d.rounded())) }
            else { g_value_set_double(&gv, d) }
            try inRange(pspec, &gv, key, "\(d)")
        case .bool(let b):
            g_value_set_boolean(&gv, b ? 1 : 0)
        case .string(let s):
            if fundamental == mq_type_enum() {
                let v = vips_enum_from_nick("marquee", type, s)
                guard v >= 0 else { throw ImagingError(operation: "argument", message: "`\(key)`: \(Vips.takeError())") }
                g_value_set_enum(&gv, v)
            } else if fundamental == mq_type_flags() {
                let v = vips_flags_from_nick("marquee", type, s)
                guard v >= 0 else { throw ImagingError(operation: "argument", message: "`\(key)`: \(Vips.takeError())") }
                g_value_set_flags(&gv, UInt32(v))
            } else {
                g_value_set_string(&gv, s)
            }
        case .image(let img):
            keep.append(img)
            g_value_set_object(&gv, img.pointer)
        case .doubles(let ds):
            if type == mq_type_array_int() {
                let ints = ds.map { Int32($0.rounded()) }
                ints.withUnsafeBufferPointer { vips_value_set_array_int(&gv, $0.baseAddress, Int32(ints.count)) }
            } else {
                ds.withUnsafeBufferPointer { vips_value_set_array_double(&gv, $0.baseAddress, Int32(ds.count)) }
            }
        case .ints(let xs):
            if type == mq_type_array_double() {
                let ds = xs.map(Double.init)
                ds.withUnsafeBufferPointer { vips_value_set_array_double(&gv, $0.baseAddress, Int32(ds.count)) }
            } else {
                let ints = xs.map { Int32(clamping: $0) }
                ints.withUnsafeBufferPointer { vips_value_set_array_int(&gv, $0.baseAddress, Int32(ints.count)) }
            }
        case .images(let imgs):
            keep.append(contentsOf: imgs)
            vips_value_set_array_image(&gv, Int32(imgs.count))
            var n: Int32 = 0
            if let arr = vips_value_get_array_image(&gv, &n) {
                for (i, img) in imgs.enumerated() where i < Int(n) {
                    mq_ref(img.pointer)
                    arr[i] = img.pointer
                }
            }
        case .blob(let data):
            let blob = data.withUnsafeBytes { vips_blob_copy($0.baseAddress, $0.count) }
            g_value_set_boxed(&gv, blob)
            mq_blob_unref(blob)
        }
        g_object_set_property(mq_object(op), gname(key), &gv)
    }

    /// GLib leaves a property unset when its value is outside the argument's range (with a warning on
    /// stderr), and the operation would run on its default: refused here instead.
    private static func inRange(_ pspec: UnsafeMutablePointer<GParamSpec>, _ gv: inout GValue, _ key: String,
                                _ shown: String) throws(ImagingError) {
        guard g_param_value_validate(pspec, &gv) != 0 else { return }
        throw ImagingError(operation: "argument", message: "`\(key)` \(shown) is outside the range libvips accepts")
    }

    private static func read(_ op: UnsafeMutablePointer<CVips.VipsOperation>, _ key: String, into result: inout VipsOutputs) {
        guard let type = paramType(op, key) else { return }
        var gv = GValue()
        g_value_init(&gv, type)
        defer { g_value_unset(&gv) }
        g_object_get_property(mq_object(op), gname(key), &gv)
        if mq_is_a(type, mq_type_image()) != 0 {
            if let obj = g_value_get_object(&gv) {
                mq_ref(obj)
                result.images[key] = Image(owning: mq_vips_image(obj))
            }
        } else if type == mq_type_double() {
            result.numbers[key] = g_value_get_double(&gv)
        } else if type == mq_type_int() {
            result.numbers[key] = Double(g_value_get_int(&gv))
        } else if type == mq_type_boolean() {
            result.numbers[key] = g_value_get_boolean(&gv) != 0 ? 1 : 0
        } else if type == mq_type_blob() {
            var len = 0
            if let p = vips_value_get_blob(&gv, &len) { result.blobs[key] = Data(bytes: p, count: len) }
        } else if type == mq_type_array_double() {
            var n: Int32 = 0
            if let p = vips_value_get_array_double(&gv, &n) {
                result.arrays[key] = Array(UnsafeBufferPointer(start: p, count: Int(n)))
            }
        } else if type == mq_type_array_int() {
            var n: Int32 = 0
            if let p = vips_value_get_array_int(&gv, &n) {
                result.arrays[key] = UnsafeBufferPointer(start: p, count: Int(n)).map(Double.init)
            }
        }
    }
}
