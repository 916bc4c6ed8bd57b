import Foundation

/// A fresh temporary directory for one test, removed by `remove()`; `file` writes a text file into it.
struct ScratchDirectory {
  /// The directory.
  let url: URL

  /// A new directory named `prefix-XXXXXXXX` under the system's temporary directory.
  init(_ prefix: String) throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// Writes `text` to `name` in the directory and returns its path.
  func file(_ name: String, _ text: String) throws -> String {
    let file = url.appendingPathComponent(name)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  /// Deletes the directory and everything in it.
  func remove() { try? FileManager.default.removeItem(at: url) }
}
