import Foundation
import Support
import Presets
import Batch
import PluginKit

extension PluginKind {
    public static let coverLayout = PluginKind("cover-layout", order: 10,
                                               summary: "composes a stream cover for one product, platform and region")
    public static let coverCheck = PluginKind("cover-check", order: 11, summary: "inspects a finished cover and reports findings")
    public static let reportWriter = PluginKind("report-writer", order: 12, summary: "writes a human-readable view of a batch")
}

extension CoverLayout {
    public static var kind: PluginKind { .coverLayout }
}

extension CoverReportWriter {
    public static var kind: PluginKind { .reportWriter }
}

extension CoverCheck {
    public static var kind: PluginKind { .coverCheck }
}
