import XCTest
@testable import JSONata

final class NumberFormatTests: XCTestCase {
  private let f = BuiltinCaller(table: Dictionary(uniqueKeysWithValues: Builtins.dateTime.map { ($0.name, $0) }))

  func testFormatNumberDecimalPictures() throws {
    XCTAssertEqual(try f.string("formatNumber", .n(12345.6), .s("#,###.00")), "12,345.60")
    XCTAssertEqual(try f.string("formatNumber", .n(12_345_678.9), .s("9,999.99")), "12,345,678.90")
    XCTAssertEqual(try f.string("formatNumber", .n(123_412_345_678.9), .s("9,9,99.99")), "123412345,6,78.90")
    XCTAssertEqual(try f.string("formatNumber", .n(1234.56789), .s("9,999.999,999")), "1,234.567,890")
    XCTAssertEqual(try f.string("formatNumber", .n(123.9), .s("9999")), "0124")
    XCTAssertEqual(try f.string("formatNumber", .n(-6), .s("000")), "-006")
    XCTAssertEqual(try f.string("formatNumber", .n(1e20), .s("#,######")), "100,000000,000000,000000")
    XCTAssertEqual(try f.string("formatNumber", .n(2.14 * 86.58), .s("PREFIX##00.000###SUFFIX")),
                   "PREFIX185.2812SUFFIX")
    XCTAssertEqual(try f.string("formatNumber", .n(2392.14 * -36.58), .s("000,000.000###;###,###.000###")),
                   "87,504.4812")
    XCTAssertNil(try f.call("formatNumber", nil, .s("#0.00")))
  }

  func testFormatNumberRoundsHalfToEven() throws {
    XCTAssertEqual(try f.string("formatNumber", .n(0.125), .s("0.00")), "0.12")
    XCTAssertEqual(try f.string("formatNumber", .n(0.135), .s("0.00")), "0.14")
    XCTAssertEqual(try f.string("formatNumber", .n(2.5), .s("0")), "2")
  }

  func testFormatNumberPercentPerMilleAndOptions() throws {
    XCTAssertEqual(try f.string("formatNumber", .n(0.14), .s("01%")), "14%")
    XCTAssertEqual(try f.string("formatNumber", .n(0.4857), .s("###.###\u{2030}")), "485.7\u{2030}")
    let perMille = Value.object(ObjectValue([("per-mille", .s("pm"))]))
    XCTAssertEqual(try f.string("formatNumber", .n(0.14), .s("###pm"), perMille), "140pm")
    let european = Value.object(ObjectValue([("decimal-separator", .s(",")), ("grouping-separator", .s("."))]))
    XCTAssertEqual(try f.string("formatNumber", .n(1234.5), .s("#.##0,0"), european), "1.234,5")
    XCTAssertEqual(try f.string("formatNumber", .n(2), .s("AAA.AAA"), .object(ObjectValue([("zero-digit", .s("A"))]))),
                   "AAC.AAA")
  }

  func testFormatNumberExponents() throws {
    XCTAssertEqual(try f.string("formatNumber", .n(1234.5678), .s("00.000e0")), "12.346e2")
    XCTAssertEqual(try f.string("formatNumber", .n(1234.5678), .s("00.000e000")), "12.346e002")
    XCTAssertEqual(try f.string("formatNumber", .n(0.234), .s("0.0e0")), "2.3e-1")
    XCTAssertEqual(try f.string("formatNumber", .n(0.234), .s("#.00e0")), "0.23e0")
    XCTAssertEqual(try f.string("formatNumber", .n(0.123), .s("#.e9")), "0.1e0")
    XCTAssertEqual(try f.string("formatNumber", .n(0.234), .s(".00e0")), ".23e0")
    XCTAssertEqual(try f.string("formatNumber", .n(0.1), .s("AeAAA"), .object(ObjectValue([("zero-digit", .s("A"))]))),
                   "Be-AAB")
    XCTAssertEqual(try f.string("formatNumber", .n(-1234.5678), .s("00.0e0")), "-12.3e2")
    XCTAssertEqual(try f.string("formatNumber", .n(0), .s("0.0e0")), "0.0e0")
  }

  func testFormatNumberPictureErrors() {
    let cases = [
      ("#;#;#", "D3080"), ("#.0.0", "D3081"), ("#0%%", "D3082"), ("#0\u{2030}\u{2030}", "D3083"),
      ("#0%\u{2030}", "D3084"), (".e0", "D3085"), ("0+.e0", "D3086"), ("0,.e0", "D3087"), ("0,", "D3088"),
      ("0,,0", "D3089"), ("0#.e0", "D3090"), ("#0.#0e0", "D3091"), ("#0.0e0%", "D3092"), ("#0.0e0,0", "D3093"),
    ]
    for (picture, code) in cases {
      XCTAssertEqual(f.errorCode("formatNumber", .n(20), .s(picture)), code, picture)
    }
  }

  func testFormatBase() throws {
    XCTAssertEqual(try f.string("formatBase", .n(100)), "100")
    XCTAssertEqual(try f.string("formatBase", .n(100), .n(2)), "1100100")
    XCTAssertEqual(try f.string("formatBase", .n(-100), .n(2)), "-1100100")
    XCTAssertEqual(try f.string("formatBase", .n(100), .n(36)), "2s")
    XCTAssertEqual(try f.string("formatBase", .n(99.5), .n(2.5)), "1100100")
    XCTAssertEqual(try f.string("formatBase", .n(255), .n(16)), "ff")
    XCTAssertNil(try f.call("formatBase", nil))
    XCTAssertEqual(f.errorCode("formatBase", .n(100), .n(1)), "D3100")
    XCTAssertEqual(f.errorCode("formatBase", .n(100), .n(37)), "D3100")
  }

  func testFormatIntegerDecimalPatterns() throws {
    XCTAssertEqual(try f.string("formatInteger", .n(123), .s("0000")), "0123")
    XCTAssertEqual(try f.string("formatInteger", .n(-3), .s("0000")), "-0003")
    XCTAssertEqual(try f.string("formatInteger", .n(12.6), .s("###0")), "12")
    XCTAssertEqual(try f.string("formatInteger", .n(1_234_567_890), .s("#,##0")), "1,234,567,890")
    XCTAssertEqual(try f.string("formatInteger", .n(1_234_567_890), .s("#:###,##0")), "1234:567,890")
    XCTAssertEqual(try f.string("formatInteger", .n(1_234_567_890), .s("##,##,##0")), "12345,67,890")
    XCTAssertEqual(try f.string("formatInteger", .n(12340), .s("###\u{661}")), "\u{661}\u{662}\u{663}\u{664}\u{660}")
    XCTAssertNil(try f.call("formatInteger", nil, .s("0")))
  }

  func testIrregularSeparatorsBeyondTheDigitsFollowJavaScriptsSubstr() throws {
    // jsonata-js inserts with substr(0, n - position): past the left end digits are lost; kept for fidelity.
    XCTAssertEqual(try f.string("formatInteger", .n(101), .s("#,##,##0")), ",,01")
    XCTAssertEqual(try f.string("formatInteger", .n(123_456), .s("#,##,##0")), "1,23,456")
  }

  func testFormatIntegerOrdinals() throws {
    XCTAssertEqual(try f.string("formatInteger", .n(1), .s("0;o")), "1st")
    XCTAssertEqual(try f.string("formatInteger", .n(123), .s("000;o")), "123rd")
    XCTAssertEqual(try f.string("formatInteger", .n(12), .s("###0;o")), "12th")
    XCTAssertEqual(try f.string("formatInteger", .n(1234), .s("0;c")), "1234")
  }

  func testFormatIntegerWordsRomanAndLetters() throws {
    XCTAssertEqual(try f.string("formatInteger", .n(555), .s("W")), "FIVE HUNDRED AND FIFTY-FIVE")
    XCTAssertEqual(try f.string("formatInteger", .n(555), .s("Ww")), "Five Hundred and Fifty-Five")
    XCTAssertEqual(try f.string("formatInteger", .n(3730), .s("w")), "three thousand, seven hundred and thirty")
    XCTAssertEqual(try f.string("formatInteger", .n(1_000_000_000_001), .s("w;o")), "one trillion and first")
    XCTAssertEqual(try f.string("formatInteger", .n(1e46), .s("w")), "ten billion trillion trillion trillion")
    XCTAssertEqual(try f.string("formatInteger", .n(730), .s("w;o")), "seven hundred and thirtieth")
    XCTAssertEqual(try f.string("formatInteger", .n(1984), .s("I")), "MCMLXXXIV")
    XCTAssertEqual(try f.string("formatInteger", .n(0), .s("I")), "")
    XCTAssertEqual(try f.string("formatInteger", .n(99), .s("i")), "xcix")
    XCTAssertEqual(try f.string("formatInteger", .n(27), .s("a")), "aa")
    XCTAssertEqual(try f.string("formatInteger", .n(123_456), .s("A")), "FZPH")
  }

  func testFormatIntegerErrors() {
    XCTAssertEqual(f.errorCode("formatInteger", .n(12340), .s("##0\u{FF10}")), "D3131")
    XCTAssertEqual(f.errorCode("formatInteger", .n(123_456), .s("\u{3B1}")), "D3130")
    XCTAssertEqual(f.errorCode("formatInteger", .n(1e12), .s("I")), "U1001")
    // jsonata-js recurses or loops without end on infinity; no JSON value is infinite, but no call may hang.
    XCTAssertEqual(f.errorCode("formatInteger", .n(.infinity), .s("w")), "U1001")
    XCTAssertEqual(f.errorCode("formatInteger", .n(.infinity), .s("a")), "U1001")
  }

  func testParseIntegerInvertsFormatInteger() throws {
    let cases: [(String, String, Double)] = [
      ("0123", "0000", 123), ("1234th", "###0;o", 1234), ("12,345,678", "#,##0", 12_345_678),
      ("1234:567,890", "#:###,##0", 1_234_567_890), ("\u{661}\u{662}\u{663}\u{664}\u{660}", "###\u{661}", 12340),
      ("MCMLXXXIV", "I", 1984), ("xcix", "i", 99), ("", "I", 0), ("FZPH", "A", 123_456), ("aa", "a", 27),
      ("Seven Hundred and Thirty-Third", "Ww;o", 733), ("one thousand trillion", "w", 1e15),
      ("four million, three hundred and twenty-seven thousand, seven hundred and thirty-second", "w;o", 4_327_732),
    ]
    for (text, picture, value) in cases {
      XCTAssertEqual(try f.number("parseInteger", .s(text), .s(picture)), value, text)
    }
    XCTAssertNil(try f.call("parseInteger", nil, .s("0")))
  }

  func testParseIntegerErrors() {
    XCTAssertEqual(f.errorCode("parseInteger", .s("50"), .s("#")), "D3130")
    XCTAssertEqual(f.errorCode("parseInteger", .s("50"), .s("0\u{661}")), "D3131")
  }
}
