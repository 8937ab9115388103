#!/bin/sh
# Runs in a test VM of its own (tests/run, groups vm-panic-on-loss and
# vm-halt-on-full-disk): the failure actions that end the machine.
#   failure/run.sh panic   booted with sclog.on_loss=2: a lost record
#                          panics the kernel ("Kernel panic - not syncing:
#                          sclog: record lost ...")
#   failure/run.sh halt    sclogd --disk-full-action halt on a full disk
#                          powers the machine off ("sclogd: halting the
#                          machine", then "reboot: Power down")
# Either way the command never finishes: the host checks the console.
# "sclog-failure: survived" on the console means the action did not come.
mode=${1:?usage: run.sh panic|halt}
W=/tests/bin/workload
if [ -f /run/sclogd.pid ]; then
	pid=$(cat /run/sclogd.pid)
	kill -TERM "$pid"
	while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
fi
case $mode in
panic)
	echo "sclog-failure: $(sclogctl failure)"
	sclogctl disable
	sclogcat -n >/dev/null 2>&1	# the buffer size changes only when they are empty
	sclogctl buffer --size 64K --policy drop
	sclogctl select getppid
	sclogctl enable
	# 64 KiB hold a few hundred records, and nothing reads them.
	$W loop:5000 >/dev/null
	sleep 2
	echo "sclog-failure: survived the lost records"
	sclogctl status
	;;
halt)
	mkdir -p /tmp/tiny
	mount -t tmpfs -o size=128k,mode=0700 tmpfs /tmp/tiny || exit 1
	sclogctl select getppid
	sclogd -f -d /tmp/tiny --disk-full-action halt &
	sleep 1
	dd if=/dev/zero of=/tmp/tiny/fill bs=1k 2>/dev/null
	$W loop:300 >/dev/null
	sleep 5
	echo "sclog-failure: survived the full disk"
	;;
*)
	echo "run.sh: unknown mode $mode" >&2
	exit 2
	;;
esac
exit 1
