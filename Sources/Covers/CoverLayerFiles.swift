import Foundation
import Support

/// The covers.json layer data of the images `covers check` is given: the file of `--layers`, for
/// every image by name; or, without it, the covers.json `covers compose` wrote beside the images, for
/// the images of its own folder; none with `--layers none`.
struct CoverLayerFiles {
    static let name = "covers.json"
    /// `--layers` value that turns layer data off.
    static let none = "none"

    /// The files used, and those found beside the images (not given).
    let files: [String]
    let found: [String]
    private let given: [String: CoverRecord]?
    private let byFolder: [String: [String: CoverRecord]]

    init(_ option: String?, images: [String]) throws(MarqueeError) {
        if let option, option != Self.none {
            given = try Self.records(option)
            files = [option]; found = []; byFolder = [:]
            return
        }
        given = nil
        var folders: [String: [String: CoverRecord]] = [:], order: [String] = []
        if option == nil {
            for folder in images.map(Self.folder) where folders[folder] == nil {
                let path = (folder as NSString).appendingPathComponent(Self.name)
                guard FileManager.default.fileExists(atPath: path) else { continue }
                folders[folder] = try Self.records(path)
                order.append(path)
            }
        }
        byFolder = folders; files = order; found = order
    }

    /// Whether any layer data applies.
    var any: Bool { !(given?.isEmpty ?? true) || byFolder.values.contains { !$0.isEmpty } }

    /// The record of an image and the covers.json that applies to it.
    func record(for image: String) -> (CoverRecord?, String?) {
        let name = (image as NSString).lastPathComponent
        if let given { return (given[name], files.first) }
        let folder = Self.folder(image)
        guard let records = byFolder[folder] else { return (nil, nil) }
        return (records[name], (folder as NSString).appendingPathComponent(Self.name))
    }

    static func folder(_ image: String) -> String {
        let folder = (image as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// The cover records of a covers.json, by file name.
    static func records(_ path: String) throws(MarqueeError) -> [String: CoverRecord] {
        struct Document: Decodable { let covers: [CoverRecord] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("--layers \(path): cannot read the file; give the covers.json that `covers compose` wrote, or --layers none")
        }
        do {
            let doc = try JSONDecoder().decode(Document.self, from: data)
            return Dictionary(doc.covers.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        } catch {
            throw .usage("--layers \(path): not a covers.json of `covers compose` (\(error)); give that file, or --layers none to detect the text")
        }
    }
}
