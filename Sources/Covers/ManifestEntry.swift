/// One product of a manifest as read: the product, or the problems that keep it from being made.
/// A product with problems fails its own items; the rest of the batch goes on.
public struct ManifestEntry: Sendable {
    public let id: String
    /// Where the product is in the manifest: the spreadsheet row for CSV (the header is row 1),
    /// the 1-based position in the product list for YAML and JSON.
    public let row: Int
    /// The product, with photo paths made absolute; `nil` when `problems` is not empty.
    public let product: Product?
    /// Each names the product id and the field, and says what to do.
    public let problems: [String]

    public init(id: String, row: Int, product: Product?, problems: [String]) {
        self.id = id; self.row = row; self.product = product; self.problems = problems
    }
}
