#!/usr/bin/env python3
"""SQS helper for callback tests against the moto peer (run with the peer venv's python, which has boto3).

    sqs_token.py ENDPOINT create NAME      prints the queue URL
    sqs_token.py ENDPOINT receive URL      waits for one message and prints its "token" member
"""
import json
import sys

import boto3

endpoint, command, arg = sys.argv[1:4]
sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="testing", aws_secret_access_key="testing")
if command == "create":
    print(sqs.create_queue(QueueName=arg)["QueueUrl"])
else:
    for _ in range(20):
        messages = sqs.receive_message(QueueUrl=arg, WaitTimeSeconds=1, MaxNumberOfMessages=1).get("Messages", [])
        if messages:
            print(json.loads(messages[0]["Body"])["token"])
            sys.exit(0)
    sys.exit("no message")
