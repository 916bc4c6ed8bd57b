#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Fetches every page of a paginated operation and merges them as the AWS CLI does,
/// with `--max-items`, `--starting-token` (the AWS CLI's token format) and `--page-size`.
public struct Paginator {
  let client: StepFunctionsClient
  let operation: Operation
  /// Items per request when the user gave no page size: the largest the API allows.
  public static let defaultPageSize = 1000

  /// A paginator calling `operation` through `client`.
  public init(client: StepFunctionsClient, operation: Operation) {
    self.client = client
    self.operation = operation
  }

  /// The merged result: `{resultKey: [...all items...]}` plus `NextToken` when `maxItems` cut it short.
  public func fetch(input: JSON, maxItems: Int?, startingToken: String?, pageSize: Int?) throws -> JSON {
    guard let resultKey = operation.resultKey else { return try client.call(operation.name, input) }
    var request = input.objectValue ?? JSONObject()
    var skip = 0
    if let startingToken {
      let token = try PaginationToken.decode(startingToken)
      request["nextToken"] = token.nextToken.map(JSON.string)
      skip = token.truncateAmount
    }
    if request["maxResults"] == nil { request["maxResults"] = .number(Double(pageSize ?? Self.defaultPageSize)) }
    var items: [JSON] = []
    var resume: PaginationToken?
    var previousToken: String?
    var first = true
    while true {
      let page = try client.call(operation.name, .object(request))
      var pageItems = page[resultKey]?.arrayValue ?? []
      var startIndex = 0
      if first, skip > 0 {
        startIndex = min(skip, pageItems.count)
        pageItems = Array(pageItems[startIndex...])
      }
      first = false
      let next = page["nextToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
      if let maxItems, items.count + pageItems.count > maxItems {
        let keep = maxItems - items.count
        items += pageItems[..<keep]
        resume = PaginationToken(nextToken: request["nextToken"]?.stringValue, truncateAmount: keep + startIndex)
        break
      }
      items += pageItems
      guard let next else { break }
      if let maxItems, items.count == maxItems {
        resume = PaginationToken(nextToken: next, truncateAmount: 0)
        break
      }
      if next == previousToken { throw SFNError(.rejected, "the service returned the same next token twice: \(next)") }
      previousToken = next
      request["nextToken"] = .string(next)
    }
    var result = JSONObject([(resultKey, .array(items))])
    if let resume { result["NextToken"] = .string(resume.encoded()) }
    return .object(result)
  }
}

/// The AWS CLI's resume token: base64 of `{"nextToken": "...", "boto_truncate_amount": N}`.
public struct PaginationToken: Equatable {
  public var nextToken: String?
  /// Items of the page at `nextToken` already returned.
  public var truncateAmount: Int

  /// A token resuming at `nextToken`, skipping `truncateAmount` items.
  public init(nextToken: String?, truncateAmount: Int) {
    self.nextToken = nextToken
    self.truncateAmount = truncateAmount
  }

  /// The token text, byte for byte as botocore writes it (Python's json.dumps separators).
  public func encoded() -> String {
    var json = "{\"nextToken\": "
    if let nextToken { JSONWriter.quote(nextToken, into: &json) } else { json += "null" }
    if truncateAmount > 0 { json += ", \"boto_truncate_amount\": \(truncateAmount)" }
    json += "}"
    return Data(json.utf8).base64EncodedString()
  }

  /// Reads a token printed by sfn or the AWS CLI; a bare service token is accepted as is.
  public static func decode(_ text: String) throws -> PaginationToken {
    if let data = Data(base64Encoded: text), let json = try? JSONParser.parse(bytes: Array(data)), let object = json.objectValue {
      let amount = object["boto_truncate_amount"]?.intValue ?? 0
      return PaginationToken(nextToken: object["nextToken"]?.stringValue, truncateAmount: amount)
    }
    guard !text.isEmpty else { throw SFNError(.usage, "--starting-token: empty token") }
    return PaginationToken(nextToken: text, truncateAmount: 0)
  }
}
