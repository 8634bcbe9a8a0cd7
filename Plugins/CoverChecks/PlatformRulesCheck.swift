import Foundation
import Support
import PluginKit
import Presets
import Imaging
import Covers

/// What the platform accepts: pixel size, aspect ratio, file format, colour space and file size.
public struct PlatformRulesCheck: MeasuringCoverCheck {
    public static let metadata = PluginMetadata(
        name: "platform-rules", kind: .coverCheck,
        summary: "the file has the platform's size, aspect, format, colour space (sRGB) and stays under its file-size limit")
    public init() {}

    public func evaluate(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> CheckOutcome {
        let p = input.platform
        let info = try input.pixels.info()
        let bytes = input.pixels.byteCount
        var findings: [Finding] = []
        func add(_ severity: Finding.Severity, _ message: String) {
            findings.append(Finding(check: "platform-rules", severity: severity, message: message))
        }
        let want = p.canvas
        let aspect = Double(info.width) / Double(max(info.height, 1)), wantAspect = Double(want.width) / Double(want.height)
        if abs(aspect - wantAspect) / wantAspect > 0.01 {
            add(.error, String(format: "the cover is %dx%d (aspect %.3f); %@ shows %dx%d (aspect %.3f): it will be cropped",
                               info.width, info.height, aspect, p.display_name, want.width, want.height, wantAspect))
        } else if info.width != want.width || info.height != want.height {
            let severity: Finding.Severity = info.width < want.width ? .error : .warning
            add(severity, "the cover is \(info.width)x\(info.height); \(p.display_name) expects \(want.width)x\(want.height)"
                + (info.width < want.width ? ": it will be enlarged and look soft" : ": it will be scaled down"))
        }
        if !p.formats.contains(info.format) {
            add(.error, "the file is \(info.format.uppercased()); \(p.display_name) accepts \(p.formats.map { $0.uppercased() }.joined(separator: ", "))")
        }
        if info.interpretation == "cmyk" {
            add(.error, "the cover is CMYK; phones show sRGB: export it as sRGB")
        } else if !["srgb", "b-w"].contains(info.interpretation) || info.hasICCProfile {
            add(.warning, "the cover's colour space is \(info.interpretation)\(info.hasICCProfile ? " with an embedded ICC profile" : ""); export plain sRGB so colours show as designed")
        }
        if let maxKB = p.max_file_kb, bytes > maxKB * 1000 {
            add(.error, String(format: "the file is %.0f kB; %@ accepts at most %d kB", Double(bytes) / 1000, p.display_name, maxKB))
        }
        var figures: [String: Double] = ["width": Double(info.width), "height": Double(info.height), "bytes": Double(bytes)]
        if let maxKB = p.max_file_kb { figures["max_bytes"] = Double(maxKB * 1000) }
        return CheckOutcome(check: "platform-rules", findings: findings, figures: figures,
                            passed: "\(info.width)x\(info.height) \(info.format.uppercased()), sRGB, \(bytes / 1000) kB: as \(p.display_name) accepts")
    }
}
