#!/usr/bin/env python3
"""tools/tidy finds each house-rule breach it names, passes a clean tree, honours its
baseline and fails on a stale baseline line. Runs tidy on small git trees it writes."""

import pathlib
import subprocess
import sys
import tempfile

TIDY = pathlib.Path(sys.argv[1])
failures = []
checks = []


def tree(files, baseline=None):
    root = pathlib.Path(tempfile.mkdtemp(prefix="pfms-tidy-"))
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    if baseline is not None:
        (root / "tools").mkdir(exist_ok=True)
        (root / "tools" / "tidy-baseline").write_text(baseline)
    return root


def tidy(root):
    run = subprocess.run([sys.executable, str(TIDY), str(root)], capture_output=True, text=True)
    return run.returncode, run.stdout


def check(name, condition, output=""):
    checks.append(name)
    if not condition:
        failures.append(name)
        print(f"FAILED: {name}\n{output}")


def function(name, body_lines):
    return f"void {name}() {{\n" + "  step();\n" * body_lines + "}\n"


clean = {
    "actors/core/money_rules.cpp": '#include "events/money.hpp"\n' + function("short_one", 60),
    "http/routes.cpp": '#include "actors/user.hpp"\n#include <caf/all.hpp>\n'
                       'auto table = [] { return 1; };\nvoid f() { ignore_error(g(), "why"); }\n',
    "events/rocksdb/store.cpp": "#include <rocksdb/db.h>\nint n = 1'000'000;\n"
                        'const char* s = "(void) x; {";\n',
}
code, out = tidy(tree(clean))
check("a clean tree passes", code == 0, out)

broken = {
    "actors/core/rules.cpp": "#include <caf/all.hpp>\n#include <rocksdb/db.h>\n",
    "events/money.cpp": '#include "http/runtime/router.hpp"\n',
    "projections/index.cpp": '#include "cluster/runtime/placement.hpp"\n',
    "http/long.cpp": "namespace pfms {\nnamespace {\n" + function("too_long", 71) + "}\n}\n",
    "cluster/big.cpp": "int x;\n" * 401,
    "actors/drop.cpp": "void f() {\n  (void) store.append();\n  std::ignore = g();\n}\n",
    "tools/bench.cpp": "#include <rocksdb/db.h>\n",
    "events/ids.cpp": "#include <rocksdb/db.h>\n",
}
code, out = tidy(tree(broken))
check("a broken tree fails", code == 1, out)
expected = {
    "core-impure": "actors/core/rules.cpp:1:",
    "layer-arrow": "events/money.cpp:1:",
    "function-lines": "http/long.cpp:3:",
    "file-lines": "cluster/big.cpp:1:",
    "dropped-result": "actors/drop.cpp:2:",
    "rocksdb-outside": "tools/bench.cpp:1:",
}
for rule, place in expected.items():
    check(f"{rule} is found", f"{place} {rule}:" in out, out)
check("projections may not include cluster", "projections/index.cpp:1: layer-arrow" in out, out)
check("events/ outside its rocksdb/ folder may not include RocksDB",
      "events/ids.cpp:1: rocksdb-outside" in out, out)
check("std::ignore counts as dropped", "actors/drop.cpp:3: dropped-result" in out, out)

baselined = tree({"tools/bench.cpp": "#include <rocksdb/db.h>\n"},
                 "# known\nrocksdb-outside\ttools/bench.cpp\trocksdb/db.h\n")
code, out = tidy(baselined)
check("a baselined finding passes", code == 0, out)
stale = tree({}, "rocksdb-outside\ttools/bench.cpp\trocksdb/db.h\n")
code, out = tidy(stale)
check("a stale baseline line fails", code == 1 and "matches nothing now" in out, out)

print(f"{len(checks) - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
