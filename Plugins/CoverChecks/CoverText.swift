import Support
import Presets
import Covers

/// An element of a cover that checks judge: a text line or block, a price, a badge, a logo.
struct CoverElement: Sendable {
    /// Index in the cover's layers (nil for text found by detection with no layer).
    let layer: Int?
    let kind: String
    let role: String
    let text: String?
    let box: Box
    /// Where each line of its text stands, from layer data (nil for detected text and for layers without).
    var lines: [Box]? = nil
    /// OCR's confidence (0…100) for detected text; nil for layers.
    let confidence: Double?

    /// How a designer would name it: `title “Buds Pro”`, `badge live`.
    var name: String {
        let what = role == kind || role.isEmpty ? kind : "\(role)"
        return text.map { "\(what) “\(Self.short($0))”" } ?? what
    }

    static func short(_ s: String) -> String { s.count > 32 ? String(s.prefix(30)) + "…" : s }
}

extension CoverCheckInput {
    /// Layer kinds that must stay clear of UI and edges; photos and backgrounds may bleed.
    static let guarded: Set<String> = ["text", "badge", "price", "chip", "label", "logo"]

    /// Every element with text: layers with text, or the lines detection read.
    var textElements: [CoverElement] {
        cover.layers.enumerated().compactMap { i, l in
            guard let text = l.text, !text.isEmpty, l.box.w > 0, l.box.h > 0 else { return nil }
            return CoverElement(layer: i, kind: l.kind, role: l.role, text: text, box: l.box, lines: l.lines, confidence: confidence(i))
        }
    }

    /// Text, prices, badges, chips, labels and logos (with or without text), and text-bearing scrims.
    var guardedElements: [CoverElement] {
        cover.layers.enumerated().compactMap { i, l in
            guard Self.guarded.contains(l.kind) || (l.kind == "scrim" && l.text != nil), l.box.w > 0, l.box.h > 0 else { return nil }
            return CoverElement(layer: i, kind: l.kind, role: l.role, text: l.text, box: l.box, confidence: confidence(i))
        }
    }

    /// The title: the layer with role `title`, else (detection) the tallest line.
    var title: CoverElement? {
        let texts = textElements
        return texts.first { $0.role == "title" } ?? texts.max { $0.box.h < $1.box.h }
    }

    /// A geometric finding `px` pixels past its limit (into a UI zone, short of the edge margin): none
    /// within the boxes' precision (`boxTolerance`), a warning within a detected box's reach past its
    /// letters (`boxUncertainty`), an error beyond; layer data is exact, so any pixel is an error.
    func boxSeverity(past px: Int) -> Finding.Severity? {
        px <= boxTolerance ? nil : px <= boxUncertainty ? .warning : .error
    }

    /// What a finding of `severity` from `boxSeverity` adds to its message: why a warning is one.
    func boxNote(_ severity: Finding.Severity) -> String {
        severity == .warning ? "; a detected box, which can reach \(boxUncertainty) px past the letters: look at it, or check with covers.json" : ""
    }

    /// Feed pixels per canvas pixel.
    var feedScale: Double { Double(platform.feed_size.width) / Double(max(cover.width, 1)) }

    func confidence(_ layer: Int) -> Double? {
        guard textDetected, let lines = detected, layer < lines.count else { return nil }
        return lines[layer].confidence
    }
}
