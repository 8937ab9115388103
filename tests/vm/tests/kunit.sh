#!/bin/sh
# Runs in the test VM: loads the KUnit module of sclog's ring buffers
# (kernel/sclog/ring_kunit.c, CONFIG_SCLOG_KUNIT_TEST=m), which runs its
# suite on load and prints KTAP to the kernel log, and relays each test
# case's result as TAP.
mark="kunit-test-$$-$(date +%s)"
echo "$mark" >/dev/kmsg
n=0 fail=0
if ! insmod /tests/ring_kunit.ko 2>/tmp/insmod.err; then
	echo "not ok 1 - ring_kunit.ko loads: $(cat /tmp/insmod.err)"
	echo "1..1"
	exit 1
fi
# The suite runs synchronously during the load: its KTAP is complete now.
dmesg | sed -n "/$mark/,\$p" | sed 's/^\[[^]]*\] //' >/tmp/ktap
# Test cases are indented one level under "# Subtest: sclog_ring".
cases=$(grep -E '^    (not )?ok [0-9]+ ' /tmp/ktap)
if [ -z "$cases" ]; then
	echo "not ok 1 - the sclog_ring suite reported its test cases"
	sed 's/^/# /' /tmp/ktap | tail -30
	echo "1..1"
	exit 1
fi
echo "$cases" | while read -r line; do
	case $line in
	"not ok "*) echo "not ok - ${line#not ok [0-9]* }" ;;
	*) echo "ok - ${line#ok [0-9]* }" ;;
	esac
done >/tmp/kunit.tap
grep '^not ok' /tmp/kunit.tap >/dev/null && fail=1
# Diagnostics of failing cases, and the per-CPU storm figures.
grep -E '^        # |^    # ' /tmp/ktap | grep -vE '^    # Subtest' | head -40 | sed 's/^ */# /'
n=0
while read -r verdict rest; do
	n=$((n + 1))
	case $verdict in
	ok) echo "ok $n $rest" ;;
	*) echo "not ok $n ${rest#ok }" ;;
	esac
done </tmp/kunit.tap
rmmod ring_kunit 2>/dev/null
echo "1..$n"
exit $fail
