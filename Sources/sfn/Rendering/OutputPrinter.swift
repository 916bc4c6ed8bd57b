import SFNKit

/// Prints a command's JSON result in the chosen format, after applying `--query`.
struct OutputPrinter {
  let terminal: Terminal
  let format: OutputFormat
  let query: JMESPathExpression?

  /// Prints `value` (already in the AWS CLI's shapes) to stdout.
  func print(_ value: JSON) throws {
    let result = try query.map { try $0.evaluate(value) } ?? value
    switch format {
    case .json:
      // The AWS CLI prints nothing for an empty object, whether the response or what --query made of it.
      if case .object(let o) = result, o.isEmpty { return }
      terminal.out(JSONWriter.pretty.string(result) + "\n")
    case .text:
      terminal.out(TextFormatter.format(result))
    case .table:
      terminal.out(table(result))
    }
  }

  /// Prints a paginated result: text page by page (--query applied to each page, then a `NEXTTOKEN` row) as the
  /// AWS CLI's text formatter does; json and table from the merged result. Only the one printed is built.
  func printPages(_ pages: @autoclosure () -> [JSON], merged: @autoclosure () -> JSON, resumeToken: String?) throws {
    guard format == .text else { return try print(merged()) }
    for page in pages() { try print(page) }
    if let resumeToken { try print(["NextToken": ["NextToken": .string(resumeToken)]]) }
  }

  /// A generic table: a list of objects as columns, an object as key/value rows.
  func table(_ value: JSON) -> String {
    let renderer = TableRenderer(width: terminal.width, color: terminal.colorStdout)
    switch value {
    case .array(let items) where items.allSatisfy({ $0.objectValue != nil }) && !items.isEmpty:
      return listTable(items.compactMap(\.objectValue), renderer)
    case .array(let items):
      return items.map(cell).joined(separator: "\n") + (items.isEmpty ? "" : "\n")
    case .object(let object):
      // A page of results (`executions`, `stateMachines`, ...) shows the list; a next token goes to stderr.
      let lists = object.filter { $0.value.arrayValue?.allSatisfy({ $0.objectValue != nil }) == true }
      if lists.count == 1, object.allSatisfy({ $0.key == lists[0].key || $0.key == "nextToken" || $0.key == "NextToken" }) {
        let items = lists[0].value.arrayValue!.compactMap(\.objectValue)
        return items.isEmpty ? "" : listTable(items, renderer)
      }
      let rows = object.map { [$0.key, cell($0.value)] }
      return renderer.render(headers: ["field", "value"], rows: rows, statusColumn: nil)
    default:
      return cell(value) + "\n"
    }
  }

  private func listTable(_ items: [JSONObject], _ renderer: TableRenderer) -> String {
    var columns: [String] = []
    for item in items {
      for (k, v) in item where !columns.contains(k) && v.arrayValue == nil && v.objectValue == nil { columns.append(k) }
    }
    let rows = items.map { item in columns.map { item[$0].map(cell) ?? "" } }
    return renderer.render(headers: columns, rows: rows)
  }

  /// One value as table cell text: strings bare, the rest compact JSON.
  func cell(_ value: JSON) -> String {
    switch value {
    case .string(let s): return s.replacing("\n", with: " ")
    case .null: return ""
    default: return JSONWriter.compact.string(value)
    }
  }
}
