import Testing
import FlowModel

@Suite struct CivilDateTests {
    /// Days since 1970-01-01 of known dates (Python's `datetime.date` gives the same).
    static let known: [(Int, String)] = [
        (0, "1970-01-01"), (-1, "1969-12-31"), (11016, "2000-02-29"), (11017, "2000-03-01"), (19782, "2024-02-29"),
        (20783, "2026-11-26"), (-25508, "1900-03-01"), (47846, "2100-12-31"), (-719_162, "0001-01-01"),
    ]

    @Test(arguments: known) func knownDays(_ days: Int, _ text: String) {
        #expect(CivilDate(daysSinceEpoch: days)?.description == text)
    }

    /// Every day of three centuries is the day after the one before it.
    @Test func daysFollowOneAnother() throws {
        var previous = try #require(CivilDate(daysSinceEpoch: -25_567))
        #expect(previous.description == "1900-01-01")
        for days in -25_566...47_846 {
            let date = try #require(CivilDate(daysSinceEpoch: days))
            let next = CivilDate(year: previous.year, month: previous.month, day: previous.day + 1)
                ?? CivilDate(year: previous.year, month: previous.month + 1, day: 1)
                ?? CivilDate(year: previous.year + 1, month: 1, day: 1)
            #expect(date == next, "day \(days)")
            previous = date
        }
    }

    @Test func outsideYearsOneToNineThousandIsNil() {
        #expect(CivilDate(daysSinceEpoch: -719_163) == nil)
        #expect(CivilDate(daysSinceEpoch: 2_932_896)?.description == "9999-12-31")
        #expect(CivilDate(daysSinceEpoch: 2_932_897) == nil)
    }
}
