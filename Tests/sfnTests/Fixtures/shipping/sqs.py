"""SQS on the moto peer for the callback example: create (and empty) a queue, or wait for one message and print
its body.

Run with the peer's venv python (it has boto3): python sqs.py ENDPOINT create|receive QUEUE
"""
import sys

import boto3

endpoint, action, queue = sys.argv[1:4]
sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="testing", aws_secret_access_key="testing")
if action == "create":
    url = sqs.create_queue(QueueName=queue)["QueueUrl"]
    sqs.purge_queue(QueueUrl=url)  # an earlier run on the same peer may have left a message
    print(url)
else:
    url = sqs.get_queue_url(QueueName=queue)["QueueUrl"]
    for _ in range(6):
        messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=5, MaxNumberOfMessages=1).get("Messages", [])
        if messages:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=messages[0]["ReceiptHandle"])
            print(messages[0]["Body"])
            break
    else:
        sys.exit("no message on " + queue)
