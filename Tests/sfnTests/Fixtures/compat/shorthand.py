"""Parses command-line values with the AWS CLI's own argument processing (shorthand included).

Reads [{"command": "create-state-machine", "flag": "tags", "value": "..." or ["word", ...]}, ...] on stdin and
prints a JSON list: for each case {"value": <the request member>} or {"error": "<message>"}.
"""
import json
import sys

from awscli.clidriver import create_clidriver

operations = create_clidriver()._get_command_table()["stepfunctions"]._get_command_table()
results = []
for case in json.load(sys.stdin):
    argument = operations[case["command"]].arg_table[case["flag"]]
    params = {}
    try:
        argument.add_to_params(params, case["value"])
        results.append({"value": next(iter(params.values()))})
    except Exception as e:  # the AWS CLI reports these as parameter errors
        results.append({"error": str(e)})
print(json.dumps(results))
