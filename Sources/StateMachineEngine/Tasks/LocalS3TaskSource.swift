#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

/// Answers S3 calls from a local directory, so a Distributed Map's ItemReader (and a task reading, listing or
/// writing objects) runs offline: bucket `B`, key `K` is the file `ROOT/B/K`.
///
/// `s3:getObject` gives `{"Body": text, "ContentLength": n}`; `s3:listObjectsV2` gives `{"Contents": [...]}` whose
/// entries have the shape Step Functions gives ItemReader items (`Etag`, `Key`, `LastModified` in epoch seconds,
/// `Size`, `StorageClass`); `s3:putObject` writes the `Body` and answers `{"ETag"}`. The `aws-sdk:s3:` forms of
/// the three actions are answered alike. A missing object or bucket fails as S3 names it.
public final class LocalS3TaskSource: TaskSource {
  /// The directory holding one folder per bucket.
  public let root: String

  /// A source serving buckets from `root`.
  public init(root: String) {
    self.root = root
  }

  /// The S3 action's result; nil for resources other than S3's getObject, listObjectsV2 and putObject.
  public func outcome(for task: TaskInvocation) throws -> TaskOutcome? {
    let action: String
    switch task.classifiedResource.kind {
    case .integration("s3", let name), .sdk("s3", let name): action = name
    default: return nil
    }
    guard ["getObject", "listObjectsV2", "putObject"].contains(action) else { return nil }
    guard let bucket = task.parameters["Bucket"]?.stringValue, !bucket.isEmpty, !bucket.contains("/"),
          bucket != ".", bucket != ".." else {
      return .failed(StatesError("S3.InvalidBucketNameException", cause: "The specified bucket is not valid."))
    }
    let bucketPath = root + "/" + bucket
    guard Self.isDirectory(bucketPath) else {
      return .failed(StatesError("S3.NoSuchBucketException",
                                 cause: "The specified bucket does not exist (no directory \(bucketPath))"))
    }
    switch action {
    case "getObject": return getObject(bucketPath, key: task.parameters["Key"]?.stringValue)
    case "putObject": return putObject(bucketPath, key: task.parameters["Key"]?.stringValue,
                                       body: task.parameters["Body"])
    default: return listObjects(bucketPath, prefix: task.parameters["Prefix"]?.stringValue ?? "")
    }
  }

  private func getObject(_ bucketPath: String, key: String?) -> TaskOutcome {
    guard let path = objectPath(bucketPath, key), let data = FileManager.default.contents(atPath: path) else {
      return .failed(StatesError("S3.NoSuchKeyException", cause: "The specified key does not exist (no file "
                                   + "\(bucketPath)/\(key ?? ""))"))
    }
    return .succeeded(.object(JSONObject([("Body", .string(String(decoding: data, as: UTF8.self))),
                                          ("ContentLength", .integer(data.count))])))
  }

  private func putObject(_ bucketPath: String, key: String?, body: JSON?) -> TaskOutcome {
    guard let path = objectPath(bucketPath, key) else {
      return .failed(StatesError("S3.InvalidKeyException", cause: "The key '\(key ?? "")' cannot name a local file"))
    }
    let text: String
    switch body {
    case .string(let s)?: text = s
    case nil, .null?: text = ""
    case let value?: text = JSONWriter.compact.string(value)
    }
    let bytes = Array(text.utf8)
    do {
      let folder = String(path[..<path.lastIndex(of: "/")!])
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      try Data(bytes).write(to: URL(fileURLWithPath: path))
    } catch {
      return .failed(StatesError("S3.S3Exception", cause: "Cannot write \(path): \(error)"))
    }
    return .succeeded(.object(JSONObject([("ETag", .string(Self.etag(bytes)))])))
  }

  private func listObjects(_ bucketPath: String, prefix: String) -> TaskOutcome {
    let keys = ((try? FileManager.default.subpathsOfDirectory(atPath: bucketPath)) ?? [])
      .filter { $0.hasPrefix(prefix) }.sorted()
    var contents: [JSON] = []
    for key in keys {
      let path = bucketPath + "/" + key
      guard !Self.isDirectory(path), let data = FileManager.default.contents(atPath: path) else { continue }
      let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
      contents.append(.object(JSONObject([
        ("Etag", .string(Self.etag(Array(data)))), ("Key", .string(key)),
        ("LastModified", .integer(Int(modified?.timeIntervalSince1970 ?? 0))), ("Size", .integer(data.count)),
        ("StorageClass", "STANDARD"),
      ])))
    }
    return .succeeded(.object(JSONObject([("Contents", .array(contents))])))
  }

  /// The file for `key`, nil when the key is empty or would leave the bucket's directory.
  private func objectPath(_ bucketPath: String, _ key: String?) -> String? {
    guard let key, !key.isEmpty, !key.hasSuffix("/") else { return nil }
    let parts = key.split(separator: "/", omittingEmptySubsequences: false)
    guard !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else { return nil }
    return bucketPath + "/" + key
  }

  /// S3's ETag of a single-part object: the quoted hex MD5 of its bytes.
  private static func etag(_ bytes: [UInt8]) -> String {
    "\"" + Crypto.digest(bytes, algorithm: .md5).map { CFormat.string("%02x", $0) }.joined() + "\""
  }

  /// True when `path` names a directory, following a symbolic link (`dir/.` exists only for a directory).
  private static func isDirectory(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: path + "/.")
  }
}
