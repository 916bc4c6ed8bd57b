// JMESPath benchmark: parses and evaluates the compliance suite's benchmarks.json cases.
// Built by bench/run with swiftc -O against Sources/SFNJSON and Sources/SFNKit/JMESPath (no SwiftPM target,
// so the normal build is unaffected). Prints one JSON object per case: median nanoseconds per parse and per
// evaluation over several timed batches.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func nanos() -> UInt64 {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Median ns per call of `body`, over `batches` batches sized to take about 5 ms each.
func measure(batches: Int = 15, _ body: () throws -> Void) rethrows -> Double {
  var n = 1
  while true {
    let t0 = nanos()
    for _ in 0..<n { try body() }
    if nanos() - t0 > 5_000_000 || n >= 1 << 20 { break }
    n *= 2
  }
  var samples: [Double] = []
  for _ in 0..<batches {
    let t0 = nanos()
    for _ in 0..<n { try body() }
    samples.append(Double(nanos() - t0) / Double(n))
  }
  samples.sort()
  return samples[samples.count / 2]
}

func readFile(_ path: String) -> [UInt8] {
  guard let f = fopen(path, "rb") else { fputs("cannot open \(path)\n", stderr); exit(2) }
  defer { fclose(f) }
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = fread(&buffer, 1, buffer.count, f)
    if n <= 0 { break }
    bytes += buffer[0..<n]
  }
  return bytes
}

let path = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Tests/SFNKitTests/Fixtures/jmespath/benchmarks.json"
let suite = try JSONParser.parse(bytes: readFile(path))
var sink = 0
for group in suite.arrayValue ?? [] {
  let given = group["given"] ?? .null
  for c in group["cases"]?.arrayValue ?? [] {
    guard let expression = c["expression"]?.stringValue else { continue }
    let kind = c["bench"]?.stringValue ?? "full"
    let parse = try measure { sink &+= try JMESPathExpression(expression).text.utf8.count }
    let compiled = try JMESPathExpression(expression)
    var evaluate: Double? = nil
    if kind != "parse" {
      evaluate = try measure { if case .null = try compiled.evaluate(given) { sink &+= 1 } }
    }
    var line = "{\"bench\":\"\(kind)\",\"expression\":"
    JSONWriter.quote(expression, into: &line)
    line += ",\"parse_ns\":\(Int(parse))"
    if let evaluate { line += ",\"evaluate_ns\":\(Int(evaluate))" }
    print(line + "}")
  }
}
if sink == 42 { print("") }
