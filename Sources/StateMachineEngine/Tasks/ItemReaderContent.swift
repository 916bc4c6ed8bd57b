import SFNKit

/// A Distributed Map's `ItemReader.ReaderConfig`, checked: how the object the reader fetches becomes items.
public struct ItemReaderConfig: Sendable, Equatable {
  /// `ReaderConfig.InputType`.
  public enum InputType: String, Sendable, Equatable {
    case csv = "CSV", json = "JSON", jsonl = "JSONL", manifest = "MANIFEST"
  }

  /// What the object holds; nil for a listing (`s3:listObjectsV2`, whose items are the objects).
  public var inputType: InputType?
  /// The CSV column names when given (`CSVHeaderLocation: GIVEN`); nil to read them from the first row.
  public var csvHeaders: [String]?
  /// The CSV field separator (`CSVDelimiter`: COMMA, PIPE, SEMICOLON, SPACE, TAB).
  public var csvDelimiter: Character
  /// At most this many items (`MaxItems`, or `MaxItemsPath` resolved), nil for all.
  public var maxItems: Int?

  /// A configuration with these parts.
  public init(inputType: InputType?, csvHeaders: [String]? = nil, csvDelimiter: Character = ",",
              maxItems: Int? = nil) {
    self.inputType = inputType
    self.csvHeaders = csvHeaders
    self.csvDelimiter = csvDelimiter
    self.maxItems = maxItems
  }

  /// Reads `ReaderConfig` (with `MaxItems` already resolved from `MaxItemsPath` or JSONata by the caller when it
  /// is not a literal); throws `States.Runtime` for values AWS's validation would reject.
  public init(json: JSON?, maxItems resolved: Int? = nil) throws {
    let config = json ?? .object(JSONObject())
    if let type = config["InputType"] {
      guard let text = type.stringValue, let parsed = InputType(rawValue: text) else {
        throw StatesError.runtime("ItemReader.ReaderConfig.InputType must be CSV, JSON, JSONL or MANIFEST, not \(type)")
      }
      inputType = parsed
    } else {
      inputType = nil
    }
    switch config["CSVHeaderLocation"]?.stringValue {
    case "GIVEN"?:
      guard let headers = config["CSVHeaders"]?.arrayValue?.compactMap(\.stringValue), !headers.isEmpty else {
        throw StatesError.runtime("ItemReader.ReaderConfig.CSVHeaders must list the column names when "
                                    + "CSVHeaderLocation is GIVEN")
      }
      csvHeaders = headers
    case "FIRST_ROW"?, nil:
      csvHeaders = nil
    case let other?:
      throw StatesError.runtime("ItemReader.ReaderConfig.CSVHeaderLocation must be FIRST_ROW or GIVEN, not \(other)")
    }
    let delimiters: [String: Character] = ["COMMA": ",", "PIPE": "|", "SEMICOLON": ";", "SPACE": " ", "TAB": "\t"]
    if let name = config["CSVDelimiter"] {
      guard let delimiter = name.stringValue.flatMap({ delimiters[$0] }) else {
        throw StatesError.runtime("ItemReader.ReaderConfig.CSVDelimiter must be COMMA, PIPE, SEMICOLON, SPACE or "
                                    + "TAB, not \(name)")
      }
      csvDelimiter = delimiter
    } else {
      csvDelimiter = ","
    }
    maxItems = resolved ?? config["MaxItems"]?.intValue
  }
}

/// Turns what an ItemReader fetched into the Map's items, as Step Functions reads them: a JSON array's elements,
/// one value per JSON Lines line, one object per CSV row (column name to string value), or a listing's objects.
/// Content that cannot be read is `States.ItemReaderFailed`.
public enum ItemReaderContent {
  /// The items of an ItemReader task result: a `getObject` result (`{"Body": text}`, the text itself, or, from a
  /// mock, the already parsed JSON array) or a `listObjectsV2` result (`{"Contents": [...]}`).
  public static func items(fromResult result: JSON, config: ItemReaderConfig) throws -> [JSON] {
    let all: [JSON]
    switch result {
    case .string(let text):
      all = try parse(text, config: config)
    case .array(let elements):
      all = elements
    case .object(let object):
      if let body = object["Body"] {
        return try items(fromResult: body, config: config)
      } else if let contents = object["Contents"] {
        guard let listed = contents.arrayValue else { throw failed("the listing's Contents is not an array") }
        all = listed
      } else if config.inputType == nil {
        all = []  // A listing with no Contents member: S3 leaves it out when no object matches.
      } else {
        throw failed("the object read has no Body")
      }
    default:
      throw failed("the object read is \(result), not text")
    }
    guard let limit = config.maxItems, limit > 0 else { return all }
    return Array(all.prefix(limit))
  }

  /// The items of an object's text for the configured input type.
  public static func parse(_ text: String, config: ItemReaderConfig) throws -> [JSON] {
    // Spreadsheet exports often start with a byte order mark; it is not part of the first header or value.
    let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    switch config.inputType {
    case .json?, nil:
      let value: JSON
      do {
        value = try JSONParser.parse(text)
      } catch {
        throw failed("the JSON object is not valid JSON (\(error))")
      }
      guard let elements = value.arrayValue else { throw failed("the JSON object does not hold an array") }
      return elements
    case .jsonl?:
      var items: [JSON] = []
      for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
        let trimmed = line.trimmingCharacters(in: Set(" \t\r"))
        if trimmed.isEmpty { continue }
        do {
          items.append(try JSONParser.parse(String(trimmed)))
        } catch {
          throw failed("line \(number + 1) of the JSON Lines object is not valid JSON (\(error))")
        }
      }
      return items
    case .csv?:
      return try csvItems(text, config: config)
    case .manifest?:
      throw failed("MANIFEST (S3 inventory) input is not supported by the embedded engine")
    }
  }

  private static func csvItems(_ text: String, config: ItemReaderConfig) throws -> [JSON] {
    var rows = try CSVRows.parse(text, delimiter: config.csvDelimiter)
    let headers: [String]
    if let given = config.csvHeaders {
      headers = given
    } else {
      guard !rows.isEmpty else { return [] }
      headers = rows.removeFirst()
    }
    guard Set(headers).count == headers.count else { throw failed("CSV headers cannot contain duplicates.") }
    return rows.map { row in
      // A short row's missing fields are empty strings; fields past the last header are dropped.
      .object(JSONObject(headers.enumerated().map { index, name in
        (name, .string(index < row.count ? row[index] : ""))
      }))
    }
  }

  private static func failed(_ cause: String) -> StatesError {
    StatesError("States.ItemReaderFailed", cause: cause)
  }
}

/// RFC 4180 records: fields separated by a delimiter, quoted fields may hold the delimiter, line breaks and `""`
/// for a quote. Blank lines are skipped.
enum CSVRows {
  static func parse(_ text: String, delimiter: Character) throws -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var fieldStarted = false
    var characters = Array(text)[...]
    func endRow() {
      if fieldStarted || !row.isEmpty || !field.isEmpty {
        row.append(field)
        rows.append(row)
      }
      row = []
      field = ""
      fieldStarted = false
    }
    while let c = characters.popFirst() {
      if quoted {
        if c == "\"" {
          if characters.first == "\"" {
            field.append("\"")
            characters.removeFirst()
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
        continue
      }
      switch c {
      case "\"" where field.isEmpty:
        quoted = true
        fieldStarted = true
      case delimiter:
        row.append(field)
        field = ""
        fieldStarted = true
      case "\r\n", "\n", "\r":
        endRow()
      default:
        field.append(c)
        fieldStarted = true
      }
    }
    if quoted {
      throw StatesError("States.ItemReaderFailed", cause: "the CSV object ends inside a quoted field")
    }
    endRow()
    return rows
  }
}

extension Substring {
  /// The text without the given characters at either end.
  fileprivate func trimmingCharacters(in set: Set<Character>) -> Substring {
    var text = self
    while let first = text.first, set.contains(first) { text = text.dropFirst() }
    while let last = text.last, set.contains(last) { text = text.dropLast() }
    return text
  }
}
