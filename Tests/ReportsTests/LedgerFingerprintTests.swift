import Foundation
import Rectification
import TestSupport
import Testing

/// The ledger's identity (`RectificationPlan.fingerprint`, recorded in split workbooks and checked by `merge`), against
/// Python computing its documented definition: 64-bit FNV-1a over the lines `key TAB textKey(text) TAB units joined by
/// 、 TAB leaders joined by 、`, joined by LF, in the keys' order (numbers as numbers: 2 before 10, 3-2 before 3-10;
/// otherwise by text).
@Suite("Ledger fingerprint: the documented hash, in the keys' own order")
struct LedgerFingerprintTests {
    /// Python's fingerprint of measures given as [key, text, units, leaders] in plan order.
    static func pythonFingerprint(_ measures: [[Any]]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: measures)
        let output = try runPython("""
            import functools, json, sys, unicodedata
            measures = json.loads(sys.argv[1])
            def numbers(key):
                parts = key.replace('.', '-').split('-')
                try:
                    return [int(p) for p in parts]
                except ValueError:
                    return None
            def compare(a, b):
                na, nb = numbers(a[0]), numbers(b[0])
                if na is not None and nb is not None and na != nb:
                    return -1 if na < nb else 1
                return (a[0] > b[0]) - (a[0] < b[0])
            def text_key(text):
                return ''.join(c for c in unicodedata.normalize('NFKC', text) if not c.isspace())
            lines = ['\\t'.join([k, text_key(t), '、'.join(u), '、'.join(l)])
                     for k, t, u, l in sorted(measures, key=functools.cmp_to_key(compare))]
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

    @Test("keys out of order, numbered with dashes and dots, with leading zeros, and text keys after them sort as documented")
    func mixedKeys() throws {
        let sample = try ledgerSample().plan
        var measures = sample.measures
        // Keys that are numbers sort by their numbers, then by text; texts that sort after every number (A1, 甲) come
        // last. (A text key that sorts between numbers, such as 3-2#2 among 100 and 99, has no consistent place:
        // `StableKey.<` compares it by text and numbers by number, so its place depends on the measures' order.)
        let keys = ["3-10", "3-2", "100", "99", "甲", "3.2.1", "007", "A1", "7", "3-1"]
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
