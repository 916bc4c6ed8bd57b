extension Builtins {
  /// `$now`, `$millis`, `$fromMillis`, `$toMillis`, `$formatInteger`, `$parseInteger`, `$formatNumber` and
  /// `$formatBase`, with jsonata-js 2.0.6's signatures. Undefined inputs give undefined results.
  static let dateTime: [Builtin] = [
    Builtin("now", "<s?s?:s>") { args, context in
      let picture = try DateTimeArguments.picture(args, 0)
      return .string(try DateTimeFormatter(timezone: DateTimeArguments.string(args, 1))
        .format(context.environment.startMillis, picture))
    },
    Builtin("millis", "<:n>") { _, context in .number(context.environment.startMillis) },
    Builtin("fromMillis", "<n-s?s?:s>") { args, _ in
      guard let millis = DateTimeArguments.number(args, 0) else { return nil }
      let picture = try DateTimeArguments.picture(args, 1)
      return .string(try DateTimeFormatter(timezone: DateTimeArguments.string(args, 2)).format(millis, picture))
    },
    Builtin("toMillis", "<s-s?:n>") { args, context in
      guard let timestamp = DateTimeArguments.string(args, 0) else { return nil }
      guard let picture = DateTimeArguments.string(args, 1) else {
        return .number(try DateTimeParser.iso8601(timestamp))
      }
      let millis = try DateTimeParser.parse(timestamp, picture: picture, now: context.environment.startMillis)
      return millis.map { .number($0) }
    },
    Builtin("formatInteger", "<n-s:s>") { args, _ in
      guard let value = DateTimeArguments.number(args, 0) else { return nil }
      let picture = try IntegerPicture(DateTimeArguments.string(args, 1) ?? "")
      return .string(try picture.format(value.rounded(.down)))
    },
    Builtin("parseInteger", "<s-s:n>") { args, _ in
      guard let text = DateTimeArguments.string(args, 0) else { return nil }
      let picture = try IntegerPicture(DateTimeArguments.string(args, 1) ?? "")
      _ = try picture.pattern()  // D3130 for a numbering sequence, before reading anything
      return .number(try picture.parse(text))
    },
    Builtin("formatNumber", "<n-so?:s>") { args, _ in
      guard let value = DateTimeArguments.number(args, 0) else { return nil }
      var options: ObjectValue?
      if args.count > 2, case .object(let o)? = args[2] { options = o }
      return .string(try NumberFormat(options: options).format(value, picture: DateTimeArguments.string(args, 1) ?? ""))
    },
    Builtin("formatBase", "<n-n?:s>") { args, _ in
      guard let value = DateTimeArguments.number(args, 0) else { return nil }
      let radix = DateTimeArguments.number(args, 1).map { PictureNumerics.roundHalfEven($0) } ?? 10
      guard radix >= 2 && radix <= 36 else { throw JSONataError(code: "D3100", value: .number(radix)) }
      return .string(PictureNumerics.string(PictureNumerics.roundHalfEven(value), radix: Int(radix)))
    },
  ]
}

/// Reads the validated arguments of the date/time and formatting built-ins.
enum DateTimeArguments {
  /// The number at `index`, or nil when undefined.
  static func number(_ args: [Value?], _ index: Int) -> Double? {
    guard index < args.count, case .number(let d)? = args[index] else { return nil }
    return d
  }

  /// The string at `index`, or nil when undefined.
  static func string(_ args: [Value?], _ index: Int) -> String? {
    guard index < args.count, case .string(let s)? = args[index] else { return nil }
    return s
  }

  /// The date/time picture at `index`, ISO 8601's when undefined.
  static func picture(_ args: [Value?], _ index: Int) throws -> DateTimePicture {
    guard let text = string(args, index) else { return DateTimePicture.iso8601 }
    return try DateTimePicture(text)
  }
}
