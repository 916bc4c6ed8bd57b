/// libFuzzer harness: the shared config/credentials file parser (as both files) must throw or parse, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  if let files = try? ProfileFiles(config: text, credentials: text) {
    for (_, profile) in files.profiles { for key in profile.values.keys { _ = profile.subProperties(of: key) } }
  }
  return 0
}
