/// Guesses a CSV delimiter from a sample: the candidate that splits the sample's records into the most consistent
/// number of fields greater than one, with quotes respected.
public enum DelimiterSniffer {
    /// The delimiters tried, in order of preference when two score the same: comma, tab, semicolon, pipe.
    public static let candidates: [UInt8] = [UInt8(ascii: ","), 0x09, UInt8(ascii: ";"), UInt8(ascii: "|")]
    /// How many records of the sample are looked at.
    public static let recordLimit = 50

    /// The delimiter that best fits `sample`, or nil when no candidate gives more than one field.
    ///
    /// - Parameters:
    ///   - sample: the start of the input as UTF-8 (after any BOM).
    ///   - isWholeInput: true when the sample is the entire input, so its last record counts even without a
    ///     final line break; otherwise an incomplete last record is ignored.
    /// Blank lines are ignored. The score is the share of records that have the most common field count, then
    /// that field count, then the order of `candidates`.
    public static func sniff(_ sample: UnsafeBufferPointer<UInt8>, isWholeInput: Bool) -> UInt8? {
        var best: (delimiter: UInt8, consistency: Double, width: Int)?
        for candidate in candidates {
            let counts = fieldCounts(sample, delimiter: candidate, isWholeInput: isWholeInput)
            guard !counts.isEmpty else { continue }
            var frequency: [Int: Int] = [:]
            for count in counts { frequency[count, default: 0] += 1 }
            let (width, times) = frequency.max { a, b in a.value < b.value || (a.value == b.value && a.key < b.key) }!
            guard width > 1 else { continue }
            let consistency = Double(times) / Double(counts.count)
            if let current = best {
                if consistency > current.consistency || (consistency == current.consistency && width > current.width) {
                    best = (candidate, consistency, width)
                }
            } else {
                best = (candidate, consistency, width)
            }
        }
        return best?.delimiter
    }

    /// The field counts of the sample's first non-blank records under one delimiter.
    static func fieldCounts(_ sample: UnsafeBufferPointer<UInt8>, delimiter: UInt8, isWholeInput: Bool) -> [Int] {
        var parser = CSVParser(delimiter: delimiter)
        var counts: [Int] = []
        var position = 0
        do {
            while counts.count < recordLimit {
                switch try parser.parse(sample, position: &position) {
                case .record:
                    if !parser.isBlankLine { counts.append(parser.fieldCount) }
                case .needsInput:
                    if isWholeInput, try parser.finish(), !parser.isBlankLine { counts.append(parser.fieldCount) }
                    return counts
                }
            }
        } catch {
            // A sample cut inside a quoted field, or a NUL: judge by the records read so far.
        }
        return counts
    }
}
