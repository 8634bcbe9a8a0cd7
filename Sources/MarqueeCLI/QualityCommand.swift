import ArgumentParser
import Batch
import Foundation
import Media
import PluginKit
import Quality
import Support

struct QualityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Score a distorted video against its reference: PSNR, SSIM, MS-SSIM and VMAF, per frame and pooled.",
        discussion: """
        Each metric is a quality-metric plugin (`marquee plugins --kind quality-metric`). Both inputs are decoded \
        in process; when the sizes differ the distorted video is scaled to the reference size (bicubic). Raw .yuv \
        inputs need --ref-size/--dist-size (and --pix-fmt, --fps when not yuv420p at 25 fps). With --out, writes \
        quality.json (per frame and pooled), quality.csv and index.html (curves and the worst frames as pictures).
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var folder: OutputFolderOptions

    @Argument(help: ArgumentHelp("The reference (source) video.", valueName: "reference"), completion: .file())
    var reference: String

    @Argument(help: ArgumentHelp("The distorted (encoded) video.", valueName: "distorted"), completion: .file())
    var distorted: String

    @Option(help: ArgumentHelp("Metrics, comma-separated (quality-metric plugins).", valueName: "names"))
    var metrics = "psnr,ssim,vmaf"

    @Option(help: ArgumentHelp("Distorted frame n+N is compared with reference frame n.", valueName: "N"))
    var offset: Int?

    @Option(help: ArgumentHelp("`auto` finds the frame offset (within --align-window frames) and reports it.", valueName: "auto"))
    var align: String?

    @Option(help: ArgumentHelp("Frames either way --align auto searches.", valueName: "N"))
    var alignWindow = 30

    @Option(help: ArgumentHelp("Score every N-th frame.", valueName: "N"))
    var subsample = 1

    @Option(help: ArgumentHelp("Compare at most N frames.", valueName: "N"))
    var frames: Int?

    @Option(help: ArgumentHelp("Scaler when sizes differ: bicubic, area or fast (bilinear).", valueName: "name"))
    var scale = "bicubic"

    @Option(help: ArgumentHelp("Size of a raw reference .yuv file.", valueName: "WxH"))
    var refSize: String?

    @Option(help: ArgumentHelp("Size of a raw distorted .yuv file.", valueName: "WxH"))
    var distSize: String?

    @Option(help: ArgumentHelp("Pixel format of raw .yuv inputs (yuv420p, yuv420p10le, yuv444p…).", valueName: "fmt"))
    var pixFmt = "yuv420p"

    @Option(help: ArgumentHelp("Frame rate of raw .yuv inputs.", valueName: "fps"))
    var fps = 25.0

    @Option(name: .customLong("param"), help: ArgumentHelp("A plugin parameter, plugin.key=value (repeatable), e.g. vmaf.model=vmaf_4k_v0.6.1.", valueName: "p.k=v"))
    var params: [String] = []

    @Option(help: ArgumentHelp("Folder for quality.json, quality.csv and index.html.", valueName: "dir"), completion: .directory)
    var out: String?

    @Option(help: ArgumentHelp("Worker threads for the metrics (default: the machine's cores).", valueName: "N"))
    var threads: Int?

    func run() async throws {
        let startup = try Startup.load(global, requirePresets: false)
        startup.warnings.forEach(warn)
        let job = try QualityJobBuilder(command: self, registry: startup.registry).build()
        if let out { try await folder.claim(URL(fileURLWithPath: out)) }
        let progress = RateProgress(label: "quality", unit: "frames", style: global.json ? .quiet : nil)
        let result = try await QualityPass.run(job, progress: progress)
        if let out {
            let dir = URL(fileURLWithPath: out)
            do { try QualityReport.write(result, job: job, to: dir) }
            catch { throw MarqueeError.item("cannot write the report into \(out): \(describeSystemError(error))") }
        }
        if global.json {
            FileHandle.standardOutput.write(try QualityReport.json(result, job: job))
        } else {
            print(QualitySummary.text(result, out: out))
        }
    }
}
