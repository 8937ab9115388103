#!/bin/sh
# Runs in the test VM as root, with /dev/sclog: sclogctl(8) against the real
# device.  status output, enable/disable, select/deselect by name, number and
# ABI (checked with status), buffer settings (a size change works while
# recording is off and the buffers are empty, and gets the EBUSY message while
# recording is on), bad names refused without a change, and the permission
# error for an unprivileged user.  Prints TAP.  Recording, selection and
# buffer settings are put back as they were found.
n=0 fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1)) fail=1
	echo "not ok $n - $1"
	[ -s /tmp/ctl.err ] && sed 's/^/# err: /' /tmp/ctl.err | head -10
	[ -s /tmp/ctl.out ] && sed 's/^/# out: /' /tmp/ctl.out | head -20
}
# check DESC CMD...: CMD must succeed
check() {
	desc=$1
	shift
	if "$@" >/tmp/ctl.out 2>/tmp/ctl.err; then ok "$desc"; else not_ok "$desc"; fi
}
# ctl RC ARGS...: run sclogctl ARGS, output in /tmp/ctl.out and .err; true if
# the exit status is RC
ctl() {
	want=$1
	shift
	sclogctl "$@" >/tmp/ctl.out 2>/tmp/ctl.err
	[ $? = "$want" ]
}
# sel ABI: the selection line of ABI in sclogctl status, without the ABI
sel() {
	sclogctl status | sed -n "s/^  $1 *//p"
}
field() {
	sclogctl status | sed -n "s/^$1: *//p"
}

if [ ! -e /dev/sclog ] || ! command -v sclogctl >/dev/null; then
	echo "not ok 1 - /dev/sclog and sclogctl are there"
	echo "1..1"
	exit 1
fi

# --- the state to restore --------------------------------------------------
was_recording=$(field recording)
buffer0=$(sclogctl buffer)
size0=$(echo "$buffer0" | sed -n 's/^size [^ ]* (\([0-9]*\) bytes).*/\1/p')
policy0=$(echo "$buffer0" | sed -n 's/.*policy \([a-z]*\),.*/\1/p')
wait0=$(echo "$buffer0" | sed -n 's/.*wait_ms \([0-9]*\)$/\1/p')
for abi in x86_64 i386 x32; do
	eval "sel0_$abi=\"\$(sel $abi)\""
done

restore_selection() {
	sclogctl deselect all
	for abi in x86_64 i386 x32; do
		eval "line=\$sel0_$abi"
		case $line in
		none) ;;
		all) sclogctl select "$abi:all" ;;
		*"selected: all except"*)
			sclogctl select "$abi:all"
			names=${line#*all except}
			names=${names% (and *}
			for nm in $names; do sclogctl deselect "$abi:$nm"; done ;;
		*)
			names=${line#*selected: }
			for nm in $names; do sclogctl select "$abi:$nm"; done ;;
		esac
	done
}

# Empty the buffers: sclogd (if it runs) reads them; otherwise read them here.
drain() {
	if [ "$(field reader)" = none ] && command -v sclogcat >/dev/null; then
		sclogcat -n >/dev/null
	fi
	i=0
	while [ $i -lt 50 ]; do
		fill=$(sclogctl status | awk '$1 == "total" { print $5 }')
		[ "$fill" = 0 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# --- status ---------------------------------------------------------------
if ctl 0 status && grep -q '^device:    /dev/sclog$' /tmp/ctl.out &&
   grep -Eq '^recording: (enabled|disabled)$' /tmp/ctl.out &&
   grep -Eq '^reader:    (none|pid [0-9]+)$' /tmp/ctl.out &&
   grep -q '^records:   version 1$' /tmp/ctl.out &&
   grep -Eq '^buffer:    [0-9]+[KMG]? per CPU, policy (drop|wait), wait_ms [0-9]+$' /tmp/ctl.out &&
   grep -Eq '^  x86_64  ' /tmp/ctl.out && grep -Eq '^  i386    ' /tmp/ctl.out &&
   grep -Eq '^  x32     ' /tmp/ctl.out &&
   grep -Eq '^cpu +recorded +dropped +bytes +fill +next_seq$' /tmp/ctl.out &&
   grep -Eq '^total +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+$' /tmp/ctl.out; then
	ok "status shows state, reader, version, buffer, selection, counters"
else
	not_ok "status output"
fi
ncpu=$(grep -Ec '^[0-9]+ ' /tmp/ctl.out)
if [ "$ncpu" -ge "$(nproc)" ]; then
	ok "status has a line per CPU ($ncpu)"
else
	not_ok "status has $ncpu CPU lines for $(nproc) CPUs"
fi
if ctl 0 status --json && grep -Eq '^\{"device":"/dev/sclog","enabled":(true|false),"locked":false,"reader_pid":[0-9]+,"record_version":1,"buffer":\{"size":[0-9]+,"policy":"(drop|wait)","wait_ms":[0-9]+\},"failure":\{"on_loss":"(silent|warn|panic)","no_reader":"(buffer|block)","waiting":[0-9]+\},"limits":\{"fields":\["names","paths","cwd","fds","argv"\],"path_max":4096,"argv_max":32,"argv_bytes":4096,"envp_max":32,"envp_bytes":4096\},"watches":\[\],"rules":\{"count":[0-9]+,"generation":[0-9]+,"locked":false\},"select":\{"x86_64":\[.*\],"i386":\[.*\],"x32":\[.*\]\},"cpus":\[\{"cpu":0,.*\],"total":\{"recorded":[0-9]+,"dropped":[0-9]+,"bytes":[0-9]+,"fill":[0-9]+\}\}$' /tmp/ctl.out; then
	ok "status --json"
else
	not_ok "status --json"
fi

# --- limits -------------------------------------------------------------------
lim() { sclogctl limits --json; }
if ctl 0 limits --path-max 100 --argv-max 4 --fields -cwd,+envp &&
	lim | grep -q '"fields":\["names","paths","fds","argv","envp"\],"path_max":100,"argv_max":4,'; then
	ok "limits: --path-max, --argv-max and --fields -cwd,+envp are set"
else
	not_ok "limits: setting them ($(lim))"
fi
before=$(lim)
if ! ctl 0 limits --path-max 0 && ! ctl 0 limits --argv-bytes 16385 &&
	! ctl 0 limits --fields names,bogus && [ "$(lim)" = "$before" ]; then
	ok "limits: bad values are refused and change nothing"
else
	not_ok "limits: bad values ($(cat /tmp/ctl.err))"
fi
if ctl 0 limits --fields default --path-max 4096 --argv-max 32 &&
	lim | grep -q '"fields":\["names","paths","cwd","fds","argv"\],"path_max":4096,"argv_max":32,'; then
	ok "limits: back to the defaults"
else
	not_ok "limits: back to the defaults ($(lim))"
fi

# --- enable / disable -----------------------------------------------------
ctl 0 enable && [ "$(field recording)" = enabled ] &&
	ok "enable: status says enabled" || not_ok "enable"
ctl 0 disable && [ "$(field recording)" = disabled ] &&
	ok "disable: status says disabled" || not_ok "disable"

# --- select / deselect ----------------------------------------------------
ctl 0 deselect all && [ "$(sel x86_64)" = none ] && [ "$(sel i386)" = none ] &&
	[ "$(sel x32)" = none ] &&
	ok "deselect all: every ABI none" || not_ok "deselect all"
ctl 0 select getpid i386:getppid x32:getpid x86_64:257 &&
	[ "$(sel x86_64)" = "2 selected: getpid openat" ] &&
	[ "$(sel i386)" = "1 selected: getppid" ] &&
	[ "$(sel x32)" = "1 selected: getpid" ] &&
	ok "select by name, ABI:name and ABI:number" ||
	not_ok "select by name: x86_64 '$(sel x86_64)' i386 '$(sel i386)' x32 '$(sel x32)'"
ctl 0 deselect x86_64:getpid x32:getpid &&
	[ "$(sel x86_64)" = "1 selected: openat" ] &&
	[ "$(sel i386)" = "1 selected: getppid" ] && [ "$(sel x32)" = none ] &&
	ok "deselect by ABI:name leaves the rest" ||
	not_ok "deselect: x86_64 '$(sel x86_64)' i386 '$(sel i386)' x32 '$(sel x32)'"
ctl 0 select i386:all && [ "$(sel i386)" = all ] &&
	[ "$(sel x86_64)" = "1 selected: openat" ] &&
	ok "select ABI:all" || not_ok "select i386:all: '$(sel i386)'"
ctl 0 deselect i386:open && [ "$(sel i386)" = "1023 selected: all except open" ] &&
	ok "status lists what is not selected of a near-full set" ||
	not_ok "deselect i386:open: '$(sel i386)'"
ctl 0 select all && [ "$(sel x86_64)" = all ] && [ "$(sel x32)" = all ] &&
	ok "select all: every ABI" || not_ok "select all"
ctl 0 deselect all && ctl 0 select default &&
	sel x86_64 | grep -qw openat && sel x86_64 | grep -qw execve &&
	sel i386 | grep -qw mmap2 && ! sel x86_64 | grep -qw getpid &&
	ok "select default: the kernel's default set" ||
	not_ok "select default: '$(sel x86_64)'"
before=$(sclogctl status | grep '^  ')
if ctl 2 select getppid opne && grep -q "unknown system call 'opne' on x86_64 (did you mean 'open'?)" /tmp/ctl.err &&
   [ "$(sclogctl status | grep '^  ')" = "$before" ]; then
	ok "an unknown name: exit 2, message, nothing changed"
else
	not_ok "unknown name"
fi
if ctl 2 select x86_64:mmap2 && grep -q "it is a system call of i386: i386:mmap2" /tmp/ctl.err; then
	ok "a name of another ABI: exit 2, says which"
else
	not_ok "name of another ABI"
fi
if ctl 2 select i386:9999 && [ "$(sclogctl status | grep '^  ')" = "$before" ]; then
	ok "a number out of range: exit 2, nothing changed"
else
	not_ok "number out of range"
fi

# --- buffer ---------------------------------------------------------------
sclogctl disable
if ! drain; then
	not_ok "the buffers drain after disable"
fi
ctl 0 buffer --size 256K && [ "$(field buffer | cut -d' ' -f1)" = 256K ] &&
	ok "buffer --size while disabled and empty" ||
	not_ok "buffer --size 256K: '$(field buffer)'"
ctl 0 buffer --policy wait --wait-ms 250 &&
	[ "$(field buffer)" = "256K per CPU, policy wait, wait_ms 250" ] &&
	ok "buffer --policy and --wait-ms" || not_ok "buffer --policy: '$(field buffer)'"
ctl 0 buffer && [ "$(cat /tmp/ctl.out)" = "size 256K (262144 bytes) per CPU, policy wait, wait_ms 250" ] &&
	ok "buffer without options shows the settings" || not_ok "buffer"
sclogctl enable
if ctl 1 buffer --size 512K &&
   grep -q "run 'sclogctl disable' first and let the reader (sclogd) drain them" /tmp/ctl.err &&
   [ "$(field buffer | cut -d' ' -f1)" = 256K ]; then
	ok "buffer --size while enabled: EBUSY message, exit 1, unchanged"
else
	not_ok "buffer --size while enabled"
fi
ctl 0 buffer --policy drop && [ "$(field buffer)" = "256K per CPU, policy drop, wait_ms 250" ] &&
	ok "the policy changes while enabled" || not_ok "policy while enabled: '$(field buffer)'"
ctl 2 buffer --size 100K && grep -q "must be a power of two from 64K to 256M" /tmp/ctl.err &&
	ok "buffer --size not a power of two: exit 2" || not_ok "buffer --size 100K"

# --- an unprivileged user -------------------------------------------------
su -s /bin/sh user -c 'sclogctl status' >/tmp/ctl.out 2>/tmp/ctl.err
rc=$?
if [ $rc = 5 ] && grep -q 'need CAP_AUDIT_CONTROL (run as root)' /tmp/ctl.err; then
	ok "uid 1000: exit 5, need CAP_AUDIT_CONTROL"
else
	not_ok "uid 1000: exit $rc"
fi
su -s /bin/sh user -c 'sclogctl select all' >/tmp/ctl.out 2>/tmp/ctl.err
rc=$?
if [ $rc = 5 ] && [ "$(sel x86_64)" != all ]; then
	ok "uid 1000 cannot select"
else
	not_ok "uid 1000 select: exit $rc"
fi

# --- put things back --------------------------------------------------------
sclogctl disable
drain
restore_selection
sclogctl buffer --size "$size0" --policy "$policy0" --wait-ms "$wait0" 2>/tmp/ctl.err ||
	sed 's/^/# restore: /' /tmp/ctl.err
[ "$was_recording" = enabled ] && sclogctl enable
if [ "$(field recording)" = "$was_recording" ] && [ "$(sclogctl buffer)" = "$buffer0" ] &&
   [ "$(sel x86_64)" = "$sel0_x86_64" ] && [ "$(sel i386)" = "$sel0_i386" ] &&
   [ "$(sel x32)" = "$sel0_x32" ]; then
	ok "state restored"
else
	not_ok "state restored (recording $(field recording), buffer $(sclogctl buffer))"
fi
echo "1..$n"
exit $fail
