import Foundation
import Batch
import Support
import Testing

/// A run that has just taken a folder's lock writes its PID a moment later; a second run meeting
/// the lock in that moment still names the PID (CI once saw "PID not recorded yet" in that gap).
@Suite struct OutputFolderLockTests {
    @Test func holderWhoseRecordIsLateIsStillNamed() async throws {
        let folder = try TestSupport.tempDir("lock-late-pid")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(OutputFolderLock.fileName).path
        // Another holder: its own open file description, locked, with nothing written yet.
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let writer = Thread {
            Thread.sleep(forTimeInterval: 0.3)
            let record = Array("4242\n".utf8)
            _ = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
        writer.start()
        do {
            _ = try await OutputFolderLock.claim(folder)
            Issue.record("the claim succeeded while the folder was locked")
        } catch let error as MarqueeError {
            #expect("\(error)".contains("is in use by another Marquee run (PID 4242)"), "\(error)")
        }
    }

    @Test func holderThatNeverRecordsIsSaidToBeUnknown() async throws {
        let folder = try TestSupport.tempDir("lock-no-pid")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fd = open(folder.appendingPathComponent(OutputFolderLock.fileName).path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        do {
            _ = try await OutputFolderLock.claim(folder)
            Issue.record("the claim succeeded while the folder was locked")
        } catch let error as MarqueeError {
            #expect("\(error)".contains("is in use by another Marquee run (PID not recorded yet)"), "\(error)")
        }
    }
}
