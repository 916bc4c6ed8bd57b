/// libFuzzer harness: JMESPath expressions (the input's first line) must compile or throw, and evaluating one
/// against the JSON on the remaining lines must return or throw, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJMESPath(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
  guard let expression = try? JMESPathExpression(String(parts[0])) else { return 0 }
  let document = parts.count > 1 ? (try? JSONParser.parse(String(parts[1]))) ?? .null : .object(JSONObject())
  _ = try? expression.evaluate(document)
  return 0
}
