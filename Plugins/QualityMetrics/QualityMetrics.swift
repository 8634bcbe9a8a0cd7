import Quality

/// The built-in quality metrics, in the order `--metrics` lists them by default.
public let all: [any QualityMetric] = [PSNRMetric(), SSIMMetric(), MSSSIMMetric()]
