/// libFuzzer harness: the strict JSON reader must throw or parse, and what it parses must round-trip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let value = try? JSONParser.parse(bytes: bytes) else { return 0 }
  let compact = JSONWriter.compact.string(value)
  guard let again = try? JSONParser.parse(compact) else { fatalError("compact output does not parse: \(compact)") }
  precondition(JSONWriter.compact.string(again) == compact, "round trip changed \(compact)")
  _ = JSONWriter.pretty.string(value)
  return 0
}
