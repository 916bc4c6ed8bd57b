/// English number words, Roman numerals and spreadsheet letters, as jsonata-js's `datetime.js` writes and reads
/// them for `$formatInteger`, `$parseInteger` and date pictures.
enum IntegerWords {
  private static let few = [
    "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
    "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
  ]
  private static let ordinals = [
    "Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
    "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth",
    "Nineteenth",
  ]
  private static let decades = ["Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"]
  private static let magnitudes = ["Thousand", "Million", "Billion", "Trillion"]

  /// A non-negative integer in Title Case English words ("Five Hundred and Fifty-Five"), or its ordinal form.
  static func words(_ value: Double, ordinal: Bool) -> String {
    lookup(value, previous: false, ordinal: ordinal)
  }

  private static func lookup(_ num: Double, previous: Bool, ordinal: Bool) -> String {
    if num <= 19 {
      return (previous ? " and " : "") + word(ordinal ? ordinals : few, num)
    }
    if num < 100 {
      let tens = (num / 10).rounded(.down)
      let remainder = num.truncatingRemainder(dividingBy: 10)
      var words = (previous ? " and " : "") + word(decades, tens - 2)
      if remainder > 0 {
        words += "-" + lookup(remainder, previous: false, ordinal: ordinal)
      } else if ordinal {
        words = String(words.dropLast()) + "ieth"
      }
      return words
    }
    if num < 1000 {
      let hundreds = Int((num / 100).rounded(.down))
      let remainder = num.truncatingRemainder(dividingBy: 100)
      var words = (previous ? ", " : "") + word(few, Double(hundreds)) + " Hundred"
      if remainder > 0 {
        words += lookup(remainder, previous: true, ordinal: ordinal)
      } else if ordinal {
        words += "th"
      }
      return words
    }
    // jsonata-js takes floor(log10(num) / 3); counting thousands avoids log10's rounding on exact powers.
    var mag = 0
    var scaled = num
    while scaled >= 1000 {
      scaled /= 1000
      mag += 1
    }
    mag = min(mag, magnitudes.count)  // beyond trillions the largest word repeats
    let factor = pow10(mag * 3)
    let mant = (num / factor).rounded(.down)
    let remainder = num - mant * factor
    var words = (previous ? ", " : "") + lookup(mant, previous: false, ordinal: false) + " " + magnitudes[mag - 1]
    if remainder > 0 {
      words += lookup(remainder, previous: true, ordinal: ordinal)
    } else if ordinal {
      words += "th"
    }
    return words
  }

  /// The word at a (possibly fractional) index, or "undefined" as JavaScript reads an array out of range.
  private static func word(_ words: [String], _ index: Double) -> String {
    guard index >= 0, index < Double(words.count) else { return "undefined" }
    return words[Int(index)]
  }

  /// 10 to an integer power, exactly as far as doubles allow.
  static func pow10(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<min(abs(n), 400) { result *= 10 }  // beyond 10^308 it is infinite anyway
    return n < 0 ? 1 / result : result
  }

  /// Every word `wordsToNumber` knows (lower case), in jsonata-js's order, with its value.
  static let wordValues: [(String, Double)] = {
    var table: [(String, Double)] = []
    for (i, w) in few.enumerated() { table.append((w.lowercased(), Double(i))) }
    for (i, w) in ordinals.enumerated() { table.append((w.lowercased(), Double(i))) }
    for (i, w) in decades.enumerated() {
      let word = w.lowercased()
      table.append((word, Double((i + 2) * 10)))
      table.append((String(word.dropLast()) + "ieth", Double((i + 2) * 10)))
    }
    table.append(("hundredth", 100))
    for (i, w) in magnitudes.enumerated() {
      let word = w.lowercased()
      table.append((word, pow10((i + 1) * 3)))
      table.append((word + "th", pow10((i + 1) * 3)))
    }
    return table
  }()

  private static let valueOfWord: [String: Double] = {
    var map: [String: Double] = [:]
    for (w, v) in wordValues { map[w] = v }
    return map
  }()

  /// The value of lower-case English number words; NaN when a word is unknown (as jsonata-js).
  static func number(fromWords text: String) -> Double {
    var segments: [Double] = [0]
    for part in splitWords(text) {
      guard let value = valueOfWord[part] else {
        segments.append(segments.removeLast() * .nan)
        continue
      }
      if value < 100 {
        var top = segments.removeLast()
        if top >= 1000 {
          segments.append(top)
          top = 0
        }
        segments.append(top + value)
      } else {
        segments.append(segments.removeLast() * value)
      }
    }
    return segments.reduce(0, +)
  }

  /// Splits as the JavaScript regex `/,\s|\sand\s|[\s\\-]/` does.
  private static func splitWords(_ text: String) -> [String] {
    let chars = Array(text)
    var parts: [String] = []
    var current = ""
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == ",", i + 1 < chars.count, chars[i + 1].isWhitespace {
        parts.append(current)
        current = ""
        i += 2
      } else if c.isWhitespace, i + 4 < chars.count, String(chars[(i + 1)...(i + 3)]) == "and",
        chars[i + 4].isWhitespace
      {
        parts.append(current)
        current = ""
        i += 5
      } else if c.isWhitespace || c == "\\" || c == "-" {
        parts.append(current)
        current = ""
        i += 1
      } else {
        current.append(c)
        i += 1
      }
    }
    parts.append(current)
    return parts
  }

  private static let romanNumerals: [(Double, String)] = [
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
    (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
  ]

  /// The largest value written in Roman numerals; jsonata-js recurses once per numeral and overflows its stack
  /// long before, so larger values raise U1001 as jsonata-js's stack overflow does.
  static let largestRoman = 10_000_000.0

  /// Lower-case Roman numerals for a non-negative integer ("" for zero).
  static func roman(_ value: Double) throws -> String {
    if value > largestRoman { throw JSONataError(code: "U1001") }
    var remaining = value
    var out = ""
    for (amount, numeral) in romanNumerals {
      while remaining >= amount {
        out += numeral
        remaining -= amount
      }
    }
    return out
  }

  private static let romanValues: [Character: Double] = [
    "M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1,
  ]

  /// The value of upper-case Roman numerals; NaN when a character is not a numeral.
  static func number(fromRoman roman: String) -> Double {
    var decimal = 0.0
    var largest = 1.0
    for c in roman.reversed() {
      guard let value = romanValues[c] else { return .nan }
      if value < largest {
        decimal -= value
      } else {
        largest = value
        decimal += value
      }
    }
    return decimal
  }

  /// Spreadsheet-style letters (1 = a, 26 = z, 27 = aa) starting from `first` ("a" or "A").
  static func letters(_ value: Double, first: Unicode.Scalar) -> String {
    var scalars: [Unicode.Scalar] = []
    var remaining = value
    while remaining > 0 {
      let offset = UInt32((remaining - 1).truncatingRemainder(dividingBy: 26))
      scalars.insert(Unicode.Scalar(first.value + offset)!, at: 0)
      remaining = ((remaining - 1) / 26).rounded(.down)
    }
    var out = ""
    out.unicodeScalars.append(contentsOf: scalars)
    return out
  }

  /// The value of spreadsheet-style letters starting from `first`.
  static func number(fromLetters letters: String, first: Unicode.Scalar) -> Double {
    var decimal = 0.0
    var weight = 1.0
    for s in letters.unicodeScalars.reversed() {
      decimal += (Double(s.value) - Double(first.value) + 1) * weight
      weight *= 26
    }
    return decimal
  }
}
