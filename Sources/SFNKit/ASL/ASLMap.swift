extension ASLChecker {
  /// Fields that only a Distributed Map (ProcessorConfig Mode DISTRIBUTED) may use.
  private static let distributedOnly = ["ItemReader", "ItemBatcher", "ResultWriter", "Label"]

  /// Fields that only a Distributed Map uses but AWS accepts, unused, in an inline Map (recorded:
  /// base_evaluate_expressions base_map TOLERATED_FAILURE_COUNT and TOLERATED_FAILURE_PERCENTAGE).
  private static let ignoredWhenInline = ["ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
                                          "ToleratedFailureCount", "ToleratedFailureCountPath"]

  /// Map: processor (ItemProcessor or legacy Iterator), item source and selection, limits, distributed-only parts.
  func checkMap(_ state: ASLNode, language: ASLQueryLanguage) {
    let jsonata = language == .jsonata
    let processor = state.member("ItemProcessor")
    let iterator = state.member("Iterator")
    if processor == nil && iterator == nil {
      error("Map state needs 'ItemProcessor' (or the legacy 'Iterator')", at: state, code: "missing-field")
    }
    exclusive(state, ["Iterator", "ItemProcessor"])
    exclusive(state, ["Parameters", "ItemSelector"])
    var distributed = false
    // AWS reads a ProcessorConfig in the legacy Iterator too (recorded: map_state_legacy_config_distributed_*).
    if let p = processor { distributed = checkItemProcessor(p) }
    if let it = iterator { distributed = checkItemProcessor(it) || distributed }
    if let selector = object(state, "ItemSelector"), !jsonata { payloadTemplate(selector, field: "ItemSelector") }
    if jsonata {
      if let items = state["Items"], items.elements == nil, !ASLJSONata.isExpression(items) {
        typeError(items, name: "Items", expected: "an array or a JSONata expression")
      }
    } else {
      pathField(state, "ItemsPath", .reference)
    }
    exclusive(state, ["MaxConcurrency", "MaxConcurrencyPath"])
    exclusive(state, ["ToleratedFailurePercentage", "ToleratedFailurePercentagePath"])
    exclusive(state, ["ToleratedFailureCount", "ToleratedFailureCountPath"])
    integer(state, "MaxConcurrency", in: 0...99_999_999, expressionAllowed: jsonata)
    integer(state, "ToleratedFailureCount", in: 0...99_999_999, expressionAllowed: jsonata)
    if let pct = state["ToleratedFailurePercentage"], !(jsonata && ASLJSONata.isExpression(pct)) {
      if let v = pct.number {
        if v < 0 || v > 100 {
          error("'ToleratedFailurePercentage' is \(pct.literalText) but must be between 0 and 100", at: pct,
                code: "out-of-range")
        }
      } else {
        typeError(pct, name: "ToleratedFailurePercentage", expected: "a number")
      }
    }
    for key in ["MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"] {
      pathField(state, key, .reference)
    }
    if let label = state["Label"], let s = string(state, "Label"), s.count > 40 {
      error("'Label' is \(s.count) characters long; the maximum is 40", at: label, code: "label-too-long")
    }
    if !distributed {
      for key in Self.distributedOnly {
        if let m = state.member(key) {
          error("Field '\(key)' is only allowed in a Distributed Map (ProcessorConfig Mode DISTRIBUTED)", key: m,
                code: "distributed-only")
        }
      }
      for key in Self.ignoredWhenInline {
        if let m = state.member(key) {
          warning("Field '\(key)' has no effect in an inline Map (only a Distributed Map tolerates failures)", key: m,
                  code: "inline-map-ignores")
        }
      }
    }
    if let reader = object(state, "ItemReader") { checkItemReader(reader, language: language) }
    if let batcher = object(state, "ItemBatcher") { checkItemBatcher(batcher, language: language) }
    if let writer = object(state, "ResultWriter") { checkResultWriter(writer, language: language) }
  }

  /// Checks ItemProcessor (or the legacy Iterator) and its ProcessorConfig; returns true for Mode DISTRIBUTED.
  private func checkItemProcessor(_ p: ASLMember) -> Bool {
    guard p.value.isObject else {
      typeError(p.value, name: p.key, expected: "an object")
      return false
    }
    rejectUnknownFields(p.value, allowed: ["ProcessorConfig", "StartAt", "States", "Comment"], in: "an \(p.key)")
    var distributed = false
    if let config = object(p.value, "ProcessorConfig") {
      rejectUnknownFields(config, allowed: ["Mode", "ExecutionType"], in: "a ProcessorConfig")
      enumValue(config, "Mode", ["INLINE", "DISTRIBUTED"])
      enumValue(config, "ExecutionType", ["STANDARD", "EXPRESS"])
      distributed = config["Mode"]?.string == "DISTRIBUTED"
      if distributed {
        requireField(config, "ExecutionType", in: "A DISTRIBUTED ProcessorConfig")
      } else if let e = config.member("ExecutionType") {
        error("'ExecutionType' is only allowed with Mode DISTRIBUTED", key: e, code: "distributed-only")
      }
    }
    checkScope(p.value, context: p.key)
    return distributed
  }

  /// Resource of an ItemReader or ResultWriter: a service integration ARN.
  private func checkIntegrationResource(_ object: ASLNode, in context: String) {
    guard let node = object["Resource"] else { return }
    guard let text = node.string else { return typeError(node, name: "Resource", expected: "a string") }
    guard let arn = ASLResourceARN(text), case .success(.integration) = arn.classify() else {
      error("\(context) 'Resource' must be a service integration ARN such as arn:aws:states:::s3:getObject", at: node,
            code: "invalid-resource")
      return
    }
  }

  /// Parameters (JSONPath) or Arguments (JSONata) of an ItemReader or ResultWriter.
  private func checkIntegrationInput(_ object: ASLNode, language: ASLQueryLanguage, in context: String) {
    let (allowedKey, rejectedKey) = language == .jsonPath ? ("Parameters", "Arguments") : ("Arguments", "Parameters")
    if let m = object.member(rejectedKey) {
      error("Field '\(rejectedKey)' is not allowed in \(context) when QueryLanguage is \(language.rawValue) (use "
              + "'\(allowedKey)')", key: m, code: "field-not-allowed")
    }
    if language == .jsonPath, let params = self.object(object, "Parameters") {
      payloadTemplate(params, field: "Parameters")
    }
  }

  private func checkItemReader(_ reader: ASLNode, language: ASLQueryLanguage) {
    rejectUnknownFields(reader, allowed: ["Resource", "Parameters", "Arguments", "ReaderConfig"], in: "an ItemReader")
    requireField(reader, "Resource", in: "An ItemReader")
    checkIntegrationResource(reader, in: "ItemReader")
    checkIntegrationInput(reader, language: language, in: "an ItemReader")
    guard let config = object(reader, "ReaderConfig") else { return }
    enumValue(config, "InputType", ["CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"])
    enumValue(config, "CSVHeaderLocation", ["FIRST_ROW", "GIVEN"])
    enumValue(config, "CSVDelimiter", ["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"])
    if config["CSVHeaderLocation"]?.string == "GIVEN" {
      requireField(config, "CSVHeaders", in: "A ReaderConfig with CSVHeaderLocation GIVEN")
    }
    if let headers = config["CSVHeaders"], !(headers.elements?.allSatisfy({ $0.string != nil }) ?? false) {
      typeError(headers, name: "CSVHeaders", expected: "an array of strings")
    }
    exclusive(config, ["MaxItems", "MaxItemsPath"])
    integer(config, "MaxItems", in: 1...100_000_000, expressionAllowed: language == .jsonata)
    if language == .jsonata, let m = config.member("MaxItemsPath") {
      error("Field 'MaxItemsPath' is not allowed when QueryLanguage is JSONata (use MaxItems with an expression)",
            key: m, code: "jsonpath-field-in-jsonata")
    }
    pathField(config, "MaxItemsPath", .reference)
  }

  private func checkItemBatcher(_ batcher: ASLNode, language: ASLQueryLanguage) {
    let limits = ["MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"]
    rejectUnknownFields(batcher, allowed: Set(limits + ["BatchInput"]), in: "an ItemBatcher")
    if !limits.contains(where: { batcher.member($0) != nil }) {
      error("ItemBatcher needs 'MaxItemsPerBatch' or 'MaxInputBytesPerBatch' (or their Path forms)", at: batcher,
            code: "missing-field")
    }
    exclusive(batcher, ["MaxItemsPerBatch", "MaxItemsPerBatchPath"])
    exclusive(batcher, ["MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"])
    let jsonata = language == .jsonata
    integer(batcher, "MaxItemsPerBatch", in: 1...99_999_999, expressionAllowed: jsonata)
    integer(batcher, "MaxInputBytesPerBatch", in: 1...262_144, expressionAllowed: jsonata)
    for key in ["MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"] {
      if jsonata, let m = batcher.member(key) {
        error("Field '\(key)' is not allowed when QueryLanguage is JSONata", key: m, code: "jsonpath-field-in-jsonata")
      }
      pathField(batcher, key, .reference)
    }
    if let input = object(batcher, "BatchInput"), !jsonata { payloadTemplate(input, field: "BatchInput") }
  }

  private func checkResultWriter(_ writer: ASLNode, language: ASLQueryLanguage) {
    rejectUnknownFields(writer, allowed: ["Resource", "Parameters", "Arguments", "WriterConfig"], in: "a ResultWriter")
    if writer.member("Resource") == nil && writer.member("WriterConfig") == nil {
      error("ResultWriter needs 'Resource' (with Parameters or Arguments) or 'WriterConfig'", at: writer,
            code: "missing-field")
    }
    checkIntegrationResource(writer, in: "ResultWriter")
    checkIntegrationInput(writer, language: language, in: "a ResultWriter")
    if let config = object(writer, "WriterConfig") {
      rejectUnknownFields(config, allowed: ["OutputType", "Transformation"], in: "a WriterConfig")
      enumValue(config, "OutputType", ["JSON", "JSONL"])
      enumValue(config, "Transformation", ["NONE", "COMPACT", "FLATTEN"])
    }
  }
}
