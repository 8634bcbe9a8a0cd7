import Presets

/// What a layout changes when the cover checks failed its previous attempt: the roles of the text
/// layers the checks flagged are set on a solid panel, one size step larger where there is room.
public struct CoverAdjustments: Sendable, Hashable {
    /// Roles (`title`, `price`, …) to set on a panel, whatever the measured contrast.
    public var panelRoles: Set<String>
    /// Roles whose smallest size is raised by this factor (text-size and readability failures).
    public var sizeBoost: [String: Double]
    /// 0 for the first attempt.
    public var attempt: Int

    public init(panelRoles: Set<String> = [], sizeBoost: [String: Double] = [:], attempt: Int = 0) {
        self.panelRoles = panelRoles; self.sizeBoost = sizeBoost; self.attempt = attempt
    }

    /// The next attempt's adjustments after `findings` on a cover whose layers are `layers`: every
    /// error about a text layer sets that layer's role on a panel and raises its smallest size by a
    /// quarter. `nil` when no error names a text layer (another attempt would change nothing).
    public func after(_ findings: [Finding], layers: [CoverLayer]) -> CoverAdjustments? {
        var next = self
        next.attempt += 1
        var changed = false
        for f in findings where f.severity == .error {
            guard let i = f.layer, layers.indices.contains(i), layers[i].isText else { continue }
            let role = layers[i].role
            if next.panelRoles.insert(role).inserted { changed = true }
            if f.check.contains("size") || f.check.contains("readab") || f.check.contains("legib") {
                next.sizeBoost[role] = (next.sizeBoost[role] ?? 1) * 1.25
                changed = true
            }
        }
        return changed ? next : nil
    }
}
