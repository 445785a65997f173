#!/usr/bin/env python3
# scripts/test-summary.py: one summary over the meson test logs of several build dirs.
#
# Usage: test-summary.py BUILD:STATUS ...   (STATUS: "ok", or why the build could not run tests)
#
# Reads BUILD/meson-logs/testlog.json (one JSON object per test). A test whose output has
# Check's "Checks: N, Failures: F, Errors: E" lines counts as its N checks, F+E of them
# failed; if meson still judged it bad (a crash or a leak report after the summary, a
# timeout) and Check reported no failure, that adds one failure. Any other test (a shell
# script) counts as one result. A build that could not run its tests counts as one failure.
# Prints each build's Check lines and totals, then the plain line "N passed, N failed"
# (", N skipped" when some were) last. Exits 1 if anything failed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import sys

CHECK_RE = re.compile(r'(\d+%: )?Checks: (\d+), Failures: (\d+), Errors: (\d+)')
GOOD = {'OK', 'EXPECTEDFAIL'}


def summarize(build, status):
    """Returns (passed, failed, skipped, lines to print) for one build dir."""
    lines = []
    if status != 'ok':
        return 0, 1, 0, ['  %s: %s' % (build, status)]
    path = os.path.join(build, 'meson-logs', 'testlog.json')
    if not os.path.exists(path):
        return 0, 0, 0, ['  %s: no tests ran (no %s)' % (build, path)]
    passed = failed = skipped = 0
    with open(path, encoding='utf-8', errors='replace') as f:
        for raw in f:
            raw = raw.strip()
            if not raw:
                continue
            try:
                test = json.loads(raw)
            except ValueError:
                failed += 1
                lines.append('  %s: unreadable line in %s' % (build, path))
                continue
            name = test.get('name', '?')
            result = test.get('result', 'ERROR')
            output = (test.get('stdout') or '') + '\n' + (test.get('stderr') or '')
            checks = CHECK_RE.findall(output)
            if checks:
                total = sum(int(c[1]) for c in checks)
                bad = sum(int(c[2]) + int(c[3]) for c in checks)
                for c in checks:
                    lines.append('  %s: %s: %sChecks: %s, Failures: %s, Errors: %s'
                                 % (build, name, c[0], c[1], c[2], c[3]))
                if result not in GOOD and bad == 0:
                    bad = 1
                    lines.append('  %s: %s: %s after its checks passed' % (build, name, result))
                passed += total - min(bad, total)
                failed += bad
            elif result in GOOD:
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
                lines.append('  %s: %s: %s' % (build, name, result))
    lines.append('  %s: total %d passed, %d failed, %d skipped' % (build, passed, failed, skipped))
    return passed, failed, skipped, lines


def main(argv):
    passed = failed = skipped = 0
    print('Test summary:')
    for arg in argv:
        build, _, status = arg.partition(':')
        p, f, s, lines = summarize(build, status or 'ok')
        passed, failed, skipped = passed + p, failed + f, skipped + s
        print('\n'.join(lines))
    final = '%d passed, %d failed' % (passed, failed)
    if skipped:
        final += ', %d skipped' % skipped
    print(final)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
