import Foundation
import Support
import Media

/// Which file a replay is: a replaced or re-recorded replay at the same path is another one.
public struct ReplayIdentity: Sendable, Codable, Hashable {
    public let path: String
    public let bytes: Int64
    /// Modification time, seconds since 1970.
    public let modified: Double
    public let inode: UInt64
}

/// A replay opened and probed once before work starts: its identity, the video stream, the audio
/// stream chosen, where its timeline starts and how long it is.
public struct ReplaySource: Sendable {
    public let url: URL
    public let identity: ReplayIdentity
    /// nil when the replay has no video (every clip then fails, saying so).
    public let video: StreamDetails?
    public let audio: StreamDetails?
    /// Replay-timeline origin in seconds (the video stream's start, else the audio's).
    public let origin: Double
    public let duration: Double

    /// Opens the replay; `audioTrack` indexes its audio streams (nil = FFmpeg's best).
    init(_ url: URL, audioTrack: Int?) throws(MarqueeError) {
        try InputFile.check(url.path, what: "replay", give: "the replay video file")
        let demuxer: Demuxer
        do { demuxer = try Demuxer(path: url.path) } catch {
            throw .usage("replay \(url.path) cannot be read: \(error.message); check that it is a complete video file")
        }
        let audioStreams = demuxer.streams.filter { $0.info.type == "audio" }
        if let t = audioTrack {
            guard t >= 0 && t < audioStreams.count else {
                throw .usage("--audio-track \(t): replay \(url.lastPathComponent) has \(audioStreams.count) audio track(s) (0…\(max(0, audioStreams.count - 1)))")
            }
            audio = audioStreams[t]
        } else {
            audio = demuxer.bestStream("audio")
        }
        video = demuxer.bestStream("video")
        origin = video.map { $0.timeBase.seconds($0.startTime ?? 0) } ?? audio.map { $0.timeBase.seconds($0.startTime ?? 0) } ?? 0
        duration = demuxer.duration
        self.url = url
        let a = (try? FileManager.default.attributesOfItem(atPath: url.path)) ?? [:]
        identity = ReplayIdentity(path: url.path, bytes: (a[.size] as? NSNumber)?.int64Value ?? 0,
                                  modified: (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0,
                                  inode: (a[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0)
    }
}
