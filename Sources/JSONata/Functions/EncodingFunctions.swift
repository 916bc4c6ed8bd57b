extension Builtins {
  static let encoding: [Builtin] = [
    .typed("base64encode", "<s-:s>") { a, _ in try a.string(0).map { .string(Base64.encode(binary: $0)) } },
    .typed("base64decode", "<s-:s>") { a, _ in try a.string(0).map { .string(Base64.decode(toBinary: $0)) } },
    uri("encodeUrlComponent") { URIEncoding.encode($0, keeping: URIEncoding.componentUnescaped) },
    uri("encodeUrl") { URIEncoding.encode($0, keeping: URIEncoding.uriUnescaped) },
    uri("decodeUrlComponent") { URIEncoding.decode($0, keeping: []) },
    uri("decodeUrl") { URIEncoding.decode($0, keeping: URIEncoding.uriReserved) },
  ]

  /// A URL function: `transform` of a string, its failure (JavaScript's URIError) reported as D3140.
  private static func uri(_ name: String, _ transform: @escaping (String) -> String?) -> Builtin {
    .typed(name, "<s-:s>") { a, _ in
      guard let s = try a.string(0) else { return nil }
      guard let result = transform(s) else {
        var quoted = ""
        JSONStringifier.quote(s, into: &quoted)
        throw JSONataError(code: "D3140", value: .string(s),
                           message: "Malformed URL passed to $\(name)(): \(quoted)")
      }
      return .string(result)
    }
  }
}

/// JavaScript's `encodeURIComponent`, `encodeURI`, `decodeURIComponent` and `decodeURI`.
enum URIEncoding {
  /// The ASCII characters `encodeURIComponent` leaves as they are.
  static let componentUnescaped: Set<UInt8> = {
    var set = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
    set.formUnion("-_.!~*'()".utf8)
    return set
  }()

  /// The ASCII characters `encodeURI` leaves as they are: the unescaped ones, the reserved ones and `#`.
  static let uriUnescaped: Set<UInt8> = componentUnescaped.union(uriReserved)

  /// The reserved characters (and `#`) that `decodeURI` leaves escaped.
  static let uriReserved: Set<UInt8> = Set(";/?:@&=+$,#".utf8)

  private static let hexDigits = Array("0123456789ABCDEF".utf8)

  /// `s` with every UTF-8 byte outside `keeping` written `%XX`. Never nil: a Swift string has no unpaired
  /// surrogate, the only input JavaScript rejects.
  static func encode(_ s: String, keeping: Set<UInt8>) -> String? {
    var out: [UInt8] = []
    for byte in s.utf8 {
      if keeping.contains(byte) {
        out.append(byte)
      } else {
        out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `s` with `%XX` escapes decoded as UTF-8, except single-byte characters in `keeping`, which stay escaped;
  /// nil for a malformed escape or byte sequence (JavaScript's URIError).
  static func decode(_ s: String, keeping: Set<UInt8>) -> String? {
    let bytes = Array(s.utf8)
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      guard bytes[i] == UInt8(ascii: "%") else {
        out.append(bytes[i])
        i += 1
        continue
      }
      guard let first = escapedByte(bytes, at: i) else { return nil }
      if first < 0x80 {
        out += keeping.contains(first) ? Array(bytes[i..<i + 3]) : [first]
        i += 3
        continue
      }
      let length: Int
      switch first {
      case 0xC0...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF7: length = 4
      default: return nil
      }
      var sequence = [first]
      i += 3
      for _ in 1..<length {
        guard let next = escapedByte(bytes, at: i), next & 0xC0 == 0x80 else { return nil }
        sequence.append(next)
        i += 3
      }
      // Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8, which the decoder rejects.
      var scalars = String.UnicodeScalarView()
      var decoder = UTF8()
      var iterator = sequence.makeIterator()
      guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
      scalars.append(scalar)
      out += Array(String(scalars).utf8)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The byte of a `%XX` escape at `i`, or nil when it is not one.
  private static func escapedByte(_ bytes: [UInt8], at i: Int) -> UInt8? {
    guard i + 2 < bytes.count, bytes[i] == UInt8(ascii: "%"),
      let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2])
    else { return nil }
    return high << 4 | low
  }

  private static func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}

/// Base64 as jsonata-js does it with Node's `Buffer`: strings are "binary" (one byte per UTF-16 unit, its low
/// eight bits), and decoding is lenient like Node's.
enum Base64 {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// The Base64 encoding of `s` taken as a binary string.
  static func encode(binary s: String) -> String {
    let bytes = s.utf16.map { UInt8(truncatingIfNeeded: $0) }
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      let chunk = Array(bytes[i..<min(i + 3, bytes.count)])
      let b0 = chunk[0]
      let b1 = chunk.count > 1 ? chunk[1] : 0
      let b2 = chunk.count > 2 ? chunk[2] : 0
      out.append(alphabet[Int(b0 >> 2)])
      out.append(alphabet[Int((b0 & 0x3) << 4 | b1 >> 4)])
      out.append(chunk.count > 1 ? alphabet[Int((b1 & 0xF) << 2 | b2 >> 6)] : UInt8(ascii: "="))
      out.append(chunk.count > 2 ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
      i += 3
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The bytes `s` encodes, as a binary string (each byte one character U+0000...U+00FF). As Node does, characters
  /// outside the alphabet (standard or URL-safe) are skipped, decoding stops at `=`, and a trailing partial group
  /// yields the whole bytes it holds.
  static func decode(toBinary s: String) -> String {
    var sextets: [UInt8] = []
    for byte in s.utf8 {
      if byte == UInt8(ascii: "=") { break }
      if let value = sextet(byte) { sextets.append(value) }
    }
    var bytes: [UInt8] = []
    var i = 0
    while i + 1 < sextets.count {
      let group = Array(sextets[i..<min(i + 4, sextets.count)])
      bytes.append(group[0] << 2 | group[1] >> 4)
      if group.count > 2 { bytes.append((group[1] & 0xF) << 4 | group[2] >> 2) }
      if group.count > 3 { bytes.append((group[2] & 0x3) << 6 | group[3]) }
      i += 4
    }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: bytes.map { Unicode.Scalar($0) })
    return String(out)
  }

  private static func sextet(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return c - UInt8(ascii: "A")
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return c - UInt8(ascii: "a") + 26
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0") + 52
    case UInt8(ascii: "+"), UInt8(ascii: "-"): return 62
    case UInt8(ascii: "/"), UInt8(ascii: "_"): return 63
    default: return nil
    }
  }
}
