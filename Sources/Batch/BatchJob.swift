/// What a batch job does: one of the tool's subcommands.
public enum JobKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// `tracksheet convert`.
    case convert
    /// `tracksheet check`.
    case check
    /// `tracksheet report`.
    case report
}

/// One unit of work in a batch: a subcommand with its inputs, outputs and options.
public struct BatchJob: Sendable, Hashable {
    /// A stable name for the job, unique in the batch: the kind and the first input's relative path.
    public var id: String
    /// The subcommand.
    public var kind: JobKind
    /// Input paths, as given (relative to the folder the batch runs in).
    public var inputs: [String]
    /// Output paths (a workbook or CSV); empty for `check`.
    public var outputs: [String]
    /// Further options passed to the subcommand, e.g. `["--as-of", "2025-06-30"]`.
    public var options: [String]

    /// Creates a job; the id defaults to `kind:first-input`.
    public init(kind: JobKind, inputs: [String], outputs: [String], options: [String] = [], id: String? = nil) {
        self.kind = kind
        self.inputs = inputs
        self.outputs = outputs
        self.options = options
        self.id = id ?? "\(kind.rawValue):\(inputs.first ?? "")"
    }

    /// The command line of the job, after the program name, as the executor parses it and the manifest records it.
    /// Check jobs render JSON findings unless the options choose a format (what a check job's `-o FILE` gets).
    public var arguments: [String] {
        switch kind {
        case .convert, .report:
            [kind.rawValue] + inputs + (outputs.first.map { ["-o", $0] } ?? []) + options
        case .check:
            [kind.rawValue] + inputs + options + (options.contains("--format") ? [] : ["--format", "json"])
        }
    }
}

/// A K-of-N slice of a batch, so that N CI runners cover every job exactly once.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based shard number.
    public var index: Int
    /// How many shards there are.
    public var count: Int

    /// Parses `K/N` with 1 ≤ K ≤ N; nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else { return nil }
        index = k
        count = n
    }

    /// Whether a job belongs to this shard: a stable hash (FNV-1a) of its id, modulo the shard count.
    public func contains(_ job: BatchJob) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in job.id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int(hash % UInt64(count)) == index - 1
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }
}
