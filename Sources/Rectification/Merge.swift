import Foundation
import TabularCore

/// One applied edit of a merge: a progress field of one measure, its old and new value, and the returns it came from.
public struct MergeChange: Sendable, Hashable {
    /// The progress fields a unit may change in its own measures.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        /// The normalized status (状态); values are `Progress` raw values.
        case status
        /// The free progress text (整改进度).
        case progressText = "progress-text"
        /// The date done (完成日期).
        case dateDone = "date-done"
        /// The evidence (佐证材料).
        case evidence
        /// The note (备注).
        case note
        /// The sign-off state (销号状态), as written.
        case closure

        /// The task-table field whose cell holds it (the status's text is the progress text's cell).
        var cellField: Rectification.Field? {
            switch self {
            case .status: nil
            case .progressText: .status
            case .dateDone: .dateDone
            case .evidence: .evidence
            case .note: .note
            case .closure: .closure
            }
        }

        /// The field's position in `allCases` (declaration order), without building `allCases` to search it.
        var ordinal: Int { Self.declared.firstIndex(of: self)! }

        /// `allCases`, built once.
        static let declared = allCases
    }

    /// The measure's stable key.
    public var key: Measure.Key
    /// The measure's running number (序号).
    public var number: Int
    /// The unit (or leader) whose return made the change; the measure's units when the return is a whole ledger.
    public var unit: String
    /// The field changed.
    public var field: Field
    /// The master's value (for `.status`, a `Progress` raw value).
    public var old: String
    /// The return's value.
    public var new: String
    /// The returns that made the change (more than one when they agree), by name.
    public var sources: [String]

    /// Creates a change.
    public init(key: Measure.Key, number: Int, unit: String, field: Field, old: String, new: String, sources: [String]) {
        self.key = key
        self.number = number
        self.unit = unit
        self.field = field
        self.old = old
        self.new = new
        self.sources = sources
    }
}

/// A returned ledger to merge: its name (the file name, for the change log and findings) and how it reads.
public struct ReturnedLedger: Sendable, Hashable {
    /// The return's name.
    public var name: String
    /// The return read as a ledger (`Reconciliation.Configuration.ledger` set).
    public var result: Reconciliation

    /// Creates a return.
    public init(name: String, result: Reconciliation) {
        self.name = name
        self.result = result
    }
}

/// The outcome of merging returns into a master: the new master, the changes applied and what was not applied.
public struct LedgerMerge: Sendable, Hashable {
    /// The master with the changes applied, its timing, rollups and progress findings recomputed.
    public var merged: Reconciliation
    /// The changes applied, in running-number order, then field order.
    public var changes: [MergeChange]
    /// What the returns did that was not applied, or that is worth a look (each about a return's file).
    public var findings: [Finding]

    /// Whether a conflict or another error remains (`tracksheet merge` exits 1).
    public var hasErrors: Bool { findings.contains { $0.severity == .error } || merged.errorCount > 0 }
}

extension Reconciliation {
    /// Merges returned ledgers into this master by stable key.
    ///
    /// Rules: a return may change the progress fields (`MergeChange.Field`) of its own unit's (or leader's) measures;
    /// a return of a whole ledger (no part recorded) may change any measure's. Everything else is a finding and is not
    /// applied: progress edits of another unit's measure (`foreign-edit`), returns setting one field to different
    /// values (`conflicting-returns`, neither applied), a changed measure text, leader, unit, person or deadline
    /// (`change-request`), a row without a key (`measure-added`) or with a key the master lacks (`unknown-key`), a
    /// unit's measure missing from its return (`measure-deleted`), a return split from another master or as-of date
    /// (`stale-return`, none of it applied), a return without keys (`ledger-keys-missing`, none applied), a return
    /// whose meta sheet is lost (`unverified-return`: applied by keys; its unit is the one most of its rows name).
    ///
    /// Pure: the master and the returns are values; nothing is read or written.
    public consuming func merging(_ returns: [ReturnedLedger]) -> LedgerMerge {
        let identity = configuration.ledger?.metadata?.master ?? plan.fingerprint
        let masterAsOf = configuration.ledger?.metadata?.asOf ?? asOf
        var findings: [Finding] = []
        var pending: [PendingEdit] = []
        let masterOrder = Reconciliation.outlineOrder(plan.measures)

        for (returnNumber, ret) in returns.enumerated() {
            let file = ret.name
            func finding(_ detail: Finding.Detail, _ measure: Measure? = nil, key: Measure.Key? = nil) {
                findings.append(Finding(detail, file: file, sheet: nil, line: measure?.line,
                                        subject: (measure?.key ?? key).map { .measure($0) }))
            }
            guard let ledger = ret.result.configuration.ledger, ledger.hasKeys else {
                finding(.ledgerKeysMissing)
                continue
            }
            // A drop-down that disagrees with the typed text is worth a look where the office reads the merge.
            findings += ret.result.findings.filter { $0.code == .statusDisagreement }
            var part = ledger.metadata?.part
            if let metadata = ledger.metadata {
                if let master = metadata.master, master != identity {
                    finding(.staleReturn(what: .identity, master: identity, found: master))
                    continue
                }
                if let date = metadata.asOf, date.dateOnly != masterAsOf.dateOnly {
                    finding(.staleReturn(what: .asOf, master: masterAsOf.isoDate, found: date.isoDate))
                    continue
                }
            } else {
                finding(.unverifiedReturn)
                part = Reconciliation.likelyUnit(of: ret.result.plan, in: plan)
            }
            let partKey = part.map { TextNormalization.textKey($0.name) }
            // The returned measures, in outline order, are compared with their masters in up to two parts side by
            // side; the parts' findings and edits are put together in that order, as one pass would have made them.
            let returnedMeasures = ret.result.plan.measures
            let comparison = ReturnComparison(
                master: plan, returned: returnedMeasures, returnNumber: returnNumber,
                order: Reconciliation.outlineOrder(returnedMeasures), file: file, part: part, partKey: partKey)
            var seen = [Bool](repeating: false, count: plan.measures.count)
            for scan in inHalves(of: comparison.order.count, comparison.scan) {
                findings += scan.findings
                pending += scan.pending
                for position in scan.seen { seen[position] = true }
            }
            for position in masterOrder where !seen[position] && comparison.owns(plan.measures[position]) {
                let measure = plan.measures[position]
                finding(.measureDeleted(text: measure.text), key: measure.key)
            }
        }

        // One value per measure and field: returns that agree are one change; returns that differ are a conflict.
        // Edits are grouped by master position and field (one integer, `id`), the groups in the order their first
        // edits come: each group's edits are chained through `nextEdit` in `pending`'s order (flat arrays, not a list
        // per group in a dictionary: a province's merge has tens of thousands of groups).
        let fieldCount = MergeChange.Field.declared.count
        var groupOfID = [Int32](repeating: -1, count: plan.measures.count * fieldCount)
        var groupFirst: [Int] = [], groupLast: [Int] = []
        var nextEdit = [Int](repeating: -1, count: pending.count)
        for index in pending.indices {
            let id = pending[index].position * fieldCount + pending[index].field.ordinal
            let group = Int(groupOfID[id])
            if group < 0 {
                groupOfID[id] = Int32(groupFirst.count)
                groupFirst.append(index)
                groupLast.append(index)
            } else {
                nextEdit[groupLast[group]] = index
                groupLast[group] = index
            }
        }
        var changes: [MergeChange] = []
        var addedColumns: [Column] = []
        // The status the applied progress texts read as, by master position.
        var textReadings: [Int: Progress] = [:]
        // What each distinct progress text reads as, by its bytes: a province's applied texts are a few dozen words
        // and percentages, each read once instead of once a measure (reading one cost 20,000 instructions).
        var readings: [UTF8Key: Status] = [:]
        func statusReading(of text: String) -> Status {
            if let known = readings[UTF8Key(text)] { return known }
            let read = Status(parsing: text)
            readings[UTF8Key(text)] = read
            return read
        }

        // The new master: the master's plan and findings, consumed, become the new master's, edited in place, so
        // that a province's hundred thousand measures and their findings are neither copied nor freed (a caller that
        // keeps the master gets copies, as before); the changed measures are re-timed and their progress findings
        // recomputed.
        let asOf = configuration.asOf.dateOnly
        let dueSoonDays = configuration.dueSoonDays
        let masterColumns = plan.taskColumns
        var newPlan = self.plan
        var masterFindings = self.findings
        self.plan = RectificationPlan(aspects: [], problems: [], issues: [], measures: [], taskColumns: [])
        self.findings = []
        // The master's rollups, never read, hold its plan until they are replaced.
        self.rollups = Rollups(plan: self.plan)
        var isChanged = [Bool](repeating: false, count: newPlan.measures.count)
        // The returned measures the edits name, read in place.
        let returnedMeasures = returns.map(\.result.plan.measures)
        // The measures keep their keys, positions and issues (only progress fields change), so the master's indexes
        // of them hold for the new plan; each edit is applied to its measure in its place.
        newPlan.editMeasures { measures in
            var edits: [Int] = []
            for first in groupFirst {
                edits.removeAll(keepingCapacity: true)
                var edit = first
                while edit >= 0 {
                    edits.append(edit)
                    edit = nextEdit[edit]
                }
                let field = pending[first].field
                let position = pending[first].position
                let key = measures[position].key
                let (returnNumber, returnedPosition) = (pending[first].returnNumber, pending[first].returnedPosition)
                // One edit is one value (nearly every group); more are compared as a set.
                let agreed = edits.count == 1 || Set(edits.map { pending[$0].value }).count == 1
                guard agreed else {
                    let values = edits.map { Finding.ConflictingValue(source: pending[$0].source, value: pending[$0].value) }
                    findings.append(Finding(
                        .conflictingReturns(field: field, values: values), file: pending[first].source,
                        line: returnedMeasures[returnNumber][returnedPosition].line, subject: .measure(key)))
                    continue
                }
                let old = Reconciliation.value(field, of: measures[position])
                // A progress text applied is read once: what it reads as is kept for the status-disagreement check below.
                let reading = field == .progressText ? statusReading(of: pending[first].value) : nil
                if let reading { textReadings[position] = reading.progress }
                Reconciliation.apply(
                    field, value: pending[first].value, from: returnedMeasures[returnNumber][returnedPosition],
                    to: &measures[position], reading: reading)
                isChanged[position] = true
                if let cellField = field.cellField, !masterColumns.contains(where: { $0.field == cellField }),
                   !addedColumns.contains(where: { $0.field == cellField }),
                   let cell = returnedMeasures[returnNumber][returnedPosition].cell(of: cellField) {
                    let next = (masterColumns + addedColumns).map(\.index).max().map { $0 + 1 } ?? 0
                    addedColumns.append(Column(index: next, header: cell.header, field: cellField))
                }
                changes.append(MergeChange(
                    key: key, number: measures[position].number,
                    unit: uniqued(edits.map { pending[$0].unit }).joined(separator: "、"),
                    field: field, old: old, new: pending[first].value, sources: uniqued(edits.map { pending[$0].source })))
            }
            for position in measures.indices where isChanged[position] {
                measures[position].timing = Reconciliation.timing(
                    deadline: measures[position].deadline, progress: measures[position].status.progress, asOf: asOf,
                    dueSoonDays: dueSoonDays)
            }
        }
        changes.sort { ($0.number, $0.field.ordinal) < ($1.number, $1.field.ordinal) }
        let changedPositions = isChanged.indices.filter { isChanged[$0] }
        let taskColumns = masterColumns + addedColumns
        newPlan.taskColumns = taskColumns
        let measures = newPlan.measures
        let changedKeys = Set(changedPositions.map { measures[$0].key })
        let progressCodes: Set<Finding.Code> = [
            .unknownStatus, .extensionRequested, .unknownClosure, .closedButNotDone, .overdue, .dueSoon, .statusDisagreement,
        ]
        // The findings about a changed measure's progress are dropped in place, the others keeping their order (most
        // are kept: a few hundred of a province's tens of thousands are about a changed measure's progress).
        masterFindings.removeAll { finding in
            guard case .measure(let key)? = finding.subject, changedKeys.contains(key) else { return false }
            return progressCodes.contains(finding.code)
        }
        let headers = Dictionary(taskColumns.compactMap { column in column.field.map { ($0, column.header) } },
                                 uniquingKeysWith: { a, _ in a })
        for position in Reconciliation.outlineOrder(measures, among: changedPositions) {
            let measure = measures[position]
            var found = Reconciliation.progressFindings(
                status: measure.status, closureText: measure[.closure] ?? "", deadline: measure.deadline, timing: measure.timing)
            // The status text is the progress text applied, when one was (read above), else the master's.
            let reads = textReadings[position] ?? statusReading(of: measure.status.text).progress
            if Reconciliation.holdsNonSpace(measure.status.text), reads != .unrecognized,
               reads != measure.status.progress {
                found.insert((Finding.Detail.statusDisagreement(
                    choice: measure.status.progress, text: measure.status.text, textReads: reads), Field.status), at: 0)
            }
            for (detail, field) in found {
                masterFindings.append(Finding(detail, file: measure.file, line: measure.line, column: headers[field],
                                              subject: .measure(measure.key)))
            }
        }
        var configuration = self.configuration
        if var ledger = configuration.ledger {
            ledger.metadata?.master = identity
            configuration.ledger = ledger
        }
        let merged = Reconciliation(configuration: configuration, plan: newPlan, findings: masterFindings, kind: kind)
        return LedgerMerge(merged: merged, changes: changes, findings: findings)
    }

    /// The positions of measures in outline order (`RectificationPlan.measuresInOutlineOrder`'s order: by running
    /// number, measures of the same number in plan order), without copying the measures to sort them; `among` limits
    /// it to some positions.
    static func outlineOrder(_ measures: [Measure], among positions: [Int]? = nil) -> [Int] {
        (positions ?? Array(measures.indices)).sorted { a, b in (measures[a].number, a) < (measures[b].number, b) }
    }

    /// The unit most rows of a return name, for a return whose meta sheet is lost.
    static func likelyUnit(of returned: RectificationPlan, in master: RectificationPlan) -> LedgerSnapshot.Part? {
        var counts: [String: (name: String, count: Int)] = [:]
        var rows = 0
        for measure in returned.measures {
            guard let known = master.measure(measure.key) else { continue }
            rows += 1
            for unit in known.units {
                let key = TextNormalization.textKey(unit)
                counts[key] = (unit, (counts[key]?.count ?? 0) + 1)
            }
        }
        let best = counts.values.max { ($0.count, $1.name) < ($1.count, $0.name) }
        guard let best, rows > 0, best.count * 2 > rows else { return nil }
        return LedgerSnapshot.Part(grouping: .unit, name: best.name)
    }

    /// The fields only the office changes that a return has changed: field, old and new text.
    static func requests(_ master: Measure, _ returned: Measure) -> [(Field, String, String)] {
        withUnsafePointer(to: master) { master in withUnsafePointer(to: returned) { requests(master, $0) } }
    }

    /// `requests(_:_:)` of two measures read in place.
    static func requests(_ masterPointer: UnsafePointer<Measure>, _ returnedPointer: UnsafePointer<Measure>)
        -> [(Field, String, String)]
    {
        var found: [(Field, String, String)] = []
        // Texts of the same bytes (nearly every field of nearly every row) have the same key: neither is normalized,
        // nor are names of the same bytes joined.
        func compare(_ field: Field, _ old: String, _ new: String) {
            if UTF8Key.same(old, new) { return }
            if TextNormalization.textKey(old) != TextNormalization.textKey(new) { found.append((field, old, new)) }
        }
        func compare(_ field: Field, _ old: [String], _ new: [String]) {
            if old.count == new.count {
                var index = 0
                while index < old.count, UTF8Key.same(old[index], new[index]) { index += 1 }
                if index == old.count { return }
            }
            compare(field, old.joined(separator: "、"), new.joined(separator: "、"))
        }
        compare(.measure, masterPointer.pointee.text, returnedPointer.pointee.text)
        compare(.leader, masterPointer.pointee.leaders, returnedPointer.pointee.leaders)
        compare(.unit, masterPointer.pointee.units, returnedPointer.pointee.units)
        compare(.owner, masterPointer.pointee.owners, returnedPointer.pointee.owners)
        // A deadline is the unit's edit when its text changed and so did what it means: the same words may mean
        // another date when the two sides' plan dates differ (立行立改 in a master whose meta sheet is lost), and
        // 2025年6月30日 rewritten as 2025-06-30 means the same date.
        let (old, new) = (masterPointer.pointee.deadline, returnedPointer.pointee.deadline)
        if !UTF8Key.same(old.text, new.text), TextNormalization.textKey(old.text) != TextNormalization.textKey(new.text),
           old.due != new.due || old.isLongTerm != new.isLongTerm || old.isImmediate != new.isImmediate {
            found.append((.deadline, old.text, new.text))
        }
        return found
    }

    /// The progress fields a return changed: field, old and new value.
    static func progressEdits(_ master: Measure, _ returned: Measure) -> [(MergeChange.Field, String, String)] {
        withUnsafePointer(to: master) { master in withUnsafePointer(to: returned) { progressEdits(master, $0) } }
    }

    /// The progress fields, in order.
    private static let progressFields = MergeChange.Field.allCases

    /// `progressEdits(_:_:)` of two measures read in place.
    static func progressEdits(_ master: UnsafePointer<Measure>, _ returned: UnsafePointer<Measure>)
        -> [(MergeChange.Field, String, String)]
    {
        var masterCells = ProgressCells()
        var returnedCells = ProgressCells()
        return progressEdits(master, returned, &masterCells, &returnedCells)
    }

    /// `progressEdits(_:_:)` of two measures read in place, their progress cells found through the columns each side's
    /// measures share (`ProgressCells`, kept by the caller from one measure to the next).
    static func progressEdits(
        _ master: UnsafePointer<Measure>, _ returned: UnsafePointer<Measure>,
        _ masterCells: inout ProgressCells, _ returnedCells: inout ProgressCells
    ) -> [(MergeChange.Field, String, String)] {
        var edits: [(MergeChange.Field, String, String)] = []
        // Each side's row is taken from its measure once, not once a field.
        let masterValues = masterCells.rowValues(of: master)
        let returnedValues = returnedCells.rowValues(of: returned)
        for (ordinal, field) in progressFields.enumerated() {
            let old: String
            let new: String
            if field == .status {
                // Progress values are equal exactly when their raw values are.
                if master.pointee.status.progress == returned.pointee.status.progress { continue }
                old = master.pointee.status.progress.rawValue
                new = returned.pointee.status.progress.rawValue
            } else {
                let masterText = masterCells.text(field, ordinal: ordinal, values: masterValues, of: master)
                let returnedText = returnedCells.text(field, ordinal: ordinal, values: returnedValues, of: returned)
                // The same text on both sides, as in nearly every field of nearly every row, is no edit: trimming
                // and normalizing two equal texts gives equal values.
                if UTF8Key.same(masterText, returnedText) { continue }
                old = trimmed(masterText)
                new = trimmed(returnedText)
            }
            let same = switch field {
            case .status: old == new
            case .closure: Closure(parsing: old) == Closure(parsing: new) && TextNormalization.textKey(old) == TextNormalization.textKey(new)
            default: TextNormalization.textKey(old) == TextNormalization.textKey(new)
            }
            if !same { edits.append((field, old, new)) }
        }
        return edits
    }

    /// A progress field's value: the status as a `Progress` raw value, the others as the cell's text (dates ISO).
    static func value(_ field: MergeChange.Field, of measure: Measure) -> String {
        switch field {
        case .status: measure.status.progress.rawValue
        default: trimmed(text(field, of: measure))
        }
    }

    /// Whether a text holds more than white space: `!text.trimmingCharacters(in: .whitespaces).isEmpty`. A text that
    /// starts with a scalar outside the set (Unicode's Zs and the tab), such as an ASCII letter or digit or a CJK
    /// ideograph (nearly every progress text), is answered without Foundation's trimming.
    static func holdsNonSpace(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        switch first.value {
        case 0x21...0x7E, 0x4E00...0x9FFF: return true
        default: return !text.trimmingCharacters(in: .whitespaces).isEmpty
        }
    }

    /// White space and line ends, as `trimmed(_:)` removes them.
    private static let spaceAndLineEnds = CharacterSet.whitespacesAndNewlines

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`; a text that neither starts nor ends with one of them
    /// (nearly every cell) is returned as it is, without Foundation's scan.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : spaceAndLineEnds.contains(scalar)
        }
        return isSpace(first) || isSpace(last) ? text.trimmingCharacters(in: spaceAndLineEnds) : text
    }

    /// Where the progress fields' cells are in the rows of measures that share one set of columns (a plan read from
    /// a table: every measure's cells are its row's values through the same `MeasureColumns`), found once for those
    /// columns instead of once for each measure and field.
    struct ProgressCells {
        /// The columns the positions are for.
        private var columns: MeasureColumns?
        /// For each progress field in `MergeChange.Field` order, the index of its first cell's value in a row, or -1
        /// when the columns have no cell of that field.
        private var indexes: [Int] = []

        /// The values of a measure's row when its cells are read through one (the positions made ready for its
        /// columns), else nil.
        mutating func rowValues(of measure: UnsafePointer<Measure>) -> [CellValue]? {
            guard case .row(let values, let shared) = measure.pointee.storedCells else { return nil }
            if columns !== shared {
                columns = shared
                indexes = MergeChange.Field.allCases.map { field in
                    guard let cellField = field.cellField,
                          let position = shared.shared.firstIndex(where: { $0.field == cellField }) else { return -1 }
                    return shared.indexes[position]
                }
            }
            return values
        }

        /// A progress field's text as written (not trimmed), as `text(_:of:)` reads it: the status's text for the
        /// progress text, else the first cell of the field, "" when there is none. `ordinal` is the field's position
        /// in `MergeChange.Field.allCases`, `values` what `rowValues(of:)` gave for the measure.
        func text(
            _ field: MergeChange.Field, ordinal: Int, values: [CellValue]?, of measure: UnsafePointer<Measure>
        ) -> String {
            guard field != .progressText, let values else { return Reconciliation.text(field, of: measure) }
            let index = indexes[ordinal]
            // The cell of a row's value reads as the value's text (`MeasureCell(column:value:)`); a value past the
            // row's end is an empty cell.
            guard index >= 0 else { return "" }
            return index < values.count ? values[index].text : ""
        }
    }

    /// A progress field's text as written (not trimmed), read through the measure's row.
    private static func text(_ field: MergeChange.Field, of measure: Measure) -> String {
        withUnsafePointer(to: measure) { text(field, of: $0) }
    }

    /// A progress field's text as written (not trimmed) of a measure read in place.
    fileprivate static func text(_ field: MergeChange.Field, of measure: UnsafePointer<Measure>) -> String {
        switch field {
        case .progressText: measure.pointee.status.text
        // The cells are read through the stored property: a method called on `pointee` would copy the measure.
        default: field.cellField.flatMap { measure.pointee.storedCells.firstCell(of: $0)?.text } ?? ""
        }
    }

    /// Sets a progress field of a measure to a return's value, keeping the return's cell (and its type).
    /// `reading` is `Status(parsing: value)` when the caller has it already (a progress text).
    static func apply(
        _ field: MergeChange.Field, value: String, from returned: Measure, to measure: inout Measure, reading: Status? = nil
    ) {
        switch field {
        case .status:
            measure.status.progress = Progress(rawValue: value) ?? measure.status.progress
        case .progressText:
            let reading = reading ?? Status(parsing: value)
            measure.status.text = value
            measure.status.percent = reading.percent
            measure.status.isExtension = reading.isExtension
            setCell(.status, from: returned, in: &measure)
        default:
            let cellField = field.cellField!
            setCell(cellField, from: returned, in: &measure)
            if field == .closure { measure.closure = Closure(parsing: value) }
        }
    }

    static func setCell(_ field: Field, from returned: Measure, in measure: inout Measure) {
        guard let cell = returned.storedCells.firstCell(of: field) else { return }
        // The cells are built from the row once, changed, and set once (each `measure.cells[…]` access built them
        // anew from the row, or copied them).
        var cells = measure.cells
        if let index = cells.firstIndex(where: { $0.field == field }) {
            cells[index].text = cell.text
            cells[index].value = cell.value
        } else {
            let extras = cells.firstIndex { $0.field == nil } ?? cells.endIndex
            cells.insert(cell, at: extras)
        }
        measure.cells = cells
    }
}

/// A progress edit a return asks for: its measure by position in the master's measures (keys and positions are one
/// to one), the field and value, the return's name, the unit it speaks for, and the returned measure by the return's
/// number among the returns and its position in that return's measures (not a copy of it: an edit is copied from
/// its part of the comparison into the list of all, and a measure is a dozen counted texts).
struct PendingEdit: Sendable {
    var position: Int, field: MergeChange.Field, value: String, source: String, unit: String
    var returnNumber: Int, returnedPosition: Int
}

/// One return's measures compared with the master's, a part at a time: what each asks for that is not applied
/// (findings), the progress edits it asks for, and which masters it names.
struct ReturnComparison: Sendable {
    /// The master's plan.
    let master: RectificationPlan
    /// The return's measures.
    let returned: [Measure]
    /// The return's number among the returns merged (its edits name it).
    let returnNumber: Int
    /// The return's measures' positions in outline order: the order compared in.
    let order: [Int]
    /// The return's name.
    let file: String
    /// Whose share the return is, nil for a whole ledger; its name's text key.
    let part: LedgerSnapshot.Part?, partKey: String?

    /// What a part of `order` gave, in its order.
    struct Scan: Sendable {
        var findings: [Finding] = []
        var pending: [PendingEdit] = []
        /// The master positions the part's measures matched.
        var seen: [Int] = []
    }

    /// Whether the return may edit a master measure: any, for a whole ledger; else one of its part's unit or leader.
    func owns(_ measure: borrowing Measure) -> Bool {
        guard let part, let partKey else { return true }
        let names = part.grouping == .unit ? measure.units : measure.leaders
        return names.contains { TextNormalization.textKey($0) == partKey }
    }

    /// Compares the returned measures at `range` of `order`. The measures are read in place (a copy of a whole
    /// measure costs a dozen retains and releases); a returned measure's master is the one after the last found when
    /// the keys agree (a return lists the master's measures in its order, or some of them), else looked up by key.
    func scan(_ range: Range<Int>) -> Scan {
        var result = Scan()
        func finding(_ detail: Finding.Detail, _ measure: Measure) {
            result.findings.append(Finding(detail, file: file, sheet: nil, line: measure.line, subject: .measure(measure.key)))
        }
        var next = 0
        var masterCells = Reconciliation.ProgressCells()
        var returnedCells = Reconciliation.ProgressCells()
        master.measures.withUnsafeBufferPointer { masters in
            returned.withUnsafeBufferPointer { returneds in
                guard let returnedBase = returneds.baseAddress else { return }
                for position in order[range] {
                    let returned = returnedBase + position
                    if returned.pointee.key.rawValue.hasPrefix("+") {
                        finding(.measureAdded(text: returned.pointee.text), returned.pointee)
                        continue
                    }
                    let found: Int?
                    if next < masters.count, masters[next].key == returned.pointee.key {
                        found = next
                    } else {
                        found = master.measurePosition(of: returned.pointee.key)
                    }
                    guard let masterPosition = found else {
                        finding(.unknownKey(key: returned.pointee.key.rawValue), returned.pointee)
                        continue
                    }
                    next = masterPosition + 1
                    let masterMeasure = masters.baseAddress! + masterPosition
                    result.seen.append(masterPosition)
                    for (field, old, new) in Reconciliation.requests(masterMeasure, returned) {
                        finding(.changeRequest(field: field, old: old, new: new), returned.pointee)
                    }
                    let edits = Reconciliation.progressEdits(masterMeasure, returned, &masterCells, &returnedCells)
                    guard !edits.isEmpty else { continue }
                    guard owns(masterMeasure.pointee) else {
                        finding(.foreignEdit(part: part?.name ?? "",
                                             owners: part?.grouping == .leader ? masterMeasure.pointee.leaders : masterMeasure.pointee.units),
                                returned.pointee)
                        continue
                    }
                    let unit = part?.name ?? masterMeasure.pointee.units.joined(separator: "、")
                    for (field, _, new) in edits {
                        result.pending.append(PendingEdit(position: masterPosition, field: field, value: new, source: file,
                                                          unit: unit, returnNumber: returnNumber, returnedPosition: position))
                    }
                }
            }
        }
        return result
    }
}

/// The elements in first-appearance order without repeats.
private func uniqued(_ values: [String]) -> [String] {
    if values.count < 2 { return values }
    var seen: Set<String> = []
    return values.filter { seen.insert($0).inserted }
}
