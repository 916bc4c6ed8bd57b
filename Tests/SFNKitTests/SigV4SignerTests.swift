import Foundation
import XCTest
@testable import SFNKit

final class SigV4SignerTests: XCTestCase {
  let keys = Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

  /// A real boto3 1.43.11 `stepfunctions.start_execution` (retry mode standard, signing clock pinned to
  /// 2026-11-25T13:14:15Z, request captured in `before-send`) sent these headers and this body; botocore signed
  /// exactly content-type;host;x-amz-date;x-amz-security-token;x-amz-target.
  func testStartExecutionMatchesBoto3Client() throws {
    let body = #"{"stateMachineArn": "arn:aws:states:eu-west-1:123456789012:stateMachine:Orders", "#
      + #""name": "order-42", "input": "{\"orderId\":42}"}"#
    var request = HTTPRequest(
      method: "POST", url: URL(string: "https://states.eu-west-1.amazonaws.com/")!,
      headers: [
        ("X-Amz-Target", "AWSStepFunctions.StartExecution"),
        ("Content-Type", "application/x-amz-json-1.0"),
        ("User-Agent", "sfn/0.1.0 md/swift"),
        ("amz-sdk-invocation-id", "d889082f-5952-4772-8424-c97e9aad50e3"),
        ("amz-sdk-request", "attempt=1; max=3"),
        ("Content-Length", "129"),
      ],
      body: Array(body.utf8))
    XCTAssertEqual(request.body.count, 129)
    var credentials = keys
    credentials.sessionToken = "FQoGZXIvYXdzEXAMPLEsessiontoken//+/=="
    let signer = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "states")
    signer.sign(&request, date: Date(timeIntervalSince1970: 1_795_612_455))  // 2026-11-25T13:14:15Z

    XCTAssertEqual(request.header("Authorization"),
                   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/eu-west-1/states/aws4_request, "
                     + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, "
                     + "Signature=ec9b6e15f5eb1c63ed6c744e52688e1a0cc7637bc9334017a4dcbab91fa0651c")
    XCTAssertEqual(request.header("X-Amz-Date"), "20261125T131415Z")
    XCTAssertEqual(request.header("X-Amz-Security-Token"), "FQoGZXIvYXdzEXAMPLEsessiontoken//+/==")
    XCTAssertEqual(request.header("Host"), "states.eu-west-1.amazonaws.com")
    XCTAssertEqual(request.headers.count, 10)
  }

  /// botocore's canonical request for the same URL: double-encoded, normalised path and a re-sorted query.
  func testPathAndQueryMatchBotocore() throws {
    var request = HTTPRequest(method: "GET",
                              url: URL(string: "http://localhost:8083/a%20b//./c/../d/?b=2&a=x%2Fy&c=")!,
                              headers: [("X-Custom", "  p   q  ")])
    let signer = SigV4Signer(credentials: keys, region: "us-east-1", service: "states")
    let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
    let result = signer.sign(&request, date: date, unsignedHeaders: SigV4Signer.clientUnsignedHeaders)
    XCTAssertEqual(result.canonicalRequest, """
      GET
      /a%2520b/d/
      a=x%2Fy&b=2&c=
      host:localhost:8083
      x-amz-date:20150830T123600Z
      x-custom:p q

      host;x-amz-date;x-custom
      e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
      """)
    XCTAssertEqual(result.signature, "8e389f1f0b957bda13c86ad9bb9d2f957105f30552186f35e372e7b3398d284a")
  }

  func testResigningReplacesEarlierSignatureHeaders() {
    var credentials = keys
    credentials.sessionToken = "token-1"
    var request = HTTPRequest(method: "POST", url: URL(string: "https://states.us-east-1.amazonaws.com/")!,
                              headers: [("x-amz-date", "19990101T000000Z"), ("authorization", "stale")], body: [])
    let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "states")
    signer.sign(&request, date: Date(timeIntervalSince1970: 1_440_938_160))
    let first = request.header("Authorization")
    signer.sign(&request, date: Date(timeIntervalSince1970: 1_440_938_161))
    XCTAssertEqual(request.headers.filter { $0.name.lowercased() == "authorization" }.count, 1)
    XCTAssertEqual(request.headers.filter { $0.name.lowercased() == "x-amz-date" }.count, 1)
    XCTAssertEqual(request.headers.filter { $0.name.lowercased() == "x-amz-security-token" }.count, 1)
    XCTAssertEqual(request.headers.filter { $0.name.lowercased() == "host" }.count, 1)
    XCTAssertEqual(request.header("X-Amz-Date"), "20150830T123601Z")
    XCTAssertNotEqual(request.header("Authorization"), first)
  }

  func testClientSkipListOnlyAppliesToSign() {
    let headers = [("Host", "h"), ("User-Agent", "ua"), ("Content-Length", "0"), ("amz-sdk-request", "attempt=1"),
                   ("X-Amz-Date", "20150830T123600Z")]
    let signer = SigV4Signer(credentials: keys, region: "us-east-1", service: "states")
    let raw = signer.signature(method: "GET", path: "/", query: "", headers: headers, body: [],
                               date: Date(timeIntervalSince1970: 1_440_938_160))
    XCTAssertEqual(raw.signedHeaders, "amz-sdk-request;content-length;host;user-agent;x-amz-date")
    var request = HTTPRequest(method: "GET", url: URL(string: "https://h/")!, headers: headers)
    let signed = signer.sign(&request, date: Date(timeIntervalSince1970: 1_440_938_160),
                             unsignedHeaders: SigV4Signer.clientUnsignedHeaders)
    XCTAssertEqual(signed.signedHeaders, "host;x-amz-date")
  }

  /// Expected values from botocore.auth._host_from_url.
  func testHostHeaderKeepsOnlyNonDefaultPorts() {
    let cases = [
      ("http://localhost:8083/", "localhost:8083"),
      ("https://States.US-east-1.amazonaws.com:443/", "states.us-east-1.amazonaws.com"),
      ("http://[::1]:8083/", "[::1]:8083"),
      ("http://example.com:80/x", "example.com"),
      ("https://example.com:80/", "example.com:80"),
      ("http://127.0.0.1:8083/?a=b", "127.0.0.1:8083"),
    ]
    for (url, host) in cases {
      XCTAssertEqual(SigV4Signer.hostHeader(for: URL(string: url)!), host, url)
    }
  }

  func testCanonicalHelpers() {
    XCTAssertEqual(SigV4Canonical.normalizedPath("/example1/example2/../.."), "/")
    XCTAssertEqual(SigV4Canonical.normalizedPath("//example//"), "/example/")
    XCTAssertEqual(SigV4Canonical.normalizedPath("/./example"), "/example")
    XCTAssertEqual(SigV4Canonical.normalizedPath(""), "/")
    XCTAssertEqual(SigV4Canonical.uri(path: "/a%2Fb c", normalize: false), "/a%252Fb%20c")
    XCTAssertEqual(SigV4Canonical.queryString("b=%zz&a+b=1&=x&a"), "=x&a=&a%2Bb=1&b=%25zz")
    XCTAssertEqual(SigV4Canonical.queryString("k=%FF"), "k=%FF", "non-UTF-8 escapes survive")
    XCTAssertEqual(SigV4Canonical.trimAll(" \t a \r\n  b  "), "a b")
    let (canonical, signed) = SigV4Canonical.headers([("B", "2"), ("a", " 1 "), ("b", "3")], excluding: ["c"])
    XCTAssertEqual(canonical, "a:1\nb:2,3\n")
    XCTAssertEqual(signed, "a;b")
  }

  func testCryptoKnownAnswers() {
    XCTAssertEqual(Crypto.sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    XCTAssertEqual(Crypto.sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    // RFC 4231 test cases 1 and 2, and the empty key/message value from Python's hmac.
    XCTAssertEqual(Crypto.hex(Crypto.hmacSHA256(key: [UInt8](repeating: 0x0b, count: 20), "Hi There")),
                   "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    XCTAssertEqual(Crypto.hex(Crypto.hmacSHA256(key: Array("Jefe".utf8), "what do ya want for nothing?")),
                   "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    XCTAssertEqual(Crypto.hex(Crypto.hmacSHA256(key: [], data: [])),
                   "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
  }

  func testAmzDate() {
    XCTAssertEqual(AmzDate.timestamp(Date(timeIntervalSince1970: 1_440_938_160.9)), "20150830T123600Z")
    XCTAssertEqual(AmzDate.timestamp(Date(timeIntervalSince1970: 1_709_251_199)), "20240229T235959Z")
    XCTAssertEqual(AmzDate.timestamp(Date(timeIntervalSince1970: 0)), "19700101T000000Z")
    XCTAssertEqual(AmzDate.timestamp(Date(timeIntervalSince1970: -1)), "19691231T235959Z")
    XCTAssertEqual(AmzDate.day(Date(timeIntervalSince1970: 4_107_542_400)), "21000301")
  }
}
