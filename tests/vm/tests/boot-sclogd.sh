#!/bin/sh
# Runs in the test VM, first of /tests/*.sh: the sclogd that the boot hook
# (/etc/sclog-vm/boot.d/50-sclogd) started with the default configuration is
# running and recording, and stops cleanly, which frees /dev/sclog for the
# tests after this one.  Prints TAP.
. /tests/lib.inc

pid=$(cat /run/sclogd.pid 2>/dev/null)
check "the boot hook started sclogd (/run/sclogd.pid names a live process)" \
	sh -c "[ -n '$pid' ] && kill -0 '$pid'"
check "it runs as a daemon: its parent is init" \
	sh -c "[ \"\$(awk '/^PPid:/ {print \$2}' /proc/$pid/status)\" = 1 ]"
check "/dev/sclog says it is the reader and recording is on" \
	sh -c "sclogctl status | grep -q 'reader.*$pid' && sclogctl status | grep -q enabled"
set -- /var/log/sclog/*.log
log=$1
check "it writes /var/log/sclog/<unix-seconds>.log" \
	sh -c "[ $# = 1 ] && [ -f '$log' ] && basename '$log' | grep -qE '^[0-9]{9,}\.log$'"
check "/var/log/sclog is mode 0700, the log 0600" \
	sh -c "[ \$(stat -c %a /var/log/sclog) = 700 ] && [ \$(stat -c %a '$log') = 600 ]"
# This very script was exec'd after the hook ran.
sleep 1
check "the log already holds the execve of this test script" \
	grep -qE 'comm="boot-sclogd.sh" .* call=execve\(' "$log"
kill -USR1 "$pid"
sleep 1
check "SIGUSR1: a daemon writes its status and summary into the log" \
	sh -c "grep -q '^# sclogd 1 status at ' '$log' && grep -q '^# summary: ' '$log'"
stop_pid "$pid"
check "it stops on SIGTERM and removes its pid file" \
	sh -c "! kill -0 '$pid' 2>/dev/null && ! [ -e /run/sclogd.pid ]"
check "the log ends with the run's summary" \
	sh -c "tail -n 30 '$log' | grep -q '^#.*execve'"
echo "1..$n"
exit $fail
