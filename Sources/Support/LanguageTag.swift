import Foundation

/// A BCP 47-like tag in its usual letter case (`pt-br` → `pt-BR`), or `nil` when it is not one.
public func normalizedLanguageTag(_ tag: String) -> String? {
    let parts = tag.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-")
        .split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
    var out = [first.lowercased()]
    for p in parts.dropFirst() {
        guard (2...8).contains(p.count), p.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        switch p.count {
        case 2 where p.allSatisfy(\.isLetter): out.append(p.uppercased())
        case 4 where p.allSatisfy(\.isLetter): out.append(p.prefix(1).uppercased() + p.dropFirst().lowercased())
        default: out.append(p.lowercased())
        }
    }
    return out.joined(separator: "-")
}
