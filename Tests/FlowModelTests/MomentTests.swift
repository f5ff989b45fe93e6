import Testing
import FlowModel

@Suite struct MomentTests {
    @Test(arguments: CivilDateTests.known) func daysSinceEpochInvertsTheDay(_ days: Int, _ text: String) throws {
        #expect(try #require(CivilDate(text)).daysSinceEpoch == days)
    }

    @Test func aDateAloneHasNoTime() throws {
        let moment = try #require(Moment("2020-09-28"))
        #expect(moment.date.description == "2020-09-28" && moment.minutes == nil && moment.description == "2020-09-28")
    }

    /// Offsets bring every time to UTC: the same instant written three ways.
    @Test func offsetsAreTheSameInstant() throws {
        let utc = try #require(Moment("2024-03-01T08:00Z"))
        let paris = try #require(Moment("2024-03-01T09:00:00+01:00"))
        let newYork = try #require(Moment("2024-03-01T03:00:00.250-05:00"))
        #expect(utc.minutes == paris.minutes && paris.minutes == newYork.minutes)
        #expect(utc.hours(until: paris) == 0)
        // Across midnight, in the other direction.
        let late = try #require(Moment("2024-03-01T23:30-02:00"))
        #expect(late.minutes.map { $0 - (utc.minutes ?? 0) } == (15 * 60 + 30) + 2 * 60 - 8 * 60 + 8 * 60)
    }

    @Test func hoursAreExactWithTimesAndWholeDaysWithout() throws {
        let discovered = try #require(Moment("2024-03-01T09:00:00+01:00"))
        #expect(try discovered.hours(until: #require(Moment("2024-03-04T12:00Z"))) == 76)
        #expect(try discovered.hours(until: #require(Moment("2024-03-04T07:59Z"))) == 71 + 59.0 / 60)
        // A date alone on either side counts days.
        #expect(try discovered.hours(until: #require(Moment("2024-03-04"))) == 72)
        #expect(try #require(Moment("2019-03-15")).hours(until: #require(Moment("2020-09-29"))) == 564 * 24)
    }

    @Test(arguments: [
        "", "2024-03-01T", "2024-03-01T9:00", "2024-03-01T24:00", "2024-03-01T09:60", "2024-03-01T09:00+1", "2024-03-01T09:00+01",
        "2024-03-01T09:00:00.", "2024-03-01T09:00Zx", "2024-03-01X09:00", "2024-02-30T09:00", "yesterday", "2024-03-01T09:00+25:00",
    ])
    func malformedIsNil(_ text: String) {
        #expect(Moment(text) == nil, "\(text)")
    }
}
