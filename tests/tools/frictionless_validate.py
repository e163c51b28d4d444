"""Validates data packages with the Frictionless framework (the Python `frictionless` package,
installed by tests/install-deps.sh), as a reuser of the open data would.

Usage: python3 frictionless_validate.py [--site BASE_URL DIR] PACKAGE.json...
Prints one JSON line per package: {"path", "valid", "errors": [...]}; exits 1 when any package is
invalid (or cannot be read), 0 when all are valid.

With --site, a URL under BASE_URL (a report package's schemas, published once in data/) is
answered from the built site in DIR, as the site's host would answer it, instead of over the
network: a file missing there is a 404, which fails the package.
"""
import io
import json
import os
import sys

import requests
import urllib3
from frictionless import system, validate


class SiteAdapter(requests.adapters.BaseAdapter):
    """Answers GET requests for BASE_URL/<path> with DIR/<path>."""

    def __init__(self, base, folder):
        super().__init__()
        self.base, self.folder = base, folder

    def send(self, request, **kwargs):
        response = requests.Response()
        response.url, response.request = request.url, request
        path = os.path.join(self.folder, request.url[len(self.base):].split("?")[0])
        body, response.status_code = b"", 404
        if os.path.isfile(path):
            with open(path, "rb") as f:
                body, response.status_code = f.read(), 200
        # Frictionless streams the body (response.raw), as from a real connection.
        response.raw = urllib3.response.HTTPResponse(body=io.BytesIO(body), status=response.status_code, preload_content=False)
        return response

    def close(self):
        pass


args = sys.argv[1:]
session = requests.Session()
if args[:1] == ["--site"]:
    session.mount(args[1], SiteAdapter(args[1], args[2]))
    args = args[3:]

failed = False
for path in args:
    try:
        with system.use_context(http_session=session):
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
