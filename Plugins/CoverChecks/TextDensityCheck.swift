import Foundation
import Support
import PluginKit
import Presets
import Covers

/// How much of the cover is text: the share of its area under text boxes (overlaps counted once),
/// and the grid rule ad platforms used (5x5 grid; Meta's old 20 % rule allowed text in 5 cells):
/// the number of cells any text touches. Limits: the platform's `checks.text_area_max_share`
/// (over it fails: the cover is too wordy) and `checks.grid_cells_max` (over it warns: the grid rule
/// cut an ad's reach rather than refusing it, and a stream cover's full-width title and price rows
/// touch many cells with little text).
public struct TextDensityCheck: MeasuringCoverCheck {
    public static let gridSize: Param<Int> = .integer("grid", 2...10, default: 5, doc: "cells per side of the grid rule")
    public static let metadata = PluginMetadata(
        name: "text-density", kind: .coverCheck,
        summary: "text covers at most the platform's share of the cover and touches at most its number of 5x5 grid cells",
        parameters: [gridSize])
    public init() {}

    public func evaluate(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> CheckOutcome {
        let canvas = input.cover.canvas
        let boxes = input.textElements.map(\.box)
        let n = parameters[Self.gridSize]
        let share = Double(BoxArea.union(boxes, within: canvas)) / Double(max(canvas.area, 1))
        let cells = BoxArea.gridCells(boxes, canvas: canvas, n: n)
        let limits = input.platform.thresholds
        // The grid limit is set for 25 cells; other grid sizes scale it.
        let maxCells = Int((Double(limits.gridCellsMax) * Double(n * n) / 25).rounded())
        var findings: [Finding] = []
        let pct = { (x: Double) in String(format: "%.1f %%", x * 100) }
        if cells.count > maxCells {
            findings.append(Finding(check: "text-density", severity: .warning,
                                    message: "text touches \(cells.count) of the \(n * n) grid cells; at most \(maxCells) allowed on \(input.platform.display_name): group or cut text",
                                    figures: ["grid_cells_touched": Double(cells.count), "grid_cells_max": Double(maxCells)]))
        }
        if share > limits.textAreaMaxShare {
            findings.append(Finding(check: "text-density", severity: .error,
                                    message: "text covers \(pct(share)) of the cover; keep it under \(pct(limits.textAreaMaxShare)): fewer or shorter lines",
                                    figures: ["text_area_share": share]))
        }
        return CheckOutcome(check: "text-density", findings: findings,
                            figures: ["text_area_share": share, "text_area_max_share": limits.textAreaMaxShare,
                                      "grid_cells_touched": Double(cells.count), "grid_cells_max": Double(maxCells),
                                      "grid_size": Double(n)],
                            passed: "text covers \(pct(share)) of the cover and touches \(cells.count) of \(n * n) grid cells")
    }

    /// The touched cells, for reports that draw the grid.
    public static func touchedCells(_ input: CoverCheckInput, n: Int = 5) -> [Int] {
        BoxArea.gridCells(input.textElements.map(\.box), canvas: input.cover.canvas, n: n)
    }
}
