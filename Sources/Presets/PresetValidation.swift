import Support
import Foundation

/// Checks beyond types: allowed words, colours, ranges. Each problem names its key path.
protocol SemanticallyValidated {
    func problems() -> [(path: [String], message: String)]
}

private func hex(_ s: String, _ path: [String]) -> [(path: [String], message: String)] {
    Color(hex: s) == nil ? [(path, "expected a colour as #RRGGBB, got `\(s)`")] : []
}

private func oneOf(_ s: String, _ allowed: [String], _ path: [String]) -> [(path: [String], message: String)] {
    allowed.contains(s) ? [] : [(path, "expected one of \(allowed.joined(separator: ", ")), got `\(s)`")]
}

/// An integer in `range`; the message says which.
private func within(_ v: Int, _ range: ClosedRange<Int>, _ path: [String], _ unit: String = "") -> [(path: [String], message: String)] {
    range.contains(v) ? [] : [(path, "expected \(range.lowerBound)…\(range.upperBound)\(unit), got `\(v)`")]
}

/// A finite number in `range` (`.nan` and `.inf` are YAML numbers too, and are refused).
private func within(_ v: Double, _ range: ClosedRange<Double>, _ path: [String]) -> [(path: [String], message: String)] {
    v.isFinite && range.contains(v) ? [] : [(path, "expected a number in \(numberText(range.lowerBound))…\(numberText(range.upperBound)), got `\(numberText(v))`")]
}

/// Pixel sizes of canvases and feeds: up to 16384, libvips' and the encoders' comfortable limit.
private let maxSide = 16_384

extension PlatformPreset: SemanticallyValidated {
    func problems() -> [(path: [String], message: String)] {
        var p = within(canvas.width, 16...maxSide, ["canvas", "width"], " pixels") + within(canvas.height, 16...maxSide, ["canvas", "height"], " pixels")
            + within(feed_size.width, 16...maxSide, ["feed_size", "width"], " pixels")
            + within(feed_size.height, 16...maxSide, ["feed_size", "height"], " pixels")
            + within(min_text_px_at_feed, 1...1000, ["min_text_px_at_feed"])
        let insets = [("top", safe_zone.top), ("bottom", safe_zone.bottom), ("left", safe_zone.left), ("right", safe_zone.right)]
        let bad = insets.flatMap { within($0.1, 0...maxSide, ["safe_zone", $0.0], " pixels") }
        p += bad
        if bad.isEmpty, safe_zone.left + safe_zone.right >= canvas.width || safe_zone.top + safe_zone.bottom >= canvas.height {
            p.append((["safe_zone"], "insets leave no safe area on a \(canvas.width)x\(canvas.height) canvas"))
        }
        for (i, f) in formats.enumerated() { p += oneOf(f, ["jpg", "png", "webp"], ["formats", String(i)]) }
        if formats.isEmpty { p.append((["formats"], "list at least one format")) }
        if let kb = max_file_kb { p += within(kb, 1...1_000_000, ["max_file_kb"], " KB") }
        if let m = margin_px, m < 0 || m >= (min(canvas.width, canvas.height) + 1) / 2 {
            p.append((["margin_px"], "expected 0 or more and under half the canvas's shorter side, got `\(m)`"))
        }
        return p + (checks?.problems() ?? [])
    }
}

extension CoverCheckThresholds {
    func problems() -> [(path: [String], message: String)] {
        var p: [(path: [String], message: String)] = []
        let shares = [("text_area_max_share", text_area_max_share), ("feed_words_read_min_share", feed_words_read_min_share),
                      ("occlusion_max_share", occlusion_max_share)]
        for (key, v) in shares { if let v { p += within(v, 0...1, ["checks", key]) } }
        for (key, v) in [("contrast_min", contrast_min), ("contrast_min_large", contrast_min_large)] {
            if let v { p += within(v, 1...21, ["checks", key]) }
        }
        if let g = grid_cells_max { p += within(g, 0...25, ["checks", "grid_cells_max"], " cells") }
        return p
    }
}

extension RegionPreset: SemanticallyValidated {
    func problems() -> [(path: [String], message: String)] {
        var p: [(path: [String], message: String)] = []
        if locales.isEmpty { p.append((["locales"], "list at least one locale")) }
        for (i, l) in locales.enumerated() {
            let base = ["locales", String(i)]
            p += oneOf(l.direction, ["ltr", "rtl"], base + ["direction"])
            p += oneOf(l.currency.position, ["before", "after"], base + ["currency", "position"])
            if !ISO4217.isCode(l.currency.code) {
                p.append((base + ["currency", "code"], "`\(l.currency.code)` is not an ISO 4217 currency code such as USD, THB or EUR"))
            }
            if !(0...4).contains(l.currency.decimals) { p.append((base + ["currency", "decimals"], "expected 0…4, got `\(l.currency.decimals)`")) }
            if l.fonts.isEmpty { p.append((base + ["fonts"], "list at least one font family")) }
        }
        for (i, c) in palette.enumerated() { p += hex(c, ["palette", String(i)]) }
        guard let n = network else { return p }
        let ps = [n.p10_kbps, n.p25_kbps, n.p50_kbps, n.p75_kbps, n.p90_kbps]
        if ps != ps.sorted() || ps.contains(where: { $0 <= 0 }) {
            p.append((["network"], "percentiles must be positive and rise from p10_kbps to p90_kbps, got \(ps)"))
        }
        p += within(n.mobile_share, 0...1, ["network", "mobile_share"])
        return p
    }
}

extension CategoryPreset: SemanticallyValidated {
    func problems() -> [(path: [String], message: String)] {
        var p = oneOf(fill, ["blur", "solid", "gradient"], ["fill"])
            + oneOf(treatment, ["none", "warm", "cool", "vivid", "soft"], ["treatment"])
            + oneOf(badge_style.shape, ["tag", "pill", "circle", "ribbon"], ["badge_style", "shape"])
            + hex(badge_style.fill, ["badge_style", "fill"]) + hex(badge_style.text, ["badge_style", "text"])
        for (i, b) in badges.enumerated() { p += oneOf(b, ["discount", "new", "live", "price"], ["badges", String(i)]) }
        for (i, c) in accents.enumerated() { p += hex(c, ["accents", String(i)]) }
        if layouts.isEmpty { p.append((["layouts"], "name at least one cover-layout plugin")) }
        if !(1...6).contains(text.max_lines) { p.append((["text", "max_lines"], "expected 1…6, got `\(text.max_lines)`")) }
        if !(0...3).contains(text.max_points) { p.append((["text", "max_points"], "expected 0…3, got `\(text.max_points)`")) }
        p += within(product_slot.height_share, 0.2...1, ["product_slot", "height_share"])
            + within(product_slot.min_short_side, 0...maxSide, ["product_slot", "min_short_side"], " pixels")
            + within(text.max_words_per_line, 1...50, ["text", "max_words_per_line"])
        if let f = Color(hex: badge_style.fill), let t = Color(hex: badge_style.text), f.contrast(with: t) < 4.5 {
            p.append((["badge_style"], String(format: "badge text on fill has contrast %.2f, below WCAG 4.5", f.contrast(with: t))))
        }
        return p
    }
}

extension EncoderPreset: SemanticallyValidated {
    func problems() -> [(path: [String], message: String)] {
        var p = oneOf(codec, ["h264", "hevc", "av1", "vp9"], ["codec"])
            + oneOf(rate_control, ["crf", "abr"], ["rate_control"])
        if encoder.isEmpty || encoder.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            p.append((["encoder"], "expected an FFmpeg encoder name such as libx264, got `\(encoder)`"))
        }
        if !(gop_seconds >= 0 && gop_seconds <= 60) {
            p.append((["gop_seconds"], "expected seconds in 0…60 (0: the encoder's default), got `\(numberText(gop_seconds))`"))
        }
        if rate_control == "crf" && crf == nil { p.append((["crf"], "rate_control crf needs a `crf` value")) }
        if let m = maxrate_factor, !(m >= 1 && m <= 10) { p.append((["maxrate_factor"], "expected 1…10 (× the target bitrate), got `\(numberText(m))`")) }
        if let b = bufsize_factor, !(b > 0 && b <= 20) { p.append((["bufsize_factor"], "expected a number in (0, 20] (× the target bitrate), got `\(numberText(b))`")) }
        if bufsize_factor != nil && maxrate_factor == nil { p.append((["bufsize_factor"], "a VBV buffer needs `maxrate_factor` too")) }
        if let c = crf { p += within(c, 0...63, ["crf"]) }
        p += within(audio_kbps, 8...1024, ["audio_kbps"], " kbps")
        return p
    }
}
