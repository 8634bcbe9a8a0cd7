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
    /// error about a plain text layer sets that layer's role on a panel, and every size or legibility
    /// error about any layer with text (text, badge, label, chip) raises its role's smallest size by a
    /// quarter. `nil` when no error names a text layer (another attempt would change nothing).
    public func after(_ findings: [Finding], layers: [CoverLayer]) -> CoverAdjustments? {
        var next = self
        next.attempt += 1
        var changed = false
        for f in findings where f.severity == .error {
            guard let i = f.layer, layers.indices.contains(i), layers[i].isText else { continue }
            let role = layers[i].role
            // Only plain text is set on a panel; badges, labels and chips have their own fill.
            if layers[i].kind == "text", next.panelRoles.insert(role).inserted { changed = true }
            if f.check.contains("size") || f.check.contains("readab") || f.check.contains("legib") {
                next.sizeBoost[role] = (next.sizeBoost[role] ?? 1) * 1.25
                changed = true
            }
        }
        return changed ? next : nil
    }

    /// The `compose` finding (info) that says this attempt was made, what failed the one before and
    /// what changed, so a re-composed cover is told apart in covers.json and on the contact sheet.
    public func note(after findings: [Finding], of maxAttempts: Int) -> Finding {
        let errors = findings.filter { $0.severity == .error }
        let failed = errors.prefix(2).map { "[\($0.check)] \($0.message)" }.joined(separator: "; ") + (errors.count > 2 ? "; …" : "")
        return Finding(check: "compose", severity: .info,
                       message: "attempt \(attempt + 1) of \(maxAttempts): the previous one failed \(failed); composed again with \(changes)",
                       figures: ["attempt": Double(attempt + 1)])
    }

    /// What this attempt changes, in words: "title on a panel, title 25 % larger".
    public var changes: String {
        let larger = sizeBoost.keys.sorted().map { "\($0) \(Int(((sizeBoost[$0] ?? 1) - 1) * 100 + 0.5)) % larger" }
        return ((panelRoles.isEmpty ? [] : ["\(panelRoles.sorted().joined(separator: ", ")) on a panel"]) + larger).joined(separator: ", ")
    }
}
