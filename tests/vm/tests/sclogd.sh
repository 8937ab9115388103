#!/bin/sh
# Runs in the test VM, as root: sclogd end to end.  Starts a collector of its
# own (after stopping the one started at boot), runs known workloads as root,
# as uid 1000 and through the i386 ABI, stops it, and checks the log it wrote
# line by line; then the JSON format, sclog search/report on both logs, the
# syslog target, SIGHUP reopen, SIGUSR1 summary, and a second instance.
# Prints TAP.

. /tests/lib.inc

W=/tests/bin/workload
W32=/tests/bin/workload32
T=/tmp/sclogd-e2e
rm -rf "$T"
mkdir -p "$T"

# The collector started at boot holds the device: stop it.
stop_boot_sclogd

# --- the text log --------------------------------------------------------
check "sclogd -f starts and reports readiness" start_sclogd "$T/log" --select-default
check "sclogctl status says recording is on and sclogd is the reader" \
	sh -c "sclogctl status | grep -q 'enabled' && sclogctl status | grep -q 'reader.*$SPID'"

# The workloads, their pids and results.  $T/secret is root's alone.
echo secret >"$T/secret"
chmod 0600 "$T/secret"
$W open:/etc/passwd open:/nonexistent-e2e 'open:/tmp/e2e-file:w|creat|trunc|cloexec' \
	fork setuid:0 access:/etc/passwd >"$T/root.out"
su -s /bin/sh user -c "exec $W open:$T/secret open:/etc/passwd" \
	>"$T/user.out"
$W32 open:/etc/passwd >"$T/i386.out"
$W 'comm:ev\nil"\x1b[31m' open:/etc/group >"$T/evil.out"
P=$(sed -n 's/^pid=//p' "$T/root.out")
U=$(sed -n 's/^pid=//p' "$T/user.out")
I=$(sed -n 's/^pid=//p' "$T/i386.out")
E=$(sed -n 's/^pid=//p' "$T/evil.out")
CHILD=$(sed -n 's/^fork = //p' "$T/root.out")

kill -TERM "$SPID"
wait "$SPID"
rc=$?
check "sclogd exits 0 on SIGTERM (status $rc)" [ $rc = 0 ]

set -- "$T"/log/*.log
LOG=$1
check "one log file named <unix-seconds>.log" \
	sh -c "[ $# = 1 ] && basename '$LOG' | grep -qE '^[0-9]{9,}\.log$'"
check "the log directory is mode 0700" [ "$(stat -c %a "$T/log")" = 700 ]
check "the log file is mode 0600" [ "$(stat -c %a "$LOG")" = 600 ]

# has REGEX DESCRIPTION: some line of the log matches REGEX (grep -E).
has() {
	if grep -qE "$1" "$LOG"; then ok "$2"; else nok "$2"; echo "# no line matches: $1"; fi
}

TS='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{9}Z cpu=[0-9]+ seq=[0-9]+'
ids() { # ids PID PPID UID [COMM]: the fixed fields of a workload's record
	echo "pid=$1 tid=$1 ppid=$2 comm=\"${4:-workload}\" uid=$3 euid=$3 suid=$3 fsuid=$3 gid=$3 egid=$3 sgid=$3 fsgid=$3 auid=unset ses=unset dur=[0-9]+"
}
ROOT=$(ids "$P" $$ 0)
PTR='0x[0-9a-f]+'
has "$TS $ROOT arch=x86_64 nr=59 name=\"$W\" path=\"$W\" argv0=\"$W\" argv1=\"open:/etc/passwd\" .*argv6=\"access:/etc/passwd\" call=execve\($PTR, $PTR, $PTR\) = 0$" \
	"root: execve of the workload, under its own pid and comm, with its name, path and argv"
has "$TS $ROOT arch=x86_64 nr=257 name=\"/etc/passwd\" path=\"/etc/passwd\" call=openat\(AT_FDCWD, $PTR, O_RDONLY, 0\) = 3$" \
	"root: openat(/etc/passwd) = 3, with the name and the resolved path"
has "$TS $ROOT arch=x86_64 nr=257 name=\"/nonexistent-e2e\" call=openat\(AT_FDCWD, $PTR, O_RDONLY, 0\) = -2 ENOENT$" \
	"root: a failed openat decodes -2 as ENOENT; its name, no path"
has "$TS $ROOT arch=x86_64 nr=257 name=\"/tmp/e2e-file\" path=\"/tmp/e2e-file\" call=openat\(AT_FDCWD, $PTR, O_WRONLY\|O_CREAT\|O_TRUNC\|O_CLOEXEC, 0640\) = 3$" \
	"root: open flags and mode decoded (O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0640)"
has "$TS $ROOT arch=x86_64 nr=56 call=clone\(.*SIGCHLD.*\) = $CHILD$" \
	"root: fork is a clone returning the child's pid $CHILD"
has "$TS $ROOT arch=x86_64 nr=105 call=setuid\(0\) = 0$" "root: setuid(0) = 0"
has "$TS $ROOT arch=x86_64 nr=21 name=\"/etc/passwd\" path=\"/etc/passwd\" call=access\($PTR, R_OK\|W_OK\) = 0$" \
	"root: access mode decoded (R_OK|W_OK)"
USER=$(ids "$U" $$ 1000)
has "$TS $USER arch=x86_64 nr=257 name=\"$T/secret\" call=openat\(AT_FDCWD, $PTR, O_RDONLY, 0\) = -13 EACCES$" \
	"uid 1000: openat of a 0600 root file fails with EACCES, all ids 1000"
has "$TS $USER arch=x86_64 nr=257 name=\"/etc/passwd\" path=\"/etc/passwd\" call=openat\(AT_FDCWD, $PTR, O_RDONLY, 0\) = 3$" \
	"uid 1000: openat(/etc/passwd) = 3"
has "$TS $(ids "$I" $$ 0 workload32) arch=i386 nr=(5|295) name=\"/etc/passwd\" path=\"/etc/passwd\" call=openat?\(.*\) = 3$" \
	"i386: the 32-bit workload's open is recorded with arch=i386"
has "$TS pid=$E tid=$E ppid=$$ comm=\"ev\\\\nil\\\\\"\\\\x1b\[31m\" uid=0 .* call=openat\(AT_FDCWD, $PTR, O_RDONLY, 0\) = 3$" \
	"a comm with a newline, a quote and ESC is escaped inside its quotes"
check "every byte of the log is printable ASCII or a newline" \
	sh -c "! LC_ALL=C grep -q '[^ -~]' '$LOG'"
check "every line is a record, a reader's open or close, a lost line or a comment" \
	sh -c "! grep -vE '$TS .* call=[a-z_0-9]+\(.*\) = (-?[0-9]+( E[A-Z0-9]+)?|\?)$|^[0-9T:.Z-]+ reader=(open|close) cpu=[0-9]+ seq=[0-9]+ pid=[0-9]+ |^[0-9T:.Z-]+ sclogd: lost [0-9]+ records on CPU [0-9]+|^#' '$LOG'"
check "the log starts with a comment naming the kernel" \
	sh -c "head -1 '$LOG' | grep -q '^# sclogd.*$(uname -r)'"
check "the summary is at the end of the log, with openat and uid 1000" \
	sh -c "tail -40 '$LOG' | grep -q '^#.*openat' && tail -40 '$LOG' | grep -q '^#.*1000'"
if ! grep -q 'sclogd: lost' "$LOG"; then
	ok "no records were lost at this rate"
else
	nok "records were lost at this rate"
fi

# --- sclog search and report on it -----------------------------------------
check "sclog search --pid --syscall finds the root workload's 3 openat records" \
	sh -c "[ \$(sclog search --pid $P --syscall openat '$LOG' | wc -l) = 3 ]"
check "sclog search --uid 1000 --failed finds exactly the EACCES record" \
	sh -c "sclog search --uid 1000 --failed '$LOG' >'$T/s.out' && [ \$(wc -l <'$T/s.out') = 1 ] && grep -q ' = -13 EACCES$' '$T/s.out'"
check "sclog search --uid user resolves the name" \
	sh -c "[ \"\$(sclog search --uid user --failed '$LOG')\" = \"\$(cat '$T/s.out')\" ]"
check "sclog search exits 1 when nothing matches" \
	sh -c "sclog search --pid 1 --syscall setuid '$LOG' >/dev/null; [ \$? = 1 ]"
check "sclog report counts openat and names uid 1000" \
	sh -c "sclog report '$LOG' >'$T/report' && grep -q openat '$T/report' && grep -q 1000 '$T/report'"

# one_open NAME OPTION: sclogd OPTION into $T/NAME while the workload opens
# /etc/passwd once; sets WPID (the workload's pid) and FILE (what sclogd wrote).
one_open() {
	check "sclogd $2 starts" start_sclogd "$T/$1" "$2"
	$W open:/etc/passwd >"$T/$1.out"
	WPID=$(sed -n 's/^pid=//p' "$T/$1.out")
	stop_pid "$SPID"
	set -- "$T/$1"/*
	FILE=$1
}

# --- JSON --------------------------------------------------------------------
one_open json --json
J=$WPID JLOG=$FILE
check "JSON: the openat record has every key, in order" \
	grep -qE "^\{\"seq\":[0-9]+,\"cpu\":[0-9]+,\"time\":[0-9]{19},\"pid\":$J,\"tid\":$J,\"ppid\":$$,\"uid\":0,\"euid\":0,\"suid\":0,\"fsuid\":0,\"gid\":0,\"egid\":0,\"sgid\":0,\"fsgid\":0,\"auid\":4294967295,\"ses\":4294967295,\"comm\":\"workload\",\"arch\":\"x86_64\",\"nr\":257,\"syscall\":\"openat\",\"args\":\[4294967196,[0-9]+,0,0\],\"ret\":3[,}]" "$JLOG"
check "JSON: every line is an object" sh -c "! grep -v '^{.*}$' '$JLOG'"
check "sclog search reads the JSON log" \
	sh -c "[ \$(sclog search --pid $J --syscall openat '$JLOG' | wc -l) = 1 ]"

# --- raw captures --------------------------------------------------------------
one_open raw --raw
R=$WPID RAW=$FILE
check "--raw: one <unix-seconds>.raw file, mode 0600" \
	sh -c "basename '$RAW' | grep -qE '^[0-9]{9,}\.raw$' && [ \$(stat -c %a '$RAW') = 600 ]"
check "--raw: sclog search finds the workload's openat in it" \
	sh -c "sclog search --pid $R --syscall openat '$RAW' | grep -qE ' call=openat\(AT_FDCWD, $PTR, O_RDONLY, 0\) = 3$'"
check "--raw: sclogd -D FILE -o - decodes it" \
	sh -c "sclogd -D '$RAW' -o - 2>/dev/null | grep -q 'pid=$R .*call=openat('"

# --- stdout, SIGHUP, SIGUSR1, a second instance ------------------------------------
SCLOGD_STDOUT=$T/stdout.log
check "sclogd -o - starts" start_sclogd "$T/unused" -o -
SCLOGD_STDOUT=
check "a second sclogd is refused with exit status 3, naming the running pid" \
	sh -c "sclogd -f -d '$T/second' -p '$T/second.pid' 2>'$T/second.err'; [ \$? = 3 ] && grep -q '$SPID' '$T/second.err'"
check "SIGUSR1 writes a summary on stderr" \
	sh -c "kill -USR1 $SPID; sleep 1; grep -qi summary '$T/sclogd.err'"
stop_pid "$SPID"
check "-o - writes records to standard output" grep -q 'call=' "$T/stdout.log"

check "sclogd for the SIGHUP test starts" start_sclogd "$T/hup"
set -- "$T"/hup/*.log
HLOG=$1
mv "$HLOG" "$HLOG.1"
kill -HUP "$SPID"
sleep 1
$W open:/etc/group >"$T/hup.out"
H=$(sed -n 's/^pid=//p' "$T/hup.out")
stop_pid "$SPID"
check "after SIGHUP, records go to a new file at the same path" \
	sh -c "grep -q 'pid=$H .*call=openat' '$HLOG' && ! grep -q 'pid=$H ' '$HLOG.1'"

# --- syslog (busybox syslogd on /dev/log) ------------------------------------
syslogd -n -O "$T/messages" &
SYSLOGD=$!
sleep 0.5
check "sclogd --syslog starts" start_sclogd "$T/unused2" --syslog
$W open:/etc/passwd >"$T/syslog.out"
S=$(sed -n 's/^pid=//p' "$T/syslog.out")
stop_pid "$SPID"
sleep 0.5
kill "$SYSLOGD"
# busybox syslogd keeps only the first 256 bytes of a message.
check "--syslog: the record reaches syslogd" grep -q "sclogd.*pid=$S tid=$S " "$T/messages"

if [ $fail != 0 ]; then
	echo "# lines with bytes outside printable ASCII:"
	grep -n "[^ -~]" "$LOG" | head -5 | od -c | head -20 | sed 's/^/#   /'
	echo "# a JSON line:"
	grep -m1 '"comm":"workload".*"syscall":"openat"' "$JLOG" | sed 's/^/#   /'
	echo "# syslog:"
	tail -3 "$T/messages" | sed 's/^/#   /'
	echo "# i386 lines:"
	grep 'arch=i386' "$LOG" | sed 's/^/#   /'
fi
if [ $fail != 0 ] && [ -s "$T/sclogd.err" ]; then
	echo "# sclogd's stderr:"
	sed 's/^/#   /' "$T/sclogd.err" | head -40
fi
echo "1..$n"
exit $fail
