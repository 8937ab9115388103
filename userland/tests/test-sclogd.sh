#!/bin/sh
# Tests of sclogd on synthetic raw captures written by tests/mkrecords: the
# text, JSON and template output (exact lines, the lost line, the summary),
# records that name rules (their log formats, malformed rule fields),
# the log directory and file modes, syslog (RFC 5424 to a test datagram
# socket; the receiver's own records not forwarded), error exits and messages, SIGUSR1, SIGHUP, SIGTERM and
# --ready-fd.
#
# Environment: SCLOG_BIN (sanitizer build of sclogd), SCLOG_TESTBIN
# (mkrecords), SCLOG_TESTTMP.  Prints TAP.  Needs python3 for the syslog
# receiver and setpriv for the unwritable-directory test (as root).

set -u

: "${SCLOG_BIN:?}" "${SCLOG_TESTBIN:?}" "${SCLOG_TESTTMP:?}"

sclogd=$SCLOG_BIN/sclogd
mk=$SCLOG_TESTBIN/mkrecords
tmp=$SCLOG_TESTTMP/sclogd
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
chmod 0755 "$tmp" "$SCLOG_TESTTMP"

. "$(dirname "$0")/tap.sh"

# check DESC WANTFILE GOTFILE: exact comparison.
check() {
	if diff -u "$2" "$3" >"$tmp/diff"; then
		ok "$1"
	else
		not_ok "$1" "$tmp/diff"
	fi
}

# Replace what changes from run to run in start/stop lines.
norm() {
	sed -e 's/^# sclogd 1 started at [0-9T:-]*Z on [^,]*, kernel [^,]*, /# sclogd 1 started at TIME on HOST, kernel KERNEL, /' \
	    -e 's/^# sclogd 1 \(stopped\|status\) at [0-9T:-]*Z: /# sclogd 1 \1 at TIME: /' \
	    -e 's/^# sclogd 1 reopened the log at [0-9T:-]*Z$/# sclogd 1 reopened the log at TIME/' \
	    -e 's/^{"sclogd":"\(start\|stop\)","time":[0-9]*,/{"sclogd":"\1","time":T,/' \
	    -e 's/^\({"sclogd":"start","time":T,"host":\)"[^"]*","kernel":"[^"]*"/\1"H","kernel":"K"/'
}

# wait_for COND...: up to 10 s for the shell condition to hold.
wait_for() {
	i=0
	while ! eval "$*"; do
		i=$((i + 1))
		[ $i -gt 200 ] && return 1
		sleep 0.05
	done
}

# --- the capture --------------------------------------------------------------

cat >"$tmp/spec" <<'EOF'
# Several CPUs, out of CPU order as the kernel merges them by entry time.
cpu=0 seq=10 time=1795782964000000001 pid=123 tid=123 comm=cat nr=257 args=0xffffffffffffff9c,0x7ffc0a1b2c30,0x80000 ret=3 dur=4211
cpu=1 seq=100 time=1795782964000000002 pid=124 tid=125 uid=1000 euid=1000 suid=1000 fsuid=1000 gid=100 egid=100 sgid=100 fsgid=100 auid=1000 ses=3 comm=sh nr=59 args=0x1000,0x2000,0x3000 ret=0
cpu=0 seq=11 time=1795782964000000003 comm=cat nr=2 args=0x1000,0x0,0x0 ret=-2
cpu=2 seq=0 time=1795782964000000004 abi=i386 nr=1 flags=3 comm=sh args=0x0 dur=0
cpu=0 seq=12 time=1795782964000000005 type=9
cpu=1 seq=103 time=1795782965000000000 comm=a"b\x1b nr=257 args=0xffffffffffffff9c,0x10,0x241,0x1a4 ret=4 field=1@1:passwd field=2@1:/etc/passwd field=3:/etc
cpu=0 seq=13 time=1795782965000000001 comm=cat nr=3 args=4 ret=0
EOF
"$mk" <"$tmp/spec" >"$tmp/cap.raw" || { echo "Bail out! mkrecords failed"; exit 1; }

# The records, lost line and summary every format test expects.
cat >"$tmp/text.want" <<'EOF'
# sclogd 1 started at TIME on HOST, kernel KERNEL, DEV
2026-11-27T12:36:04.000000001Z cpu=0 seq=10 pid=123 tid=123 ppid=1 comm="cat" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=4211 arch=x86_64 nr=257 call=openat(AT_FDCWD, 0x7ffc0a1b2c30, O_RDONLY|O_CLOEXEC, 0) = 3
2026-11-27T12:36:04.000000002Z cpu=1 seq=100 pid=124 tid=125 ppid=1 comm="sh" uid=1000 euid=1000 suid=1000 fsuid=1000 gid=100 egid=100 sgid=100 fsgid=100 auid=1000 ses=3 dur=1000 arch=x86_64 nr=59 call=execve(0x1000, 0x2000, 0x3000) = 0
2026-11-27T12:36:04.000000003Z cpu=0 seq=11 pid=100 tid=100 ppid=1 comm="cat" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=1000 arch=x86_64 nr=2 call=open(0x1000, O_RDONLY, 0) = -2 ENOENT
2026-11-27T12:36:04.000000004Z cpu=2 seq=0 pid=100 tid=100 ppid=1 comm="sh" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=0 arch=i386 nr=1 call=exit(0) = ?
2026-11-27T12:36:05.000000000Z sclogd: lost 2 records on CPU 1 (seq 101-102)
2026-11-27T12:36:05.000000000Z cpu=1 seq=103 pid=100 tid=100 ppid=1 comm="a\"b\x1b" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=1000 arch=x86_64 nr=257 cwd="/etc" name="passwd" path="/etc/passwd" call=openat(AT_FDCWD, 0x10, O_WRONLY|O_CREAT|O_TRUNC, 0644) = 4
2026-11-27T12:36:05.000000001Z cpu=0 seq=13 pid=100 tid=100 ppid=1 comm="cat" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=1000 arch=x86_64 nr=3 call=close(4) = 0
# sclogd 1 stopped at TIME: 6 records, 2 lost, 1 skipped (unknown type), 0 malformed (0 bytes discarded), 0 not written
# summary: 6 records (1 failed) from 2026-11-27T12:36:04.000000001Z to 2026-11-27T12:36:05.000000001Z, 2 lost
# records by syscall:
#            2  x86_64:openat
#            1  i386:exit
#            1  x86_64:close
#            1  x86_64:execve
#            1  x86_64:open (1 failed)
# records by uid:
#            5  0
#            1  1000
# records by comm:
#            3  "cat"
#            2  "sh"
#            1  "a\"b\x1b"
# lost records by CPU:
#            2  1
EOF
cat >"$tmp/json.want" <<'EOF'
{"sclogd":"start","time":T,"host":"H","kernel":"K","device":"DEV"}
{"seq":10,"cpu":0,"time":1795782964000000001,"pid":123,"tid":123,"ppid":1,"uid":0,"euid":0,"suid":0,"fsuid":0,"gid":0,"egid":0,"sgid":0,"fsgid":0,"auid":4294967295,"ses":4294967295,"comm":"cat","arch":"x86_64","nr":257,"syscall":"openat","args":[-100,140720478039088,524288,0],"ret":3,"dur":4211,"params":["AT_FDCWD","0x7ffc0a1b2c30","O_RDONLY|O_CLOEXEC","0"]}
{"seq":100,"cpu":1,"time":1795782964000000002,"pid":124,"tid":125,"ppid":1,"uid":1000,"euid":1000,"suid":1000,"fsuid":1000,"gid":100,"egid":100,"sgid":100,"fsgid":100,"auid":1000,"ses":3,"comm":"sh","arch":"x86_64","nr":59,"syscall":"execve","args":[4096,8192,12288],"ret":0,"dur":1000,"params":["0x1000","0x2000","0x3000"]}
{"seq":11,"cpu":0,"time":1795782964000000003,"pid":100,"tid":100,"ppid":1,"uid":0,"euid":0,"suid":0,"fsuid":0,"gid":0,"egid":0,"sgid":0,"fsgid":0,"auid":4294967295,"ses":4294967295,"comm":"cat","arch":"x86_64","nr":2,"syscall":"open","args":[4096,0,0],"ret":-2,"errno":"ENOENT","dur":1000,"params":["0x1000","O_RDONLY","0"]}
{"seq":0,"cpu":2,"time":1795782964000000004,"pid":100,"tid":100,"ppid":1,"uid":0,"euid":0,"suid":0,"fsuid":0,"gid":0,"egid":0,"sgid":0,"fsgid":0,"auid":4294967295,"ses":4294967295,"comm":"sh","arch":"i386","nr":1,"syscall":"exit","args":[0],"dur":0,"params":["0"]}
{"lost":2,"cpu":1,"time":1795782965000000000,"first_seq":101}
{"seq":103,"cpu":1,"time":1795782965000000000,"pid":100,"tid":100,"ppid":1,"uid":0,"euid":0,"suid":0,"fsuid":0,"gid":0,"egid":0,"sgid":0,"fsgid":0,"auid":4294967295,"ses":4294967295,"comm":"a\"b\u001b","arch":"x86_64","nr":257,"syscall":"openat","args":[-100,16,577,420],"ret":4,"dur":1000,"params":["AT_FDCWD","0x10","O_WRONLY|O_CREAT|O_TRUNC","0644"],"cwd":"/etc","names":[{"arg":1,"name":"passwd","path":"/etc/passwd"}]}
{"seq":13,"cpu":0,"time":1795782965000000001,"pid":100,"tid":100,"ppid":1,"uid":0,"euid":0,"suid":0,"fsuid":0,"gid":0,"egid":0,"sgid":0,"fsgid":0,"auid":4294967295,"ses":4294967295,"comm":"cat","arch":"x86_64","nr":3,"syscall":"close","args":[4],"ret":0,"dur":1000,"params":["4"]}
{"sclogd":"stop","time":T,"records":6,"lost_records":2,"skipped":1,"malformed":0,"discarded_bytes":0,"unwritten":0,"syslog_lost":0}
{"summary":{"records":6,"failed":1,"first_time":1795782964000000001,"last_time":1795782965000000001,"lost_records":2,"by_syscall":{"x86_64:openat":{"records":2,"failed":0},"i386:exit":{"records":1,"failed":0},"x86_64:close":{"records":1,"failed":0},"x86_64:execve":{"records":1,"failed":0},"x86_64:open":{"records":1,"failed":1}},"by_syscall_other":{"records":0,"failed":0},"by_uid":{"0":5,"1000":1},"by_uid_other":0,"by_comm":{"cat":3,"sh":2,"a\"b\u001b":1},"by_comm_other":0,"lost_by_cpu":{"1":2},"lost_by_cpu_other":0}}
EOF

# run_out NAME ARGS...: sclogd on the capture, split at odd byte boundaries
# through a pipe; stdout/stderr/rc in $tmp/NAME.{out,err,rc}.
run_pipe() {
	name=$1
	shift
	{ "$mk" -c 7,13,1,50,184,5 -w 300 <"$tmp/spec"; } |
		"$sclogd" -f -D /dev/stdin "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
}

sed 's|DEV$|/dev/stdin|' "$tmp/text.want" >"$tmp/text-pipe.want"
sed 's|"DEV"|"/dev/stdin"|' "$tmp/json.want" >"$tmp/json-pipe.want"

# Text to standard output, from a pipe that splits records.
run_pipe text -o -
norm <"$tmp/text.out" >"$tmp/text.got"
check "text: exact lines from a split pipe" "$tmp/text-pipe.want" "$tmp/text.got"
[ "$(cat "$tmp/text.rc")" = 0 ] && ok "text: exit 0" || not_ok "text: exit $(cat "$tmp/text.rc")" "$tmp/text.err"
# stderr: the stop line and the summary, nothing else.
sed -n '/^# sclogd 1 stopped/,$p' "$tmp/text-pipe.want" >"$tmp/summary.want"
norm <"$tmp/text.err" >"$tmp/text.errgot"
check "text: summary on stderr at exit" "$tmp/summary.want" "$tmp/text.errgot"

# The same, one byte per read.
{ "$mk" -c 1 <"$tmp/spec"; } | "$sclogd" -f -D /dev/stdin -o - 2>/dev/null |
	norm >"$tmp/bytes.got"
check "text: records split into single bytes" "$tmp/text-pipe.want" "$tmp/bytes.got"

# From a regular file.
"$sclogd" -f -D "$tmp/cap.raw" -o - 2>/dev/null | norm >"$tmp/file.got"
sed "s|DEV\$|$tmp/cap.raw|" "$tmp/text.want" >"$tmp/file.want"
check "text: regular file capture" "$tmp/file.want" "$tmp/file.got"

# JSON.
run_pipe json -o - --json
norm <"$tmp/json.out" >"$tmp/json.got"
check "json: exact lines, lost object, summary object" "$tmp/json-pipe.want" "$tmp/json.got"
if python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$tmp/json.out" 2>"$tmp/json.py"; then
	ok "json: every line parses"
else
	not_ok "json: a line does not parse" "$tmp/json.py"
fi

# Template.
run_pipe tpl -o - --format '%seq %arch %sname %retval %comm %cwd %path'
norm <"$tmp/tpl.out" >"$tmp/tpl.got"
{
	echo '# sclogd 1 started at TIME on HOST, kernel KERNEL, /dev/stdin'
	cat <<'EOF'
10 x86_64 openat 3 cat - -
100 x86_64 execve 0 sh - -
11 x86_64 open -2 ENOENT cat - -
0 i386 exit ? sh - -
2026-11-27T12:36:05.000000000Z sclogd: lost 2 records on CPU 1 (seq 101-102)
103 x86_64 openat 4 a\"b\x1b /etc /etc/passwd
13 x86_64 close 0 cat - -
EOF
	cat "$tmp/summary.want"
} >"$tmp/tpl.want"
check "template: exact lines" "$tmp/tpl.want" "$tmp/tpl.got"

# --- the log directory ----------------------------------------------------------

logs=$tmp/logs
"$sclogd" -f -D "$tmp/cap.raw" -d "$logs" 2>"$tmp/dir.err" >"$tmp/dir.out"
rc=$?
set -- "$logs"/*
if [ $rc -ne 0 ] || [ $# -ne 1 ] || [ -s "$tmp/dir.out" ]; then
	not_ok "log dir: exit $rc, files: $*" "$tmp/dir.err" "$tmp/dir.out"
else
	logfile=$1
	case ${logfile##*/} in
	[1-9]*[0-9].log) ok "log dir: one file named <seconds>.log" ;;
	*) not_ok "log dir: file name ${logfile##*/}" ;;
	esac
	norm <"$logfile" >"$tmp/dir.got"
	check "log dir: file content" "$tmp/file.want" "$tmp/dir.got"
	m=$(stat -c %a "$logs")/$(stat -c %a "$logfile")
	[ "$m" = 700/600 ] && ok "log dir: modes 0700 and 0600" || not_ok "log dir: modes $m"
	grep -qx "sclogd: created log directory $logs" "$tmp/dir.err" &&
		ok "log dir: creation reported" ||
		not_ok "log dir: creation not reported" "$tmp/dir.err"
fi

# --- syslog ----------------------------------------------------------------------

cat >"$tmp/recv.py" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(20)
with open(sys.argv[2], "w") as out:
    while True:
        m = s.recv(65536).decode("ascii", "replace")
        out.write(m + "\n")
        out.flush()
        if "sclogd 1 stopped" in m or '{"sclogd":"stop",' in m:
            break
EOF
sock=$tmp/log.sock
python3 "$tmp/recv.py" "$sock" "$tmp/syslog.got" &
rpid=$!
if ! wait_for '[ -S "$sock" ]'; then
	not_ok "syslog: receiver did not start"
else
	"$sclogd" -f -D "$tmp/cap.raw" -o none --syslog --syslog-socket "$sock" \
		--syslog-facility local3 >"$tmp/sl.out" 2>"$tmp/sl.err"
	rc=$?
	wait $rpid
	host=$(hostname)
	# <PRI>1 TIMESTAMP HOSTNAME sclogd PID - - MSG; local3 = 19.
	hdr="^<\([0-9]*\)>1 [0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9]\{6\}Z $host sclogd [0-9][0-9]* - - "
	sed -n "s/$hdr.*/<\1>/p" "$tmp/syslog.got" >"$tmp/syslog.pri"
	sed -n "s/$hdr//p" "$tmp/syslog.got" | norm >"$tmp/syslog.msg"
	paste -d ' ' "$tmp/syslog.pri" "$tmp/syslog.msg" >"$tmp/syslog.n"
	[ "$(wc -l <"$tmp/syslog.got")" = "$(wc -l <"$tmp/syslog.n")" ] ||
		cat "$tmp/syslog.got" >>"$tmp/syslog.n"
	{
		# The receiver holds the socket: it is the syslog daemon.
		echo "<157> # sclogd 1 started at TIME on HOST, kernel KERNEL, $tmp/cap.raw; not forwarding to syslog the records of the syslog daemon (pid $rpid)"
		sed -n '2,8p' "$tmp/file.want" | sed -e 's/^\(.*sclogd: lost.*\)$/<156> \1/' \
			-e '/^<156>/!s/^/<158> /'
		echo "<157> # sclogd 1 stopped at TIME: 6 records, 2 lost, 1 skipped (unknown type), 0 malformed (0 bytes discarded), 0 not written, 0 syslog messages lost, 0 records of the syslog daemon (pid $rpid) not forwarded to syslog"
	} >"$tmp/syslog.want"
	check "syslog: RFC 5424 messages, one per line" "$tmp/syslog.want" "$tmp/syslog.n"
	[ $rc -eq 0 ] && [ ! -s "$tmp/sl.out" ] && ok "syslog: exit 0, nothing on stdout" ||
		not_ok "syslog: exit $rc" "$tmp/sl.err" "$tmp/sl.out"
fi
kill $rpid 2>/dev/null

# The syslog daemon's own records are not forwarded (they would loop: each
# message makes it do system calls that are recorded and forwarded again),
# but are still logged, and counted.
sock=$tmp/log2.sock
python3 "$tmp/recv.py" "$sock" "$tmp/sd.got" &
rpid=$!
if ! wait_for '[ -S "$sock" ]'; then
	not_ok "syslog daemon: receiver did not start"
else
	"$mk" "cpu=0 seq=1 pid=$rpid tid=$rpid comm=syslogd nr=257 ret=-2" \
		"cpu=0 seq=2 pid=4242 tid=4242 comm=cat nr=3 args=4 ret=0" \
		"cpu=0 seq=3 pid=$rpid tid=$((rpid + 1)) comm=syslogd nr=1 args=1,0x10,5 ret=5" \
		>"$tmp/sd.raw"
	"$sclogd" -f -D "$tmp/sd.raw" -o - --syslog --syslog-socket "$sock" \
		>"$tmp/sd.out" 2>"$tmp/sd.err"
	rc=$?
	wait $rpid
	sed -n 's/^[^ ]* \(cpu=0 seq=[0-9]* pid=[0-9]*\) .*/\1/p' \
		"$tmp/sd.out" >"$tmp/sd.recs"
	printf 'cpu=0 seq=1 pid=%s\ncpu=0 seq=2 pid=4242\ncpu=0 seq=3 pid=%s\n' \
		"$rpid" "$rpid" >"$tmp/sd.recs.want"
	check "syslog daemon: its records are in the -o - output" "$tmp/sd.recs.want" "$tmp/sd.recs"
	stop="# sclogd 1 stopped at TIME: 3 records, 0 lost, 0 skipped (unknown type), 0 malformed (0 bytes discarded), 0 not written, 0 syslog messages lost, 2 records of the syslog daemon (pid $rpid) not forwarded to syslog"
	sed -n 's/^<[0-9]*>1 [^ ]* [^ ]* sclogd [0-9]* - - //p' "$tmp/sd.got" |
		norm | sed 's/^\([^ ]* cpu=0 seq=[0-9]* pid=[0-9]*\) .*/\1/' >"$tmp/sd.msgs"
	{
		echo "# sclogd 1 started at TIME on HOST, kernel KERNEL, $tmp/sd.raw; not forwarding to syslog the records of the syslog daemon (pid $rpid)"
		echo "2026-11-27T12:36:04.000000000Z cpu=0 seq=2 pid=4242"
		echo "$stop"
	} >"$tmp/sd.msgs.want"
	check "syslog daemon: its records are not sent to syslog" "$tmp/sd.msgs.want" "$tmp/sd.msgs"
	if [ $rc -eq 0 ] && [ "$(norm <"$tmp/sd.out" | grep '^# sclogd 1 stopped')" = "$stop" ] &&
	   [ "$(norm <"$tmp/sd.err" | head -n 1)" = "$stop" ]; then
		ok "syslog daemon: the count in the stop line and the summary"
	else
		not_ok "syslog daemon: exit $rc, stop line" "$tmp/sd.out" "$tmp/sd.err"
	fi
fi
kill $rpid 2>/dev/null

# JSON: the exempt pids in the start object, the count in the stop object.
sock=$tmp/log3.sock
python3 "$tmp/recv.py" "$sock" "$tmp/sdj.got" &
rpid=$!
if ! wait_for '[ -S "$sock" ]'; then
	not_ok "syslog daemon, JSON: receiver did not start"
else
	"$mk" "cpu=0 seq=1 pid=$rpid" "cpu=0 seq=2 pid=7" >"$tmp/sdj.raw"
	"$sclogd" -f -D "$tmp/sdj.raw" -o - --json --syslog --syslog-socket "$sock" \
		2>/dev/null | norm |
		sed -n -e '/^{"sclogd":"start",/p' \
		    -e 's/^{"sclogd":"stop",.*,\("syslog_lost".*\)/\1/p' >"$tmp/sdj.out"
	wait $rpid
	{
		echo "{\"sclogd\":\"start\",\"time\":T,\"host\":\"H\",\"kernel\":\"K\",\"device\":\"$tmp/sdj.raw\",\"syslog_exempt\":[$rpid]}"
		echo '"syslog_lost":0,"syslog_not_forwarded":1}'
	} >"$tmp/sdj.want"
	check "syslog daemon, JSON: start and stop objects" "$tmp/sdj.want" "$tmp/sdj.out"
	n_rec=$(grep -c '"seq":' "$tmp/sdj.got")
	if [ "$n_rec" = 1 ] && grep -q '"seq":2,' "$tmp/sdj.got"; then
		ok "syslog daemon, JSON: only the other record sent"
	else
		not_ok "syslog daemon, JSON: $n_rec records sent" "$tmp/sdj.got"
	fi
fi
kill $rpid 2>/dev/null

# When the daemon cannot be found (here: no permission to look at the open
# files of root's processes), sclogd says so once and forwards everything.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	sock=$tmp/log4.sock
	python3 "$tmp/recv.py" "$sock" "$tmp/sdn.got" &
	rpid=$!
	if ! wait_for '[ -S "$sock" ]'; then
		not_ok "syslog daemon not found: receiver did not start"
	else
		chmod 0666 "$sock"
		"$mk" "cpu=0 seq=1 pid=$rpid" "cpu=0 seq=2 pid=$rpid" >"$tmp/sdn.raw"
		chmod 0644 "$tmp/sdn.raw"
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$sclogd" -f -D "$tmp/sdn.raw" -o - --syslog \
			--syslog-socket "$sock" >"$tmp/sdn.out" 2>"$tmp/sdn.err"
		rc=$?
		wait $rpid
		if [ $rc -eq 0 ] &&
		   [ "$(grep -c "^sclogd: syslog $sock: cannot find the syslog daemon's pid (no permission to look at the open files of [1-9][0-9]* processes); its records are forwarded to syslog too\$" "$tmp/sdn.err")" = 1 ] &&
		   [ "$(grep -c "^sclogd: syslog" "$tmp/sdn.err")" = 1 ] &&
		   [ "$(grep -c " pid=$rpid " "$tmp/sdn.got")" = 2 ] &&
		   grep -q ', 0 syslog messages lost$' "$tmp/sdn.out"; then
			ok "syslog daemon not found: said once, records forwarded"
		else
			not_ok "syslog daemon not found: exit $rc" "$tmp/sdn.err" "$tmp/sdn.got" "$tmp/sdn.out"
		fi
	fi
	kill $rpid 2>/dev/null
else
	skip "syslog daemon not found" "needs root and setpriv"
fi

# /proc/net/unix shows socket paths raw: an unprivileged process that binds
# a path with a newline in it can add a line naming the syslog socket and an
# inode it holds.  Its records must still be forwarded.
upy=
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	for p in python3 /usr/bin/python3; do
		setpriv --reuid=65534 --regid=65534 --clear-groups "$p" -c '' \
			2>/dev/null && upy=$p && break
	done
fi
if [ -n "$upy" ]; then
	# Short paths: sun_path holds 108 bytes.
	short=$(mktemp -d /tmp/sclogd.XXXXXX) && chmod 0755 "$short"
	sock=$short/s
	mkdir -p "$short/f" && chmod 0777 "$short/f"
	cat >"$tmp/forge.py" <<'EOF'
import os, socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
ino = os.fstat(s.fileno()).st_ino
path = "%s/x\n0: 0 0 0 0 0 %d %s" % (sys.argv[1], ino, sys.argv[2])
os.makedirs(os.path.dirname(path))
s.bind(path)
open(sys.argv[3], "w").close()
time.sleep(30)
EOF
	python3 "$tmp/recv.py" "$sock" "$tmp/sdf.got" &
	rpid=$!
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$upy" "$tmp/forge.py" "$short/f" "$sock" "$short/f/ready" &
	fpid=$!
	if ! wait_for '[ -S "$sock" ] && [ -e "$short/f/ready" ]'; then
		not_ok "syslog daemon forged in /proc/net/unix: helpers did not start"
	else
		"$mk" "cpu=0 seq=1 pid=$fpid" "cpu=0 seq=2 pid=$rpid" >"$tmp/sdf.raw"
		"$sclogd" -f -D "$tmp/sdf.raw" -o - --syslog \
			--syslog-socket "$sock" >"$tmp/sdf.out" 2>"$tmp/sdf.err"
		rc=$?
		wait $rpid
		if [ $rc -eq 0 ] &&
		   grep -q "^# sclogd 1 started .*; not forwarding to syslog the records of the syslog daemon (pid $rpid)\$" "$tmp/sdf.out" &&
		   [ "$(grep -c " pid=$fpid " "$tmp/sdf.got")" = 1 ] &&
		   [ "$(grep -c " pid=$rpid " "$tmp/sdf.got")" = 0 ]; then
			ok "syslog daemon forged in /proc/net/unix: not exempted"
		else
			not_ok "syslog daemon forged in /proc/net/unix: exit $rc" "$tmp/sdf.out" "$tmp/sdf.got" "$tmp/sdf.err"
		fi
	fi
	kill $rpid $fpid 2>/dev/null
	wait $fpid 2>/dev/null
	rm -rf "$short"
else
	skip "syslog daemon forged in /proc/net/unix" "needs root, setpriv and a python3 nobody can run"
fi

# --- errors ---------------------------------------------------------------------

# expect CODE "STDERR FIRST LINE" ARGS...
expect() {
	code=$1 want=$2
	shift 2
	"$sclogd" "$@" >"$tmp/e.out" 2>"$tmp/e.err" </dev/null
	rc=$?
	got=$(head -n 1 "$tmp/e.err")
	if [ $rc -ne "$code" ]; then
		not_ok "$* : exit $rc, want $code" "$tmp/e.err"
	elif [ "$got" != "$want" ]; then
		echo "$want" >"$tmp/e.want"
		not_ok "$* : message" "$tmp/e.want" "$tmp/e.err"
	elif [ -s "$tmp/e.out" ]; then
		not_ok "$* : output on stdout" "$tmp/e.out"
	else
		ok "exit $code: $want"
	fi
}

c=$tmp/cap.raw
expect 2 "sclogd: unknown option --bogus" --bogus
expect 2 "sclogd: unknown option -x" -x
expect 2 "sclogd: option --device needs an argument" --device
expect 2 "sclogd: option -p needs an argument" -f -p
expect 2 "sclogd: unexpected argument 'extra'" -f extra
expect 2 "sclogd: --json and --format are mutually exclusive" --json --format '%seq'
expect 2 "sclogd: --json and --format are mutually exclusive" --format '%seq' --json
expect 2 "sclogd: --format: unknown macro %bogus at offset 4" -D "$c" -o - --format 'abc %bogus'
expect 2 "sclogd: --flush: 'often' is not none, incremental, data or sync" --flush often
expect 2 "sclogd: --flush-count applies to --flush incremental only" --flush data --flush-count 5
expect 2 "sclogd: --flush-count: 0 is out of range (1-4294967295)" --flush-count 0
expect 2 "sclogd: --flush-count: '5x' is not a number" --flush-count 5x
# White space then a sign: strtoul() would wrap this to 1.
tab=$(printf '\t')
expect 2 "sclogd: --flush-count: '$tab-18446744073709551615' is not a number" --flush-count "$tab-18446744073709551615"
expect 2 "sclogd: --read-size: 1K is out of range (32768-268435456 bytes)" --read-size 1K
expect 2 "sclogd: --read-size: '1G' is not a size (bytes, or a K or M suffix)" --read-size 1G
expect 2 "sclogd: --output: 'file' is not dir, - or none" -o file
expect 2 "sclogd: --output none needs --syslog" -o none
expect 2 "sclogd: --syslog-socket and --syslog-facility need --syslog" --syslog-socket /x
expect 2 "sclogd: --syslog-facility: unknown facility 'local9' (kern, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, local0-local7)" --syslog --syslog-facility local9
expect 2 "sclogd: --ready-fd: 9 is not an open file descriptor" --ready-fd 9
expect 2 "sclogd: $c is a capture, not the device: --select-default and --disable-on-exit need the device" -D "$c" -o - --select-default
expect 2 "sclogd: $tmp: not a character device, regular file or FIFO" -f -D "$tmp" -o - -p "$tmp/x.pid"
expect 4 "sclogd: $tmp/nodev: No such file or directory (is the kernel built with sclog, CONFIG_SYSCALL_AUDIT?)" -f -D "$tmp/nodev" -p "$tmp/x.pid"
expect 4 "sclogd: /dev/null: not an sclog device (SCLOG_IOC_GET_STATUS: Inappropriate ioctl for device)" -f -D /dev/null -o - -p "$tmp/x.pid"
expect 5 "sclogd: cannot create log directory $tmp/missing/logs: No such file or directory" -D "$c" -d "$tmp/missing/logs"
: >"$tmp/notadir"
expect 5 "sclogd: log directory $tmp/notadir: Not a directory" -D "$c" -d "$tmp/notadir"
mkdir -m 0775 "$tmp/gw"
chmod 0775 "$tmp/gw"
expect 5 "sclogd: log directory $tmp/gw is writable by group or others (mode 0775)" -D "$c" -d "$tmp/gw"
if [ "$(id -u)" = 0 ]; then
	mkdir -m 0700 "$tmp/nobodys"
	chown 65534 "$tmp/nobodys"
	expect 5 "sclogd: log directory $tmp/nobodys is owned by uid 65534, not by root or sclogd's uid 0" -D "$c" -d "$tmp/nobodys"
else
	ok "a log directory of another user is refused # SKIP needs root to chown"
fi
expect 5 "sclogd: syslog socket $tmp/nosock: No such file or directory" -D "$c" -o none --syslog --syslog-socket "$tmp/nosock"

# A symlink planted where the log file will be is never followed.
mkdir -m 0700 "$tmp/planted"
: >"$tmp/target"
now=$(date +%s)
for s in 0 1 2 3 4 5; do
	ln -s "$tmp/target" "$tmp/planted/$((now + s)).log"
done
"$sclogd" -D "$c" -d "$tmp/planted" >/dev/null 2>"$tmp/pl.err"
rc=$?
if [ $rc -eq 5 ] && grep -q "^sclogd: $tmp/planted/[0-9]*\.log: is a symbolic link, not opened\$" "$tmp/pl.err" &&
   [ ! -s "$tmp/target" ]; then
	ok "planted symlink: refused, exit 5"
else
	not_ok "planted symlink: exit $rc" "$tmp/pl.err"
fi

# An unwritable directory (as an unprivileged user: root writes anywhere).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	mkdir -m 0755 "$tmp/ro"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$sclogd" -f -D /dev/stdin -d "$tmp/ro" <"$c" >/dev/null 2>"$tmp/ro.err"
	rc=$?
	if [ $rc -eq 5 ] && grep -q "^sclogd: $tmp/ro/[0-9]*\.log: Permission denied\$" "$tmp/ro.err"; then
		ok "unwritable log directory: exit 5"
	else
		not_ok "unwritable log directory: exit $rc" "$tmp/ro.err"
	fi
else
	skip "unwritable log directory" "needs root and setpriv"
fi

# The pid file is locked by another sclogd.
echo 4242 >"$tmp/locked.pid"
flock "$tmp/locked.pid" sleep 30 &
fpid=$!
wait_for 'flock -n "$tmp/locked.pid" true; [ $? -ne 0 ]'
expect 3 "sclogd: another sclogd is already running as pid 4242 (pid file $tmp/locked.pid)" -f -D /dev/null -p "$tmp/locked.pid"
kill $fpid 2>/dev/null
wait $fpid 2>/dev/null

# A hard link planted as the pid file: refused, the file it links to intact.
echo precious >"$tmp/victim"
ln -f "$tmp/victim" "$tmp/linked.pid"
"$mk" "cpu=0 seq=1" >"$tmp/linked.raw"
expect 1 "sclogd: pid file $tmp/linked.pid: not a regular file with one link owned by uid $(id -u), not used" -D "$tmp/linked.raw" -o - -p "$tmp/linked.pid"
[ "$(cat "$tmp/victim")" = precious ] && ok "pid file: a planted hard link is not truncated" ||
	not_ok "pid file: the hard-linked file now holds '$(cat "$tmp/victim")'"

# Malformed input: the reason, the rest of the read discarded, exit 1.
{ "$mk" "cpu=0 seq=1" "cpu=0 seq=2 version=2" "cpu=0 seq=3"; } >"$tmp/bad.raw"
"$sclogd" -D "$tmp/bad.raw" -o - >"$tmp/bad.out" 2>"$tmp/bad.err"
rc=$?
if [ $rc -eq 1 ] &&
   [ "$(head -n 1 "$tmp/bad.err")" = "sclogd: $tmp/bad.raw: malformed record at input offset 184: unsupported record version; discarding the 368 bytes left in this read" ] &&
   [ "$(grep -c ' seq=' "$tmp/bad.out")" = 1 ] &&
   grep -q '^# sclogd 1 stopped at .*: 1 records, 0 lost, 0 skipped (unknown type), 1 malformed (368 bytes discarded), 0 not written$' "$tmp/bad.out"; then
	ok "malformed record: reported, rest discarded, exit 1"
else
	not_ok "malformed record: exit $rc" "$tmp/bad.err" "$tmp/bad.out"
fi
head -c 300 "$tmp/cap.raw" >"$tmp/trunc.raw"
"$sclogd" -D "$tmp/trunc.raw" -o - >/dev/null 2>"$tmp/trunc.err"
rc=$?
[ $rc -eq 1 ] && [ "$(head -n 1 "$tmp/trunc.err")" = "sclogd: $tmp/trunc.raw: truncated record at input offset 184: the input ends 116 bytes into it" ] &&
	ok "truncated capture: reported, exit 1" || not_ok "truncated capture: exit $rc" "$tmp/trunc.err"

# A write error (ENOSPC) is reported and counted; sclogd keeps reading.
if [ -w /dev/full ]; then
	"$sclogd" -D "$c" -o - >/dev/full 2>"$tmp/full.err"
	rc=$?
	if [ $rc -eq 1 ] &&
	   [ "$(head -n 1 "$tmp/full.err")" = "sclogd: standard output: write failed: No space left on device; records are lost until it works again (sclogd keeps reading the kernel buffer)" ] &&
	   grep -q '^# sclogd 1 stopped at .*: 6 records, 2 lost, 1 skipped (unknown type), 0 malformed (0 bytes discarded), 6 not written$' "$tmp/full.err"; then
		ok "write error: reported, counted, exit 1"
	else
		not_ok "write error: exit $rc" "$tmp/full.err"
	fi
else
	skip "write error" "no /dev/full"
fi

# --- systemd readiness: $NOTIFY_SOCKET, a path and an abstract socket -------

# notify_test NAME ADDR: a python3 receiver on ADDR ('@' = abstract) saves
# what sclogd sends while it replays a capture.
notify_test() {
	name=$1 addr=$2
	rm -f "$tmp/notify.got" "$tmp/notify.ready"
	python3 - "$addr" "$tmp/notify.got" "$tmp/notify.ready" <<'PY' &
import socket, sys
addr, out, ready = sys.argv[1], sys.argv[2], sys.argv[3]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("\0" + addr[1:] if addr.startswith("@") else addr)
open(ready, "w").close()
s.settimeout(20)
got = []
try:
    while True:
        m = s.recv(4096).decode()
        got.append(m)
        if "STOPPING=1" in m:
            break
except socket.timeout:
    pass
open(out, "w").write("\n".join(got) + "\n")
PY
	rpid=$!
	wait_for '[ -e "$tmp/notify.ready" ]'
	NOTIFY_SOCKET=$addr "$sclogd" -D "$c" -o - >/dev/null 2>"$tmp/notify.err"
	rc=$?
	wait $rpid
	if [ $rc = 0 ] && [ "$(cat "$tmp/notify.got")" = "$(printf 'READY=1\nSTOPPING=1')" ]; then
		ok "NOTIFY_SOCKET ($name): READY=1 when ready, STOPPING=1 at the end"
	else
		not_ok "NOTIFY_SOCKET ($name): exit $rc" "$tmp/notify.got" "$tmp/notify.err"
	fi
}
notify_test path "$tmp/notify.sock"
notify_test abstract "@sclogd-test-$$"

# --- signals, FIFO input, --ready-fd, pid file ------------------------------

fifo=$tmp/fifo
mkfifo "$fifo"
hup=$tmp/hup
"$sclogd" -f -D "$fifo" -d "$hup" -p "$tmp/hup.pid" --flush data --ready-fd 3 \
	3>"$tmp/ready" >"$tmp/hup.out" 2>"$tmp/hup.err" &
spid=$!
exec 4>"$fifo"
if wait_for '[ "$(od -An -c "$tmp/ready" | tr -d " ")" = "\\n" ]'; then
	ok "--ready-fd: a newline when ready"
else
	not_ok "--ready-fd: got '$(od -An -c "$tmp/ready")'" "$tmp/hup.err"
fi
[ "$(cat "$tmp/hup.pid" 2>/dev/null)" = "$spid" ] && ok "pid file holds the pid" ||
	not_ok "pid file: '$(cat "$tmp/hup.pid" 2>/dev/null)', want $spid"
"$mk" "cpu=0 seq=1 time=1795782964000000001" "cpu=0 seq=2 time=1795782964000000002 ret=-2" >&4
set -- "$hup"/*.log
first=$1
wait_for '[ "$(grep -c " seq=" "$first" 2>/dev/null)" = 2 ]'
kill -USR1 $spid
wait_for 'grep -q "^# lost records by CPU" "$tmp/hup.err"'
grep -v "^sclogd: created log directory " "$tmp/hup.err" | norm >"$tmp/usr1.got"
cat >"$tmp/usr1.want" <<'EOF'
# sclogd 1 status at TIME: 2 records, 0 lost, 0 skipped (unknown type), 0 malformed (0 bytes discarded), 0 not written
# summary: 2 records (1 failed) from 2026-11-27T12:36:04.000000001Z to 2026-11-27T12:36:04.000000002Z, 0 lost
# records by syscall:
#            2  x86_64:openat (1 failed)
# records by uid:
#            2  0
# records by comm:
#            2  "cat"
# lost records by CPU: none
EOF
check "SIGUSR1: summary on stderr" "$tmp/usr1.want" "$tmp/usr1.got"
mv "$first" "$first.1"
kill -HUP $spid
wait_for '[ -s "$first" ]'
"$mk" "cpu=0 seq=5 time=1795782964000000005" >&4
wait_for 'grep -q " seq=5 " "$first" 2>/dev/null'
exec 4>&-
wait $spid
rc=$?
[ $rc -eq 0 ] && ok "FIFO: exit 0 when the writer closes" || not_ok "FIFO: exit $rc" "$tmp/hup.err"
norm <"$first.1" | sed 's/ pid=.*//' >"$tmp/hup1.got"
cat >"$tmp/hup1.want" <<EOF
# sclogd 1 started at TIME on HOST, kernel KERNEL, $fifo
2026-11-27T12:36:04.000000001Z cpu=0 seq=1
2026-11-27T12:36:04.000000002Z cpu=0 seq=2
EOF
check "SIGHUP: the rotated file" "$tmp/hup1.want" "$tmp/hup1.got"
norm <"$first" | sed -n '1,4p' | sed 's/ pid=.*//' >"$tmp/hup2.got"
cat >"$tmp/hup2.want" <<EOF
# sclogd 1 reopened the log at TIME
2026-11-27T12:36:04.000000005Z sclogd: lost 2 records on CPU 0 (seq 3-4)
2026-11-27T12:36:04.000000005Z cpu=0 seq=5
# sclogd 1 stopped at TIME: 3 records, 2 lost, 0 skipped (unknown type), 0 malformed (0 bytes discarded), 0 not written
EOF
check "SIGHUP: the new file at the same path" "$tmp/hup2.want" "$tmp/hup2.got"
m=$(stat -c %a "$first")
[ "$m" = 600 ] && ok "SIGHUP: new file mode 0600" || not_ok "SIGHUP: new file mode $m"
[ ! -e "$tmp/hup.pid" ] && ok "pid file removed at exit" || not_ok "pid file left behind"

# SIGTERM: stop, write the summary, exit 0.
"$sclogd" -f -D "$fifo" -o - >"$tmp/term.out" 2>"$tmp/term.err" &
spid=$!
exec 4>"$fifo"
"$mk" "cpu=3 seq=7" >&4
wait_for 'grep -q " seq=7 " "$tmp/term.out"'
kill -TERM $spid
wait $spid
rc=$?
exec 4>&-
if [ $rc -eq 0 ] && grep -q '^# sclogd 1 stopped at .*: 1 records, 0 lost' "$tmp/term.out" &&
   [ "$(tail -n 1 "$tmp/term.out")" = "# lost records by CPU: none" ]; then
	ok "SIGTERM: summary and exit 0"
else
	not_ok "SIGTERM: exit $rc" "$tmp/term.err" "$tmp/term.out"
fi

# --- --raw: the records as read, decoded later ------------------------------------

# stderr of a --raw run: the lost message, then the stop line and summary.
{
	echo "sclogd: lost 2 records on CPU 1 (seq 101-102)"
	cat "$tmp/summary.want"
} >"$tmp/rawerr.want"

# To standard output from a regular file: the same bytes.
"$sclogd" -D "$c" -o - --raw >"$tmp/raw.out" 2>"$tmp/raw.err"
rc=$?
if [ $rc -eq 0 ] && cmp "$c" "$tmp/raw.out" >"$tmp/raw.cmp" 2>&1; then
	ok "raw: -o - output is the input, byte for byte"
else
	not_ok "raw: -o -: exit $rc" "$tmp/raw.cmp" "$tmp/raw.err"
fi
norm <"$tmp/raw.err" >"$tmp/raw.errgot"
check "raw: lost records and the summary on stderr" "$tmp/rawerr.want" "$tmp/raw.errgot"

# From a pipe that splits records at odd places: whole records are written.
run_pipe rawpipe -o - --raw
if [ "$(cat "$tmp/rawpipe.rc")" = 0 ] && cmp "$c" "$tmp/rawpipe.out" >"$tmp/raw.cmp" 2>&1; then
	ok "raw: from a split pipe, the same bytes"
else
	not_ok "raw: split pipe: exit $(cat "$tmp/rawpipe.rc")" "$tmp/raw.cmp" "$tmp/rawpipe.err"
fi

# Into the log directory: <seconds>.raw, 0600, the same bytes.
rlogs=$tmp/rlogs
"$sclogd" -D "$c" -d "$rlogs" --raw >"$tmp/rdir.out" 2>"$tmp/rdir.err"
rc=$?
set -- "$rlogs"/*
rawfile=$1
if [ $rc -ne 0 ] || [ $# -ne 1 ] || [ -s "$tmp/rdir.out" ]; then
	not_ok "raw log dir: exit $rc, files: $*" "$tmp/rdir.err" "$tmp/rdir.out"
else
	case ${rawfile##*/} in
	[1-9]*[0-9].raw) ok "raw log dir: one file named <seconds>.raw" ;;
	*) not_ok "raw log dir: file name ${rawfile##*/}" ;;
	esac
	cmp "$c" "$rawfile" >"$tmp/raw.cmp" 2>&1 && ok "raw log dir: the input, byte for byte" ||
		not_ok "raw log dir: content" "$tmp/raw.cmp"
	m=$(stat -c %a "$rawfile")
	[ "$m" = 600 ] && ok "raw log dir: mode 0600" || not_ok "raw log dir: mode $m"
	grep -v '^sclogd: created log directory ' "$tmp/rdir.err" | norm >"$tmp/rdir.errgot"
	check "raw log dir: lost records and summary on stderr" "$tmp/rawerr.want" "$tmp/rdir.errgot"
	# Decoding it later gives what a text run writes.
	"$sclogd" -D "$rawfile" -o - 2>/dev/null | norm >"$tmp/rdec.got"
	sed "s|DEV\$|$rawfile|" "$tmp/text.want" >"$tmp/rdec.want"
	check "raw log dir: -D FILE.raw -o - decodes it" "$tmp/rdec.want" "$tmp/rdec.got"
fi

# Malformed input: only the whole records before it are written.
"$sclogd" -D "$tmp/bad.raw" -o - --raw >"$tmp/rbad.out" 2>"$tmp/rbad.err"
rc=$?
head -c 184 "$tmp/bad.raw" >"$tmp/rbad.want"
if [ $rc -eq 1 ] && cmp "$tmp/rbad.want" "$tmp/rbad.out" >/dev/null 2>&1 &&
   [ "$(head -n 1 "$tmp/rbad.err")" = "sclogd: $tmp/bad.raw: malformed record at input offset 184: unsupported record version; discarding the 368 bytes left in this read" ] &&
   grep -q '^# sclogd 1 stopped at .*: 1 records, 0 lost, 0 skipped (unknown type), 1 malformed (368 bytes discarded), 0 not written$' "$tmp/rbad.err"; then
	ok "raw: malformed record: not written, reported, exit 1"
else
	not_ok "raw: malformed record: exit $rc" "$tmp/rbad.err"
fi

# A write error.
if [ -w /dev/full ]; then
	"$sclogd" -D "$c" -o - --raw >/dev/full 2>"$tmp/rfull.err"
	rc=$?
	if [ $rc -eq 1 ] &&
	   grep -qx "sclogd: standard output: write failed: No space left on device; records are lost until it works again (sclogd keeps reading the kernel buffer)" "$tmp/rfull.err" &&
	   grep -q '^# sclogd 1 stopped at .*: 6 records, 2 lost, 1 skipped (unknown type), 0 malformed (0 bytes discarded), 6 not written$' "$tmp/rfull.err"; then
		ok "raw: write error: reported, counted, exit 1"
	else
		not_ok "raw: write error: exit $rc" "$tmp/rfull.err"
	fi
else
	skip "raw: write error" "no /dev/full"
fi

# Many gaps: at most 10 messages a second, the rest counted in one.  Runs
# again if it happened to span the turn of a second.
i=1
while [ $i -le 15 ]; do
	echo "cpu=1 seq=$((i * 3))"
	i=$((i + 1))
done | "$mk" >"$tmp/gaps.raw"
for try in 1 2 3; do
	"$sclogd" -D "$tmp/gaps.raw" -o - --raw >/dev/null 2>"$tmp/gaps.err"
	rc=$?
	one=$(grep -c '^sclogd: lost 2 records on CPU 1 (seq [0-9]*-[0-9]*)$' "$tmp/gaps.err")
	[ "$one" = 10 ] && break
done
if [ $rc -eq 0 ] && [ "$one" = 10 ] &&
   [ "$(sed -n 10p "$tmp/gaps.err")" = "sclogd: lost 2 records on CPU 1 (seq 31-32)" ] &&
   [ "$(sed -n 11p "$tmp/gaps.err")" = "sclogd: lost 8 more records in 4 more gaps (not shown one by one)" ] &&
   grep -q '^# sclogd 1 stopped at .*: 15 records, 28 lost, ' "$tmp/gaps.err"; then
	ok "raw: lost messages limited to 10 a second, the rest summed"
else
	not_ok "raw: many gaps: exit $rc, $one single messages" "$tmp/gaps.err"
fi

expect 2 "sclogd: --raw and --json are mutually exclusive" --raw --json
expect 2 "sclogd: --raw and --json are mutually exclusive" --json --raw
expect 2 "sclogd: --raw and --format are mutually exclusive" --format '%seq' --raw
expect 2 "sclogd: --raw and --syslog are mutually exclusive" --raw --syslog
expect 2 "sclogd: --output none needs --syslog" --raw -o none
# Binary records are not written to a terminal.
if command -v script >/dev/null; then
	script -qec "\"$sclogd\" -D \"$c\" --raw -o -" /dev/null >"$tmp/rtty.out" 2>&1
	rc=$?
	if [ $rc -eq 2 ] && [ "$(head -n 1 "$tmp/rtty.out" | tr -d '\r')" = "sclogd: --raw -o -: standard output is a terminal; redirect the binary records to a file or pipe" ]; then
		ok "raw: -o - to a terminal: usage error"
	else
		not_ok "raw: -o - to a terminal: exit $rc" "$tmp/rtty.out"
	fi
else
	skip "raw: -o - to a terminal" "needs script(1)"
fi

# SIGHUP: a new .raw file at the same path, no lines in either.
rhup=$tmp/rhup
rm -f "$fifo" && mkfifo "$fifo"
"$sclogd" -f -D "$fifo" -d "$rhup" -p "$tmp/rhup.pid" --raw --flush data \
	--ready-fd 3 3>"$tmp/rready" >"$tmp/rhup.out" 2>"$tmp/rhup.err" &
spid=$!
exec 4>"$fifo"
wait_for '[ -s "$tmp/rready" ]'
"$mk" "cpu=0 seq=1 time=1795782964000000001" "cpu=0 seq=2 time=1795782964000000002 ret=-2" >"$tmp/rhup1.want"
cat "$tmp/rhup1.want" >&4
set -- "$rhup"/*.raw
first=$1
wait_for '[ "$(stat -c %s "$first" 2>/dev/null)" = 368 ]'
mv "$first" "$first.1"
kill -HUP $spid
wait_for '[ -e "$first" ]'
"$mk" "cpu=0 seq=5 time=1795782964000000005" >"$tmp/rhup2.want"
cat "$tmp/rhup2.want" >&4
wait_for '[ "$(stat -c %s "$first" 2>/dev/null)" = 184 ]'
exec 4>&-
wait $spid
rc=$?
if [ $rc -eq 0 ] && cmp "$tmp/rhup1.want" "$first.1" >/dev/null 2>&1 &&
   cmp "$tmp/rhup2.want" "$first" >/dev/null 2>&1; then
	ok "raw: SIGHUP reopens; both files hold only their records"
else
	not_ok "raw: SIGHUP: exit $rc" "$tmp/rhup.err"
fi
m=$(stat -c %a "$first" 2>/dev/null)
[ "$m" = 600 ] && ok "raw: SIGHUP: new file mode 0600" || not_ok "raw: SIGHUP: new file mode $m"
if grep -qx "sclogd: lost 2 records on CPU 0 (seq 3-4)" "$tmp/rhup.err" &&
   grep -q '^# sclogd 1 stopped at .*: 3 records, 2 lost, ' "$tmp/rhup.err" &&
   [ ! -s "$tmp/rhup.out" ] && [ ! -e "$tmp/rhup.pid" ]; then
	ok "raw: SIGHUP run: the gap and summary on stderr, pid file removed"
else
	not_ok "raw: SIGHUP run: stderr" "$tmp/rhup.err" "$tmp/rhup.out"
fi

# --- rules: records that name the rule that matched ------------------------------

# tests/fixtures/rules.spec: LOG with a log format, FAIL, KILL, SUSPEND with
# a format, and a record without a rule.
fx=${0%/*}/fixtures
"$mk" <"$fx/rules.spec" >"$tmp/rules.raw"
if cmp "$fx/rules.bin" "$tmp/rules.raw" >"$tmp/rules.cmp" 2>&1; then
	ok "rules: fixtures/rules.bin is what mkrecords makes of rules.spec"
else
	not_ok "rules: fixtures/rules.bin differs from mkrecords <rules.spec" "$tmp/rules.cmp"
fi
R2='2026-11-27T12:36:04.000000002Z cpu=0 seq=2 pid=201 tid=201 ppid=1 comm="rm" uid=1000 euid=1000 suid=1000 fsuid=1000 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=1000 arch=x86_64 nr=87 name="/etc/passwd" path="/etc/passwd" rule="no-rm" action=fail call=unlink(0x7ffd1000) = -1 EPERM'
R3='2026-11-27T12:36:04.000000003Z cpu=1 seq=7 pid=202 tid=202 ppid=1 comm="sh" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=1000 arch=x86_64 nr=59 name="/tmp/x" rule="exec-kill" action=kill call=execve(0x1000, 0x2000, 0x3000) = -1 EPERM'
R5='2026-11-27T12:36:04.000000005Z cpu=0 seq=4 pid=204 tid=204 ppid=1 comm="cat" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=1000 arch=x86_64 nr=3 call=close(4) = 0'
cat >"$tmp/rules-summary.want" <<'EOF'
# sclogd 1 stopped at TIME: 5 records, 0 lost, 0 skipped (unknown type), 0 malformed (0 bytes discarded), 0 not written
# summary: 5 records (2 failed) from 2026-11-27T12:36:04.000000001Z to 2026-11-27T12:36:04.000000005Z, 0 lost
# records by syscall:
#            2  x86_64:unlink (1 failed)
#            1  x86_64:close
#            1  x86_64:execve (1 failed)
#            1  x86_64:openat
# records by uid:
#            4  0
#            1  1000
# records by comm:
#            2  "cat"
#            2  "rm"
#            1  "sh"
# records by rule:
#            1  exec-kill (kill)
#            1  no-rm (fail)
#            1  rm-log (log)
#            1  watch-susp (suspend)
# records by rule action:
#            1  log
#            1  fail
#            1  kill
#            1  suspend
# lost records by CPU: none
EOF
# Text: a rule's log format is the record's line, exactly as syscalltrack's
# sctlog printed it; the other records name their rule and action.
{
	echo "# sclogd 1 started at TIME on HOST, kernel KERNEL, $tmp/rules.raw"
	echo '"rm" : "./dummy" delete by 0 --> 0'
	echo "$R2"
	echo "$R3"
	echo 'watch-susp: "cat" opened AT_FDCWD, "/etc/shadow", O_RDONLY, 0 = 3 100%'
	echo "$R5"
	cat "$tmp/rules-summary.want"
} >"$tmp/rules-text.want"
"$sclogd" -D "$tmp/rules.raw" -o - >"$tmp/rules-text.out" 2>"$tmp/rules-text.err"
rc=$?
norm <"$tmp/rules-text.out" >"$tmp/rules-text.got"
check "rules: text: log formats replace the line, rule= and action= on the others" \
	"$tmp/rules-text.want" "$tmp/rules-text.got"
norm <"$tmp/rules-text.err" >"$tmp/rules-text.errgot"
if [ $rc = 0 ] && cmp -s "$tmp/rules-summary.want" "$tmp/rules-text.errgot"; then
	ok "rules: exit 0, the summary counts records by rule and action"
else
	not_ok "rules: exit $rc, summary" "$tmp/rules-text.err"
fi
# The same through a pipe that splits the records anywhere.
"$mk" -c 5,11,184,3 <"$fx/rules.spec" |
	"$sclogd" -D /dev/stdin -o - 2>/dev/null | norm >"$tmp/rules-pipe.got"
sed "s|$tmp/rules.raw\$|/dev/stdin|" "$tmp/rules-text.want" >"$tmp/rules-pipe.want"
check "rules: text from a split pipe" "$tmp/rules-pipe.want" "$tmp/rules-pipe.got"

# --format: a rule's own log format wins; %ruleid names the rule.
"$sclogd" -D "$tmp/rules.raw" -o - --format '%ruleid %sname %comm %retval' \
	2>/dev/null | grep -v '^#' >"$tmp/rules-tpl.got"
cat >"$tmp/rules-tpl.want" <<'EOF'
"rm" : "./dummy" delete by 0 --> 0
no-rm unlink rm -1 EPERM
exec-kill execve sh -1 EPERM
watch-susp: "cat" opened AT_FDCWD, "/etc/shadow", O_RDONLY, 0 = 3 100%
- close cat 0
EOF
check "rules: --format: the rules' log formats win, %ruleid" "$tmp/rules-tpl.want" "$tmp/rules-tpl.got"

# JSON: every record whole, "rule", "action", and "message" for a format.
"$sclogd" -D "$tmp/rules.raw" -o - --json 2>/dev/null >"$tmp/rules.json"
sed -n 's/^{"seq":\([0-9]*\),.*"params":\[[^]]*\]\(.*\)}$/\1 \2/p' \
	"$tmp/rules.json" >"$tmp/rules-json.got"
cat >"$tmp/rules-json.want" <<'EOF'
1 ,"cwd":"/root","names":[{"arg":0,"name":"./dummy","path":"/root/dummy"}],"rule":"rm-log","action":"log","message":"\"rm\" : \"./dummy\" delete by 0 --> 0"
2 ,"names":[{"arg":0,"name":"/etc/passwd","path":"/etc/passwd"}],"rule":"no-rm","action":"fail"
7 ,"names":[{"arg":0,"name":"/tmp/x"}],"rule":"exec-kill","action":"kill"
3 ,"names":[{"arg":1,"name":"/etc/shadow","path":"/etc/shadow"}],"watch":true,"rule":"watch-susp","action":"suspend","message":"watch-susp: \"cat\" opened AT_FDCWD, \"/etc/shadow\", O_RDONLY, 0 = 3 100%"
4 
EOF
check "rules: JSON: rule, action, message" "$tmp/rules-json.want" "$tmp/rules-json.got"
if python3 -c 'import json,sys
s = [json.loads(l) for l in open(sys.argv[1])][-1]["summary"]
assert s["by_rule"][0] == {"rule": "exec-kill", "action": "kill", "records": 1, "failed": 1}, s
assert s["by_action"] == {"log": 1, "fail": 1, "kill": 1, "suspend": 1}, s' "$tmp/rules.json" 2>"$tmp/rules.py"; then
	ok "rules: JSON: lines parse, the summary has by_rule and by_action"
else
	not_ok "rules: JSON summary" "$tmp/rules.py"
fi

# --raw: the records as read, rule fields and all.
"$sclogd" -D "$tmp/rules.raw" -o - --raw >"$tmp/rules-raw.out" 2>/dev/null
rc=$?
if [ $rc = 0 ] && cmp -s "$tmp/rules.raw" "$tmp/rules-raw.out"; then
	ok "rules: --raw: the input, byte for byte"
else
	not_ok "rules: --raw: exit $rc"
fi

# Malformed rule fields: the record is logged without its rule, said so on
# stderr (at most 10 times), counted as malformed, exit 1.
{
	echo 'cpu=0 seq=1 comm=rm nr=87 args=0x1 ret=0 field=7@1:bad\x20name flags=64'
	echo 'cpu=0 seq=2 comm=rm nr=87 args=0x1 ret=0 rule=ok rule_format=%comm field=8:second'
	echo 'cpu=0 seq=3 comm=rm nr=87 args=0x1 ret=0 flags=64'
	echo 'cpu=0 seq=4 comm=rm nr=87 args=0x1 ret=0 rule=ok action=2'
	echo 'cpu=0 seq=5 comm=rm nr=87 args=0x1 ret=0 field=7@1:x'
	echo 'cpu=0 seq=6 comm=rm nr=87 args=0x1 ret=0 rule=ok action=fail'
	i=7
	while [ $i -le 16 ]; do
		echo "cpu=0 seq=$i comm=rm nr=87 args=0x1 ret=0 flags=64"
		i=$((i + 1))
	done
} | "$mk" >"$tmp/rbadrule.raw"
"$sclogd" -D "$tmp/rbadrule.raw" -o - >"$tmp/rbadrule.out" 2>"$tmp/rbadrule.err"
rc=$?
sed -n 's/^.* nr=87 \(.*\) call=unlink(0x1) = 0$/\1/p' "$tmp/rbadrule.out" |
	head -n 6 >"$tmp/rbadrule.got"
cat >"$tmp/rbadrule.want" <<'EOF'
rule_error="rule name with a byte outside 0x21-0x7e"
rule_error="more than one rule format field"
rule_error="rule flag without a rule field"
rule_error="rule action IGNORE in a record"
rule_error="rule field without the rule flag"
rule="ok" action=fail
EOF
check "rules: malformed rule fields: rule_error=\"...\" instead of the rule" "$tmp/rbadrule.want" "$tmp/rbadrule.got"
{
	echo "sclogd: $tmp/rbadrule.raw: record CPU 0 seq 1: malformed rule fields: rule name with a byte outside 0x21-0x7e; the record is logged without its rule"
	echo "sclogd: $tmp/rbadrule.raw: record CPU 0 seq 2: malformed rule fields: more than one rule format field; the record is logged without its rule"
} >"$tmp/rbadrule-err.want"
head -n 2 "$tmp/rbadrule.err" >"$tmp/rbadrule-err.got"
if [ $rc = 1 ] && cmp -s "$tmp/rbadrule-err.want" "$tmp/rbadrule-err.got" &&
   [ "$(grep -c 'malformed rule fields' "$tmp/rbadrule.err")" = 10 ] &&
   grep -q '^sclogd: .* seq 11: malformed rule fields: rule flag without a rule field; the record is logged without its rule (further ones are not shown)$' "$tmp/rbadrule.err" &&
   [ "$(grep -c ' nr=87 ' "$tmp/rbadrule.out")" = 16 ] &&
   grep -q '^# sclogd 1 stopped at .*: 16 records, 0 lost, 0 skipped (unknown type), 15 malformed (0 bytes discarded), 0 not written$' "$tmp/rbadrule.out"; then
	ok "rules: malformed rule fields: 10 messages, every record logged, counted, exit 1"
else
	not_ok "rules: malformed rule fields: exit $rc" "$tmp/rbadrule-err.got" "$tmp/rbadrule.err" "$tmp/rbadrule.out"
fi

# --- documentation ---------------------------------------------------------------

"$sclogd" --help >"$tmp/help" 2>&1
man=${0%/*}/../man/sclogd.8
sed 's/\\//g' "$man" >"$tmp/man.txt"
missing=
for o in device log-dir output json format raw syslog syslog-socket \
	 syslog-facility flush flush-count foreground pid-file ready-fd \
	 no-enable select-default disable-on-exit read-size help version; do
	grep -q -- "--$o\\b" "$tmp/help" || missing="$missing help:--$o"
	grep -q -- "Fl -$o\\b" "$tmp/man.txt" || missing="$missing man:--$o"
done
[ -z "$missing" ] && ok "every option in --help and sclogd(8)" || not_ok "missing:$missing"

echo "1..$n"
