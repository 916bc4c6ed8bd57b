import SFNJSON
import XCTest
@testable import JSONata

final class DateTimeFunctionTests: XCTestCase {
  private let f = BuiltinCaller(table: Dictionary(uniqueKeysWithValues: Builtins.dateTime.map { ($0.name, $0) }))
  /// 2018-03-23T10:33:36.617Z, a Friday.
  private let friday = Value.n(1_521_801_216_617)

  func testNowAndMillisReturnTheEvaluationStartThroughout() throws {
    XCTAssertEqual(try f.number("millis"), 1_521_801_216_617)
    XCTAssertEqual(try f.number("millis"), 1_521_801_216_617)
    XCTAssertEqual(try f.string("now"), "2018-03-23T10:33:36.617Z")
    XCTAssertEqual(try f.string("now", .s("[Y0001]-[M01]-[D01]")), "2018-03-23")
    XCTAssertEqual(try f.string("now", .s("[H01]:[m01][Z]"), .s("+0530")), "16:03+05:30")
  }

  func testFromMillisDefaultsToISO8601() throws {
    XCTAssertEqual(try f.string("fromMillis", .n(1)), "1970-01-01T00:00:00.001Z")
    XCTAssertEqual(try f.string("fromMillis", .n(1_509_380_732_935)), "2017-10-30T16:25:32.935Z")
    XCTAssertEqual(try f.string("fromMillis", .n(-1)), "1969-12-31T23:59:59.999Z")
    XCTAssertEqual(try f.string("fromMillis", .n(1_540_127_100_000), nil, .s("-0500")),
                   "2018-10-21T08:05:00.000-05:00")
    XCTAssertNil(try f.call("fromMillis", nil, .s("[Y]")))
  }

  func testFromMillisPictureLiteralsAndBrackets() throws {
    XCTAssertEqual(try f.string("fromMillis", friday, .s("Hello")), "Hello")
    XCTAssertEqual(try f.string("fromMillis", friday, .s("[[Year]]: [[[Y0001]]]")), "[Year]: [2018]")
    XCTAssertEqual(try f.string("fromMillis", friday, .s("[Y]-[ M01]-[D 01]T[H01 ]:[ m   ]")), "2018-03-23T10:33")
  }

  func testFromMillisNumbersWidthsAndGrouping() throws {
    XCTAssertEqual(try f.string("fromMillis", friday, .s("[D#1]/[M#1]/[Y0001]")), "23/3/2018")
    XCTAssertEqual(try f.string("fromMillis", friday, .s("Year: <[Y9,999,*]>")), "Year: <2,018>")
    XCTAssertEqual(try f.string("fromMillis", friday, .s("[D#1,2]/[M1,2]/[Y,2]")), "23/03/18")
    XCTAssertEqual(try f.string("fromMillis", friday, .s("[D#1,2]/[M1,2]/[Y0001,2-2]")), "23/03/18")
    XCTAssertEqual(try f.string("fromMillis", friday, .s("[f001] [s01] [m01] [H01]")), "617 36 33 10")
  }

  func testFromMillisNamesOrdinalsWordsAndNumerals() throws {
    XCTAssertEqual(try f.string("fromMillis", friday, .s("[FNn], [D1o] [MNn] [Y]")), "Friday, 23rd March 2018")
    XCTAssertEqual(try f.string("fromMillis", friday, .s("[FNn,3-3], [D1o] [MN,3-3] [Y] [C] [E]")),
                   "Fri, 23rd MAR 2018 ISO ISO")
    XCTAssertEqual(try f.string("fromMillis", friday, .s("[Dwo] [Yw]")), "twenty-third two thousand and eighteen")
    XCTAssertEqual(try f.string("fromMillis", friday, .s("[D1] [M01] [YI] [Da] [MA] [Yi]")),
                   "23 03 MMXVIII w C mmxviii")
  }

  func testFromMillisTwelveHourClock() throws {
    XCTAssertEqual(try f.string("fromMillis", friday, .s("[h]:[m]:[s] [P] [PN]")), "10:33:36 am AM")
    XCTAssertEqual(try f.string("fromMillis", .n(1_204_405_500_000), .s("[F], [h]:[m] [P]")), "saturday, 9:05 pm")
    XCTAssertEqual(try f.string("fromMillis", .n(1_199_664_000_000), .s("[h]:[m] [P]")), "12:00 am")
  }

  func testFromMillisDayOfYearAndWeeks() throws {
    XCTAssertEqual(try f.string("fromMillis", .n(1_546_257_600_000), .s("[d] days in [Y0001]")), "365 days in 2018")
    XCTAssertEqual(try f.string("fromMillis", .n(1_483_185_600_000), .s("[d] days in [Y0001]")), "366 days in 2016")
    XCTAssertEqual(try f.string("fromMillis", .n(1_451_304_000_000), .s("Week: [W]")), "Week: 53")
    XCTAssertEqual(try f.string("fromMillis", .n(1_419_854_400_000), .s("Week: [W]")), "Week: 1")
    XCTAssertEqual(try f.string("fromMillis", .n(1_483_272_000_000), .s("Week: [w] of [xNn]")),
                   "Week: 5 of December")
    XCTAssertEqual(try f.string("fromMillis", .n(1_533_038_400_000), .s("Week: [w] of [xNn]")), "Week: 1 of August")
  }

  func testFromMillisISOWeekDates() throws {
    let cases = [
      ("2005-01-01", "2004-W53-6"), ("2006-01-02", "2006-W01-1"), ("2007-12-31", "2008-W01-1"),
      ("2008-12-29", "2009-W01-1"), ("2010-01-03", "2009-W53-7"),
    ]
    for (date, week) in cases {
      let millis = try XCTUnwrap(f.call("toMillis", .s(date), .s("[Y]-[M]-[D]")))
      XCTAssertEqual(try f.string("fromMillis", millis, .s("[X0001]-W[W01]-[F1]")), week, date)
    }
  }

  func testFromMillisTimeZones() throws {
    let noon = Value.n(1_531_310_400_000)
    XCTAssertEqual(try f.string("fromMillis", noon, .s("[H01][Z01:01]")), "12+00:00")
    XCTAssertEqual(try f.string("fromMillis", noon, .s("[H01][Z01:01t]")), "12Z")
    XCTAssertEqual(try f.string("fromMillis", noon, .s("[H01][Z]"), .s("-0500")), "07-05:00")
    XCTAssertEqual(try f.string("fromMillis", noon, .s("[H01][Z0]"), .s("-0500")), "07-5")
    XCTAssertEqual(try f.string("fromMillis", noon, .s("[H01]:[m01][Z0]"), .s("+0530")), "17:30+5:30")
    XCTAssertEqual(try f.string("fromMillis", noon, .s("[H01][z]"), .s("-0500")), "07GMT-05:00")
    XCTAssertEqual(try f.string("fromMillis", noon, .s("[H01][Z0101t]"), .s("+0100")), "13+0100")
  }

  func testFromMillisOutsideJavaScriptsDateRangeWritesNaN() throws {
    // As a JavaScript Invalid Date formats: every number is NaN (padded to its width).
    XCTAssertEqual(try f.string("fromMillis", .n(1e20)), "0NaN-NaN-NaNTNaN:NaN:NaN.NaNZ")
  }

  func testNowAndMillisThroughExpressions() throws {
    let environment = EvaluationEnvironment(startMillis: 1_521_801_216_617, random: { 0 }, clock: { 0 })
    func run(_ text: String) throws -> Value? {
      try JSONataExpression(text).evaluate(input: nil, environment: environment)
    }
    XCTAssertEqual(try run("$millis()")?.json, .number(.init(1_521_801_216_617)))
    XCTAssertEqual(try run("[$now(), $now()]")?.json,
                   .array([.string("2018-03-23T10:33:36.617Z"), .string("2018-03-23T10:33:36.617Z")]))
    XCTAssertEqual(try run("$now('[h]:[m01] [P]', '-0500')")?.json, .string("5:33 am"))
    XCTAssertEqual(try run("$toMillis('13:45', '[H]:[m]') ~> $fromMillis()")?.json,
                   .string("2018-03-23T13:45:00.000Z"))
  }

  func testMalformedMarkersReadAsJavaScriptDoes() throws {
    // substring(1, 0) swaps its bounds: a lone comma is its own presentation, of an unknown component.
    XCTAssertEqual(try f.string("fromMillis", friday, .s("[,]")), "undefined")
    // A negative maximum width cuts a name to nothing, as substring(0, -3) does.
    XCTAssertEqual(try f.string("fromMillis", friday, .s("<[MNn,*--3]>")), "<>")
    XCTAssertNoThrow(try f.string("fromMillis", friday, .s("[Y,*--2]")))
    XCTAssertNoThrow(try f.call("toMillis", .s("ab"), .s("[MNn,*--3]")))
  }

  func testFromMillisErrors() {
    XCTAssertEqual(f.errorCode("fromMillis", friday, .s("[YN]-[M]-[D]")), "D3133")
    XCTAssertEqual(f.errorCode("fromMillis", friday, .s("[YN]-[M")), "D3135")
    XCTAssertEqual(f.errorCode("fromMillis", friday, .s("[Z010101t]"), .s("+0530")), "D3134")
    XCTAssertEqual(f.errorCode("fromMillis", friday, .s("[q]")), "D3132")
    XCTAssertEqual(f.errorCode("fromMillis", friday, .s("[Y##0０]")), "D3131")
  }

  func testToMillisISO8601Forms() throws {
    XCTAssertEqual(try f.number("toMillis", .s("1970-01-01T00:00:00.001Z")), 1)
    XCTAssertEqual(try f.number("toMillis", .s("2018-02-01T09:42:13.123+0000")), 1_517_478_133_123)
    XCTAssertEqual(try f.number("toMillis", .s("2018-02-01T09:42:13.123-01:30")), 1_517_483_533_123)
    XCTAssertEqual(try f.number("toMillis", .s("2017-10-30")), 1_509_321_600_000)
    XCTAssertEqual(try f.number("toMillis", .s("2018")), 1_514_764_800_000)
    XCTAssertEqual(try f.number("toMillis", .s("2017-10-30T15:28:34")), 1_509_377_314_000)
    XCTAssertNil(try f.call("toMillis", nil))
  }

  func testToMillisReadsFieldsAsDateParseDoes() throws {
    // A day up to 31 rolls into the next month, hour 24 is the next midnight, fractions keep milliseconds.
    XCTAssertEqual(try f.number("toMillis", .s("2018-02-30")), try f.number("toMillis", .s("2018-03-02")))
    XCTAssertEqual(try f.number("toMillis", .s("2018-03-23T24:00:00Z")), try f.number("toMillis", .s("2018-03-24")))
    XCTAssertEqual(try f.number("toMillis", .s("1970-01-01T00:00:00.123456Z")), 123)
    XCTAssertEqual(try f.number("toMillis", .s("1970-01-01T00:00:00.5Z")), 500)
    // Forms jsonata-js's pattern admits but Date.parse rejects give NaN, not an error.
    for text in ["2018-13-01", "2018-01-01-01", "2018-03-23T25:00:00Z", "2018.5"] {
      XCTAssertEqual(try f.number("toMillis", .s(text)).map { $0.isNaN }, true, text)
    }
  }

  func testToMillisRejectsWhatIsNotISO8601() {
    for text in ["foo", "01-02-2018", "2018-02-03 11:15:33", "2018-02-03T11:15", "18-02-03"] {
      XCTAssertEqual(f.errorCode("toMillis", .s(text)), "D3110", text)
    }
  }

  func testToMillisWithPictures() throws {
    XCTAssertEqual(try f.number("toMillis", .s("20180205"), .s("[Y0001][M01][D01]")), 1_517_788_800_000)
    XCTAssertEqual(try f.number("toMillis", .s("201802"), .s("[Y,*-4][M01]")), 1_517_443_200_000)
    XCTAssertEqual(try f.number("toMillis", .s("27th 3 1976"), .s("[D1o] [M#1] [Y0001]")), 196_732_800_000)
    XCTAssertEqual(try f.number("toMillis", .s("21st 12 1881"), .s("[D1o] [M01] [Y0001]")), -2_777_932_800_000)
    XCTAssertEqual(try f.number("toMillis", .s("27 iii MMXVIII"), .s("[D1] [Mi] [YI]")), 1_522_108_800_000)
    XCTAssertEqual(try f.number("toMillis", .s("2 Feb 2012"), .s("[D1] [MNn,3-3] [Y0001]")), 1_328_140_800_000)
    XCTAssertEqual(try f.number("toMillis", .s("nineteen hundred and eighty-four"), .s("[Yw]")), 441_763_200_000)
    XCTAssertEqual(try f.number("toMillis", .s("Twentieth of August, two thousand and seventeen"),
                                .s("[DW] of [MNn], [Yw]")), 1_503_187_200_000)
    XCTAssertEqual(try f.number("toMillis", .s("2018-094"), .s("[Y0001]-[d001]")), 1_522_800_000_000)
  }

  func testToMillisTwelveHourClockAndZones() throws {
    let picture = Value.s("[D1]/[M1]/[Y0001] [h]:[m] [P]")
    XCTAssertEqual(try f.number("toMillis", .s("4/4/2018 12:06 am"), picture), 1_522_800_360_000)
    XCTAssertEqual(try f.number("toMillis", .s("4/4/2018 12:06 pm"), picture), 1_522_843_560_000)
    XCTAssertEqual(try f.number("toMillis", .s("2020-09-09 08:00:00 +02:00"),
                                .s("[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z]")), 1_599_631_200_000)
    XCTAssertEqual(try f.number("toMillis", .s("2020-09-09 12:00:00 GMT-5"),
                                .s("[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [z01]")), 1_599_670_800_000)
  }

  func testToMillisDefaultsTheDateToNow() throws {
    // Only a time: the date is the evaluation's (2018-03-23).
    XCTAssertEqual(try f.number("toMillis", .s("13:45"), .s("[H]:[m]")), 1_521_812_700_000)
  }

  func testToMillisUnmatchedTextIsUndefined() throws {
    XCTAssertNil(try f.call("toMillis", .s("irrelevant string"), .s("[Y]-[M]-[D]")))
    XCTAssertNil(try f.call("toMillis", .s("Hello"), .s("Hello")))
  }

  func testToMillisPictureErrors() {
    XCTAssertEqual(f.errorCode("toMillis", .s("2018-05-22"), .s("[Y]-[M]-[q]")), "D3132")
    XCTAssertEqual(f.errorCode("toMillis", .s("2018-05-22"), .s("[YN]-[M]-[D]")), "D3133")
    XCTAssertEqual(f.errorCode("toMillis", .s("2018-22"), .s("[Y]-[D]")), "D3136")
    XCTAssertEqual(f.errorCode("toMillis", .s("2018-32-5"), .s("[X]-[W]-[F1]")), "D3136")
  }

  func testCalendarArithmeticRoundTripsAcrossEras() {
    for days: Int64 in [-800_000, -719_468, -1, 0, 59, 365, 11_016, 2_932_896] {
      let (y, m, d) = UTCTime.civil(fromDays: days)
      XCTAssertEqual(UTCTime.daysFromCivil(Int64(y), Int64(m + 1), Int64(d)), days)
    }
    XCTAssertNil(UTCTime(millis: 8.64e15 + 1))
    XCTAssertEqual(UTCTime.utc(2018, 13, 1), UTCTime.utc(2019, 1, 1))
  }
}
