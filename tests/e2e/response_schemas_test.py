#!/usr/bin/env python3
"""Every response the end-to-end suites received, checked against
docs/openapi.yaml with a JSON Schema validator (Draft 2020-12, python3-jsonschema):
its route and status are documented, and its body fits the documented schema.

The suites' HTTP client writes each exchange to E2E_RESPONSE_LOG (one JSON line
per response, a file per process); meson runs this test after them (lowest
priority, alone). It reads and removes those files.
Usage: response_schemas_test.py docs/openapi.yaml LOG_DIR"""

import glob
import json
import os
import re
import sys

import jsonschema


def inline(node, doc):
    """`node` with every local $ref replaced by what it names (pfms's document has no cycles)."""
    if isinstance(node, list):
        return [inline(x, doc) for x in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = doc
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return inline(target, doc)
    return {k: inline(v, doc) for k, v in node.items()}


def templates_of(doc):
    """(pattern, template) for each documented path, the most literal first."""
    out = []
    for template in doc["paths"]:
        parts = template.strip("/").split("/")
        regex = "/" + "/".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
        literal = sum(1 for p in parts if not p.startswith("{"))
        out.append((re.compile(regex + "$"), template, literal))
    out.sort(key=lambda t: -t[2])
    return [(p, t) for p, t, _ in out]


def schema_for(doc, exchange, templates):
    """(where, schema or None, problem) for one exchange; where is None when not documented here."""
    path = exchange["path"].split("?")[0]
    status = str(exchange["status"])
    problem = inline(doc["components"]["schemas"]["Problem"], doc)
    template = next((t for p, t in templates if p.match(path)), None)
    if template is None or exchange["method"].lower() not in doc["paths"][template]:
        # Another listener's route (admin, metrics), or an answer before routing.
        return None, problem if exchange["status"] >= 400 else None, None
    where = f'{exchange["method"]} {template} {status}'
    responses = doc["paths"][template][exchange["method"].lower()]["responses"]
    if status not in responses:
        return where, None, "the status is not documented"
    response = inline(responses[status], doc)
    content = response.get("content", {})
    media = exchange["content_type"].split(";")[0].strip()
    if not content:
        return where, None, None if exchange["body"] == "" else "a body where none is documented"
    if media not in content:
        return where, None, f"content type {media!r} is not documented"
    return where, content[media].get("schema", {}), None


def main():
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    files = sorted(glob.glob(os.path.join(sys.argv[2], "*.jsonl")))
    exchanges = []
    for name in files:
        with open(name, encoding="utf-8") as f:
            exchanges += [json.loads(line) for line in f if line.strip()]
        os.remove(name)
    if not exchanges:
        sys.exit("no responses were recorded: run the e2e suites first (meson test runs them before this)")
    templates = templates_of(doc)
    failures = {}
    checked = 0
    routes = set()
    for x in exchanges:
        where, schema, problem = schema_for(doc, x, templates)
        label = where or f'{x["method"]} (not routed) {x["status"]}'
        if problem is None and schema is not None:
            try:
                body = json.loads(x["body"])
                errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(body),
                                key=lambda e: list(e.path))
                problem = errors[0].message + " at " + "/".join(map(str, errors[0].path)) if errors else None
            except json.JSONDecodeError:
                problem = "the body is not JSON"
        if where is None and schema is None:
            continue
        checked += 1
        if where:
            routes.add(where.rsplit(" ", 1)[0])
        if problem:
            failures.setdefault((label, problem), x)
    for (label, problem), x in sorted(failures.items()):
        print(f"FAIL {label}: {problem}\n     {x['path']} -> {x['body'][:300]}")
    print(f"{checked} responses checked on {len(routes)} operations and statuses, "
          f"from {len(files)} processes: {len(failures)} distinct failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
