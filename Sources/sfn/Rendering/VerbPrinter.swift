import SFNKit

/// A column of a verb's list table: a header and how to get the cell from an item (already shaped JSON).
struct Column {
  var header: String
  var cell: (JSON) -> String

  /// A column showing member `key`; dates in local time.
  static func key(_ header: String, _ key: String) -> Column {
    Column(header: header) { item in
      guard let value = item[key] else { return "" }
      if key.hasSuffix("Date"), let s = value.stringValue { return LocalTime.fromISO(s) }
      return value.stringValue ?? (value.isNull ? "" : JSONWriter.compact.string(value))
    }
  }
}

/// Prints verb results: JSON with the embedded JSON strings decoded (unless --raw), tables with local times.
struct VerbPrinter {
  let printer: OutputPrinter
  let raw: Bool

  var format: OutputFormat { printer.format }
  var terminal: Terminal { printer.terminal }

  /// Members whose string values are JSON documents the API embeds.
  static let embeddedKeys: Set<String> = ["input", "output", "definition", "parameters"]

  /// `value` from the service, timestamps as ISO 8601 (`shape`), embedded documents decoded unless --raw.
  func prepare(_ value: JSON, shape: ShapeName?) -> JSON {
    let shaped = ResponseShaper.shape(value, as: shape)
    return raw ? shaped : Self.decodeEmbedded(shaped)
  }

  /// `value`, a response of `operation`, prepared as its output shape.
  func prepare(_ value: JSON, outputOf operation: OperationName) -> JSON {
    prepare(value, shape: ServiceModel.operation(operation).output)
  }

  /// Replaces embedded JSON strings (input, output, definition, ...) with the values they hold.
  static func decodeEmbedded(_ value: JSON) -> JSON {
    switch value {
    case .object(let object):
      var out = JSONObject()
      for (key, member) in object {
        if embeddedKeys.contains(key), let text = member.stringValue, let parsed = try? JSONParser.parse(text) {
          out[key] = parsed
        } else {
          out[key] = decodeEmbedded(member)
        }
      }
      return .object(out)
    case .array(let items): return .array(items.map(decodeEmbedded))
    default: return value
    }
  }

  /// Prints one object: JSON or text as is, a table as field/value rows with local times.
  func printObject(_ value: JSON) throws {
    if format == .table, printer.query == nil, let object = value.objectValue {
      let rows = object.map { key, member -> [String] in
        if key.hasSuffix("Date"), let s = member.stringValue { return [key, LocalTime.fromISO(s)] }
        return [key, printer.cell(member)]
      }
      let renderer = TableRenderer(width: terminal.width, color: terminal.colorStdout)
      terminal.out(renderer.render(headers: ["field", "value"], rows: rows, statusColumn: nil).replacingStatus(object, color: terminal.colorStdout))
      return
    }
    try printer.print(value)
  }

  /// Prints a list: a JSON array, text rows, or a table of `columns`.
  func printList(_ items: [JSON], columns: [Column]) throws {
    if format == .table, printer.query == nil {
      guard !items.isEmpty else { return }
      let renderer = TableRenderer(width: terminal.width, color: terminal.colorStdout)
      let table = renderer.render(headers: columns.map(\.header), rows: items.map { item in columns.map { $0.cell(item) } })
      terminal.out(table.split(separator: "\n").map { String($0).trimmingTrailingSpaces() + "\n" }.joined())
      return
    }
    try printer.print(.array(items))
  }
}

private extension String {
  /// Colours the status value of a field/value table.
  func replacingStatus(_ object: JSONObject, color: Bool) -> String {
    guard color, let status = object["status"]?.stringValue, let style = Style.forStatus(status) else { return self }
    return split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.hasPrefix("status ") ? String(line).replacing(status, with: style.apply(status, enabled: true)) : String(line)
    }.joined(separator: "\n")
  }
}
