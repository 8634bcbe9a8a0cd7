import Support
import OCR

/// What a cover's OCR reading means for its verdict. Text read with low confidence was probably
/// read with the wrong script's model, or is stylised: its boxes and words are guesses, so no error
/// stands on it alone (an error about such a line becomes a warning), and the cover gets a warning
/// naming `--locale` as the fix.
enum UnsureReading {
    static let check = "text-detection"

    /// The report's note on how the cover was read.
    static func note(_ r: TextReading) -> String {
        let others = r.tried.filter { $0 != r.locale }
        let also = others.isEmpty ? "" : "; also tried \(others.map { "\($0) (\(OCRLanguages.models(forLocale: $0).joined(separator: "+")))" }.joined(separator: ", "))"
        return "text read by OCR with \(r.models.joined(separator: "+")) (locale \(r.locale)\(r.why.map { ", \($0)" } ?? ""))\(also)"
    }

    /// The outcomes with errors on unsure lines made warnings, and a `text-detection` warning when
    /// any line is unsure.
    static func judged(_ outcomes: [CheckOutcome], reading: TextReading, given: String?) -> [CheckOutcome] {
        var out = outcomes.map { outcome -> CheckOutcome in
            var changed = false
            let findings = outcome.findings.map { f -> Finding in
                guard f.severity == .error, let i = f.layer, i < reading.lines.count,
                      reading.lines[i].confidence < TextDetection.lowConfidence else { return f }
                changed = true
                var w = f
                w.severity = .warning
                w.message += String(format: " (but OCR read this text with low confidence, %.0f/100: not judged as a failure)", reading.lines[i].confidence)
                return w
            }
            return changed ? CheckOutcome(check: outcome.check, findings: findings, figures: outcome.figures, passed: outcome.reason) : outcome
        }
        let unsure = reading.unsure
        guard !unsure.isEmpty else { return out }
        let fix = given == nil
            ? "give the covers' language with --locale (e.g. --locale th, ar, zh, vi)"
            : "if the text is not in --locale \(given ?? "")'s script, give the right --locale; stylised text is judged by eye"
        let findings = unsure.map { line in
            Finding(check: check, severity: .warning,
                    message: String(format: "“%@” was read by OCR (%@) with low confidence (%.0f/100): its words and size may be wrong; %@",
                                    CheckedText.short(line.text), reading.models.joined(separator: "+"), line.confidence, fix),
                    layer: reading.lines.firstIndex(of: line), box: line.box, figures: ["ocr_confidence": line.confidence])
        }
        out.append(CheckOutcome(check: check, findings: findings, figures: ["unsure_lines": Double(unsure.count)], passed: ""))
        return out
    }
}

extension CheckedText {
    static func short(_ s: String) -> String { s.count > 32 ? String(s.prefix(30)) + "…" : s }
}
