import Foundation
import Testing

/// Runs scripts/validate-outputs.py (Python's `jsonschema` against docs/schemas) on Marquee's outputs.
enum OutputValidator {
    struct Result { let status: Int32; let output: String }

    static let script = TestSupport.repoRoot.appendingPathComponent("scripts/validate-outputs.py")

    /// Fails the test loudly, with what to do, when python3 or its `jsonschema` package is missing.
    static func requireJSONSchema() throws {
        let probe = try ClipFixtures.run("/usr/bin/env", ["python3", "-c", "import jsonschema"], check: false)
        if probe.status != 0 {
            let why = String(probe.stderr.suffix(500))
            Issue.record("python3 with the `jsonschema` package is needed to validate outputs: run `make setup` (or `python3 -m pip install jsonschema`). \(why)")
            throw ValidatorMissing()
        }
    }

    struct ValidatorMissing: Error {}

    /// Validates files and folders; status 0 when every output found is valid.
    static func validate(_ paths: [URL]) throws -> Result {
        let r = try ClipFixtures.run("/usr/bin/env", ["python3", script.path] + paths.map(\.path), check: false)
        return Result(status: r.status, output: String(decoding: r.stdout, as: UTF8.self) + r.stderr)
    }

    /// Writes a command's standard output (a `--json` document) to `name` in `dir`.
    @discardableResult
    static func save(_ run: TestSupport.Run, as name: String, in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try Data(run.stdout.utf8).write(to: url)
        return url
    }

    /// A JSON file as a dictionary (empty when it is not one).
    static func object(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }
}
