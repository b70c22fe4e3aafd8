import Foundation
import GentaCore
import Testing

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test("parse only real days in YYYY-MM-DD")
    func parsing() {
        #expect(CalendarDate("2027-04-21")?.description == "2027-04-21")
        #expect(CalendarDate("2028-02-29") != nil)
        #expect(CalendarDate("2027-02-29") == nil)
        #expect(CalendarDate("2027-4-21") == nil)
        #expect(CalendarDate("21-04-2027") == nil)
        #expect(CalendarDate("next week") == nil)
    }

    @Test("take the day in the given time zone")
    func timeZones() {
        // 2026-11-30 20:00 UTC is already 1 December in Jakarta (UTC+7).
        let evening = Date(timeIntervalSince1970: 1_796_068_800)
        #expect(CalendarDate(evening).description == "2026-11-30")
        #expect(CalendarDate(evening, secondsFromGMT: 7 * 3600).description == "2026-12-01")
    }
}
