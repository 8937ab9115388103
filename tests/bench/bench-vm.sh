#!/bin/sh
# bench-vm.sh: the guest half of "./build.sh bench" (see tests/bench/report
# for the host half).  Runs the workloads of benchwork(1) under every
# configuration, interleaved: for each repetition, every configuration in
# turn, every workload once; a warm-up round first.  Appends one line per
# measurement to OUT, tab-separated:
#
#   boot  config  workload  rep  value  records
#
# value is what benchwork prints (ns/call, ns/pair, s, us, calls/s); records
# what the configuration's recorder says it recorded during the run (sclog:
# the kernel's counter; audit: SYSCALL lines in audit.log; ftrace: ring
# entries plus overruns; strace: output lines; "-" where nothing records).
# For the storm with every call recorded it also writes the collector's
# figures (config "storm": sclogd writing text; "storm-raw": raw records).
#
# Usage: bench-vm.sh BOOT OUT REPS SET
#   BOOT  a label for this boot (nosclog-1, sclog-1, ...)
#   SET   full: every configuration (needs CONFIG_SYSCALL_AUDIT);
#         base: only "off" (the kernel as it boots, nothing recording): the
#         runs compared across kernels
# Environment: N_GETPPID N_OPEN N_COPY N_FORK STORM_S (workload sizes).
set -u
boot=$1 out=$2 reps=$3 set=$4
B=/tests/bench
W=$B/benchwork
T=/tmp/bench
TR=/sys/kernel/tracing
AUDIT_LOG=$T/audit/audit.log	# as in /etc/audit/auditd.conf
N_GETPPID=${N_GETPPID:-100000}
N_OPEN=${N_OPEN:-10000}
N_COPY=${N_COPY:-100}
N_FORK=${N_FORK:-100}
STORM_S=${STORM_S:-2}
WORKLOADS="getppid openclose copy forkexec storm"

say() { echo "bench-vm: $*" >&2; }

# With two CPUs or more, the workloads (but the storm, which runs on all)
# run on CPU 1 and the collectors (sclogd, auditd, strace) on CPU 0, the
# same in every configuration.
if [ "$(nproc)" -ge 2 ]; then
	ON_WORK="taskset -c 1" ON_COLLECTOR="taskset -c 0"
else
	ON_WORK="" ON_COLLECTOR=""
fi
fail() { say "$*"; exit 1; }

mkdir -p "$T/work" "$T/log" || fail "cannot make $T"
: >"$T/sclogd.errs"

# ------------------------------------------------------------ recorders
sclog_counts() {	# recorded dropped (kernel totals)
	sclogctl status | awk '$1 == "total" { print $2, $3 }'
}

# Stop the sclogd the boot started, if it runs.
stop_boot_sclogd() {
	[ -f /run/sclogd.pid ] || return 0
	kill -TERM "$(cat /run/sclogd.pid)"
	while [ -f /run/sclogd.pid ]; do sleep 0.1; done
}

# start_sclogd [--raw]: (re)start the collector, writing the text log (or
# the raw records) to $T/log.
sclogd_pid=
start_sclogd() {
	stop_boot_sclogd
	stop_sclogd
	rm -f "$T"/log/*
	sclogctl disable >/dev/null
	# The lossless policy: a writer waits (up to wait_ms, then drops and
	# counts) for the collector.
	sclogctl buffer --policy wait --wait-ms 100 >/dev/null || fail "sclogctl buffer"
	rm -f "$T/ready"
	mkfifo "$T/ready"
	$ON_COLLECTOR sclogd -f --no-enable -d "$T/log" -p "$T/sclogd.pid" --ready-fd 3 "$@" \
		3>"$T/ready" 2>"$T/sclogd.err" &
	sclogd_pid=$!
	read -r _ <"$T/ready" || fail "sclogd did not start: $(cat "$T/sclogd.err")"
}

# Stop the collector (start_sclogd starts it again).
stop_sclogd() {
	[ -n "$sclogd_pid" ] || return 0
	kill -TERM "$sclogd_pid"
	wait "$sclogd_pid"
	cat "$T/sclogd.err" >>"$T/sclogd.errs"
	sclogd_pid=
}

# Empty the log between runs: remove it and have sclogd open a new one.
fresh_log() {
	[ -n "$sclogd_pid" ] || return 0
	rm -f "$T"/log/*
	kill -HUP "$sclogd_pid"
}

# Wait until the buffers are empty (sclogd has read everything).
drained() {
	i=0
	while [ $i -lt 600 ]; do
		fill=$(sclogctl status | awk '$1 == "total" { print $5 }')
		[ "$fill" = 0 ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	say "the buffers did not drain in 30 s"
}

DEFAULT_NAMES=
DEFAULT_NRS=
default_set() {
	sclogctl deselect all >/dev/null
	sclogctl select default >/dev/null
	DEFAULT_NAMES=$(sclogctl status | sed -n 's/^  x86_64 *[0-9]* selected: //p')
	[ -n "$DEFAULT_NAMES" ] || fail "cannot read the default selection"
	for n in $DEFAULT_NAMES; do
		nr=$(awk -v n="$n" '$2 != "x32" && $3 == n { print $1; exit }' \
			/tests/data/syscall_64.tbl)
		[ -n "$nr" ] && DEFAULT_NRS="$DEFAULT_NRS $nr"
	done
}

start_auditd() {
	mkdir -p "${AUDIT_LOG%/*}"
	$ON_COLLECTOR auditd || fail "auditd did not start"
	i=0
	until auditctl -s 2>/dev/null | grep -q '^pid [1-9]'; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "auditd did not register"
		sleep 0.1
	done
	auditctl -b 8192 >/dev/null
	audit_idle
}

# No rules but "never,task": processes forked now get no audit context, so
# the other configurations pay nothing for auditd running.
audit_idle() {
	auditctl -D >/dev/null
	auditctl -a task,never >/dev/null
}

# SYSCALL records in the log, once auditd (flushing asynchronously) has
# written what it was sent.
audit_lines() {
	sleep 0.5
	grep -c '^type=SYSCALL' "$AUDIT_LOG" 2>/dev/null || echo 0
}

ftrace_off() {
	echo 0 >$TR/events/raw_syscalls/enable
	echo 0 >$TR/events/raw_syscalls/sys_enter/filter
	echo 0 >$TR/events/raw_syscalls/sys_exit/filter
	echo >$TR/trace
}

ftrace_entries() {	# entries + overruns + entries read, over all CPUs
	cat $TR/per_cpu/cpu*/stats |
		awk '/^(entries|overrun):/ { s += $2 } /^read events:/ { s += $3 }
			END { print s + 0 }'
}

# The rule files: N rules naming the workloads' calls, none matching (or
# one, matching every call).
make_rules() {
	calls="getppid openat close read write execve clone clone3 wait4"
	for n in 1 16 256; do
		i=0
		: >"$T/rules$n"
		while [ $i -lt $n ]; do
			printf 'rule {\n rule_name = nomatch%d\n syscall_name = %s\n filter_expression { UID == %d }\n action { type = LOG }\n}\n' \
				$i "$calls" $((12345 + i)) >>"$T/rules$n"
			i=$((i + 1))
		done
	done
	printf 'rule {\n rule_name = match\n syscall_name = %s\n filter_expression { UID == 0 }\n action { type = LOG }\n}\n' \
		"$calls" >"$T/rules-match"
}

# ------------------------------------------------------------ configurations
# setup CONFIG: put the system in CONFIG; WRAP is set to the command the
# workload runs under.  teardown CONFIG undoes it.
WRAP=
setup() {
	WRAP=
	case $1 in
	off) ;;
	unselected)
		sclogctl deselect all >/dev/null && sclogctl enable >/dev/null ;;
	default)
		sclogctl select default >/dev/null && sclogctl limits --fields none >/dev/null &&
			sclogctl enable >/dev/null ;;
	default+fields)
		sclogctl select default >/dev/null && sclogctl enable >/dev/null ;;
	all)
		sclogctl select all >/dev/null && sclogctl enable >/dev/null ;;
	all-raw)
		start_sclogd --raw
		sclogctl select all >/dev/null && sclogctl enable >/dev/null ;;
	all-drain)
		# The cheapest reader there can be: dd reads the records and
		# throws them away (no decoding, no log), so that what remains
		# is the kernel's cost of recording and handing them over.
		stop_sclogd
		$ON_COLLECTOR dd if=/dev/sclog of=/dev/null bs=1M 2>/dev/null &
		drain_pid=$!
		sclogctl select all >/dev/null && sclogctl enable >/dev/null ;;
	rules1 | rules16 | rules256)
		sclogctl upload "$T/rules${1#rules}" >/dev/null ;;
	rules-match)
		sclogctl upload "$T/rules-match" >/dev/null ;;
	audit-default)
		auditctl -D >/dev/null
		# shellcheck disable=SC2086
		set -- $DEFAULT_NRS
		args=
		for nr; do args="$args -S $nr"; done
		# shellcheck disable=SC2086
		auditctl -a always,exit -F arch=b64 $args >/dev/null ;;
	audit-all)
		auditctl -D >/dev/null
		auditctl -a always,exit -F arch=b64 -S all >/dev/null ;;
	ftrace-default)
		f=
		for nr in $DEFAULT_NRS; do f="${f:+$f || }id == $nr"; done
		echo "$f" >$TR/events/raw_syscalls/sys_enter/filter &&
			echo "$f" >$TR/events/raw_syscalls/sys_exit/filter &&
			echo 1 >$TR/events/raw_syscalls/enable ;;
	ftrace-all)
		echo 1 >$TR/events/raw_syscalls/enable ;;
	ftrace-all-pipe)
		# With a reader writing a file on the collector's CPU, as sclogd
		# does: trace_pipe hands out the events as text.  (ftrace does
		# not wait for its reader: what it cannot keep up with is
		# overwritten and counted as overruns.)
		$ON_COLLECTOR cat $TR/trace_pipe >"$T/ftrace.out" &
		pipe_pid=$!
		echo 1 >$TR/events/raw_syscalls/enable ;;
	strace-default)
		# --seccomp-bpf: only the traced calls stop the tracee (strace's
		# cheapest way to trace a subset).
		e=
		for n in $DEFAULT_NAMES; do e="${e:+$e,}?$n"; done
		WRAP="strace -f --seccomp-bpf -qq -o $T/strace.out -e trace=$e" ;;
	strace-all)
		WRAP="strace -f -qq -o $T/strace.out" ;;
	*) fail "unknown configuration $1" ;;
	esac || fail "cannot set up $1"
}

teardown() {
	case $1 in
	all-raw)
		start_sclogd
		sclogctl limits --fields default >/dev/null
		sclogctl deselect all >/dev/null ;;
	all-drain)
		sclogctl disable >/dev/null
		kill -TERM "$drain_pid"
		wait "$drain_pid"
		start_sclogd
		sclogctl deselect all >/dev/null ;;
	unselected | default | default+fields | all)
		sclogctl disable >/dev/null
		sclogctl limits --fields default >/dev/null
		sclogctl deselect all >/dev/null ;;
	rules*) sclogctl delete >/dev/null ;;
	audit-*) audit_idle; sleep 0.5; : >"$AUDIT_LOG" ;;
	ftrace-all-pipe)
		echo 0 >$TR/events/raw_syscalls/enable
		sleep 0.5
		kill -TERM "$pipe_pid"
		wait "$pipe_pid"
		rm -f "$T/ftrace.out"
		ftrace_off ;;
	ftrace-*) ftrace_off ;;
	strace-*) rm -f "$T/strace.out" ;;
	esac
}

# records CONFIG PHASE: print the recorder's count (PHASE before/after).
records() {
	case $1 in
	off) echo - ;;
	audit-*) audit_lines ;;
	ftrace-*) ftrace_entries ;;
	strace-*)
		if [ "$2" = before ]; then echo 0; else wc -l <"$T/strace.out"; fi ;;
	*) sclog_counts | awk '{ print $1 }' ;;
	esac
}

# ------------------------------------------------------------ workloads
size_of() {
	case $1 in
	getppid) echo "$N_GETPPID" ;;
	openclose) echo "$N_OPEN" ;;
	copy) echo "$N_COPY" ;;
	forkexec) echo "$N_FORK" ;;
	storm) echo "$STORM_S" ;;
	esac
}

# Slow recorders get smaller runs (the results are per call, or rates):
# strace and audit of every call cost tens of times more.
scaled() {	# WORKLOAD CONFIG
	n=$(size_of "$1")
	case $1:$2 in
	copy:* | storm:*) ;;
	*:strace-* | *:audit-*) n=$((n / 10)) ;;
	esac
	[ "$n" -ge 1 ] || n=1
	echo "$n"
}

# run CONFIG WORKLOAD REP: one measurement, appended to OUT.
run() {
	cfg=$1 wl=$2 rep=$3
	n=$(scaled "$wl" "$cfg")
	before=$(records "$cfg" before)
	if [ "$wl" = storm ] && { [ "$cfg" = all ] || [ "$cfg" = all-raw ]; }; then
		storm_collect "$cfg" "$rep" "$n"
		return
	fi
	cd "$T/work" || fail "cd $T/work"
	pin=$ON_WORK
	wrap=
	[ -n "$WRAP" ] && wrap="$ON_COLLECTOR $WRAP"
	# The storm runs on every CPU: neither it nor a tracer wrapping it is
	# pinned (the workload would inherit the tracer's CPU).
	if [ "$wl" = storm ]; then
		pin=
		wrap=$WRAP
	fi
	# shellcheck disable=SC2086
	if [ "$wl" = forkexec ]; then
		v=$($wrap $pin $W forkexec "$n" $W) || fail "$cfg: benchwork $wl failed"
	else
		v=$($wrap $pin $W "$wl" "$n") || fail "$cfg: benchwork $wl failed"
	fi
	cd / || exit 1
	after=$(records "$cfg" after)
	case $before in
	-) rec=- ;;
	*) rec=$((after - before)) ;;
	esac
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$boot" "$cfg" "$wl" "$rep" "$v" "$rec" >>"$out"
}

# The storm with every call recorded: also what sclogd delivered, its CPU
# time and peak memory, and what the kernel dropped.
storm_collect() {
	cfg=$1 rep=$2 n=$3 label=storm
	[ "$cfg" = all-raw ] && label=storm-raw
	drained
	fresh_log
	# shellcheck disable=SC2046
	set -- $(sclog_counts)
	rec0=$1 drop0=$2
	echo 5 >/proc/"$sclogd_pid"/clear_refs	# reset VmHWM
	cpu0=$(awk '{ print $14 + $15 }' /proc/"$sclogd_pid"/stat)
	cd "$T/work" || fail "cd $T/work"
	v=$($W storm "$n") || fail "$cfg: benchwork storm failed"
	cd / || exit 1
	drained
	cpu1=$(awk '{ print $14 + $15 }' /proc/"$sclogd_pid"/stat)
	hwm=$(awk '/^VmHWM:/ { print $2 }' /proc/"$sclogd_pid"/status)
	# shellcheck disable=SC2046
	set -- $(sclog_counts)
	rec=$(($1 - rec0)) drop=$(($2 - drop0))
	sleep 0.2
	if [ "$cfg" = all-raw ]; then
		got=$(for f in "$T"/log/*; do sclogd -D "$f" -o - 2>/dev/null; done | grep -vc '^#')
	else
		got=$(cat "$T"/log/* | grep -vc '^#')
	fi
	hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
	printf '%s\t%s\tstorm\t%s\t%s\t%s\n' "$boot" "$cfg" "$rep" "$v" "$rec" >>"$out"
	awk -v b="$boot" -v l="$label" -v r="$rep" -v rec="$rec" -v drop="$drop" -v got="$got" \
		-v s="$n" -v cpu="$((cpu1 - cpu0))" -v hz="$hz" \
		-v hwm="$hwm" 'BEGIN {
		printf "%s\t%s\tproduced/s\t%s\t%.0f\t-\n", b, l, r, rec / s
		printf "%s\t%s\tproduced\t%s\t%d\t-\n", b, l, r, rec
		printf "%s\t%s\tdelivered\t%s\t%d\t-\n", b, l, r, got
		printf "%s\t%s\tdropped\t%s\t%d\t-\n", b, l, r, drop
		printf "%s\t%s\tsclogd-cpu-s\t%s\t%.2f\t-\n", b, l, r, cpu / hz
		printf "%s\t%s\tsclogd-VmHWM-kB\t%s\t%d\t-\n", b, l, r, hwm
	}' >>"$out"
	fresh_log
}

# ------------------------------------------------------------ main
case $set in
full)
	[ -c /dev/sclog ] || fail "this kernel has no /dev/sclog"
	[ -d $TR/events ] || mount -t tracefs nodev $TR || fail "cannot mount tracefs"
	[ -d $TR/events/raw_syscalls ] || fail "this kernel has no raw_syscalls events"
	start_sclogd
	default_set
	sclogctl deselect all >/dev/null
	start_auditd
	make_rules
	CONFIGS="off unselected default default+fields all all-raw all-drain rules1 rules16 rules256 rules-match
		audit-default audit-all ftrace-default ftrace-all ftrace-all-pipe strace-default strace-all" ;;
base)
	# Nothing records: on the sclog kernel, stop the collector the boot
	# started and turn recording off.
	if [ -c /dev/sclog ]; then
		stop_boot_sclogd
		sclogctl disable >/dev/null || fail "sclogctl disable"
	fi
	CONFIGS=off ;;
*) fail "unknown set $set (full or base)" ;;
esac

# shellcheck disable=SC2086
say "$boot: $(uname -r), $(nproc) CPUs; configurations:" $CONFIGS
# Warm-up: every workload once, untimed; then let the boot settle.
for wl in $WORKLOADS; do
	(cd "$T/work" && $W "$wl" 1 $W >/dev/null) || fail "warm-up $wl failed"
done
sleep 2
ncfg=$(echo "$CONFIGS" | wc -w)
r=1
while [ $r -le "$reps" ]; do
	# Each repetition starts one configuration further on, so that no
	# configuration always runs first (or after the same one).
	# shellcheck disable=SC2086
	order=$(echo $CONFIGS | awk -v k=$(((r - 1) % ncfg)) '{
		for (i = 0; i < NF; i++) printf "%s ", $((i + k) % NF + 1) }')
	for cfg in $order; do
		setup "$cfg"
		for wl in $WORKLOADS; do
			run "$cfg" "$wl" "$r"
			case $cfg in all*) fresh_log ;; esac
		done
		teardown "$cfg"
		[ "$set" = full ] && fresh_log
	done
	say "$boot: repetition $r of $reps done"
	r=$((r + 1))
done
if [ "$set" = full ]; then
	auditctl -s | sed -n 's/^lost /audit lost: /p' >&2
	kill -TERM "$sclogd_pid"
	wait "$sclogd_pid"
	cat "$T/sclogd.errs" "$T/sclogd.err" >&2
fi
exit 0
