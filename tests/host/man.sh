#!/bin/sh
# Every man page under userland/man/ is clean under mandoc's lint (warnings
# and worse), and every program the userland installs has one.  Prints TAP.
REPO=$(cd "$(dirname "$0")/../.." && pwd)
n=0 fail=0
for page in "$REPO"/userland/man/*.[0-9]; do
	[ -f "$page" ] || continue
	n=$((n + 1))
	if out=$(mandoc -T lint -W warning "$page" 2>&1) && [ -z "$out" ]; then
		echo "ok $n - mandoc -T lint: $(basename "$page") is clean"
	else
		fail=1
		echo "not ok $n - mandoc -T lint: $(basename "$page")"
		echo "$out" | sed 's/^/# /'
	fi
done
progs=$(sed -n 's/^PROGS :*= *//p' "$REPO/userland/Makefile")
for p in $progs; do
	n=$((n + 1))
	if ls "$REPO"/userland/man/"$p".[0-9] >/dev/null 2>&1; then
		echo "ok $n - $p has a man page"
	else
		fail=1
		echo "not ok $n - $p has a man page (userland/man/$p.N)"
	fi
done
echo "1..$n"
exit $fail
