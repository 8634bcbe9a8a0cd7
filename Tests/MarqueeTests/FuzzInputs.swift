import Foundation
import SplitMix

/// Inputs for the fuzz suite: valid samples of each input kind, and mutations of them that users
/// (and broken exports) make: numbers replaced with huge, negative or non-finite ones, files cut
/// short, random bytes, deep nesting, aliases. Deterministic from a seed.
struct FuzzInputs {
    enum Kind: String, CaseIterable { case cueCSV, cueYAML, cueJSON, manifestCSV, manifestYAML, manifestJSON, srt, preset }

    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    /// Valid samples of `kind`; presets come from the shipped folder (`presets` holds their texts by kind).
    static func samples(_ kind: Kind, presets: [String: [String]]) -> [String] {
        switch kind {
        case .cueCSV: return ["id,start,end,title,product,price,region,language,note\nc1,00:01:20,00:01:50,Glow serum,serum,฿1290,sea,th,scene\nc2,95.5,,,,,,,\n",
                              "start,duration\n10,30\n1:02:03.250,12.5\n"]
        case .cueYAML: return ["cues:\n  - {id: a, start: 12.5, end: 40, title: Serum, language: pt-BR}\n  - start: \"00:02:00\"\n    duration: 30\n    region: sea\n"]
        case .cueJSON: return ["[{\"id\": \"a\", \"start\": 1, \"end\": 9.5, \"price\": \"$12\"}, {\"start\": \"00:00:10,500\", \"duration\": 4}]",
                               "{\"cues\": [{\"start\": 0, \"end\": 1e2}]}"]
        case .manifestCSV: return ["id,image,title,subtitle,points,price,original_price,discount,currency,category,title.th\np1,p.jpg,Serum,Glow,A|B|C,1290,1590,30%,THB,beauty,เซรั่ม\np2,p.jpg|p.jpg,Shirt,,,99.90,,,USD,apparel,\n"]
        case .manifestYAML: return ["products:\n  - id: p1\n    image: [p.jpg, p.jpg]\n    title: Serum\n    price: 1290\n    discount: \"30%\"\n    currency: THB\n    category: beauty\n    titles: {th: เซรั่ม, pt-BR: Sérum}\n"]
        case .manifestJSON: return ["{\"products\": [{\"id\": \"p1\", \"image\": \"p.jpg\", \"title\": \"Serum\", \"price\": 12.5, \"original_price\": 20, \"currency\": \"EUR\", \"category\": \"food\", \"points\": [\"a\", \"b\"]}]}"]
        case .srt: return ["1\n00:00:01,000 --> 00:00:03,500\nHello <i>there</i>\n\n2\n00:00:04,000 --> 00:00:06,000 X1:10\n{\\an8}Second\nline\n",
                           "\u{FEFF}00:00:00.500 --> 00:00:01.000\nno number\r\n\r\n"]
        case .preset: return presets.sorted { $0.key < $1.key }.flatMap { kind, texts in texts.map { "#\(kind)\n" + $0 } }
        }
    }

    static let extremes = ["99999999999999999999999", "-1", "-99999999999999999999", "nan", ".nan", ".inf", "-.inf", "inf", "1e308",
                           "-1e308", "1e-320", "0", "-0", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                           "0x10", "1_000", "１２", "", "99:99:99", "1:2:3:4", "1:99999999999999999999:00", "4294967296", "2147483648",
                           "36000000.001", "12,5", "1.5.5", "1e3", String(repeating: "9", count: 400), "~", "null", "[]", "{}"]
    static let syntax = Array(":[]{},&*!|>-?#\"'%@`\\\n\t =<") + ["ä", "🙂", "\u{FEFF}", "\u{0}", "\r", "ـ", "\u{202E}"]

    mutating func int(_ n: Int) -> Int { Int(rng.next() % UInt64(max(1, n))) }
    mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }

    /// A sample of `kind`, mutated one to four times (sometimes not at all).
    mutating func make(_ kind: Kind, presets: [String: [String]]) -> Data {
        var text = pick(Self.samples(kind, presets: presets))
        if int(12) == 0 { return Data(text.utf8) }
        if int(40) == 0 { return Data((0..<int(2000)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }) }
        for _ in 0..<(1 + int(4)) { text = mutate(text) }
        var data = Data(text.utf8)
        if int(30) == 0, !data.isEmpty { data[int(data.count)] = UInt8(truncatingIfNeeded: rng.next()) }   // maybe not UTF-8
        return data
    }

    mutating func mutate(_ text: String) -> String {
        var chars = Array(text)
        let at = int(chars.count + 1)
        switch int(10) {
        case 0, 1, 2:   // a number replaced by an extreme one (or, with no number, a character replaced)
            let numbers = numberRanges(chars)
            if numbers.isEmpty {
                if at < chars.count { chars[at] = pick(Self.syntax) }
            } else {
                chars.replaceSubrange(pick(numbers), with: Array(pick(Self.extremes)))
            }
        case 3: chars = Array(chars.prefix(at))   // cut short
        case 4: chars.insert(contentsOf: (0..<(1 + int(6))).map { _ in pick(Self.syntax) }, at: at)
        case 5: if at < chars.count { chars.removeSubrange(at..<min(chars.count, at + 1 + int(40))) }
        case 6:   // a line repeated or moved
            var lines = String(chars).components(separatedBy: "\n")
            let i = int(lines.count)
            if int(2) == 0 { lines.insert(lines[i], at: int(lines.count)) } else { lines.swapAt(i, int(lines.count)) }
            chars = Array(lines.joined(separator: "\n"))
        case 7:   // deep nesting
            let n = pick([3, 70, 500, 20_000])
            let (open, close) = pick([("[", "]"), ("{a: ", "}"), ("{\"a\": ", "}"), ("- ", "")])
            chars.insert(contentsOf: Array(String(repeating: open, count: n) + "1" + String(repeating: close, count: n)), at: at)
        case 8:   // anchors and aliases
            chars.insert(contentsOf: Array(pick([" &x ", " *x", "\n<<: *x\n", " &y [*x, *x, *x]", " *nope", "? *x\n: 1\n"])), at: at)
        default:   // a character replaced
            if at < chars.count { chars[at] = pick(Self.syntax) }
        }
        return String(chars)
    }

    /// Ranges of digit runs (with a dot or colon inside) in `chars`.
    func numberRanges(_ chars: [Character]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber else { i += 1; continue }
            var j = i
            while j < chars.count, chars[j].isASCII, chars[j].isNumber || chars[j] == "." || chars[j] == ":" { j += 1 }
            ranges.append(i..<j)
            i = j
        }
        return ranges
    }
}
