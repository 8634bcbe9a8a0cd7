import Support
import PluginKit
import Presets
import Clips

/// One analysis frame reduced to the form the scene finder compares pictures in: a grid of about 144
/// square cells (16x9 on a 16:9 frame, 9x16 on a vertical one), each the mean luma and
/// colour-difference (full-range BT.601 Y, Cb, Cr) of its pixels.
///
/// Two choices differ from PySceneDetect's content detector, which compares H, S and V pixel by pixel:
/// - Y/Cb/Cr instead of H/S/V: chroma shrinks smoothly with brightness, so a fade to black changes the
///   picture a little every frame instead of making hue and saturation jump when dark pixels lose their
///   colour, and noise in dark areas does not become hue noise.
/// - cell means instead of pixels (PySceneDetect also shrinks frames before comparing, less so):
///   sensor noise and busy fine motion (confetti, sparkle, a scrolling pattern) average out inside a
///   cell, so shots full of such motion keep a low score and the cut into or out of them stands out,
///   while a change of shot still changes the colour layout the cells see.
struct AnalysisPicture: Sendable {
    /// Cells across and down.
    let columns: Int
    let rows: Int
    let width: Int
    let height: Int
    /// `columns * rows * 3` values: Y, Cb, Cr per cell, 0…255.
    let cells: [Float]
    /// Mean luma of the whole picture, 0…255.
    let meanLuma: Double

    /// Cells the grid aims for.
    static let targetCells = 144.0

    init?(_ frame: AnalysisFrame) {
        let (w, h) = (frame.width, frame.height)
        guard w > 0, h > 0, frame.rgb.count >= w * h * 3 else { return nil }
        let side = max(1, Int((Double(w * h) / Self.targetCells).squareRoot().rounded()))
        let columns = (w + side - 1) / side, rows = (h + side - 1) / side
        var sums = [Int](repeating: 0, count: columns * rows * 3)
        var counts = [Int](repeating: 0, count: columns * rows)
        var lumaSum = 0
        frame.rgb.withUnsafeBufferPointer { rgb in
        sums.withUnsafeMutableBufferPointer { sums in
        counts.withUnsafeMutableBufferPointer { counts in
            for y in 0..<h {
                let rowCell = (y / side) * columns
                for x in 0..<w {
                    let p = (y * w + x) * 3
                    let r = Int(rgb[p]), g = Int(rgb[p + 1]), b = Int(rgb[p + 2])
                    // ITU-R BT.601 full range (the JFIF form), coefficients x256, chroma offset added below.
                    let luma = 77 * r + 150 * g + 29 * b
                    let c = rowCell + x / side
                    sums[c * 3] += luma
                    sums[c * 3 + 1] += -43 * r - 85 * g + 128 * b
                    sums[c * 3 + 2] += 128 * r - 107 * g - 21 * b
                    counts[c] += 1
                    lumaSum += luma
                }
            }
        }
        }
        }
        var cells = [Float](repeating: 0, count: sums.count)
        for c in counts.indices {
            let n = Float(max(counts[c], 1)) * 256
            cells[c * 3] = Float(sums[c * 3]) / n
            cells[c * 3 + 1] = 128 + Float(sums[c * 3 + 1]) / n
            cells[c * 3 + 2] = 128 + Float(sums[c * 3 + 2]) / n
        }
        self.columns = columns; self.rows = rows; self.width = w; self.height = h
        self.cells = cells
        meanLuma = Double(lumaSum) / Double(w * h * 256)
    }

    /// Content difference to another picture of the same size: the mean absolute difference of the
    /// cells' Y, Cb and Cr, the three weighted equally, on a 0…255 scale. `nil` when the sizes differ.
    func difference(to other: AnalysisPicture) -> Double? {
        guard other.width == width, other.height == height else { return nil }
        var sum: Float = 0
        for i in cells.indices { sum += abs(cells[i] - other.cells[i]) }
        return Double(sum) / Double(cells.count)
    }
}
