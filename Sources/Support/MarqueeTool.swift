/// The tool's name and version: what `marquee --version` prints and what every machine output
/// records in its `tool` field. The one place the version is written.
public enum MarqueeTool {
    public static let name = "marquee"
    public static let version = "0.1.0"
}
