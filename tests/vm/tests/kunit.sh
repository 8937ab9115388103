#!/bin/sh
# Runs in the test VM: loads each KUnit module of sclog (kernel/sclog/
# ring_kunit.c, the ring buffers; rules_kunit.c, the rules; both
# CONFIG_SCLOG_KUNIT_TEST=m), each of which runs its suite on load and
# prints KTAP to the kernel log, and relays each test case's result as TAP.
n=0 fail=0
: >/tmp/kunit.tap
for ko in /tests/ring_kunit.ko /tests/rules_kunit.ko; do
	mod=$(basename "$ko" .ko)
	mark="kunit-test-$mod-$$-$(date +%s)"
	echo "$mark" >/dev/kmsg
	if ! insmod "$ko" 2>/tmp/insmod.err; then
		echo "not ok - $mod.ko loads: $(cat /tmp/insmod.err)" >>/tmp/kunit.tap
		continue
	fi
	# The suite runs synchronously during the load: its KTAP is complete now.
	dmesg | sed -n "/$mark/,\$p" | sed 's/^\[[^]]*\] //' >/tmp/ktap
	rmmod "$mod" 2>/dev/null
	# Test cases are indented one level under "# Subtest: <suite>".
	cases=$(grep -E '^    (not )?ok [0-9]+ ' /tmp/ktap)
	if [ -z "$cases" ]; then
		echo "not ok - $mod reported its test cases" >>/tmp/kunit.tap
		sed 's/^/# /' /tmp/ktap | tail -30
		continue
	fi
	echo "$cases" | while read -r line; do
		case $line in
		"not ok "*) echo "not ok - $mod: ${line#not ok [0-9]* }" ;;
		*) echo "ok - $mod: ${line#ok [0-9]* }" ;;
		esac
	done >>/tmp/kunit.tap
	# Diagnostics of failing cases, and the per-CPU storm figures.
	grep -E '^        # |^    # ' /tmp/ktap | grep -vE '^    # Subtest' | head -40 | sed 's/^ */# /'
done
grep '^not ok' /tmp/kunit.tap >/dev/null && fail=1
while read -r verdict rest; do
	n=$((n + 1))
	case $verdict in
	ok) echo "ok $n $rest" ;;
	*) echo "not ok $n ${rest#ok }" ;;
	esac
done </tmp/kunit.tap
echo "1..$n"
exit $fail
