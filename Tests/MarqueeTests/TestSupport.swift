import Foundation
import Imaging

/// Helpers shared by tests that run the real `marquee` binary on real files.
enum TestSupport {
    /// The repository root, from this file's path.
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `marquee` executable built next to the test bundle.
    static var marquee: URL {
        // MARQUEE_BIN runs the tests against another build (e.g. the previous commit's, to see a test fail before a fix).
        if let given = ProcessInfo.processInfo.environment["MARQUEE_BIN"], !given.isEmpty { return URL(fileURLWithPath: given) }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("marquee")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return repoRoot.appendingPathComponent(".build/debug/marquee")
    }

    static func tempDir(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marquee-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A photo drawn with libvips: a vertical gradient with a solid "product" block in the middle.
    static func photo(_ url: URL, width: Int = 1200, height: Int = 1200, top: [Double], bottom: [Double], product: [Double]) throws {
        let bg = try Image.verticalGradient(width: width, height: height, top: top, bottom: bottom)
        let block = try Image.solid(width: width / 3, height: height / 2, rgb: product)
        let img = try bg.insert(block, x: width / 3, y: height / 4)
        try img.encoded(as: .jpg, quality: 90).write(to: url)
    }

    struct Run { let status: Int32; let stdout: String; let stderr: String }

    /// Runs `marquee` with `args` to completion. Standard error is read on a thread of its own, so a
    /// child writing much to it never blocks while standard output is read.
    static func run(_ args: [String], environment: [String: String] = [:]) throws -> Run {
        let p = start(args, environment: environment)
        let errBox = DataBox()
        let reader = Thread { errBox.set(p.err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let out = p.out.fileHandleForReading.readDataToEndOfFile()
        let err = errBox.wait()
        p.process.waitUntilExit()
        return Run(status: p.process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    /// Starts `marquee` without waiting; output goes to files so the pipes never block it.
    static func start(_ args: [String], environment: [String: String] = [:]) -> (process: Process, out: Pipe, err: Pipe) {
        let p = Process()
        p.executableURL = marquee
        p.arguments = args
        // A crash shows as its signal at once: Swift's backtracer can hang holding the pipes (seen here).
        p.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try? p.run()
        return (p, out, err)
    }

    /// Writes a CSV manifest of `count` products with photos drawn in `dir`.
    static func manifest(in dir: URL, count: Int, categories: [String] = ["apparel", "beauty", "3c", "home", "food"]) throws -> URL {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("photos"), withIntermediateDirectories: true)
        var lines = ["id,image,title,price,original_price,currency,category,title.th,title.ar"]
        for i in 0..<count {
            let hue = Double(i * 47 % 255)
            try photo(dir.appendingPathComponent("photos/p\(i).jpg"), top: [230, 220 - hue / 4, 200], bottom: [120, 90, 60 + hue / 3],
                      product: [hue, 60, 255 - hue])
            let cat = categories[i % categories.count]
            lines.append("p\(i),photos/p\(i).jpg,Product \(i) Summer Edition,\(100 + i * 10),\(200 + i * 10),THB,\(cat),สินค้า \(i) รุ่นฤดูร้อน,منتج \(i) إصدار الصيف")
        }
        let url = dir.appendingPathComponent("manifest.csv")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

/// Data handed from one thread to another once.
final class DataBox: @unchecked Sendable {
    // Safe to share: `data` is written once under `done`'s lock and read after it is signalled.
    private let done = NSCondition()
    private var data: Data?
    func set(_ d: Data) { done.lock(); data = d; done.signal(); done.unlock() }
    func wait() -> Data {
        done.lock(); defer { done.unlock() }
        while data == nil { done.wait() }
        return data ?? Data()
    }
}
