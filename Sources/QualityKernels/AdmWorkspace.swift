/// Scratch memory for one ADM computation at a time: the approximation pictures handed from
/// scale to scale plus a few dozen rows. Reusing one per thread keeps frame loops free of
/// allocation.
///
/// Not thread-safe: give each concurrent worker its own workspace (they are cheap to create and
/// grow on demand to the largest picture seen).
public final class AdmWorkspace {
    private var shorts = AdmBlock<Int16>(zero: 0)
    private var ints = AdmBlock<Int32>(zero: 0)
    private var floats = AdmBlock<Float>(zero: 0)
    private var size = (width: 0, height: 0)
    private var layout: AdmLayout?

    public init() {}

    deinit {
        shorts.release()
        ints.release()
        floats.release()
    }

    /// The buffers for pictures of `width` x `height` luma samples, allocated on first use.
    func prepare(width: Int, height: Int) -> AdmLayout {
        if let layout, size == (width, height) { return layout }
        let plan = AdmLayout.Plan(width: width, height: height)
        let made = AdmLayout(plan: plan, shorts: shorts.reserve(plan.shorts), ints: ints.reserve(plan.ints),
                             floats: floats.reserve(plan.floats))
        layout = made
        size = (width, height)
        return made
    }
}

/// One zero-filled allocation, grown when a larger picture needs it.
struct AdmBlock<Element> {
    private let zero: Element
    private var base: UnsafeMutablePointer<Element>?
    private var capacity = 0

    init(zero: Element) { self.zero = zero }

    /// Slices of `sizes` elements each, with a vector of slack before and two after every slice
    /// so row loops may read a mirrored tap at -1 and finish on whole vectors.
    mutating func reserve(_ sizes: [Int]) -> [UnsafeMutablePointer<Element>] {
        let needed = sizes.reduce(AdmLanes.count) { $0 + AdmBlock.footprint($1) }
        let block: UnsafeMutablePointer<Element>
        if let base, needed <= capacity {
            block = base
        } else {
            base?.deallocate()
            block = .allocate(capacity: needed)
            base = block
            capacity = needed
        }
        block.initialize(repeating: zero, count: needed)
        var next = block + AdmLanes.count
        return sizes.map { size in
            defer { next += AdmBlock.footprint(size) }
            return next
        }
    }

    static func footprint(_ count: Int) -> Int { AdmLanes.roundUp(count) + 3 * AdmLanes.count }

    mutating func release() {
        base?.deallocate()
        base = nil
    }
}
