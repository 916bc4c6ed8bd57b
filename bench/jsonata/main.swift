// JSONata benchmark: parses and evaluates the rows of bench/jsonata/cases.json against the inputs that
// bench/jsonata/inputs.py wrote. Built by bench/run with swiftc -O: SFNJSON and JSONata as modules, then this
// file against them (no SwiftPM target, so the normal build is unaffected). Prints one JSON object per row:
// median nanoseconds of process CPU time per parse and per evaluation over several timed batches, and the result
// as JSON so the harness can check that every engine computed the same thing. CPU time, not wall time, because
// the benchmark machine is often shared: waiting for a core is not the engine's cost. It is the whole process's,
// so work on a helper thread (the large-stack evaluation thread) counts too.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSONata
import SFNJSON

/// CPU nanoseconds used by the whole process so far.
func nanos() -> UInt64 {
  var ts = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
  return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Median CPU ns per call of `body`, over `batches` batches sized to take about 5 ms each (one call when slower).
func measure(batches: Int, _ body: () throws -> Void) rethrows -> Double {
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

/// The whole file at `path`; exits with status 2 when it cannot be read.
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

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
  fputs("usage: bench-jsonata CASES.json INPUT-DIR [BATCHES [ROW]]\n", stderr)
  exit(64)
}
let batches = arguments.count > 3 ? Int(arguments[3]) ?? 11 : 11
// One row by name, for profiling it alone (perf, callgrind).
let onlyRow = arguments.count > 4 ? arguments[4] : nil
let cases = try JSONParser.parse(bytes: readFile(arguments[1]))
// A fixed clock and random source: the rows call neither, and runs stay reproducible if one ever does.
let environment = EvaluationEnvironment(startMillis: 0, random: { 0.5 }, clock: { 0 })
var inputs: [String: Value] = [:]
var sink = 0
for row in cases.arrayValue ?? [] {
  guard let name = row["name"]?.stringValue, let text = row["expression"]?.stringValue,
        let inputName = row["input"]?.stringValue, onlyRow == nil || onlyRow == name else { continue }
  if inputs[inputName] == nil {
    inputs[inputName] = Value(try JSONParser.parse(bytes: readFile(arguments[2] + "/" + inputName + ".json")))
  }
  let input = inputs[inputName]
  let parse = try measure(batches: batches) {
    sink &+= ObjectIdentifier(try JSONataExpression(text, library: StepFunctionsDialect.library)).hashValue & 1
  }
  let expression = try JSONataExpression(text, library: StepFunctionsDialect.library)
  let evaluate = try measure(batches: batches) {
    if try expression.evaluate(input: input, environment: environment) == nil { sink &+= 1 }
  }
  let result = try expression.evaluate(input: input, environment: environment)
  var line = "{\"name\":"
  JSONWriter.quote(name, into: &line)
  line += ",\"parse_ns\":\(Int(parse)),\"evaluate_ns\":\(Int(evaluate)),\"result\":"
  line += result.map { JSONWriter.compact.string($0.json) } ?? "null"
  print(line + "}")
}
if sink == 42 { print("") }
