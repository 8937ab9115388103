#!/bin/sh
# Runs in the test VM, as root: who may read and configure sclog, end to
# end with the real programs.  Root without a capability is made with
# util-linux's setpriv, dropping it from the bounding set (an exec'd
# program of root's then lacks it), and uid 1000 with su:
#  - without CAP_AUDIT_CONTROL: every change (enable, disable, select,
#    deselect, buffer, limits, watch, unwatch, unwatch all (even with
#    nothing watched), upload, delete, failure, exempt, lock) fails with
#    exit 5 and a message naming the capability, and nothing changes; reading the state still works (CAP_AUDIT_READ);
#  - without CAP_AUDIT_READ and CAP_SYS_ADMIN: reading the records
#    (sclogcat, a second sclogd) is refused with EPERM, not EBUSY;
#  - without all three, and as uid 1000: even the state cannot be read;
#  - /dev/sclog is root's alone (mode 0600);
#  - every open and change sclog refuses is in sclogd's log (refused=1),
#    with the pid of the process that tried; uid 1000's opens, refused
#    by the device's mode before sclog sees them, are there as openat
#    records answered EACCES (openat is in the default set).
# Prints TAP.

. /tests/lib.inc

T=/tmp/privilege
SETPRIV=/usr/bin/setpriv
rm -rf "$T"
mkdir -p "$T"

stop_boot_sclogd

# state: what a change would alter, without the counters.
state() {
	sclogctl status | grep -E '^(recording|lock|select|failure)' &&
		sclogctl buffer && sclogctl limits && sclogctl failure &&
		sclogctl watches && sclogctl download
}

# without CAPS DESC WANT_EXIT WANT_TEXT COMMAND...: COMMAND, run by root
# with CAPS (setpriv --bounding-set syntax, such as -audit_control) dropped,
# exits WANT_EXIT with WANT_TEXT in its message.  Its pid goes to $T/pids
# (the refused attempt is looked for in the log at the end).
without() {
	caps=$1 desc=$2 want=$3 text=$4
	shift 4
	sh -c 'echo $$ >"$0"; exec "$@"' "$T/pid" \
		"$SETPRIV" --bounding-set "$caps" -- "$@" >"$T/out" 2>&1
	rc=$?
	# Refused attempts are looked for in the log.
	[ "$want" = 0 ] || cat "$T/pid" >>"$T/pids"
	if [ $rc = "$want" ] && grep -q -- "$text" "$T/out"; then
		ok "without $caps: $desc: exit $rc, $(head -1 "$T/out")"
	else
		nok "without $caps: $desc: exit $rc (want $want, \"$text\"): $(head -1 "$T/out")"
	fi
}

check "/dev/sclog is root's alone (0600, root:root)" \
	sh -c "[ \"\$(stat -c '%a %u %g' /dev/sclog)\" = '600 0 0' ]"
check "setpriv drops a capability of root's (CapBnd without audit_control)" \
	sh -c "$SETPRIV --bounding-set -audit_control -- $SETPRIV -d | grep -q '^Capability bounding set:.*audit_read' &&
		! $SETPRIV --bounding-set -audit_control -- $SETPRIV -d | grep -q 'audit_control'"

sclogctl select default >/dev/null
check "sclogd starts" start_sclogd "$T/log"
cat >"$T/ok.rules" <<'EOF'
rule {
	syscall_name = getppid
	rule_name = privilege_test
	action { type = LOG }
}
EOF
check "a rule table to keep" sclogctl upload "$T/ok.rules"
check "a watch to keep" sclogctl watch --perm w /etc/passwd
state >"$T/before" 2>&1
check "the state can be read (as root)" [ -s "$T/before" ]

# --- without CAP_AUDIT_CONTROL -------------------------------------------------
C=-audit_control
M=CAP_AUDIT_CONTROL
: >"$T/pids"
without $C "sclogctl status still works (CAP_AUDIT_READ)" 0 "recording" sclogctl status
without $C "disable" 5 $M sclogctl disable
without $C "enable" 5 $M sclogctl enable
without $C "select" 5 $M sclogctl select unlink
without $C "deselect" 5 $M sclogctl deselect all
without $C "buffer" 5 $M sclogctl buffer --policy wait
without $C "limits" 5 $M sclogctl limits --fields +envp
without $C "watch" 5 $M sclogctl watch /etc/passwd
without $C "unwatch" 5 $M sclogctl unwatch /etc/passwd
without $C "unwatch all" 5 $M sclogctl unwatch all
without $C "upload" 5 $M sclogctl upload "$T/ok.rules"
without $C "delete" 5 $M sclogctl delete
without $C "failure" 5 $M sclogctl failure --on-loss silent
without $C "exempt" 5 $M sclogctl exempt true
without $C "lock" 5 $M sclogctl lock
mv "$T/pids" "$T/pids.control"
state >"$T/after" 2>&1
if cmp -s "$T/before" "$T/after"; then
	ok "nothing changed"
else
	nok "nothing changed"
	diff "$T/before" "$T/after" | sed 's/^/#   /'
fi

# --- without CAP_AUDIT_READ and CAP_SYS_ADMIN ------------------------------------
C=-audit_read,-sys_admin
: >"$T/pids"
without $C "sclogcat cannot read" 1 "Operation not permitted" sclogcat -n
without $C "a second sclogd cannot read (EPERM before EBUSY)" 1 \
	"reading needs CAP_AUDIT_READ" sclogd -f -d "$T/second" -p "$T/second.pid"
mv "$T/pids" "$T/pids.read"
without $C "sclogctl status still works (CAP_AUDIT_CONTROL)" 0 "recording" sclogctl status
check "the collector still reads" kill -0 "$SPID"

# --- neither: the state cannot even be read ---------------------------------------
C=-audit_read,-sys_admin,-audit_control
: >"$T/pids"
without $C "sclogctl status" 5 "Operation not permitted" sclogctl status
mv "$T/pids" "$T/pids.none"

# --- uid 1000 -------------------------------------------------------------------
as_user() {	# DESC WANT_EXIT COMMAND
	: >"$T/upid"
	chown user "$T/upid"
	su -s /bin/sh user -c "echo \$\$ >$T/upid; exec $3" >"$T/out" 2>&1
	rc=$?
	cat "$T/upid" >>"$T/pids.user"
	if [ $rc = "$2" ]; then
		ok "uid 1000: $1: exit $rc, $(head -1 "$T/out")"
	else
		nok "uid 1000: $1: exit $rc (want $2): $(head -1 "$T/out")"
	fi
}
: >"$T/pids.user"
as_user "sclogctl status" 5 "sclogctl status"
as_user "sclogctl disable" 5 "sclogctl disable"
as_user "sclogcat" 1 "sclogcat -n"
as_user "sclogd" 1 "sclogd -f -d /tmp -p /tmp/u.pid"
state >"$T/after" 2>&1
check "nothing changed" cmp -s "$T/before" "$T/after"

# --- the refused attempts are on record ---------------------------------------------
sleep 0.5
stop_pid "$SPID"
cat "$T"/log/*.log >"$T/all"
# recorded FILE WHAT: each pid of FILE has a refused record in the log.
recorded() {
	missing=""
	for p in $(cat "$1"); do
		grep -q " pid=$p .* refused=1 " "$T/all" || missing="$missing $p"
	done
	if [ -z "$missing" ] && [ -s "$1" ]; then
		ok "$2: each is recorded (refused=1) with its pid ($(wc -l <"$1"))"
	else
		nok "$2: each is recorded (refused=1) with its pid (missing:$missing)"
	fi
}
recorded "$T/pids.control" "changes without CAP_AUDIT_CONTROL"
recorded "$T/pids.read" "opens for reading without CAP_AUDIT_READ"
recorded "$T/pids.none" "opens without any of the three"
# uid 1000 does not get as far as sclog: the device's mode refuses the
# open (EACCES) in the VFS.  The attempt is on record as any openat of the
# default set is, not flagged.
missing=""
for p in $(cat "$T/pids.user"); do
	grep " pid=$p .* uid=1000 .* name=\"/dev/sclog\" .*call=openat(.*= -13 EACCES" "$T/all" |
		grep -qv ' refused=1 ' || missing="$missing $p"
done
if [ -z "$missing" ] && [ -s "$T/pids.user" ]; then
	ok "uid 1000's opens (EACCES, by the file mode) are in the log as openat with uid=1000 ($(wc -l <"$T/pids.user"))"
else
	nok "uid 1000's opens (EACCES, by the file mode) are in the log as openat with uid=1000 (missing:$missing)"
	for p in $missing; do grep " pid=$p .*/dev/sclog" "$T/all" | head -3 | sed 's/^/#   /'; done
fi
check "a refused change is an ioctl answered EPERM" \
	sh -c "grep ' refused=1 ' '$T/all' | grep -q 'call=ioctl(.*= -1 EPERM'"
check "a refused open is an openat of /dev/sclog answered EPERM" \
	sh -c "grep -q ' name=\"/dev/sclog\" refused=1 call=openat(.*= -1 EPERM' '$T/all'"

sclogctl delete >/dev/null
sclogctl unwatch all >/dev/null
# Nothing left to unwatch: still a change the kernel refuses to make.
without -audit_control "unwatch all, nothing watched" 5 CAP_AUDIT_CONTROL sclogctl unwatch all
if [ $fail != 0 ]; then
	echo "# refused records:"
	grep ' refused=1 ' "$T/all" | head -20 | sed 's/^/#   /'
fi
echo "1..$n"
exit $fail
