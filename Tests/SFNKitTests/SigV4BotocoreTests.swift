import Foundation
import XCTest
@testable import SFNKit

/// Checks the signer against Fixtures/sigv4/botocore_vectors.json (botocore.auth.SigV4Auth outputs).
final class SigV4BotocoreTests: XCTestCase {
  struct Vector: Decodable {
    var name: String
    var method: String
    var url: String
    var headers: [String: String]
    var body: String
    var body_sha256: String
    var access_key: String
    var secret_key: String
    var session_token: String?
    var region: String
    var service: String
    var amz_date: String
    var expected_canonical_request: String
    var expected_string_to_sign: String
    var expected_signed_headers: String
    var expected_signature: String
    var expected_authorization: String
    var expected_added_headers: [String: String]
  }

  struct File: Decodable { var vectors: [Vector] }

  static func vectors() throws -> [Vector] {
    let url = SigV4SuiteTests.fixtures.appendingPathComponent("botocore_vectors.json")
    return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).vectors
  }

  func request(_ v: Vector) throws -> HTTPRequest {
    // Sorted so the run does not depend on dictionary order; canonical headers are sorted anyway.
    HTTPRequest(method: v.method, url: try XCTUnwrap(URL(string: v.url), v.name),
                headers: v.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, body: Array(v.body.utf8))
  }

  func signer(_ v: Vector) -> SigV4Signer {
    SigV4Signer(credentials: Credentials(accessKeyId: v.access_key, secretAccessKey: v.secret_key,
                                         sessionToken: v.session_token),
                region: v.region, service: v.service)
  }

  /// Every vector, signed with botocore's own skip list (it signs a caller-supplied Content-Length).
  func testAllVectorsWithBotocoreSkipList() throws {
    let vectors = try Self.vectors()
    XCTAssertEqual(vectors.count, 8)
    for v in vectors {
      let date = try XCTUnwrap(RawRequest.parseAmzDate(v.amz_date), v.name)
      var request = try request(v)
      XCTAssertEqual(Crypto.sha256Hex(request.body), v.body_sha256, "\(v.name): body hash")
      let result = signer(v).sign(&request, date: date, unsignedHeaders: SigV4Signer.botocoreUnsignedHeaders)
      XCTAssertEqual(result.canonicalRequest, v.expected_canonical_request, "\(v.name): canonical request")
      XCTAssertEqual(result.stringToSign, v.expected_string_to_sign, "\(v.name): string to sign")
      XCTAssertEqual(result.signedHeaders, v.expected_signed_headers, "\(v.name): signed headers")
      XCTAssertEqual(result.signature, v.expected_signature, "\(v.name): signature")
      XCTAssertEqual(result.authorization, v.expected_authorization, "\(v.name): authorization")
      for (name, value) in v.expected_added_headers {
        XCTAssertEqual(request.header(name), value, "\(v.name): added \(name)")
      }
      // botocore leaves Host to the HTTP layer; our signer writes the value it signed.
      XCTAssertEqual(request.header("Host"), URL(string: v.url)!.host, v.name)
    }
  }

  /// The client path `sign(_:date:)` gives botocore's answer whenever no Content-Length was passed in.
  func testClientSigningMatchesVectorsWithoutContentLength() throws {
    var checked = 0
    for v in try Self.vectors() where !v.headers.keys.contains(where: { $0.lowercased() == "content-length" }) {
      var request = try request(v)
      signer(v).sign(&request, date: try XCTUnwrap(RawRequest.parseAmzDate(v.amz_date)))
      XCTAssertEqual(request.header("Authorization"), v.expected_authorization, v.name)
      checked += 1
    }
    XCTAssertEqual(checked, 7)
  }
}
