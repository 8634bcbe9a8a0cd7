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
}
