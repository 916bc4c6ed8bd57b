import ArgumentParser
import XCTest

@testable import sfn

/// `GlobalOption` is the one table of global options: argument-parser's `GlobalOptions` declares exactly its rows
/// and maps each to the setting the table's `set(_:on:)` stores, so the direct parser, `ArgumentOrder` and the
/// completer (which read the table) agree with argument-parser.
final class GlobalOptionTableTests: XCTestCase {
  func testGlobalOptionsDeclaresEachRowWithTheSameSetting() throws {
    let defaults = try GlobalOptions.parse([])
    XCTAssertEqual(defaults.settings, GlobalSettings())
    var rowOfProperty: [String: GlobalOption] = [:]
    for option in GlobalOption.allCases {
      let value = Self.sample(option)
      let parsed = try GlobalOptions.parse(option.takesValue ? [option.rawValue, value] : [option.rawValue])
      var expected = GlobalSettings()
      XCTAssertTrue(option.set(value, on: &expected), option.rawValue)
      XCTAssertNotEqual(expected, GlobalSettings(), "\(option.rawValue) sets something")
      XCTAssertEqual(parsed.settings, expected, option.rawValue)
      let changed = Self.properties(of: parsed).filter { Self.properties(of: defaults)[$0.key] != $0.value }.keys
      XCTAssertEqual(changed.count, 1, "\(option.rawValue) sets one property of GlobalOptions: \(changed)")
      for property in changed {
        XCTAssertNil(rowOfProperty.updateValue(option, forKey: property), "\(property) has one row")
      }
    }
    XCTAssertEqual(Set(rowOfProperty.keys), Set(Self.properties(of: defaults).keys), "every property has a row")
  }

  func testFlagsRejectValuesAndOptionsRequireThem() {
    for option in GlobalOption.allCases {
      if option.takesValue {
        XCTAssertThrowsError(try GlobalOptions.parse([option.rawValue]), option.rawValue)
      } else {
        XCTAssertThrowsError(try GlobalOptions.parse([option.rawValue + "=x"]), option.rawValue)
      }
    }
  }

  func testHelpShowsTheTableHelp() {
    let help = GlobalOptions.helpMessage(columns: 200)
    for option in GlobalOption.allCases where option.help.visibility == .default {
      XCTAssertTrue(help.contains(option.rawValue), option.rawValue)
      XCTAssertTrue(help.contains(option.help.abstract), option.rawValue)
    }
    XCTAssertFalse(help.contains(GlobalOption.noCLIPager.rawValue), "kept for the AWS CLI only, hidden")
  }

  func testArgumentOrderAndCompleterReadTheTable() {
    for option in GlobalOption.allCases {
      let given = option.takesValue ? [option.rawValue, Self.sample(option)] : [option.rawValue]
      XCTAssertEqual(ArgumentOrder.globalsAfterCommand(given + ["machines", "x"]), ["machines", "x"] + given)
      XCTAssertEqual(Completer.globalArguments(in: ["sfn", "machines"] + given), given)
    }
  }

  /// A value that differs from the option's default.
  private static func sample(_ option: GlobalOption) -> String {
    switch option {
    case .output: return "text"
    case .color: return "never"
    case .errorFormat: return "json"
    case .connectTimeout, .readTimeout, .maxAttempts: return "2"
    default: return "x"
    }
  }

  /// The stored properties of `options`, each described as text (argument-parser's wrappers hold the value).
  private static func properties(of options: GlobalOptions) -> [String: String] {
    var out: [String: String] = [:]
    for child in Mirror(reflecting: options).children {
      if let label = child.label { out[label] = String(describing: child.value) }
    }
    return out
  }
}
