/// Ids of a table file's entries name output files, so they must differ, also in letter case.
package enum TableIDs {
    /// One message per id used twice or more, in the order the ids first appear. `noun` names an entry
    /// (`cue`), `files` what the ids name (`clip files`); `hint` adds to the message for one id used
    /// twice, given the places it is used at.
    package static func clashes(_ uses: [(id: String, place: String)], noun: String, files: String,
                                hint: ([String]) -> String = { _ in "" }) -> [String] {
        var byID: [String: [(id: String, place: String)]] = [:]
        var order: [String] = []
        for use in uses {
            let folded = use.id.lowercased()
            if byID[folded] == nil { order.append(folded) }
            byID[folded, default: []].append(use)
        }
        return order.compactMap { key in
            guard let group = byID[key], group.count > 1, let last = group.last else { return nil }
            let places = group.map(\.place)
            let placeList = places.dropLast().joined(separator: ", ") + " and " + last.place
            if Set(group.map(\.id)).count == 1 {
                return "\(noun) id `\(last.id)` is used twice or more: \(placeList); give each \(noun) its own id\(hint(places))"
            }
            return "\(noun) ids \(group.map { "`\($0.id)`" }.joined(separator: ", ")) differ only in letter case (\(placeList)); their \(files) would clash, so give each \(noun) a distinct id"
        }
    }
}
