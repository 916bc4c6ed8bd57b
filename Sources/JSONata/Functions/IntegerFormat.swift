/// An XPath `fn:format-integer` picture as jsonata-js analyses it (`analyseIntegerPicture`): decimal digit
/// patterns with grouping separators, `a`/`A` letters, `i`/`I` Roman numerals, `w`/`W`/`Ww` words, `;o` ordinals.
struct IntegerPicture {
  /// How the number is written.
  enum Primary { case decimal, letters, roman, words, sequence }
  /// Letter case of letters, numerals and words.
  enum LetterCase { case upper, lower, title }
  /// One grouping-separator-sign: how many digit positions to its right, and the character.
  struct Separator {
    var position: Int
    var character: Unicode.Scalar
  }

  /// How the number is written.
  var primary = Primary.decimal
  /// Letter case of letters, numerals and words.
  var letterCase = LetterCase.lower
  /// Ordinal form (`;o`): 1st, first.
  var ordinal = false
  /// The code point of the zero of the picture's decimal digit family.
  var zeroCode: UInt32 = 0x30
  /// Digits always written (the picture's decimal digits, or a width's minimum).
  var mandatoryDigits = 0
  /// `#` signs: digits written only when the number has them.
  var optionalDigits = 0
  /// Separators at a fixed interval (jsonata-js's `regular`): the interval and character.
  var regular: Separator?
  /// Separators at irregular positions, rightmost first.
  var separators: [Separator] = []
  /// The picture of an unsupported numbering sequence (error D3130 when used).
  var token = ""
  /// The exact digit count to read when parsing, set when another number follows with no literal between.
  var parseWidth: Int?

  /// The zeros of the Unicode decimal digit families jsonata-js recognises.
  static let decimalGroups: [UInt32] = [
    0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
  ]

  /// Analyses a picture such as `#,##0`, `000;o`, `w`, `I` (D3131 when digits mix families).
  init(_ picture: String) throws {
    var primaryFormat = Substring(picture)
    if let semicolon = picture.lastIndex(of: ";") {
      primaryFormat = picture[..<semicolon]
      ordinal = picture[picture.index(after: semicolon)...].first == "o"
    }
    switch primaryFormat {
    case "A": (primary, letterCase) = (.letters, .upper)
    case "a": primary = .letters
    case "I": (primary, letterCase) = (.roman, .upper)
    case "i": primary = .roman
    case "W": (primary, letterCase) = (.words, .upper)
    case "Ww": (primary, letterCase) = (.words, .title)
    case "w": primary = .words
    default: try analyseDigits(primaryFormat)
    }
  }

  private mutating func analyseDigits(_ pattern: Substring) throws {
    var zero: UInt32?
    var position = 0
    var found: [Separator] = []
    // Right to left, so that separator positions count the digits to their right.
    for scalar in pattern.unicodeScalars.reversed() {
      if let group = Self.decimalGroups.first(where: { scalar.value >= $0 && scalar.value <= $0 + 9 }) {
        mandatoryDigits += 1
        position += 1
        if zero == nil {
          zero = group
        } else if zero != group {
          throw JSONataError(code: "D3131")
        }
      } else if scalar == "#" {
        position += 1
        optionalDigits += 1
      } else {
        found.append(Separator(position: position, character: scalar))
      }
    }
    guard mandatoryDigits > 0, let zero else {
      primary = .sequence
      token = String(pattern)
      return
    }
    primary = .decimal
    zeroCode = zero
    if let interval = Self.regularInterval(found) {
      regular = Separator(position: interval, character: found[0].character)
    } else {
      separators = found
    }
  }

  /// The common interval of separators that are all the same character at every multiple of it, if they are.
  private static func regularInterval(_ separators: [Separator]) -> Int? {
    guard let first = separators.first else { return nil }
    guard separators.allSatisfy({ $0.character == first.character }) else { return nil }
    let positions = separators.map(\.position)
    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    let factor = positions.dropFirst().reduce(positions[0], gcd)
    guard factor > 0 else { return nil }
    for n in 1...positions.count where !positions.contains(n * factor) { return nil }
    return factor
  }

  /// The value written as the picture says (jsonata-js's `_formatInteger`; the value is not floored here).
  func format(_ number: Double) throws -> String {
    let negative = number < 0
    let value = abs(number)
    // jsonata-js recurses or loops without end on these; U1001 is how it reports running out of stack.
    if !value.isFinite && primary != .decimal && primary != .sequence { throw JSONataError(code: "U1001") }
    var text: String
    switch primary {
    case .letters:
      text = IntegerWords.letters(value, first: letterCase == .upper ? "A" : "a")
    case .roman:
      text = try IntegerWords.roman(value)
      if letterCase == .upper { text = text.uppercased() }
    case .words:
      text = IntegerWords.words(value, ordinal: ordinal)
      if letterCase == .upper {
        text = text.uppercased()
      } else if letterCase == .lower {
        text = text.lowercased()
      }
    case .decimal:
      text = decimal(value)
    case .sequence:
      throw JSONataError(code: "D3130", value: .string(token))
    }
    return negative ? "-" + text : text
  }

  private func decimal(_ value: Double) -> String {
    var scalars = Array(Value.javaScriptString(value).unicodeScalars)
    if mandatoryDigits > scalars.count {
      scalars = Array(repeating: "0", count: mandatoryDigits - scalars.count) + scalars
    }
    if zeroCode != 0x30 {
      scalars = scalars.map { Unicode.Scalar($0.value + zeroCode - 0x30) ?? $0 }
    }
    if let regular {
      let groups = (scalars.count - 1) / regular.position
      for n in stride(from: groups, to: 0, by: -1) {
        scalars.insert(regular.character, at: scalars.count - n * regular.position)
      }
    } else {
      // Leftmost separator first, so the positions of the ones to its right still count from the end.
      for separator in separators.reversed() {
        let at = scalars.count - separator.position
        if at >= 0 {
          scalars.insert(separator.character, at: at)
        } else {
          // jsonata-js's `substr(0, at) + sep + substr(at)`: a negative length gives "", a negative start counts
          // from the end, so the digits left of the last -at are lost.
          scalars = [separator.character] + scalars[max(scalars.count + at, 0)...]
        }
      }
    }
    if ordinal {
      let last = scalars.last
      var suffix = last == "1" ? "st" : last == "2" ? "nd" : last == "3" ? "rd" : "th"
      if scalars.count > 1 && scalars[scalars.count - 2] == "1" { suffix = "th" }
      scalars += suffix.unicodeScalars
    }
    var out = ""
    out.unicodeScalars.append(contentsOf: scalars)
    return out
  }

  /// The regular expression (ECMAScript/Swift syntax) that matches a number written with this picture.
  func pattern() throws -> String {
    let upper = letterCase == .upper
    switch primary {
    case .letters: return upper ? "[A-Z]+" : "[a-z]+"
    case .roman: return upper ? "[MDCLXVI]+" : "[mdclxvi]+"
    case .words:
      return "(?:" + (IntegerWords.wordValues.map(\.0) + ["and", "[\\-, ]"]).joined(separator: "|") + ")+"
    case .decimal:
      var regex = "[0-9]" + (parseWidth.map { "{\($0)}" } ?? "+")
      if ordinal { regex += "(?:th|st|nd|rd)" }
      return regex
    case .sequence:
      throw JSONataError(code: "D3130", value: .string(token))
    }
  }

  /// The value of text written with this picture (jsonata-js's matcher `parse`); NaN when unreadable.
  func parse(_ text: String) throws -> Double {
    let upper = letterCase == .upper
    switch primary {
    case .letters: return IntegerWords.number(fromLetters: text, first: upper ? "A" : "a")
    case .roman: return IntegerWords.number(fromRoman: upper ? text : text.uppercased())
    case .words: return IntegerWords.number(fromWords: text.lowercased())
    case .decimal:
      var digits = Array(text.unicodeScalars)
      if ordinal { digits = Array(digits.dropLast(2)) }
      // jsonata-js strips "," for regular groupings whatever their character, and each irregular one.
      let strip: [Unicode.Scalar] = regular != nil ? [","] : separators.map(\.character)
      digits.removeAll { strip.contains($0) }
      if zeroCode != 0x30 {
        digits = digits.map { Unicode.Scalar($0.value &- zeroCode &+ 0x30) ?? $0 }
      }
      var ascii = ""
      ascii.unicodeScalars.append(contentsOf: digits)
      return PictureNumerics.parseInt(ascii)
    case .sequence:
      throw JSONataError(code: "D3130", value: .string(token))
    }
  }
}
