internal import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Settings for the libcurl transport.
public struct TransportOptions: Sendable {
  /// Seconds allowed to establish the connection (TCP and TLS).
  public var connectTimeout: Double = 60
  /// Seconds without any data received before the request is abandoned; 0 waits forever.
  public var readTimeout: Double = 60
  /// A PEM bundle of CA certificates to trust instead of the system's.
  public var caBundle: String?
  /// Skip TLS certificate and host name verification.
  public var verifyTLS: Bool = true
  /// The User-Agent header.
  public var userAgent: String = "sfn/\(SFNVersion.version)"
  /// Polled before and during transfers (libcurl's progress callback); true abandons the request as `.cancelled`.
  /// Never by default; the CLI passes its runtime's `Interrupt`.
  public var isCancelled: @Sendable () -> Bool = { false }

  /// Default options.
  public init() {}
}

/// Sends requests through one libcurl easy handle, reused so connections are kept alive.
public final class CurlTransport: HTTPTransport {
  private let handle: EasyHandle
  private let options: TransportOptions

  /// A transport with the given options.
  public init(options: TransportOptions = TransportOptions()) throws {
    CurlGlobal.initialize()
    guard let h = EasyHandle() else { throw TransportError.other(code: -1, message: "curl_easy_init failed") }
    handle = h
    self.options = options
    try handle.configure(options)
  }

  public func send(_ request: HTTPRequest, timeout: Double?) throws -> HTTPResponse {
    if options.isCancelled() { throw TransportError.cancelled }
    return try handle.perform(request, timeout: timeout, readTimeout: readTimeout(for: request))
  }

  /// The stall limit for `request`: the configured one, raised to the request's minimum (long polls); 0 is none.
  func readTimeout(for request: HTTPRequest) -> Double {
    guard options.readTimeout > 0 else { return 0 }
    return max(options.readTimeout, request.minimumReadTimeout ?? 0)
  }
}

/// Runs `curl_global_init` exactly once per process.
enum CurlGlobal {
  private static let once: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()
  static func initialize() { _ = once }
}

/// Collects the body and header lines of one transfer; passed to libcurl's callbacks as user data.
private final class TransferSink {
  /// Why the progress callback stopped the transfer.
  enum Abort { case cancelled, readTimeout }

  let isCancelled: () -> Bool
  let handle: UnsafeMutableRawPointer
  let readTimeout: Double
  var abort: Abort?
  private var bytesSeen: curl_off_t = -1
  private var lastActivity = Clock.monotonicSeconds()

  init(handle: UnsafeMutableRawPointer, readTimeout: Double, isCancelled: @escaping () -> Bool) {
    self.handle = handle
    self.readTimeout = readTimeout
    self.isCancelled = isCancelled
  }

  /// Decides from a progress report whether to go on: stops on Ctrl-C, or when nothing moved for `readTimeout`
  /// seconds once connected (libcurl's own low-speed check averages over a window and fires seconds late).
  func shouldAbort(transferred: curl_off_t) -> Bool {
    if isCancelled() {
      abort = .cancelled
      return true
    }
    var connectTime = 0.0
    _ = sfn_curl_getinfo_double(handle, CURLINFO_CONNECT_TIME, &connectTime)
    let now = Clock.monotonicSeconds()
    if transferred != bytesSeen || connectTime == 0 {
      bytesSeen = transferred
      lastActivity = now
    } else if readTimeout > 0, now - lastActivity > readTimeout {
      abort = .readTimeout
      return true
    }
    return false
  }
  var body: [UInt8] = []
  var headers: [(name: String, value: String)] = []
}

private let writeBody: sfn_curl_write_fn = { data, size, count, user in
  let n = size * count
  guard let data, let user else { return n }
  let sink = Unmanaged<TransferSink>.fromOpaque(user).takeUnretainedValue()
  data.withMemoryRebound(to: UInt8.self, capacity: n) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
  return n
}

private let writeHeader: sfn_curl_write_fn = { data, size, count, user in
  let n = size * count
  guard let data, let user else { return n }
  let sink = Unmanaged<TransferSink>.fromOpaque(user).takeUnretainedValue()
  let line = data.withMemoryRebound(to: UInt8.self, capacity: n) {
    String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
  }.trimmingWhitespace()
  if line.hasPrefix("HTTP/") {
    // A new status line (after 100-continue or a proxy CONNECT): drop earlier headers.
    sink.headers.removeAll()
  } else if let colon = line.firstIndex(of: ":") {
    let name = String(line[..<colon]).trimmingWhitespace()
    let value = String(line[line.index(after: colon)...]).trimmingWhitespace()
    sink.headers.append((name, value))
  }
  return n
}

/// Called by libcurl at least once a second during a transfer (also while waiting for data); non-zero aborts it.
private let progress: sfn_curl_xferinfo_fn = { user, _, downloaded, _, uploaded in
  guard let user else { return 0 }
  return Unmanaged<TransferSink>.fromOpaque(user).takeUnretainedValue()
    .shouldAbort(transferred: downloaded + uploaded) ? 1 : 0
}

/// Owns one `CURL*` handle; not thread-safe.
private final class EasyHandle {
  let raw: UnsafeMutableRawPointer
  private var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
  private var headerList: UnsafeMutablePointer<curl_slist>?
  private var isCancelled: () -> Bool = { false }

  init?() {
    guard let h = curl_easy_init() else { return nil }
    raw = h
  }

  deinit {
    if let headerList { curl_slist_free_all(headerList) }
    curl_easy_cleanup(raw)
  }

  private func check(_ code: CURLcode) throws {
    guard code != CURLE_OK else { return }
    throw TransportError.other(code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code)))
  }

  private func set(_ option: CURLoption, _ value: Int) throws { try check(sfn_curl_setopt_long(raw, option, value)) }

  private func set(_ option: CURLoption, _ value: String) throws {
    // libcurl copies string options (since 7.17), so a temporary C string is enough.
    try value.withCString { try check(sfn_curl_setopt_ptr(raw, option, $0)) }
  }


  func configure(_ o: TransportOptions) throws {
    try set(CURLOPT_NOSIGNAL, 1)
    try set(CURLOPT_CONNECTTIMEOUT_MS, Int(o.connectTimeout * 1000))
    isCancelled = o.isCancelled
    try set(CURLOPT_SSL_VERIFYPEER, o.verifyTLS ? 1 : 0)
    try set(CURLOPT_SSL_VERIFYHOST, o.verifyTLS ? 2 : 0)
    if let ca = o.caBundle { try set(CURLOPT_CAINFO, ca) }
    try set(CURLOPT_USERAGENT, o.userAgent)
    try set(CURLOPT_ACCEPT_ENCODING, "")  // every encoding this libcurl can decode
    try set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
    try set(CURLOPT_TCP_KEEPALIVE, 1)
    try errorBuffer.withUnsafeMutableBufferPointer {
      try check(sfn_curl_setopt_ptr(raw, CURLOPT_ERRORBUFFER, $0.baseAddress))
    }
    try check(sfn_curl_setopt_write(raw, CURLOPT_WRITEFUNCTION, writeBody))
    try check(sfn_curl_setopt_write(raw, CURLOPT_HEADERFUNCTION, writeHeader))
    try check(sfn_curl_setopt_xferinfo(raw, progress))
    try set(CURLOPT_NOPROGRESS, 0)
  }

  func perform(_ request: HTTPRequest, timeout: Double?, readTimeout: Double) throws -> HTTPResponse {
    try set(CURLOPT_URL, request.url.absoluteString)
    try set(CURLOPT_TIMEOUT_MS, timeout.map { Int($0 * 1000) } ?? 0)
    switch request.method {
    case "GET":
      try set(CURLOPT_HTTPGET, 1)
      try set(CURLOPT_NOBODY, 0)
      try check(sfn_curl_setopt_ptr(raw, CURLOPT_CUSTOMREQUEST, nil))
    case "HEAD":
      try set(CURLOPT_NOBODY, 1)
    default:
      try set(CURLOPT_NOBODY, 0)
      try set(CURLOPT_POST, 1)
      try check(sfn_curl_setopt_off(raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
      try request.body.withUnsafeBytes { try check(sfn_curl_setopt_ptr(raw, CURLOPT_COPYPOSTFIELDS, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1))) }
      try check(sfn_curl_setopt_ptr(raw, CURLOPT_CUSTOMREQUEST, request.method == "POST" ? nil : request.method))
    }
    try setHeaders(request.headers)

    let sink = TransferSink(handle: raw, readTimeout: readTimeout, isCancelled: isCancelled)
    let context = Unmanaged.passRetained(sink)
    defer { context.release() }
    try check(sfn_curl_setopt_ptr(raw, CURLOPT_WRITEDATA, context.toOpaque()))
    try check(sfn_curl_setopt_ptr(raw, CURLOPT_HEADERDATA, context.toOpaque()))
    try check(sfn_curl_setopt_ptr(raw, CURLOPT_XFERINFODATA, context.toOpaque()))
    errorBuffer[0] = 0
    let code = curl_easy_perform(raw)
    if code == CURLE_ABORTED_BY_CALLBACK, sink.abort == .readTimeout {
      throw TransportError.timeout(message: "no data for \(JSONWriter.format(number: readTimeout)) seconds")
    }
    guard code == CURLE_OK else { throw mapError(code, host: request.url.host ?? "") }
    var status = 0
    _ = sfn_curl_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &status)
    return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
  }

  private func setHeaders(_ headers: [(name: String, value: String)]) throws {
    if let headerList { curl_slist_free_all(headerList) }
    // "Expect:" stops libcurl from waiting for 100-continue on larger bodies.
    var list: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "Expect:")
    for (name, value) in headers {
      list = curl_slist_append(list, value.isEmpty ? "\(name);" : "\(name): \(value)")
    }
    headerList = list
    try check(sfn_curl_setopt_ptr(raw, CURLOPT_HTTPHEADER, list))
  }

  private func mapError(_ code: CURLcode, host: String) -> TransportError {
    let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    switch code {
    case CURLE_COULDNT_CONNECT: return .connectionRefused(host: host, message: message)
    case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .dnsFailure(host: host, message: message)
    case CURLE_OPERATION_TIMEDOUT: return .timeout(message: message)
    case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
      CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_ENGINE_NOTFOUND,
      CURLE_SSL_CRL_BADFILE, CURLE_USE_SSL_FAILED:
      return .tls(message: message)
    case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM,
      CURLE_BAD_CONTENT_ENCODING:
      return .connectionLost(message: message)
    case CURLE_ABORTED_BY_CALLBACK: return .cancelled
    default: return .other(code: Int(code.rawValue), message: message)
    }
  }
}
