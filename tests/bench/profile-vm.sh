#!/bin/sh
# profile-vm.sh: where the time goes while sclog records, by function, with
# perf in the guest (cpu-clock sampling: TCG has no PMU).  Runs in the test
# VM with /usr/bin/perf added to the initramfs; Documentation/benchmarks.md
# ("Profiling") gives the host side.  Prints, per case, the workload's
# ns/call (with and without perf) and the top symbols on the workload's
# CPU (1) and the collector's (0).
#
# usage: profile-vm.sh [N]    N: getppid calls (default 100000); the
#                             open+close loop runs N/10 pairs
set -u
N=${1:-100000}
W=/tests/bench/benchwork
T=/tmp/profile
say() { echo "profile-vm: $*" >&2; }
fail() { say "$*"; exit 1; }

command -v perf >/dev/null || fail "no perf in this image (see Documentation/benchmarks.md)"
[ -c /dev/sclog ] || fail "this kernel has no /dev/sclog"
echo 0 >/proc/sys/kernel/kptr_restrict
echo -1 >/proc/sys/kernel/perf_event_paranoid
if [ -f /run/sclogd.pid ]; then
	kill -TERM "$(cat /run/sclogd.pid)"
	while [ -f /run/sclogd.pid ]; do sleep 0.1; done
fi
mkdir -p "$T/log"
sclogctl disable >/dev/null
sclogctl buffer --policy wait --wait-ms 100 >/dev/null || fail "sclogctl buffer"

top() {	# CPU SORT
	perf report -i "$T/perf.data" --stdio --no-children --sort "$2" -C "$1" \
		-g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -30
}

# profile NAME WORKLOAD N [SCLOGD-OPTION...]
profile() {
	name=$1 wl=$2 n=$3
	shift 3
	rm -f "$T"/log/*
	taskset -c 0 sclogd -f --no-enable -d "$T/log" -p "$T/sclogd.pid" "$@" \
		2>"$T/sclogd.err" &
	sp=$!
	sleep 1
	sclogctl enable >/dev/null
	cd "$T" || exit 1
	echo "=== $name: $wl $(taskset -c 1 $W "$wl" "$n")"
	perf record -q -a -g -e cpu-clock -o "$T/perf.data" -- \
		taskset -c 1 $W "$wl" "$n" >"$T/w.out" 2>/dev/null
	echo "=== $name: $wl under perf $(cat "$T/w.out")"
	sclogctl disable >/dev/null
	kill -TERM "$sp"
	wait "$sp"
	echo "=== $name: the workload's CPU (1), by symbol"
	top 1 sym
	echo "=== $name: the collector's CPU (0), by command and symbol"
	top 0 comm,sym
}

sclogctl select all >/dev/null
profile all-raw getppid "$N" --raw
profile all getppid "$N"
sclogctl deselect all >/dev/null
sclogctl select default >/dev/null
profile default+fields openclose $((N / 10))
sclogctl deselect all >/dev/null
