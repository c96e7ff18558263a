import TabularCore

extension Table {
    /// Fills the merged areas as a reconciliation reads them (`TableLayout.fillingMerged`: each area's top-left value
    /// into its cells still empty, clipped to the rows and columns present) and forgets the areas, so that
    /// reconciling the result reads the same rows as reconciling the table as it was.
    ///
    /// Call it on a table nothing else holds (one just read, before reconciling it): the rows are filled in place,
    /// and the reconciliation's measures then share them instead of a filled copy of every row of a merged area, which
    /// held a province's ledger twice while it was reconciled (`merge` and `diff` of two 100,000-measure ledgers).
    public mutating func fillMergedAreasForReconciliation() {
        guard !mergedRanges.isEmpty else { return }
        let ranges = mergedRanges
        mergedRanges = []
        TableLayout.fillMerged(ranges, in: &rows)
    }
}
