#!/usr/bin/env python3
"""Generates python-numbers.json: how Python (and so the AWS CLI) reads and writes JSON numbers.

Run with the Python the AWS CLI uses: python3 generate.py > python-numbers.json
- repr: float bit patterns (hex) and Python's repr of each.
- roundTrip: JSON texts and json.dumps(json.loads(text)).
- jmespath: expressions over JSON data and json.dumps of jmespath.py's result.
"""
import json
import math
import random
import struct

import jmespath

rng = random.Random(20261125)


def bits(x):
    return struct.pack(">d", x).hex()


floats = [0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 2.5, 100.0, 1e15, 1e16, 1e17, 9999999999999998.0, 1e-4, 1e-5,
          0.00012345, 0.000012345, 1.5e300, 1e-7, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
          9007199254740992.0, 9007199254740993.0, 123456789012345678.0, 1234567890123456.7, 0.3, 2 / 3, math.pi]
floats += [10.0 ** e for e in range(-30, 31)] + [2.0 ** e for e in range(-60, 80, 3)]
floats += [float(n) for n in (12345678901234567890, 2 ** 63, -2 ** 63, 2 ** 64 + 2 ** 12)]
for _ in range(1000):  # arbitrary bit patterns: every exponent, full-length digit strings
    x = struct.unpack(">d", rng.getrandbits(64).to_bytes(8, "big"))[0]
    if math.isfinite(x):
        floats.append(x)
for _ in range(1000):  # short decimals near the positional/exponent boundaries and everywhere else
    digits = rng.randint(1, 17)
    mantissa = rng.randint(1, 10 ** digits - 1)
    exponent = rng.choice([rng.randint(-25, 25), rng.randint(-320, 300)])
    x = float(f"{mantissa}e{exponent}") * rng.choice([1, -1])
    if math.isfinite(x):
        floats.append(x)

round_trip = ["0", "-0", "7", "-7", "12345678901234567890", "-12345678901234567890", "9223372036854775807",
              "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "1" + "0" * 40,
              "1.0", "-1.0", "0.0", "-0.0", "0.1", "1e-7", "1E5", "1e+2", "1.5e300", "2.50", "100.0", "1e16",
              "1.0e15", "0.00001", "123456789012345678901234567890.5", "5e-324", "1e-400",
              '{"big": 12345678901234567890, "f": 1.0, "x": 0.5, "n": [1, 1.0, -0, -0.0, 1e2]}']

jmespath_cases = [
    ("avg(@)", "[1, 1]"), ("avg(@)", "[1, 2]"), ("avg(@)", "[1.5, 2.5]"), ("avg(@)", "[]"),
    ("sum(@)", "[1, 2]"), ("sum(@)", "[1, 2.0]"), ("sum(@)", "[]"), ("sum(@)", "[0.1, 0.2]"),
    ("sum(@)", "[9223372036854775807, 1]"), ("sum(@)", "[12345678901234567890, 1]"),
    ("sum(@)", "[-12345678901234567890, 12345678901234567891]"),
    ("abs(@)", "-3"), ("abs(@)", "-3.0"), ("abs(@)", "-12345678901234567890"), ("abs(@)", "-9223372036854775808"),
    ("ceil(@)", "1.5"), ("ceil(@)", "1"), ("ceil(@)", "-1.5"), ("ceil(@)", "1e300"), ("floor(@)", "1.5"),
    ("floor(@)", "-0.5"), ("floor(@)", "12345678901234567890"), ("floor(@)", "1.5e20"),
    ("max(@)", "[1, 2.0, 2]"), ("max(@)", "[12345678901234567890, 12345678901234567891]"),
    ("min(@)", "[1.0, 1]"), ("sort(@)", "[3, 1.0, 2, 12345678901234567891, 12345678901234567890]"),
    ("to_number(@)", '"1.0"'), ("to_number(@)", '"1"'), ("to_number(@)", '"12345678901234567890"'),
    ("to_number(@)", '"1e3"'), ("to_number(@)", '" 42 "'), ("to_number(@)", '"-0"'), ("to_number(@)", "1.0"),
    ("to_string(@)", "1.0"), ("to_string(@)", "[1, 1.0, 12345678901234567890]"),
    ("length(@)", '"abc"'), ("@", "[1.0, 1, 0.5, 1e-7, 1.5e300, -0.0]"),
    ("[?a > `1`].a", '[{"a": 1.5}, {"a": 1}, {"a": 2}]'), ("[?a == `1`].a", '[{"a": 1.0}, {"a": 1}]'),
    ("max_by(@, &a).a", '[{"a": 1}, {"a": 1.0}]'), ("sort_by(@, &a)[].a", '[{"a": 2}, {"a": 1.0}, {"a": 1}]'),
]

sections = {
    "repr": [{"bits": bits(x), "repr": repr(x)} for x in floats],
    "roundTrip": [{"input": t, "output": json.dumps(json.loads(t))} for t in round_trip],
    "jmespath": [{"expression": e, "data": d, "result": json.dumps(jmespath.search(e, json.loads(d)))}
                 for e, d in jmespath_cases],
}
# One case per line: small diffs when cases change.
print("{\n" + ",\n".join(
    json.dumps(name) + ": [\n" + ",\n".join(" " + json.dumps(case) for case in cases) + "\n]"
    for name, cases in sections.items()) + "\n}")
