#!/bin/sh
# Runs in the test VM, as root: the bypass matrix.  Each way a process can
# reach a file while hoping a recorder misses it (int $0x80 from a 64-bit
# process, a 32-bit process through the vDSO, x32, io_uring, a ptrace
# tracer rewriting the call, a symlink, /proc/self/root, a dirfd, "..", a
# bind mount, a hard link, and two races on the path) is done $BYPASS_N
# times (default 1000) by /tests/bin/bypass (tests/vm/progs/bypass.c),
# with sclogd recording open and openat on every ABI under the lossless
# buffer policy.  Every open must be in the log, by the pid that made it,
# with the path the kernel resolved: the file actually opened.  A way
# this kernel does not offer is a skip, saying why.  Prints TAP, and a
# "matrix:" comment per way for Documentation/reliability.md.
#
# "bypass.sh production" checks the production profile instead (booted
# with ia32_emulation=0 syscall.x32=N, kernel.io_uring_disabled=2 set
# first): the ways it removes (int $0x80, 32-bit programs, x32, io_uring)
# must be impossible, and every other way recorded as above.

. /tests/lib.inc

T=/tmp/bypass
N=${BYPASS_N:-1000}
MODE=${1:-all}
# The ways the production profile removes.
REMOVED="int80 int80-32 vdso-32 x32 uring"
B=/tests/bin/bypass
rm -rf "$T"
mkdir -p "$T/files"
D=$T/files
stop_boot_sclogd

old_buffer=$(sclogctl buffer)
if [ "$MODE" = production ]; then
	echo "# the production profile: $(cat /proc/cmdline)"
	sysctl -w kernel.io_uring_disabled=2 >/dev/null ||
		nok "sysctl kernel.io_uring_disabled=2"
fi
sclogctl disable
# Records left in the buffers from before (with no reader, the drop
# policy may have lost some) are not this test's: read them away, so that
# sclogd's lost-record check below speaks of this run only.
sclogcat -n >/dev/null 2>&1
sclogctl deselect all
check "select open and openat on every ABI" \
	sclogctl select openat i386:open i386:openat x32:openat
check "buffer policy wait (lossless)" sclogctl buffer --policy wait --wait-ms 10000
sclogctl enable
check "sclogd starts" start_sclogd "$T/log"

# run NAME PROG WAY: PROG WAY $N $D, its output line in $T/NAME.out; the
# status in $T/NAME.rc.
run() {
	"$2" "$3" "$N" "$D" >"$T/$1.out" 2>"$T/$1.err"
	echo $? >"$T/$1.rc"
}
run syscall $B syscall
run int80 $B int80
run int80-32 ${B}32 int80
run vdso-32 ${B}32 vdso
run x32 $B x32
run uring $B uring
run ptrace-args $B ptrace-args
run ptrace-nr $B ptrace-nr
run symlink $B symlink
run procroot $B procroot
run dirfd $B dirfd
run relative $B relative
run bind $B bind
run hardlink $B hardlink
run race $B race
run race-buf $B race-buf

check "sclogd stops" stop_pid "$SPID"
sclogctl disable
sclogctl deselect all
sclogctl select default >/dev/null
# as it was: "size 1M (1048576 bytes) per CPU, policy drop, wait_ms 0"
policy=$(echo "$old_buffer" | sed -n 's/.* policy \([a-z]*\),.*/\1/p')
sclogctl buffer --policy "${policy:-drop}"
sclogctl enable
set -- "$T"/log/*.log
LOG=$1
check "sclogd reports no lost record" sh -c "! grep -q ' sclogd: lost ' '$LOG'"
echo "# the log: $(wc -l <"$LOG") lines; sclogd: $(cat "$T/sclogd.err")"

# value NAME KEY: KEY=VALUE from the program's output line.
value() {
	sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$T/$1.out"
}
# count NAME PATH: records of the program's pid with the resolved path PATH.
count() {
	grep -F " pid=$(value "$1" pid) " "$LOG" | grep -cF " path=\"$2\""
}
# way NAME DESCRIPTION PATH: the program opened PATH $N times, and the log
# has $N records of its pid with that path.
way() {
	rc=$(cat "$T/$1.rc")
	# 3: the program found the way closed; no "way=" line: the program
	# could not run at all (a 32-bit one without ia32 emulation, which the
	# shell then tries, and fails, to read as a script).
	offered=1
	[ "$rc" = 3 ] || ! grep -q '^way=' "$T/$1.out" && offered=0
	case " $REMOVED " in
	*" $1 "*) removed=$([ "$MODE" = production ] && echo 1 || echo 0) ;;
	*) removed=0 ;;
	esac
	why=$(tr '\n' ' ' <"$T/$1.err" | tr -cd '[:print:]')
	grep -q '^way=' "$T/$1.out" || [ "$rc" = 3 ] ||
		why="the program does not run here (status $rc: no 32-bit programs without ia32 emulation)"
	if [ $removed = 1 ]; then
		echo "# matrix: $1 | removed: ${why:-status $rc}"
		if [ $offered = 0 ]; then
			ok "production profile: $2 is impossible (${why:-status $rc})"
		else
			nok "production profile: $2 still works (status $rc)"
		fi
		return
	fi
	if [ $offered = 0 ]; then
		ok "$2: # SKIP ${why:-status $rc}"
		echo "# matrix: $1 | not offered: ${why:-status $rc}"
		return
	fi
	opened=$(value "$1" opened)
	got=$(count "$1" "$3")
	entry=$(value "$1" entry)
	echo "# matrix: $1 | $N | ${opened:-?} | $got${entry:+ | entry $entry}"
	if [ "$rc" = 0 ] && [ "$opened" = "$N" ] && [ "$got" = "$N" ]; then
		ok "$2: $N opens, $got recorded with path $3"
	else
		nok "$2: $N tried, ${opened:-?} opened (status $rc), $got recorded with path $3"
		sed 's/^/#   /' "$T/$1.err"
	fi
}
way syscall "the syscall instruction" "$D/target-syscall"
way int80 "int \$0x80 from a 64-bit process" "$D/target-int80"
way int80-32 "int \$0x80 from a 32-bit process" "$D/target-int80"
way vdso-32 "a 32-bit process through the vDSO" "$D/target-vdso"
way x32 "an x32 call" "$D/target-x32"
way uring "io_uring IORING_OP_OPENAT" "$D/target-uring"
way ptrace-args "a tracer rewriting the path argument" "$D/target-ptrace-args"
way ptrace-nr "a tracer rewriting getppid into openat" "$D/target-ptrace-nr"
way symlink "a symlink" "$D/target-symlink"
way procroot "/proc/self/root" "$D/target-procroot"
way dirfd "a directory descriptor" "$D/target-dirfd"
way relative "a relative name with .." "$D/target-relative"
way bind "a bind mount (the path through the mount)" "$D/bind/target-bind"
way hardlink "a hard link (the path of the link)" "$D/alias-hardlink"

# The tracer's decoy never shows as what was opened.
p=$(value ptrace-args pid)
decoys=$(grep -F " pid=$p " "$LOG" | grep -cF "decoy-ptrace-args")
check "the ptrace decoy path is in no record of the traced child ($decoys)" \
	[ "$decoys" = 0 ]
# ptrace-nr: recorded as openat, not getppid
p=$(value ptrace-nr pid)
check "the rewritten getppid is recorded as the openat that ran" \
	sh -c "[ \$(grep -F ' pid=$p ' '$LOG' | grep -c ' call=openat(') = $N ]"

# The races: each record's resolved path is the file that open reached.
race_way() {
	a=$(value "$1" a)
	b=$(value "$1" b)
	ga=$(count "$1" "$D/race-a")
	gb=$(count "$1" "$D/race-b")
	echo "# matrix: $1 | $N | $(value "$1" opened) | $((ga + gb)) | a $a/$ga, b $b/$gb"
	if [ "$(cat "$T/$1.rc")" = 0 ] && [ "$ga" = "$a" ] && [ "$gb" = "$b" ]; then
		ok "$2: $a opens of race-a and $b of race-b, recorded as $ga and $gb"
	else
		nok "$2: $a opens of race-a and $b of race-b, recorded as $ga and $gb"
		sed 's/^/#   /' "$T/$1.err"
	fi
}
race_way race "a symlink replaced while opening"
race_way race-buf "a path rewritten in memory while opening"

[ "$MODE" != production ] || sysctl -w kernel.io_uring_disabled=0 >/dev/null
echo "1..$n"
exit $fail
