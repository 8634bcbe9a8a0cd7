import Foundation

/// Tesseract's language data: where it is and which model reads a locale.
public enum OCRLanguages {
    /// Tesseract model names by BCP 47 primary language subtag (the locales of the region presets).
    static let models: [String: String] = [
        "en": "eng", "th": "tha", "ar": "ara", "zh": "chi_sim", "vi": "vie", "id": "ind", "ms": "ind",
        "ja": "jpn", "pt": "por", "es": "spa",
    ]

    /// The models that read a locale's covers: its own language, plus English (prices, brand names
    /// and `LIVE` badges are often Latin on any cover). Unknown languages read as English.
    public static func models(forLocale code: String) -> [String] {
        let own = models[primaryLanguage(code)] ?? "eng"
        return own == "eng" ? ["eng"] : [own, "eng"]
    }

    /// A locale's BCP 47 primary language subtag, lowercased ("pt-BR" -> "pt").
    static func primaryLanguage(_ code: String) -> String {
        code.split(separator: "-").first.map { $0.lowercased() } ?? ""
    }

    /// Locales whose scripts English cannot read, tried when a cover's locale is not known and the
    /// English reading is unsure (Arabic, Thai, Chinese: the scripts of the bundled region presets).
    public static let otherScripts = ["ar", "th", "zh"]

    /// Whether every model that reads `code` is installed.
    public static func installed(forLocale code: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        (try? dataPath(for: models(forLocale: code), environment: environment)) != nil
    }

    /// Folders searched for `*.traineddata`, first found wins: `TESSDATA_PREFIX`, then Debian's and
    /// other distributions' locations.
    static let candidates = ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                             "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata"]

    /// The tessdata folder holding every model in `models`, or an error naming what is missing and
    /// how to install it.
    public static func dataPath(for models: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws(OCRError) -> String {
        let folders = (environment["TESSDATA_PREFIX"].map { [$0] } ?? []) + candidates
        let fm = FileManager.default
        for folder in folders where models.allSatisfy({ fm.fileExists(atPath: "\(folder)/\($0).traineddata") }) {
            return folder
        }
        let searched = folders.joined(separator: ", ")
        let packages = models.map { "tesseract-ocr-\($0.replacingOccurrences(of: "_", with: "-"))" }.joined(separator: " ")
        throw OCRError("Tesseract language data \(models.joined(separator: "+")) not found (searched \(searched)); "
            + "install it (`make setup`, or apt-get install \(packages)) or set TESSDATA_PREFIX to the folder holding the .traineddata files")
    }
}
