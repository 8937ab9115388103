#!/bin/sh
# Runs in the test VM, as root: "who changed /etc/foobar?"  The same file is
# changed by uid 1000 in the ways people change files (echo >>, an editor's
# write-a-copy-then-rename, truncate, chmod, a write through a descriptor it
# inherited, io_uring), with sclogd recording the default selection and a
# watch on the file for writes and attribute changes (sclogctl watch); one
# `sclog search --path /etc/foobar` must name each change with its pid, uid
# and system call.  Then argv:
# arguments with a newline, a quote and non-UTF-8 bytes are logged escaped.
# Prints TAP.

. /tests/lib.inc

T=/tmp/paths-e2e
F=/etc/foobar
W=/tests/bin/workload
rm -rf "$T"
mkdir -p "$T"
# uid 1000 writes its pid files here
chmod 1777 "$T"
stop_boot_sclogd

echo original >"$F"
chown user "$F"
# The editor writes its copy next to the file: uid 1000 may write in /etc
# for the length of the test.
chgrp user /etc
chmod 0775 /etc

sclogctl select default >/dev/null
check "sclogctl watch --perm wa $F" sclogctl watch --perm wa "$F"
check "sclogctl watches lists it" sh -c "sclogctl watches | grep -qx 'wa   $F'"
check "sclogd starts" start_sclogd "$T/log"

# as_user NAME SCRIPT: run SCRIPT as uid 1000, saving its pid in $T/NAME.pid.
as_user() {
	su -s /bin/sh user -c "echo \$\$ >$T/$1.pid; $2"
}
as_user append "echo appended >>$F"
as_user editor "cat $F >/etc/.foobar.tmp && echo edited >>/etc/.foobar.tmp && exec mv /etc/.foobar.tmp $F"
as_user truncate "exec truncate -s 3 $F"
as_user chmod "exec chmod 0640 $F"
# root opens the file; uid 1000 writes through the descriptor it inherits.
sh -c "exec 3>>$F; exec su -s /bin/sh user -c 'echo \$\$ >$T/inherited.pid; exec $W writefd:3:inherited'" >/dev/null
as_user uring "exec $W uring-append:$F:uring"
# argv with a newline, a quote, a backslash and bytes that are not UTF-8.
NL='a
b'
/bin/true "$NL" 'q"t\' "$(printf 'x\377\303(')" &
ARGV_PID=$!
wait $ARGV_PID

stop_pid "$SPID"
sclogctl unwatch all
chmod 0755 /etc
chgrp root /etc
set -- "$T"/log/*.log
LOG=$1
sclog search --path "$F" "$LOG" >"$T/found"
echo "# sclog search --path $F:"
sed 's/^/#   /' "$T/found"

# found NAME CALL_REGEX DESCRIPTION: the search found a record of the pid in
# $T/NAME.pid, with uid 1000, of a call matching CALL_REGEX.
found() {
	p=$(cat "$T/$1.pid")
	if grep -E " pid=$p .* uid=1000 .* call=$2" "$T/found" >/dev/null; then
		ok "$3 (pid $p)"
	else
		nok "$3 (pid $p)"
	fi
}
found append 'openat\(AT_FDCWD, 0x[0-9a-f]+, O_WRONLY\|O_CREAT\|O_APPEND' \
	"echo >> : the shell's open for appending"
found append 'write\(1, ' "echo >> : the shell's write through the descriptor"
found editor 'rename(at2?)?\(' "the editor's rename onto the file"
found truncate '(truncate|ftruncate)\(' "truncate"
found chmod '(fchmodat|chmod)\(' "chmod"
found inherited 'write\(3, ' "a write through an inherited descriptor"
found uring 'openat\(' "io_uring: the open"
found uring 'write\(' "io_uring: the write"
U=$(cat "$T/uring.pid")
check "io_uring: both are flagged io_uring=1" \
	sh -c "[ \$(grep ' pid=$U ' '$T/found' | grep -c ' io_uring=1 ') -ge 2 ]"
check "the rename names both files, the second resolved to $F" \
	grep -qE "name=\"/etc/.foobar.tmp\" path=\"/etc/.foobar.tmp\" name=\"$F\" path=\"$F\" .*call=rename" "$T/found"
check "the writes, not selected, were recorded for the watch (watch=1)" \
	sh -c "[ \$(grep -c ' watch=1 call=write(' '$T/found') -ge 3 ]"
check "no record of another file is found" \
	sh -c "! grep -v 'path=\"$F\"' '$T/found'"

check "argv: the exec of /bin/true is logged with each argument escaped" \
	grep -qF " argv0=\"/bin/true\" argv1=\"a\\nb\" argv2=\"q\\\"t\\\\\" argv3=\"x\\xff\\xc3(\"" "$LOG"
check "every byte of the log is printable ASCII or a newline" \
	sh -c "! LC_ALL=C grep -q '[^ -~]' '$LOG'"
[ $fail = 0 ] || { echo "# the true line:"; grep -F "pid=$ARGV_PID " "$LOG" | sed 's/^/#   /'; }
echo "1..$n"
exit $fail
