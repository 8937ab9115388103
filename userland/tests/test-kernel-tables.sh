#!/bin/sh
# Compare the tables in lib/syscalls.c (via dump-syscalls) with what the
# kernel's own scripts/syscallhdr.sh and scripts/syscalltbl.sh make of the
# same .tbl files, invoked as arch/x86/entry/syscalls/Makefile does:
#
#   expected = { (NR, NAME) : syscallhdr.sh defines __NR_NAME as NR, and
#                             syscalltbl.sh's entry for NR is not sys_ni_syscall }
#
# with NR | 0x40000000 for x32.  This shares no code with tools/gen-syscalls.
#
# Environment: KSRC (kernel tree), SCLOG_DUMP (dump-syscalls binary),
# SCLOG_TESTTMP (scratch directory).  Prints TAP.

set -u

: "${KSRC:?}" "${SCLOG_DUMP:?}" "${SCLOG_TESTTMP:?}"

tbldir=$KSRC/arch/x86/entry/syscalls
tmp=$SCLOG_TESTTMP/kernel-tables
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1

echo "1..3"
n=0

# check ABI TBL KERNEL_ABIS OFFSET
check() {
	abi=$1 tbl=$tbldir/$2 abis=$3 offset=$4
	n=$((n + 1))
	d=$tmp/$abi
	mkdir -p "$d"

	if ! sh "$KSRC/scripts/syscallhdr.sh" --abis "$abis" "$tbl" "$d/unistd.h" 2>"$d/err" ||
	   ! sh "$KSRC/scripts/syscalltbl.sh" --abis "$abis" "$tbl" "$d/syscalls.h" 2>>"$d/err"; then
		echo "not ok $n - $abi: kernel scripts failed"
		sed 's/^/# /' "$d/err"
		return
	fi

	# "#define __NR_read 0" -> "0 read"
	sed -n 's/^#define __NR_\([A-Za-z0-9_]*\) \([0-9][0-9]*\)$/\2 \1/p' \
		"$d/unistd.h" | sort -n >"$d/hdr"
	# "__SYSCALL(0, sys_read)", "__SYSCALL_WITH_COMPAT(5, sys_open, ...)" ...
	# -> "0" for every number with a real entry point
	sed -n 's/^__SYSCALL[A-Z_]*(\([0-9][0-9]*\), \([A-Za-z0-9_]*\).*/\1 \2/p' \
		"$d/syscalls.h" | awk '$2 != "sys_ni_syscall" { print $1 }' \
		| sort -n >"$d/impl"
	awk -v off="$offset" '
		NR == FNR { impl[$1] = 1; next }
		$1 in impl { print $1 + off, $2 }
	' "$d/impl" "$d/hdr" >"$d/expected"

	if ! "$SCLOG_DUMP" "$abi" >"$d/actual" 2>"$d/err"; then
		echo "not ok $n - $abi: dump-syscalls failed"
		sed 's/^/# /' "$d/err"
		return
	fi

	if [ "$(wc -l <"$d/hdr")" -lt 300 ] || [ "$(wc -l <"$d/impl")" -lt 300 ]; then
		echo "not ok $n - $abi: could not parse the kernel scripts' output"
	elif cmp -s "$d/expected" "$d/actual"; then
		echo "ok $n - $abi: $(wc -l <"$d/actual") syscalls, same as the kernel's syscallhdr.sh/syscalltbl.sh"
	else
		echo "not ok $n - $abi: differs from the kernel's syscallhdr.sh/syscalltbl.sh"
		diff "$d/expected" "$d/actual" | head -n 40 | sed 's/^/# /'
	fi
}

check x86_64 syscall_64.tbl common,64 0
check i386 syscall_32.tbl i386 0
check x32 syscall_64.tbl common,x32 1073741824
