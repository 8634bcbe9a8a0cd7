import Presets

/// Area arithmetic on boxes.
public enum BoxArea {
    /// The area covered by the union of `boxes` (overlaps counted once), clipped to `within`.
    public static func union(_ boxes: [Box], within: Box) -> Int {
        let clipped = boxes.map { $0.intersection(within) }.filter { $0.area > 0 }
        let xs = Set(clipped.flatMap { [$0.x, $0.maxX] }).sorted()
        var total = 0
        for (x0, x1) in zip(xs, xs.dropFirst()) {
            let spans = clipped.filter { $0.x <= x0 && $0.maxX >= x1 }.map { ($0.y, $0.maxY) }.sorted { $0.0 < $1.0 }
            var covered = 0, end = Int.min
            for (a, b) in spans {
                if a >= end { covered += b - a; end = b } else if b > end { covered += b - end; end = b }
            }
            total += covered * (x1 - x0)
        }
        return total
    }

    /// The cells (row-major index 0…n²-1) of an n x n grid over `canvas` that any box overlaps.
    public static func gridCells(_ boxes: [Box], canvas: Box, n: Int = 5) -> [Int] {
        var cells: [Int] = []
        for row in 0..<n {
            for col in 0..<n {
                let x0 = canvas.x + canvas.w * col / n, y0 = canvas.y + canvas.h * row / n
                let cell = Box(x: x0, y: y0, w: canvas.x + canvas.w * (col + 1) / n - x0, h: canvas.y + canvas.h * (row + 1) / n - y0)
                if boxes.contains(where: { $0.intersection(cell).area > 0 }) { cells.append(row * n + col) }
            }
        }
        return cells
    }
}
