import Foundation

extension CoverBatch {
    /// The checks' findings on one cover, in the checks' order. A check that reads text (OCR, on a
    /// thread of its own) runs beside the others rather than after them: the cover's checks then use
    /// two cores, which matters most for the batch's last cover, checked while nothing else runs.
    /// Pictures and measurements the checks share are made once (`CoverPixels`).
    static func run(_ checks: [CoverPluginUse<any CoverCheck>], on input: CoverCheckInput) async -> [Finding] {
        var found = [[Finding]](repeating: [], count: checks.count)
        await withTaskGroup(of: (Int, [Finding]).self) { group in
            for (i, check) in checks.enumerated() where check.plugin.readsText {
                group.addTask { (i, await findings(of: check, on: input)) }
            }
            for (i, check) in checks.enumerated() where !check.plugin.readsText {
                found[i] = await findings(of: check, on: input)
            }
            for await (i, f) in group { found[i] = f }
        }
        return found.flatMap { $0 }
    }

    /// One check's findings; a check that fails is a finding itself.
    static func findings(of check: CoverPluginUse<any CoverCheck>, on input: CoverCheckInput) async -> [Finding] {
        do { return try await check.plugin.check(input, parameters: check.parameters) }
        catch { return [Finding(check: check.name, severity: .error, message: "check failed: \(error)")] }
    }
}
