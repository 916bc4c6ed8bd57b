internal import COpenSSL

/// SHA-256 and HMAC-SHA256 over byte arrays, backed by OpenSSL's libcrypto.
public enum Crypto {
  /// The 32-byte SHA-256 digest of `data`.
  public static func sha256(_ data: [UInt8]) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
    data.withUnsafeBufferPointer { input in
      digest.withUnsafeMutableBufferPointer { output in
        _ = SHA256(input.baseAddress, input.count, output.baseAddress)
      }
    }
    return digest
  }

  /// The lower-case hex SHA-256 digest of `data`.
  public static func sha256Hex(_ data: [UInt8]) -> String { hex(sha256(data)) }

  /// The lower-case hex SHA-256 digest of the UTF-8 bytes of `text`.
  public static func sha256Hex(_ text: String) -> String { hex(sha256(Array(text.utf8))) }

  /// The 32-byte HMAC-SHA256 of `data` under `key`.
  public static func hmacSHA256(key: [UInt8], data: [UInt8]) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    // OpenSSL wants non-null pointers even for empty input; a one-byte buffer with count 0 provides one.
    let keyBytes = key.isEmpty ? [0] : key, dataBytes = data.isEmpty ? [0] : data
    keyBytes.withUnsafeBufferPointer { k in
      dataBytes.withUnsafeBufferPointer { d in
        digest.withUnsafeMutableBufferPointer { out in
          _ = HMAC(EVP_sha256(), k.baseAddress, Int32(key.count), d.baseAddress, data.count, out.baseAddress, &length)
        }
      }
    }
    return Array(digest.prefix(Int(length)))
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
