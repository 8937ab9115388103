#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Host-side tests of sclogctl(8): the error paths that need no sclog kernel.
# Usage errors and bad names must exit 2 before the device is touched (the
# device given is missing, which would give exit 4); a missing device exits
# 4, a file that is not the sclog device 4 (ENOTTY), an unreadable one 5.
#
# Environment: SCLOG_BIN (directory with the sclogctl binary), SCLOG_TESTTMP.
# Prints TAP.

set -u

: "${SCLOG_BIN:?}" "${SCLOG_TESTTMP:?}"

CTL=$SCLOG_BIN/sclogctl
tmp=$SCLOG_TESTTMP/sclogctl
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
cd "$tmp" || exit 1

. "$(dirname "$0")/tap.sh"

# check DESC RC MESSAGE ARGS...: sclogctl ARGS exits RC, prints nothing on
# stdout and exactly MESSAGE on stderr.
check() {
	desc=$1 rc=$2 msg=$3
	shift 3
	$CTL "$@" >out 2>err </dev/null
	got=$?
	printf '%s\n' "$msg" >want.err
	if [ "$got" != "$rc" ]; then
		not_ok "$desc: exit status $got, expected $rc" err
	elif [ -s out ]; then
		not_ok "$desc: output on stdout" out
	elif ! cmp -s want.err err; then
		diff -u want.err err >diff
		not_ok "$desc: wrong message" diff
	else
		ok "$desc"
	fi
}

NOKERNEL="this kernel has no sclog (CONFIG_SYSCALL_AUDIT)"
MISSING=$tmp/nonexistent

check "status on a missing device: exit 4" 4 \
	"sclogctl: $MISSING: open: No such file or directory: $NOKERNEL" \
	-D "$MISSING" status
check "enable on a missing device: exit 4" 4 \
	"sclogctl: $MISSING: open: No such file or directory: $NOKERNEL" \
	-D "$MISSING" enable
check "select on a missing device: exit 4" 4 \
	"sclogctl: $MISSING: open: No such file or directory: $NOKERNEL" \
	-D "$MISSING" select openat i386:open x32:openat x86_64:257 all default

# A regular file is not the device: its ioctls fail with ENOTTY.
: >notdev
check "status on a file that is not the device: exit 4" 4 \
	"sclogctl: notdev: SCLOG_IOC_GET_STATUS: Inappropriate ioctl for device: $NOKERNEL" \
	-D notdev status
check "select on a file that is not the device: exit 4" 4 \
	"sclogctl: notdev: SCLOG_IOC_GET_SELECT: Inappropriate ioctl for device: $NOKERNEL" \
	-D notdev select openat
check "buffer on a file that is not the device: exit 4" 4 \
	"sclogctl: notdev: SCLOG_IOC_GET_BUFFER: Inappropriate ioctl for device: $NOKERNEL" \
	-D notdev buffer --size 1M
if [ -s notdev ]; then
	not_ok "nothing was written to the file given as device" notdev
else
	ok "nothing was written to the file given as device"
fi

# Root may open anything: as root, run this one as nobody (util-linux
# setpriv; the shell, still root, opens the output files).
: >noperm
chmod 000 noperm
if [ "$(id -u)" = 0 ]; then
	CTL_ROOT=$CTL
	CTL="setpriv --reuid=65534 --regid=65534 --clear-groups $CTL_ROOT"
fi
check "permission denied: exit 5" 5 \
	"sclogctl: noperm: open: Permission denied: need CAP_AUDIT_CONTROL (run as root)" \
	-D noperm status
CTL=${CTL_ROOT:-$CTL}

# Bad names: exit 2, and the (missing) device is never opened.
check "unknown name, with a suggestion" 2 \
	"sclogctl: unknown system call 'opne' on x86_64 (did you mean 'open'?)" \
	-D "$MISSING" select openat opne
check "unknown name on x32, with a suggestion" 2 \
	"sclogctl: unknown system call 'opnat' on x32 (did you mean 'openat'?)" \
	-D "$MISSING" deselect x32:opnat
check "name of another ABI" 2 \
	"sclogctl: unknown system call 'mmap2' on x86_64 (it is a system call of i386: i386:mmap2)" \
	-D "$MISSING" select mmap2
check "unknown name without a close one" 2 \
	"sclogctl: unknown system call 'zzzzzzzzzz' on i386" \
	-D "$MISSING" select i386:zzzzzzzzzz
check "unknown ABI" 2 \
	"sclogctl: 'arm64:openat': unknown ABI (x86_64, i386 or x32)" \
	-D "$MISSING" select arm64:openat
check "number out of range" 2 \
	"sclogctl: 'x86_64:1024': system call number out of range 0-1023" \
	-D "$MISSING" select x86_64:1024
check "empty name" 2 \
	"sclogctl: 'i386:': empty system call name" \
	-D "$MISSING" select i386:
check "deselect default" 2 \
	"sclogctl: 'default' can only be selected, not deselected" \
	-D "$MISSING" deselect default
check "ABI:default" 2 \
	"sclogctl: 'i386:default': the default set covers every ABI: say 'default'" \
	-D "$MISSING" select i386:default
check "select without names" 2 \
	"sclogctl: select: no system call named" \
	-D "$MISSING" select

# Buffer arguments.
check "buffer --size not a power of two" 2 \
	"sclogctl: buffer: --size '100K': must be a power of two from 64K to 256M" \
	-D "$MISSING" buffer --size 100K
check "buffer --size too small" 2 \
	"sclogctl: buffer: --size '32K': must be a power of two from 64K to 256M" \
	-D "$MISSING" buffer --size 32K
check "buffer --size too large" 2 \
	"sclogctl: buffer: --size '512M': must be a power of two from 64K to 256M" \
	-D "$MISSING" buffer --size 512M
check "buffer --size garbage" 2 \
	"sclogctl: buffer: --size '1MB': expected bytes or a number with K, M or G" \
	-D "$MISSING" buffer --size 1MB
check "buffer --size overflow" 2 \
	"sclogctl: buffer: --size '99999999999999999999': expected bytes or a number with K, M or G" \
	-D "$MISSING" buffer --size 99999999999999999999
check "buffer --policy" 2 \
	"sclogctl: buffer: --policy 'block': expected drop or wait" \
	-D "$MISSING" buffer --policy block
check "buffer --wait-ms 0" 2 \
	"sclogctl: buffer: --wait-ms '0': expected 1 to 60000" \
	-D "$MISSING" buffer --wait-ms 0
check "buffer --wait-ms too large" 2 \
	"sclogctl: buffer: --wait-ms '60001': expected 1 to 60000" \
	-D "$MISSING" buffer --policy wait --wait-ms 60001
check "buffer option without value" 2 \
	"sclogctl: buffer: --size needs a value" \
	-D "$MISSING" buffer --size
check "buffer unknown argument" 2 \
	"sclogctl: buffer: unknown argument '--sise'" \
	-D "$MISSING" buffer --sise 1M

# Usage.
check "status with an unknown argument" 2 \
	"sclogctl: status: unknown argument '--jsn'" -D "$MISSING" status --jsn
check "enable with an argument" 2 \
	"sclogctl: enable takes no arguments" -D "$MISSING" enable now
check "empty -D" 2 "sclogctl: -D: empty device name" -D "" status

"$CTL" -D "$MISSING" frobnicate >out 2>err
rc=$?
if [ $rc = 2 ] && [ ! -s out ] &&
   [ "$(head -n 1 err)" = "sclogctl: unknown command 'frobnicate'" ] &&
   grep -q '^usage: sclogctl' err; then
	ok "unknown command: message, usage, exit 2"
else
	not_ok "unknown command: exit $rc" err
fi
"$CTL" >out 2>err
rc=$?
if [ $rc = 2 ] && [ ! -s out ] && grep -q '^usage: sclogctl' err; then
	ok "no command: usage, exit 2"
else
	not_ok "no command: exit $rc" err
fi
"$CTL" -h >out 2>err
rc=$?
if [ $rc = 0 ] && [ ! -s err ] && grep -q '^usage: sclogctl' out; then
	ok "-h: usage on stdout, exit 0"
else
	not_ok "-h: exit $rc" err
fi

echo "1..$n"
