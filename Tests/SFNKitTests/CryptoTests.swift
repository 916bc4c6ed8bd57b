import XCTest
@testable import SFNKit

/// The OpenSSL-backed SHA-256 and HMAC against FIPS 180-4 and RFC 4231 vectors (long keys, empty input).
final class CryptoTests: XCTestCase {
  func testSHA256Vectors() {
    XCTAssertEqual(Crypto.sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    XCTAssertEqual(Crypto.sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    XCTAssertEqual(Crypto.sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    XCTAssertEqual(Crypto.sha256Hex(String(repeating: "a", count: 1_000_000)),
                   "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  func testHMACVectors() {
    // RFC 4231 test cases 1, 2 and 6 (a 131-byte key is hashed first).
    XCTAssertEqual(Crypto.hex(Crypto.hmacSHA256(key: [UInt8](repeating: 0x0b, count: 20), "Hi There")),
                   "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    XCTAssertEqual(Crypto.hex(Crypto.hmacSHA256(key: Array("Jefe".utf8), "what do ya want for nothing?")),
                   "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    XCTAssertEqual(Crypto.hex(Crypto.hmacSHA256(key: [UInt8](repeating: 0xaa, count: 131),
                                                "Test Using Larger Than Block-Size Key - Hash Key First")),
                   "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    XCTAssertEqual(Crypto.hex(Crypto.hmacSHA256(key: [], data: [])),
                   "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
  }
}
