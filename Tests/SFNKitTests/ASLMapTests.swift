import XCTest
@testable import SFNKit

/// Map: ItemProcessor/Iterator, ProcessorConfig, distributed-only parts, limits and item selection.
final class ASLMapTests: XCTestCase {
  private let inline = #""ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "X", "States": {"X": {"Type": "Succeed"}}}"#
  private let distributed = #""ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "X", "States": {"X": {"Type": "Succeed"}}}"#

  /// A Map state with a processor and extra fields; it starts at line 4, column 10.
  private func map(_ processor: String, _ extra: String = "", top: String = "") -> String {
    aslOneState(#"{"Type": "Map", "End": true, \#(processor)\#(extra)}"#, top: top)
  }

  func testValidMaps() {
    assertASLClean(map(inline, #", "ItemsPath": "$.items", "ItemSelector": {"v.$": "$$.Map.Item.Value"}, "MaxConcurrency": 0"#))
    assertASLClean(map(#""Iterator": {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}"#, #", "Parameters": {"a.$": "$.a"}"#))
    let reader = #", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 10}, "Parameters": {"Bucket": "b", "Key.$": "$.key"}}"#
    let batcher = #", "ItemBatcher": {"MaxItemsPerBatch": 10, "BatchInput": {"run.$": "$$.Execution.Id"}}"#
    let writer = #", "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b", "Prefix": "p"}}"#
    let limits = #", "ToleratedFailurePercentage": 12.5, "ToleratedFailureCountPath": "$.n", "Label": "L""#
    assertASLClean(map(distributed, reader + batcher + writer + limits))
  }

  func testProcessorIsRequiredAndSingle() {
    assertASLFinding(aslOneState(#"{"Type": "Map", "End": true}"#), "missing-field", at: "4:10",
                     "Map state needs 'ItemProcessor' (or the legacy 'Iterator')")
    assertASLFinding(map(inline, #", "Iterator": {"StartAt": "Y", "States": {"Y": {"Type": "Succeed"}}}"#),
                     "mutually-exclusive", at: "4:151", "Only one of 'Iterator', 'ItemProcessor' may be set")
  }

  func testProcessorConfig() {
    let badMode = #""ItemProcessor": {"ProcessorConfig": {"Mode": "PARALLEL"}, "StartAt": "X", "States": {"X": {"Type": "Succeed"}}}"#
    assertASLFinding(map(badMode), "invalid-value", at: "4:85", "'Mode' is 'PARALLEL' but must be one of 'INLINE', 'DISTRIBUTED'")
    let noType = #""ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "X", "States": {"X": {"Type": "Succeed"}}}"#
    assertASLFinding(map(noType), "missing-field", at: "4:76", "A DISTRIBUTED ProcessorConfig is missing required field 'ExecutionType'")
    let inlineType = #""ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE", "ExecutionType": "STANDARD"}, "StartAt": "X", "States": {"X": {"Type": "Succeed"}}}"#
    assertASLFinding(map(inlineType), "distributed-only", at: "4:95", "'ExecutionType' is only allowed with Mode DISTRIBUTED")
  }

  func testProcessorIsItsOwnScope() {
    let escaping = #""ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Pass", "Next": "A"}}}"#
    assertASLFinding(map(escaping), "unknown-state", at: "4:114", "Next 'A' does not name a state in this scope")
  }

  func testDistributedOnlyFields() {
    let reader = #", "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2"}"#
    assertASLClean(map(distributed, reader))
    assertASLFinding(map(inline, reader), "distributed-only", at: "4:151",
                     "Field 'ItemReader' is only allowed in a Distributed Map (ProcessorConfig Mode DISTRIBUTED)")
    // AWS accepts and ignores the tolerated failure fields in an inline Map (recorded execution
    // base_evaluate_expressions base_map TOLERATED_FAILURE_COUNT ran with "ToleratedFailureCount" on an inline Map).
    assertASLFinding(map(inline, #", "ToleratedFailureCount": 1"#), "inline-map-ignores", at: "4:151",
                     "Field 'ToleratedFailureCount' has no effect in an inline Map", severity: .warning)
    assertASLClean(map(inline, #", "ToleratedFailurePercentage": 5"#), allowing: ["inline-map-ignores"])
  }

  /// AWS reads ProcessorConfig in the legacy Iterator as in ItemProcessor (recorded executions
  /// map_state_legacy_config_inline and map_state_legacy_config_distributed_item_selector, the latter a map run).
  func testLegacyIteratorTakesAProcessorConfig() {
    let iterator = #""Iterator": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "X", "States": {"X": {"Type": "Succeed"}}}"#
    assertASLClean(map(iterator, #", "Label": "L""#))
    let inlineIterator = #""Iterator": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "X", "States": {"X": {"Type": "Succeed"}}}"#
    assertASLClean(map(inlineIterator))
    assertASLFinding(map(inlineIterator, #", "Label": "L""#), "distributed-only", at: "4:146",
                     "Field 'Label' is only allowed in a Distributed Map")
    assertASLFinding(map(#""Iterator": {"Foo": 1, "StartAt": "X", "States": {"X": {"Type": "Succeed"}}}"#), "field-not-allowed",
                     at: "4:52", "Field 'Foo' is not allowed in an Iterator")
  }

  func testItemReaderShape() {
    assertASLFinding(map(distributed, #", "ItemReader": {"ReaderConfig": {}}"#), "missing-field", at: "4:198",
                     "An ItemReader is missing required field 'Resource'")
    assertASLFinding(map(distributed, #", "ItemReader": {"Resource": "arn:aws:s3:::bucket"}"#), "invalid-resource",
                     at: "4:211", "ItemReader 'Resource' must be a service integration ARN")
    assertASLFinding(map(distributed, #", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN"}}"#),
                     "missing-field", at: "4:260", "A ReaderConfig with CSVHeaderLocation GIVEN is missing required field 'CSVHeaders'")
  }

  func testItemBatcherAndResultWriterShapes() {
    assertASLFinding(map(distributed, #", "ItemBatcher": {"BatchInput": {}}"#), "missing-field", at: "4:199",
                     "ItemBatcher needs 'MaxItemsPerBatch' or 'MaxInputBytesPerBatch'")
    assertASLFinding(map(distributed, #", "ItemBatcher": {"MaxInputBytesPerBatch": 300000}"#), "out-of-range",
                     at: "4:225", "'MaxInputBytesPerBatch' is 300000 but must be between 1 and 262144")
    assertASLFinding(map(distributed, #", "ResultWriter": {}"#), "missing-field", at: "4:200",
                     "ResultWriter needs 'Resource' (with Parameters or Arguments) or 'WriterConfig'")
    assertASLClean(map(distributed, #", "ResultWriter": {"WriterConfig": {"OutputType": "JSONL", "Transformation": "COMPACT"}}"#))
  }

  func testLimits() {
    assertASLFinding(map(inline, #", "MaxConcurrency": 5, "MaxConcurrencyPath": "$.n""#), "mutually-exclusive",
                     at: "4:172", "Only one of 'MaxConcurrency', 'MaxConcurrencyPath' may be set")
    assertASLFinding(map(inline, #", "MaxConcurrency": -1"#), "out-of-range", at: "4:169",
                     "'MaxConcurrency' is -1 but must be at least 0")
    assertASLFinding(map(distributed, #", "ToleratedFailurePercentage": 101"#), "out-of-range", at: "4:214",
                     "'ToleratedFailurePercentage' is 101 but must be between 0 and 100")
    assertASLFinding(map(distributed, #", "ToleratedFailureCount": -1"#), "out-of-range", at: "4:209",
                     "'ToleratedFailureCount' is -1 but must be at least 0")
    assertASLFinding(map(distributed, #", "ToleratedFailureCount": 1, "ToleratedFailureCountPath": "$.n""#),
                     "mutually-exclusive", at: "4:212", "Only one of 'ToleratedFailureCount', 'ToleratedFailureCountPath'")
  }

  func testItemSelection() {
    assertASLFinding(map(inline, #", "Parameters": {}, "ItemSelector": {}"#), "mutually-exclusive", at: "4:169",
                     "Only one of 'Parameters', 'ItemSelector' may be set")
    assertASLFinding(map(inline, #", "ItemsPath": null"#), "null-not-allowed", at: "4:164", "'ItemsPath' must not be null")
    let top = #" "QueryLanguage": "JSONata","#
    assertASLClean(map(inline, #", "Items": "{% $states.input.list %}", "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"}"#, top: top))
    assertASLFinding(map(inline, #", "ItemsPath": "$.list""#, top: top), "jsonpath-field-in-jsonata", at: "4:151",
                     "Field 'ItemsPath' is not allowed when QueryLanguage is JSONata (use Items)")
    assertASLFinding(map(inline, #", "Items": 5"#, top: top), "wrong-type", at: "4:160",
                     "'Items' must be an array or a JSONata expression, not a number")
  }
}
