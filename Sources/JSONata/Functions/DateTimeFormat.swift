/// An XPath `fn:format-dateTime` picture as jsonata-js analyses it (`analyseDateTimePicture`): literals and
/// `[...]` variable markers such as `[Y0001]`, `[MNn,3-3]`, `[D1o]`, `[Z01:01t]`.
struct DateTimePicture {
  /// A `[...]` variable marker.
  struct Marker {
    /// The component letter: Y, M, D, d, F, W, w, X, x, H, h, P, m, s, f, Z, z, C, E.
    var component: Character
    /// The first presentation modifier (`0001`, `Nn`, `w`, `I`, ...).
    var presentation1: String
    /// The second presentation modifier: `a`, `t`, `c` or `o`.
    var presentation2: Character?
    /// The width modifier `,min-max`; nil bounds are `*` or absent.
    var width: (min: Int?, max: Int?)?
    /// Names instead of numbers (`N`, `n`, `Nn`).
    var names: IntegerPicture.LetterCase?
    /// How a numeric component is written.
    var integerFormat: IntegerPicture?
    /// The number of year digits kept (§9.8.4.4), or nil for all.
    var yearDigits: Int?
  }

  /// A literal or a marker.
  enum Part {
    /// Text copied as it is (`[[` and `]]` already read as `[` and `]`).
    case literal(String)
    /// A component to write or read.
    case marker(Marker)
  }

  /// The picture in order.
  var parts: [Part] = []

  /// The default presentation of each component when the marker gives none.
  private static let defaultPresentation: [Character: String] = [
    "Y": "1", "M": "1", "D": "1", "d": "1", "F": "n", "W": "1", "w": "1", "X": "1", "x": "1", "H": "1",
    "h": "1", "P": "n", "m": "01", "s": "01", "f": "1", "Z": "01:01", "z": "01:01", "C": "n", "E": "n",
  ]

  /// The picture `$fromMillis` uses without one: ISO 8601 with milliseconds, `Z` for UTC.
  static let iso8601 = try! DateTimePicture("[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]")

  /// Analyses a picture (D3135 for a marker without `]`, D3132 for an unknown component, D3131 for mixed digits).
  init(_ picture: String) throws {
    let chars = Array(picture)
    var start = 0
    var pos = 0
    func addLiteral(_ end: Int) {
      guard end > start else { return }
      parts.append(.literal(Self.collapsingClosingBrackets(String(chars[start..<end]))))
    }
    while pos < chars.count {
      if chars[pos] == "[" {
        if pos + 1 < chars.count && chars[pos + 1] == "[" {
          addLiteral(pos)
          parts.append(.literal("["))
          pos += 2
          start = pos
          continue
        }
        addLiteral(pos)
        start = pos
        guard let close = chars[pos...].firstIndex(of: "]") else { throw JSONataError(code: "D3135") }
        pos = close
        let text = String(chars[(start + 1)..<close].filter { !$0.isWhitespace })
        var marker = try Self.marker(text)
        if marker.integerFormat != nil && "YMDdFWwXxHhmsf".contains(marker.component) {
          // Two numbers with nothing between them: the first must be read with its exact width.
          if case .marker(var previous)? = parts.last, var format = previous.integerFormat {
            format.parseWidth = format.mandatoryDigits
            previous.integerFormat = format
            parts[parts.count - 1] = .marker(previous)
          }
        }
        if marker.component == "Z" || marker.component == "z" {
          marker.integerFormat = try IntegerPicture(marker.presentation1)
        }
        parts.append(.marker(marker))
        start = pos + 1
      }
      pos += 1
    }
    addLiteral(pos)
  }

  /// A literal with each doubled `]]` read as one `]`.
  private static func collapsingClosingBrackets(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let range = rest.firstRange(of: "]]") {
      out += rest[..<range.lowerBound] + "]"
      rest = rest[range.upperBound...]
    }
    return out + rest
  }

  private static func marker(_ text: String) throws -> Marker {
    let component = text.first ?? " "
    var presentation = Substring(text.dropFirst())
    var width: (min: Int?, max: Int?)?
    if let comma = text.lastIndex(of: ",") {
      let widthText = text[text.index(after: comma)...]
      // JavaScript's substring(1, 0) swaps its bounds: a leading comma is itself the presentation.
      presentation = comma == text.startIndex ? text[...comma] : text.dropFirst()[..<comma]
      func bound(_ s: Substring?) -> Int? {
        guard let s, s != "*" else { return nil }
        let n = PictureNumerics.parseInt(String(s))
        // A width beyond a million digits cannot be written (jsonata-js fails allocating it); cap it.
        return n.isNaN ? nil : Int(max(min(n, 1_000_000), -1_000_000))
      }
      if let dash = widthText.firstIndex(of: "-") {
        width = (bound(widthText[..<dash]), bound(widthText[widthText.index(after: dash)...]))
      } else {
        width = (bound(widthText), nil)
      }
    }
    var presentation1: String
    var presentation2: Character?
    if presentation.count > 1, let last = presentation.last, "atco".contains(last) {
      presentation2 = last
      presentation1 = String(presentation.dropLast())
    } else if presentation.isEmpty {
      guard let preset = defaultPresentation[component] else {
        throw JSONataError(code: "D3132", value: .string(String(component == " " ? "" : String(component))))
      }
      presentation1 = preset
    } else {
      presentation1 = String(presentation)
    }
    var marker = Marker(component: component, presentation1: presentation1, presentation2: presentation2,
                        width: width)
    let p1 = Array(presentation1)
    if p1.first == "n" {
      marker.names = .lower
    } else if p1.first == "N" {
      marker.names = p1.count > 1 && p1[1] == "n" ? .title : .upper
    } else if "YMDdFWwXxHhmsf".contains(component) {
      var format = try IntegerPicture(presentation1 + (presentation2.map { ";" + String($0) } ?? ""))
      if let minimum = width?.min, format.mandatoryDigits < minimum { format.mandatoryDigits = minimum }
      if component == "Y" {
        if let maximum = width?.max {
          marker.yearDigits = maximum
          format.mandatoryDigits = maximum
        } else if format.mandatoryDigits + format.optionalDigits >= 2 {
          marker.yearDigits = format.mandatoryDigits + format.optionalDigits
        }
      }
      marker.integerFormat = format
    }
    return marker
  }
}

/// Formats milliseconds since the epoch with a `DateTimePicture` (jsonata-js's `formatDateTime`).
struct DateTimeFormatter {
  /// English month names, January first.
  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]
  /// English day names at their ISO numbers (Monday is 1).
  static let dayNames = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

  /// Offset hours and minutes as jsonata-js derives them from `±HHMM`: floor(n / 100) and n % 100.
  let offsetHours: Double
  let offsetMinutes: Double

  /// A formatter at the offset a `±HHMM` time zone string gives (UTC when nil).
  init(timezone: String?) {
    if let timezone {
      let offset = PictureNumerics.parseInt(timezone)
      offsetHours = (offset / 100).rounded(.down)
      offsetMinutes = offset.truncatingRemainder(dividingBy: 100)
    } else {
      offsetHours = 0
      offsetMinutes = 0
    }
  }

  /// The formatted moment (D3133 for names of a numeric component, D3134 for a time zone over four digits).
  func format(_ millis: Double, _ picture: DateTimePicture) throws -> String {
    let offsetMillis = (60 * offsetHours + offsetMinutes) * 60 * 1000
    let time = UTCTime(millis: millis + offsetMillis)
    var result = ""
    for part in picture.parts {
      switch part {
      case .literal(let text): result += text
      case .marker(let marker): result += try component(time, marker)
      }
    }
    return result
  }

  private func component(_ time: UTCTime?, _ marker: DateTimePicture.Marker) throws -> String {
    let fragment = DateTimeFragments.value(of: marker.component, in: time)
    let c = marker.component
    if "YMDdFWwXxHhms".contains(c) {
      guard case .number(var value) = fragment else { return "" }
      if c == "Y", let digits = marker.yearDigits {
        value = value.truncatingRemainder(dividingBy: IntegerWords.pow10(digits))
      }
      if let names = marker.names {
        var name: String
        if c == "M" || c == "x" {
          name = Self.name(Self.monthNames, value - 1)
        } else if c == "F" {
          name = Self.name(Self.dayNames, value)
        } else {
          throw JSONataError(code: "D3133", value: .string(String(c)))
        }
        if names == .upper {
          name = name.uppercased()
        } else if names == .lower {
          name = name.lowercased()
        }
        if let maximum = marker.width?.max, name.count > maximum {
          name = String(name.prefix(max(maximum, 0)))
        }
        return name
      }
      return try marker.integerFormat!.format(value)
    }
    switch fragment {
    case .number(let value):  // fractional seconds
      guard let format = marker.integerFormat else { throw JSONataError(code: "D3133", value: .string(String(c))) }
      return try format.format(value)
    case .text(let text):
      return c == "P" && marker.names == .upper ? text.uppercased() : text
    case .timezone:
      return try timezone(marker)
    case .none:
      return "undefined"  // jsonata-js appends the undefined value of an unknown component
    }
  }

  private static func name(_ names: [String], _ index: Double) -> String {
    guard index.isFinite, index >= 0, index < Double(names.count) else { return "undefined" }
    return names[Int(index)]
  }

  private func timezone(_ marker: DateTimePicture.Marker) throws -> String {
    let format = marker.integerFormat!
    let offset = offsetHours * 100 + offsetMinutes
    var text: String
    if format.regular != nil {
      text = try format.format(offset)
    } else {
      switch format.mandatoryDigits {
      case 1, 2:
        text = try format.format(offsetHours)
        if offsetMinutes != 0 { text += ":" + (try IntegerPicture("00").format(offsetMinutes.rounded(.down))) }
      case 3, 4:
        text = try format.format(offset)
      default:
        throw JSONataError(code: "D3134", value: .number(Double(format.mandatoryDigits)))
      }
    }
    if offset >= 0 { text = "+" + text }
    if marker.component == "z" { text = "GMT" + text }
    if offset == 0 && marker.presentation2 == "t" { text = "Z" }
    return text
  }
}

/// The value of one date/time component of a moment (jsonata-js's `getDateTimeFragment`).
enum DateTimeFragments {
  /// A component's value.
  enum Fragment {
    /// A numeric component.
    case number(Double)
    /// `am`/`pm`, or the calendar and era `ISO`.
    case text(String)
    /// The time zone, which the formatter writes from its offset.
    case timezone
  }

  /// The component's value; numbers are NaN for an invalid moment; nil for an unknown component.
  static func value(of component: Character, in time: UTCTime?) -> Fragment? {
    switch component {
    case "P":
      return .text((time?.hours ?? 0) >= 12 ? "pm" : "am")
    case "C", "E":
      return .text("ISO")
    case "Z", "z":
      return .timezone
    case "Y", "M", "D", "d", "F", "W", "w", "X", "x", "H", "h", "m", "s", "f":
      guard let time else { return .number(.nan) }
      return .number(number(component, time))
    default:
      return nil
    }
  }

  private static func number(_ component: Character, _ t: UTCTime) -> Double {
    let day = UTCTime.millisPerDay
    switch component {
    case "Y": return Double(t.year)
    case "M": return Double(t.month + 1)
    case "D": return Double(t.day)
    case "d":
      let today = UTCTime.utc(Double(t.year), Double(t.month), Double(t.day))
      return (today - UTCTime.utc(Double(t.year), 0)) / day + 1
    case "F": return t.weekday == 0 ? 7 : Double(t.weekday)
    case "W":
      let start = startOfFirstWeek(t.year, 0)
      let today = UTCTime.utc(Double(t.year), Double(t.month), Double(t.day))
      var week = weeks(from: start, to: today)
      if week > 52 {
        if today >= startOfFirstWeek(t.year + 1, 0) { week = 1 }
      } else if week < 1 {
        week = weeks(from: startOfFirstWeek(t.year - 1, 0), to: today)
      }
      return week.rounded(.down)
    case "w":
      let start = startOfFirstWeek(t.year, t.month)
      let today = UTCTime.utc(Double(t.year), Double(t.month), Double(t.day))
      var week = weeks(from: start, to: today)
      if week > 4 {
        let next = t.month == 11 ? (t.year + 1, 0) : (t.year, t.month + 1)
        if today >= startOfFirstWeek(next.0, next.1) { week = 1 }
      } else if week < 1 {
        let previous = t.month == 0 ? (t.year - 1, 11) : (t.year, t.month - 1)
        week = weeks(from: startOfFirstWeek(previous.0, previous.1), to: today)
      }
      return week.rounded(.down)
    case "X":
      if t.millis < startOfFirstWeek(t.year, 0) { return Double(t.year - 1) }
      if t.millis >= startOfFirstWeek(t.year + 1, 0) { return Double(t.year + 1) }
      return Double(t.year)
    case "x":
      let next = t.month == 11 ? (t.year + 1, 0) : (t.year, t.month + 1)
      if t.millis < startOfFirstWeek(t.year, t.month) { return Double((t.month + 11) % 12 + 1) }
      if t.millis >= startOfFirstWeek(next.0, next.1) { return Double(next.1 + 1) }
      return Double(t.month + 1)
    case "H": return Double(t.hours)
    case "h": return t.hours % 12 == 0 ? 12 : Double(t.hours % 12)
    case "m": return Double(t.minutes)
    case "s": return Double(t.seconds)
    default: return Double(t.milliseconds)  // "f"
    }
  }

  /// Midnight starting the first week of a year or month: ISO 8601's week holding the first Thursday, Monday first.
  private static func startOfFirstWeek(_ year: Int, _ month: Int) -> Double {
    let first = UTCTime.utc(Double(year), Double(month))
    var weekday = UTCTime(millis: first)?.weekday ?? 0
    if weekday == 0 { weekday = 7 }
    let day = UTCTime.millisPerDay
    return weekday > 4 ? first + Double(8 - weekday) * day : first - Double(weekday - 1) * day
  }

  private static func weeks(from start: Double, to end: Double) -> Double {
    (end - start) / (UTCTime.millisPerDay * 7) + 1
  }
}
