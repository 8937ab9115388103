#!/bin/sh
# Runs in a test VM of its own (tests/run, group vm-locked): sclog's
# configuration locked until reboot.
#   locked/run.sh boot     the VM was booted with sclog.lock=1 and
#                          sclog.rules=HEX (the table of
#                          tests/vm/locked/boot.rules): the rules are
#                          active and the configuration is locked from boot
#   locked/run.sh runtime  the VM booted unlocked: rules are uploaded and
#                          "sclogctl lock" locks it
# Then every change (upload, delete, select, enable/disable, buffer,
# limits, watch, lock again) fails with EPERM and a clear message, each
# attempt is recorded (refused=1), and the rules still act.  Prints TAP.

. /tests/lib.inc

mode=${1:?usage: run.sh boot|runtime}
T=/tmp/locked
W=/tests/bin/workload
rm -rf "$T"
mkdir -p "$T"
stop_boot_sclogd

if [ "$mode" = runtime ]; then
	check "unlocked at first: sclogctl status says so" \
		sh -c "sclogctl status | grep -qx 'lock: *off'"
	check "upload the rules" sclogctl upload /tests/locked/boot.rules
	sclogctl enable >/dev/null
	check "sclogctl lock" sclogctl lock
else
	check "the kernel says it locked at boot" \
		sh -c "dmesg | grep -q 'sclog: .*configuration locked'"
fi
check "sclogctl status says locked" \
	sh -c "sclogctl status | grep -q '^lock: *on: the configuration is locked until reboot'"
check "sclogctl status --json says locked" \
	sh -c "sclogctl status --json | grep -q '\"locked\": *true'"
check "the rules are active (download names no_softice)" \
	sh -c "sclogctl download | grep -q 'rule_name = no_softice'"

# A reader may still read: sclogd records the refused attempts.
check "sclogd starts (reading is not a change)" start_sclogd "$T/log"

# refused DESC COMMAND...: COMMAND fails, saying the configuration is locked.
refused() {
	desc=$1
	shift
	if "$@" >"$T/out" 2>&1; then
		nok "$desc is refused"
	elif grep -qi 'locked' "$T/out"; then
		ok "$desc is refused: $(head -1 "$T/out")"
	else
		nok "$desc is refused with a message saying why: $(head -1 "$T/out")"
	fi
}
echo 'rule { syscall_name = getpid rule_name = x action { type = LOG } }' >"$T/new.rules"
refused "upload" sclogctl upload "$T/new.rules"
refused "delete" sclogctl delete
refused "select" sclogctl select unlink
refused "deselect" sclogctl deselect all
refused "disable" sclogctl disable
refused "buffer" sclogctl buffer --policy wait
refused "limits" sclogctl limits --fields +envp
refused "watch" sclogctl watch /etc/passwd
refused "lock again" sclogctl lock
refused "failure" sclogctl failure --on-loss silent
refused "exempt" sclogctl exempt true
check "the failure settings are unchanged" \
	sh -c "sclogctl failure | grep -qx 'on loss warn, no reader: buffer'"
check "the rules are unchanged" sh -c "sclogctl download | grep -q 'rule_name = no_softice' && ! sclogctl download | grep -q 'rule_name = x'"
check "recording is still on" sh -c "sclogctl status | grep -qi 'recording: *on\|enabled'"

# The rules still act.
echo secret >"$T/softice"
check "the boot rule still refuses softice with ENOENT" \
	sh -c "$W open:$T/softice | grep -qx 'open = -2'"

sleep 0.5
stop_pid "$SPID"
set -- "$T"/log/*.log
check "each refused change is recorded (refused=1), at least 11" \
	sh -c "[ \$(grep -c ' refused=1 .*call=ioctl(.*= -1 EPERM' '$1') -ge 11 ]"
[ $fail = 0 ] || { grep 'refused=1' "$1" | head -5 | sed 's/^/#   /'; }
echo "1..$n"
exit $fail
