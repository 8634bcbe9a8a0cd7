import Support

extension BatchSummary {
    /// The failed items in the one failure shape of every machine output (docs/output-format.md).
    public var outputFailures: [OutputFailure] {
        failed.map { r in
            let message = r.error ?? ""
            return OutputFailure(item: r.key, file: r.outputs.first ?? r.key, field: OutputFailure.field(in: message), message: message)
        }
    }
}
