#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Tests of sclog(1): sclog search and sclog report on small log files written
# here (text, JSON Lines, gzip'd), each filter, the exit statuses, and the
# exact output on stdout and stderr; raw captures (sclogd --raw) against the
# text log sclogd writes from the same records; records that name rules
# (tests/fixtures/rules.bin): --rule, --action, the report's rule tables.
#
# Environment: SCLOG_BIN (directory with the sclog and sclogd binaries),
# SCLOG_TESTBIN (mkrecords), SCLOG_TESTTMP.  Prints TAP.

set -u

: "${SCLOG_BIN:?}" "${SCLOG_TESTTMP:?}"

SCLOG=$SCLOG_BIN/sclog
tmp=$SCLOG_TESTTMP/sclog
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
cd "$tmp" || exit 1

# User names come from this file, not the host's /etc/passwd.
cat >passwd <<'EOF'
root:x:0:0:root:/root:/bin/sh
alice:x:1000:1000::/home/alice:/bin/sh
bogus line
bob:x:notanumber:1::/:/bin/sh
EOF
SCLOG_PASSWD=$tmp/passwd
export SCLOG_PASSWD

. "$(dirname "$0")/tap.sh"

# check DESC RC ARGS...: runs sclog ARGS; stdout must equal the file want,
# stderr the file want.err (empty if absent), the exit status RC.
check() {
	desc=$1 rc=$2
	shift 2
	[ -e want.err ] || : >want.err
	"$SCLOG" "$@" >out 2>err </dev/null
	judge "$desc" "$rc" $?
}

# --- the logs -------------------------------------------------------------

L1='# sclogd 1 started at 2026-11-24T12:36:04Z on sclog-vm, kernel 6.12.117-sclog, /dev/sclog'
R1='2026-11-24T12:36:04.123456789Z cpu=0 seq=12 pid=123 tid=123 ppid=1 comm="cat" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=4211 arch=x86_64 nr=257 call=openat(AT_FDCWD, 0x7ffc0a1b2c30, O_RDONLY|O_CLOEXEC) = 3'
LOST='2026-11-24T12:36:05.000000000Z sclogd: lost 12 records on CPU 1 (seq 100-111)'
R2='2026-11-24T12:37:04.000000000Z cpu=1 seq=112 pid=124 tid=124 ppid=1 comm="ls" uid=1000 euid=1000 suid=1000 fsuid=1000 gid=1000 egid=1000 sgid=1000 fsgid=1000 auid=1000 ses=2 dur=99 arch=i386 nr=5 call=open(0x1000, O_RDONLY) = -2 ENOENT'
R3='2026-11-24T13:00:00.000000000Z cpu=0 seq=13 pid=125 tid=126 ppid=123 comm="a b\"c" uid=1000 euid=0 suid=0 fsuid=0 gid=1000 egid=1000 sgid=1000 fsgid=1000 auid=1000 ses=2 dur=10 arch=x86_64 nr=105 call=setuid(0) = -1 EPERM'
R4='2026-11-25T00:00:00.000000000Z cpu=1 seq=113 pid=125 tid=125 ppid=123 comm="sh" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=1000 ses=2 dur=0 arch=x86_64 nr=231 call=exit_group(0) = ?'
C2='# summary: 4 records'
printf '%s\n' "$L1" "$R1" "$LOST" "$R2" "$R3" "$R4" "$C2" >a.log

# JSON Lines
J1='{"seq":12,"cpu":0,"time":1795523764123456789,"pid":123,"tid":123,"ppid":1,"uid":0,"euid":0,"suid":0,"fsuid":0,"gid":0,"egid":0,"sgid":0,"fsgid":0,"auid":4294967295,"ses":4294967295,"comm":"cat","arch":"x86_64","nr":257,"syscall":"openat","args":[-100,140721428638768,524288],"ret":3,"dur":4211,"params":["AT_FDCWD","0x7ffc0a1b2c30","O_RDONLY|O_CLOEXEC"]}'
JL='{"lost":12,"cpu":1,"time":1795523765000000000,"first_seq":100}'
J2='{"seq":112,"cpu":1,"time":1795523824000000000,"pid":124,"tid":124,"ppid":1,"uid":1000,"euid":1000,"suid":1000,"fsuid":1000,"gid":1000,"egid":1000,"sgid":1000,"fsgid":1000,"auid":1000,"ses":2,"comm":"l\u00e9s","arch":"i386","nr":5,"syscall":"open","args":[4096,0],"ret":-2,"dur":99,"params":["0x1000","O_RDONLY"],"errno":"ENOENT"}'
JS='{"sclogd":"start","time":1795523764000000000,"host":"sclog-vm","kernel":"6.12.117-sclog","device":"/dev/sclog"}'
printf '%s\n' "$JS" "$J1" "$JL" "$J2" >b.json

# Records with paths (a later kernel patch adds them).
P1='2026-11-24T14:00:00.000000000Z cpu=0 seq=20 pid=300 tid=300 ppid=1 comm="vi" uid=1000 euid=1000 suid=1000 fsuid=1000 gid=1000 egid=1000 sgid=1000 fsgid=1000 auid=1000 ses=2 dur=10 arch=x86_64 nr=257 path="/etc/foobar" call=openat(AT_FDCWD, 0x1, O_WRONLY) = 3'
P2='2026-11-24T14:00:01.000000000Z cpu=0 seq=21 pid=301 tid=301 ppid=1 comm="mv" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=10 arch=x86_64 nr=82 path="/tmp/x" path="/etc/foo bar" call=rename(0x1, 0x2) = 0'
printf '%s\n' "$P1" "$P2" >paths.log

# --- search ---------------------------------------------------------------

printf '%s\n' "$R1" "$LOST" "$R2" "$R3" "$R4" >want
check "search without filters prints records and lost lines, not comments" 0 search a.log

printf '%s\n' "$LOST" "$R2" >want
check "--pid" 0 search --pid 124 a.log

printf '%s\n' "$R2" >want
check "--no-lost hides lost lines" 0 search --no-lost --pid 124 a.log

printf '%s\n' "$R1" "$LOST" "$R2" >want
check "--pid twice is an OR" 0 search --pid 123 --pid 124 a.log

printf '%s\n' "$LOST" >want
check "filters are ANDed; no match: exit 1, lost lines still shown" 1 search --pid 123 --uid 1000 a.log

printf '%s\n' "$LOST" "$R2" "$R3" >want
check "--uid by name (passwd file)" 0 search --uid alice a.log

printf '%s\n' "$R1" "$LOST" "$R4" >want
check "--uid by number" 0 search --uid 0 a.log

echo "sclog: --uid 'nosuchuser': no such user in $tmp/passwd" >want.err
: >want
check "--uid with an unknown name" 2 search --uid nosuchuser a.log

printf '%s\n' "$R1" "$LOST" >want
check "--comm" 0 search --comm cat a.log

printf '%s\n' "$LOST" "$R3" >want
check "--comm with a quote and a space" 0 search --comm 'a b"c' a.log

printf '%s\n' "$LOST" "$R2" "$R4" >want
check "--comm-glob" 0 search --comm-glob '[ls]?' a.log

printf '%s\n' "$LOST" "$R2" >want
check "--syscall NAME matches every ABI" 0 search --syscall open a.log

printf '%s\n' "$LOST" >want
check "--syscall ABI:NAME" 1 search --syscall x86_64:open a.log

printf '%s\n' "$LOST" "$R2" "$R4" >want
check "--syscall ABI:NR and OR" 0 search --syscall i386:5 --syscall x86_64:exit_group a.log

echo "sclog: --syscall 'opne': unknown system call" >want.err
: >want
check "--syscall with an unknown name" 2 search --syscall opne a.log

echo "sclog: --syscall 'x86_64:mmap2': unknown system call on x86_64" >want.err
: >want
check "--syscall with a name of another ABI" 2 search --syscall x86_64:mmap2 a.log

echo "sclog: --syscall '5': a number needs an ABI, e.g. x86_64:5" >want.err
: >want
check "--syscall number without ABI" 2 search --syscall 5 a.log

printf '%s\n' "$LOST" "$R2" "$R3" >want
check "--failed (not entry records)" 0 search --failed a.log

printf '%s\n' "$LOST" "$R3" >want
check "--errno NAME" 0 search --errno EPERM a.log

printf '%s\n' "$LOST" "$R2" "$R3" >want
check "--errno NUMBER and OR" 0 search --errno 2 --errno EPERM a.log

echo "sclog: --errno 'ENOPE': unknown errno name" >want.err
: >want
check "--errno with an unknown name" 2 search --errno ENOPE a.log

printf '%s\n' "$LOST" "$R2" >want
check "--since/--until ISO to the minute (until inclusive)" 0 \
	search --since '2026-11-24 12:36:05' --until '2026-11-24 12:37' a.log

printf '%s\n' "$R1" "$LOST" >want
check "--since/--until @SECONDS" 0 search --since @1795523764 --until @1795523765 a.log

printf '%s\n' "$R1" "$LOST" "$R2" "$R3" >want
check "--until a date covers the whole day" 0 search --until 2026-11-24 a.log

printf '%s\n' "$R4" >want
check "--since with T and fraction" 0 search --since 2026-11-24T13:00:00.000000001Z a.log

echo "sclog: --since '2026-11-31': expected YYYY-MM-DD[ HH:MM[:SS]] (UTC), @SECONDS or -N[smhd]" >want.err
: >want
check "--since with an invalid date" 2 search --since 2026-11-31 a.log

echo "sclog: --since is not before --until: nothing can match" >want.err
: >want
check "--since after --until" 2 search --since 2026-11-25 --until 2026-11-24 a.log

now=$(date -u +%Y-%m-%dT%H:%M:%S)
RN="$now.000000000Z cpu=0 seq=1 pid=1 tid=1 ppid=0 comm=\"init\" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=1 arch=x86_64 nr=59 call=execve(0x1, 0x2, 0x3) = 0"
RO='2020-01-01T00:00:00.000000000Z cpu=0 seq=1 pid=1 tid=1 ppid=0 comm="init" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=1 arch=x86_64 nr=59 call=execve(0x1, 0x2, 0x3) = 0'
printf '%s\n' "$RO" "$RN" >now.log
printf '%s\n' "$RN" >want
check "--since relative (-1d)" 0 search --since -1d now.log
printf '%s\n' "$RO" >want
check "--until relative (-2h)" 0 search --until -2h now.log

printf '%s\n' "$P1" >want
check "--path exact" 0 search --path /etc/foobar paths.log

printf '%s\n' "$P1" "$P2" >want
check "--path glob (* matches /)" 0 search --path '/etc/foo*' paths.log

printf '%s\n' "$P2" >want
check "--path OR, second path of a record" 0 search --path /nope --path /tmp/x paths.log

printf '%s\n' "$LOST" >want
echo "sclog: note: the log holds no paths (the kernel that wrote it does not record them, or 'sclogctl limits' turned them off): --path matched nothing" >want.err
check "--path on a log without paths: note on stderr, exit 1" 1 search --path /etc/foobar a.log

# Names, paths, descriptors and argv, as sclogd writes them from records
# (text, JSON) and as raw captures.
if [ -x "${SCLOG_TESTBIN:-}/mkrecords" ] && [ -x "$SCLOG_BIN/sclogd" ]; then
	"$SCLOG_TESTBIN/mkrecords" >f.raw <<'EOF'
cpu=0 seq=1 pid=401 tid=401 nr=257 field=1@1:passwd field=2@1:/etc/passwd field=3:/etc
cpu=0 seq=2 pid=402 tid=402 nr=2 ret=-2 field=1@0:no\x20such field=3:/home/u
cpu=0 seq=3 pid=403 tid=403 nr=1 args=3,0x10,1 ret=1 field=4@0+2:/var/log/app.log
cpu=0 seq=4 pid=404 tid=404 nr=59 ret=0 field=1@0:/bin/sh field=2@0:/usr/bin/dash field=5:sh\x00-c\x00echo\x20/etc/passwd\x00
cpu=0 seq=5 pid=405 tid=405 nr=87 ret=-13 field=1@0:/etc/shadow
cpu=0 seq=6 pid=406 tid=406 nr=2 ret=-2 field=1@0:rel
cpu=0 seq=7 pid=407 tid=407 nr=57 ret=5
EOF
	"$SCLOG_BIN/sclogd" -D f.raw -o - 2>/dev/null | grep -v '^#' >f.log
	"$SCLOG_BIN/sclogd" -D f.raw -o - --json 2>/dev/null | grep '^{"seq"' >f.json
	# pathsearch DESC RC PIDS -- ARGS: search each form for ARGS; the
	# records of PIDS (space-separated) must be printed.
	pathsearch() {
		desc=$1 rc=$2 pids=$3
		shift 4
		for f in f.log f.json f.raw; do
			src=$f
			[ $f = f.raw ] && src=f.log
			: >want
			for p in $pids; do
				grep -e " pid=$p " -e "\"pid\":$p," "$src" >>want
			done
			check "$desc ($f)" "$rc" search "$@" "$f"
		done
	}
	pathsearch "--path: the resolved path of a relative name" 0 401 -- --path /etc/passwd
	pathsearch "--path: a failed relative name, joined to the cwd" 0 402 -- --path '/home/u/no such'
	pathsearch "--path: a descriptor's path" 0 403 -- --path /var/log/app.log
	pathsearch "--path DIR/: the files under it" 0 "401 405" -- --path /etc/
	pathsearch "--path DIR/: a descriptor under it" 0 403 -- --path /var/log/
	pathsearch "--path DIR (no /): exact only" 1 "" -- --path /etc
	pathsearch "--path GLOB/: the files under the matching directories" 0 "401 403 405" -- --path '/[ev]*/'
	pathsearch "--path: the resolved path of execve, not its name or argv" 0 404 -- --path /usr/bin/dash
	pathsearch "--path: a name that resolved is not matched" 1 "" -- --path /bin/sh
	pathsearch "--path /: every absolute path" 0 "401 402 403 404 405" -- --path /
	pathsearch "--path: a relative name without a cwd gives no path" 1 "" -- --path rel
else
	for t in 1 2 3 4 5 6 7 8 9 10 11; do
		n=$((n + 3))
		echo "ok $((n - 2)) - paths # SKIP needs SCLOG_TESTBIN/mkrecords and sclogd"
		echo "ok $((n - 1)) - paths # SKIP needs SCLOG_TESTBIN/mkrecords and sclogd"
		echo "ok $n - paths # SKIP needs SCLOG_TESTBIN/mkrecords and sclogd"
	done
fi

# JSON Lines
printf '%s\n' "$J1" "$JL" "$J2" >want
check "JSON Lines: printed verbatim, start object skipped" 0 search b.json

printf '%s\n' "$JL" "$J2" >want
check "JSON Lines: --comm with a byte >= 0x80" 0 search --comm "$(printf 'l\351s')" b.json

printf '%s\n' "$J1" "$JL" >want
check "JSON Lines: --since/--until" 0 search --since '2026-11-24 12:36' --until '2026-11-24 12:36' b.json

# Several files, gzip, stdin, -d
gzip -c a.log >a.log.gz
printf '%s\n' "$R2" >want
check "gzip'd file" 0 search --no-lost --pid 124 a.log.gz

# A cut gzip file (here without its 8-byte trailer) is an error, not EOF.
head -c $(($(wc -c <a.log.gz) - 8)) a.log.gz >cut.log.gz
printf '%s\n' "$R2" >want
echo "sclog: cut.log.gz: unexpected end of file (truncated gzip data)" >want.err
check "truncated gzip'd file" 2 search --no-lost --pid 124 cut.log.gz

printf '%s\n' "$R1" "$J1" >want
"$SCLOG" search --pid 123 --no-lost a.log - <b.json >out 2>err
rc=$?
if [ $rc = 0 ] && cmp -s want out && [ ! -s err ]; then
	ok "several files and - for standard input, in the order given"
else
	diff -u want out >diff
	not_ok "several files and - for standard input (exit $rc)" diff err
fi
rm -f want

mkdir d
printf '%s\n' "$R2" >d/1000.log
printf '%s\n' "$R1" >d/900.log
printf '%s\n' "$R3" | gzip -c >d/1100.log.gz
printf '%s\n' "$R4" >d/900.log.1
printf '%s\n' "$RO" | gzip -c >d/900.log.2.gz
printf '%s\n' "$R4" >d/ignored.txt
printf '%s\n' "$R4" >d/900.login
printf '%s\n' "$RO" "$R4" "$R1" "$R2" "$R3" >want
check "-d DIR: *.log, rotated and gzip'd ones, in time order" 0 search -d d

mkdir empty
echo "sclog: empty: no *.log or *.raw files" >want.err
: >want
check "-d DIR without logs" 2 search -d empty

# Bad input
printf '%s\n' "$R1" 'garbage' "$R2" '{"seq":1}' '' >bad.log
printf '%s\n' "$R1" "$R2" >want
cat >want.err <<EOF
sclog: bad.log:2: line does not start with a time (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ) and a space
sclog: bad.log:4: "time" missing or not a non-negative integer
sclog: bad.log:5: empty line
sclog: 3 lines were not log lines
EOF
check "lines of neither format: reported, exit 2" 2 search bad.log

for i in 1 2 3 4 5 6 7; do echo "x$i"; done >bad7.log
: >want
cat >want.err <<EOF
sclog: bad7.log:1: line does not start with a time (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ) and a space
sclog: bad7.log:2: line does not start with a time (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ) and a space
sclog: bad7.log:3: line does not start with a time (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ) and a space
sclog: bad7.log:4: line does not start with a time (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ) and a space
sclog: bad7.log:5: line does not start with a time (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ) and a space
sclog: 7 lines were not log lines (first 5 shown)
EOF
check "only the first 5 bad lines are shown" 2 search bad7.log

printf '%s' "$R1" >nonl.log
printf '%s\n' "$R1" >want
check "a last line without newline" 0 search nonl.log

echo "sclog: nonexistent.log: No such file or directory" >want.err
printf '%s\n' "$R1" >want
check "an unreadable file: the others are read, exit 2" 2 search --pid 123 --no-lost nonexistent.log a.log

# --- raw captures (sclogd --raw) ------------------------------------------

if [ -x "${SCLOG_TESTBIN:-}/mkrecords" ] && [ -x "$SCLOG_BIN/sclogd" ]; then
	mk=$SCLOG_TESTBIN/mkrecords
	# Two CPUs, a gap of 3 on CPU 1, a record of an unknown type, a
	# failed call, a comm to escape.
	"$mk" >r.raw <<'EOF'
cpu=0 seq=10 time=1795782964000000001 pid=123 tid=123 comm=cat nr=257 args=0xffffffffffffff9c,0x7ffc0a1b2c30,0x80000 ret=3 dur=4211
cpu=1 seq=100 time=1795782964000000002 pid=124 tid=125 uid=1000 euid=1000 comm=sh nr=59 args=0x1000,0x2000,0x3000 ret=0
cpu=0 seq=11 time=1795782964000000003 comm=cat nr=2 args=0x1000,0x0,0x0 ret=-2
cpu=0 seq=12 time=1795782964000000004 type=9
cpu=1 seq=104 time=1795782965000000000 comm=a"b\x1b nr=257 args=0xffffffffffffff9c,0x10,0x241,0x1a4 ret=4
cpu=0 seq=13 time=1795782965000000001 abi=i386 nr=1 flags=3 comm=sh args=0x0 dur=0
EOF
	# The text log sclogd writes from the same records.
	"$SCLOG_BIN/sclogd" -D r.raw -o - >r.log 2>/dev/null
	grep -v '^#' r.log >want
	if [ "$(grep -c ' seq=' want)" = 5 ] &&
	   grep -qx '2026-11-27T12:36:05.000000000Z sclogd: lost 3 records on CPU 1 (seq 101-103)' want; then
		ok "raw: the text log to compare with has 5 records and the lost line"
	else
		not_ok "raw: the text log" r.log
	fi
	check "raw: search prints the text log's record and lost lines" 0 search r.raw

	"$SCLOG" search --syscall openat --no-lost r.log >want 2>/dev/null
	check "raw: filters as on the text log" 0 search --syscall openat --no-lost r.raw
	"$SCLOG" search --failed r.log >want 2>/dev/null
	check "raw: --failed as on the text log" 0 search --failed r.raw
	"$SCLOG" report r.log >want 2>/dev/null
	check "raw: report as on the text log" 0 report r.raw

	: >want
	check "raw: no match, exit 1" 1 search --pid 999 --no-lost r.raw

	gzip -c r.raw >r.raw.gz
	grep -v '^#' r.log >want
	check "raw: .raw.gz" 0 search r.raw.gz

	# The log directory: text logs and raw captures, rotated and gzip'd,
	# in time order (sequence gaps are looked for within each file).
	mkdir rd
	printf '%s\n' "$R1" >rd/1795782000.log
	head -c 368 r.raw >rd/1795782964.raw.1
	tail -c +369 r.raw | gzip -c >rd/1795782964.raw.gz
	printf '%s\n' "$R4" >rd/1795783000.log
	{
		echo "$R1"
		grep -v '^#' r.log | grep -v 'sclogd: lost'
		echo "$R4"
	} >want
	check "raw: -d DIR: *.raw, rotated and gzip'd, with the logs in time order" 0 search -d rd

	# Broken captures: the file and the offset, exit 2.
	head -c 300 r.raw >trunc.raw
	sed -n 2p r.log >want
	echo "sclog: trunc.raw: truncated record at offset 184: the file ends 116 bytes into it" >want.err
	check "raw: truncated capture: exit 2" 2 search trunc.raw
	"$mk" "cpu=0 seq=1 pid=7" "cpu=0 seq=2 version=2" "cpu=0 seq=3" >bad.raw
	"$SCLOG_BIN/sclogd" -D bad.raw -o - 2>/dev/null | grep ' seq=1 ' >want
	echo "sclog: bad.raw: malformed record at offset 184: unsupported record version" >want.err
	check "raw: malformed record: exit 2" 2 search bad.raw
	head -c 12 r.raw.gz >cut.raw.gz
	: >want
	echo "sclog: cut.raw.gz: unexpected end of file (truncated gzip data)" >want.err
	check "raw: truncated gzip: exit 2" 2 search cut.raw.gz
	printf 'x' >odd.raw
	: >want
	echo "sclog: odd.raw: truncated record at offset 0: the file ends 1 bytes into it" >want.err
	check "raw: a file shorter than a record: exit 2" 2 search odd.raw
else
	for t in 1 2 3 4 5 6 7 8 9 10 11 12; do
		n=$((n + 1))
		echo "ok $n - raw captures # SKIP needs SCLOG_TESTBIN/mkrecords and sclogd"
	done
fi

# --- rules -----------------------------------------------------------------

if [ -x "${SCLOG_TESTBIN:-}/mkrecords" ] && [ -x "$SCLOG_BIN/sclogd" ]; then
	fx=$(cd "$(dirname "$0")" && pwd)/fixtures
	cp "$fx/rules.bin" rules.raw
	# A text log (where the rules' log formats replace two lines), JSON.
	"$SCLOG_BIN/sclogd" -D rules.raw -o - >rules.log 2>/dev/null
	"$SCLOG_BIN/sclogd" -D rules.raw -o - --json 2>/dev/null >rules.json
	# rrec SEQ FORMAT: the line of the record of seq SEQ
	rrec() {
		case $2 in
		json) grep "^{\"seq\":$1," rules.json ;;
		log) grep " seq=$1 " rules.log ;;
		raw) printf '%s\n' "$RAWLINES" | grep " seq=$1 " ;;
		esac
	}
	# A capture's records are read as the default text lines, also those
	# of rules with a log format: all of them can be searched.
	RAWLINES=$(printf '%s\n' \
		'2026-11-27T12:36:04.000000001Z cpu=0 seq=1 pid=200 tid=200 ppid=1 comm="rm" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=1000 arch=x86_64 nr=87 cwd="/root" name="./dummy" path="/root/dummy" rule="rm-log" call=unlink(0x7ffd1000) = 0' \
		"$(grep ' seq=2 ' rules.log)" "$(grep ' seq=7 ' rules.log)" \
		'2026-11-27T12:36:04.000000004Z cpu=0 seq=3 pid=203 tid=203 ppid=1 comm="cat" uid=0 euid=0 suid=0 fsuid=0 gid=0 egid=0 sgid=0 fsgid=0 auid=unset ses=unset dur=1000 arch=x86_64 nr=257 name="/etc/shadow" path="/etc/shadow" watch=1 rule="watch-susp" action=suspend call=openat(AT_FDCWD, 0x10, O_RDONLY, 0) = 3' \
		"$(grep ' seq=4 ' rules.log)")
	# rulesearch DESC RC "SEQS" ARGS...: on the JSON log and the capture,
	# the records of SEQS (in file order) are printed.
	rulesearch() {
		desc=$1 rc=$2 seqs=$3
		shift 3
		for f in json raw; do
			: >want
			for s in 1 2 7 3 4; do
				case " $seqs " in
				*" $s "*) rrec $s $f >>want ;;
				esac
			done
			check "$desc ($f)" "$rc" search "$@" rules.$f
		done
	}
	rulesearch "--rule" 0 "2" --rule no-rm
	rulesearch "--rule of a rule with a log format" 0 "1" --rule rm-log
	rulesearch "--rule twice is an OR" 0 "1 3" --rule rm-log --rule watch-susp
	rulesearch "--rule: no such rule, exit 1" 1 "" --rule nope
	rulesearch "--action fail" 0 "2" --action fail
	rulesearch "--action log" 0 "1" --action log
	rulesearch "--action twice is an OR" 0 "7 3" --action kill --action suspend
	rulesearch "--rule and --action are ANDed" 1 "" --rule no-rm --action kill
	rulesearch "--action with other filters" 0 "2" --action fail --uid 1000
	rulesearch "records without a rule: filters without --rule" 0 "4" --syscall close

	# In the text log, the lines of log formats are not log lines: the
	# other records are found, those lines reported, exit 2.
	grep ' seq=2 ' rules.log >want
	cat >want.err <<'EOF'
sclog: rules.log:2: line does not start with a time (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ) and a space
sclog: rules.log:5: line does not start with a time (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ) and a space
sclog: 2 lines were not log lines
EOF
	check "text log: lines of rule log formats cannot be searched: reported, exit 2" 2 search --rule no-rm rules.log

	cat >want <<'EOF'
summary: 5 records (2 failed) from 2026-11-27T12:36:04.000000001Z to 2026-11-27T12:36:04.000000005Z, 0 lost
records by syscall:
           2  x86_64:unlink (1 failed)
           1  x86_64:close
           1  x86_64:execve (1 failed)
           1  x86_64:openat
records by uid:
           4  0
           1  1000
records by comm:
           2  "cat"
           2  "rm"
           1  "sh"
records by rule:
           1  exec-kill (kill)
           1  no-rm (fail)
           1  rm-log (log)
           1  watch-susp (suspend)
records by rule action:
           1  log
           1  fail
           1  kill
           1  suspend
lost records by CPU: none
failed calls by errno:
           2  EPERM (1)
user names:
           0  root
        1000  alice
EOF
	cp want want.json
	check "report: records by rule and by action (capture)" 0 report rules.raw
	cp want.json want
	check "report: records by rule and by action (JSON)" 0 report rules.json
	cat >want <<'EOF'
summary: 1 records (1 failed) from 2026-11-27T12:36:04.000000002Z to 2026-11-27T12:36:04.000000002Z, 0 lost
records by syscall:
           1  x86_64:unlink (1 failed)
records by uid:
           1  1000
records by comm:
           1  "rm"
records by rule:
           1  no-rm (fail)
records by rule action:
           1  fail
lost records by CPU: none
failed calls by errno:
           1  EPERM (1)
user names:
        1000  alice
EOF
	check "report --action" 0 report --action fail rules.raw
	"$SCLOG" report --json rules.raw >out 2>err
	if python3 -c 'import json,sys
s = json.load(open(sys.argv[1]))["summary"]
assert [r["rule"] for r in s["by_rule"]] == ["exec-kill", "no-rm", "rm-log", "watch-susp"], s
assert s["by_action"] == {"log": 1, "fail": 1, "kill": 1, "suspend": 1}, s' out 2>err; then
		ok "report --json: by_rule and by_action"
	else
		not_ok "report --json with rules" err out
	fi
	# Without rules, no rule tables (the report tests below).
else
	for t in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
		n=$((n + 1))
		echo "ok $n - rules # SKIP needs SCLOG_TESTBIN/mkrecords and sclogd"
	done
fi
rm -f want want.err

echo "sclog: --rule 'a b': a rule name has 1 to 64 bytes of printable ASCII without spaces" >want.err
: >want
check "--rule with a space" 2 search --rule 'a b' a.log
echo "sclog: --rule '': a rule name has 1 to 64 bytes of printable ASCII without spaces" >want.err
: >want
check "--rule empty" 2 search --rule '' a.log
long=0123456789012345678901234567890123456789012345678901234567890123x
echo "sclog: --rule '$long': a rule name has 1 to 64 bytes of printable ASCII without spaces" >want.err
: >want
check "--rule of 65 bytes" 2 search --rule "$long" a.log
echo "sclog: --action 'ignore': expected log, fail, kill or suspend" >want.err
: >want
check "--action ignore (never in a log)" 2 search --action ignore a.log
: >want
printf '%s\n' "$LOST" >want
check "--action on a log without rules: nothing matches" 1 search --action log a.log

# Usage
"$SCLOG" >out 2>err
rc=$?
if [ $rc = 2 ] && [ ! -s out ] && grep -q '^usage: sclog search' err; then
	ok "no command: usage, exit 2"
else
	not_ok "no command: exit $rc" err
fi
"$SCLOG" search --bogus a.log >out 2>err
rc=$?
if [ $rc = 2 ] && [ ! -s out ] && grep -q "unrecognized option '--bogus'" err; then
	ok "unknown option: exit 2"
else
	not_ok "unknown option: exit $rc" err
fi
echo "sclog: --pid 'x1': expected a process id" >want.err
: >want
check "--pid not a number" 2 search --pid x1 a.log
echo "sclog: --top is an option of sclog report" >want.err
: >want
check "--top with search" 2 search --top 3 a.log
printf "sclog: unknown command 'serch'\n" >want.err
"$SCLOG" serch a.log >out 2>err
rc=$?
if [ $rc = 2 ] && [ "$(head -n 1 err)" = "sclog: unknown command 'serch'" ]; then
	ok "unknown command: exit 2"
else
	not_ok "unknown command: exit $rc" err
fi
rm -f want.err

# --- report ---------------------------------------------------------------

cat >want <<'EOF'
summary: 4 records (2 failed) from 2026-11-24T12:36:04.123456789Z to 2026-11-25T00:00:00.000000000Z, 12 lost
records by syscall:
           1  i386:open (1 failed)
           1  x86_64:exit_group
           1  x86_64:openat
           1  x86_64:setuid (1 failed)
records by uid:
           2  0
           2  1000
records by comm:
           1  "a b\"c"
           1  "cat"
           1  "ls"
           1  "sh"
lost records by CPU:
          12  1
failed calls by errno:
           1  ENOENT (2)
           1  EPERM (1)
user names:
           0  root
        1000  alice
EOF
check "report" 0 report a.log

cat >want <<'EOF'
summary: 2 records (2 failed) from 2026-11-24T12:37:04.000000000Z to 2026-11-24T13:00:00.000000000Z, 12 lost
records by syscall:
           1  i386:open (1 failed)
           1  (1 more) (1 failed)
records by uid:
           2  1000
records by comm:
           1  "a b\"c"
           1  (1 more)
lost records by CPU:
          12  1
failed calls by errno:
           1  ENOENT (2)
           1  (1 more)
user names:
        1000  alice
EOF
check "report with filters and --top" 0 report --uid 1000 --top 1 a.log

cat >want <<'EOF'
summary: 0 records (0 failed), 0 lost
records by syscall: none
records by uid: none
records by comm: none
lost records by CPU: none
failed calls by errno: none
user names: none known
EOF
check "report with nothing matching (exit 0)" 0 report --no-lost --pid 999 a.log

cat >want <<'EOF'
{"summary":{"records":2,"failed":2,"first_time":1795523824000000000,"last_time":1795525200000000000,"lost_records":12,"by_syscall":{"i386:open":{"records":1,"failed":1},"x86_64:setuid":{"records":1,"failed":1}},"by_syscall_other":{"records":0,"failed":0},"by_uid":{"1000":2},"by_uid_other":0,"by_comm":{"a b\"c":1,"ls":1},"by_comm_other":0,"lost_by_cpu":{"1":12},"lost_by_cpu_other":0},"failed_by_errno":{"ENOENT":1,"EPERM":1},"user_names":{"1000":"alice"}}
EOF
check "report --json: one object with the summary, errnos and user names" 0 report --json --uid 1000 a.log
"$SCLOG" report --json --uid 1000 a.log >out 2>/dev/null
if python3 -c 'import json, sys; json.load(open(sys.argv[1]))' out 2>err; then
	ok "report --json: the output parses as JSON (python3)"
else
	not_ok "report --json: not valid JSON" err
fi
echo "sclog: --json is an option of sclog report" >want.err
: >want
check "search --json is refused" 2 search --json a.log

echo "sclog: --top '0': expected a positive number" >want.err
: >want
check "report --top 0" 2 report --top 0 a.log

echo "1..$n"
