#!/usr/bin/env python3
"""Sends N requests with the same body over one kept-alive connection and checks every answer is 200.

    python3 count.py HOST:PORT PATH BODY_FILE N

Used by count.sh to drive the server under callgrind; prints the last answer's body length.
"""
import http.client
import sys

address, path, body_file, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
host, port = address.rsplit(":", 1)
with open(body_file, "rb") as f:
    body = f.read()
connection = http.client.HTTPConnection(host, int(port), timeout=600)
length = 0
for _ in range(count):
    connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    answer = response.read()
    if response.status != 200:
        sys.exit(f"error: {path} answered {response.status}")
    length = len(answer)
connection.close()
print(length)
