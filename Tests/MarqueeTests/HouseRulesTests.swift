import Foundation
import Testing

/// The house rules on size, kept by a test: no Swift file under Sources/ or Plugins/ over 400 lines,
/// no function, initializer or deinitializer over 80 lines (from its declaration to its closing
/// brace). Fast: it only reads the source.
@Suite struct HouseRulesTests {
    static let maxFileLines = 400
    static let maxFunctionLines = 80

    /// Every rule broken under `folders` of `root`, one line each naming the file (and function),
    /// and how many files were read.
    static func violations(root: URL, folders: [String] = ["Sources", "Plugins"]) throws -> (problems: [String], files: Int) {
        var problems: [String] = []
        var files = 0
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where url.pathExtension == "swift" {
                let path = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
                let text = try String(contentsOf: url, encoding: .utf8)
                files += 1
                let lines = SourceScanner.lineCount(text)
                if lines > maxFileLines {
                    problems.append("\(path): \(lines) lines (at most \(maxFileLines)); split it by concept")
                }
                for f in SourceScanner.functions(in: text) where f.lines > maxFunctionLines {
                    problems.append("\(path):\(f.line): \(f.name) is \(f.lines) lines (at most \(maxFunctionLines)); split it into named helpers")
                }
            }
        }
        return (problems.sorted(), files)
    }

    @Test func sourcesAndPluginsKeepTheSizeLimits() throws {
        let (problems, files) = try Self.violations(root: TestSupport.repoRoot)
        #expect(files > 100, "only \(files) Swift files found under \(TestSupport.repoRoot.path)")
        #expect(problems.isEmpty, "\(problems.count) house-rule violations:\n\(problems.joined(separator: "\n"))")
    }

    /// A function of `bodyLines` lines between its braces, after `prefix`.
    static func function(_ name: String, bodyLines: Int, prefix: String = "") -> String {
        "\(prefix)func \(name)() {\n" + String(repeating: "    x += 1\n", count: bodyLines) + "}\n"
    }

    @Test func aLongFunctionIsFoundByNameAndLength() {
        let text = "struct S {\n" + Self.function("short", bodyLines: 3) + Self.function("long", bodyLines: 80) + "}\n"
        let found = SourceScanner.functions(in: text)
        #expect(found == [.init(name: "short", line: 2, lines: 5), .init(name: "long", line: 7, lines: 82)])
    }

    @Test func bracesInStringsAndCommentsDoNotCount() {
        let text = #"""
        func quoted() -> String {
            let a = "}}}"  // }
            /* } /* nested } */ { */
            let b = #"raw } \(x) "# + "\(y.map { "}" })"
            let c = """
                } "still the string" }
                """
            return a + "\"}"
        }
        func after() {}
        """#
        let found = SourceScanner.functions(in: text)
        #expect(found == [.init(name: "quoted", line: 1, lines: 9), .init(name: "after", line: 10, lines: 1)])
    }

    @Test func initCallsAndRequirementsAreNotFunctions() {
        let text = """
        protocol P {
            func needed() -> Int
            init(x: Int)
        }
        struct S: P {
            init(x: Int) { self.init() }
            init() { _ = Array<Int>.init() }
            func needed()
                -> Int {
                [1].map { $0 }.count
            }
            deinit {}
        }
        """
        let found = SourceScanner.functions(in: text)
        #expect(found.map(\.name) == ["init", "init", "needed", "deinit"])
        #expect(found.map(\.lines) == [1, 1, 4, 1])
    }

    @Test func linesAreCountedAsWcDoes() {
        #expect(SourceScanner.lineCount("") == 0)
        #expect(SourceScanner.lineCount("a\nb\n") == 2)
        #expect(SourceScanner.lineCount("a\nb") == 2)
    }
}
