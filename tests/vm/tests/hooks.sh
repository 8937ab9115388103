#!/bin/sh
# Runs in the test VM: sclog's hook API for in-kernel code, through the
# sample module tests/modules/sclog_hookdemo (hooks getppid: counts the
# calls before and after, fails those of deny_pid= with EPERM, sleeps
# delay_us= in each before callback).
#   - the hook fails one pid's getppid with EPERM, not another's, and
#     counts what it saw;
#   - load and unload it in a loop while two processes hammer getppid on
#     the other CPUs, each callback sleeping so that unloads race running
#     callbacks: no crash (run-vm checks the kernel log), every unload
#     completes (no reference leaked), the hammers never see a wrong
#     result.
# Prints TAP.

. /tests/lib.inc

T=/tmp/hooks
W=/tests/bin/workload
KO=/tests/sclog_hookdemo.ko
LOOPS=${HOOK_LOOPS:-60}
rm -rf "$T"
mkdir -p "$T"
rmmod sclog_hookdemo 2>/dev/null

# unload: rmmod, retried while a callback holds the module (EAGAIN); the
# last refusal is kept in $T/rmmod.err.
unload() {
	i=0
	while ! rmmod sclog_hookdemo 2>"$T/rmmod.err"; do
		i=$((i + 1))
		[ $i -gt 300 ] && return 1
		sleep 0.01
	done
}

mkfifo "$T/go"
sh -c "echo \$\$ >$T/denied.pid; read x <$T/go; exec $W getppid" >"$T/denied.out" &
while [ ! -s "$T/denied.pid" ]; do sleep 0.05; done
D=$(cat "$T/denied.pid")
mark="hooks-test-$$-$(date +%s)"
echo "$mark" >/dev/kmsg
check "insmod sclog_hookdemo deny_pid=$D" insmod "$KO" "deny_pid=$D"
echo go >"$T/go"
wait
check "the denied pid's getppid fails with EPERM" grep -qx 'getppid = -1' "$T/denied.out"
check "another process's getppid works" \
	sh -c "$W getppid | grep -qE '^getppid = [1-9][0-9]*\$'"
check "rmmod" unload
dmesg | sed -n "/$mark/,\$p" | grep 'sclog_hookdemo:' | tail -1 >"$T/counts"
sed 's/^/# /' "$T/counts"
check "it saw the calls before and after, and denied one" \
	grep -qE 'before=[1-9][0-9]* after=[1-9][0-9]* denied=1$' "$T/counts"
check "unloaded: getppid works again" \
	sh -c "$W getppid | grep -qE '^getppid = [1-9][0-9]*\$'"

# Hammer getppid on the other CPUs while the module comes and goes: one in
# 1000 callbacks sleeps 50 us, so that unloads race callbacks that run.  An
# unload while a callback runs is refused (EAGAIN: the callback holds a
# reference on the module); one tried between callbacks goes through, and
# the hook's SRCU grace period covers the calls already on their way.
hammer() {
	while [ ! -e "$T/stop" ]; do
		$W loop:3000 >/dev/null || { echo bad >"$T/hammer.bad"; break; }
		$W getppid | grep -qE '^getppid = [1-9]' || { echo wrong >"$T/hammer.bad"; break; }
	done
}
hammer &
H1=$!
hammer &
H2=$!
loads=0 unloads=0 refused=0 badload=0 in=no
i=0
while [ $i -lt "$LOOPS" ]; do
	i=$((i + 1))
	if [ $in = no ]; then
		if insmod "$KO" delay_us=50 delay_every=1000 2>"$T/insmod.err"; then
			loads=$((loads + 1)) in=yes
		else
			badload=$((badload + 1))
		fi
	fi
	sleep 0.0$((i % 5))
	# A few tries: most land while a callback holds the module.
	j=0
	while [ $j -lt 10 ]; do
		j=$((j + 1))
		if rmmod sclog_hookdemo 2>"$T/rmmod.err"; then
			unloads=$((unloads + 1)) in=no
			break
		fi
		refused=$((refused + 1))
		sleep 0.01
	done
done
touch "$T/stop"
wait $H1 $H2
echo "# $loads loads, $unloads unloads while getppid was hammered, $refused unloads refused (a callback held the module)"
grep -q 'Resource temporarily unavailable' "$T/rmmod.err" 2>/dev/null &&
	echo "# a refusal: $(cat "$T/rmmod.err")"
check "every load worked ($loads, $badload failed)" test "$badload" = 0
check "unloads went through while the hammers ran ($unloads of $LOOPS)" \
	test "$unloads" -gt 0
if [ $in = yes ]; then
	check "once the hammers stop, the last unload goes through at once: no reference leaked" \
		rmmod sclog_hookdemo
else
	ok "the module was unloaded last: no reference leaked"
fi
check "the module is gone" sh -c "! grep -q '^sclog_hookdemo ' /proc/modules"
check "the hammers never saw a failed or wrong getppid" test ! -e "$T/hammer.bad"
echo "1..$n"
exit $fail
