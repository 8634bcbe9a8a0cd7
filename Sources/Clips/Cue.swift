import Foundation
import Support
import PluginKit
import Presets
import Batch
/// One clip to cut from a replay: a time range in seconds of the replay's timeline
/// (0 = the first presented frame), with what to show on it.
public struct Cue: Sendable, Codable, Hashable {
    /// Unique within a cue sheet; names the output file (`{id}.mp4`).
    public var id: String
    public var start: Double
    public var end: Double
    public var title: String?
    public var product: String?
    /// Price text as the sheet gives it (already formatted, e.g. `฿1,290`), burned in by the overlay stage.
    public var price: String?
    public var region: String?
    public var language: String?
    /// A platform preset whose safe zone and minimum text size this clip's overlays follow (instead of `--platform`).
    public var platform: String?
    /// Where the cue is in its sheet: the spreadsheet row for CSV (header = row 1), the 1-based
    /// position in the list for YAML/JSON. 0 for cues made by `clips detect`.
    public var row: Int

    public init(id: String, start: Double, end: Double, title: String? = nil, product: String? = nil,
                price: String? = nil, region: String? = nil, language: String? = nil, platform: String? = nil, row: Int = 0) {
        self.id = id; self.start = start; self.end = end; self.title = title; self.product = product
        self.price = price; self.region = region; self.language = language; self.platform = platform; self.row = row
    }

    /// JSON keys (clips.json's `cue`): times carry their unit.
    enum CodingKeys: String, CodingKey {
        case id, title, product, price, region, language, platform, row
        case start = "start_s", end = "end_s"
    }

    public var duration: Double { end - start }
}
