#!/bin/sh
# Tests of tools/gen-syscalls on the fixtures in tests/fixtures/:
#
#   valid-64.tbl + valid-32.tbl   output must equal valid.expected.c
#   bad64-*.tbl (with valid-32.tbl), bad32-*.tbl (with valid-64.tbl)
#       must fail, print nothing on stdout and, on stderr, the message given
#       by the fixture's first line "# expect: LINE: MESSAGE" prefixed with
#       "gen-syscalls: FILE:LINE: " (or "gen-syscalls: FILE: " if LINE is -).
#
# Environment: SCLOG_GEN (the generator), SCLOG_FIXTURES, SCLOG_TESTTMP.
# Prints TAP.

set -u

: "${SCLOG_GEN:?}" "${SCLOG_FIXTURES:?}" "${SCLOG_TESTTMP:?}"

fx=$SCLOG_FIXTURES
tmp=$SCLOG_TESTTMP/gen-syscalls
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1

. "$(dirname "$0")/tap.sh"

# expect_fail DESC EXPECTED_STDERR_LINE ARGS...
expect_fail() {
	desc=$1 want=$2
	shift 2
	if sh "$SCLOG_GEN" "$@" >"$tmp/out" 2>"$tmp/err"; then
		not_ok "$desc: exit status 0" "$tmp/err"
	elif [ -s "$tmp/out" ]; then
		not_ok "$desc: output on stdout" "$tmp/out"
	elif [ "$(cat "$tmp/err")" != "$want" ]; then
		echo "$want" >"$tmp/want"
		not_ok "$desc: wrong message" "$tmp/want" "$tmp/err"
	else
		ok "$desc"
	fi
}

# The valid fixtures.
if ! sh "$SCLOG_GEN" "$fx/valid-64.tbl" "$fx/valid-32.tbl" >"$tmp/out" 2>"$tmp/err"; then
	not_ok "valid fixtures: generator failed" "$tmp/err"
elif [ -s "$tmp/err" ]; then
	not_ok "valid fixtures: output on stderr" "$tmp/err"
elif ! diff -u "$fx/valid.expected.c" "$tmp/out" >"$tmp/diff"; then
	not_ok "valid fixtures: output differs from valid.expected.c" "$tmp/diff"
else
	ok "valid fixtures: output equals valid.expected.c"
fi

# The malformed fixtures.
for f in "$fx"/bad64-*.tbl "$fx"/bad32-*.tbl; do
	[ -e "$f" ] || continue
	name=${f##*/}
	expect=$(sed -n '1s/^# expect: //p' "$f")
	line=${expect%%: *}
	msg=${expect#*: }
	if [ -z "$expect" ] || [ "$line" = "$expect" ]; then
		not_ok "$name: no '# expect: LINE: MESSAGE' first line"
		continue
	fi
	if [ "$line" = - ]; then
		want="gen-syscalls: $f: $msg"
	else
		want="gen-syscalls: $f:$line: $msg"
	fi
	case $name in
	bad64-*) expect_fail "$name" "$want" "$f" "$fx/valid-32.tbl" ;;
	*)	 expect_fail "$name" "$want" "$fx/valid-64.tbl" "$f" ;;
	esac
done

# Usage errors.
expect_fail "tables swapped" \
	"gen-syscalls: $fx/valid-32.tbl:4: unknown abi \"i386\" (expected one of: common, 64, x32)" \
	"$fx/valid-32.tbl" "$fx/valid-64.tbl"
expect_fail "missing table" \
	"gen-syscalls: $tmp/missing.tbl: cannot read" \
	"$fx/valid-64.tbl" "$tmp/missing.tbl"
expect_fail "directory as table" \
	"gen-syscalls: $fx: cannot read" \
	"$fx" "$fx/valid-32.tbl"
expect_fail "one argument" \
	"gen-syscalls: usage: gen-syscalls SYSCALL_64_TBL SYSCALL_32_TBL" \
	"$fx/valid-64.tbl"

echo "1..$n"
