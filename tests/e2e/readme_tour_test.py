#!/usr/bin/env python3
"""The README's quick tour, run as pasted (bash, the block between its tour
markers) against a fresh pfmsd: every step answers 2xx, and what the tour
shows is what it did. Usage: readme_tour_test.py README.md (PFMSD and PFMSCTL
in the environment, as meson's test_env sets them)."""

import os
import re
import select
import subprocess
import sys
import tempfile
import time


def tour_of(readme):
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    found = re.search(r"<!-- tour begins -->\n```sh\n(.*?)```\n<!-- tour ends -->", text, re.S)
    if not found:
        sys.exit("README.md has no tour between <!-- tour begins --> and <!-- tour ends -->")
    return found.group(1)


def start_node(data):
    """pfmsd on loopback ports of its own choosing; its HTTP port once ready."""
    log = open(data + ".log", "w", encoding="utf-8")
    node = subprocess.Popen([os.environ["PFMSD"], "--data-dir", data, "--http-listen",
                             "127.0.0.1:0", "--admin-listen", "127.0.0.1:0"],
                            stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
                            text=True)
    ready, _, _ = select.select([node.stdout], [], [], 30)
    line = node.stdout.readline() if ready else ""
    port = re.search(r"http=127\.0\.0\.1:(\d+)", line)
    if not port:
        node.kill()
        sys.exit("pfmsd did not say it was ready: " + repr(line))
    return node, int(port.group(1))


def main():
    script = tour_of(sys.argv[1])
    failures = []
    checked = []

    def check(ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        checked.append(what)
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        node, port = start_node(data)
        try:
            env = dict(os.environ, PFMS_URL=f"http://127.0.0.1:{port}", PFMS_DATA=data)
            started = time.monotonic()
            run = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], env=env,
                                 stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                 timeout=120, cwd=tmp)
            print(run.stdout)
            print(run.stderr, file=sys.stderr)
            check(run.returncode == 0, f"the tour ran to its end (exit {run.returncode})")
            check(run.stderr.strip() == "", "no step wrote an error")
            out = run.stdout
            check('"category":"groceries"' in out and '"amount_minor":1250' in out,
                  "the expense is read back at its own URL")
            check('"status":"completed"' in out, "the transfer completed")
            check('"balance_minor":8250' in out and '"balance_minor":500' in out,
                  "the accounts list shows both balances after the expense and the transfer")
            check('"kind":"transfer"' in out, "the history lists the transfer")
            check('"name":"Trip"' in out, "the group was created")
            check(out.count('"due_on"') >= 12, "the loan's schedule lists its twelve installments")
            check("ledger clean:" in out and ", 0 findings" in out,
                  "pfmsctl verify finds the store and the ledger clean")
            check('"type":"AccountOpened"' in out, "pfmsctl replay shows the account's events")
            check(node.poll() is None, "the node is still serving")
            print(f"tour took {time.monotonic() - started:.1f} s")
        finally:
            node.kill()
            node.wait()
    print(f"{len(checked) - len(failures)} checks passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
