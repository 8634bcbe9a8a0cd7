import Support
import PluginKit
import Presets
import Batch
import Foundation
import Media

/// Turns a validated `ClipJob` into the batch's work items, one per cue, all served by one
/// `ReplayPass` over the replay that starts when the runner asks for the first clip.
public enum ClipBatch {
    /// Part of every clip's input hash: a new version when the record's shape changes, so a re-run
    /// remakes clips whose catalog records are in an older shape.
    public static let version = "clips/3"

    /// The items, in sheet order. Cues the job found problems with become failing items.
    /// `isDone(key, hash)` tells which clips the run catalog already has (they are left out of the pass).
    /// `progress` counts the frames the pass makes across all clips.
    public static func items(_ job: ClipJob, progress: ClipProgress? = nil,
                             isDone: @escaping @Sendable (String, String) -> Bool) -> [WorkItem] {
        var keys: [String: String] = [:]
        for cue in job.cues { keys[cue.id] = job.key(for: cue) }
        let toCut = job.cues.filter { !isDone($0.id, keys[$0.id] ?? "") }
        let work = RunCleanup.workFolder(in: job.outDir)
        let pass = PassLauncher(job: job, cues: toCut, work: work, progress: progress)
        let mailbox = ClipMailbox { pass.launch($0) }
        return job.entries.map { entry in
            let id = entry.id
            let problem = job.problems[id]
            return WorkItem(key: id, inputHash: keys[id] ?? job.failingKey(id), outputs: ["\(id).mp4"]) { _ in
                if let problem { throw MarqueeError.item(problem) }
                let record = try await mailbox.result(for: id)
                let data = try JSONEncoder().encode(record)
                return ItemOutcome(metrics: ["bytes": Double(record.bytes), "duration": record.duration,
                                             "frames_encoded": Double(record.framesEncoded)], record: data,
                                   problems: [])
            }
        }
    }
}

/// Builds the clip jobs and runs the pass on its own thread (it blocks in FFmpeg calls).
final class PassLauncher: Sendable {
    let job: ClipJob, cues: [Cue], work: URL
    let progress: ClipProgress?

    init(job: ClipJob, cues: [Cue], work: URL, progress: ClipProgress?) {
        self.job = job; self.cues = cues; self.work = work; self.progress = progress
    }

    func launch(_ mailbox: ClipMailbox) {
        let t = Thread { [self] in self.run(mailbox) }
        t.stackSize = 8 << 20
        t.start()
    }

    private func run(_ mailbox: ClipMailbox) {
        defer { try? FileManager.default.removeItem(at: work); RunCleanup.untrack(work) }
        let demuxer: Demuxer
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            demuxer = try Demuxer(path: job.replay.url.path)
        } catch {
            for c in cues { mailbox.put(c.id, .failure(error)) }
            return
        }
        guard let video = job.replay.video else { return }
        var jobs: [ClipWork] = []
        for cue in cues.sorted(by: { $0.start < $1.start }) {
            do { jobs.append(try ClipPlanner.work(cue, job: job, work: work)) }
            catch { mailbox.put(cue.id, .failure(error)) }
        }
        for clip in jobs { clip.progress = progress }
        progress?.begin(total: jobs.map(\.expectedFrames).reduce(0, +))
        let pass = ReplayPass(demuxer: demuxer, video: video, audio: job.replay.audio, origin: job.replay.origin, jobs: jobs) { cue, result in
            mailbox.put(cue.id, result)
        }
        jobs.removeAll()  // the pass owns them now: each is freed (encoder, buffers) as soon as its clip is written
        pass.run()
    }
}
