import ArgumentParser
import XCTest

@testable import sfn

extension XCTestCase {
  /// argument-parser and a direct parser both accept `args` and read the same value from them: `read` takes it
  /// from argument-parser's command, `direct` is the direct parser.
  func assertParsersAgree<Value: Equatable>(
    _ args: [String], read: (ParsableCommand) -> Value?, direct: ([String]) -> Value?,
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let expected = try XCTUnwrap(read(try SFN.parseAsRoot(args)), "\(args)", file: file, line: line)
    let parsed = direct(args)
    XCTAssertNotNil(parsed, "the direct parser refused \(args)", file: file, line: line)
    if let parsed { XCTAssertEqual(parsed, expected, "\(args)", file: file, line: line) }
  }
}
