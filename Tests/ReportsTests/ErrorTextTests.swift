import Foundation
import Reports
import TabularCore
import TestSupport
import Testing

/// An error of some module, as the modules declare them: a code name, a message in English, a location.
private struct SampleError: LocatedError {
    var codeName: String?
    var message: String
    var location: TabularCore.SourceLocation?
    var category: FailureCategory { .unreadableInput }
}

@Suite("Error lines in the user's language")
struct ErrorTextTests {
    @Test("in Chinese an error says what went wrong by its code, keeps its location first and its English text as the detail")
    func chineseLine() {
        let error = SampleError(codeName: "file-not-found", message: "no such file; check the path",
                                location: TabularCore.SourceLocation(file: "问题清单.csv"))
        #expect(ErrorText.describe(error, in: .chinese) == "问题清单.csv: 找不到文件（详情：no such file; check the path）")
        #expect(ErrorText.describe(error, in: .english) == "问题清单.csv: no such file; check the path")
    }

    @Test("an error without a code, or with a code that has no Chinese text, is printed as its module wrote it")
    func untranslated() {
        let batch = SampleError(codeName: nil, message: "the manifest has no jobs", location: nil)
        #expect(ErrorText.describe(batch, in: .chinese) == "the manifest has no jobs")
        let unknown = SampleError(codeName: "not-a-code", message: "something", location: TabularCore.SourceLocation(file: "a.csv", line: 3))
        #expect(ErrorText.describe(unknown, in: .chinese) == "a.csv:3: something")
    }

    /// Every code name declared in Sources, as `Code(name: "…")`, `Code("…")` or `Code(rawValue: "…")` — except the
    /// findings' codes, which have their own messages (Finding+Message).
    static let declaredCodes: [String] = {
        let sources = packagePath("Sources")
        let files = FileManager.default.enumerator(atPath: sources)?.compactMap { $0 as? String }.filter {
            $0.hasSuffix(".swift") && !$0.hasSuffix("Rectification/Finding.swift")
        } ?? []
        let pattern = try! NSRegularExpression(pattern: #"static let \w+ = Code\(\s*(?:name: |rawValue: )?"([^"]+)""#)
        var codes: [String] = []
        for file in files {
            guard let text = try? String(contentsOfFile: sources + "/" + file, encoding: .utf8) else { continue }
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                codes.append(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        return codes.sorted()
    }()

    @Test("every error and warning code a module declares has a Chinese text")
    func everyCodeTranslated() {
        #expect(Self.declaredCodes.count >= 55, "the scan found \(Self.declaredCodes.count) codes")
        let missing = Self.declaredCodes.filter { !ErrorText.hasChineseText(for: $0) }
        #expect(missing.isEmpty, "codes without a Chinese text: \(missing)")
    }
}
