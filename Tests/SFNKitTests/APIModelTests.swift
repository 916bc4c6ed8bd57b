import XCTest
@testable import SFNKit

final class APIModelTests: XCTestCase {
  func testEveryOperationIsInTheModel() {
    XCTAssertEqual(ServiceModel.operations.count, 37)
    XCTAssertEqual(ServiceModel.operations.map(\.id), OperationName.allCases, "one operation per name, in order")
    XCTAssertEqual(Set(ServiceModel.shapeTable.keys), Set(ShapeName.allCases.map(\.rawValue)))
    // Built on demand, each shape is the one the table holds; names outside the model have none.
    for (name, shape) in ServiceModel.shapeTable {
      let built = ServiceModel.shape(named: name)
      XCTAssertEqual(built?.kind, shape.kind, name)
      XCTAssertEqual(built?.members.map(\.name), shape.members.map(\.name), name)
      XCTAssertEqual(built?.members.map(\.shape), shape.members.map(\.shape), name)
      XCTAssertEqual(built?.enumValues, shape.enumValues, name)
    }
    for name in ["", "arn", "ARN", "Arns", "HistoryEventX", "é"] { XCTAssertNil(ServiceModel.shape(named: name), name) }
    for op in ServiceModel.operations {
      XCTAssertEqual(ServiceModel.operation(named: op.name)?.id, op.id)
      for member in ServiceModel.shape(op.input).members { XCTAssertNotNil(ServiceModel.shape(named: member.shape)) }
    }
    XCTAssertNil(ServiceModel.operation(named: "StartExecutions"))
    XCTAssertEqual(ServiceModel.operation(.startSyncExecution).hostPrefix, "sync-")
    XCTAssertEqual(ServiceModel.operation(.testState).hostPrefix, "sync-")
    XCTAssertEqual(ServiceModel.operation(.startExecution).output, .startExecutionOutput)
  }

  func testTimestampShapesAreThoseThatCanHoldATimestamp() {
    // The definition: grow from the timestamp shapes to a fixed point.
    let shapes = ServiceModel.shapeTable
    var expected = Set(shapes.filter { $0.value.kind == .timestamp }.keys)
    var before = 0
    while before != expected.count {
      before = expected.count
      for (name, shape) in shapes {
        let children = shape.members.map(\.shape) + [shape.member, shape.value].compactMap { $0 }
        if children.contains(where: expected.contains) { expected.insert(name) }
      }
    }
    XCTAssertEqual(ResponseShaper.timestampShapes, expected)
    XCTAssertTrue(expected.contains("DescribeStateMachineOutput"))
    XCTAssertTrue(expected.contains("HistoryEventList"))
    XCTAssertFalse(expected.contains("DescribeStateMachineInput"))
  }

  func testKebabMatchesTheAWSCLI() {
    XCTAssertEqual(kebab("stateMachineArn"), "state-machine-arn")
    XCTAssertEqual(kebab("maxResults"), "max-results")
    XCTAssertEqual(kebab("includeExecutionData"), "include-execution-data")
  }

  func testTimestamps() {
    XCTAssertEqual(Timestamp.iso8601(epochSeconds: 1_795_000_000.123), "2026-11-18T11:06:40.123000+00:00")
    XCTAssertEqual(Timestamp.iso8601(epochSeconds: 0), "1970-01-01T00:00:00+00:00")
    XCTAssertEqual(Timestamp.iso8601(epochSeconds: 1_795_000_000.9999999), "2026-11-18T11:06:41+00:00")
    XCTAssertEqual(Timestamp.iso8601(epochSeconds: -1.5), "1969-12-31T23:59:58.500000+00:00")
    // The byte-building path agrees with plain interpolation.
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let t = Double.random(in: -2e9...4e9, using: &generator)
      let seconds = t.rounded(.down)
      let micros = Int(((t - seconds) * 1_000_000).rounded())
      guard micros != 1_000_000 else { continue }
      XCTAssertEqual(Timestamp.iso8601(epochSeconds: t),
                     Timestamp.interpolated(CivilDate.fields(epochSeconds: Int(seconds)), micros), "\(t)")
    }
    XCTAssertEqual(Timestamp.parse("2026-11-18T11:06:40.123Z")!, 1_795_000_000.123, accuracy: 0.0001)
    XCTAssertEqual(Timestamp.parse("2026-11-18T12:06:40+01:00"), 1_795_000_000)
    XCTAssertEqual(Timestamp.parse("2026-11-18"), 1_794_960_000)
    XCTAssertNil(Timestamp.parse("yesterday"))
  }

  func testServiceErrorParsingFollowsTheSmithyOrder() {
    func parse(_ headers: [(String, String)], _ body: String, status: Int = 400) -> ServiceError {
      ServiceError.parse(HTTPResponse(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: Array(body.utf8)))
    }
    XCTAssertEqual(parse([("X-Amzn-Errortype", "FooError:http://internal.amazon.com/coral/")], "{}").code, "FooError")
    XCTAssertEqual(parse([], #"{"__type":"aws.protocoltests.json10#FooError","message":"m"}"#).code, "FooError")
    XCTAssertEqual(parse([], #"{"code":"FooError","__type":"Other"}"#).code, "FooError")
    XCTAssertEqual(parse([], #"{"__type":"X","Message":"upper"}"#).message, "upper")
    let moto = parse([("X-Amzn-ErrorType", "UnknownError")], #"{"__type":null,"message":"Invalid State Machine Definition: x"}"#)
    XCTAssertEqual(moto.code, "InvalidDefinition")
    let html = parse([("Content-Type", "text/html")], "<html>Bad gateway</html>", status: 502)
    XCTAssertEqual(html.code, "HTTP 502")
    XCTAssertEqual(html.kind, .unreachable)
    let xml = parse([], "<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>bad sig</Message></Error></Errors></ErrorResponse>", status: 403)
    XCTAssertEqual(xml.code, "SignatureDoesNotMatch")
    XCTAssertEqual(xml.kind, .credentials)
    XCTAssertEqual(parse([("x-amzn-RequestId", "abc")], #"{"__type":"ExecutionDoesNotExist","message":"no"}"#).description,
                   "ExecutionDoesNotExist: no (request abc)")
  }

  func testShorthand() throws {
    let tags = ServiceModel.shape(.tagList)
    XCTAssertEqual(try Shorthand.parse("key=a,value=b", shape: tags), [["key": "a", "value": "b"]])
    let routing = ServiceModel.shape(.routingConfigurationList)
    XCTAssertEqual(try Shorthand.parse("stateMachineVersionArn=arn:x:1,weight=100", shape: routing),
                   [["stateMachineVersionArn": "arn:x:1", "weight": 100]])
    let logging = ServiceModel.shape(.loggingConfiguration)
    XCTAssertEqual(try Shorthand.parse("level=ALL,includeExecutionData=true,destinations=[{cloudWatchLogsLogGroup={logGroupArn=arn:g}}]", shape: logging),
                   ["level": "ALL", "includeExecutionData": true, "destinations": [["cloudWatchLogsLogGroup": ["logGroupArn": "arn:g"]]]])
    XCTAssertThrowsError(try Shorthand.parse("nokey=1", shape: ServiceModel.shape(.tag)))
  }

  func testPaginationTokenMatchesBotocore() throws {
    // base64 of {"nextToken": "abc", "boto_truncate_amount": 2}, as botocore's TokenEncoder writes it.
    let token = PaginationToken(nextToken: "abc", truncateAmount: 2)
    XCTAssertEqual(token.encoded(), "eyJuZXh0VG9rZW4iOiAiYWJjIiwgImJvdG9fdHJ1bmNhdGVfYW1vdW50IjogMn0=")
    XCTAssertEqual(try PaginationToken.decode(token.encoded()), token)
    XCTAssertEqual(try PaginationToken.decode("raw-service-token"), PaginationToken(nextToken: "raw-service-token", truncateAmount: 0))
  }

  func testValidatorChecksNamesRangesAndDocuments() {
    let builder = RequestBuilder(files: LocalFileSystem())
    let start = ServiceModel.operation(.startExecution)
    let arn = "arn:aws:states:us-east-1:1:stateMachine:x"
    XCTAssertNoThrow(try builder.build(start, values: [.text("stateMachineArn", arn), .text("name", "ok-name_1")]))
    for bad in ["bad name", "a/b", String(repeating: "n", count: 81), ""] {
      XCTAssertThrowsError(try builder.build(start, values: [.text("stateMachineArn", arn), .text("name", bad)])) {
        XCTAssertEqual(($0 as? InputError)?.kind, .badInput, bad)
      }
    }
    XCTAssertThrowsError(try builder.build(start, values: [.text("stateMachineArn", arn), .text("input", "[1,")]))
    XCTAssertThrowsError(try builder.build(start, values: [.text("name", "x")])) {
      XCTAssertEqual(($0 as? InputError)?.kind, .usage)
    }
  }
}
