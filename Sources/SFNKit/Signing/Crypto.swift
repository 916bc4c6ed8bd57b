/// SHA-256 and HMAC-SHA256 over byte arrays (RFC 2104), in Swift: see `SHA256Hasher` for why not OpenSSL.
public enum Crypto {
  /// The 32-byte SHA-256 digest of `data`.
  public static func sha256(_ data: [UInt8]) -> [UInt8] { SHA256Hasher.hash(data) }

  /// The lower-case hex SHA-256 digest of `data`.
  public static func sha256Hex(_ data: [UInt8]) -> String { hex(sha256(data)) }

  /// The lower-case hex SHA-256 digest of the UTF-8 bytes of `text`.
  public static func sha256Hex(_ text: String) -> String { hex(sha256(Array(text.utf8))) }

  /// The 32-byte HMAC-SHA256 of `data` under `key`.
  public static func hmacSHA256(key: [UInt8], data: [UInt8]) -> [UInt8] {
    var block = key.count > 64 ? sha256(key) : key
    block += [UInt8](repeating: 0, count: 64 - block.count)
    var inner = SHA256Hasher()
    inner.update(block.map { $0 ^ 0x36 })
    inner.update(data)
    var outer = SHA256Hasher()
    outer.update(block.map { $0 ^ 0x5c })
    outer.update(inner.finish())
    return outer.finish()
  }

  /// The HMAC-SHA256 of the UTF-8 bytes of `text` under `key`.
  public static func hmacSHA256(key: [UInt8], _ text: String) -> [UInt8] {
    hmacSHA256(key: key, data: Array(text.utf8))
  }

  /// Lower-case hexadecimal spelling of `bytes`.
  public static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
