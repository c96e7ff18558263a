import Foundation
import TestSupport
import Testing

/// The sample's ledger (巡察, as of 2025-06-30, plan date 2025-03-11) written into `folder` as 台账.xlsx, with its
/// per-unit workbooks under `parts`, as the office hands it out; its path.
func handOutSampleLedger(into folder: TemporaryDirectory) throws -> String {
    let ledger = folder.file("台账.xlsx")
    let result = try runTracksheet([
        "report", packagePath("Samples/rectification/issues.csv"), packagePath("Samples/rectification/tasks.csv"),
        "--kind", "巡察", "--as-of", "2025-06-30", "--plan-date", "2025-03-11", "-o", ledger,
        "--split-by", "unit", "--split-dir", folder.file("parts"),
    ])
    #expect(result.status == 0, "\(result.stderr)")
    return ledger
}
