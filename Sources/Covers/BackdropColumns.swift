/// How the contrast of a text box is judged across its width: the box is cut into columns about as wide
/// as it is tall, and the text is measured against the background of each column; the lowest contrast
/// stands. A line that runs from a light wall onto a dark sofa is as readable as its part on the sofa,
/// which the mean of all its background (a mid grey between the two) hid: black on that mean read 5.7:1,
/// black on the sofa's blue 3.1:1. The composer (picking ink) and the contrast check (judging the
/// rendered cover) cut boxes the same way, so the composer's ink passes the check.
public enum BackdropColumns {
    /// The number of equal columns a `width` x `height` box is cut into: its width over its height,
    /// rounded, from 1 to 16.
    public static func count(width: Int, height: Int) -> Int {
        guard width > 0, height > 0 else { return 1 }
        return max(1, min(16, Int((Double(width) / Double(height)).rounded())))
    }

    /// The column (0..<count) of x (0..<width).
    public static func column(of x: Int, width: Int, count: Int) -> Int {
        min(count - 1, x * count / max(width, 1))
    }
}
