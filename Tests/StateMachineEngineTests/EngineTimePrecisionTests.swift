import Foundation
import XCTest
@testable import StateMachineEngine
import SFNKit

/// AWS records times to the millisecond (history event timestamps, startDate/stopDate, `$$` times); the engine
/// does too whatever its clock's precision.
final class EngineTimePrecisionTests: XCTestCase {
  private func isWholeMilliseconds(_ date: Date) -> Bool {
    let ms = date.timeIntervalSince1970 * 1000
    return abs(ms - ms.rounded()) < 0.001
  }

  func testEventsDatesAndContextTimesAreMillisecondPrecise() throws {
    let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_767_225_600.123_456_7))
    let definition = try StateMachineDefinition(text: """
      {"StartAt":"W","States":{
        "W":{"Type":"Wait","Seconds":1,"Next":"P"},
        "P":{"Type":"Pass","Parameters":{"entered.$":"$$.State.EnteredTime","started.$":"$$.Execution.StartTime"},
             "ResultPath":"$.ctx","Next":"M"},
        "M":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED",
             "ExecutionType":"STANDARD"},"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},
             "ResultPath":null,"End":true}}}
      """)
    let info = ExecutionInfo(name: "t", stateMachineName: "m", input: ["items": [1, 2]], startTime: clock.now)
    XCTAssertEqual(info.startTime.timeIntervalSince1970, 1_767_225_600.123, accuracy: 0.000_001)
    let execution = Execution(definition: definition, info: info, data: DataLayerProcessor(), tasks: ScriptedTasks(),
                              clock: clock)
    // Let the clock drift off whole milliseconds between steps, as a real one does.
    execution.start()
    execution.run()
    clock.advance(by: 0.000_333)
    ExecutionDriver(clock: clock).run(execution)
    XCTAssertEqual(execution.state.status, .succeeded, "\(String(describing: execution.state.error))")
    XCTAssertFalse(execution.events.isEmpty)
    for event in execution.events {
      XCTAssertTrue(isWholeMilliseconds(event.timestamp), "\(event.type) at \(event.timestamp.timeIntervalSince1970)")
    }
    XCTAssertTrue(isWholeMilliseconds(try XCTUnwrap(execution.state.stopTime)))
    for run in execution.state.mapRuns {
      XCTAssertTrue(isWholeMilliseconds(run.startDate))
      XCTAssertTrue(isWholeMilliseconds(try XCTUnwrap(run.stopDate)))
    }
    for child in execution.state.childExecutions {
      XCTAssertTrue(isWholeMilliseconds(child.startDate))
      XCTAssertTrue(isWholeMilliseconds(try XCTUnwrap(child.stopDate)))
    }
    let passed = execution.events.first { $0.type == "PassStateExited" }?.details?["output"]?.stringValue ?? ""
    let output = try JSONParser.parse(passed)
    XCTAssertEqual(output["ctx"]?["started"], "2026-01-01T00:00:00.123Z")
    XCTAssertEqual(output["ctx"]?["entered"], "2026-01-01T00:00:01.123Z")
  }
}
