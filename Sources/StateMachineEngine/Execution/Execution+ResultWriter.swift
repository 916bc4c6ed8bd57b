#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

// A Distributed Map's ResultWriter: the children's results shaped by WriterConfig and, when it names an S3
// Resource, written as AWS writes them (result files and manifest.json under PREFIX/MAPRUNID/) through the task
// handler, so `LocalS3TaskSource` or a mock answers the writes.
extension Execution {
  /// The Map's result after ResultWriter: `{"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}` when it
  /// writes to S3, else the transformed results. A write that fails is `States.ResultWriterFailed`.
  func writeResults(_ id: Int, _ def: StateDefinition, _ block: Block, writer: JSONObject) throws -> JSON {
    let resource = writer["Resource"]?.stringValue
    let config = writer["WriterConfig"]
    let transformation = config?["Transformation"]?.stringValue ?? (resource == nil ? "COMPACT" : "NONE")
    let jsonLines = config?["OutputType"]?.stringValue == "JSONL"
    var succeeded: [JSON] = [], failed: [JSON] = [], pending: [JSON] = []
    for index in block.items.indices {
      guard let child = block.childExecutions[index].map({ state.childExecutions[$0] }) else {
        pending.append(.object(JSONObject([("Input", EventDetails.text(block.items[index])),
                                           ("InputDetails", ["Included": true])])))
        continue
      }
      if child.status == .succeeded {
        let output = child.output ?? .null
        switch transformation {
        case "NONE": succeeded.append(Self.resultEntry(child))
        case "FLATTEN": succeeded += output.arrayValue ?? [output]
        default: succeeded.append(output)
        }
      } else {
        // A child that did not succeed is written unchanged, whatever the transformation.
        failed.append(Self.resultEntry(child))
      }
    }
    guard let resource else { return .array(succeeded + failed) }
    let mapRun = state.mapRuns[block.mapRun!]
    let parameters = try writerParameters(id, def, block, writer)
    guard let bucket = parameters["Bucket"]?.stringValue else {
      throw StatesError("States.ResultWriterFailed", cause: "The ResultWriter's parameters have no Bucket")
    }
    var prefix = parameters["Prefix"]?.stringValue ?? ""
    if !prefix.isEmpty, !prefix.hasSuffix("/") { prefix += "/" }
    let folder = prefix + String(mapRun.arn.split(separator: ":").last ?? "") + "/"
    var files = JSONObject()
    for (status, entries) in [("FAILED", failed), ("PENDING", pending), ("SUCCEEDED", succeeded)] {
      var listed: [JSON] = []
      if !entries.isEmpty {
        let key = folder + status + "_0." + (jsonLines ? "jsonl" : "json")
        let body = jsonLines ? entries.map { JSONWriter.compact.string($0) }.joined(separator: "\n") + "\n"
          : JSONWriter.compact.string(.array(entries))
        try put(def, resource: resource, bucket: bucket, key: key, body: body)
        listed.append(.object(JSONObject([("Key", .string(key)), ("Size", .integer(body.utf8.count))])))
      }
      files[status] = .array(listed)
    }
    let manifest = JSONObject([("DestinationBucket", .string(bucket)), ("MapRunArn", .string(mapRun.arn)),
                               ("ResultFiles", .object(files))])
    let manifestKey = folder + "manifest.json"
    try put(def, resource: resource, bucket: bucket, key: manifestKey, body: JSONWriter.compact.string(.object(manifest)))
    return .object(JSONObject([("MapRunArn", .string(mapRun.arn)),
                               ("ResultWriterDetails", .object(JSONObject([("Bucket", .string(bucket)),
                                                                          ("Key", .string(manifestKey))])))]))
  }

  /// The ResultWriter's Parameters (JSONPath) or Arguments (JSONata), evaluated on the Map's input.
  private func writerParameters(_ id: Int, _ def: StateDefinition, _ block: Block, _ writer: JSONObject) throws -> JSON {
    if def.queryLanguage == .jsonata {
      return try jsonata(id, writer["Arguments"], field: "ResultWriter.Arguments",
                         states: statesBinding(id, input: block.selectorInput)) ?? .object(JSONObject())
    }
    return try writer["Parameters"].map {
      try data.payload($0, field: "ResultWriter.Parameters", input: block.selectorInput, context: context(id),
                       variables: state.branches[id]?.variables ?? [:])
    } ?? .object(JSONObject())
  }

  /// Writes one object through the task handler.
  private func put(_ def: StateDefinition, resource: String, bucket: String, key: String, body: String) throws {
    let invocation = TaskInvocation(executionArn: info.executionArn, stateName: def.name, resource: resource,
                                    parameters: .object(JSONObject([("Bucket", .string(bucket)), ("Key", .string(key)),
                                                                    ("Body", .string(body))])))
    let outcome: TaskOutcome
    do { outcome = try tasks.start(invocation) } catch let error as StatesError {
      throw StatesError("States.ResultWriterFailed", cause: error.cause ?? error.error)
    }
    switch outcome {
    case .succeeded: return
    case .failed(let error): throw StatesError("States.ResultWriterFailed", cause: error.cause ?? error.error)
    case .pending: throw StatesError("States.ResultWriterFailed", cause: "The ResultWriter's resource did not answer at once")
    }
  }

  /// A child execution as the result files describe it (Transformation NONE, and every child that did not succeed).
  static func resultEntry(_ child: MapRunChildExecution) -> JSON {
    var o = JSONObject([("ExecutionArn", .string(child.arn)), ("Input", EventDetails.text(child.input)),
                        ("InputDetails", ["Included": true]), ("Name", .string(child.name))])
    if let output = child.output {
      o["Output"] = EventDetails.text(output)
      o["OutputDetails"] = ["Included": true]
    }
    if let error = child.error {
      o["Error"] = .string(error.error)
      if let cause = error.cause { o["Cause"] = .string(cause) }
    }
    o["RedriveCount"] = 0
    o["RedriveStatus"] = "NOT_REDRIVABLE"
    o["RedriveStatusReason"] = .string("Execution is \(child.status.rawValue) and cannot be redriven")
    o["StartDate"] = .string(isoDate(child.startDate))
    o["StateMachineArn"] = .string(child.stateMachineArn)
    o["Status"] = .string(child.status.rawValue)
    if let stop = child.stopDate { o["StopDate"] = .string(isoDate(stop)) }
    return .object(o)
  }

  private static func isoDate(_ date: Date) -> String {
    Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
  }
}
