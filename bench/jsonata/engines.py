#!/usr/bin/env python3
"""The Python side of the JSONata benchmark: the rows of cases.json in jsonata-python or jsonatapy.

Run with the venv bench/run makes (.build/bench-jsonata-venv). Measures like bench/jsonata/main.swift: median
nanoseconds of process CPU time per parse and per evaluation over several batches sized to about 5 ms each (one
call when slower), and prints one JSON object per row with the result, so bench.py can check every engine computed the same value.

  engines.py ENGINE CASES.json INPUT-DIR [BATCHES]     ENGINE: jsonata-python or jsonatapy
"""
import json
import os
import sys
import time


def measure(body, batches):
    """Median CPU ns per call of body() (the process's CPU time, so a busy machine does not inflate it)."""
    n = 1
    while True:
        t0 = time.process_time_ns()
        for _ in range(n):
            body()
        if time.process_time_ns() - t0 > 5_000_000 or n >= 1 << 20:
            break
        n *= 2
    samples = []
    for _ in range(batches):
        t0 = time.process_time_ns()
        for _ in range(n):
            body()
        samples.append((time.process_time_ns() - t0) / n)
    samples.sort()
    return samples[len(samples) // 2]


class JsonataPython:
    """jsonata-python (pure Python): Jsonata(text) parses, .evaluate(data) on the loaded Python objects."""

    def __init__(self):
        import jsonata
        self.jsonata = jsonata

    def data(self, text):
        return json.loads(text)

    def parse(self, expression):
        return self.jsonata.Jsonata(expression)

    def evaluate(self, compiled, data):
        return compiled.evaluate(data)


class JsonataPy:
    """jsonatapy (Rust): compile(text) parses; evaluate_with_data on a JsonataData handle converted once, its
    fastest documented path (the Swift side also converts the input to its own values once)."""

    def __init__(self):
        import jsonatapy
        self.jsonatapy = jsonatapy

    def data(self, text):
        return self.jsonatapy.JsonataData.from_json(text)

    def parse(self, expression):
        return self.jsonatapy.compile(expression)

    def evaluate(self, compiled, data):
        return compiled.evaluate_with_data(data)


ENGINES = {"jsonata-python": JsonataPython, "jsonatapy": JsonataPy}


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ENGINES:
        sys.exit(__doc__)
    engine = ENGINES[sys.argv[1]]()
    cases = json.load(open(sys.argv[2]))
    batches = int(sys.argv[4]) if len(sys.argv) > 4 else 11
    inputs = {}
    for row in cases:
        if row["input"] not in inputs:
            with open(os.path.join(sys.argv[3], row["input"] + ".json")) as f:
                inputs[row["input"]] = engine.data(f.read())
        data = inputs[row["input"]]
        expression = row["expression"]
        parse = measure(lambda: engine.parse(expression), batches)
        compiled = engine.parse(expression)
        evaluate = measure(lambda: engine.evaluate(compiled, data), batches)
        print(json.dumps({"name": row["name"], "parse_ns": int(parse), "evaluate_ns": int(evaluate),
                          "result": engine.evaluate(compiled, data)}), flush=True)


if __name__ == "__main__":
    main()
