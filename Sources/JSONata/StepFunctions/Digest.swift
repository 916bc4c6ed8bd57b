import COpenSSL

/// Message digests through OpenSSL's EVP interface, for `$hash`.
enum Digest {
  /// The algorithms `$hash` accepts, by the names Step Functions uses.
  enum Algorithm: String, CaseIterable {
    case md5 = "MD5"
    case sha1 = "SHA-1"
    case sha256 = "SHA-256"
    case sha384 = "SHA-384"
    case sha512 = "SHA-512"

    fileprivate var evp: OpaquePointer? {
      switch self {
      case .md5: return EVP_md5()
      case .sha1: return EVP_sha1()
      case .sha256: return EVP_sha256()
      case .sha384: return EVP_sha384()
      case .sha512: return EVP_sha512()
      }
    }
  }

  /// The digest of `bytes` in lower-case hexadecimal.
  static func hex(_ bytes: [UInt8], _ algorithm: Algorithm) throws -> String {
    guard let context = EVP_MD_CTX_new() else { throw failure(algorithm) }
    defer { EVP_MD_CTX_free(context) }
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    let ok = EVP_DigestInit_ex(context, algorithm.evp, nil) == 1
      && bytes.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) } == 1
      && EVP_DigestFinal_ex(context, &digest, &length) == 1
    guard ok else { throw failure(algorithm) }
    let digits = Array("0123456789abcdef")
    return String(digest.prefix(Int(length)).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
  }

  private static func failure(_ algorithm: Algorithm) -> JSONataError {
    DialectArguments.error("$hash", "OpenSSL could not compute \(algorithm.rawValue)")
  }
}
