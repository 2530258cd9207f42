#!/usr/bin/env python3
"""Validates report.json files against reports/report.schema.json (Draft 2020-12).

usage: check_report_schema.py SCHEMA REPORT.json...

Also checks that the schema is strict enough to fail: a copy of each report without its
seed_text, or with an unknown field, must be rejected. Exit 0 valid, 1 invalid, 77 (ctest's
skip) when python3-jsonschema is not installed. Offline: the schema is read from the repo.
"""
import copy
import json
import sys

try:
    import jsonschema
except ImportError:
    print("SKIP: python3-jsonschema is not installed (Debian: python3-jsonschema)")
    sys.exit(77)


def errors(validator, doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        found = errors(validator, report)
        for e in found[:20]:
            print(f"{path}: /{'/'.join(map(str, e.absolute_path))}: {e.message}")
        failed |= bool(found)
        broken = copy.deepcopy(report)
        del broken["run"]["seed_text"]
        broken["unexpected"] = True
        if len(errors(validator, broken)) < 2:
            print(f"{path}: the schema accepted a broken copy; it checks too little")
            failed = True
        if not found:
            print(f"{path}: valid ({len(report['scenarios'])} scenarios)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
