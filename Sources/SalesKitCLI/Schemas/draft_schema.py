"""Drafts a JSON Schema (draft 2020-12) from sample outputs of one saleskit command.

Usage: python3 draft_schema.py TITLE OUT.schema.json SAMPLE.json [SAMPLE.json ...]

The draft is a starting point that a person then reviews and commits: every key present in all
samples is required, numbers may be null (the CLI's convention for a missing or undefined number),
other types are those seen. The committed schema, not this script, is the contract:
Tests/SalesKitCLITests/JSONSchemaTests.swift validates every command's JSON against it.
"""
import json
import sys


def kind(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def infer(values):
    """A schema accepting every value in `values` (a list of JSON values at one place)."""
    kinds = sorted({kind(v) for v in values})
    schema = {}
    types = set(kinds)
    if "number" in types:
        types.add("null")
    types = sorted(types)
    schema["type"] = types[0] if len(types) == 1 else types
    objects = [v for v in values if isinstance(v, dict)]
    if objects:
        keys = sorted({k for o in objects for k in o})
        schema["properties"] = {k: infer([o[k] for o in objects if k in o]) for k in keys}
        required = [k for k in keys if all(k in o for o in objects)]
        if required:
            schema["required"] = required
    arrays = [v for v in values if isinstance(v, list)]
    elements = [e for a in arrays for e in a]
    if elements:
        schema["items"] = infer(elements)
    return schema


def main():
    title, out, samples = sys.argv[1], sys.argv[2], sys.argv[3:]
    documents = [json.load(open(path)) for path in samples]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title}
    schema.update(infer(documents))
    schema["properties"]["version"] = {"type": "string"}
    with open(out, "w") as f:
        json.dump(schema, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
