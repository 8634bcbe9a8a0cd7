import Foundation

/// Checks JSON's nesting before it is decoded: decoding is recursive, so `[[[[…` a million deep must
/// be refused by a scan, not found by the decoder.
package enum JSONPrecheck {
    /// The nesting depth of `data` (arrays and objects, outside strings), stopping once past `limit`.
    package static func depth(_ data: Data, limit: Int = InputLimits.nestingDepth) -> Int {
        var depth = 0, deepest = 0
        var inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > limit { return deepest }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return deepest
    }

    /// Throws when `data` is nested deeper than `InputLimits.nestingDepth`; `what` and `path` name the file.
    package static func check(_ data: Data, what: String, path: String) throws(MarqueeError) {
        let d = depth(data)
        guard d > InputLimits.nestingDepth else { return }
        throw .usage("\(what) \(path): lists and objects are nested more than \(InputLimits.nestingDepth) deep, over the limit; a \(what) needs only 3 or 4 levels")
    }
}
