import Support
import PluginKit
import Presets
import Covers

/// The built-in report-writer plugins of this family.
public enum ReportWriters {
    public static let all: [any PipelinePlugin] = [CoverJSON(), ContactSheet()]
}

/// The order covers are listed in, by every writer: product, platform, region, locale, variant, file.
func reportOrder(_ a: CoverRecord, _ b: CoverRecord) -> Bool {
    (a.product, a.platform, a.region, a.locale, a.variant, a.file) < (b.product, b.platform, b.region, b.locale, b.variant, b.file)
}
