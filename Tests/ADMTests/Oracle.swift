import Foundation
import QualityKernels
import OracleSupport

/// Per-frame scores libvmaf logged for one clip.
struct OracleFrame {
    let adm2: Double
    let adm2NoEnhancement: Double?
    let scales: [Double]
}

enum Oracle {
    /// Runs libvmaf (vmaf_v0.6.1, plus the adm extractor with adm_enhn_gain_limit=1) on a clip's raw
    /// distorted and reference files and reads its per-frame integer ADM features.
    static func scores(_ media: ClipMedia) throws -> [OracleFrame] {
        let log = try OracleTools.libvmaf(inputs: media.files.oracleInputs,
                                          options: "n_threads=1:feature='name=adm\\:adm_enhn_gain_limit=1.0'",
                                          log: media.files.directory.appendingPathComponent("vmaf.json"))
        return try log.frames.map { metrics in
            guard let adm2 = metrics["integer_adm2"] else { throw OracleError("libvmaf log lacks integer_adm2") }
            let scales = (0..<4).compactMap { metrics["integer_adm_scale\($0)"] }
            return OracleFrame(adm2: adm2, adm2NoEnhancement: metrics["integer_adm2_egl_1"], scales: scales)
        }
    }
}
