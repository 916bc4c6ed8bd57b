/// A random (version 4, RFC 4122 variant) UUID for `$uuid`, from an injected source of doubles in [0, 1).
struct UUIDv4 {
  /// The 16 bytes, with the version and variant bits set.
  let bytes: [UInt8]

  /// A UUID whose 122 random bits come from `random`, one byte per call.
  init(random: () -> Double) {
    var bytes = (0..<16).map { _ in UInt8(min(max(random(), 0), 0.999_999_999) * 256) }
    bytes[6] = bytes[6] & 0x0F | 0x40
    bytes[8] = bytes[8] & 0x3F | 0x80
    self.bytes = bytes
  }

  /// The canonical lower-case form, 8-4-4-4-12 hexadecimal digits.
  var string: String {
    let digits = Array("0123456789abcdef")
    var out = ""
    for (i, b) in bytes.enumerated() {
      if i == 4 || i == 6 || i == 8 || i == 10 { out.append("-") }
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 15)])
    }
    return out
  }
}
