#!/bin/sh
# Tests of tools/gen-errno: on the kernel tree (canonical names for numbers
# with aliases, the kernel-internal codes) and on malformed inputs.
#
# Environment: SCLOG_GEN_ERRNO (the generator), SCLOG_ERRNO_HDRS (the three
# kernel headers, as the Makefile passes them), SCLOG_TESTTMP.  Prints TAP.

set -u

: "${SCLOG_GEN_ERRNO:?}" "${SCLOG_ERRNO_HDRS:?}" "${SCLOG_TESTTMP:?}"

tmp=$SCLOG_TESTTMP/gen-errno
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1

. "$(dirname "$0")/tap.sh"

# shellcheck disable=SC2086
if sh "$SCLOG_GEN_ERRNO" $SCLOG_ERRNO_HDRS >"$tmp/out" 2>"$tmp/err" &&
   [ ! -s "$tmp/err" ]; then
	ok "kernel headers: generated"
else
	not_ok "kernel headers: generator failed" "$tmp/err"
fi

# by_nr: one canonical entry per number; by_name: aliases too.
section() { sed -n "/^const struct sclog_errno_ent sclog_errno_$1\\[\\]/,/^};/p" "$tmp/out"; }
section by_nr >"$tmp/by_nr"
section by_name >"$tmp/by_name"
check() {
	desc=$1 file=$2 line=$3
	if grep -qxF "	$line" "$tmp/$file"; then
		ok "$desc"
	else
		not_ok "$desc: no line '$line' in $file" "$tmp/$file"
	fi
}
check_not() {
	desc=$1 file=$2 pat=$3
	if grep -q "$pat" "$tmp/$file"; then
		not_ok "$desc: '$pat' in $file"
	else
		ok "$desc"
	fi
}
check "ENOENT is 2" by_nr '{ 2, "ENOENT" },'
check "11 is EAGAIN" by_nr '{ 11, "EAGAIN" },'
check_not "EWOULDBLOCK is not a canonical name" by_nr EWOULDBLOCK
check "35 is EDEADLK" by_nr '{ 35, "EDEADLK" },'
check_not "EDEADLOCK is not a canonical name" by_nr EDEADLOCK
check "EWOULDBLOCK alias" by_name '{ 11, "EWOULDBLOCK" },'
check "EDEADLOCK alias" by_name '{ 35, "EDEADLOCK" },'
check "ERESTARTSYS from include/linux/errno.h" by_nr '{ 512, "ERESTARTSYS" },'
nnr=$(grep -c '^	{' "$tmp/by_nr")
nname=$(grep -c '^	{' "$tmp/by_name")
if awk -F'[{,]' '/^\t\{/ { if ($2 + 0 <= last) exit 1; last = $2 + 0 }' "$tmp/by_nr" &&
   grep -q "sclog_errno_by_nr_count = $nnr;" "$tmp/out" &&
   grep -q "sclog_errno_by_name_count = $nname;" "$tmp/out" &&
   [ "$nname" -gt "$nnr" ] && [ "$nnr" -gt 130 ]; then
	ok "counts match the tables ($nnr numbers, $nname names)"
else
	not_ok "counts: $nnr numbers, $nname names" "$tmp/out"
fi

# Malformed inputs.
expect_fail() {
	desc=$1 want=$2
	shift 2
	if sh "$SCLOG_GEN_ERRNO" "$@" >"$tmp/out2" 2>"$tmp/err2"; then
		not_ok "$desc: exit status 0"
	elif [ -s "$tmp/out2" ]; then
		not_ok "$desc: output on stdout" "$tmp/out2"
	elif [ "$(cat "$tmp/err2")" != "$want" ]; then
		echo "$want" >"$tmp/want"
		not_ok "$desc: wrong message" "$tmp/want" "$tmp/err2"
	else
		ok "$desc"
	fi
}
printf '#define EPERM 1\n#define ENOENT 2\n' >"$tmp/base.h"
printf '#define EAGAIN2 EFOO\n' >"$tmp/alias.h"
printf '#define EPERM 3\n' >"$tmp/redef.h"
printf '#define EBIG 4096\n' >"$tmp/range.h"
: >"$tmp/empty.h"
expect_fail "alias of an unknown name" \
	"gen-errno: $tmp/alias.h:1: alias EAGAIN2 of unknown errno EFOO" \
	"$tmp/base.h" "$tmp/alias.h" "$tmp/empty.h"
expect_fail "redefinition" \
	"gen-errno: $tmp/redef.h:1: errno EPERM redefined as 3 (was 1)" \
	"$tmp/base.h" "$tmp/empty.h" "$tmp/redef.h"
expect_fail "out of range" \
	"gen-errno: $tmp/range.h:1: errno EBIG = 4096 out of range 1..4095" \
	"$tmp/range.h" "$tmp/base.h" "$tmp/empty.h"
expect_fail "no definitions" "gen-errno: no errno definitions found" \
	"$tmp/empty.h" "$tmp/empty.h" "$tmp/empty.h"
expect_fail "missing file" "gen-errno: $tmp/missing.h: cannot read" \
	"$tmp/base.h" "$tmp/missing.h" "$tmp/empty.h"
expect_fail "two arguments" \
	"gen-errno: usage: gen-errno ERRNO_BASE_H ERRNO_H LINUX_ERRNO_H" \
	"$tmp/base.h" "$tmp/base.h"

# A small valid set, exact output.
printf '#define\tEAGAIN\t\t11\t/* x */\n#define EWOULDBLOCK EAGAIN\n#define EPERM 1\n' >"$tmp/a.h"
if sh "$SCLOG_GEN_ERRNO" "$tmp/a.h" "$tmp/empty.h" "$tmp/empty.h" >"$tmp/out3" 2>"$tmp/err3" &&
   [ "$(sed -n '/^const struct sclog_errno_ent sclog_errno_by_nr/,/^};/p' "$tmp/out3" | tr -d '\n\t')" = \
     'const struct sclog_errno_ent sclog_errno_by_nr[] = {{ 1, "EPERM" },{ 11, "EAGAIN" },};' ] &&
   [ "$(sed -n '/^const struct sclog_errno_ent sclog_errno_by_name/,/^};/p' "$tmp/out3" | tr -d '\n\t')" = \
     'const struct sclog_errno_ent sclog_errno_by_name[] = {{ 11, "EAGAIN" },{ 1, "EPERM" },{ 11, "EWOULDBLOCK" },};' ]; then
	ok "small set: exact tables"
else
	not_ok "small set: unexpected output" "$tmp/out3" "$tmp/err3"
fi

echo "1..$n"
