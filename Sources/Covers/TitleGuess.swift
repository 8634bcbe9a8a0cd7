import Support

/// Which detected line can be a cover's title, when no layer data names it.
enum TitleGuess {
    /// Whether `text` reads as words rather than a price or a percentage: at least three letters (any
    /// script) and twice as many letters as digits ("$5.90", "USD 19", "21% OFF" and "ر.س 299.00" are
    /// not titles; "Mango Sticky Rice", "Buds Pro 2" and "سماعات لاسلكية" are).
    static func hasWords(_ text: String) -> Bool {
        var letters = 0, digits = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.numericType != nil { digits += 1 } else if scalar.properties.isAlphabetic { letters += 1 }
        }
        return letters >= 3 && letters >= 2 * digits
    }

    /// Whether `text` is a LIVE badge's word in one of `labels` (the regions' `live` labels: "LIVE",
    /// "ไลฟ์สด", "مباشر", "EN VIVO", …), allowing one stray letter where the badge's rounded end is read
    /// as one ("แไลฟ์สด", "(LIVE"). Such a badge is often the largest text on a cover, never its title.
    static func isLiveBadge(_ text: String, labels: [String]) -> Bool {
        let read = letters(text)
        guard !read.isEmpty else { return false }
        return labels.contains { label in
            let want = letters(label)
            return read == want || (want.count >= 4 && editDistance(read, want) <= 1)
        }
    }

    /// Lowercased letters and digits only.
    static func letters(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }
}

