// swift-tools-version: 6.1
// Marquee: cover composition and checks, replay clipping and encoder-quality ladders
// for cross-border live-commerce teams. README.md's architecture map explains the layers:
//   C bindings → wrappers (Imaging, Media) and pure-Swift parts (H264, Loudness)
//   → foundation (Support, Presets, PluginKit, Batch) → one engine per job (Covers, Clips)
//   → built-in plugins (Plugins/<Family>, on their engine) → the `marquee` command.
import Foundation
import PackageDescription

/// Built-in plugin families: one target per folder under Plugins/, on its job's engine and the
/// wrappers only. Adding a family: a folder, a line here, and its `all` list in BuiltinPlugins.swift.
let pluginFamilies: [(name: String, deps: [Target.Dependency])] = [
    ("CoverLayouts", ["Covers", "Imaging", "SplitMix"]),
    ("CoverChecks", ["Covers", "Imaging", "OCR"]),
    ("ReportWriters", ["Covers", "Imaging"]),
    ("ClipFinders", ["Clips"]),
    ("ClipStages", ["Clips", "Imaging"]),
    ("QualityMetrics", ["Quality", "QualityKernels"]),
    ("EncoderProfiles", ["Bench", "Media", "PluginKit", "Presets"]),
]

/// Engines, one per job. An engine never imports another engine.
let engines: [(name: String, deps: [Target.Dependency])] = [
    ("Covers", ["PluginKit", "Presets", "Batch", "Support", "Imaging", "OCR"]),
    ("Clips", ["PluginKit", "Presets", "Batch", "Support", "Imaging", "Media", "H264", "Loudness"]),
    ("Quality", ["PluginKit", "Batch", "Support", "Imaging", "Media", "QualityKernels"]),
    // The bitrate benchmark measures with the quality engine's metrics and reports with its charts.
    ("Bench", ["Quality", "QualityKernels", "BenchMath", "Media", "PluginKit", "Presets", "Batch", "Support", "Imaging"]),
]

let yams = Target.Dependency.product(name: "Yams", package: "Yams")

/// The quality kernels run on every pixel of every frame: always optimised (tests too), and for the
/// build host's x86-64 level (AVX2, or AVX-512 where the CPU has it) like `-march=native`, since
/// without it the compiler may use SSE2 only. QUALITY_KERNELS_MARCH overrides (`x86-64-v3` for a
/// portable AVX2 build, `none` for the baseline).
func x86Level() -> String? {
    if let forced = ProcessInfo.processInfo.environment["QUALITY_KERNELS_MARCH"] { return forced == "none" ? nil : forced }
    guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
    let flags = Set(flagsLine.split(separator: " ").map(String.init))
    if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"]) { return "x86-64-v4" }
    return flags.isSuperset(of: ["avx2", "fma", "bmi2"]) ? "x86-64-v3" : nil
}

var kernelSettings: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]
#if arch(x86_64)
if let level = x86Level() { kernelSettings.append(.unsafeFlags(["-Xcc", "-march=\(level)"])) }
#endif

let package = Package(
    name: "Marquee",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "marquee", targets: ["MarqueeCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // C bindings: system libraries through pkg-config, with a header of the macros Swift can't call.
        .systemLibrary(name: "CVips", path: "Sources/CVips", pkgConfig: "vips",
                       providers: [.apt(["libvips-dev"])]),
        .systemLibrary(name: "CFFmpeg", path: "Sources/CFFmpeg", pkgConfig: "libavformat",
                       providers: [.apt(["libavformat-dev", "libavcodec-dev", "libavutil-dev",
                                         "libswscale-dev", "libswresample-dev"])]),
        .systemLibrary(name: "CPango", path: "Sources/CPango", pkgConfig: "pangoft2",
                       providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "CTesseract", path: "Sources/CTesseract", pkgConfig: "tesseract",
                       providers: [.apt(["libtesseract-dev"])]),
        // Wrappers: the only code that imports the C modules (internally); one Swift owner per C object.
        .target(name: "Imaging", dependencies: ["CVips", "CPango"], path: "Sources/Imaging"),
        .target(name: "Media", dependencies: ["CFFmpeg"], path: "Sources/Media"),
        // Text on covers read by Tesseract; pixels come in as bytes (it never sees libvips).
        .target(name: "OCR", dependencies: ["CTesseract", "Presets", "Support"], path: "Sources/OCR"),
        // Pure Swift, no C library: H.264 bitstream, EBU R128 loudness, the seeded generator.
        .target(name: "H264", path: "Sources/H264"),
        .target(name: "Loudness", path: "Sources/Loudness"),
        .target(name: "SplitMix", path: "Sources/SplitMix"),
        .target(name: "BenchMath", dependencies: ["SplitMix"], path: "Sources/BenchMath"),
        .target(name: "QualityKernels", path: "Sources/QualityKernels",
                resources: [.copy("Models")],
                swiftSettings: kernelSettings),
        // Foundation: errors and files, presets, the plugin kit (knows no job), the batch runner.
        .target(name: "Support", dependencies: [yams], path: "Sources/Support"),
        .target(name: "Presets", dependencies: ["Support", yams], path: "Sources/Presets"),
        .target(name: "PluginKit", dependencies: ["Support"], path: "Sources/PluginKit"),
        .target(name: "Batch", dependencies: ["Support", .product(name: "GRDB", package: "GRDB.swift")],
                path: "Sources/Batch"),
        // The `marquee` command: parses, builds each job's validated descriptor, runs it, reports.
        .executableTarget(name: "MarqueeCLI", dependencies: [
            "Support", "Presets", "PluginKit", "Batch", "Imaging", "Media", "OCR", "QualityKernels", "BenchMath",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ] + engines.map { .target(name: $0.name) } + pluginFamilies.map { .target(name: $0.name) },
            path: "Sources/MarqueeCLI"),
        // Test support: the ffmpeg/libvmaf oracles (runner, log parsers, generated clip pairs) the
        // test targets share; built for the tests only.
        .target(name: "OracleSupport", dependencies: ["QualityKernels"], path: "Tests/OracleSupport"),
        .testTarget(name: "MarqueeTests", dependencies: [
            "Support", "Presets", "PluginKit", "Batch", "Imaging", "Media", "H264", "Loudness", "QualityKernels", "BenchMath",
            "SplitMix", "OracleSupport", "OCR",
        ] + engines.map { .target(name: $0.name) } + pluginFamilies.map { .target(name: $0.name) },
            path: "Tests/MarqueeTests"),
        .testTarget(name: "QualityKernelsTests", dependencies: ["QualityKernels", "OracleSupport"],
                    path: "Tests/QualityKernelsTests"),
        .testTarget(name: "ADMTests", dependencies: ["QualityKernels", "OracleSupport"], path: "Tests/ADMTests"),
        .testTarget(name: "VMAFTests", dependencies: ["QualityKernels", "OracleSupport"], path: "Tests/VMAFTests"),
        .testTarget(name: "BenchMathTests", dependencies: ["BenchMath", "SplitMix"], path: "Tests/BenchMathTests"),
    ] + engines.map {
        .target(name: $0.name, dependencies: $0.deps, path: "Sources/\($0.name)")
    } + pluginFamilies.map {
        .target(name: $0.name, dependencies: $0.deps, path: "Plugins/\($0.name)")
    },
    swiftLanguageModes: [.v6]
)
