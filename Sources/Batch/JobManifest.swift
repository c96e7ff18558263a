/// A batch manifest as its file states it: options for every job and the jobs themselves. TOML manifests decode
/// into it through TOMLKit and JSON manifests through `JSONDecoder`, so both forms mean the same; `ManifestParser`
/// reads files into it and turns it into `BatchJob`s.
///
/// Keys: `defaults.options` and `defaults.check.options` (likewise `convert`, `report`); `job` (TOML's `[[job]]`) or `jobs` (JSON's array), each with `kind`, `inputs` (or
/// one `input`), `output` (not for check), `options` and `id`. Unknown keys are ignored.
public struct JobManifest: Codable, Sendable, Hashable {
    /// What every job starts from: options for every job, and options for the jobs of one kind
    /// (`[defaults.check]`, `[defaults.convert]`, `[defaults.report]` in TOML; `"defaults": {"check": {"options": …}}`
    /// in JSON), since most options suit only some kinds.
    public struct Defaults: Codable, Sendable, Hashable {
        /// Options put before each job's own options.
        public var options: [String]
        /// Options put after `options` and before a job's own options, for the jobs of one kind.
        public var optionsByKind: [JobKind: [String]]

        /// Creates defaults.
        public init(options: [String] = [], optionsByKind: [JobKind: [String]] = [:]) {
            self.options = options
            self.optionsByKind = optionsByKind
        }

        /// The options a job of `kind` starts from: the common ones, then its kind's.
        public func options(for kind: JobKind) -> [String] {
            options + (optionsByKind[kind] ?? [])
        }

        private enum CodingKeys: String, CodingKey {
            case options, check, convert, report
        }

        private struct KindDefaults: Codable {
            var options: [String]

            init(options: [String]) {
                self.options = options
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                options = try container.field([String].self, .options, "a list of strings, e.g. [\"--as-of\", \"2025-06-30\"]") ?? []
            }
        }

        private static func key(for kind: JobKind) -> CodingKeys {
            switch kind {
            case .check: .check
            case .convert: .convert
            case .report: .report
            }
        }

        /// Decodes `options`, a list of strings, and the kinds' tables, each with its `options`, when present.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            options = try container.field([String].self, .options, "a list of strings, e.g. [\"--as-of\", \"2025-06-30\"]") ?? []
            optionsByKind = [:]
            for kind in JobKind.allCases {
                let key = Defaults.key(for: kind)
                guard container.contains(key) else { continue }
                optionsByKind[kind] = try container.decode(KindDefaults.self, forKey: key).options
            }
        }

        /// Encodes `options` and a table per kind that has options of its own.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(options, forKey: .options)
            for kind in JobKind.allCases {
                guard let options = optionsByKind[kind] else { continue }
                try container.encode(KindDefaults(options: options), forKey: Defaults.key(for: kind))
            }
        }
    }

    /// One job as the manifest writes it; paths are as written, relative to the manifest's folder.
    public struct Job: Codable, Sendable, Hashable {
        /// The subcommand.
        public var kind: JobKind
        /// The input files.
        public var inputs: [String]
        /// The file the job writes; nil for check jobs.
        public var output: String?
        /// Options for the subcommand, after the defaults' options.
        public var options: [String]
        /// The job's id, when the manifest gives one (the default is `kind:first-input`).
        public var id: String?

        /// Creates a job.
        public init(kind: JobKind, inputs: [String], output: String? = nil, options: [String] = [], id: String? = nil) {
            self.kind = kind
            self.inputs = inputs
            self.output = output
            self.options = options
            self.id = id
        }

        private enum CodingKeys: String, CodingKey {
            case kind, inputs, input, output, options, id
        }

        /// Decodes a job; errors say which key is wrong and what it should be.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let kinds = JobKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            guard let kindText = try container.field(String.self, .kind, "one of \(kinds)") else {
                throw DecodingError.keyNotFound(CodingKeys.kind, DecodingError.Context(
                    codingPath: container.codingPath, debugDescription: "needs kind = one of \(kinds)"))
            }
            guard let kind = JobKind(rawValue: kindText) else {
                // Located at the job, like the other checks of what a job asks for.
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: container.codingPath, debugDescription: "kind must be one of \(kinds), not \"\(kindText)\""))
            }
            self.kind = kind
            if let inputs = try container.field([String].self, .inputs, "a list of strings, e.g. [\"tasks.csv\"]") {
                self.inputs = inputs
            } else {
                inputs = try container.field(String.self, .input, "a string").map { [$0] } ?? []
            }
            output = try container.field(String.self, .output, "a string")
            options = try container.field([String].self, .options, "a list of strings") ?? []
            id = try container.field(String.self, .id, "a string")
        }

        /// Encodes the job with `inputs` as a list.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(inputs, forKey: .inputs)
            try container.encodeIfPresent(output, forKey: .output)
            try container.encode(options, forKey: .options)
            try container.encodeIfPresent(id, forKey: .id)
        }
    }

    /// Options for every job.
    public var defaults: Defaults
    /// The jobs, in the order the file lists them.
    public var jobs: [Job]

    /// Creates a manifest.
    public init(defaults: Defaults = Defaults(), jobs: [Job]) {
        self.defaults = defaults
        self.jobs = jobs
    }

    private enum CodingKeys: String, CodingKey {
        case defaults, jobs, job
    }

    /// Decodes the manifest; the jobs may be under `job` (TOML's `[[job]]` tables) or `jobs`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        defaults = try container.decodeIfPresent(Defaults.self, forKey: .defaults) ?? Defaults()
        let key: CodingKeys = container.contains(.jobs) ? .jobs : .job
        jobs = container.contains(key) ? try container.decode([Job].self, forKey: key) : []
    }

    /// Encodes the manifest with its jobs under `jobs`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(defaults, forKey: .defaults)
        try container.encode(jobs, forKey: .jobs)
    }
}

extension KeyedDecodingContainer {
    /// The value at `key`, nil when the key is absent; a value of another type is an error saying what it must be.
    fileprivate func field<Value: Decodable>(_ type: Value.Type, _ key: Key, _ expected: String) throws -> Value? {
        guard contains(key) else { return nil }
        do {
            return try decode(type, forKey: key)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: codingPath + [key], debugDescription: "\(key.stringValue) must be \(expected)"))
        }
    }
}
