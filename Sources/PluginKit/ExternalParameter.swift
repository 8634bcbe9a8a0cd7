import Support

extension ExternalPluginProtocol.Parameter {
    /// The parameter as the registry declares it; a bad declaration is an error naming the parameter.
    func spec() throws -> ParameterSpec {
        // Checked before building a range: `min > max` or a bound beyond Int would trap.
        let lo = min ?? (type == "integer" ? Double(Int.min / 2) : -.greatestFiniteMagnitude)
        let hi = max ?? (type == "integer" ? Double(Int.max / 2) : .greatestFiniteMagnitude)
        guard lo <= hi else {
            throw MarqueeError.input("parameter `\(name)`: min \(fmt(lo)) is above max \(fmt(hi))")
        }
        let parsed: ParameterType
        switch type {
        case "number": parsed = .number(lo...hi)
        case "integer":
            guard let l = Int(exactly: lo.rounded(.up)), let h = Int(exactly: hi.rounded(.down)), l <= h else {
                throw MarqueeError.input("parameter `\(name)`: integer bounds \(fmt(lo))…\(fmt(hi)) are out of range")
            }
            parsed = .integer(l...h)
        case "boolean": parsed = .boolean
        case "string": parsed = .string
        case "choice": parsed = .choice(choices ?? [])
        case "color": parsed = .color
        default: throw MarqueeError.input("parameter `\(name)` has unknown type `\(type)`")
        }
        // The default is stored normalised (`#e0245e` → `#E0245E`), as a user-given value would be.
        guard let normalised = ParameterSpec(name, parsed, default: self.default, doc: "").coerce(self.default) else {
            throw MarqueeError.input("parameter `\(name)`: default `\(self.default)` is not \(parsed.description)")
        }
        return ParameterSpec(name, parsed, default: normalised, doc: doc ?? "")
    }
}
