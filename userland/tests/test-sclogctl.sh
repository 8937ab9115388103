#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Host-side tests of sclogctl(8): the error paths that need no sclog kernel.
# Usage errors and bad names must exit 2 before the device is touched (the
# device given is missing, which would give exit 4); a missing device exits
# 4, a file that is not the sclog device 4 (ENOTTY), an unreadable one 5.
# check needs no device; upload checks its file before opening one.  Then
# status, limits, watches and the rules (upload, download, delete, lock)
# against tests/fakedev.c, an LD_PRELOAD stand-in for the device's ioctls
# (skipped if it cannot take ioctl() over, as with a statically linked
# sanitizer runtime).
#
# Environment: SCLOG_BIN (directory with the sclogctl binary), SCLOG_TESTTMP,
# SCLOG_TESTBIN (fakedev.so), SCLOG_RULES_DIR (tests/rules).  Prints TAP.

set -u

: "${SCLOG_BIN:?}" "${SCLOG_TESTTMP:?}" "${SCLOG_RULES_DIR:?}"
RULES=$SCLOG_RULES_DIR

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

# Failure settings and exempt: arguments checked before the device.
check "failure --on-loss unknown" 2 \
	"sclogctl: failure: --on-loss 'loud': expected silent, warn or panic (0, 1, 2)" \
	-D "$MISSING" failure --on-loss loud
check "failure --on-loss out of range" 2 \
	"sclogctl: failure: --on-loss '3': expected silent, warn or panic (0, 1, 2)" \
	-D "$MISSING" failure --on-loss 3
check "failure --no-reader unknown" 2 \
	"sclogctl: failure: --no-reader 'wait': expected buffer or block" \
	-D "$MISSING" failure --no-reader wait
check "failure --on-loss without a value" 2 \
	"sclogctl: failure: --on-loss needs a value" \
	-D "$MISSING" failure --on-loss
check "failure: unknown argument" 2 \
	"sclogctl: failure: unknown argument 'panic'" \
	-D "$MISSING" failure panic
check "failure --json with a change" 2 \
	"sclogctl: failure: --json only shows the settings" \
	-D "$MISSING" failure --json --on-loss warn
check "failure on a file that is not the device: exit 4" 4 \
	"sclogctl: notdev: SCLOG_IOC_GET_FAILURE: Inappropriate ioctl for device: this kernel's sclog has no failure settings" \
	-D notdev failure
check "exempt without a command" 2 "sclogctl: exempt: which command?" \
	-D "$MISSING" exempt --
check "exempt on a missing device: exit 4, the command not run" 4 \
	"sclogctl: $MISSING: open: No such file or directory: $NOKERNEL" \
	-D "$MISSING" exempt touch ran
if [ -e ran ]; then
	not_ok "exempt ran the command without the device"
else
	ok "exempt ran nothing without the device"
fi

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

# Limits arguments.
check "limits --path-max 0" 2 \
	"sclogctl: limits: --path-max '0': expected 1 to 4096" \
	-D "$MISSING" limits --path-max 0
check "limits --path-max too large" 2 \
	"sclogctl: limits: --path-max '4097': expected 1 to 4096" \
	-D "$MISSING" limits --path-max 4097
check "limits --argv-max too large" 2 \
	"sclogctl: limits: --argv-max '4097': expected 1 to 4096" \
	-D "$MISSING" limits --argv-max 4097
check "limits --argv-max with a leading zero" 2 \
	"sclogctl: limits: --argv-max '032': expected 1 to 4096" \
	-D "$MISSING" limits --argv-max 032
check "limits --argv-bytes too large" 2 \
	"sclogctl: limits: --argv-bytes '16385': expected 1 to 16384" \
	-D "$MISSING" limits --argv-bytes 16385
check "limits --envp-max not a number" 2 \
	"sclogctl: limits: --envp-max '1k': expected 1 to 4096" \
	-D "$MISSING" limits --envp-max 1k
check "limits --envp-bytes overflow" 2 \
	"sclogctl: limits: --envp-bytes '99999999999999999999': expected 1 to 16384" \
	-D "$MISSING" limits --envp-bytes 99999999999999999999
check "limits --envp-bytes negative" 2 \
	"sclogctl: limits: --envp-bytes '-1': expected 1 to 16384" \
	-D "$MISSING" limits --envp-bytes -1
check "limits --fields with an unknown field" 2 \
	"sclogctl: limits: --fields 'names,paht': unknown field 'paht' (names, paths, cwd, fds, argv, envp, all, none, default)" \
	-D "$MISSING" limits --fields names,paht
check "limits --fields with an unknown +field" 2 \
	"sclogctl: limits: --fields '+env': unknown field 'env' (names, paths, cwd, fds, argv, envp, all, none, default)" \
	-D "$MISSING" limits --fields +env
check "limits --fields with an empty item" 2 \
	"sclogctl: limits: --fields 'names,,cwd': empty item" \
	-D "$MISSING" limits --fields names,,cwd
check "limits --fields empty" 2 \
	"sclogctl: limits: --fields '': empty item" \
	-D "$MISSING" limits --fields ''
check "limits --fields with a bare sign" 2 \
	"sclogctl: limits: --fields 'names,-': empty item" \
	-D "$MISSING" limits --fields names,-
check "limits option without value" 2 \
	"sclogctl: limits: --argv-max needs a value" \
	-D "$MISSING" limits --fields all --argv-max
check "limits unknown argument" 2 \
	"sclogctl: limits: unknown argument '--path_max'" \
	-D "$MISSING" limits --path_max 10
check "limits --json with a change" 2 \
	"sclogctl: limits: --json only shows the limits: it cannot be combined with options that change them" \
	-D "$MISSING" limits --json --path-max 10
check "limits: the last bad value is found after good ones" 2 \
	"sclogctl: limits: --envp-max '0': expected 1 to 4096" \
	-D "$MISSING" limits --fields default,+envp --path-max 1 --argv-max 4096 --argv-bytes 16384 --envp-max 0
check "limits on a missing device: exit 4" 4 \
	"sclogctl: $MISSING: open: No such file or directory: $NOKERNEL" \
	-D "$MISSING" limits --fields all --path-max 1 --argv-max 4096 --argv-bytes 16384 --envp-max 1 --envp-bytes 1
check "limits on a file that is not the device: exit 4" 4 \
	"sclogctl: notdev: SCLOG_IOC_GET_LIMITS: Inappropriate ioctl for device: $NOKERNEL" \
	-D notdev limits --path-max 100

# Rules files: checked without a device.
printf '%s\n' 'rule {' '	syscall_name = opne' '	rule_name = "a b"' \
	'	action { type = FAIL }' '}' >bad.rules
check "check a rules file with errors: every error, exit 2" 2 \
"bad.rules:2:17: unknown system call 'opne' (did you mean 'open'?)
bad.rules:3:14: rule_name holds a space (printable ASCII without spaces)
bad.rules:4:18: FAIL needs an error_code (an errno name such as EPERM, or its number)
sclogctl: bad.rules: 3 errors: nothing done" \
	-D "$MISSING" check bad.rules
check "upload of a rules file with errors: exit 2, the device untouched" 2 \
"bad.rules:2:17: unknown system call 'opne' (did you mean 'open'?)
bad.rules:3:14: rule_name holds a space (printable ASCII without spaces)
bad.rules:4:18: FAIL needs an error_code (an errno name such as EPERM, or its number)
sclogctl: bad.rules: 3 errors: nothing done" \
	-D "$MISSING" upload bad.rules
printf 'rule { syscall_name = getpid rule_name = x action { type = LOG } }\nx\n' >one.rules
check "a syntax error: exit 2" 2 \
"one.rules:2:1: unexpected 'x', expected end of file or rule
sclogctl: one.rules: 1 error: nothing done" \
	-D "$MISSING" check one.rules
check "check of a missing file: exit 1" 1 \
	"sclogctl: nowhere.rules: No such file or directory" check nowhere.rules
check "check without a file" 2 \
	"sclogctl: check: no rules file named (- for standard input)" check
check "check of two files" 2 \
	"sclogctl: check: one rules file at a time" check a.rules b.rules
check "check with an unknown option" 2 \
	"sclogctl: check: unknown argument '--pirnt'" check --pirnt a.rules
check "upload without a file" 2 \
	"sclogctl: upload: no rules file named (- for standard input)" -D "$MISSING" upload
check "upload of two files" 2 \
	"sclogctl: upload: one rules file at a time" -D "$MISSING" upload a b
check "upload with an option" 2 \
	"sclogctl: upload: unknown argument '--force'" -D "$MISSING" upload --force
check "download with an argument" 2 \
	"sclogctl: download takes no arguments" -D "$MISSING" download x
check "delete with an argument" 2 \
	"sclogctl: delete takes no arguments" -D "$MISSING" delete all
check "lock with an argument" 2 \
	"sclogctl: lock takes no arguments" -D "$MISSING" lock now
check "upload of a good file to a missing device: exit 4" 4 \
	"sclogctl: $MISSING: open: No such file or directory: $NOKERNEL" \
	-D "$MISSING" upload "$RULES/syscalltrack.rules"
check "download from a file that is not the device: exit 4" 4 \
	"sclogctl: notdev: SCLOG_IOC_GET_RULES: Inappropriate ioctl for device: $NOKERNEL" \
	-D notdev download

# check: silent when good, warnings on stderr, --print the canonical form
for f in "$RULES"/*.rules; do
	name=${f##*/}
	"$CTL" check --print "$f" >out 2>err
	rc=$?
	if [ $rc != 0 ] || [ -s err ]; then
		not_ok "check --print $name: exit $rc" err
	elif ! cmp -s out "${f%.rules}.canon"; then
		diff -u "${f%.rules}.canon" out >diff
		not_ok "check --print $name: the canonical form" diff
	else
		ok "check --print $name: the canonical form"
	fi
done
"$CTL" check "$RULES/fields.rules" >out 2>err
if [ $? = 0 ] && [ ! -s out ] && [ ! -s err ]; then
	ok "check of a good file: exit 0, silent"
else
	not_ok "check of a good file" out err
fi
printf 'rule { syscall_name = getpid rule_name = w action { type = LOG }\n  filter_expression { PATH == "/x" } }\n' >warn.rules
"$CTL" check - <warn.rules >out 2>err
if [ $? = 0 ] && [ ! -s out ] &&
   [ "$(cat err)" = "<stdin>:2:23: warning: PATH: no call of this rule has a path argument: the comparison is always false" ]; then
	ok "check - (standard input): a warning, exit 0"
else
	not_ok "check - with a warning" out err
fi

# compile: the table upload sends, binary or hexadecimal (sclog.rules=)
if "$CTL" compile "$RULES/syscalltrack.rules" >table.bin 2>err &&
   "$CTL" compile --hex "$RULES/syscalltrack.rules" >table.hex 2>>err &&
   [ ! -s err ] && [ -s table.bin ] &&
   [ "$(od -An -v -tx1 table.bin | tr -d ' \n')" = "$(cat table.hex)" ] &&
   [ "$(wc -l <table.hex)" = 1 ]; then
	ok "compile and compile --hex: the same table, binary and in hex"
else
	not_ok "compile and compile --hex" err table.hex
fi
if [ "$(od -An -tu4 -N4 table.bin | tr -d ' ')" = "$(wc -c <table.bin | tr -d ' ')" ]; then
	ok "compile: the table's header gives its size"
else
	not_ok "compile: the table's header gives its size"
fi
"$CTL" compile --hex warn.rules >out 2>err
if [ $? = 0 ] && [ -s out ] && grep -q 'warning' err; then
	ok "compile --hex: warnings on stderr, the table on stdout"
else
	not_ok "compile --hex with a warning" out err
fi
printf 'rule { syscall_name = nosuchcall rule_name = x action { type = LOG } }\n' >bad.rules
"$CTL" compile --hex bad.rules >out 2>err
if [ $? = 2 ] && [ ! -s out ] && grep -q '^bad.rules:1:' err; then
	ok "compile of a bad file: located error, exit 2, nothing written"
else
	not_ok "compile of a bad file" out err
fi
check "compile without a file" 2 \
	"sclogctl: compile: no rules file named (- for standard input)" compile
check "compile with an unknown option" 2 \
	"sclogctl: compile: unknown argument '--bin'" compile --bin x

# Usage.
check "status with an unknown argument" 2 \
	"sclogctl: status: unknown argument '--jsn'" -D "$MISSING" status --jsn
check "enable with an argument" 2 \
	"sclogctl: enable takes no arguments" -D "$MISSING" enable now
check "empty -D" 2 "sclogctl: -D: empty device name" -D "" status

# --- status and limits against the stand-in device ----------------------------

FAKE=${SCLOG_TESTBIN:-}/fakedev.so
: >fakedev
# fake ARGS...: sclogctl -D fakedev ARGS with the stand-in preloaded; the
# limits it keeps are in state, the watches in watches, the rules in rules,
# the failure settings in failure, the requests it saw in log.  Standard input is $fake_in (/dev/null).
fake() {
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
	LD_PRELOAD=$FAKE SCLOG_FAKEDEV=$tmp/fakedev \
	SCLOG_FAKEDEV_STATE=$tmp/state SCLOG_FAKEDEV_LOG=$tmp/log \
	SCLOG_FAKEDEV_WATCHES=$tmp/watches SCLOG_FAKEDEV_RULES=$tmp/rules \
	SCLOG_FAKEDEV_FAILURE=$tmp/failure \
		"$CTL" -D fakedev "$@" >out 2>err <"${fake_in:-/dev/null}"
}
# fcheck DESC RC ARGS...: fake ARGS exits RC, stdout is the file want,
# stderr want.err (empty if absent).
fcheck() {
	desc=$1 rc=$2
	shift 2
	[ -e want.err ] || : >want.err
	fake "$@"
	judge "$desc" "$rc" $?
}
# state_is DESC "F P AM AB EM EB" [REQUESTS]: the stand-in's limits, and
# the requests since the last call (one per line, as one string).
state_is() {
	got=$(cat state 2>/dev/null)
	reqs=$(tr '\n' ' ' <log 2>/dev/null)
	: >log
	if [ "$got" != "$2" ]; then
		echo "limits: '$got', expected '$2'" >diff
		not_ok "$1" diff
	elif [ $# -ge 3 ] && [ "$reqs" != "$3" ]; then
		echo "requests: '$reqs', expected '$3'" >diff
		not_ok "$1" diff
	else
		ok "$1"
	fi
}

# The points of the rules part below: 40, and one per rules file.
FAKE_RULES_TESTS=$((40 + $(ls "$RULES"/*.rules | wc -l)))
rm -f state log want want.err
if [ -f "$FAKE" ] && fake limits && grep -q '^fields:' out; then
	cat >want <<'EOF'
fields:     names,paths,cwd,fds,argv
path-max:   4096
argv-max:   32
argv-bytes: 4096
envp-max:   32
envp-bytes: 4096
EOF
	fcheck "limits: the kernel's defaults" 0 limits
	echo '{"fields":["names","paths","cwd","fds","argv"],"path_max":4096,"argv_max":32,"argv_bytes":4096,"envp_max":32,"envp_bytes":4096}' >want
	fcheck "limits --json" 0 limits --json
	: >log
	: >want
	fcheck "limits --fields +envp,-cwd --argv-max 64: exit 0, no output" 0 \
		limits --fields +envp,-cwd --argv-max 64
	state_is "limits: +envp,-cwd on the current set, argv-max set, the rest kept (GET, then SET)" \
		"59 4096 64 4096 32 4096" "GET_LIMITS SET_LIMITS "
	: >want
	fcheck "limits --path-max 100" 0 limits --path-max 100
	state_is "limits --path-max alone keeps the fields and the other limits" \
		"59 100 64 4096 32 4096"
	: >want
	fcheck "limits --fields names,paths" 0 limits --fields names,paths \
		--argv-bytes 16384 --envp-max 4096 --envp-bytes 1
	state_is "limits: a plain list replaces the set" "3 100 64 16384 4096 1"
	: >want
	fcheck "limits --fields all,-argv" 0 limits --fields all,-argv
	state_is "limits --fields all,-argv" "47 100 64 16384 4096 1"
	: >want
	fcheck "limits --fields -argv,default,+envp (signed items after the set)" 0 \
		limits --fields -argv,default,+envp
	state_is "limits --fields -argv,default,+envp" "47 100 64 16384 4096 1"
	: >want
	fcheck "limits --fields none, twice --path-max (the last counts)" 0 \
		limits --fields none --path-max 7 --path-max 4096
	state_is "limits --fields none" "0 4096 64 16384 4096 1"
	cat >want <<'EOF'
fields:     none
path-max:   4096
argv-max:   64
argv-bytes: 16384
envp-max:   4096
envp-bytes: 1
EOF
	fcheck "limits shows what was set" 0 limits
	: >want
	fcheck "limits --fields default" 0 limits --fields default
	state_is "limits --fields default: all but envp" "31 4096 64 16384 4096 1"

	# A kernel that knows fewer fields refuses the others.
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_SET_LIMITS: Invalid argument: the kernel refused these limits (fields names,paths,cwd,fds,argv,envp: does it record each of them?)" >want.err
	SCLOG_FAKEDEV_FIELDS=15
	export SCLOG_FAKEDEV_FIELDS
	fcheck "limits: fields the kernel does not know: exit 1" 1 limits --fields all
	unset SCLOG_FAKEDEV_FIELDS
	state_is "limits: nothing changed by a refused SET" "31 4096 64 16384 4096 1"

	cat >want <<'EOF'
device:    fakedev
recording: enabled
reader:    none
records:   version 1
buffer:    1M per CPU, policy drop, wait_ms 0
failure:   on loss warn, no reader: buffer
fields:    names,paths,cwd,fds,argv
limits:    path-max 4096, argv-max 64, argv-bytes 16384, envp-max 4096, envp-bytes 1
watches:   none
rules:     0 (generation 0)
lock:      off
selection:
  x86_64  1 selected: openat
  i386    1 selected: openat
  x32     1 selected: openat
cpu          recorded      dropped            bytes         fill       next_seq
0                  10            0             1840            0             10
total              10            0             1840            0
EOF
	fcheck "status shows the fields and limits" 0 status
	echo '{"device":"fakedev","enabled":true,"locked":false,"reader_pid":0,"record_version":1,"buffer":{"size":1048576,"policy":"drop","wait_ms":0},"failure":{"on_loss":"warn","no_reader":"buffer","waiting":0},"limits":{"fields":["names","paths","cwd","fds","argv"],"path_max":4096,"argv_max":64,"argv_bytes":16384,"envp_max":4096,"envp_bytes":1},"watches":[],"rules":{"count":0,"generation":0,"locked":false},"select":{"x86_64":["openat"],"i386":["openat"],"x32":["openat"]},"cpus":[{"cpu":0,"recorded":10,"dropped":0,"bytes":1840,"fill":0,"next_seq":10}],"total":{"recorded":10,"dropped":0,"bytes":1840,"fill":0}}' >want
	fcheck "status --json has the limits" 0 status --json
	if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' out 2>err; then
		ok "status --json parses"
	else
		not_ok "status --json parses" err
	fi

	# A kernel whose sclog records no fields.
	SCLOG_FAKEDEV_NO_LIMITS=1
	export SCLOG_FAKEDEV_NO_LIMITS
	fake status
	if [ $? = 0 ] && grep -qx 'fields:    none (this kernel records no fields)' out &&
	   ! grep -q '^limits:' out; then
		ok "status on a kernel without fields"
	else
		not_ok "status on a kernel without fields" out err
	fi
	fake status --json
	if [ $? = 0 ] && grep -q '"limits":null,"watches":\[\],"rules":{' out; then
		ok "status --json on a kernel without fields: \"limits\":null"
	else
		not_ok "status --json on a kernel without fields" out err
	fi
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_GET_LIMITS: Inappropriate ioctl for device: this kernel's sclog records no fields and has no limits" >want.err
	fcheck "limits on a kernel without fields: exit 4" 4 limits --path-max 5
	unset SCLOG_FAKEDEV_NO_LIMITS
	state_is "limits on a kernel without fields: nothing set" "31 4096 64 16384 4096 1"

	# --- failure settings ----------------------------------------------------
	rm -f failure
	: >log
	echo "on loss warn, no reader: buffer" >want
	fcheck "failure: the kernel's defaults" 0 failure
	echo '{"on_loss":"warn","no_reader":"buffer","waiting":0}' >want
	fcheck "failure --json" 0 failure --json
	: >want
	fcheck "failure --on-loss silent: exit 0, no output" 0 failure --on-loss silent
	failure_is() {
		got=$(cat failure 2>/dev/null)
		reqs=$(tr '\n' ' ' <log 2>/dev/null)
		: >log
		if [ "$got" != "$2" ]; then
			echo "failure: '$got', expected '$2'" >diff
			not_ok "$1" diff
		elif [ $# -ge 3 ] && [ "$reqs" != "$3" ]; then
			echo "requests: '$reqs', expected '$3'" >diff
			not_ok "$1" diff
		else
			ok "$1"
		fi
	}
	failure_is "failure --on-loss silent: set, no-reader kept (GET, then SET)" "0 0" \
		"GET_FAILURE GET_FAILURE GET_FAILURE SET_FAILURE "
	: >want
	fcheck "failure --on-loss 2 (by number)" 0 failure --on-loss 2
	failure_is "failure --on-loss 2: panic" "2 0"
	echo "on loss panic, no reader: buffer" >want
	fcheck "failure shows what was set" 0 failure
	: >want
	echo "sclogctl: fakedev: --no-reader block needs a reader (sclogd) on the device now: without one, every task but init would stop at once" >want.err
	fcheck "failure --no-reader block without a reader: exit 1" 1 \
		failure --on-loss warn --no-reader block
	rm -f want.err
	failure_is "failure: nothing changed by a refused SET" "2 0"
	: >want
	fcheck "failure --on-loss warn" 0 failure --on-loss warn
	failure_is "failure --on-loss warn: back to the default" "1 0"
	SCLOG_FAKEDEV_NO_FAILURE=1
	export SCLOG_FAKEDEV_NO_FAILURE
	fake status
	if [ $? = 0 ] && ! grep -q '^failure:' out; then
		ok "status on a kernel without failure settings: no failure line"
	else
		not_ok "status on a kernel without failure settings" out err
	fi
	fake status --json
	if [ $? = 0 ] && grep -q '"failure":null,"limits":{' out; then
		ok "status --json on a kernel without failure settings: \"failure\":null"
	else
		not_ok "status --json on a kernel without failure settings" out err
	fi
	unset SCLOG_FAKEDEV_NO_FAILURE
	: >log

	# --- watches -----------------------------------------------------------
	mkdir -p "$tmp/tree/real" && ln -sfn real "$tmp/tree/link"
	real=$(cd "$tmp/tree/real" && pwd -P)
	: >want
	fcheck "watch --perm wa FILE: exit 0" 0 watch --perm wa "$real/file"
	: >want
	echo "sclogctl: watch: $tmp/tree/link/new is $real/new" >want.err
	fcheck "watch a path through a symlink: the real path is watched, and said" \
		0 watch --perm=w "$tmp/tree/link/new"
	printf '%s\n' "wa   $real/file" "w    $real/new" >want
	fcheck "watches lists them with their permissions" 0 watches
	printf '[{"path":"%s","perm":"wa"},{"path":"%s","perm":"w"}]\n' \
		"$real/file" "$real/new" >want
	fcheck "watches --json" 0 watches --json
	fake status
	if grep -qx "watches:   wa   $real/file" out &&
	   grep -qx "           w    $real/new" out; then
		ok "status lists the watches"
	else
		not_ok "status lists the watches" out err
	fi
	: >want
	echo "sclogctl: watch: $real/file is watched already (unwatch it first to change its permissions)" >want.err
	fcheck "watch of a watched path: exit 1" 1 watch "$real/file"
	: >want
	echo "sclogctl: watch: --perm 'rwq': expected letters of rwxa, each once" >want.err
	fcheck "watch --perm rwq: usage error" 2 watch --perm rwq /x
	: >want
	echo "sclogctl: watch: --perm 'rr': expected letters of rwxa, each once" >want.err
	fcheck "watch --perm rr: usage error" 2 watch --perm rr /x
	: >want
	echo "sclogctl: watch: no path named" >want.err
	fcheck "watch without a path: usage error" 2 watch --perm r
	: >want
	echo "sclogctl: unwatch: /nowhere/x is not watched" >want.err
	fcheck "unwatch of a path not watched: exit 1" 1 unwatch /nowhere/x
	: >want
	fcheck "unwatch FILE" 0 unwatch "$real/file"
	printf '%s\n' "w    $real/new" >want
	fcheck "watches: the other one is left" 0 watches
	: >want
	fcheck "unwatch all" 0 unwatch all
	: >want
	fcheck "watches: none left" 0 watches
	: >want
	fcheck "unwatch all with nothing watched: exit 0" 0 unwatch all
	SCLOG_FAKEDEV_NO_WATCHES=1
	export SCLOG_FAKEDEV_NO_WATCHES
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_GET_WATCHES: Inappropriate ioctl for device: this kernel's sclog has no watches" >want.err
	fcheck "watches on a kernel without them: exit 4" 4 watches
	unset SCLOG_FAKEDEV_NO_WATCHES

	# --- rules ---------------------------------------------------------------
	# rules_are DESC "GEN LOCKED" [REQUESTS]: the stand-in's generation and
	# lock, and the requests since the last call
	rules_are() {
		got=$(head -n 1 rules 2>/dev/null)
		reqs=$(tr '\n' ' ' <log 2>/dev/null)
		: >log
		if [ "$got" != "$2" ]; then
			echo "rules: '$got', expected '$2'" >diff
			not_ok "$1" diff
		elif [ $# -ge 3 ] && [ "$reqs" != "$3" ]; then
			echo "requests: '$reqs', expected '$3'" >diff
			not_ok "$1" diff
		else
			ok "$1"
		fi
	}
	rm -f rules
	: >log
	: >want
	fcheck "download without rules: nothing, exit 0" 0 download
	rules_are "download without rules asks once" "" "GET_RULES "
	: >want
	fcheck "upload: exit 0, silent" 0 upload "$RULES/syscalltrack.rules"
	rules_are "upload: one SET, generation 1" "1 0" "SET_RULES "
	cp "$RULES/syscalltrack.canon" want
	fcheck "download: the rules uploaded, in canonical form" 0 download
	rules_are "download: ENOSPC with the size, then the table" "1 0" "GET_RULES GET_RULES "
	fake status
	if grep -qx 'rules:     2 (generation 1)' out && grep -qx 'lock:      off' out &&
	   ! grep -qi locked out; then
		ok "status: the number of rules, the generation, the lock"
	else
		not_ok "status shows the rules" out err
	fi
	fake status --json
	if grep -q '"rules":{"count":2,"generation":1,"locked":false}' out &&
	   grep -q '^{"device":"fakedev","enabled":true,"locked":false,' out; then
		ok "status --json: the rules"
	else
		not_ok "status --json shows the rules" out err
	fi
	# every rules file: upload, download: its canonical form
	nfiles=0
	for f in "$RULES"/*.rules; do
		name=${f##*/}
		nfiles=$((nfiles + 1))
		cp "${f%.rules}.canon" want
		fake upload "$f" && fake download && cmp -s want out
		if [ $? = 0 ] && [ ! -s err ]; then
			ok "upload $name, download: its canonical form"
		else
			diff -u want out >diff
			not_ok "upload $name, download" diff err
		fi
	done
	rm -f want
	: >log
	: >want
	fcheck "upload of a file without rules: exit 0" 0 upload "$RULES/empty.rules"
	: >want
	fcheck "the kernel has no rules left" 0 download
	gen=$((nfiles + 2))
	rules_are "a table of no rules deletes them" "$gen 0"
	: >want
	fake_in=$RULES/names.rules
	fcheck "upload from standard input" 0 upload -
	fake_in=
	cp "$RULES/names.canon" want
	fcheck "download of rules from standard input" 0 download
	gen=$((gen + 1))
	: >log
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_SET_RULES: Invalid argument: the kernel refused the rule table (its rules stay as they were)" >want.err
	SCLOG_FAKEDEV_REFUSE_RULES=1
	export SCLOG_FAKEDEV_REFUSE_RULES
	fcheck "a table the kernel refuses: exit 1" 1 upload "$RULES/fields.rules"
	unset SCLOG_FAKEDEV_REFUSE_RULES
	rules_are "a refused table changes nothing" "$gen 0" "SET_RULES "
	: >want
	fcheck "delete: exit 0" 0 delete
	gen=$((gen + 1))
	rules_are "delete: the rules are gone" "$gen 0" "DEL_RULES "
	: >want
	fcheck "download after delete: nothing" 0 download
	: >want
	fcheck "delete without rules: exit 0" 0 delete
	rules_are "delete without rules changes nothing" "$gen 0"

	# a table that does not decompile (written behind the kernel's back)
	printf '%s 0\n\020\0\0\0\2\0\0\0\0\0\0\0\0\0\0\0' "$gen" >rules
	: >want
	echo "sclogctl: fakedev: the kernel's rule table cannot be read back: the table is not valid: version 2, not 1" >want.err
	fcheck "download of a table this sclogctl cannot read: exit 1" 1 download
	printf '%s 0\n' "$gen" >rules

	# the lock
	: >want
	fcheck "upload before the lock" 0 upload "$RULES/syscalltrack.rules"
	gen=$((gen + 1))
	: >log
	echo "sclogctl: fakedev: locked: recording, selection, buffer, failure settings, limits, watches and rules cannot change until reboot" >want
	fcheck "lock: says what it did, exit 0" 0 lock
	rules_are "lock: LOCK" "$gen 1" "LOCK "
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_LOCK: Operation not permitted: the configuration is locked until reboot" >want.err
	fcheck "lock again: refused like any change, exit 6" 6 lock
	rules_are "lock again: LOCK refused, then the status says why" "$gen 1" "LOCK GET_STATUS "
	fake status
	if grep -qx 'lock:      on: the configuration is locked until reboot' out; then
		ok "status: locked"
	else
		not_ok "status shows the lock" out err
	fi
	fake status --json
	if grep -q "\"rules\":{\"count\":2,\"generation\":$gen,\"locked\":true}" out &&
	   grep -q '^{"device":"fakedev","enabled":true,"locked":true,' out; then
		ok "status --json: locked"
	else
		not_ok "status --json shows the lock" out err
	fi
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_SET_RULES: Operation not permitted: the configuration is locked until reboot" >want.err
	fcheck "upload when locked: exit 6" 6 upload "$RULES/fields.rules"
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_DEL_RULES: Operation not permitted: the configuration is locked until reboot" >want.err
	fcheck "delete when locked: exit 6" 6 delete
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_SET_LIMITS: Operation not permitted: the configuration is locked until reboot" >want.err
	fcheck "limits when locked: exit 6" 6 limits --path-max 10
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_ADD_WATCH: Operation not permitted: the configuration is locked until reboot" >want.err
	fcheck "watch when locked: exit 6" 6 watch /etc/passwd
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_DEL_WATCH: Operation not permitted: the configuration is locked until reboot" >want.err
	fcheck "unwatch all when locked, nothing watched: exit 6" 6 unwatch all
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_SET_FAILURE: Operation not permitted: the configuration is locked until reboot" >want.err
	fcheck "failure when locked: exit 6" 6 failure --on-loss silent
	cp "$RULES/syscalltrack.canon" want
	fcheck "download when locked: the rules are still there" 0 download
	rules_are "nothing changed while locked" "$gen 1"

	# a kernel whose sclog has no rules
	SCLOG_FAKEDEV_NO_RULES=1
	export SCLOG_FAKEDEV_NO_RULES
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_SET_RULES: Inappropriate ioctl for device: this kernel's sclog has no rules" >want.err
	fcheck "upload to a kernel without rules: exit 4" 4 upload "$RULES/syscalltrack.rules"
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_GET_RULES: Inappropriate ioctl for device: this kernel's sclog has no rules" >want.err
	fcheck "download from a kernel without rules: exit 4" 4 download
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_DEL_RULES: Inappropriate ioctl for device: this kernel's sclog has no rules" >want.err
	fcheck "delete on a kernel without rules: exit 4" 4 delete
	: >want
	echo "sclogctl: fakedev: SCLOG_IOC_LOCK: Inappropriate ioctl for device: this kernel's sclog cannot be locked" >want.err
	fcheck "lock on a kernel without it: exit 4" 4 lock
	fake status
	if [ $? = 0 ] && grep -qx 'rules:     none (this kernel has no rules)' out &&
	   ! grep -q '^lock:' out; then
		ok "status on a kernel without rules"
	else
		not_ok "status on a kernel without rules" out err
	fi
	fake status --json
	if [ $? = 0 ] && grep -q '"rules":null,"select"' out; then
		ok "status --json on a kernel without rules: \"rules\":null"
	else
		not_ok "status --json on a kernel without rules" out err
	fi
	unset SCLOG_FAKEDEV_NO_RULES
else
	for t in $(seq $((53 + FAKE_RULES_TESTS))); do
		skip "status and limits on the stand-in device" "$FAKE cannot take ioctl() over"
	done
fi

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
