/// A number as a person reads it in a message: whole numbers without a decimal point (`4`, not
/// `4.0`), others in Swift's shortest exact form (`0.45`).
public func numberText(_ d: Double) -> String {
    d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
}
