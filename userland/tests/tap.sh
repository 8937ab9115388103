# SPDX-License-Identifier: GPL-2.0-only
# TAP helpers for the shell tests, sourced: . "$(dirname "$0")/tap.sh"
#   ok DESC                 a passing test point
#   not_ok DESC [FILE...]   a failing one, showing the start of each FILE
#   skip DESC WHY           a skipped one
#   judge DESC RC GOT       after a run that wrote out and err: ok if GOT
#                           is RC, out equals the file want and err the
#                           file want.err; removes want and want.err
# n counts the points (print "1..$n" at the end); failed is 1 after a
# not_ok.
n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	failed=1
	echo "not ok $n - $1"
	shift
	for f; do
		[ -s "$f" ] || continue
		echo "# --- ${f##*/}:"
		head -n 40 "$f" | sed 's/^/#   /'
	done
}

skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

judge() {
	if [ "$3" != "$2" ]; then
		not_ok "$1: exit status $3, expected $2" err out
	elif ! cmp -s want out; then
		diff -u want out >diff
		not_ok "$1: wrong output" diff
	elif ! cmp -s want.err err; then
		diff -u want.err err >diff
		not_ok "$1: wrong message" diff
	else
		ok "$1"
	fi
	rm -f want want.err
}
