#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Records the kernel really wrote, decoded by sclogd (the sanitizer build).
#
# tests/fixtures/vm-capture.bin was captured in the test VM by
# tests/vm/tests/capture-fixtures (see there for the command), with
# vm-capture.txt: what each workload did (its pid, the return value of each
# step).  This test checks
#   - that the decoded text and JSON lines are those in vm-capture.expected.*
#     (reviewed by hand against vm-capture.txt when the capture was made),
#   - independently of those files, that each step of vm-capture.txt has
#     its record, in order, under the workload's pid, with the return value
#     and errno name the workload saw,
#   - that the text lines read back through sclog search with every record
#     found, and the JSON lines are valid JSON (python3).
# Environment: SCLOG_BIN, SCLOG_FIXTURES, SCLOG_TESTTMP.  Prints TAP.
set -u
: "${SCLOG_BIN:?}" "${SCLOG_FIXTURES:?}" "${SCLOG_TESTTMP:?}"
F=$SCLOG_FIXTURES
tmp=$SCLOG_TESTTMP/fixtures
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
. "$(dirname "$0")/tap.sh"

"$SCLOG_BIN/sclogd" -D "$F/vm-capture.bin" -o - >"$tmp/all.txt" 2>"$tmp/err.txt"
rc=$?
[ $rc = 0 ] && ok "sclogd decodes the capture (exit 0)" || not_ok "sclogd decodes the capture: exit $rc"
"$SCLOG_BIN/sclogd" -D "$F/vm-capture.bin" -o - --json >"$tmp/all.json" 2>>"$tmp/err.txt"
rc=$?
[ $rc = 0 ] && ok "sclogd --json decodes the capture (exit 0)" || not_ok "sclogd --json: exit $rc"
grep -v '^#' "$tmp/all.txt" >"$tmp/rec.txt"
grep '^{"seq"' "$tmp/all.json" >"$tmp/rec.json"
for f in txt json; do
	if cmp -s "$tmp/rec.$f" "$F/vm-capture.expected.$f"; then
		ok "$f records are exactly vm-capture.expected.$f"
	else
		not_ok "$f records differ from vm-capture.expected.$f"
		diff "$F/vm-capture.expected.$f" "$tmp/rec.$f" | head -20 | sed 's/^/# /'
	fi
done
if grep -q 'sclogd: lost' "$tmp/all.txt"; then not_ok "no lost line"; else ok "no lost line"; fi

# The workloads' own account, step by step.
awk -v recs="$tmp/rec.txt" '
function fail(msg) { printf "not ok - %s\n", msg; bad = 1 }
/^# / { next }
/^pid=/ { pid = substr($0, 5); pos = 0; next }
{
	step = $1; ret = $3
	call = step == "open" ? "openat" : step == "fork" ? "clone" : step
	if (step == "comm")
		next			# prctl is not in the default set
	want = "pid=" pid " "
	# Records of one pid appear in order: the nth step of a kind is the
	# nth such record after the pid executed the workload (under uid 1000,
	# su made calls of its own under the same pid before that).
	seen[pid, call]++
	k = 0; found = 0; started = 0
	while ((getline line < recs) > 0) {
		if (!index(line, want))
			continue
		if (index(line, "comm=\"workload") && index(line, " call=execve("))
			started = 1
		if (started && index(line, " call=" call "(")) {
			if (++k == seen[pid, call]) { found = 1; break }
		}
	}
	close(recs)
	if (!found) { fail("pid " pid ": no record of " call " #" seen[pid, call]); next }
	sub(/.*\) = /, "", line)
	if (ret < 0) {
		if (line !~ ("^" ret " E[A-Z]+$"))
			fail("pid " pid " " call ": return " line ", workload saw " ret)
	} else if (line != ret) {
		fail("pid " pid " " call ": return " line ", workload saw " ret)
	}
	checked++
}
END { printf "checked %d\n", checked; exit bad }' "$F/vm-capture.txt" >"$tmp/steps" 2>&1
rc=$?
checked=$(sed -n 's/^checked //p' "$tmp/steps")
if [ $rc = 0 ] && [ "${checked:-0}" -ge 10 ]; then
	ok "each of the $checked workload steps has its record and return value"
else
	not_ok "workload steps vs records"
	sed 's/^/# /' "$tmp/steps"
fi
errnames=$(sed -n 's/.*) = -[0-9]* \(E[A-Z]*\)$/\1/p' "$tmp/rec.txt" | sort -u | tr '\n' ' ')
[ "$errnames" = "EACCES ENOENT " ] && ok "errno names: $errnames" || not_ok "errno names: '$errnames'"
grep -qF 'comm="ev\nil\"\x1b[31m\xff"' "$tmp/rec.txt" &&
	ok "the hostile comm is escaped" || not_ok "the hostile comm is escaped"
# (Names, paths and the like, when the kernel recorded them, come before call=.)
grep -qE ' arch=i386 nr=295 (.* )?call=openat\(AT_FDCWD, 0x[0-9a-f]*, O_RDONLY, 0\) = 3$' "$tmp/rec.txt" &&
	ok "i386 openat decoded" || not_ok "i386 openat decoded"

total=$(wc -l <"$tmp/rec.txt")
found=$("$SCLOG_BIN/sclog" search "$tmp/rec.txt" | wc -l)
[ "$found" = "$total" ] && ok "sclog search reads back all $total text records" ||
	not_ok "sclog search found $found of $total text records"
found=$("$SCLOG_BIN/sclog" search "$tmp/rec.json" | wc -l)
[ "$found" = "$total" ] && ok "sclog search reads back all $total JSON records" ||
	not_ok "sclog search found $found of $total JSON records"
if python3 -c '
import json, sys
for line in open(sys.argv[1]):
    json.loads(line)
' "$tmp/rec.json" 2>"$tmp/py.err"; then
	ok "every JSON line parses (python3 json)"
else
	not_ok "JSON lines parse"
	sed 's/^/# /' "$tmp/py.err"
fi
echo "1..$n"
exit $failed
