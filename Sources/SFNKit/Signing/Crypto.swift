internal import COpenSSL

/// SHA-256 and HMAC-SHA256 over byte arrays, backed by OpenSSL's libcrypto.
public enum Crypto {
  /// The 32-byte SHA-256 digest of `data`.
  public static func sha256(_ data: [UInt8]) -> [UInt8] { sha256(data[...]) }

  /// The SHA-256 digest of the concatenated `parts` (OpenSSL's low-level SHA-256: no provider fetch).
  static func sha256(_ parts: ArraySlice<UInt8>...) -> [UInt8] {
    var context = SHA256_CTX()
    SHA256_Init(&context)
    for part in parts {
      part.withUnsafeBufferPointer { _ = SHA256_Update(&context, $0.baseAddress, $0.count) }
    }
    var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
    digest.withUnsafeMutableBufferPointer { _ = SHA256_Final($0.baseAddress, &context) }
    return digest
  }

  /// The lower-case hex SHA-256 digest of `data`.
  public static func sha256Hex(_ data: [UInt8]) -> String { hex(sha256(data)) }

  /// The lower-case hex SHA-256 digest of the UTF-8 bytes of `text`.
  public static func sha256Hex(_ text: String) -> String { hex(sha256(Array(text.utf8))) }

  /// The 32-byte HMAC-SHA256 of `data` under `key` (RFC 2104 over OpenSSL's SHA-256).
  public static func hmacSHA256(key: [UInt8], data: [UInt8]) -> [UInt8] {
    let blockSize = 64
    var block = key.count > blockSize ? sha256(key) : key
    block += [UInt8](repeating: 0, count: blockSize - block.count)
    let inner = sha256(block.map { $0 ^ 0x36 }[...], data[...])
    return sha256(block.map { $0 ^ 0x5C }[...], inner[...])
  }

  /// The HMAC-SHA256 of the UTF-8 bytes of `text` under `key`.
  public static func hmacSHA256(key: [UInt8], _ text: String) -> [UInt8] {
    hmacSHA256(key: key, data: Array(text.utf8))
  }

  /// A message digest `digest(_:algorithm:)` computes.
  public enum DigestAlgorithm: String, CaseIterable, Sendable {
    case md5 = "MD5", sha1 = "SHA-1", sha256 = "SHA-256", sha384 = "SHA-384", sha512 = "SHA-512"
  }

  /// The digest of `data` under `algorithm` (what States.Hash computes).
  public static func digest(_ data: [UInt8], algorithm: DigestAlgorithm) -> [UInt8] {
    let md: OpaquePointer? = switch algorithm {
    case .md5: EVP_md5()
    case .sha1: EVP_sha1()
    case .sha256: EVP_sha256()
    case .sha384: EVP_sha384()
    case .sha512: EVP_sha512()
    }
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    let bytes = data.isEmpty ? [0] : data
    bytes.withUnsafeBufferPointer { input in
      digest.withUnsafeMutableBufferPointer { out in
        _ = EVP_Digest(input.baseAddress, data.count, out.baseAddress, &length, md, nil)
      }
    }
    return Array(digest.prefix(Int(length)))
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
