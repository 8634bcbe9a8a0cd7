import Foundation
import Testing
import QualityKernels
import OracleSupport

#if DEBUG
private let optimized = false
#else
private let optimized = true
#endif

/// Release-only speed print: `swift test -c release --filter SpeedTests`.
@Suite("ADM speed")
struct SpeedTests {
    static let clip = Clip("speed-1080p", "testsrc2=s={size}:r=25", 1920, 1080, frames: 20,
                           encoder: ["-c:v", "libx264", "-b:v", "2M"])

    @Test(.enabled(if: optimized, "speed is measured in release builds only"))
    func printsMillisecondsPer1080pFrame() throws {
        let media = try ClipMedia.make(Self.clip)
        defer { media.remove() }
        let workspace = AdmWorkspace()
        var cpu: [Double] = [], wall: [Double] = []
        var checksum = 0.0
        for round in 0..<40 {
            let index = round % media.referenceLuma.count
            let (c0, w0) = (threadCPUms(), wallms())
            checksum += ADM.compute(reference: media.referenceLuma[index], distorted: media.distortedLuma[index],
                                    workspace: workspace).adm2
            cpu.append(threadCPUms() - c0)
            wall.append(wallms() - w0)
        }
        cpu.sort()
        wall.sort()
        #expect(checksum.isFinite)
        print(String(format: "ADM speed 1080p, one core: %.2f ms/frame CPU (min), %.2f median; wall median %.2f ms",
                     cpu[0], cpu[cpu.count / 2], wall[wall.count / 2]))
        try printLibvmafSpeed(media)
    }

    /// libvmaf (vmaf_v0.6.1: VIF, ADM, motion) on the same raw 1080p pair with 2 threads.
    private func printLibvmafSpeed(_ media: ClipMedia) throws {
        let ffmpeg = try OracleTools.libvmafFFmpeg()
        let before = childCPUms(), start = wallms()
        try OracleTools.ffmpeg(ffmpeg, ["-v", "error"] + media.files.oracleInputs
                               + ["-lavfi", "[0:v][1:v]libvmaf=n_threads=2", "-f", "null", "-"])
        let seconds = (wallms() - start) / 1000
        let frames = Double(Self.clip.frames)
        print(String(format: "libvmaf n_threads=2 on the same 1080p raw pair: %.1f fps wall, %.1f ms CPU/frame",
                     frames / seconds, (childCPUms() - before) / frames))
    }

    private func threadCPUms() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }

    private func wallms() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }

    private func childCPUms() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        #else
        getrusage(RUSAGE_CHILDREN, &usage)
        #endif
        let user = Double(usage.ru_utime.tv_sec) * 1e3 + Double(usage.ru_utime.tv_usec) / 1e3
        return user + Double(usage.ru_stime.tv_sec) * 1e3 + Double(usage.ru_stime.tv_usec) / 1e3
    }
}
