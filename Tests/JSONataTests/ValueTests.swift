import XCTest
@testable import JSONata

final class ValueTests: XCTestCase {
  func testObjectKeepsInsertionOrderAndRemoves() {
    var o = ObjectValue([("b", .number(1)), ("a", .number(2))])
    o["c"] = .null
    o["b"] = nil
    XCTAssertEqual(o.keys, ["a", "c"])
    XCTAssertEqual(o.count, 2)
  }
}
