#!/bin/sh
# Runs in the test VM, as root: the full-buffer policies under a storm on
# every vCPU, one getppid() loop per vCPU, every call recorded, sclogd
# reading them (raw records, thrown away) and counting them in its summary.
#  - lossless (policy wait): $RECORDS records (default 10^6; the kernel
#    parameter sclog_storm=N, as "./build.sh test --long" gives 10^7) and
#    not one sequence gap, drop or missing record;
#  - drop (a 64 KiB buffer per CPU the collector cannot keep up with):
#    the kernel's drop counters equal, CPU by CPU, the gaps sclogd reports
#    in the sequence numbers.
# Prints TAP, with the figures as comments.

. /tests/lib.inc

T=/tmp/storm
W=/tests/bin/workload
RECORDS=$(sed -n 's/.*sclog_storm=\([0-9]*\).*/\1/p' /proc/cmdline)
RECORDS=${RECORDS:-1000000}
rm -rf "$T"
mkdir -p "$T"
stop_boot_sclogd
sclogctl buffer >"$T/buffer"

# counters: "CPU RECORDED DROPPED NEXT_SEQ" per CPU, from sclogctl status.
counters() {
	sclogctl status | awk '$1 ~ /^[0-9]+$/ && NF == 6 { print $1, $2, $3, $6 }'
}

# storm N: N getppid() calls split over the vCPUs, one process on each.
ncpu=$(grep -c '^processor' /proc/cpuinfo)
storm() {
	per=$(($1 / ncpu))
	c=0
	: >"$T/pids"
	while [ $c -lt "$ncpu" ]; do
		taskset -c $c $W loop:$per >"$T/storm.$c" &
		echo $! >>"$T/pids"
		c=$((c + 1))
	done
	# Not a bare wait: sclogd runs in the background too.
	for p in $(cat "$T/pids"); do wait "$p"; done
}

# collect NAME: sclogd, raw records to /dev/null (the fastest it goes);
# at its end its summary on standard error counts the records by command
# and the gaps in each CPU's sequence numbers, into $T/NAME.err.
collect() {
	rm -f "$T/ready"
	mkfifo "$T/ready"
	sclogd -f --raw -o - -p "$T/sclogd.pid" --ready-fd 3 3>"$T/ready" \
		>/dev/null 2>"$T/$1.err" &
	SPID=$!
	read -r line <"$T/ready"
}
# finish: let sclogd drain the buffers, then stop it.
finish() {
	i=0
	while [ "$(sclogctl status | awk '$1 == "total" { print $5 }')" != 0 ]; do
		i=$((i + 1))
		[ $i -gt 600 ] && break
		sleep 0.1
	done
	stop_pid "$SPID"
}
# from_summary NAME TABLE KEY: the count of KEY in that table of the
# summary ("# records by comm:", "#     1000  \"workload\"").
from_summary() {
	awk -v t="# $2:" -v k="$3" '
		index($0, t) == 1 { on = 1; next }
		on && /^#  / { if ($3 == k) { print $2; found = 1 } ; next }
		on { on = 0 }
		END { if (!found) print 0 }' "$T/$1.err"
}
# lost_by_cpu NAME: "CPU COUNT" lines of the summary's lost records.
lost_by_cpu() {
	awk 'index($0, "# lost records by CPU:") == 1 { on = 1; next }
		on && /^#  / { print $3, $2; next }
		on { on = 0 }' "$T/$1.err"
}
sclogctl disable
sclogcat -n >/dev/null 2>&1	# the buffer size changes only when they are empty
sclogctl deselect all
sclogctl select getppid >/dev/null
sclogctl buffer --size 1M --policy wait --wait-ms 60000
sclogctl enable

# --- lossless ------------------------------------------------------------
counters >"$T/before"
collect wait
t0=$(date +%s)
storm "$RECORDS"
t1=$(date +%s)
finish
counters >"$T/after"
calls=$(from_summary wait "records by comm" '"workload"')
lost=$(lost_by_cpu wait | awk '{ s += $2 } END { print s + 0 }')
dropped=$(awk 'NR == FNR { d[$1] = $3; next } { s += $3 - d[$1] } END { print s }' "$T/before" "$T/after")
recorded=$(awk 'NR == FNR { r[$1] = $2; next } { s += $2 - r[$1] } END { print s }' "$T/before" "$T/after")
want=$(( (RECORDS / ncpu) * ncpu ))
echo "# lossless: $want calls on $ncpu vCPUs in $((t1 - t0)) s; kernel: $recorded recorded, $dropped dropped; sclogd: $calls getppid records, gaps $lost"
check "lossless: the kernel dropped none of $recorded records" [ "$dropped" = 0 ]
check "lossless: sclogd saw no gap in any CPU's sequence" [ "${lost:-x}" = 0 ]
check "lossless: every one of the $want calls is in the log ($calls)" [ "$calls" -ge "$want" ]

# --- drop ----------------------------------------------------------------
sclogctl disable
sclogcat -n >/dev/null 2>&1	# the buffer size changes only when they are empty
sclogctl buffer --size 64K --policy drop
sclogctl enable
counters >"$T/before"
collect drop
storm $((RECORDS / 10))
# One more call on each CPU, after the storm: a drop at the very end of a
# CPU's sequence shows as a gap only once a later record arrives.
sleep 1
c=0
while [ $c -lt "$ncpu" ]; do taskset -c $c $W getppid >/dev/null; c=$((c + 1)); done
finish
counters >"$T/after"
lost_by_cpu drop >"$T/gaps"
lost=$(awk '{ s += $2 } END { print s + 0 }' "$T/gaps")
calls=$(from_summary drop "records by comm" '"workload"')
awk 'NR == FNR { d[$1] = $3; next } { print $1, $3 - d[$1] }' "$T/before" "$T/after" >"$T/dropped"
dropped=$(awk '{ s += $2 } END { print s }' "$T/dropped")
echo "# drop: $((RECORDS / 10)) calls; kernel dropped $dropped (by CPU: $(tr '\n' ' ' <"$T/dropped")); sclogd: $calls records, gaps $lost (by CPU: $(tr '\n' ' ' <"$T/gaps"))"
check "drop: the buffers overflowed ($dropped dropped)" [ "$dropped" -gt 0 ]
per_cpu_ok=1
while read -r cpu d; do
	g=$(awk -v c="$cpu" '$1 == c { print $2 }' "$T/gaps")
	[ "${g:-0}" = "$d" ] || per_cpu_ok=0
done <"$T/dropped"
[ "$lost" = "$dropped" ] || per_cpu_ok=0
check "drop: the gaps sclogd reports equal the kernel's drop counter, CPU by CPU ($lost = $dropped)" \
	[ "$per_cpu_ok" = 1 ]

# Back as it was.
sclogctl disable
sclogcat -n >/dev/null 2>&1	# the buffer size changes only when they are empty
buffer_restore "$T/buffer"
sclogctl deselect all
sclogctl select default >/dev/null
sclogctl enable
echo "1..$n"
exit $fail
