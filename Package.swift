// swift-tools-version: 6.1
// Marquee: cover composition and checks, replay clipping and encoder-quality ladders
// for cross-border live-commerce teams. See README.md for the architecture map.
import PackageDescription

/// Built-in pipeline plugins: one target per plugin family under Plugins/.
/// Each depends on the plugin API (MarqueeCore) and the C wrappers only.
let pluginFamilies: [(name: String, deps: [Target.Dependency])] = [
    ("CoverLayouts", ["MarqueeCore", "Imaging"]),
    ("CoverChecks", ["MarqueeCore", "Imaging"]),
    ("ReportWriters", ["MarqueeCore", "Imaging"]),
    ("ClipFinders", ["MarqueeCore"]),
    ("ClipStages", ["MarqueeCore", "Imaging"]),
]

let package = Package(
    name: "Marquee",
    platforms: [.macOS(.v14)],
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
        .systemLibrary(name: "CFFmpeg", path: "Sources/CFFmpeg", pkgConfig: "libavfilter",
                       providers: [.apt(["libavformat-dev", "libavcodec-dev", "libavutil-dev",
                                         "libswscale-dev", "libswresample-dev", "libavfilter-dev"])]),
        .systemLibrary(name: "CPango", path: "Sources/CPango", pkgConfig: "pangoft2",
                       providers: [.apt(["libpango1.0-dev"])]),
        // Swift wrappers: the only code that imports the C modules (internally).
        .target(name: "Imaging", dependencies: ["CVips", "CPango"], path: "Sources/Imaging"),
        .target(name: "Media", dependencies: ["CFFmpeg"], path: "Sources/Media"),
        // Plugin API, presets, manifests, batch runner, run catalog.
        .target(name: "MarqueeCore", dependencies: [
            "Imaging", "Media",
            .product(name: "Yams", package: "Yams"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ], path: "Sources/MarqueeCore"),
        // The `marquee` command.
        .executableTarget(name: "MarqueeCLI", dependencies: [
            "MarqueeCore", "Imaging", "Media",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ] + pluginFamilies.map { .target(name: $0.name) }, path: "Sources/MarqueeCLI"),
        .testTarget(name: "MarqueeTests", dependencies: [
            "MarqueeCore", "Imaging", "Media",
        ] + pluginFamilies.map { .target(name: $0.name) }, path: "Tests/MarqueeTests"),
    ] + pluginFamilies.map {
        .target(name: $0.name, dependencies: $0.deps, path: "Plugins/\($0.name)")
    },
    swiftLanguageModes: [.v6]
)
