"""What the boto3 scripts against sfn local share: a client, checks that stop at the first failure, and errors.

Each script prints one line per check and exits non-zero on the first failure, so the Swift test shows what broke.
"""
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ROLE = "arn:aws:iam::123456789012:role/test"


def client(endpoint, **config):
    """A Step Functions client for `endpoint` with test keys; no retries unless `config` says otherwise. Each has a
    session of its own, so threads may make clients at once."""
    options = {"retries": {"max_attempts": 1}}
    options.update(config)
    return boto3.session.Session().client("stepfunctions", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="local",
                        aws_secret_access_key="local-secret", config=Config(**options))


def check(label, condition, detail=""):
    """Prints the check; exits at the first failure, with `detail` to show what was seen."""
    print(("ok   " if condition else "FAIL ") + label + ("" if condition or detail == "" else f": {detail}"))
    if not condition:
        sys.exit(1)


def error_code(call, **kwargs):
    """(code, message, HTTP status) of the error `call(**kwargs)` must raise."""
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    raise AssertionError(f"{call.__name__} did not fail")
