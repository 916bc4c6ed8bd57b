import Foundation
import XCTest

/// `sfn run --s3-root`: a Distributed Map reads its items from local files and its ResultWriter writes the result
/// files and manifest there, with the map run as AWS records it.
final class RunDistributedMapTests: XCTestCase {
  private var directory: ScratchDirectory!

  override func setUpWithError() throws { directory = try ScratchDirectory("sfn-run-map") }

  override func tearDownWithError() throws { directory?.remove() }

  func testItemReaderAndResultWriterUseTheLocalS3Root() throws {
    let root = directory.url.appendingPathComponent("s3")
    try FileManager.default.createDirectory(at: root.appendingPathComponent("in"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: root.appendingPathComponent("out"), withIntermediateDirectories: true)
    try #"[{"n":1},{"n":2},{"n":3}]"#.write(to: root.appendingPathComponent("in/items.json"), atomically: true,
                                            encoding: .utf8)
    let definition = try directory.file("fan.asl.json", """
      {"StartAt":"Fan","States":{"Fan":{"Type":"Map","Label":"Items",
        "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},
          "Parameters":{"Bucket":"in","Key":"items.json"}},
        "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"runs"}},
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Double",
          "States":{"Double":{"Type":"Pass","Parameters":{"twice.$":"States.MathAdd($.n, $.n)"},"End":true}}},
        "End":true}}}
      """)
    let r = SFNRunner.sfn(["run", definition, "--s3-root", root.path, "--history"])
    XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
    let o = r.object()
    let output = try XCTUnwrap(o["output"] as? [String: Any], r.stdout)
    let mapRun = try XCTUnwrap(output["MapRunArn"] as? String)
    XCTAssertTrue(mapRun.contains(":mapRun:fan/Items:"), mapRun)
    let details = try XCTUnwrap(output["ResultWriterDetails"] as? [String: String])
    XCTAssertEqual(details["Bucket"], "out")
    let id = String(mapRun.split(separator: ":").last ?? "")
    XCTAssertEqual(details["Key"], "runs/\(id)/manifest.json")
    let manifestData = try Data(contentsOf: root.appendingPathComponent("out/runs/\(id)/manifest.json"))
    let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
    XCTAssertEqual(manifest["MapRunArn"] as? String, mapRun)
    let resultsData = try Data(contentsOf: root.appendingPathComponent("out/runs/\(id)/SUCCEEDED_0.json"))
    let results = try XCTUnwrap(JSONSerialization.jsonObject(with: resultsData) as? [[String: Any]])
    XCTAssertEqual(Set(results.compactMap { $0["Output"] as? String }),
                   [#"{"twice":2}"#, #"{"twice":4}"#, #"{"twice":6}"#])
    let types = (o["events"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
    XCTAssertEqual(types, ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
                           "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"])
  }

  func testAMissingBucketFailsTheMapWithResultWriterFailed() throws {
    let root = directory.url.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let definition = try directory.file("write.asl.json", """
      {"StartAt":"Fan","States":{"Fan":{"Type":"Map",
        "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"nobucket","Prefix":"p"}},
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P",
          "States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
      """)
    let r = SFNRunner.sfn(["run", definition, "--s3-root", root.path, "--input", "[1]"])
    XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
    XCTAssertEqual(r.object()["error"] as? String, "States.ResultWriterFailed")
    XCTAssertTrue((r.object()["cause"] as? String)?.contains("nobucket") == true, r.stdout)
  }
}
