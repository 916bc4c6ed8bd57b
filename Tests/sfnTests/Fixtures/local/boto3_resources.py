"""Drives sfn local with boto3 (argv[1] is the endpoint): resources, paging, errors and concurrent clients.

"""
import json
import sys
import threading

from local_client import ROLE, check, error_code
from local_client import client as make_client

endpoint = sys.argv[1]
client = make_client(endpoint)
PASS = json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}})


arns = [client.create_state_machine(name=f"boto-{i}", definition=PASS, roleArn=ROLE)["stateMachineArn"]
        for i in range(7)]
pages = list(client.get_paginator("list_state_machines").paginate(PaginationConfig={"PageSize": 3}))
listed = [m["stateMachineArn"] for p in pages for m in p["stateMachines"]]
check("list_state_machines pages of 3", len(pages) == 3 and listed == arns)

described = client.describe_state_machine(stateMachineArn=arns[0])
check("describe_state_machine", described["definition"] == PASS and described["type"] == "STANDARD"
      and described["creationDate"].year >= 2020)

code = error_code(client.describe_state_machine, stateMachineArn=arns[0] + "-missing")
check("StateMachineDoesNotExist", code[0] == "StateMachineDoesNotExist" and code[2] == 400)
code = error_code(client.create_state_machine, name="a b", definition=PASS, roleArn=ROLE)
check("InvalidName", code[0] == "InvalidName")
code = error_code(client.create_state_machine, name="broken", roleArn=ROLE,
                  definition=json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Z"}}}))
check("InvalidDefinition", code[0] == "InvalidDefinition" and "MISSING_TRANSITION_TARGET" in code[1])
code = error_code(client.list_state_machines, nextToken="bogus")
check("InvalidToken", code[0] == "InvalidToken")
code = error_code(client.describe_activity, activityArn=arns[0])
check("InvalidArn", code[0] == "InvalidArn")

update = client.update_state_machine(stateMachineArn=arns[0], roleArn=ROLE + "2", publish=True,
                                     versionDescription="second role")
check("update_state_machine publishes", update["stateMachineVersionArn"] == arns[0] + ":1")
v2 = client.publish_state_machine_version(stateMachineArn=arns[0])
check("publish unchanged answers the latest", v2["stateMachineVersionArn"] == arns[0] + ":1")
client.update_state_machine(stateMachineArn=arns[0], definition=PASS.replace('"A"', '"B"'))
v2 = client.publish_state_machine_version(stateMachineArn=arns[0], description="renamed")
check("publish after a change", v2["stateMachineVersionArn"] == arns[0] + ":2")
versions = client.list_state_machine_versions(stateMachineArn=arns[0])["stateMachineVersions"]
check("list_state_machine_versions newest first",
      [v["stateMachineVersionArn"] for v in versions] == [arns[0] + ":2", arns[0] + ":1"])

alias = client.create_state_machine_alias(name="live", routingConfiguration=[
    {"stateMachineVersionArn": arns[0] + ":1", "weight": 90},
    {"stateMachineVersionArn": arns[0] + ":2", "weight": 10}])["stateMachineAliasArn"]
check("create_state_machine_alias", alias == arns[0] + ":live")
check("describe_state_machine_alias",
      len(client.describe_state_machine_alias(stateMachineAliasArn=alias)["routingConfiguration"]) == 2)
code = error_code(client.delete_state_machine_version, stateMachineVersionArn=arns[0] + ":1")
check("version behind an alias is kept", code[0] == "ConflictException")
client.update_state_machine_alias(stateMachineAliasArn=alias, routingConfiguration=[
    {"stateMachineVersionArn": arns[0] + ":2", "weight": 100}])
client.delete_state_machine_version(stateMachineVersionArn=arns[0] + ":1")
check("list_state_machine_aliases",
      [a["stateMachineAliasArn"] for a in client.list_state_machine_aliases(stateMachineArn=arns[0])
       ["stateMachineAliases"]] == [alias])
client.delete_state_machine_alias(stateMachineAliasArn=alias)
code = error_code(client.describe_state_machine_alias, stateMachineAliasArn=alias)
check("deleted alias is ResourceNotFound", code[0] == "ResourceNotFound")

client.tag_resource(resourceArn=arns[1], tags=[{"key": "team", "value": "a"}, {"key": "env", "value": "dev"}])
client.untag_resource(resourceArn=arns[1], tagKeys=["env"])
check("tags", client.list_tags_for_resource(resourceArn=arns[1])["tags"] == [{"key": "team", "value": "a"}])

validation = client.validate_state_machine_definition(
    definition=json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Z"}}}))
check("validate_state_machine_definition", validation["result"] == "FAIL" and any(
    d["code"] == "MISSING_TRANSITION_TARGET" and d["location"] == "/States/A/Next" for d in validation["diagnostics"]))

# Concurrent clients: 16 threads create 10 activities each, every one answered, none lost.
errors = []


def worker(n):
    own = make_client(endpoint)
    for i in range(10):
        try:
            own.create_activity(name=f"act-{n}-{i}")
        except Exception as e:  # noqa: BLE001 - every failure is reported
            errors.append(repr(e))


threads = [threading.Thread(target=worker, args=(n,)) for n in range(16)]
for t in threads:
    t.start()
for t in threads:
    t.join()
activities = [a for p in client.get_paginator("list_activities").paginate() for a in p["activities"]]
check("160 concurrent creates, none lost", not errors and len(activities) == 160)
check("describe_activity", client.describe_activity(activityArn=activities[0]["activityArn"])["name"]
      == activities[0]["name"])
client.delete_activity(activityArn=activities[0]["activityArn"])
code = error_code(client.describe_activity, activityArn=activities[0]["activityArn"])
check("ActivityDoesNotExist after delete", code[0] == "ActivityDoesNotExist")

client.delete_state_machine(stateMachineArn=arns[0])
code = error_code(client.describe_state_machine, stateMachineArn=arns[0] + ":2")
check("versions go with their machine", code[0] == "StateMachineDoesNotExist")
print("done")
