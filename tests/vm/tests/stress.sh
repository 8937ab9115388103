#!/bin/sh
# Runs in the test VM, as root: /tests/bin/stress and stress32
# (tests/vm/progs/stress.c) abuse /dev/sclog from four threads for
# CHAOS seconds (default 20) while recording, then throw bad calls one at
# a time for SERIAL seconds (default 10), each checked
# against a snapshot of the whole configuration.  The 32-bit build goes
# through the compat ioctl path.  Passes when every refused call left the
# configuration as it was, no call failed in a way it should not, the
# kernel log gained no warning, BUG or lockdep report, and sclog still
# records afterwards.  The configuration is put back as it was.  Prints
# TAP; each run's table of calls and outcomes as comments.

. /tests/lib.inc

T=/tmp/stress
# sclog_stress=CHAOS,SERIAL on the kernel command line ("./build.sh test
# --long") makes the runs longer.
arg=$(sed -n 's/.*sclog_stress=\([0-9]*,[0-9]*\).*/\1/p' /proc/cmdline)
C=${arg%,*}
S=${arg#*,}
C=${C:-20}
S=${S:-10}
rm -rf "$T"
mkdir -p "$T"
stop_boot_sclogd

# What to put back: the limits and the buffer, as sclogctl shows them.
sclogctl limits >"$T/limits"
sclogctl buffer >"$T/buffer"
lim() { sed -n "s/^$1: *//p" "$T/limits"; }

# A rule table of LOG rules: the start of the program's mutated uploads.
cat >"$T/log.rules" <<'EOF'
rule {
	syscall_name = openat open
	rule_name = stress_log
	filter_expression { PATH glob "/tmp/stress/*" && UID == 0 }
	action { type = LOG }
}
rule {
	syscall_name = getppid
	rule_name = stress_all
	action { type = LOG }
}
EOF
check "a table of LOG rules is uploaded" sclogctl upload "$T/log.rules"
sclogctl select default >/dev/null
sclogctl enable
dmesg >"$T/dmesg.before"

run() {
	name=$1
	shift
	"$@" -c "$C" -s "$S" >"$T/$name.out" 2>"$T/$name.err"
	rc=$?
	sed 's/^/# /' "$T/$name.out"
	head -20 "$T/$name.err" | sed 's/^/# stderr: /'
	if [ $rc = 0 ]; then
		ok "$name: $(grep -c . "$T/$name.out") lines of outcomes; no refused call changed the configuration, no unexpected error"
	else
		nok "$name: exit status $rc ($(grep 'changed the configuration\|unexpected errors' "$T/$name.out" | tr '\n' ' '))"
	fi
	grep -q '^serial: [1-9][0-9]* calls' "$T/$name.out" ||
		nok "$name: the serial phase made no call"
}
run stress /tests/bin/stress
run stress32 /tests/bin/stress32

# The kernel log: what the runs added.
dmesg >"$T/dmesg.after"
tail -n +"$(($(wc -l <"$T/dmesg.before") + 1))" "$T/dmesg.after" >"$T/dmesg.new"
if grep -E 'WARNING:|BUG:|Oops|Call Trace:|UBSAN:|KASAN:|KCSAN:|possible recursive locking|possible circular locking|inconsistent lock state|suspicious RCU usage|sleeping function called from invalid context|using smp_processor_id\(\) in preemptible' \
	"$T/dmesg.new" >"$T/splat"; then
	nok "the kernel log has no warning, BUG or lock report from the runs"
	head -40 "$T/splat" | sed 's/^/# /'
else
	ok "the kernel log has no warning, BUG or lock report from the runs ($(wc -l <"$T/dmesg.new") new lines)"
fi

# Back as it was, then check that recording still works.
sclogctl disable
sclogcat -n >/dev/null 2>&1	# the buffer size changes only when they are empty
sclogctl delete 2>/dev/null
sclogctl unwatch all
sclogctl failure --on-loss warn --no-reader buffer
check "the limits are put back" sclogctl limits --fields "$(lim fields)" \
	--path-max "$(lim path-max)" --argv-max "$(lim argv-max)" \
	--argv-bytes "$(lim argv-bytes)" --envp-max "$(lim envp-max)" \
	--envp-bytes "$(lim envp-bytes)"
check "the buffer is put back" buffer_restore "$T/buffer"
sclogctl deselect all
sclogctl select default >/dev/null
sclogctl enable
# The buffer's size and policy (wait_ms cannot be set back to 0 once a
# wait policy has set it; it means nothing under drop).
check "the configuration is as before" sh -c "sclogctl limits | cmp -s - '$T/limits' &&
	[ \"\$(sclogctl buffer | sed 's/, wait_ms [0-9]*\$//')\" = \"\$(sed 's/, wait_ms [0-9]*\$//' '$T/buffer')\" ]"
sclogcat -n >/dev/null 2>&1
timeout 10 sclogcat -c 1 >"$T/after" 2>&1 &
RPID=$!
sleep 0.5
cat /etc/passwd >/dev/null
wait $RPID
check "sclog still records after the abuse" grep -q . "$T/after"
echo "1..$n"
exit $fail
