#!/bin/sh
# The files userland/dist/ ships work with the tools they are for:
#  - sclogd.service passes systemd-analyze verify;
#  - sclogd.logrotate, run by logrotate against a running sclogd (paths
#    moved into a temporary directory), rotates the log, and sclogd's
#    SIGHUP reopen puts the next records into a new file at the old path.
# usage: dist.sh SCLOGD MKRECORDS WORKDIR   (the programs to use; WORKDIR is
# emptied).  Prints TAP.
set -u
REPO=$(cd "$(dirname "$0")/../.." && pwd)
[ $# = 3 ] || { echo "usage: dist.sh SCLOGD MKRECORDS WORKDIR" >&2; exit 2; }
SCLOGD=$1 MKREC=$2 T=$3
for p in "$SCLOGD" "$MKREC"; do
	[ -x "$p" ] || { echo "Bail out! $p is not an executable"; exit 1; }
done
# Absolute paths: they go into the unit and the logrotate configuration.
SCLOGD=$(realpath "$SCLOGD") MKREC=$(realpath "$MKREC")
mkdir -p "$T" && T=$(realpath "$T") || exit 1
rm -rf "$T" && mkdir -p "$T" || exit 1
n=0 fail=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
nok() { n=$((n + 1)); fail=1; echo "not ok $n - $*"; }

# --- the systemd unit ------------------------------------------------------
sed "s|/usr/sbin/sclogd|$SCLOGD|" "$REPO/userland/dist/sclogd.service" >"$T/sclogd.service"
if out=$(systemd-analyze verify --man=no "$T/sclogd.service" 2>&1) && [ -z "$out" ]; then
	ok "systemd-analyze verify: sclogd.service is clean"
else
	nok "systemd-analyze verify: sclogd.service"
	echo "$out" | sed 's/^/# /'
fi

# --- logrotate against a running sclogd --------------------------------------
mkdir -p "$T/log" && chmod 0700 "$T/log"
mkfifo "$T/in" "$T/ready"
# Hold the input open (read-write: opening a FIFO so never blocks); sclogd
# runs until it is closed.
exec 4<>"$T/in"
"$SCLOGD" -D "$T/in" -d "$T/log" -p "$T/pid" --ready-fd 3 3>"$T/ready" 4>&- 2>"$T/err" &
spid=$!
read -r _ <"$T/ready"
"$MKREC" "pid=111 tid=111" >&4
sleep 0.5
set -- "$T"/log/*.log
log=$1
sed -e "s|/var/log/sclog|$T/log|" -e "s|/run/sclogd.pid|$T/pid|" \
	"$REPO/userland/dist/sclogd.logrotate" >"$T/logrotate.conf"
chmod 0644 "$T/logrotate.conf"
if logrotate -f -s "$T/state" "$T/logrotate.conf" 2>"$T/logrotate.err"; then
	ok "logrotate -f runs the snippet"
else
	nok "logrotate -f runs the snippet"
	sed 's/^/# /' "$T/logrotate.err"
fi
sleep 0.5
"$MKREC" "pid=222 tid=222" >&4
sleep 0.5
if [ -f "$log.1" ] && grep -q 'pid=111 ' "$log.1"; then
	ok "the log was rotated to $(basename "$log").1 with the first record"
else
	nok "the log was rotated to .1"
	ls -l "$T/log" | sed 's/^/# /'
fi
if grep -q 'pid=222 ' "$log" 2>/dev/null && ! grep -q 'pid=222 ' "$log.1"; then
	ok "after the postrotate SIGHUP, new records go to a new $(basename "$log")"
else
	nok "new records go to a new file at the old path"
	ls -l "$T/log" | sed 's/^/# /'
fi
if [ "$(stat -c %a "$log" 2>/dev/null)" = 600 ]; then
	ok "the new file is mode 0600"
else
	nok "the new file is mode 0600"
fi
exec 4>&-
wait "$spid"
rc=$?
[ $rc = 0 ] && ok "sclogd exits 0 at the end of its input" || nok "sclogd exit status $rc"
echo "1..$n"
exit $fail
