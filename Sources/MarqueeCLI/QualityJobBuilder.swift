import Foundation
import Media
import PluginKit
import Quality
import Support

/// Turns `marquee quality` arguments into a validated `QualityJob` (every check before any decoding).
struct QualityJobBuilder {
    let command: QualityCommand
    let registry: PluginRegistry

    func build() throws -> QualityJob {
        let c = command
        let given = try parseParams(c.params)
        var metrics: [QualityJob.Metric] = []
        for name in split(c.metrics) {
            let plugin = try registry.plugin(named: name, as: (any QualityMetric).self, kind: .qualityMetric)
            metrics.append(.init(plugin: plugin, parameters: try plugin.metadata.resolve(given[name] ?? [:])))
        }
        for plugin in given.keys where !split(c.metrics).contains(plugin) {
            throw MarqueeError.usage("--param \(plugin).…: `\(plugin)` is not among --metrics \(c.metrics)")
        }
        let alignment: QualityJob.Alignment
        switch (c.align, c.offset) {
        case ("auto"?, nil): alignment = .auto(window: c.alignWindow)
        case ("auto"?, _?): throw MarqueeError.usage("--align auto and --offset: give one of them")
        case (let a?, _): throw MarqueeError.usage("--align: expected `auto`, got `\(a)`")
        case (nil, let o): alignment = .offset(o ?? 0)
        }
        let scaling: Scaler.Quality = switch c.scale {
        case "bicubic": .bicubic
        case "area": .area
        case "fast", "bilinear": .fast
        default: throw MarqueeError.usage("--scale: expected bicubic, area or fast, got `\(c.scale)`")
        }
        return try QualityJob(
            reference: .init(path: c.reference, raw: try raw(c.refSize, option: "--ref-size", path: c.reference)),
            distorted: .init(path: c.distorted, raw: try raw(c.distSize, option: "--dist-size", path: c.distorted)),
            metrics: metrics, alignment: alignment, subsample: c.subsample, maxFrames: c.frames, scaling: scaling,
            threads: c.threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    private func raw(_ size: String?, option: String, path: String) throws -> RawVideoFormat? {
        guard let size else {
            if path.lowercased().hasSuffix(".yuv") {
                throw MarqueeError.usage("\(path) is raw video: give its size with \(option) WxH (and --pix-fmt, --fps if not yuv420p at 25)")
            }
            return nil
        }
        let wh = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard wh.count == 2, (16...16384).contains(wh[0]), (16...16384).contains(wh[1]) else {
            throw MarqueeError.usage("\(option): expected WIDTHxHEIGHT such as 1920x1080, got `\(size)`")
        }
        guard ["yuv420p", "yuv422p", "yuv444p", "yuv420p10le", "yuv422p10le", "yuv444p10le", "nv12", "gray"].contains(command.pixFmt) else {
            throw MarqueeError.usage("--pix-fmt: expected yuv420p, yuv422p, yuv444p, their 10le forms, nv12 or gray; got `\(command.pixFmt)`")
        }
        guard command.fps > 0, command.fps <= 1000 else { throw MarqueeError.usage("--fps: expected a rate in (0, 1000], got \(command.fps)") }
        return RawVideoFormat(width: wh[0], height: wh[1], pixelFormat: command.pixFmt, frameRate: command.fps)
    }
}
