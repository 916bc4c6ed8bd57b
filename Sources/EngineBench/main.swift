import Foundation
import SFNKit
import StateMachineEngine

// sfn-engine-bench MODE DEFINITION INPUT [--seconds S] [--every N] [--no-history]
// MODE: throughput | once | samples. Prints one JSON object; bench/bench.py runs it (section 7).
let usage = "usage: sfn-engine-bench throughput|once|samples DEFINITION INPUT [--seconds S] [--every N] [--no-history]"
var arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
  guard let index = arguments.firstIndex(of: name) else { return nil }
  arguments.remove(at: index)
  return index < arguments.count ? arguments.remove(at: index) : nil
}
let seconds = Double(option("--seconds") ?? "2") ?? 2
let every = Int(option("--every") ?? "2500") ?? 2500
let noHistory = arguments.contains("--no-history")
arguments.removeAll { $0 == "--no-history" }
guard arguments.count == 3 else {
  FileHandle.standardError.write(Data((usage + "\n").utf8))
  exit(64)
}
do {
  let definition = try StateMachineDefinition(text: String(contentsOfFile: arguments[1], encoding: .utf8))
  let input = try JSONParser.parse(String(contentsOfFile: arguments[2], encoding: .utf8))
  let benchmarks = EngineBenchmarks(run: BenchRun(definition: definition, input: input, recordHistory: !noHistory),
                                    wallClock: { ProcessInfo.processInfo.systemUptime })
  let result: JSON
  switch arguments[0] {
  case "throughput": result = benchmarks.throughput(seconds: seconds)
  case "once": result = benchmarks.once()
  case "samples": result = benchmarks.samples(every: every)
  default:
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(64)
  }
  print(JSONWriter.compact.string(result))
} catch {
  FileHandle.standardError.write(Data("sfn-engine-bench: \(error)\n".utf8))
  exit(65)
}
