import Foundation

/// The denominator's sum of cubes, in libvmaf's integer arithmetic. It matters here: at scales
/// 1...3 libvmaf squares with a shift that always rounds up (`(h*h + 2^s) >> s`, at scale 3 in
/// steps of 1/32), which lifts the sum on smooth content (by 3e-4 of a scale's
/// denominator); float cubes would miss that. Integers are exact, so this reproduces it.
struct AdmDenominator {
    /// Shift and rounding of the square (scales 1...3; none at scale 0, where h^3 is exact).
    private let squareShift: UInt64
    private let squareAdd: UInt64
    /// Shift and rounding of each cube (scales 1...3).
    private let cubeShift: UInt64
    private let cubeAdd: UInt64
    /// Shift and rounding of each row's sum.
    private let rowShift: UInt64
    private let rowAdd: UInt64
    /// The fixed-point weight of the total: sums are in units of 2^-unitBits.
    let unitBits: Int

    /// Sums of cubes per orientation (h, v, d).
    var sums: (UInt64, UInt64, UInt64) = (0, 0, 0)

    init(scale: Int, region: AdmRegion) {
        let rows = region.rows.count, cols = region.cols.count
        if scale == 0 {
            // 3 x 6 fractional bits; rows of big pictures are shifted to keep 64 bits safe.
            let shift = max(0, Int((log2(Double(rows * cols)) - 20).rounded(.up)))
            (squareShift, squareAdd, cubeShift, cubeAdd) = (0, 0, 0, 0)
            rowShift = UInt64(shift)
            rowAdd = shift > 0 ? 1 << UInt64(shift - 1) : 0
            unitBits = 18 - shift
        } else {
            let square = [31, 30, 31][scale - 1]
            let cube = Int(log2(Double(cols)).rounded(.up))
            let row = Int(log2(Double(rows)).rounded(.up))
            squareShift = UInt64(square)
            squareAdd = 1 << UInt64(square)
            cubeShift = UInt64(cube)
            cubeAdd = cube > 0 ? 1 << UInt64(cube - 1) : 0
            rowShift = UInt64(row)
            rowAdd = row > 0 ? 1 << UInt64(row - 1) : 0
            unitBits = [32, 27, 23][scale - 1] - row - cube
        }
    }

    /// Adds the pooled columns of one reference band row.
    mutating func add(_ o: AdmFixedRow, cols: Range<Int>) {
        if squareShift == 0 {
            sums.0 &+= (cubes(o.h, cols) &+ rowAdd) &>> rowShift
            sums.1 &+= (cubes(o.v, cols) &+ rowAdd) &>> rowShift
            sums.2 &+= (cubes(o.d, cols) &+ rowAdd) &>> rowShift
        } else {
            sums.0 &+= rowSum(o.h, cols)
            sums.1 &+= rowSum(o.v, cols)
            sums.2 &+= rowSum(o.d, cols)
        }
    }

    /// Scale 0: sum of |h|^3 over a row, in double lanes. Bands are below 2^15, so each cube
    /// (< 2^45) and the lane sums are exact integers.
    @inline(__always)
    private func cubes(_ band: UnsafeMutablePointer<Int32>, _ cols: Range<Int>) -> UInt64 {
        var acc = SIMD8<Double>()
        var j = cols.lowerBound
        while j < cols.upperBound {
            var lanes = band.lanes(j)
            lanes.replace(with: 0, where: .!AdmLanes.valid(cols.upperBound - j))
            let h = AdmLanes.magnitude(AdmLanes.widen(lanes))
            acc += h * h * h
            j += AdmLanes.count
        }
        return UInt64(acc.sum())
    }

    /// Scales 1...3: libvmaf's rounded square and cube per sample, then the row's shift.
    @inline(__always)
    private func rowSum(_ band: UnsafeMutablePointer<Int32>, _ cols: Range<Int>) -> UInt64 {
        var sum: UInt64 = 0
        for j in cols {
            let h = UInt64(band[j].magnitude)
            let square = (h &* h &+ squareAdd) &>> squareShift
            sum &+= (square &* h &+ cubeAdd) &>> cubeShift
        }
        return (sum &+ rowAdd) &>> rowShift
    }

    /// The three sums in float units, each times the cube of its CSF weight (h, v, d).
    func weighted(hv: Float, diagonal: Float) -> (Double, Double, Double) {
        let unit = pow(2.0, Double(-unitBits))
        let (wh, wd) = (pow(Double(hv), 3), pow(Double(diagonal), 3))
        return (Double(sums.0) * unit * wh, Double(sums.1) * unit * wh, Double(sums.2) * unit * wd)
    }
}
