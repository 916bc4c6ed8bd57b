import Foundation
import XCTest
@testable import SFNKit

/// Runs every header-signing case of AWS's two published SigV4 suites (Fixtures/sigv4, see its README).
final class SigV4SuiteTests: XCTestCase {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/sigv4")
  static let credentials = Credentials(accessKeyId: "AKIDEXAMPLE",
                                       secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

  /// Upstream errors in `.sreq` files: this one carries get-vanilla's signature, while its `.authz`, `.sts` and
  /// the aws-c-auth copy of the case all agree on `07ec1639…` (which an independent HMAC also gives).
  static let staleSignedRequests = [
    "get-vanilla-with-session-token": "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
  ]

  /// Classic layout: `<case>/<case>.req` with `.creq`, `.sts`, `.authz`, `.sreq` next to it.
  func testClassicSuite() throws {
    let root = Self.fixtures.appendingPathComponent("aws4_testsuite")
    let cases = try Self.caseDirectories(under: root) { dir in
      FileManager.default.fileExists(atPath: dir.appendingPathComponent(dir.lastPathComponent + ".req").path)
    }
    XCTAssertEqual(cases.count, 34, "the README lists 34 classic cases")
    for dir in cases {
      let name = String(dir.path.dropFirst(root.path.count + 1))
      func file(_ ext: String) throws -> String {
        try Self.read(dir.appendingPathComponent("\(dir.lastPathComponent).\(ext)"))
      }
      var request = try RawRequest(try file("req"))
      let signedRequest = try RawRequest(try file("sreq"))
      guard let amzDate = request.header("X-Amz-Date"), let date = RawRequest.parseAmzDate(amzDate) else {
        XCTFail("\(name): no X-Amz-Date in .req"); continue
      }
      // The token is only visible in the signed request; readme.txt says "after" adds it once signing is done.
      if request.header("X-Amz-Security-Token") == nil, let token = signedRequest.header("X-Amz-Security-Token"),
         dir.lastPathComponent != "post-sts-header-after" {
        request.headers.append(("X-Amz-Security-Token", token))
      }
      let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "service")
      let result = signer.signature(method: request.method, path: request.path, query: request.query,
                                    headers: request.headers, body: request.body, date: date)
      XCTAssertEqual(result.canonicalRequest, try file("creq"), "\(name): canonical request")
      XCTAssertEqual(result.stringToSign, try file("sts"), "\(name): string to sign")
      XCTAssertEqual(result.authorization, try file("authz"), "\(name): Authorization")
      if let stale = Self.staleSignedRequests[name] {
        // Pinned so this exception fails loudly if the fixture is ever corrected.
        XCTAssertEqual(signedRequest.header("Authorization"),
                       result.authorization.replacingOccurrences(of: result.signature, with: stale), name)
      } else {
        XCTAssertEqual(signedRequest.header("Authorization"), result.authorization, "\(name): .sreq Authorization")
      }
    }
  }

  /// aws-c-auth layout: `context.json`, `request.txt` and the `header-*` expectations (query-* are presigning).
  func testAwsCAuthSuite() throws {
    let root = Self.fixtures.appendingPathComponent("aws-c-auth-v4")
    let cases = try Self.caseDirectories(under: root) { dir in
      FileManager.default.fileExists(atPath: dir.appendingPathComponent("context.json").path)
    }
    XCTAssertEqual(cases.count, 38, "the README lists 38 aws-c-auth cases")
    for dir in cases {
      let name = dir.lastPathComponent
      func file(_ file: String) throws -> String { try Self.read(dir.appendingPathComponent(file)) }
      let context = try XCTUnwrap(
        try JSONSerialization.jsonObject(with: Data(try file("context.json").utf8)) as? [String: Any], name)
      let keys = try XCTUnwrap(context["credentials"] as? [String: Any], name)
      let token = keys["token"] as? String
      let credentials = Credentials(accessKeyId: keys["access_key_id"] as! String,
                                    secretAccessKey: keys["secret_access_key"] as! String, sessionToken: token)
      let date = try XCTUnwrap(ISO8601DateFormatter().date(from: context["timestamp"] as! String), name)
      var request = try RawRequest(try file("request.txt"))
      let original = request.headers
      // The signer's job in this suite: add X-Amz-Date, the token (signed unless omit_session_token) and,
      // with sign_body, X-Amz-Content-Sha256.
      request.headers.append(("X-Amz-Date", AmzDate.timestamp(date)))
      let omitToken = context["omit_session_token"] as? Bool ?? false
      if let token, !omitToken { request.headers.append(("X-Amz-Security-Token", token)) }
      if context["sign_body"] as? Bool ?? false {
        request.headers.append(("X-Amz-Content-Sha256", Crypto.sha256Hex(request.body)))
      }
      let signer = SigV4Signer(credentials: credentials, region: context["region"] as! String,
                               service: context["service"] as! String)
      let result = signer.signature(method: request.method, path: request.path, query: request.query,
                                    headers: request.headers, body: request.body, date: date,
                                    normalizePath: context["normalize"] as? Bool ?? true)
      XCTAssertEqual(result.canonicalRequest, try file("header-canonical-request.txt"), "\(name): canonical request")
      XCTAssertEqual(result.stringToSign, try file("header-string-to-sign.txt"), "\(name): string to sign")
      XCTAssertEqual(result.signature, try file("header-signature.txt"), "\(name): signature")

      // The signed request must carry exactly the original headers plus what signing adds.
      var sent = request.headers
      if let token, omitToken { sent.append(("X-Amz-Security-Token", token)) }
      sent.append(("Authorization", result.authorization))
      let expected = try RawRequest(try file("header-signed-request.txt"))
      XCTAssertEqual(Self.normalized(sent), Self.normalized(expected.headers), "\(name): signed request headers")
      XCTAssertEqual(expected.body, request.body, "\(name): body")
      XCTAssertEqual(expected.headers.prefix(original.count).map(\.value), original.map(\.value), name)
    }
  }

  func testRawRequestParsing() throws {
    let request = try RawRequest("GET /a b/?x=1&y HTTP/1.1\nHost:h\nMy:v1\n  v2\n\nbody\n")
    XCTAssertEqual(request.method, "GET")
    XCTAssertEqual(request.path, "/a b/")
    XCTAssertEqual(request.query, "x=1&y")
    XCTAssertEqual(request.headers.map(\.name), ["Host", "My"])
    XCTAssertEqual(request.headers[1].value, "v1   v2")
    XCTAssertEqual(request.body, Array("body\n".utf8))
  }

  static func read(_ url: URL) throws -> String {
    String(decoding: try Data(contentsOf: url), as: UTF8.self)
  }

  /// Directories below `root` (depth-first, sorted) for which `isCase` holds.
  static func caseDirectories(under root: URL, isCase: (URL) -> Bool) throws -> [URL] {
    var found: [URL] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
      let url = root.appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue
      else { continue }
      if isCase(url) { found.append(url) } else { found += try caseDirectories(under: url, isCase: isCase) }
    }
    return found
  }

  static func normalized(_ headers: [(name: String, value: String)]) -> [String] {
    headers.map { "\($0.name.lowercased()):\(SigV4Canonical.trimAll($0.value))" }.sorted()
  }
}

/// A request in the suites' raw HTTP/1.1 text form, with obsolete line folding joined by a space.
struct RawRequest {
  var method: String
  var path: String
  var query: String
  var headers: [(name: String, value: String)] = []
  var body: [UInt8] = []

  struct Malformed: Error { var line: String }

  init(_ text: String) throws {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
      line.hasSuffix("\r") ? line.dropLast() : line
    }[...]
    // Request line: the target may itself contain spaces (get-space), so split at the first and last space.
    let requestLine = lines.popFirst() ?? ""
    guard let first = requestLine.firstIndex(of: " "), let last = requestLine.lastIndex(of: " "), first < last else {
      throw Malformed(line: String(requestLine))
    }
    method = String(requestLine[..<first])
    let target = requestLine[requestLine.index(after: first)..<last]
    if let mark = target.firstIndex(of: "?") {
      path = String(target[..<mark])
      query = String(target[target.index(after: mark)...])
    } else {
      path = String(target)
      query = ""
    }
    while let line = lines.popFirst() {
      if line.isEmpty {
        body = Array(lines.joined(separator: "\n").utf8)
        break
      }
      if line.first == " " || line.first == "\t", !headers.isEmpty {
        headers[headers.count - 1].value += " " + line
      } else if let colon = line.firstIndex(of: ":") {
        headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
      } else {
        throw Malformed(line: String(line))
      }
    }
  }

  func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }.map { SigV4Canonical.trimAll($0.value) }
  }

  /// Parses `20150830T123600Z`.
  static func parseAmzDate(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    return formatter.date(from: text)
  }
}
