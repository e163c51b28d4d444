"""Validates data packages with the Frictionless framework (the Python `frictionless` package,
installed by tests/install-deps.sh), as a reuser of the open data would.

Usage: python3 frictionless_validate.py PACKAGE.json...
Prints one JSON line per package: {"path", "valid", "errors": [...]}; exits 1 when any package is
invalid (or cannot be read), 0 when all are valid.
"""
import json
import sys

from frictionless import validate

failed = False
for path in sys.argv[1:]:
    try:
        report = validate(path)
        errors = [
            {"resource": task.name, "type": e.type, "message": e.message}
            for task in report.tasks
            for e in task.errors
        ] + [{"resource": None, "type": e.type, "message": e.message} for e in report.errors]
        valid = report.valid
    except Exception as e:  # a descriptor Frictionless cannot even read is invalid too
        errors, valid = [{"resource": None, "type": "exception", "message": str(e)}], False
    failed |= not valid
    print(json.dumps({"path": path, "valid": valid, "errors": errors}, ensure_ascii=False))
sys.exit(1 if failed else 0)
