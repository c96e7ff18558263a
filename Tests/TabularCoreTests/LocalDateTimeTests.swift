import TabularCore
import Testing

@Suite("LocalDateTime: packed storage, unchanged behaviour")
struct LocalDateTimeTests {
    @Test("a date and a cell holding one stay small, since a table keeps one per date cell")
    func size() {
        #expect(MemoryLayout<LocalDateTime>.size <= 16)
        #expect(MemoryLayout<CellValue>.stride <= 24)
    }

    @Test("the parts read back as given, at the edges of their ranges")
    func parts() throws {
        let late = try #require(LocalDateTime(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59.999_999))
        #expect([late.year, late.month, late.day, late.hour, late.minute] == [9999, 12, 31, 23, 59])
        #expect(late.second == 59.999_999)
        #expect(late.description == "9999-12-31T23:59:59.999999")
        let early = try #require(LocalDateTime(year: 1, month: 1, day: 1))
        #expect(early.description == "0001-01-01")
        #expect(early.daysSinceUnixEpoch == -719_162)  // Python: date(1, 1, 1).toordinal() - date(1970, 1, 1).toordinal()
    }

    @Test("a time of day is set on the same day, and only a real time is accepted")
    func timeOfDay() throws {
        let day = try #require(LocalDateTime(year: 2024, month: 2, day: 29))
        let morning = try #require(day.at(hour: 8, minute: 30, second: 15.5))
        #expect(morning.description == "2024-02-29T08:30:15.5")
        #expect(morning.dateOnly == day)
        #expect(day.at(hour: 24, minute: 0, second: 0) == nil)
        #expect(day.at(hour: 23, minute: 60, second: 0) == nil)
        #expect(day.at(hour: 0, minute: 0, second: 60) == nil)
        #expect(day.at(hour: -1, minute: 0, second: 0) == nil)
    }

    @Test("order is by year, month, day, hour, minute, second; equal parts are equal and hash alike")
    func orderAndEquality() throws {
        let dates = try [
            (2024, 12, 31, 23, 59, 59.5), (2025, 1, 1, 0, 0, 0), (2025, 1, 1, 0, 0, 0.25), (2025, 1, 1, 0, 1, 0),
            (2025, 1, 1, 1, 0, 0), (2025, 1, 2, 0, 0, 0), (2025, 2, 1, 0, 0, 0),
        ].map { try #require(LocalDateTime(year: $0.0, month: $0.1, day: $0.2, hour: $0.3, minute: $0.4, second: $0.5)) }
        for (index, date) in dates.enumerated() {
            for (other, later) in dates.enumerated() {
                #expect((date < later) == (index < other))
                #expect((date == later) == (index == other))
            }
        }
        #expect(Set(dates + dates).count == dates.count)
    }
}
