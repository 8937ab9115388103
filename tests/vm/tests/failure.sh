#!/bin/sh
# Runs in the test VM, as root: sclog when things go wrong, end to end with
# sclogd and sclogctl.
#  - the collector killed: the next sclogd logs the close of the one before
#    it (signal, sender pid, command) and its own open;
#  - records that never reached a log between two runs (read by someone
#    else) are reported by the next run as lost, exactly;
#  - sclogctl failure: settings shown and changed, bad values refused;
#    --no-reader block holds the selected calls of a task that is not
#    exempt while no reader is there, and an exempt supervisor
#    (sclogctl exempt) restarts the collector, which releases them;
#  - a full log disk (a tiny tmpfs): --disk-full-action ignore counts the
#    lost records, suspend loses none (records wait in the kernel until
#    space returns), syslog also alerts syslog.
# The panic on loss and the halt on a full disk need VMs of their own
# (tests/vm/failure/run.sh).  Prints TAP.

. /tests/lib.inc

W=/tests/bin/workload
T=/tmp/failure

if [ "${1:-}" = --supervisor ]; then
	# Exempt (sclogctl exempt): kill the collector, let the worker be
	# held, start a new collector.  Writes its findings to $T/sup.
	old=$(cat "$T/sclogd.pid")
	kill -KILL "$old"
	while kill -0 "$old" 2>/dev/null; do sleep 0.1; done
	i=0
	until sclogctl failure | grep -q 'tasks waiting'; do
		i=$((i + 1))
		[ $i -gt 50 ] && break
		sleep 0.1
	done
	sclogctl failure >"$T/sup.waiting"
	a=$(wc -c <"$T/progress")
	sleep 1
	b=$(wc -c <"$T/progress")
	echo "$a $b" >"$T/sup.held"
	sclogd -f -d "$T/block" -p "$T/sclogd.pid" 2>>"$T/sclogd.err" &
	echo $! >"$T/sup.sclogd"
	i=0
	until sclogctl status | grep -q '^reader: *pid'; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			# Never leave every other task held.
			sclogctl failure --no-reader buffer
			break
		fi
		sleep 0.1
	done
	exit 0
fi
rm -rf "$T"
mkdir -p "$T"

stop_boot_sclogd

# wait_reader: until a reader has the device open (up to 5 s).
wait_reader() {
	i=0
	until sclogctl status | grep -q '^reader: *pid'; do
		i=$((i + 1))
		[ $i -gt 50 ] && return 1
		sleep 0.1
	done
}

sclogctl disable >/dev/null
sclogctl select default >/dev/null
sclogctl select getppid >/dev/null
sclogctl buffer --size 1M --policy drop >/dev/null
# A reader's open is recorded only while recording is on (sclogd turns it
# on, but after its open).
sclogctl enable >/dev/null

# --- the collector killed, and the next one ---------------------------------
# kill_test DIR [OPTIONS...]: sclogd killed by "kill -KILL" from a shell
# whose pid is $killer, then a second one; their logs in DIR/all.
kill_test() {
	dir=$1
	shift
	start_sclogd "$dir" "$@" || return 1
	first=$SPID
	# Killed before it wrote its own open, it would take that record with
	# it (the next run reports it as lost): wait until it is in the log.
	i=0
	until cat "$dir"/*.log 2>/dev/null |
		grep -Eq "reader=open .* pid=$first |\"event\":\"open\",\"pid\":$first,"; do
		i=$((i + 1))
		[ $i -gt 50 ] && break
		sleep 0.1
	done
	sh -c 'echo $$ >'"$T/killer.pid"'; exec kill -KILL '"$first"
	killer=$(cat "$T/killer.pid")
	while kill -0 "$first" 2>/dev/null; do sleep 0.1; done
	start_sclogd "$dir" "$@" || return 1
	second=$SPID
	$W getppid >/dev/null
	stop_pid "$second"
	cat "$dir"/*.log >"$dir/all"
}
if kill_test "$T/kill"; then
	check "the first sclogd logged its own open" \
		grep -q "reader=open cpu=[0-9]* seq=[0-9]* pid=$first " "$T/kill/all"
	check "the second logged the first's close: SIGKILL, sent by pid $killer (kill)" \
		grep -q "reader=close .* pid=$first .* exiting=1 signal=SIGKILL status=0 sender_pid=$killer sender_uid=0 sender_euid=0 .*sender_comm=\"kill\" sender_signal=SIGKILL sender_code=0" "$T/kill/all"
	check "the second logged its own open" \
		grep -q "reader=open .* pid=$second " "$T/kill/all"
	check "sclog search reads past the reader lines" \
		sh -c "sclog search --syscall getppid '$T/kill/all' | grep -q 'getppid'"
else
	nok "two sclogd, the first killed"
fi
if kill_test "$T/kjson" --json; then
	check "JSON: the close of the killed one, and its sender" \
		grep -q "\"type\":\"reader\",\"event\":\"close\",\"pid\":$first,.*\"exiting\":true,\"signal\":\"SIGKILL\",\"status\":0,\"sender\":{\"signal\":\"SIGKILL\",\"code\":0,\"pid\":$killer,\"uid\":0,\"euid\":0,.*\"comm\":\"kill\"" "$T/kjson/all"
else
	nok "two sclogd --json, the first killed"
fi

# --- records lost between runs ------------------------------------------------
# Records on every CPU, so that each CPU's sequence is followed.
on_each_cpu() {
	for c in 0 1; do taskset -c $c $W getppid >/dev/null; done
}
sclogctl select getppid >/dev/null
check "sclogd starts (state)" start_sclogd "$T/state"
on_each_cpu
stop_pid "$SPID"
# Someone else reads records the log never gets.
on_each_cpu
sclogcat -n >"$T/stolen" 2>/dev/null
stolen=$(wc -l <"$T/stolen")
check "sclogd starts again (state)" start_sclogd "$T/state"
on_each_cpu
stop_pid "$SPID"
lost=$(cat "$T"/state/*.log | sed -n 's/.* sclogd: lost \([0-9]*\) records on CPU.*/\1/p' |
	awk '{ s += $1 } END { print s + 0 }')
if [ "$stolen" -ge 4 ] && [ "$lost" = "$stolen" ]; then
	ok "the next run reports the $stolen records read elsewhere as lost"
else
	nok "the next run reports the records read elsewhere as lost (read elsewhere: $stolen, reported: $lost)"
fi
check "the state file is root's alone" \
	sh -c "[ \"\$(stat -c %a '$T/state/.sclogd.state')\" = 600 ]"

# --- sclogctl failure ----------------------------------------------------------
check "sclogctl failure shows the defaults" \
	sh -c "sclogctl failure | grep -qx 'on loss warn, no reader: buffer'"
check "sclogctl failure --json" \
	sh -c "sclogctl failure --json | grep -qx '{\"on_loss\":\"warn\",\"no_reader\":\"buffer\",\"waiting\":0}'"
check "sclogctl failure --on-loss silent" sh -c "sclogctl failure --on-loss silent &&
	sclogctl failure | grep -q '^on loss silent'"
sclogctl failure --on-loss bogus >/dev/null 2>"$T/bad.err"
rc=$?
if [ $rc = 2 ] && grep -q "expected silent, warn or panic" "$T/bad.err" &&
   sclogctl failure | grep -q '^on loss silent'; then
	ok "a bad --on-loss: exit 2, nothing changed"
else
	nok "a bad --on-loss: exit 2, nothing changed (exit $rc)"
fi
sclogctl failure --on-loss warn >/dev/null
sclogctl failure --no-reader block >/dev/null 2>"$T/block.err"
rc=$?
if [ $rc = 1 ] && grep -q "needs a reader" "$T/block.err"; then
	ok "--no-reader block without a reader: exit 1, refused"
else
	nok "--no-reader block without a reader: exit 1, refused (exit $rc)"
fi
check "sclogctl status shows the failure settings" \
	sh -c "sclogctl status | grep -qx 'failure: *on loss warn, no reader: buffer'"
su -s /bin/sh user -c 'sclogctl failure --on-loss silent' >/dev/null 2>&1
rc=$?
check "uid 1000 cannot change them (exit 5)" [ $rc = 5 ]

# --- --no-reader block --------------------------------------------------------
sclogctl select default >/dev/null
check "sclogd starts (block)" start_sclogd "$T/block"
check "with a reader, --no-reader block is accepted" sclogctl failure --no-reader block
: >"$T/progress"
# A worker not exempt: each round opens a file (openat is selected).
sh -c "while :; do echo x >>'$T/progress'; sleep 0.05; done" &
worker=$!
sleep 0.5
sclogctl exempt sh /tests/failure.sh --supervisor
check "while no reader is there, the worker waits (sclogctl failure counts it)" \
	grep -q 'tasks waiting for a reader' "$T/sup.waiting"
read -r a b <"$T/sup.held"
check "the worker made no progress while held ($a = $b bytes)" [ "$a" = "$b" ]
wait_reader
sleep 1
c=$(wc -c <"$T/progress")
check "the exempt supervisor restarted sclogd; the worker goes on ($b -> $c bytes)" \
	[ "$c" -gt "$b" ]
check "sclogd's log has the worker's held calls" \
	sh -c "cat '$T'/block/*.log | grep -q 'pid=$worker .*call=openat(.*$T/progress'"
kill "$worker"
sclogctl failure --no-reader buffer >/dev/null
stop_pid "$(cat "$T/sup.sclogd")"

# --- a full log disk ----------------------------------------------------------
mkdir -p "$T/tiny"
# fill_disk: leave the tiny disk full (a file taking every block).
fill_disk() {
	dd if=/dev/zero of="$T/tiny/fill" bs=1k 2>/dev/null
	true
}
disk_test() {	# ACTION
	umount "$T/tiny" 2>/dev/null
	mount -t tmpfs -o size=256k,mode=0700 tmpfs "$T/tiny" || return 1
	: >"$T/sclogd.err"
	start_sclogd "$T/tiny" --disk-full-action "$1" || return 1
	fill_disk
	$W loop:300 >/dev/null
	sleep 1.5
}
sclogctl select getppid >/dev/null
sclogctl buffer --size 1M --policy drop >/dev/null
# A reader's open is recorded only while recording is on (sclogd turns it
# on, but after its open).
sclogctl enable >/dev/null

if disk_test ignore; then
	check "ignore: the failed write is reported" \
		grep -q 'write failed: No space left on device; records are lost' "$T/sclogd.err"
	rm -f "$T/tiny/fill"
	$W getppid >/dev/null
	sleep 1.5
	check "ignore: writing again, the lost records counted" \
		grep -q 'writing again after [1-9][0-9]* lost records' "$T/sclogd.err"
	stop_pid "$SPID"
else
	nok "ignore: sclogd starts on a tiny tmpfs"
fi

if disk_test suspend; then
	check "suspend: sclogd stops reading" \
		grep -q 'write failed: No space left on device; sclogd reads nothing' "$T/sclogd.err"
	$W loop:50 >/dev/null
	fill=$(sclogctl status | awk '$1 == "total" { print $5 }')
	check "suspend: records wait in the kernel buffer ($fill bytes)" [ "${fill:-0}" -gt 0 ]
	rm -f "$T/tiny/fill"
	sleep 2.5
	check "suspend: writing again when space returns" \
		grep -q 'writing again; reading the kernel buffer again' "$T/sclogd.err"
	stop_pid "$SPID"
	calls=$(cat "$T"/tiny/*.log | grep -c 'call=getppid')
	check "suspend: every call of the loops is in the log ($calls of 350)" [ "$calls" -ge 350 ]
	check "suspend: no lost line" sh -c "! grep -q 'sclogd: lost' '$T'/tiny/*.log"
else
	nok "suspend: sclogd starts on a tiny tmpfs"
fi

syslogd -n -O "$T/messages" &
SYSLOGD=$!
sleep 0.5
if disk_test syslog; then
	sleep 0.5
	check "syslog: an alert reaches syslog" \
		grep -q 'sclogd.*write failed: No space left on device' "$T/messages"
	rm -f "$T/tiny/fill"
	stop_pid "$SPID"
else
	nok "syslog: sclogd starts on a tiny tmpfs"
fi
kill "$SYSLOGD"
umount "$T/tiny"

sclogctl select default >/dev/null
if [ $fail != 0 ]; then
	echo "# sclogd's stderr:"
	sed 's/^/#   /' "$T/sclogd.err" | tail -20
	for f in "$T"/kill/*.log; do
		echo "# $f:"
		grep 'reader=' "$f" | sed 's/^/#   /'
	done
fi
echo "1..$n"
exit $fail
