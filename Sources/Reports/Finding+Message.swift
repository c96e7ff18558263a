import Rectification
import TabularCore

extension Finding {
    /// What the finding says, in Chinese or English, made from its code's typed arguments.
    public func message(_ language: Language = .chinese) -> String {
        // Only the language shown is built: `Language.pick` takes both texts made.
        func say(_ chinese: @autoclosure () -> String, _ english: @autoclosure () -> String) -> String {
            language == .chinese ? chinese() : english()
        }
        switch detail {
        case .unknownIssueReference(let reference):
            return say("措施引用的问题“\(reference)”在问题清单中不存在；核对问题编号",
                       "the measure refers to issue “\(reference)”, which the issue definitions do not have; check the ID")
        case .missingIssueReference:
            return say("措施未填写对应的问题编号", "the measure names no issue; fill in its issue ID")
        case .issueWithoutMeasures(let id):
            return say("问题“\(id)”没有任何整改措施", "issue “\(id)” has no measure")
        case .duplicateIssueID(let id, let first):
            return say("问题编号“\(id)”重复（第 \(first) 行已有）；每个具体问题须有唯一编号",
                       "issue ID “\(id)” is used twice (first on line \(first)); give each issue its own ID")
        case .duplicateMeasureID(let id, let first):
            return say("措施编号“\(id)”重复（第 \(first) 行已有）", "measure ID “\(id)” is used twice (first on line \(first))")
        case .missingMeasure:
            return say("整改措施为空", "the measure text is empty")
        case .missingLeader:
            return say("未填写责任领导", "no responsible leader (责任领导)")
        case .missingUnit:
            return say("未填写责任单位", "no responsible unit (责任单位)")
        case .missingOwner:
            return say("未填写责任人", "no responsible person (责任人)")
        case .missingDeadline:
            return say("未填写完成时限", "no deadline (完成时限)")
        case .unparseableDeadline(let text):
            return say("无法识别的完成时限“\(text)”；写成如 2025年3月31日、3月底前、立行立改、长期坚持",
                       "deadline “\(text)” is not understood; write e.g. 2025年3月31日, 3月底前, 立行立改, 长期坚持")
        case .impossibleDeadline(let text):
            return say("完成时限“\(text)”不是有效日期", "deadline “\(text)” is not a real date")
        case .deadlineNeedsFeedbackDate(let text):
            return say("完成时限“\(text)”按反馈日期（立行立改按方案日期或反馈日期）计算，但未提供（--feedback-date、--plan-date）",
                       "deadline “\(text)” counts from the feedback date (立行立改: the plan's date, else the feedback date), which was not given (--feedback-date, --plan-date)")
        case .deadlineNeedsPhaseDates(let text):
            return say("完成时限“\(text)”是整改阶段，但未提供该阶段的截止日期（--phase 短期=2025-06-30）",
                       "deadline “\(text)” names a plan phase whose end date was not given (--phase 短期=2025-06-30)")
        case .missingColumn(let field):
            if field == .issue {
                return say("任务表缺少“问题编号”列，措施无法对应到问题；添加该列或用 HEADER=issue 指定",
                           "the task table has no issue reference (问题编号) column; add it or map one with HEADER=issue")
            }
            let name = Finding.columnName(field)
            return say("任务表缺少“\(name)”列；添加该列或用 HEADER=\(field.rawValue) 指定",
                       "the task table has no \(name) (\(field.rawValue)) column; add it or map one with HEADER=\(field.rawValue)")
        case .countMismatch(let subject, let claimed, let actual):
            let name: (String, String) = switch subject {
            case .aspects: ("方面", "aspects")
            case .problems: ("问题", "problems")
            case .issues: ("具体问题", "issues")
            case .measures: ("措施", "measures")
            }
            return say("声称\(name.0) \(claimed) 个，表中实有 \(actual) 个", "\(claimed) \(name.1) claimed, the tables have \(actual)")
        case .overdue(let late, let due, let status):
            return say("已逾期 \(late) 天（时限 \(due.isoDate)，完成情况“\(status)”）",
                       "overdue by \(late) days (due \(due.isoDate), status “\(status)”)")
        case .dueSoon(let left, let due):
            return say("\(left) 天内到期（时限 \(due.isoDate)）", "due in \(left) days (\(due.isoDate))")
        case .numberingOutOfSequence(let level, let title, let number, let expected):
            return say("\(Finding.levelName(level, language))“\(title)”的序号为 \(number)，按顺序应为 \(expected)",
                       "\(Finding.levelName(level, language)) “\(title)” is numbered \(number), expected \(expected) by its position")
        case .missingNumber(let level, let title, let expected):
            return say("\(Finding.levelName(level, language))“\(title)”未标序号（同级均有序号，按顺序应为 \(expected)）",
                       "\(Finding.levelName(level, language)) “\(title)” has no number while its siblings have one (expected \(expected))")
        case .duplicateMeasure(let first):
            return say("同一问题下的措施与第 \(first) 行重复", "the same measure as on line \(first) under the same issue")
        case .unknownStatus(let text):
            return say("无法识别的完成情况“\(text)”；单独计为“无法识别”", "status “\(text)” is not understood; counted apart as not understood")
        case .extensionRequested(let status):
            return say("完成情况“\(status)”为申请延期或已延期，按推进中计；核对延期是否获批及新的完成时限",
                       "status “\(status)” asks for or records an extension, counted as in progress; "
                           + "check that it was granted and the new deadline")
        case .unknownClosure(let text):
            return say("无法识别的销号状态“\(text)”；应为未销号、申请销号或已销号",
                       "closure “\(text)” is not understood; use 未销号, 申请销号 or 已销号")
        case .closedButNotDone(let status):
            return say("措施已销号，但完成情况为“\(status)”", "the measure is signed off (已销号) but its status is “\(status)”")
        case .personNotOnRoster(let name, .person):
            return say("责任人“\(name)”不在花名册中（既非姓名也非职务）", "responsible person “\(name)” is on the roster neither as a name nor as a title")
        case .personNotOnRoster(let name, .leader):
            return say("责任领导“\(name)”不在花名册中（既非姓名也非职务）", "responsible leader “\(name)” is on the roster neither as a name nor as a title")
        case .personInOtherUnit(let name, let units):
            return say("责任人“\(name)”在花名册中属于其他单位，而非“\(units.joined(separator: "、"))”",
                       "responsible person “\(name)” is on the roster under another unit than “\(units.joined(separator: ", "))”")
        case .leaderNotLeader(let name):
            return say("责任领导“\(name)”在花名册中不是领导职务", "responsible leader “\(name)” has no leading role on the roster")
        case .unrecognizedColumns(let columns):
            let unknown = columns.filter { $0.alsoReads == nil }.map(\.header)
            let doubles = columns.filter { $0.alsoReads != nil }
            var parts: [String] = []
            if !unknown.isEmpty {
                parts.append(say("未识别的列：\(unknown.map { "“\($0)”" }.joined(separator: "、"))，原样保留在台账中",
                                 "columns not recognized: \(unknown.map { "“\($0)”" }.joined(separator: ", ")), kept as they are in the ledger"))
            }
            for column in doubles {
                let field = column.alsoReads.map(\.rawValue) ?? ""
                parts.append(say("“\(column.header)”也可读作 \(field)，但该字段已由前面或名称更明确的列取得",
                                 "“\(column.header)” also reads as \(field), which an earlier or plainer column already has"))
            }
            let header = columns.first?.header ?? ""
            return parts.joined(separator: say("；", "; "))
                + say("；如需按某一字段读取，用 --map \(header)=字段（如 leader、unit、owner、deadline、status、note）",
                      "; to read one as a field, map it: --map \(header)=FIELD (e.g. leader, unit, owner, deadline, status, note)")
        case .itemsAreMeasures(let header):
            return say("表中没有“整改措施”列：“\(header)”列的每一项同时作为问题和措施统计",
                       "the table has no measure column: each item of “\(header)” counts as an issue and as its measure")
        case .measuresAreIssues(let header):
            return say("表中没有问题列：“\(header)”列的每一项同时作为问题和措施统计",
                       "the table has no issue column: each item of “\(header)” counts as an issue and as its measure")
        case .groupingColumn(let header, let groups):
            return say("“\(header)”列把各行分为 \(groups) 组，表中没有“方面”列，按方面读取；同名事项在不同组下为不同问题",
                       "“\(header)” groups the rows in \(groups) groups and the table has no aspect column: read as the aspect, "
                           + "so items of the same name in two groups are two issues")
        case .footerRows(let count, let first):
            return say("表格下方 \(count) 行（自“\(first)”起）为落款或说明，未计入措施",
                       "\(count) rows under the table (from “\(first)”) read as its footer, not as measures")
        case .statusDisagreement(let choice, let text, let reads):
            let labels = LedgerLabels(language)
            return say("状态选为“\(labels.status(choice))”，而整改进度“\(text)”读作“\(labels.status(reads))”；以状态下拉为准，请同步更新整改进度",
                       "the status drop-down says “\(labels.status(choice))” while the progress text “\(text)” reads as “\(labels.status(reads))”; the drop-down wins, bring the text up to date")
        case .ledgerKeysMissing:
            return say("台账缺少隐藏的“编号”列（措施的稳定编号），各行无法与总台账对应；请用 tracksheet 生成的原表填报，勿删除该列",
                       "the ledger has lost its hidden key column (编号), so its rows cannot be related to the master's measures; fill in the workbook tracksheet wrote and keep that column")
        case .ledgerRowWithoutKey(let key):
            return say("此行没有编号（手工新增的措施），记为 \(key)，不对应总台账中的任何措施",
                       "this row has no key (a measure added by hand); it is keyed \(key) and relates to no measure of the master")
        case .foreignEdit(let part, let owners):
            return say("“\(part)”修改了不属于本单位的措施（责任方：\(owners.joined(separator: "、"))）的进度；未采纳，请由责任单位填报",
                       "“\(part)” edited the progress of a measure that is not its own (owned by \(owners.joined(separator: ", "))); not applied, the owner must report it")
        case .conflictingReturns(let field, let values):
            let labels = LedgerLabels(language)
            let list = values.map { "\($0.source)：“\(labels.changeValue(field, $0.value))”" }.joined(separator: say("；", "; "))
            return say("多份回报对“\(labels.changeField(field))”填报不一致（\(list)）；均未采纳，请核实",
                       "returns disagree on “\(labels.changeField(field))” (\(list)); neither is applied, settle it")
        case .unknownKey(let key):
            return say("编号“\(key)”在总台账中不存在；未采纳", "key “\(key)” is not in the master; not applied")
        case .staleReturn(let what, let master, let found):
            return what == .identity
                ? say("此回报分发自另一版台账（标识 \(found)，当前总台账为 \(master)）；全部未采纳，请用当前台账重新分发",
                      "this return was split from another master (identity \(found), the master's is \(master)); nothing applied, hand out the current ledger again")
                : say("此回报分发自统计截止 \(found) 的台账，而总台账截止 \(master)；全部未采纳",
                      "this return was split from the ledger as of \(found), the master is as of \(master); nothing applied")
        case .changeRequest(let field, let old, let new):
            let name = Finding.columnName(field)
            return say("修改了“\(name)”（“\(old)”→“\(new)”）：属变更申请，须经整改办审核，未采纳",
                       "changed \(name) (“\(old)” → “\(new)”): a change request for the office to decide; not applied")
        case .measureAdded(let text):
            return say("新增措施“\(text)”：属变更申请，未并入总台账", "added the measure “\(text)”: a change request, not merged")
        case .measureDeleted(let text):
            return say("回报中缺少本单位措施“\(text)”；总台账保留该措施", "the return lacks its own measure “\(text)”; the master keeps it")
        case .unverifiedReturn:
            return say("回报缺少隐藏的 _tracksheet 工作表，无法核对来源台账和截止日期；按编号合并，责任单位按多数行认定",
                       "the return has lost its hidden _tracksheet sheet, so its master and as-of date cannot be checked; merged by key, its unit taken from most of its rows")
        }
    }

    /// The usual Chinese header of a required task-table column.
    static func columnName(_ field: Field) -> String {
        LedgerLabels(.chinese).fieldHeader(field) ?? field.rawValue
    }

    /// 方面/问题, or aspect/problem.
    static func levelName(_ level: Level, _ language: Language) -> String {
        switch level {
        case .aspect: language.pick("方面", "aspect")
        case .problem: language.pick("问题", "problem")
        }
    }
}
