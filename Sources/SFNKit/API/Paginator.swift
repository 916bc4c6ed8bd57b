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

  /// A paginator calling `operation` through `client`.
  public init(client: StepFunctionsClient, operation: Operation) {
    self.client = client
    self.operation = operation
  }

  /// The merged result: `{resultKey: [...all items...]}` plus `NextToken` when `maxItems` cut it short.
  public func fetch(input: JSON, maxItems: Int?, startingToken: String?, pageSize: Int?) throws -> JSON {
    try fetchPages(input: input, maxItems: maxItems, startingToken: startingToken, pageSize: pageSize).merged
  }

  /// Every page as botocore's PageIterator yields it: the first one cut by the starting token's truncate amount,
  /// the last one cut at `maxItems`. Without `pageSize` no `maxResults` is sent, so pages break where the
  /// service's default puts them, as with the AWS CLI.
  public func fetchPages(input: JSON, maxItems: Int?, startingToken: String?, pageSize: Int?) throws -> Pages {
    guard let resultKey = operation.resultKey else {
      return Pages(resultKey: nil, pages: [try client.call(operation.id, input)], resumeToken: nil)
    }
    var request = input.objectValue ?? JSONObject()
    var skip = 0
    if let startingToken {
      let token = try PaginationToken.decode(startingToken)
      request["nextToken"] = token.nextToken.map(JSON.string)
      skip = token.truncateAmount
    }
    if let pageSize { request["maxResults"] = .integer(pageSize) }
    var pages: [JSON] = []
    var total = 0
    var resume: PaginationToken?
    var previousToken: String?
    while true {
      var page = try client.call(operation.id, .object(request)).objectValue ?? JSONObject()
      // Items of the first page that the starting token says were already printed.
      let lead = pages.isEmpty ? skip : 0
      let items = Array((page[resultKey]?.arrayValue ?? []).dropFirst(lead))
      let next = page["nextToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
      page["nextToken"] = nil
      if let maxItems, total + items.count > maxItems {
        let keep = maxItems - total
        page[resultKey] = .array(Array(items[..<keep]))
        pages.append(.object(page))
        resume = PaginationToken(nextToken: request["nextToken"]?.stringValue, truncateAmount: keep + lead)
        break
      }
      page[resultKey] = .array(items)
      pages.append(.object(page))
      total += items.count
      guard let next else { break }
      if let maxItems, total == maxItems {
        resume = PaginationToken(nextToken: next, truncateAmount: 0)
        break
      }
      if next == previousToken { throw ResponseError.repeatedNextToken(next) }
      previousToken = next
      request["nextToken"] = .string(next)
    }
    return Pages(resultKey: resultKey, pages: pages, resumeToken: resume?.encoded())
  }

  /// The pages of one paginated call and the token to resume after them.
  public struct Pages {
    /// The member holding the items (nil for an operation without pagination: one raw page).
    public var resultKey: String?
    /// Each response without its `nextToken`.
    public var pages: [JSON]
    /// The AWS CLI token printed as `NextToken` when `--max-items` stopped early.
    public var resumeToken: String?

    /// The pages merged as botocore's build_full_result: all items, the first page's other members, `NextToken`.
    public var merged: JSON {
      guard let resultKey, var result = pages.first?.objectValue else { return pages.first ?? [:] }
      let items = pages.flatMap { $0[resultKey]?.arrayValue ?? [] }
      result[resultKey] = nil
      var out = JSONObject([(resultKey, .array(items))])
      for (k, v) in result { out[k] = v }
      if let resumeToken { out["NextToken"] = .string(resumeToken) }
      return .object(out)
    }
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
    guard !text.isEmpty else { throw InputError.emptyStartingToken }
    return PaginationToken(nextToken: text, truncateAmount: 0)
  }
}
