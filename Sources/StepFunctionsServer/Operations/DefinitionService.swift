import SFNJSON
import SFNKit

/// ValidateStateMachineDefinition: SFNKit's linter, answered with AWS's codes and JSON-pointer locations.
struct DefinitionService {
  /// Adds this service's operation to `table`.
  func register(into table: inout OperationTable) {
    table.register(.validateStateMachineDefinition) { input in
      let check = DefinitionCheck(input.required("definition"))
      return check.response(severity: input.string("severity") ?? "WARNING",
                            maxResults: input["maxResults"]?.intValue ?? 0)
    }
  }
}
