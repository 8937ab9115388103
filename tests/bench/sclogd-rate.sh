#!/bin/sh
# Benchmark (not part of the suite): how many records per second sclogd
# collects, and its memory, at the highest record rate the kernel produces
# in the test VM.  Run from the host with:
#
#   ./build.sh vm -- /tests/bench/sclogd-rate.sh [CALLS_PER_CPU] [RUNS] [WHAT]
#
# WHAT is getppid (default: the cheapest system call, so the highest record
# rate the kernel can produce; only getppid is selected) or openat (the
# default selection; each open of /dev/null is followed by a close, which is
# not recorded).  One process per CPU but one makes the calls in a tight loop
# (PRODUCERS, default CPUs - 1, at least 1), leaving a CPU to sclogd, which
# writes the text, JSON, then raw log to tmpfs (FORMATS="text json raw").  For each run it
# prints the calls/s the workloads made, the records sclogd logged and the
# records the kernel dropped (its counters, from sclogd's summary), the
# records/s sclogd wrote and its peak
# resident memory (VmHWM).  Medians over RUNS runs (default 5).
# POLICY=wait runs with the full-buffer policy SCLOG_FULL_WAIT (writers
# wait up to 100 ms for room), which trades the callers' speed for no loss.
calls=${1:-200000}
runs=${2:-5}
what=${3:-getppid}
case $what in
getppid) step=loop ;;
openat) step=openloop ;;
*) echo "usage: sclogd-rate.sh [CALLS_PER_CPU] [RUNS] [getppid|openat]" >&2; exit 2 ;;
esac
W=/tests/bin/workload
T=/tmp/bench
cpus=$(nproc)
producers=${PRODUCERS:-$((cpus > 1 ? cpus - 1 : 1))}

if [ -f /run/sclogd.pid ]; then
	kill -TERM "$(cat /run/sclogd.pid)"
	while [ -f /run/sclogd.pid ]; do sleep 0.1; done
fi
sclogctl disable
sclogctl deselect all
sclogctl buffer --policy "${POLICY:-drop}" --wait-ms 100 || exit 1
if [ "$what" = getppid ]; then
	sclogctl select getppid i386:getppid
else
	sclogctl select default
fi

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

for fmt in ${FORMATS:-text json raw}; do
	rm -rf "$T"
	mkdir -p "$T"
	opt=
	[ $fmt = json ] && opt=--json
	[ $fmt = raw ] && opt=--raw
	: >"$T/results"
	r=0
	while [ $r -lt "$runs" ]; do
		r=$((r + 1))
		rm -rf "$T/log" "$T/ready"
		mkfifo "$T/ready"
		sclogd -f -d "$T/log" -p "$T/pid" --ready-fd 3 $opt 3>"$T/ready" 2>"$T/err" &
		spid=$!
		read -r _ <"$T/ready"
		t0=$(now_ms)
		i=0
		wpids=
		while [ $i -lt "$producers" ]; do
			$W $step:"$calls" >"$T/w$i" &
			wpids="$wpids $!"
			i=$((i + 1))
		done
		for p in $wpids; do wait "$p"; done
		t1=$(now_ms)
		hwm=$(awk '/^VmHWM:/ { print $2 }' /proc/$spid/status)
		kill -TERM $spid
		wait $spid
		log=$(ls "$T"/log/*.log "$T"/log/*.raw 2>/dev/null)
		if [ $fmt = json ]; then
			logged=$(grep -c '"syscall":"'$what'"' "$log")
		elif [ $fmt = raw ]; then
			logged=$(sclogd -D "$log" -o - 2>/dev/null | grep -c "call=$what(")
		else
			logged=$(grep -c "call=$what(" "$log")
		fi
		# What the kernel dropped during the run (sclogd's summary on stderr).
		lost=$(sed -n 's/.*, \([0-9]*\) dropped by the kernel.*/\1/p' "$T/err" | tail -n 1)
		rate=$(cat "$T"/w* | sed -n 's/^loop: \([0-9]*\) calls\/s/\1/p' | awk '{ s += $1 } END { print s }')
		ms=$((t1 - t0))
		[ $ms -gt 0 ] || ms=1
		echo "$fmt run $r ($producers producers, policy ${POLICY:-drop}): calls/s $rate, logged $logged, dropped $lost, logged/s $((logged * 1000 / ms)), VmHWM ${hwm} kB"
		echo "$rate $logged $lost $((logged * 1000 / ms)) $hwm" >>"$T/results"
	done
	for col in 1 2 3 4 5; do
		eval "m$col=\$(awk '{ print \$$col }' '$T/results' | median)"
	done
	echo "$fmt median of $runs: calls/s $m1, logged $m2, dropped $m3, logged/s $m4, VmHWM $m5 kB"
done
sclogctl disable
sclogctl buffer --policy drop
sclogctl select default
