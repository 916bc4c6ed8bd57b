/// Reads timestamps: ISO 8601 as jsonata-js's `$toMillis` accepts it (its pattern check, then JavaScript's
/// `Date.parse` rules), and text written with a date/time picture (jsonata-js's `parseDateTime`).
enum DateTimeParser {
  /// Milliseconds since the epoch of an ISO 8601 timestamp; D3110 when the text is not one. Forms that pass
  /// jsonata-js's pattern but not `Date.parse` (such as a repeated `-MM`) give NaN. Without an offset the time is
  /// UTC, the time zone Step Functions evaluates in.
  static func iso8601(_ text: String) throws -> Double {
    guard let parsed = ISOTimestamp(text) else {
      throw JSONataError(code: "D3110", value: .string(text))
    }
    return parsed.millis
  }

  /// Milliseconds since the epoch of `text` read with `picture`; nil when the text does not match the picture.
  /// Components left of those given default to `now`'s, those right of them to their minimum (D3136 for gaps).
  static func parse(_ text: String, picture: String, now: Double) throws -> Double? {
    let spec = try DateTimePicture(picture)
    var readers: [(component: Character, read: (String) throws -> Double?)?] = []
    var pattern = ""
    for part in spec.parts {
      switch part {
      case .literal(let literal):
        pattern += "(" + escaped(literal) + ")"
        readers.append(nil)
      case .marker(let marker):
        let (regex, read) = try reader(for: marker)
        pattern += "(" + regex + ")"
        readers.append((marker.component, read))
      }
    }
    let regex = try Regex(pattern).ignoresCase().matchingSemantics(.unicodeScalar)
    guard let match = try regex.wholeMatch(in: text) else { return nil }
    var components: [Character: Double] = [:]
    var anyRead = false
    for (i, reader) in readers.enumerated() {
      guard let reader, let captured = match.output[i + 1].substring else { continue }
      anyRead = true
      if let value = try reader.read(String(captured)) { components[reader.component] = value }
    }
    guard anyRead else { return nil }
    return try DateTimeAssembly(components: components, now: now).millis()
  }

  /// The regex and reader of one marker (D3133 for names of a component that has none).
  private static func reader(for marker: DateTimePicture.Marker) throws -> (String, (String) throws -> Double?) {
    let component = marker.component
    if component == "Z" || component == "z" {
      let separator = marker.integerFormat?.regular?.character
      var regex = component == "z" ? "GMT" : ""
      regex += "[-+][0-9]+"
      // jsonata-js puts the separator in unescaped; escaping it keeps a bracket or brace from breaking the regex.
      if let separator { regex += escaped(String(separator)) + "[0-9]+" }
      return (regex, { text in
        let value = component == "z" ? String(text.dropFirst(3)) : text
        var hours = 0.0
        var minutes = 0.0
        if let separator, let at = value.unicodeScalars.firstIndex(of: separator) {
          hours = PictureNumerics.parseInt(String(value.unicodeScalars[..<at]))
          minutes = PictureNumerics.parseInt(String(value.unicodeScalars[value.unicodeScalars.index(after: at)...]))
        } else if value.count - 1 <= 2 {
          hours = PictureNumerics.parseInt(value)
        } else {
          hours = PictureNumerics.parseInt(String(value.prefix(3)))
          minutes = PictureNumerics.parseInt(String(value.dropFirst(3)))
        }
        return hours * 60 + minutes
      })
    }
    if let format = marker.integerFormat {
      return (try format.pattern(), { try format.parse($0) })
    }
    var lookup: [String: Double] = [:]
    func named(_ names: [String], offset: Int) {
      for (i, name) in names.enumerated() where !name.isEmpty {
        let key = marker.width?.max.map { String(name.prefix(max($0, 0))) } ?? name
        lookup[key] = Double(i + offset)
      }
    }
    switch component {
    case "M", "x": named(DateTimeFormatter.monthNames, offset: 1)
    case "F": named(DateTimeFormatter.dayNames, offset: 0)
    case "P": lookup = ["am": 0, "AM": 0, "pm": 1, "PM": 1]
    default: throw JSONataError(code: "D3133", value: .string(String(component)))
    }
    return ("[a-zA-Z]+", { lookup[$0] })  // names are matched case-sensitively, as jsonata-js does
  }

  private static func escaped(_ literal: String) -> String {
    var out = ""
    for c in literal {
      if ".*+?^${}()|[]\\".contains(c) { out.append("\\") }
      out.append(c)
    }
    return out
  }
}

/// Turns the components read from a timestamp into milliseconds, with jsonata-js's defaulting rules.
private struct DateTimeAssembly {
  /// The values read, by component letter.
  var components: [Character: Double]
  /// The evaluation's start time, which fills the components left of those given.
  let now: Double

  /// Milliseconds since the epoch (D3136 for a gap between given components or a week-based date).
  func millis() throws -> Double {
    var c = components
    // Which date and time combinations were given; a zero reads as absent here, as in jsonata-js.
    func mask(_ letters: String) -> Int {
      letters.reduce(0) { bits, letter in
        let value = c[letter]
        return bits << 1 | (value != nil && value != 0 && !value!.isNaN ? 1 : 0)
      }
    }
    func isType(_ type: Int, _ mask: Int) -> Bool { (~type & mask) == 0 && (type & mask) != 0 }
    let dateMask = mask("YXMxWwdD")
    let dateA = isType(0b1010_0001, dateMask)
    let dateB = !dateA && isType(0b1000_0010, dateMask)
    let dateC = isType(0b0101_0100, dateMask)
    let dateD = !dateC && isType(0b0100_1000, dateMask)
    let timeMask = mask("PHhmsf")
    let timeA = isType(0b01_0111, timeMask)
    let timeB = !timeA && isType(0b10_1111, timeMask)

    let dateComponents = dateB ? "YD" : dateC ? "XxwF" : dateD ? "XWF" : "YMD"
    let timeComponents = timeB ? "Phmsf" : "Hmsf"
    let nowTime = UTCTime(millis: now)
    var startSpecified = false
    var endSpecified = false
    for part in dateComponents + timeComponents {
      if c[part] == nil {
        if startSpecified {
          c[part] = "MDd".contains(part) ? 1 : 0
          endSpecified = true
        } else if case .number(let value)? = DateTimeFragments.value(of: part, in: nowTime) {
          c[part] = value
        } else {
          c[part] = .nan  // the am/pm of now is text, never the 1 that means pm
        }
      } else {
        startSpecified = true
        if endSpecified { throw JSONataError(code: "D3136") }
      }
    }
    if let month = c["M"], month > 0 {
      c["M"] = month - 1
    } else {
      c["M"] = 0
    }
    if dateB {
      let firstJan = UTCTime.utc(c["Y"] ?? .nan, 0)
      let derived = UTCTime(millis: firstJan + ((c["d"] ?? .nan) - 1) * UTCTime.millisPerDay)
      c["M"] = derived.map { Double($0.month) } ?? .nan
      c["D"] = derived.map { Double($0.day) } ?? .nan
    }
    if dateC || dateD { throw JSONataError(code: "D3136") }  // week-based dates: not supported by jsonata-js
    if timeB {
      let h = c["h"] ?? .nan
      c["H"] = (h == 12 ? 0 : h) + (c["P"] == 1 ? 12 : 0)
    }
    var millis = UTCTime.utc(c["Y"] ?? .nan, c["M"] ?? .nan, c["D"] ?? .nan, c["H"] ?? .nan, c["m"] ?? .nan,
                             c["s"] ?? .nan, c["f"] ?? .nan)
    let zone = [c["Z"], c["z"]].compactMap { $0 }.first { $0 != 0 && !$0.isNaN }
    if let zone { millis -= zone * 60 * 1000 }
    return millis
  }
}

/// An ISO 8601 timestamp in the forms jsonata-js's `$toMillis` accepts.
private struct ISOTimestamp {
  let millis: Double

  /// Nil when the text fails jsonata-js's pattern
  /// `^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$`.
  init?(_ text: String) {
    var reader = DigitReader(text)
    guard let year = reader.digits(4) else { return nil }
    var dateFields: [Int] = []
    while reader.peek == "-", let next = reader.peek(at: 1), next == "0" || next == "1",
      let value = reader.digits(2, after: 1)
    {
      dateFields.append(value)
    }
    while reader.peek == "-", let next = reader.peek(at: 1), ("0"..."3").contains(next),
      let value = reader.digits(2, after: 1)
    {
      dateFields.append(value)
    }
    var timeFields: [[Int]] = []
    while reader.peek == "T" {
      guard let h = reader.digits(2, after: 1), h / 10 <= 2, reader.expect(":"),
        let m = reader.digits(2), m / 10 <= 5, reader.expect(":"), let s = reader.digits(2), s / 10 <= 5
      else { return nil }
      timeFields.append([h, m, s])
    }
    var fraction: String?
    if reader.peek == "." {
      reader.advance()
      let digits = reader.digitRun()
      guard !digits.isEmpty else { return nil }
      fraction = digits
    }
    var offsetMinutes: Int?
    if reader.peek == "Z" {
      reader.advance()
      offsetMinutes = 0
    } else if let sign = reader.peek, sign == "+" || sign == "-" {
      guard let h = reader.digits(2, after: 1), h / 10 <= 2 else { return nil }
      _ = reader.expect(":")
      guard let m = reader.digits(2), m / 10 <= 5 else { return nil }
      offsetMinutes = (h * 60 + m) * (sign == "-" ? -1 : 1)
    }
    guard reader.atEnd else { return nil }
    millis = Self.dateParse(year: year, date: dateFields, time: timeFields, fraction: fraction,
                            offset: offsetMinutes)
  }

  /// What JavaScript's `Date.parse` gives for the parts: NaN for repeated parts, out-of-range fields, or a
  /// fraction without a time.
  private static func dateParse(year: Int, date: [Int], time: [[Int]], fraction: String?, offset: Int?) -> Double {
    guard date.count <= 2, time.count <= 1, fraction == nil || time.count == 1 else { return .nan }
    let month = date.count > 0 ? date[0] : 1
    let day = date.count > 1 ? date[1] : 1
    guard (1...12).contains(month), (1...31).contains(day) else { return .nan }
    let hms = time.first ?? [0, 0, 0]
    var ms = 0.0
    if let fraction {
      let firstThree = String((fraction + "00").prefix(3))
      ms = Double(Int(firstThree) ?? 0)
    }
    if hms[0] == 24 {
      guard hms[1] == 0, hms[2] == 0, ms == 0 else { return .nan }
    } else if hms[0] > 24 {
      return .nan
    }
    let days = Double(UTCTime.daysFromCivil(Int64(year), Int64(month), 1) + Int64(day - 1))
    let local = days * UTCTime.millisPerDay + Double(hms[0] * 3_600_000 + hms[1] * 60_000 + hms[2] * 1000) + ms
    return local - Double((offset ?? 0) * 60_000)
  }
}

/// A cursor over ASCII text for `ISOTimestamp`.
private struct DigitReader {
  private let chars: [Character]
  private var index = 0

  /// A cursor at the start of `text`.
  init(_ text: String) { chars = Array(text) }

  /// True when every character was read.
  var atEnd: Bool { index == chars.count }
  /// The next character.
  var peek: Character? { peek(at: 0) }
  /// The character `offset` places ahead.
  func peek(at offset: Int) -> Character? { index + offset < chars.count ? chars[index + offset] : nil }
  /// Steps over one character.
  mutating func advance() { index += 1 }

  /// Steps over `c` when it is next.
  mutating func expect(_ c: Character) -> Bool {
    guard peek == c else { return false }
    index += 1
    return true
  }

  /// `count` ASCII digits starting `skip` characters ahead, consumed with what they skip; nil if absent.
  mutating func digits(_ count: Int, after skip: Int = 0) -> Int? {
    var value = 0
    for i in 0..<count {
      guard let c = peek(at: skip + i), let d = c.asciiDigit else { return nil }
      value = value * 10 + d
    }
    index += skip + count
    return value
  }

  /// The ASCII digits that follow, consumed.
  mutating func digitRun() -> String {
    var run = ""
    while let c = peek, c.asciiDigit != nil {
      run.append(c)
      index += 1
    }
    return run
  }
}

extension Character {
  /// The value of an ASCII decimal digit, or nil.
  fileprivate var asciiDigit: Int? {
    guard let a = asciiValue, a >= 48, a <= 57 else { return nil }
    return Int(a - 48)
  }
}
