/// The text transformations that make up a SigV4 canonical request (URI, query and header rules).
///
/// Rules: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
/// ("Step 1: Create a canonical request").
public enum SigV4Canonical {
  /// Percent-encodes every byte of `text` except RFC 3986 unreserved characters (and `/` when `keepSlash`).
  ///
  /// Hex digits are upper case and a space becomes `%20`, never `+`, as SigV4 requires.
  public static func uriEncode(_ text: String, keepSlash: Bool = false) -> String {
    uriEncode(bytes: text.utf8, keepSlash: keepSlash)
  }

  private static func uriEncode<Bytes: Sequence>(bytes: Bytes, keepSlash: Bool) -> String where Bytes.Element == UInt8 {
    let hex = Array("0123456789ABCDEF".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.underestimatedCount)
    for b in bytes {
      if isUnreserved(b) || (keepSlash && b == UInt8(ascii: "/")) {
        out.append(b)
      } else {
        out.append(UInt8(ascii: "%"))
        out.append(hex[Int(b >> 4)])
        out.append(hex[Int(b & 0x0F)])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Decodes `%XY` escapes; malformed escapes stay as they are, and `+` is left alone (it is not a space here).
  public static func percentDecode(_ text: String) -> String {
    String(decoding: percentDecode(bytes: text.utf8), as: UTF8.self)
  }

  // Works on bytes so that escapes of non-UTF-8 bytes survive a decode/encode round trip.
  private static func percentDecode<Bytes: Collection>(bytes input: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    let bytes = Array(input)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
         let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) {
        out.append(hi << 4 | lo)
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return out
  }

  /// The canonical URI: the path as sent on the wire, optionally normalised, then URI-encoded again.
  ///
  /// Encoding the already-encoded path a second time is the "double encoding" every service except S3 expects;
  /// `normalize` removes `.`/`..` segments and empty segments (again everything except S3).
  public static func uri(path: String, normalize: Bool = true) -> String {
    let path = normalize ? normalizedPath(path) : (path.isEmpty ? "/" : path)
    return uriEncode(path, keepSlash: true)
  }

  /// Removes dot segments (RFC 3986 section 5.2.4) and collapses repeated slashes, as botocore does.
  public static func normalizedPath(_ path: String) -> String {
    if path.isEmpty { return "/" }
    var segments: [Substring] = []
    for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
      if segment == ".." {
        if !segments.isEmpty { segments.removeLast() }
      } else {
        segments.append(segment)
      }
    }
    let first = path.hasPrefix("/") ? "/" : ""
    let last = path.hasSuffix("/") && !segments.isEmpty ? "/" : ""
    return first + segments.joined(separator: "/") + last
  }

  /// The canonical query string: each parameter decoded, re-encoded, then sorted by key and value.
  ///
  /// `query` is the raw query without the leading `?`; a parameter without `=` gets an empty value.
  public static func queryString(_ query: String) -> String {
    var pairs: [(key: String, value: String)] = []
    for piece in query.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = uriEncode(bytes: percentDecode(bytes: parts[0].utf8), keepSlash: false)
      let value = parts.count > 1 ? uriEncode(bytes: percentDecode(bytes: parts[1].utf8), keepSlash: false) : ""
      pairs.append((key, value))
    }
    // After encoding everything is ASCII, so String ordering is byte ordering.
    pairs.sort { $0.key != $1.key ? $0.key < $1.key : $0.value < $1.value }
    return pairs.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
  }

  /// Canonical headers and the signed-header list for `headers`, skipping names in `excluding` (lower case).
  ///
  /// Names are lower-cased and sorted; values are trimmed with inner whitespace runs collapsed to one space;
  /// repeated names are joined with commas in their original order.
  public static func headers(_ headers: [(name: String, value: String)], excluding: Set<String> = [])
    -> (canonical: String, signed: String) {
    var order: [String] = []
    var values: [String: [String]] = [:]
    for (name, value) in headers {
      let lower = trimAll(name).lowercased()
      if excluding.contains(lower) { continue }
      if values[lower] == nil { order.append(lower) }
      values[lower, default: []].append(trimAll(value))
    }
    let names = order.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    let canonical = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
    return (canonical, names.joined(separator: ";"))
  }

  /// Trims leading and trailing whitespace and turns each inner whitespace run into one space ("Trimall").
  public static func trimAll(_ value: String) -> String {
    value.utf8.split(whereSeparator: isWhitespace).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
  }

  private static func isWhitespace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
  }

  private static func isUnreserved(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
         UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
         UInt8(ascii: "~"):
      return true
    default:
      return false
    }
  }

  private static func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
