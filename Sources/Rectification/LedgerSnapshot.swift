import TabularCore

/// What a ledger workbook written by tracksheet says about itself, so that reading it back gives the plan it was
/// written from: which column is which, the measures' keys, the original deadline texts, and where it came from.
///
/// The file layer reads the workbook (the ledger sheet and its hidden meta sheet); Reports turns them into a
/// snapshot (it knows the headers it writes); the domain reads the ledger sheet as a task table with
/// `Reconciliation.Configuration.ledger` set to the snapshot. Nothing here touches a file.
public struct LedgerSnapshot: Sendable, Hashable {
    /// What a ledger column holds, beyond the fields a task table has.
    public enum Role: Sendable, Hashable {
        /// A field of the task table (measure, leader, unit, …; the progress text is `.field(.status)`).
        case field(Field)
        /// The measure's stable key (the hidden 编号 column).
        case key
        /// The running number (序号), kept in every workbook the measure appears in.
        case number
        /// The normalized status drop-down (状态), which wins over the free progress text when it holds a choice.
        case statusChoice
    }

    /// Where a ledger came from, as its meta sheet records it; every part may be missing from an edited workbook.
    public struct Metadata: Sendable, Hashable {
        /// The ledger format's version (1 for the first).
        public var formatVersion: Int
        /// The as-of date the ledger was written for.
        public var asOf: LocalDateTime?
        /// The kind of review.
        public var kind: RectificationKind?
        /// The feedback date the ledger was made with, from which relative deadlines count.
        public var feedbackDate: LocalDateTime?
        /// The plan's date the ledger was made with, when 立行立改 measures are due.
        public var planDate: LocalDateTime?
        /// The master's identity (`RectificationPlan.fingerprint` of the whole ledger a part was split from).
        public var master: String?
        /// For a split workbook: whose share it is.
        public var part: Part?

        /// Creates metadata.
        public init(
            formatVersion: Int, asOf: LocalDateTime? = nil, kind: RectificationKind? = nil, master: String? = nil,
            part: Part? = nil
        ) {
            self.formatVersion = formatVersion
            self.asOf = asOf
            self.kind = kind
            self.master = master
            self.part = part
        }
    }

    /// A split workbook's owner: a unit or a leader, by name.
    public struct Part: Sendable, Hashable {
        /// Whether the share is a unit's or a leader's.
        public var grouping: Reconciliation.Grouping
        /// The unit or leader as written.
        public var name: String

        /// Creates a part.
        public init(grouping: Reconciliation.Grouping, name: String) {
            self.grouping = grouping
            self.name = name
        }
    }

    /// The roles of the ledger's columns by header as printed (compared as `TextNormalization.headerKey`).
    public var columns: [String: Role]
    /// The status drop-down's choices and the progress each stands for (both languages' words may be listed).
    public var statusChoices: [String: Progress]
    /// The meta sheet's record, nil when the workbook lost it (the keys column still relates rows to the master).
    public var metadata: Metadata?
    /// The deadline of each measure as the source table wrote it (`2025年6月底前`), where the ledger shows a date.
    public var originalDeadlines: [Measure.Key: String]

    /// Creates a snapshot.
    public init(
        columns: [String: Role], statusChoices: [String: Progress], metadata: Metadata? = nil,
        originalDeadlines: [Measure.Key: String] = [:]
    ) {
        self.columns = columns
        self.statusChoices = statusChoices
        self.metadata = metadata
        self.originalDeadlines = originalDeadlines
    }

    /// Whether the ledger has its keys column: without it, rows cannot be related to a master.
    public var hasKeys: Bool { columns.values.contains(.key) }

    /// The header mapping the task-table reader uses: every field column, and the key column as the measure's ID.
    var fieldMapping: [String: Field] {
        var mapping: [String: Field] = [:]
        for (header, role) in columns {
            switch role {
            case .field(let field): mapping[TextNormalization.headerKey(header)] = field
            case .key: mapping[TextNormalization.headerKey(header)] = .id
            case .number, .statusChoice: break
            }
        }
        return mapping
    }

    /// The header key of the column with a role, if the ledger has one.
    func header(of role: Role) -> String? {
        columns.first { $0.value == role }.map { TextNormalization.headerKey($0.key) }
    }

    /// The progress a drop-down cell chooses, nil for an empty cell or a word that is not one of the choices.
    func choice(_ text: String) -> Progress? {
        // A cell holding a choice as the drop-down wrote it (nearly every row) matches that choice itself, without
        // normalizing it first (a choice is a word, so its key is never empty).
        // The few choices' bytes are compared first: hashing a CJK text cost a thousand instructions a row. Keys of a
        // dictionary are never canonically equivalent, so the choice of the same bytes is the one a lookup finds.
        for (word, progress) in statusChoices where UTF8Key.same(word, text) { return progress }
        if let exact = statusChoices[text] { return exact }
        let key = TextNormalization.textKey(text)
        guard !key.isEmpty else { return nil }
        return statusChoices.first { TextNormalization.textKey($0.key) == key }?.value
    }
}

extension RectificationPlan {
    /// A short identity of the plan's measures: 16 hex digits of an FNV-1a hash over the sorted keys with their
    /// texts, units and leaders. A split workbook records its master's, so that a return can be told to come from
    /// this master and not an older one; progress edits do not change it.
    public var fingerprint: String {
        // The hash of the lines `key\ttextKey(text)\tunits joined by 、\tleaders joined by 、`, joined by LF, in key
        // order (`StableKey.<`); the bytes are fed to the hash as they come instead of building the lines.
        let order = measures.indices.sorted { measures[$0].key < measures[$1].key }
        var hash = FNV1a()
        for (position, index) in order.enumerated() {
            let measure = measures[index]
            if position > 0 { hash.add(0x0A) }
            hash.add(measure.key.rawValue)
            hash.add(0x09)
            hash.add(TextNormalization.textKey(measure.text))
            hash.add(0x09)
            hash.add(measure.units, separator: "、")
            hash.add(0x09)
            hash.add(measure.leaders, separator: "、")
        }
        let hex = String(hash.value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// The 64-bit FNV-1a hash of the bytes added.
private struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x100_0000_01b3
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes { add(byte) }
        }
    }

    mutating func add(_ texts: [String], separator: String) {
        for (index, text) in texts.enumerated() {
            if index > 0 { add(separator) }
            add(text)
        }
    }
}
