import Foundation
import Rectification
import TestSupport
import Testing

/// The ledger's identity (`RectificationPlan.fingerprint`, recorded in split workbooks and checked by `merge`), against
/// Python computing its documented definition: 64-bit FNV-1a over the lines `key TAB textKey(text) TAB units joined by
/// 、 TAB leaders joined by 、`, joined by LF, in the keys' order (runs of digits as numbers, a lone - or . alike, other
/// runs as text: 2 before 10, 3-2 before 3-10 and 3-2#2; keys equal so by their bytes).
@Suite("Ledger fingerprint: the documented hash, in the keys' own order")
struct LedgerFingerprintTests {
    /// Python's fingerprint of measures given as [key, text, units, leaders] in plan order.
    static func pythonFingerprint(_ measures: [[Any]]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: measures)
        let output = try runPython("""
            import json, re, sys, unicodedata
            measures = json.loads(sys.argv[1])
            def items(key):
                # Runs of ASCII digits by value, a lone - or . alike, any other run by its UTF-8 bytes.
                found = []
                for run in re.findall(r'[0-9]+|[^0-9]+', key):
                    if run[0] in '0123456789':
                        found.append((0, int(run), b''))
                    elif run in ('-', '.'):
                        found.append((1, 0, b''))
                    else:
                        found.append((2, 0, run.encode('utf-8')))
                return found
            def text_key(text):
                return ''.join(c for c in unicodedata.normalize('NFKC', text) if not c.isspace())
            lines = ['\\t'.join([k, text_key(t), '、'.join(u), '、'.join(l)])
                     for k, t, u, l in sorted(measures, key=lambda m: (items(m[0]), m[0].encode('utf-8')))]
            h = 0xcbf29ce484222325
            for byte in '\\n'.join(lines).encode('utf-8'):
                h = ((h ^ byte) * 0x100000001b3) % (1 << 64)
            print('%016x' % h)
            """, [String(decoding: data, as: UTF8.self)])
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func rows(_ plan: RectificationPlan) -> [[Any]] {
        plan.measures.map { [$0.key.rawValue, $0.text, $0.units, $0.leaders] }
    }

    @Test("the sample ledger's fingerprint is the documented hash")
    func sample() throws {
        let plan = try ledgerSample().plan
        #expect(plan.measures.count > 10)
        #expect(plan.fingerprint == (try LedgerFingerprintTests.pythonFingerprint(LedgerFingerprintTests.rows(plan))))
    }

    @Test("keys out of order, numbered with dashes and dots, with leading zeros, and text keys among them sort as documented")
    func mixedKeys() throws {
        let sample = try ledgerSample().plan
        var measures = sample.measures
        // Keys that are numbers sort by their numbers, then by text; a text key sorts by its runs of digits and
        // text (3-2#2 after 3-2 and before 3-10, 99 and 100), so it has one place whatever the measures' order.
        let keys = ["3-10", "3-2", "100", "99", "甲", "3.2.1", "007", "A1", "7", "3-1", "3-2#2", "3-2#10", "第3条"]
        for (index, key) in keys.enumerated() {
            measures[index].key = Measure.Key(key)
        }
        try #require(Set(measures.map(\.key)).count == measures.count)
        measures[0].units = ["办公室", "科普股"]
        measures[1].text = "测试：含　全角空格 和 ｆｕｌｌ－ｗｉｄｔｈ 的措施"
        func plan(_ measures: [Measure]) -> RectificationPlan {
            RectificationPlan(aspects: sample.aspects, problems: sample.problems, issues: sample.issues,
                              measures: measures, taskColumns: sample.taskColumns)
        }
        let expected = try LedgerFingerprintTests.pythonFingerprint(LedgerFingerprintTests.rows(plan(measures.reversed())))
        #expect(plan(measures.reversed()).fingerprint == expected)
        #expect(plan(measures.shuffled()).fingerprint == expected)
    }
}
