import ArgumentParser
import SFNKit

/// `sfn whoami`: the identity the resolved credentials belong to (STS GetCallerIdentity).
struct Whoami: RuntimeCommand {
  static let configuration = CommandConfiguration(
    commandName: "whoami",
    abstract: "Show the account, ARN and user id of the credentials sfn would use (STS GetCallerIdentity).",
    discussion: """
      Prints {"UserId", "Account", "Arn"} like `aws sts get-caller-identity`: JSON when stdout is not a terminal, \
      a short table on a terminal. STS is reached at its regional endpoint, or at AWS_ENDPOINT_URL_STS, \
      AWS_ENDPOINT_URL or the profile's services section `sts` when set (--endpoint-url is for Step Functions only).
      """)

  @OptionGroup var global: GlobalOptions

  func run(_ runtime: Runtime) throws {
    let context = CommandContext(runtime, global: global)
    let setup = try context.setup()
    let credentials = try setup.credentialChain.resolve().credentials
    let identity = try setup.callerIdentity(credentials)
    try context.printer().print(.object(JSONObject([
      ("UserId", .string(identity.userId)), ("Account", .string(identity.account)), ("Arn", .string(identity.arn)),
    ])))
  }
}
