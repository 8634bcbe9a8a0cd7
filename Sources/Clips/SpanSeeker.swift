import Foundation
import Media

/// Skips the stretches of a long replay that no clip needs. The replay pass reads clips that overlap
/// or sit close together in one run of packets (a span: their frames are decoded once and shared);
/// when every clip still to come starts more than `gapSeconds` ahead and nothing is under way, it
/// seeks (the container's keyframe index, `av_seek_frame` backward) to the keyframe before the next
/// clip, so cutting clips from a 3-hour replay costs what the clips cost, wherever they are.
///
/// A seek is checked where it lands: video packets before the first keyframe are dropped and audio
/// packets are held until that keyframe; a landing past the next clip's start (a container without an
/// exact index) is retried further back, and a landing at or before where the seek was decided is read
/// on from there without seeking again until the next clip starts.
struct SpanSeeker {
    /// Clips closer than this are read through (one span): reading the packets between them costs less than a seek.
    static let gapSeconds = 10.0
    /// Seek this far before a clip's start, so audio decoding is warm when the clip's audio begins.
    static let leadSeconds = 1.5
    static let maxTries = 3

    let video: StreamDetails
    /// Seeks made (for tests and benchmarks).
    private(set) var seeks = 0
    /// A seek not yet checked: the clip start (ticks) the landing keyframe must not pass, the keyframe
    /// the seek was decided at, the clip's start in seconds, tries so far, and audio packets held.
    private var landing: (startTicks: Int64, decidedAt: Int64, start: Double, tries: Int, audio: [Packet])?
    /// No new seek before this presentation time (a seek landed at or before where it was decided).
    private var noSeekBefore: Int64 = .min

    init(video: StreamDetails) { self.video = video }

    var isLanding: Bool { landing != nil }

    /// At keyframe `key`, once the GOP before it is processed: seeks when no clip is under way and the
    /// next starts more than `gapSeconds` ahead. Returns true when it did (then `key` is dropped).
    mutating func seekIfIdle(at key: Packet, jobs: [ClipWork], idle: Bool, demuxer: Demuxer) -> Bool {
        guard idle, key.pts != Packet.noTimestamp, key.pts >= noSeekBefore,
              jobs.allSatisfy({ !$0.isUnderWay }),
              let next = jobs.min(by: { $0.startTicks < $1.startTicks }) else { return false }
        let gap = video.timeBase.ticks(Self.gapSeconds)
        guard next.startTicks - key.pts > gap else { return false }
        landing = (next.startTicks, key.pts, next.cue.start, 0, [])
        return seek(to: next.cue.start - Self.leadSeconds, demuxer: demuxer)
    }

    /// What to do with a packet read while a seek is landing.
    enum Verdict {
        /// Not for the pass (a video packet before the landing keyframe, or an audio packet held).
        case drop
        /// The landing keyframe: process it, after the audio packets held since the seek.
        case landed(heldAudio: [Packet])
        /// The seek landed past the clip's start and was retried: drop the packet.
        case retried
    }

    mutating func check(_ p: Packet, isVideo: Bool, demuxer: Demuxer) -> Verdict {
        guard let l = landing else { return .landed(heldAudio: []) }
        guard isVideo else {
            if let copy = try? p.clone() { landing?.audio.append(copy) }
            return .drop
        }
        guard p.isKeyframe, p.pts != Packet.noTimestamp else { return .drop }
        if p.pts > l.startTicks && l.tries + 1 < Self.maxTries {
            // Landed past the clip's first frame: try further back (30 s, then 2 min before), then where the
            // pass was when it decided to seek.
            let tries = l.tries + 1
            let back = l.start - Self.leadSeconds - 30 * pow(4, Double(tries - 1))
            let target = tries + 1 < Self.maxTries ? back : video.timeBase.seconds(l.decidedAt - (video.startTime ?? 0))
            if seek(to: target, demuxer: demuxer) {
                landing = (l.startTicks, l.decidedAt, l.start, tries, [])
                return .retried
            }
        }
        if p.pts > l.startTicks || p.pts <= l.decidedAt {
            // Still past it after every try, or back where the pass already was: read on from here.
            noSeekBefore = l.startTicks
        }
        landing = nil
        return .landed(heldAudio: l.audio)
    }

    private mutating func seek(to seconds: Double, demuxer: Demuxer) -> Bool {
        do {
            try demuxer.seek(video, toSeconds: max(0, seconds))
            seeks += 1
            return true
        } catch {
            // A replay that cannot seek is read through, as a short one is.
            landing = nil
            noSeekBefore = .max
            return false
        }
    }
}
