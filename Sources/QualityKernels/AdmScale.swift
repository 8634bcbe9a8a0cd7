/// One scale of ADM, streamed band row by band row: wavelet row -> decoupling and CSF ->
/// contrast masking of the row above (once the row below it exists) and the denominator.
struct AdmScale {
    /// Where a scale's input comes from: the luma samples (scale 0) or the approximation
    /// pictures the previous scale wrote (16-bit after scale 0, 32-bit after scales 1 and 2).
    enum Source {
        case samples(reference: UnsafePointer<UInt16>, distorted: UnsafePointer<UInt16>, bitDepth: Int)
        case firstBands(reference: AdmPicture<Int16>, distorted: AdmPicture<Int16>)
        case bands(reference: AdmPicture<Int32>, distorted: AdmPicture<Int32>)
    }

    let scale: Int
    let source: Source
    /// Size of the input picture; the bands are half of it, rounded up.
    let width: Int
    let height: Int
    let layout: AdmLayout
    let gainLimit: Float
    /// Both pictures, or one side with the reference's detail rows kept or read (`AdmReference`).
    let sides: AdmSides

    /// Runs the scale; its approximation band lands in the layout's picture for the next scale.
    func run() -> AdmScaleScore {
        let region = AdmRegion(width: AdmGeometry.half(width), height: AdmGeometry.half(height))
        let unit = 1 / Float(1 << AdmCoarseLevel.bandBits(scale: scale))
        let masking = AdmModel.maskingWeights(scale: scale)
        let csf = AdmModel.csfWeights(scale: scale)
        let setup = AdmDecouple.Setup(hv: masking.hv * unit, diagonal: masking.diagonal * unit,
                                      gainLimit: gainLimit)
        var numerator = (0.0, 0.0, 0.0)
        var denominator = AdmDenominator(scale: scale, region: region)
        let (withReference, withDistorted) = (sides.computesReference, sides.computesDistorted)
        for i in 0..<region.height {
            transformRow(i, bands: region.width)
            if region.haloRows.contains(i) {
                exchangeReferenceRow(i - region.haloRows.lowerBound)
                if withDistorted { decoupleRow(i, region: region, setup: setup) }
                if withReference && region.rows.contains(i) {
                    denominator.add(layout.reference, cols: region.cols)
                }
            }
            if withDistorted && i >= 1 && region.rows.contains(i - 1) {
                maskRow(i - 1, region: region, into: &numerator)
            }
        }
        if withDistorted && region.rows.contains(region.height - 1) {
            maskRow(region.height - 1, region: region, into: &numerator)
        }
        let denominatorCubes = denominator.weighted(hv: csf.hv, diagonal: csf.diagonal)
        return AdmScaleScore(cubes: numerator, denominatorCubes: denominatorCubes, area: region.pooledArea)
    }

    /// Wavelet row `i` of reference and distorted: details into the layout's band rows, the
    /// approximation into the next scale's picture.
    private func transformRow(_ i: Int, bands: Int) {
        let rows = AdmGeometry.sourceRows(i, height)
        switch source {
        case let .samples(reference, distorted, bitDepth):
            let next = layout.firstApproximation
            if sides.computesReference {
                firstPass(reference, rows: rows, bitDepth: bitDepth, low: layout.fixedLow.reference,
                          high: layout.fixedHigh.reference, bands: bands, a: next.reference.row(i),
                          detail: layout.reference)
            }
            if sides.computesDistorted {
                firstPass(distorted, rows: rows, bitDepth: bitDepth, low: layout.fixedLow.distorted,
                          high: layout.fixedHigh.distorted, bands: bands, a: next.distorted.row(i),
                          detail: layout.distorted)
            }
        case let .firstBands(reference, distorted):
            let target = coarseTarget(i)
            if sides.computesReference {
                secondPass(reference.rows(rows), low: layout.splitLow.reference, high: layout.splitHigh.reference,
                           bands: bands, a: target.0, detail: layout.reference)
            }
            if sides.computesDistorted {
                secondPass(distorted.rows(rows), low: layout.splitLow.distorted, high: layout.splitHigh.distorted,
                           bands: bands, a: target.1, detail: layout.distorted)
            }
        case let .bands(reference, distorted):
            let target = coarseTarget(i), shift = AdmCoarseLevel.shifts(scale: scale).vertical
            if sides.computesReference {
                AdmCoarseLevel.vertical(reference.rows(rows), count: width, shift: shift,
                                        low: layout.coarseLow.reference, high: layout.coarseHigh.reference)
            }
            if sides.computesDistorted {
                AdmCoarseLevel.vertical(distorted.rows(rows), count: width, shift: shift,
                                        low: layout.coarseLow.distorted, high: layout.coarseHigh.distorted)
            }
            coarseHorizontal(bands: bands, a: target)
        }
    }

    /// Keeps the reference's detail row (`k`-th of the halo rows) for the rungs, or puts the kept
    /// one where the decoupling reads it.
    private func exchangeReferenceRow(_ k: Int) {
        let o = layout.reference
        switch sides {
        case .both: return
        case let .referenceOnly(rows, stride):
            for (b, band) in [o.h, o.v, o.d].enumerated() { (rows + (3 * k + b) * stride).update(from: band, count: stride) }
        case let .distortedOnly(rows, stride):
            for (b, band) in [o.h, o.v, o.d].enumerated() { band.update(from: rows + (3 * k + b) * stride, count: stride) }
        }
    }

    /// Where scales 1...3 put approximation row `i`: the next scale's picture, or scratch.
    private func coarseTarget(_ i: Int) -> (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) {
        guard scale < 3 else { return layout.scratch }
        let next = layout.approximations[scale - 1]
        return (next.reference.row(i), next.distorted.row(i))
    }

    /// Scale 0: 16-bit vertical and 32-bit horizontal fixed point.
    private func firstPass(_ plane: UnsafePointer<UInt16>, rows: (Int, Int, Int, Int), bitDepth: Int,
                           low: UnsafeMutablePointer<Int16>, high: UnsafeMutablePointer<Int16>,
                           bands: Int, a: UnsafeMutablePointer<Int16>, detail: AdmFixedRow) {
        AdmFirstLevel.vertical((plane + rows.0 * width, plane + rows.1 * width,
                                plane + rows.2 * width, plane + rows.3 * width),
                               count: width, bitDepth: bitDepth, low: low, high: high)
        AdmFirstLevel.padEdges(low, count: width)
        AdmFirstLevel.padEdges(high, count: width)
        AdmFirstLevel.horizontal(low: low, high: high, bands: bands, a: a, detail: detail)
    }

    /// Scale 1: exact 16-bit halves.
    private func secondPass(_ rows: (UnsafePointer<Int16>, UnsafePointer<Int16>, UnsafePointer<Int16>,
                                     UnsafePointer<Int16>),
                            low: AdmSecondLevel.SplitRow, high: AdmSecondLevel.SplitRow, bands: Int,
                            a: UnsafeMutablePointer<Int32>, detail: AdmFixedRow) {
        AdmSecondLevel.vertical(rows, count: width, low: low, high: high)
        AdmSecondLevel.padEdges(low, count: width)
        AdmSecondLevel.padEdges(high, count: width)
        AdmSecondLevel.horizontal(low: low, high: high, bands: bands, a: a, detail: detail)
    }

    /// Scales 2 and 3 after the vertical passes: edge taps, then the horizontal passes of
    /// reference and distorted.
    private func coarseHorizontal(bands: Int, a: (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>)) {
        let shift = AdmCoarseLevel.shifts(scale: scale).horizontal
        if sides.computesReference {
            AdmCoarseLevel.padEdges(layout.coarseLow.reference, count: width)
            AdmCoarseLevel.padEdges(layout.coarseHigh.reference, count: width)
            AdmCoarseLevel.horizontal(low: layout.coarseLow.reference, high: layout.coarseHigh.reference,
                                      bands: bands, shift: shift, a: a.0, detail: layout.reference)
        }
        if sides.computesDistorted {
            AdmCoarseLevel.padEdges(layout.coarseLow.distorted, count: width)
            AdmCoarseLevel.padEdges(layout.coarseHigh.distorted, count: width)
            AdmCoarseLevel.horizontal(low: layout.coarseLow.distorted, high: layout.coarseHigh.distorted,
                                      bands: bands, shift: shift, a: a.1, detail: layout.distorted)
        }
    }

    /// Decouples band row `i` into the ring slots of the restored and masking rows.
    private func decoupleRow(_ i: Int, region: AdmRegion, setup: AdmDecouple.Setup) {
        let masking = layout.masking[i % 3]
        AdmDecouple.row(reference: layout.reference, distorted: layout.distorted, cols: region.haloCols,
                        setup: setup, restored: layout.restored[i & 1], masking: masking)
        let w = region.width
        if region.haloCols.lowerBound == 0 { masking[-1] = masking[AdmGeometry.mirror(-1, w)] }
        if region.haloCols.upperBound == w { masking[w] = masking[AdmGeometry.mirror(w, w)] }
    }

    /// Contrast masking of band row `r`, whose neighbours (mirrored at the edges) are decoupled.
    private func maskRow(_ r: Int, region: AdmRegion, into sums: inout (Double, Double, Double)) {
        let above = layout.masking[AdmGeometry.mirror(r - 1, region.height) % 3]
        let below = layout.masking[AdmGeometry.mirror(r + 1, region.height) % 3]
        AdmMasking.row(restored: layout.restored[r & 1], above: above, centre: layout.masking[r % 3],
                       below: below, cols: region.cols, into: &sums)
    }
}
