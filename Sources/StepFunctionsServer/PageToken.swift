import Foundation
import SFNJSON

/// An opaque pagination token: which listing it belongs to and where the next page starts, base64-encoded.
///
/// AWS's tokens are opaque to clients and rejected with InvalidToken when they are not the listing's own;
/// this one carries the operation and the listed scope (a machine ARN, say) so that it is checked the same way.
struct PageToken: Equatable {
  /// The operation that issued the token.
  let operation: String
  /// What was listed (a state machine ARN, a status filter); empty when the listing has no scope.
  let scope: String
  /// The position after which the next page starts.
  let position: Int64

  /// The token's text.
  var text: String {
    let payload = JSON.object(JSONObject([
      ("op", .string(operation)), ("scope", .string(scope)), ("after", .string(String(position))),
    ]))
    return Data(JSONWriter.compact.string(payload).utf8).base64EncodedString()
  }

  /// A token issued by `operation` for `scope`.
  init(operation: String, scope: String, position: Int64) {
    self.operation = operation
    self.scope = scope
    self.position = position
  }

  /// Reads `text`; throws InvalidToken when it was not issued for this listing.
  init(_ text: String, operation: String, scope: String) throws {
    guard let data = Data(base64Encoded: text), let json = try? JSONParser.parse(bytes: [UInt8](data)),
          json["op"]?.stringValue == operation, json["scope"]?.stringValue == scope,
          let position = json["after"]?.stringValue.flatMap({ Int64($0) })
    else { throw APIError.invalidToken(text) }
    self.init(operation: operation, scope: scope, position: position)
  }
}

/// One page of a listing: `maxResults` (0 or absent: 100, AWS's default) from after the token's position.
struct PageRequest {
  /// AWS's page size when maxResults is 0 or absent.
  static let defaultSize = 100

  let size: Int
  /// Rows after this position are on the page.
  let after: Int64
  let operation: String
  let scope: String

  /// Reads `maxResults` and `nextToken` from `input`.
  init(_ input: JSON, operation: String, scope: String = "") throws {
    let max = input["maxResults"]?.intValue ?? 0
    size = max == 0 ? Self.defaultSize : max
    self.operation = operation
    self.scope = scope
    if let token = input["nextToken"]?.stringValue {
      after = try PageToken(token, operation: operation, scope: scope).position
    } else {
      after = Int64.min
    }
  }

  /// The page's items and the token for the rest: `rows` holds up to size + 1 (position, item) pairs.
  func page(_ rows: [(position: Int64, item: JSON)]) -> (items: [JSON], nextToken: String?) {
    guard rows.count > size else { return (rows.map(\.item), nil) }
    let shown = rows.prefix(size)
    let token = PageToken(operation: operation, scope: scope, position: shown.last!.position)
    return (shown.map(\.item), token.text)
  }
}
