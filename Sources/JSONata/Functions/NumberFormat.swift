/// `$formatNumber`: XPath `fn:format-number` as jsonata-js implements it, on UTF-16 code units as JavaScript
/// strings are, with its decimal-format options and errors D3080 to D3093.
struct NumberFormat {
  /// The decimal-format properties, by jsonata-js's option names.
  private var properties: [String: [UInt16]] = [
    "decimal-separator": Array(".".utf16), "grouping-separator": Array(",".utf16),
    "exponent-separator": Array("e".utf16), "infinity": Array("Infinity".utf16), "minus-sign": Array("-".utf16),
    "NaN": Array("NaN".utf16), "percent": Array("%".utf16), "per-mille": Array("\u{2030}".utf16),
    "zero-digit": Array("0".utf16), "digit": Array("#".utf16), "pattern-separator": Array(";".utf16),
  ]

  /// The defaults overridden by the options object's string members.
  init(options: ObjectValue?) {
    for (key, value) in options?.entries ?? [] {
      if case .string(let s) = value { properties[key] = Array(s.utf16) }
    }
  }

  private func property(_ name: String) -> [UInt16] { properties[name] ?? [] }
  /// The first code unit of a property (what jsonata-js compares single characters with).
  private func unit(_ name: String) -> UInt16? { property(name).first }

  /// The number formatted with the picture.
  func format(_ value: Double, picture: String) throws -> String {
    let zero = unit("zero-digit") ?? 0x30
    let family = (0..<10).map { zero &+ UInt16($0) }
    let active = Set(family + ["decimal-separator", "exponent-separator", "grouping-separator", "digit",
                               "pattern-separator"].compactMap { unit($0) })
    let context = PictureContext(family: family, active: active, properties: self)
    let subPictures = Self.split(Array(picture.utf16), on: property("pattern-separator"))
    if subPictures.count > 2 { throw JSONataError(code: "D3080") }
    let parts = subPictures.map { context.splitParts($0) }
    for p in parts { try context.validate(p) }
    var variables = parts.map { context.analyse($0) }
    if variables.count == 1 {
      var negative = variables[0]
      negative.prefix = property("minus-sign") + negative.prefix
      variables.append(negative)
    }
    let pic = value >= 0 ? variables[0] : variables[1]
    return context.render(value, pic)
  }

  /// JavaScript's `split` with a string separator.
  static func split(_ s: [UInt16], on separator: [UInt16]) -> [[UInt16]] {
    guard !separator.isEmpty else { return s.map { [$0] } }
    var parts: [[UInt16]] = []
    var start = 0
    var i = 0
    while i + separator.count <= s.count {
      if Array(s[i..<(i + separator.count)]) == separator {
        parts.append(Array(s[start..<i]))
        i += separator.count
        start = i
      } else {
        i += 1
      }
    }
    parts.append(Array(s[start...]))
    return parts
  }

  /// JavaScript's `indexOf(sub, from)` on code units; -1 when absent.
  static func indexOf(_ s: [UInt16], _ sub: [UInt16], from: Int = 0) -> Int {
    guard from <= s.count else { return sub.isEmpty ? s.count : -1 }
    if sub.isEmpty { return max(from, 0) }
    var i = max(from, 0)
    while i + sub.count <= s.count {
      if s[i] == sub[0] && Array(s[i..<(i + sub.count)]) == sub { return i }
      i += 1
    }
    return -1
  }

  /// JavaScript's `lastIndexOf(sub)` on code units; -1 when absent.
  static func lastIndexOf(_ s: [UInt16], _ sub: [UInt16]) -> Int {
    if sub.isEmpty { return s.count }
    var i = s.count - sub.count
    while i >= 0 {
      if Array(s[i..<(i + sub.count)]) == sub { return i }
      i -= 1
    }
    return -1
  }
}

/// One sub-picture cut into its parts (F&O 4.7.3).
private struct SubPicture {
  var prefix: [UInt16]
  var suffix: [UInt16]
  var activePart: [UInt16]
  var mantissaPart: [UInt16]
  var exponentPart: [UInt16]?
  var integerPart: [UInt16]
  var fractionalPart: [UInt16]
  var picture: [UInt16]
}

/// What the analysis of a sub-picture decides (F&O 4.7.4).
private struct PictureVariables {
  var integerGroupingPositions: [Int]
  var regularGrouping: Int
  var minimumIntegerSize: Int
  var scalingFactor: Int
  var prefix: [UInt16]
  var fractionalGroupingPositions: [Int]
  var minimumFractionalSize: Int
  var maximumFractionalSize: Int
  var minimumExponentSize: Int
  var suffix: [UInt16]
  var picture: [UInt16]
}

/// The steps of `$formatNumber` for one picture and set of properties.
private struct PictureContext {
  let family: [UInt16]
  let active: Set<UInt16>
  let properties: NumberFormat

  private func unit(_ name: String) -> UInt16? { properties.unitValue(name) }
  private func property(_ name: String) -> [UInt16] { properties.propertyValue(name) }
  private func isDigit(_ c: UInt16) -> Bool { family.contains(c) }
  private func isDigitOrOptional(_ c: UInt16) -> Bool { family.contains(c) || c == unit("digit") }

  /// The prefix, suffix, mantissa, exponent, integer and fractional parts of a sub-picture.
  func splitParts(_ sub: [UInt16]) -> SubPicture {
    let exponentChar = unit("exponent-separator")
    let isActive = { (c: UInt16) in active.contains(c) && c != exponentChar }
    // With no active character at all jsonata-js fails on an undefined prefix; the whole is then a prefix.
    let prefixEnd = sub.firstIndex(where: isActive) ?? sub.count
    let suffixStart = sub.lastIndex(where: isActive).map { $0 + 1 } ?? sub.count
    let prefix = Array(sub[..<prefixEnd])
    let suffix = Array(sub[max(suffixStart, prefixEnd)...])
    let activePart = Array(sub[prefixEnd..<max(suffixStart, prefixEnd)])
    var mantissa = activePart
    var exponent: [UInt16]?
    let exponentPosition = NumberFormat.indexOf(sub, property("exponent-separator"), from: prefix.count)
    if exponentPosition != -1 && exponentPosition <= sub.count - suffix.count {
      // jsonata-js indexes the active part with the position in the whole sub-picture.
      mantissa = Self.substring(activePart, 0, exponentPosition)
      exponent = Self.substring(activePart, exponentPosition + 1, activePart.count)
    }
    var integer = mantissa
    var fraction = suffix
    let decimal = NumberFormat.indexOf(mantissa, property("decimal-separator"))
    if decimal != -1 {
      integer = Array(mantissa[..<decimal])
      fraction = Array(mantissa[(decimal + 1)...])
    }
    return SubPicture(prefix: prefix, suffix: suffix, activePart: activePart, mantissaPart: mantissa,
                      exponentPart: exponent, integerPart: integer, fractionalPart: fraction, picture: sub)
  }

  /// JavaScript's `substring(start, end)`: bounds clamped, swapped when reversed.
  static func substring(_ s: [UInt16], _ start: Int, _ end: Int) -> [UInt16] {
    var a = min(max(start, 0), s.count)
    var b = min(max(end, 0), s.count)
    if a > b { swap(&a, &b) }
    return Array(s[a..<b])
  }

  /// F&O 4.7.3's rules; the last one broken is the error (D3081 to D3093), as in jsonata-js.
  func validate(_ parts: SubPicture) throws {
    var error: String?
    let sub = parts.picture
    let decimalSeparator = property("decimal-separator")
    let grouping = property("grouping-separator")
    let percent = property("percent")
    let perMille = property("per-mille")
    let decimalPos = NumberFormat.indexOf(sub, decimalSeparator)
    if decimalPos != NumberFormat.lastIndexOf(sub, decimalSeparator) { error = "D3081" }
    if NumberFormat.indexOf(sub, percent) != NumberFormat.lastIndexOf(sub, percent) { error = "D3082" }
    if NumberFormat.indexOf(sub, perMille) != NumberFormat.lastIndexOf(sub, perMille) { error = "D3083" }
    if NumberFormat.indexOf(sub, percent) != -1 && NumberFormat.indexOf(sub, perMille) != -1 { error = "D3084" }
    if !parts.mantissaPart.contains(where: isDigitOrOptional) { error = "D3085" }
    if parts.activePart.contains(where: { !active.contains($0) }) { error = "D3086" }
    let groupingUnit = grouping.first
    if decimalPos != -1 {
      let before = decimalPos > 0 ? sub[decimalPos - 1] : nil
      let after = decimalPos + 1 < sub.count ? sub[decimalPos + 1] : nil
      if (before != nil && before == groupingUnit) || (after != nil && after == groupingUnit) { error = "D3087" }
    } else if let last = parts.integerPart.last, last == groupingUnit {
      error = "D3088"
    }
    if NumberFormat.indexOf(sub, grouping + grouping) != -1 { error = "D3089" }
    if let optional = parts.integerPart.firstIndex(of: unit("digit") ?? 0),
      parts.integerPart[..<optional].contains(where: isDigit)
    {
      error = "D3090"
    }
    if let optional = parts.fractionalPart.lastIndex(of: unit("digit") ?? 0),
      parts.fractionalPart[optional...].contains(where: isDigit)
    {
      error = "D3091"
    }
    if let exponent = parts.exponentPart {
      if !exponent.isEmpty && (NumberFormat.indexOf(sub, percent) != -1 || NumberFormat.indexOf(sub, perMille) != -1) {
        error = "D3092"
      }
      if exponent.isEmpty || exponent.contains(where: { !isDigit($0) }) { error = "D3093" }
    }
    if let error { throw JSONataError(code: error) }
  }

  /// Grouping positions, digit counts and scaling of a validated sub-picture.
  func analyse(_ parts: SubPicture) -> PictureVariables {
    let grouping = property("grouping-separator")
    func groupingPositions(_ part: [UInt16], toLeft: Bool) -> [Int] {
      var positions: [Int] = []
      var position = NumberFormat.indexOf(part, grouping)
      while position != -1 {
        let side = toLeft ? Array(part[..<min(position, part.count)]) : Array(part[min(position, part.count)...])
        positions.append(side.filter(isDigitOrOptional).count)
        // jsonata-js looks for the next separator in the integer part, whichever part it measures.
        position = NumberFormat.indexOf(parts.integerPart, grouping, from: position + 1)
      }
      return positions
    }
    let integerPositions = groupingPositions(parts.integerPart, toLeft: false)
    var minimumInteger = parts.integerPart.filter(isDigit).count
    let scaling = minimumInteger
    var minimumFraction = parts.fractionalPart.filter(isDigit).count
    var maximumFraction = parts.fractionalPart.filter(isDigitOrOptional).count
    let exponentPresent = parts.exponentPart != nil
    if minimumInteger == 0 && maximumFraction == 0 {
      if exponentPresent {
        minimumFraction = 1
        maximumFraction = 1
      } else {
        minimumInteger = 1
      }
    }
    if exponentPresent && minimumInteger == 0 && parts.integerPart.contains(unit("digit") ?? 0) {
      minimumInteger = 1
    }
    if minimumInteger == 0 && minimumFraction == 0 { minimumFraction = 1 }
    return PictureVariables(
      integerGroupingPositions: integerPositions, regularGrouping: Self.regular(integerPositions),
      minimumIntegerSize: minimumInteger, scalingFactor: scaling, prefix: parts.prefix,
      fractionalGroupingPositions: groupingPositions(parts.fractionalPart, toLeft: true),
      minimumFractionalSize: minimumFraction, maximumFractionalSize: maximumFraction,
      minimumExponentSize: parts.exponentPart?.filter(isDigit).count ?? 0, suffix: parts.suffix,
      picture: parts.picture)
  }

  /// Where JavaScript's `slice(0, i)` ends: a negative index counts from the end, both ends are clamped.
  private static func sliceIndex(_ i: Int, _ count: Int) -> Int {
    i < 0 ? max(count + i, 0) : min(i, count)
  }

  private static func regular(_ positions: [Int]) -> Int {
    guard let first = positions.first else { return 0 }
    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    let factor = positions.dropFirst().reduce(first, gcd)
    guard factor > 0 else { return 0 }
    for n in 1...positions.count where !positions.contains(n * factor) { return 0 }
    return factor
  }

  /// The number written with the analysed sub-picture (F&O 4.7.5, bullets 3 to 14).
  func render(_ value: Double, _ pic: PictureVariables) -> String {
    let zero = unit("zero-digit") ?? 0x30
    let decimalSeparator = property("decimal-separator")
    let grouping = property("grouping-separator")
    var adjusted = value
    if NumberFormat.indexOf(pic.picture, property("percent")) != -1 {
      adjusted = value * 100
    } else if NumberFormat.indexOf(pic.picture, property("per-mille")) != -1 {
      adjusted = value * 1000
    }
    var mantissa = adjusted
    var exponent: Int?
    if pic.minimumExponentSize != 0 {
      let maxMantissa = IntegerWords.pow10(pic.scalingFactor)
      let minMantissa = IntegerWords.pow10(max(pic.scalingFactor - 1, 0)) / (pic.scalingFactor == 0 ? 10 : 1)
      var e = 0
      // jsonata-js loops forever on zero and on negative numbers; scaling the magnitude terminates.
      var magnitude = abs(adjusted)
      if magnitude != 0 && magnitude.isFinite {
        while magnitude < minMantissa {
          magnitude *= 10
          e -= 1
        }
        while magnitude > maxMantissa {
          magnitude /= 10
          e += 1
        }
      }
      mantissa = adjusted < 0 ? -magnitude : magnitude
      exponent = e
    }
    let rounded = PictureNumerics.roundHalfEven(mantissa, pic.maximumFractionalSize)
    func digits(_ v: Double, _ places: Int) -> [UInt16] {
      Array(PictureNumerics.fixed(v, places).utf16).map { c in
        c >= 0x30 && c <= 0x39 ? zero &+ (c - 0x30) : c
      }
    }
    var s = digits(rounded, pic.maximumFractionalSize)
    if let dot = s.firstIndex(of: 0x2E) {
      s.replaceSubrange(dot...dot, with: decimalSeparator)
    } else {
      s += decimalSeparator
    }
    while s.first == zero { s.removeFirst() }
    while s.last == zero { s.removeLast() }
    var decimalPos = NumberFormat.indexOf(s, decimalSeparator)
    let padLeft = pic.minimumIntegerSize - decimalPos
    let padRight = pic.minimumFractionalSize - (s.count - decimalPos - 1)
    if padLeft > 0 { s = Array(repeating: zero, count: padLeft) + s }
    if padRight > 0 { s += Array(repeating: zero, count: padRight) }
    decimalPos = NumberFormat.indexOf(s, decimalSeparator)
    if pic.regularGrouping > 0 {
      let groups = (decimalPos - 1) / pic.regularGrouping
      if groups >= 1 {
        for group in 1...groups {
          let at = decimalPos - group * pic.regularGrouping
          if at >= 0 { s.insert(contentsOf: grouping, at: at) }
        }
      }
    } else {
      for position in pic.integerGroupingPositions {
        s.insert(contentsOf: grouping, at: Self.sliceIndex(decimalPos - position, s.count))
        decimalPos += 1
      }
    }
    decimalPos = NumberFormat.indexOf(s, decimalSeparator)
    for position in pic.fractionalGroupingPositions {
      s.insert(contentsOf: grouping, at: Self.sliceIndex(position + decimalPos + 1, s.count))
    }
    decimalPos = NumberFormat.indexOf(s, decimalSeparator)
    if NumberFormat.indexOf(pic.picture, decimalSeparator) == -1 || decimalPos == s.count - 1 {
      s.removeLast()
    }
    if let exponent {
      var e = digits(Double(exponent), 0)
      if pic.minimumExponentSize > e.count {
        e = Array(repeating: zero, count: pic.minimumExponentSize - e.count) + e
      }
      s += property("exponent-separator") + (exponent < 0 ? property("minus-sign") : []) + e
    }
    return String(decoding: pic.prefix + s + pic.suffix, as: UTF16.self)
  }
}

extension NumberFormat {
  /// A property's code units.
  fileprivate func propertyValue(_ name: String) -> [UInt16] { property(name) }
  /// A property's first code unit.
  fileprivate func unitValue(_ name: String) -> UInt16? { unit(name) }
}
