import Foundation
import Support
import PluginKit
import Presets
import Imaging
import OCR
import Batch

/// Runs a `CoverCheckJob`: each cover checked on its own (bad input makes that cover's failure, never
/// the batch's), `jobs` at a time, results in the order given.
public enum CoverCheckRun {
    /// Images with more pixels than this many times the platform's canvas are refused unchecked.
    static let oversizeFactor = 16

    /// With an output folder, each cover's task also writes its report pictures (`pictures`, by image path).
    public static func run(_ job: CoverCheckJob) async
        -> (results: [CoverCheckResult], failures: [OutputFailure], pictures: [String: CoverCheckHTML.Pictures]) {
        // Covers are checked `jobs` at a time: libvips threads per operation beyond the cores left
        // only add hand-overs between threads (small crops and resizes).
        Vips.setConcurrency(max(1, ProcessInfo.processInfo.activeProcessorCount / job.options.jobs))
        var outcomes = [Result<CoverCheckResult, MarqueeError>?](repeating: nil, count: job.covers.count)
        var pictures: [String: CoverCheckHTML.Pictures] = [:]
        // Each cover on a thread of its own: checks block in libvips (see BlockingTaskExecutor).
        let threads = BlockingTaskExecutor(threads: job.options.jobs, name: "cover check")
        defer { threads.shutdown() }
        await withTaskGroup(of: (Int, Result<CoverCheckResult, MarqueeError>, CoverCheckHTML.Pictures?).self) { group in
            var next = 0
            func start() {
                guard next < job.covers.count else { return }
                let i = next, cover = job.covers[i]
                group.addTask(executorPreference: threads) { await check(cover, job: job, index: i) }
                next += 1
            }
            for _ in 0..<job.options.jobs { start() }
            while let (i, r, p) = await group.next() {
                outcomes[i] = r
                if let p, case .success(let made) = r { pictures[made.path] = p }
                start()
            }
        }
        var results: [CoverCheckResult] = [], failures: [OutputFailure] = []
        for (cover, outcome) in zip(job.covers, outcomes) {
            switch outcome {
            case .success(let r): results.append(r)
            case .failure(let e): failures.append(OutputFailure(item: cover.name, file: cover.path, message: e.description))
            case nil: failures.append(OutputFailure(item: cover.name, file: cover.path, message: "not checked"))
            }
        }
        return (results, failures, pictures)
    }

    /// One cover: its input checked, its text found (layers or OCR), every check run.
    static func check(_ cover: CoverToCheck, job: CoverCheckJob, index: Int)
        async -> (Int, Result<CoverCheckResult, MarqueeError>, CoverCheckHTML.Pictures?) {
        let t0 = Date()
        do {
            let platform = try cover.platform.get()
            let pixels = CoverPixels(path: cover.path)
            let (record, reading, notes) = try await prepare(cover, pixels: pixels, platform: platform, job: job)
            let input = CoverCheckInput(cover: record, image_path: cover.path, platform: platform,
                                        text_source: reading == nil ? "layers" : "detection", detected: reading?.lines, pixels: pixels)
            var outcomes: [CheckOutcome] = []
            for use in job.checks {
                do { outcomes.append(try await use.plugin.evaluate(input, parameters: use.parameters)) } catch {
                    outcomes.append(CheckOutcome(check: use.name, verdict: .fail, reason: "the check could not run: \(error)"))
                }
            }
            if let reading { outcomes = UnsureReading.judged(outcomes, reading: reading, given: job.options.locale) }
            var made = result(input, outcomes: outcomes, notes: notes, wall: Date().timeIntervalSince(t0), region: job.options.region)
            made.ocr_models = reading?.models
            // The report's pictures from the pixels already decoded, in this task: a folder of
            // hundreds of covers is not decoded a second time, one cover after another, at the end
            // (where a picture that could not be written here is tried again, and its error reported).
            let pictures = job.outDir.flatMap { try? CoverCheckHTML.writePictures(made, pixels: pixels, index: index, to: $0) }
            return (index, .success(made), pictures)
        } catch let e as MarqueeError {
            return (index, .failure(e), nil)
        } catch {
            return (index, .failure(.item("\(cover.name): \(error)")), nil)
        }
    }

    /// The cover's record: from covers.json when it matches the image, else built from the text OCR
    /// finds (with the reading, which says which models read it).
    static func prepare(_ cover: CoverToCheck, pixels: CoverPixels, platform: PlatformPreset, job: CoverCheckJob) async throws
        -> (CoverRecord, TextReading?, [String]) {
        let info = try inspect(cover, pixels: pixels, platform: platform)
        let image: Image
        do { image = try pixels.full() } catch {
            throw MarqueeError.item("\(cover.name): the image is truncated or damaged (\(error)); export it again")
        }
        if let record = cover.record {
            guard record.width == info.width, record.height == info.height else {
                throw MarqueeError.item("\(cover.name): covers.json describes it as \(record.width)x\(record.height) but the image is \(info.width)x\(info.height); "
                    + "the layer data belongs to another image: re-run `covers compose`, or check with --layers none")
            }
            return (record, nil, [])
        }
        var notes: [String] = []
        if let layers = cover.layersFile { notes.append("not in \(layers): text found by OCR") }
        let reading = try await TextDetection.detect(image, locales: job.ocrLocales)
        notes.append(UnsureReading.note(reading))
        let lines = reading.lines
        let (title, live) = TitleGuess.roles(lines, height: info.height, liveLabels: job.liveLabels)
        let layers = lines.enumerated().map { i, l in
            live.contains(i) ? CoverLayer(kind: "badge", role: "live", box: l.box, text: l.text)
                : CoverLayer(kind: "text", role: i == title ? "title" : "text", box: l.box, text: l.text)
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: cover.path)[.size] as? NSNumber)?.intValue ?? 0
        let stem = ((cover.name as NSString).deletingPathExtension)
        let record = CoverRecord(file: cover.name, product: stem, platform: platform.name, region: job.options.region ?? "", locale: reading.locale,
                                 category: "", layout: "", variant: 0, seed: 0, width: info.width, height: info.height, format: info.format,
                                 quality: nil, bytes: bytes, inputs: [cover.path], safe_zone: platform.safe_zone,
                                 feed_width: platform.feed_size.width, min_font_px: platform.minFontPx, layers: layers)
        return (record, reading, notes)
    }

    /// The file's header, refusing missing, empty, unreadable and far-too-large images with a reason.
    static func inspect(_ cover: CoverToCheck, pixels: CoverPixels, platform: PlatformPreset) throws -> ImageFileInfo {
        let fm = FileManager.default
        guard fm.fileExists(atPath: cover.path) else { throw MarqueeError.item("\(cover.path): no such file") }
        let bytes = (try? fm.attributesOfItem(atPath: cover.path)[.size] as? NSNumber)?.intValue ?? 0
        guard bytes > 0 else { throw MarqueeError.item("\(cover.name): the file is empty (0 bytes); export the cover again") }
        let info: ImageFileInfo
        do { info = try pixels.info() } catch {
            throw MarqueeError.item("\(cover.name): not an image that can be read (\(error.message)); give a JPEG, PNG or WebP file")
        }
        guard info.width > 0, info.height > 0 else { throw MarqueeError.item("\(cover.name): the image has no pixels (\(info.width)x\(info.height))") }
        let limit = oversizeFactor * platform.canvas.width * platform.canvas.height
        guard info.width * info.height <= limit else {
            throw MarqueeError.item("\(cover.name): the image is \(info.width)x\(info.height), far larger than \(platform.display_name)'s "
                + "\(platform.canvas.width)x\(platform.canvas.height) (over \(oversizeFactor)x its pixels); export it at the platform's size")
        }
        return info
    }
}
