import XCTest
import SFNKit
@testable import StateMachineEngine

final class TaskItemReaderTests: XCTestCase {
  private func config(_ json: JSON?, maxItems: Int? = nil) throws -> ItemReaderConfig {
    try ItemReaderConfig(json: json, maxItems: maxItems)
  }

  func testReaderConfig() throws {
    XCTAssertEqual(try config(["InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a", "b"],
                               "CSVDelimiter": "PIPE", "MaxItems": 2]),
                   ItemReaderConfig(inputType: .csv, csvHeaders: ["a", "b"], csvDelimiter: "|", maxItems: 2))
    XCTAssertEqual(try config(nil), ItemReaderConfig(inputType: nil))
    XCTAssertEqual(try config(["InputType": "JSON", "MaxItems": 5], maxItems: 1).maxItems, 1)
    for bad: JSON in [["InputType": "XML"], ["InputType": "CSV", "CSVHeaderLocation": "GIVEN"],
                      ["CSVHeaderLocation": "LAST_ROW"], ["CSVDelimiter": "COLON"]] {
      XCTAssertThrowsError(try config(bad)) { error in
        XCTAssertEqual((error as? StatesError)?.error, "States.Runtime", "\(bad)")
      }
    }
  }

  func testCSVWithFirstRowHeadersQuotesAndShortRows() throws {
    let text = "id,name,note\r\n1,Ada,\"says \"\"hi\"\", then, leaves\"\n2,Grace\n\n3,\"multi\nline\",x,extra\n"
    XCTAssertEqual(try ItemReaderContent.parse(text, config: config(["InputType": "CSV",
                                                                    "CSVHeaderLocation": "FIRST_ROW"])), [
      ["id": "1", "name": "Ada", "note": "says \"hi\", then, leaves"],
      ["id": "2", "name": "Grace", "note": ""],
      ["id": "3", "name": "multi\nline", "note": "x"],
    ])
  }

  func testCSVWithGivenHeadersDelimiterAndMaxItems() throws {
    let reader = try config(["InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["k", "v"],
                             "CSVDelimiter": "SEMICOLON", "MaxItems": 2])
    XCTAssertEqual(try ItemReaderContent.items(fromResult: ["Body": "a;1\nb;2\nc;3"], config: reader),
                   [["k": "a", "v": "1"], ["k": "b", "v": "2"]])
    XCTAssertEqual(try ItemReaderContent.parse("", config: config(["InputType": "CSV"])), [])
    XCTAssertEqual(try ItemReaderContent.parse("\u{FEFF}id\n7", config: config(["InputType": "CSV"])), [["id": "7"]])
  }

  func testCSVErrors() throws {
    XCTAssertThrowsError(try ItemReaderContent.parse("a,a\n1,2", config: config(["InputType": "CSV"]))) { error in
      XCTAssertEqual(error as? StatesError, StatesError("States.ItemReaderFailed",
                                                        cause: "CSV headers cannot contain duplicates."))
    }
    XCTAssertThrowsError(try ItemReaderContent.parse("a\n\"open", config: config(["InputType": "CSV"]))) { error in
      XCTAssertEqual((error as? StatesError)?.error, "States.ItemReaderFailed")
    }
  }

  func testJSONAndJSONLines() throws {
    XCTAssertEqual(try ItemReaderContent.items(fromResult: "[1, {\"a\": 2}]", config: config(["InputType": "JSON"])),
                   [1, ["a": 2]])
    let lines = "{\"a\":1}\n\n  [2]  \r\n\"x\"\n"
    XCTAssertEqual(try ItemReaderContent.parse(lines, config: config(["InputType": "JSONL"])), [["a": 1], [2], "x"])
    XCTAssertThrowsError(try ItemReaderContent.parse("{\"a\": 1}", config: config(["InputType": "JSON"]))) { error in
      XCTAssertEqual(error as? StatesError, StatesError("States.ItemReaderFailed",
                                                        cause: "the JSON object does not hold an array"))
    }
    XCTAssertThrowsError(try ItemReaderContent.parse("1\nnope", config: config(["InputType": "JSONL"]))) { error in
      XCTAssertTrue((error as? StatesError)?.cause?.hasPrefix("line 2 of the JSON Lines object") == true)
    }
  }

  func testMockedAndListingResults() throws {
    // A mock may give the items already parsed, or a listing.
    XCTAssertEqual(try ItemReaderContent.items(fromResult: [1, 2, 3], config: config(["InputType": "JSON"],
                                                                                      maxItems: 2)), [1, 2])
    XCTAssertEqual(try ItemReaderContent.items(fromResult: ["Contents": [["Key": "a"]]], config: config(nil)),
                   [["Key": "a"]])
    XCTAssertEqual(try ItemReaderContent.items(fromResult: ["KeyCount": 0], config: config(nil)), [])
    XCTAssertThrowsError(try ItemReaderContent.items(fromResult: 3, config: config(["InputType": "JSON"])))
  }
}

final class TaskLocalS3Tests: XCTestCase {
  private var root = ""

  override func setUpWithError() throws {
    root = NSTemporaryDirectory() + "sfn-s3-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: root + "/data/in", withIntermediateDirectories: true)
    try Data("id,name\n1,Ada\n".utf8).write(to: URL(fileURLWithPath: root + "/data/in/people.csv"))
    try Data("[1,2]".utf8).write(to: URL(fileURLWithPath: root + "/data/in/numbers.json"))
    try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/data/other.txt"))
  }

  override func tearDownWithError() throws {
    try FileManager.default.removeItem(atPath: root)
  }

  private func call(_ action: String, _ parameters: JSON) throws -> TaskOutcome? {
    try LocalS3TaskSource(root: root).outcome(for: TaskInvocation(
      executionArn: "e", stateName: "Read", resource: "arn:aws:states:::s3:" + action, parameters: parameters))
  }

  func testGetObjectFeedsTheItemReader() throws {
    guard case .succeeded(let result)? = try call("getObject", ["Bucket": "data", "Key": "in/people.csv"]) else {
      return XCTFail("expected the object")
    }
    XCTAssertEqual(result["ContentLength"], 14)
    XCTAssertEqual(try ItemReaderContent.items(fromResult: result, config: ItemReaderConfig(json: [
      "InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"])), [["id": "1", "name": "Ada"]])
  }

  func testListObjectsGivesItemReaderShapedEntries() throws {
    guard case .succeeded(let result)? = try call("listObjectsV2", ["Bucket": "data", "Prefix": "in/"]) else {
      return XCTFail("expected a listing")
    }
    let contents = try XCTUnwrap(result["Contents"]?.arrayValue)
    XCTAssertEqual(contents.map { $0["Key"] }, ["in/numbers.json", "in/people.csv"])
    XCTAssertEqual(contents[0]["Size"], 5)
    XCTAssertEqual(contents[0]["StorageClass"], "STANDARD")
    XCTAssertEqual(contents[0]["Etag"], "\"f79408e5ca998cd53faf44af31e6eb45\"")
    XCTAssertGreaterThan(contents[0]["LastModified"]?.intValue ?? 0, 1_600_000_000)
  }

  func testPutObjectWritesAndMissingObjectsFailAsS3Does() throws {
    XCTAssertEqual(try call("putObject", ["Bucket": "data", "Key": "out/r.json", "Body": ["ok": true]]),
                   .succeeded(["ETag": "\"82380d1e263b6093f3c7535690fcdd75\""]))
    XCTAssertEqual(try String(contentsOfFile: root + "/data/out/r.json", encoding: .utf8), "{\"ok\":true}")
    XCTAssertEqual(try call("getObject", ["Bucket": "data", "Key": "nope"]).map { outcomeError($0) },
                   "S3.NoSuchKeyException")
    XCTAssertEqual(try call("getObject", ["Bucket": "none", "Key": "x"]).map { outcomeError($0) },
                   "S3.NoSuchBucketException")
    XCTAssertEqual(try call("getObject", ["Bucket": "data", "Key": "../data/other.txt"]).map { outcomeError($0) },
                   "S3.NoSuchKeyException")
    XCTAssertNil(try call("deleteObject", ["Bucket": "data", "Key": "x"]))
  }

  private func outcomeError(_ outcome: TaskOutcome) -> String? {
    if case .failed(let error) = outcome { return error.error }
    return nil
  }
}
