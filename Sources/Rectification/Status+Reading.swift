/// The status classifier: folds a cell's text, cuts it into sentences, finds the markers of each sentence and decides
/// the progress by the rules documented on `Status`.
///
/// Works on Unicode scalars (status cells are at most a few paragraphs); tables of markers are built once.
enum StatusReader {
    /// What a cell reads as.
    struct Reading: Equatable {
        var progress: Progress
        var percent: Double?
        var isExtension = false
    }

    /// What a marker says.
    enum Signal {
        /// Work not done or not begun: 未完成, 尚未启动, 待办理.
        case negation
        /// Work begun, not finished: 正在, 推进中, 部分完成, 基本完成, 预计…完成.
        case partial
        /// Work finished: 已完成, 办结, 结案, 出台了.
        case done
        /// More time asked or given: 申请延期, 已延期.
        case delay
        /// Kept up over time: 长期坚持, 常态化, 持续推进.
        case ongoing
        /// Words that look like a marker but say nothing about progress (完成情况, 推进会, 未销号, 未来).
        case neutral
    }

    /// The markers found in one sentence.
    struct Sentence {
        var negation = false
        var partial = false
        var done = false
        var delay = false
        var ongoing = false
        var percent: Double?

        /// Whether the sentence says anything about progress itself (ongoing words only modify).
        var isStatus: Bool { negation || partial || done || delay }
        /// Whether the sentence says work has begun.
        var saysBegun: Bool { partial || done || delay || ongoing }

        mutating func add(_ signal: Signal) {
            switch signal {
            case .negation: negation = true
            case .partial: partial = true
            case .done: done = true
            case .delay: delay = true
            case .ongoing: ongoing = true
            case .neutral: break
            }
        }
    }

    // MARK: Reading a cell

    /// Reads a status text; see `Status` for the rules.
    static func read(_ text: String, column: Status.ColumnKind) -> Reading {
        let key = fold(text)
        if key.isEmpty { return Reading(progress: .notStarted) }
        let core = trimmed(key)
        if let whole = wholeCell(core) { return whole }
        let sentences = split(key, at: sentenceEnds).map(scan)
        let begun = sentences.contains { $0.saysBegun }
        let ongoing = sentences.contains { $0.ongoing }
        if column == .yesNo, let answer = yesNo(core) {
            if answer { return Reading(progress: ongoing ? .doneOngoing : .done) }
            let extended = sentences.contains { $0.delay }
            return Reading(progress: begun ? .inProgress : .notStarted, isExtension: extended)
        }
        guard let deciding = sentences.last(where: { $0.isStatus }) else {
            return Reading(progress: ongoing ? .inProgress : .unrecognized)
        }
        if deciding.delay { return Reading(progress: .inProgress, percent: deciding.percent, isExtension: true) }
        if deciding.negation { return Reading(progress: begun ? .inProgress : .notStarted, percent: deciding.percent) }
        if deciding.partial { return Reading(progress: .inProgress, percent: deciding.percent) }
        return Reading(progress: ongoing ? .doneOngoing : .done, percent: deciding.percent)
    }

    /// The progress a percentage means: 0 not started, 1–99 in progress, 100 done; nil outside 0…100.
    static func progress(percent: Double) -> Progress? {
        guard (0...100).contains(percent) else { return nil }
        if percent >= 100 { return .done }
        if percent <= 0 { return .notStarted }
        return .inProgress
    }

    /// Cells read as a whole: a bare percentage, a check mark or cross, an English status word.
    private static func wholeCell(_ core: [Unicode.Scalar]) -> Reading? {
        if core.count == 1, doneSymbols.contains(core[0]) { return Reading(progress: .done) }
        if core.count == 1, noSymbols.contains(core[0]) { return Reading(progress: .notStarted) }
        if core.count > 1, core.last == "%", let percent = number(core.dropLast()) {
            return Reading(progress: progress(percent: percent) ?? .unrecognized, percent: percent)
        }
        var word = String.UnicodeScalarView()
        word.append(contentsOf: core.filter { $0 != "-" && $0 != "_" })
        return englishWords[String(word)].map { Reading(progress: $0) }
    }

    /// The answer of a yes/no cell, read from its first word (是，长期坚持 → yes); nil when the first word is neither.
    private static func yesNo(_ core: [Unicode.Scalar]) -> Bool? {
        let word = String(String.UnicodeScalarView(core.prefix { !isPunctuation($0) }))
        if yesWords.contains(word) { return true }
        if noWords.contains(word) { return false }
        return nil
    }

    // MARK: Scanning a sentence

    /// The markers of one sentence, found left to right, longest first at each position.
    private static func scan(_ sentence: ArraySlice<Unicode.Scalar>) -> Sentence {
        let s = Array(sentence)
        var result = Sentence()
        var clauseStart = 0
        while clauseStart <= s.count {
            let clauseEnd = s[clauseStart...].firstIndex { clauseEnds.contains($0) } ?? s.count
            let clause = Clause(scalars: s, start: clauseStart, end: clauseEnd)
            var index = clauseStart
            while index < clauseEnd {
                if !markerStarts.contains(s[index]), !s[index].isASCII {
                    index += 1
                } else if case let (signal, end)? = marker(at: index, in: clause) {
                    result.add(signal)
                    index = end
                    // 持续推进, 常态化推进: the verb belongs to the ongoing word.
                    if signal == .ongoing, clause.has(push, at: index) { index += push.count }
                } else if case let (signal, percent, end)? = percentage(at: index, in: clause) {
                    result.add(signal)
                    if signal != .neutral { result.percent = percent }
                    index = end
                } else {
                    index += 1
                }
            }
            clauseStart = clauseEnd + 1
        }
        return result
    }

    /// The marker that starts at `index`, if any: fixed words first, then the patterns.
    private static func marker(at index: Int, in clause: Clause) -> (Signal, Int)? {
        literal(at: index, in: clause) ?? negation(at: index, in: clause) ?? already(at: index, in: clause)
            ?? perfective(at: index, in: clause) ?? completion(at: index, in: clause)
            ?? lengthened(at: index, in: clause) ?? countedResult(at: index, in: clause)
    }

    /// A count that closes a clause after an action and its object (清理往来款项15笔, 追回资金146万元, 修订制度3项):
    /// the result of work done, as a report states it. Not a result: a count inside the clause (21个问题进行整改), a
    /// count that something exists or was found (有3项, 共15笔, 涉及资金15万元, 发现问题6个), a count in a plan
    /// (计划清理15笔), or a count with nothing before it.
    private static func countedResult(at index: Int, in clause: Clause) -> (Signal, Int)? {
        let s = clause.scalars
        guard s[index].isASCII, s[index].properties.numericType != nil, index - clause.start >= 2,
              clause[index - 1].map({ !($0.isASCII && ($0.properties.numericType != nil || $0 == ".")) }) ?? false
        else { return nil }
        var end = index
        while end < clause.end, s[end].isASCII, s[end].properties.numericType != nil || s[end] == "." { end += 1 }
        guard let counter = counters.first(where: { clause.has($0, at: end) }) else { return nil }
        let after = end + counter.count
        guard after == clause.end || clause[after] == "、" || clause[after] == "等" else { return nil }
        if clause.planEnd != nil || stativeBefore.contains(s[index - 1]) { return nil }
        let stated = statingWords.contains { word in
            stride(from: clause.start, through: index - word.count, by: 1).contains { clause.has(word, at: $0) }
        }
        return stated ? nil : (.done, after)
    }

    /// A clause of a sentence (cut at commas and colons), for markers that look at their neighbours. What they ask
    /// of the whole clause is found once, so that a long clause is read in linear time.
    private struct Clause {
        var scalars: [Unicode.Scalar]
        var start: Int
        var end: Int
        /// Where the clause's first plan word (预计, 力争, 确保 …; 计划 but not 按计划) ends, if it has one.
        var planEnd: Int?
        /// Whether the clause says what a percentage in it measures (完成, 进度, 进展).
        var isMeasured = false

        init(scalars: [Unicode.Scalar], start: Int, end: Int) {
            self.scalars = scalars
            self.start = start
            self.end = end
            for index in start..<end where clauseWordStarts.contains(scalars[index]) {
                if !isMeasured, measures.contains(where: { has($0, at: index) }) { isMeasured = true }
                if planEnd == nil, let word = planWords.first(where: { has($0, at: index) }),
                   word != plan || self[index - 1] != "按" {
                    planEnd = index + word.count
                }
                if isMeasured, planEnd != nil { break }
            }
        }

        func has(_ word: [Unicode.Scalar], at index: Int) -> Bool {
            guard index >= start, index + word.count <= end else { return false }
            for offset in word.indices where scalars[index + offset] != word[offset] { return false }
            return true
        }

        subscript(index: Int) -> Unicode.Scalar? { index >= start && index < end ? scalars[index] : nil }
    }

    /// The longest fixed marker that starts at `index`.
    private static func literal(at index: Int, in clause: Clause) -> (Signal, Int)? {
        guard let candidates = literals[clause.scalars[index]] else { return nil }
        for (word, signal) in candidates where clause.has(word, at: index) { return (signal, index + word.count) }
        return nil
    }

    /// A negation: 尚未/暂未/仍未 (with or without a verb), 未/没有/无 + up to 4 characters + a progress verb, 待 + verb.
    private static func negation(at index: Int, in clause: Clause) -> (Signal, Int)? {
        guard let (word, strong, window) = negators.first(where: { clause.has($0.0, at: index) }) else { return nil }
        let from = index + word.count
        for start in from...(from + window) where start < clause.end {
            if clause.has(whole, at: start) || clause.has(completely, at: start) {
                // 未全部完成, 尚未完全到位: some of it is done.
                let verbEnd = (start + 2..<min(start + 7, clause.end + 1)).first { end in
                    progressVerbs.contains { end - $0.count >= start + 2 && clause.has($0, at: end - $0.count) }
                }
                return (.partial, verbEnd ?? start + 2)
            }
            if verbStarts.contains(clause.scalars[start]),
               let verb = progressVerbs.first(where: { clause.has($0, at: start) }) {
                return (verb == signOff ? .neutral : .negation, start + verb.count)
            }
            if isPunctuation(clause.scalars[start]) { break }
        }
        return strong ? (.negation, from) : nil
    }

    /// 已 + anything: an action reported as already taken (已完成, 已于5月30日通车). 而已 and 不得已 are not.
    private static func already(at index: Int, in clause: Clause) -> (Signal, Int)? {
        guard clause.scalars[index] == "已", let next = clause[index + 1], !isPunctuation(next) else { return nil }
        if let previous = clause[index - 1], previous == "而" || previous == "得" { return nil }
        return (.done, index + 1)
    }

    /// 了 after a verb with an object after it (出台了…制度, 清理了15笔): a completed action. A clause-final 了 is a
    /// change of state (差不多了, 快了), not a completion; 为了, 除了, 了解, 不了 are other words.
    private static func perfective(at index: Int, in clause: Clause) -> (Signal, Int)? {
        guard clause.scalars[index] == "了", let previous = clause[index - 1], let next = clause[index + 1],
              !"为除不罢".unicodeScalars.contains(previous), next != "解", !isPunctuation(next)
        else { return nil }
        return (.done, index + 1)
    }

    /// A bare 完成: done, unless a count follows (实际完成 6: a quantity, not whether the measure is done) or the
    /// clause plans it (预计/力争/确保/拟 … 完成, 6月底前完成, but not 提前完成), which reads as work not finished yet.
    private static func completion(at index: Int, in clause: Clause) -> (Signal, Int)? {
        guard clause.has(complete, at: index) else { return nil }
        let end = index + complete.count
        if let next = clause[end], next.properties.numericType != nil { return (.neutral, end) }
        // 6月底前完成, 年前完成: a deadline; 提前完成 (ahead of time) is not one.
        if clause[index - 1] == "前", let time = clause[index - 2], "底日月年度号旬末节之".unicodeScalars.contains(time) {
            return (.partial, end)
        }
        if let planEnd = clause.planEnd, planEnd <= index { return (.partial, end) }
        return (.done, end)
    }

    /// 延长 + up to 4 characters + 期限/时限 (延长整改期限): an extension.
    private static func lengthened(at index: Int, in clause: Clause) -> (Signal, Int)? {
        guard clause.has(lengthen, at: index) else { return nil }
        for start in (index + 2)...(index + 6) {
            for word in terms where clause.has(word, at: start) {
                return (.delay, start + word.count)
            }
        }
        return nil
    }

    /// A percentage; it counts only in a clause that says what it measures (完成, 进度, 进展): ≥ 100 done, 0 not
    /// started, otherwise partial. Other numbers are skipped whole.
    private static func percentage(at index: Int, in clause: Clause) -> (Signal, Double, Int)? {
        let s = clause.scalars
        guard s[index].properties.numericType != nil, s[index].isASCII else { return nil }
        var end = index
        while end < clause.end, s[end].isASCII, s[end].properties.numericType != nil || s[end] == "." { end += 1 }
        guard end < clause.end, s[end] == "%", let value = number(s[index..<end]) else { return (.neutral, 0, end) }
        guard clause.isMeasured else { return (.neutral, value, end + 1) }
        let signal: Signal = value >= 100 ? .done : value <= 0 ? .negation : .partial
        return (signal, value, end + 1)
    }

    // MARK: Folding and splitting

    /// NFKC, lowercased, traditional status characters folded to simplified, 已经 → 已, whitespace other than line
    /// breaks removed.
    static func fold(_ text: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        for scalar in TextNormalization.normalized(text).lowercased().unicodeScalars {
            if scalar == "\n" || scalar == "\r" {
                scalars.append("\n")
            } else if !scalar.properties.isWhitespace {
                let folded = TextNormalization.simplified(scalar)
                if folded == "经", scalars.last == "已" { continue }
                scalars.append(folded)
            }
        }
        return scalars
    }

    /// The key without leading and trailing punctuation or line breaks.
    private static func trimmed(_ key: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let isEdge: (Unicode.Scalar) -> Bool = { isPunctuation($0) && $0 != "%" }
        guard let first = key.firstIndex(where: { !isEdge($0) }), let last = key.lastIndex(where: { !isEdge($0) })
        else { return [] }
        return Array(key[first...last])
    }

    private static func split(_ key: [Unicode.Scalar], at ends: Set<Unicode.Scalar>) -> [ArraySlice<Unicode.Scalar>] {
        key.split(omittingEmptySubsequences: true) { ends.contains($0) }
    }

    private static func number(_ digits: some Collection<Unicode.Scalar>) -> Double? {
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.properties.numericType != nil || $0 == ".") })
        else { return nil }
        return Double(String(String.UnicodeScalarView(digits)))
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar.properties.generalCategory.isPunctuation || "%~+=<>|`^".unicodeScalars.contains(scalar)
    }

    // MARK: Vocabulary

    private static let sentenceEnds: Set<Unicode.Scalar> = ["。", "!", "?", ";", "\n"]
    private static let clauseEnds: Set<Unicode.Scalar> = [",", ":"]
    private static let doneSymbols: Set<Unicode.Scalar> = ["✓", "✔", "√", "☑"]
    private static let noSymbols: Set<Unicode.Scalar> = ["×", "✗", "✘", "☒", "✕", "✖"]
    private static let yesWords: Set<String> = ["是", "y", "yes", "√", "✓", "✔", "☑"]
    private static let noWords: Set<String> = ["否", "n", "no", "×", "✗", "✘", "☒", "✕", "✖"]
    private static let englishWords: [String: Progress] = [
        "done": .done, "completed": .done, "complete": .done, "finished": .done,
        "inprogress": .inProgress, "ongoing": .inProgress, "underway": .inProgress,
        "notstarted": .notStarted, "todo": .notStarted,
    ]

    /// Measure words after a count, longest first: what a result is counted in (15笔, 1.05亿元, 3项).
    private static let counters = [
        "万元", "亿元", "人次", "户次", "平方米", "笔", "个", "项", "件", "条", "宗", "起", "户", "人", "家", "次", "处",
        "份", "套", "辆", "名", "元", "万", "亿", "亩", "吨", "座", "所", "栋", "间", "台", "场", "批", "篇", "本",
    ].map(\.scalars)
    /// A scalar just before a count that makes it a count of what exists (有3项, 共15笔, 约20人, 第3次).
    private static let stativeBefore: Set<Unicode.Scalar> = ["有", "共", "计", "约", "第", "达", "近", "超"]
    /// Words of a clause that state a quantity rather than report work done (涉及资金15万元, 发现问题6个).
    private static let statingWords = ["涉及", "存在", "发现", "包括", "包含", "目标", "提出", "反馈", "交办", "指出", "共有"]
        .map(\.scalars)
    private static let complete = "完成".scalars
    private static let whole = "全部".scalars
    private static let completely = "完全".scalars
    private static let push = "推进".scalars
    private static let lengthen = "延长".scalars
    private static let terms = ["期限", "时限"].map(\.scalars)
    private static let signOff = "销号".scalars
    private static let plan = "计划".scalars
    /// Words before 完成 in a clause that make it a plan, not a report.
    private static let measures = ["完成", "进度", "进展"].map(\.scalars)
    private static let planWords = ["预计", "力争", "争取", "确保", "拟", "将于", "将在", "计划", "要求", "应于", "务必"]
        .map(\.scalars)

    /// Negating words: the word, whether it negates without a verb after it, how many characters may stand between
    /// it and the verb.
    private static let negators: [([Unicode.Scalar], Bool, Int)] = [
        ("至今未", true, 4), ("尚未", true, 4), ("暂未", true, 4), ("仍未", true, 4), ("还未", true, 4),
        ("未能", false, 4), ("没有", false, 4), ("暂无", false, 4), ("未", false, 4), ("没", false, 4),
        ("无", false, 4), ("待", false, 0),
    ].map { ($0.0.scalars, $0.1, $0.2) }

    /// Verbs of progress that a negation can negate (未完成, 尚未启动, 未按期完成, 问题未得到解决, 无进展).
    private static let progressVerbs = [
        "完成", "整改", "启动", "开始", "开展", "落实", "实施", "到位", "办结", "结案", "开工", "动工", "办理", "推进",
        "处理", "着手", "执行", "解决", "进展", "销号",
    ].map(\.scalars)

    /// The scalars a marker can start with (digits, being ASCII, are checked apart).
    private static let markerStarts: Set<Unicode.Scalar> = {
        var starts = Set(literals.keys)
        starts.formUnion(negators.map { $0.0[0] })
        starts.formUnion(["已", "了", "完", "延"])
        return starts
    }()
    /// The scalars a progress verb starts with.
    private static let verbStarts = Set(progressVerbs.map { $0[0] })
    /// The scalars the words a clause is searched for start with.
    private static let clauseWordStarts = Set((measures + planWords).map { $0[0] })

    /// Fixed markers, by first scalar, longest first.
    private static let literals: [Unicode.Scalar: [([Unicode.Scalar], Signal)]] = {
        let table: [(String, Signal)] = [
            // Look like markers, say nothing about progress.
            ("完成情况", .neutral), ("完成率", .neutral), ("完成时限", .neutral), ("完成期限", .neutral),
            ("完成时间", .neutral), ("完成进度", .neutral), ("完成节点", .neutral), ("推进会", .neutral),
            ("长期以来", .neutral), ("长期存在", .neutral), ("未来", .neutral), ("无需", .neutral), ("不需", .neutral),
            // Begun, not finished.
            ("正在", .partial), ("仍在", .partial), ("部分", .partial), ("部分整改", .partial), ("部分完成", .partial),
            ("完成部分", .partial), ("部分落实", .partial), ("部分到位", .partial), ("部分解决", .partial),
            ("阶段性", .partial), ("基本完成", .partial), ("基本整改", .partial), ("基本到位", .partial),
            ("基本落实", .partial), ("基本解决", .partial), ("初步", .partial), ("持续整改", .partial),
            ("序时进度", .partial), ("序时推进", .partial), ("推进中", .partial), ("整改中", .partial),
            ("进行中", .partial), ("办理中", .partial), ("落实中", .partial), ("实施中", .partial),
            ("处理中", .partial), ("建设中", .partial), ("推进", .partial), ("缓慢", .partial), ("滞后", .partial),
            ("启动", .partial), ("开始", .partial), ("着手", .partial), ("开工", .partial), ("动工", .partial),
            ("逐步", .partial), ("进展顺利", .partial),
            // Finished.
            ("办结", .done), ("结案", .done), ("到位", .done), ("销号", .done), ("竣工", .done), ("完工", .done),
            ("完结", .done), ("完毕", .done), ("正在申请销号", .done), ("申请销号", .done),
            ("√", .done), ("✓", .done), ("✔", .done), ("☑", .done),
            // Not finished.
            ("不到位", .negation),
            // More time.
            ("延期", .delay), ("顺延", .delay),
            // Kept up.
            ("长期坚持", .ongoing), ("长期", .ongoing), ("常态化", .ongoing), ("持续", .ongoing), ("长效", .ongoing),
        ]
        var byFirst: [Unicode.Scalar: [([Unicode.Scalar], Signal)]] = [:]
        for (word, signal) in table { byFirst[word.unicodeScalars.first!, default: []].append((word.scalars, signal)) }
        return byFirst.mapValues { $0.sorted { $0.0.count > $1.0.count } }
    }()
}

extension String {
    /// The string's Unicode scalars as an array.
    fileprivate var scalars: [Unicode.Scalar] { Array(unicodeScalars) }
}

extension Unicode.GeneralCategory {
    /// Whether the category is one of the punctuation categories.
    fileprivate var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            true
        default:
            false
        }
    }
}
