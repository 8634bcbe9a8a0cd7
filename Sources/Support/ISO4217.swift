/// ISO 4217 currency codes in use (the standard's list of active codes, 2024, with the fund and
/// precious-metal codes left out: nobody prices a product in them).
public enum ISO4217 {
    public static let codes: Set<String> = Set("""
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
        CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
        GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT
        LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
        NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD
        SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF
        XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Whether `code` (any letter case) is an ISO 4217 code.
    public static func isCode(_ code: String) -> Bool { codes.contains(code.uppercased()) }

    /// The code closest to `code` by spelling, for a did-you-mean hint (`THD` → `THB`).
    public static func suggestion(for code: String) -> String? {
        let upper = code.uppercased()
        guard upper.count == 3 else { return nil }
        // One letter off; a code sharing the first two letters first (THD → THB, not BHD).
        let near = codes.filter { editDistance($0, upper) == 1 }.sorted()
        return near.first { $0.prefix(2) == upper.prefix(2) } ?? near.first
    }
}
