import Support
import PluginKit
import Presets
import Batch
import Foundation
import Media

/// Turns a replay, its cue sheet and the options into the batch's work items, one per cue, all served
/// by one `ReplayPass` over the replay that starts when the runner asks for the first clip.
public enum ClipBatch {
    /// Part of every clip's input hash: a new version when the record's shape changes, so a re-run
    /// remakes clips whose catalog records are in an older shape.
    public static let version = "clips/2"

    /// Validates what can be validated before work starts and returns the items. Per-cue problems
    /// (bad times, a cue past the replay's end) become failing items, not errors.
    /// `isDone(key, hash)` tells which clips the run catalog already has (they are left out of the pass).
    public static func items(replay: URL, entries: [CueEntry], options: ClipOptions, outDir: URL,
                             isDone: @escaping @Sendable (String, String) -> Bool) throws(MarqueeError) -> [WorkItem] {
        if options.mode == .copy && (options.format == .vertical || !options.overlays.isEmpty) {
            throw .usage("--mode copy keeps the replay's frames as they are; it cannot make vertical clips or draw overlays (use --mode smart or reencode)")
        }
        let demuxer: Demuxer
        do { demuxer = try Demuxer(path: replay.path) } catch {
            throw .input("replay \(replay.path) cannot be read: \(error.message); check that it is a complete video file")
        }
        let video = demuxer.bestStream("video")
        let audioStreams = demuxer.streams.filter { $0.info.type == "audio" }
        var audio: StreamDetails? = nil
        if let t = options.audioTrack {
            guard t >= 0 && t < audioStreams.count else {
                throw .usage("--audio-track \(t): replay \(replay.lastPathComponent) has \(audioStreams.count) audio track(s) (0…\(max(0, audioStreams.count - 1)))")
            }
            audio = audioStreams[t]
        } else {
            audio = demuxer.bestStream("audio")
        }
        let origin = video.map { $0.timeBase.seconds($0.startTime ?? 0) } ?? 0
        let duration = demuxer.duration
        let frame = 1 / max(1, video?.frameRate ?? 30)
        var replayHash = ContentHash()
        replayHash.add(replay.path)
        if let a = try? FileManager.default.attributesOfItem(atPath: replay.path) {
            replayHash.add("\(a[.size] ?? 0)|\((a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)")
        }
        let base = version + replayHash.hex + options.canonical

        var items: [WorkItem] = []
        var planned: [(Cue, String)] = []
        var problems: [String: String] = [:]
        for entry in entries {
            guard var cue = entry.cue else {
                problems[entry.id] = entry.problems.joined(separator: "; ")
                continue
            }
            cue.row = entry.row
            if video == nil {
                problems[entry.id] = "clip \(entry.id): replay \(replay.lastPathComponent) has no video stream; clips are cut from video"
            } else if duration > 0 && cue.start >= duration {
                problems[entry.id] = "clip \(entry.id) (row \(entry.row)): starts at \(Timecode.format(cue.start)), after the end of the replay (\(Timecode.format(duration))); fix the cue's start"
            } else if duration > 0 && cue.end > duration + frame {
                problems[entry.id] = "clip \(entry.id) (row \(entry.row)): ends at \(Timecode.format(cue.end)), after the end of the replay (\(Timecode.format(duration))); end it at \(Timecode.format(duration)) or earlier"
            }
            planned.append((cue, ContentHash.of([base, "\(cue)"])))
        }
        let toCut = planned.filter { problems[$0.0.id] == nil && !isDone($0.0.id, $0.1) }.map(\.0)
        let work = outDir.appendingPathComponent(".marquee-work-\(getpid())")
        let pass = PassLauncher(replay: replay, cues: toCut, options: options, outDir: outDir, work: work,
                                video: video, audio: audio, origin: origin)
        let mailbox = ClipMailbox { pass.launch() }
        pass.mailbox = mailbox
        for entry in entries {
            let id = entry.id
            let hash = planned.first { $0.0.id == id }?.1 ?? ContentHash.of([base, id, "invalid"])
            let problem = problems[id]
            items.append(WorkItem(key: id, inputHash: hash, outputs: ["\(id).mp4"]) { _ in
                if let problem { throw MarqueeError.item(problem) }
                let record = try await mailbox.result(for: id)
                let data = try JSONEncoder().encode(record)
                return ItemOutcome(metrics: ["bytes": Double(record.bytes), "duration": record.duration,
                                             "frames_encoded": Double(record.framesEncoded)], record: data,
                                   problems: [])
            })
        }
        return items
    }
}

/// Builds the clip jobs and runs the pass on its own thread (it blocks in FFmpeg calls).
final class PassLauncher: @unchecked Sendable {
    let replay: URL, cues: [Cue], options: ClipOptions, outDir: URL, work: URL
    let video: StreamDetails?, audio: StreamDetails?, origin: Double
    var mailbox: ClipMailbox?

    init(replay: URL, cues: [Cue], options: ClipOptions, outDir: URL, work: URL, video: StreamDetails?, audio: StreamDetails?, origin: Double) {
        self.replay = replay; self.cues = cues; self.options = options; self.outDir = outDir; self.work = work
        self.video = video; self.audio = audio; self.origin = origin
    }

    func launch() {
        let t = Thread { [self] in self.run() }
        t.stackSize = 8 << 20
        t.start()
    }

    private func run() {
        guard let mailbox else { return }
        defer { try? FileManager.default.removeItem(at: work) }
        let demuxer: Demuxer
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            demuxer = try Demuxer(path: replay.path)
        } catch {
            for c in cues { mailbox.put(c.id, .failure(error)) }
            return
        }
        guard let video = video else { return }
        var jobs: [ClipJob] = []
        for cue in cues.sorted(by: { $0.start < $1.start }) {
            do { jobs.append(try ClipPlanner.job(cue, options: options, video: video, audio: audio, origin: origin, outDir: outDir, work: work)) }
            catch { mailbox.put(cue.id, .failure(error)) }
        }
        let pass = ReplayPass(demuxer: demuxer, video: video, audio: audio, origin: origin, jobs: jobs) { cue, result in
            mailbox.put(cue.id, result)
        }
        jobs.removeAll()  // the pass owns them now: each is freed (encoder, buffers) as soon as its clip is written
        pass.run()
    }
}
