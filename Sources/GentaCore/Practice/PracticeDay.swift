import Foundation

/// Genta's day for limits and "today": Western Indonesia Time (WIB, UTC+7, no daylight saving),
/// where most students live. Quotas reset at 00:00 WIB, which is 17:00 UTC.
public enum PracticeDay {
    public static let secondsFromGMT = 7 * 3600

    /// The instant the practice day containing `date` began.
    public static func start(of date: Date) -> Date {
        let shifted = date.timeIntervalSince1970 + Double(secondsFromGMT)
        let dayStart = (shifted / 86_400).rounded(.down) * 86_400
        return Date(timeIntervalSince1970: dayStart - Double(secondsFromGMT))
    }

    /// The instant the next practice day begins.
    public static func nextStart(after date: Date) -> Date {
        start(of: date).addingTimeInterval(86_400)
    }

    /// The calendar day in WIB.
    public static func today(_ date: Date) -> CalendarDate {
        CalendarDate(date, secondsFromGMT: secondsFromGMT)
    }
}

extension PracticeDay {
    /// The instant the calendar month (in WIB) containing `date` began; monthly quotas count from it.
    public static func monthStart(of date: Date) -> Date {
        let day = today(date)
        return startOfDay(year: day.year, month: day.month)
    }

    /// The instant the next calendar month (in WIB) begins.
    public static func nextMonthStart(after date: Date) -> Date {
        let day = today(date)
        return day.month == 12 ? startOfDay(year: day.year + 1, month: 1) : startOfDay(year: day.year, month: day.month + 1)
    }

    /// The instant a calendar day (in WIB) begins.
    public static func start(of day: CalendarDate) -> Date {
        startOfDay(year: day.year, month: day.month, day: day.day)
    }

    private static func startOfDay(year: Int, month: Int, day: Int = 1) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: secondsFromGMT)!  // ok: a fixed offset within ±18 h always exists
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!  // ok: CalendarDate holds real days only
    }
}
