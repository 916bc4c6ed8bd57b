"""Deterministic inputs for the JSONata benchmark rows (bench/jsonata/cases.json), shared by every engine.

write_inputs(directory) writes one JSON file per input name; the Swift benchmark and bench/jsonata/engines.py
read the same files, so every engine evaluates the same bytes. No randomness: values come from arithmetic.
"""
import json
import os

STATUSES = ["open", "shipped", "delivered", "returned"]


def order():
    """About 100 KB: an order with its customer and 920 lines, as a Step Functions state's input."""
    lines = [{"line": i, "sku": "SKU-%05d" % (i * 37 % 100000), "qty": i % 9 + 1, "price": (i * 7919 % 10007) / 100,
              "status": STATUSES[i % 4], "tags": ["t%d" % (i % 5), "w%d" % (i % 3)], "warehouse": "WH-%02d" % (i % 12)}
             for i in range(920)]
    return {"order": {"id": "ORD-000123", "placed": "2026-11-25T14:31:55Z",
                      "customer": {"id": "C-42", "name": "Ada Lovelace", "email": "ada@example.com",
                                   "address": {"street": "12 St James's Square", "city": "London", "zip": "SW1Y 4JH",
                                               "country": "GB"}},
                      "lines": lines},
            "metadata": {"source": "bench", "version": 3}}


def items():
    """10,000 items, as a Map state's input."""
    return {"items": [{"id": i, "sku": "SKU-%05d" % (i * 37 % 100000), "qty": i % 9 + 1,
                       "price": (i * 7919 % 10007) / 100, "status": STATUSES[i % 4]} for i in range(10000)]}


def values():
    """100,000 numbers with two decimals."""
    return {"values": [(i * 7919 % 10007) / 100 for i in range(100000)]}


def small():
    return {"xs": [1, 2, 3]}


GENERATORS = {"order": order, "items": items, "values": values, "small": small}


def write_inputs(directory):
    """Writes DIRECTORY/NAME.json for every input; returns {name: size in bytes}."""
    os.makedirs(directory, exist_ok=True)
    sizes = {}
    for name, make in GENERATORS.items():
        path = os.path.join(directory, name + ".json")
        with open(path, "w") as f:
            json.dump(make(), f, separators=(",", ":"))
        sizes[name] = os.path.getsize(path)
    return sizes


if __name__ == "__main__":
    import sys
    print(json.dumps(write_inputs(sys.argv[1] if len(sys.argv) > 1 else "inputs")))
