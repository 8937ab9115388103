#!/bin/sh
# Runs in the test VM, as root: the rules scenarios sclog's first users
# wrote (syscalltrack's), through sclogctl upload and a running sclogd:
#   - log every fork of one pid;
#   - deny fork to one pid (it sees EAGAIN, another process forks fine);
#   - deny opening any file named "softice" with ENOENT (64-bit and i386);
#   - prevent_delete of /etc/passwd by uid 0, and with the rule order
#     reversed: logged, not prevented;
#   - log ptrace while strace runs, with a log_format;
#   - log unlink with log_format {%comm : %params delete by %euid --> %suid}
#     and find the line "rm" : "./dummy" delete by 0 --> 0;
#   - KILL and SUSPEND act before the call has any effect;
#   - download prints the rules back, and upload(download()) is identity;
#   - a bad rules file gets a located error and changes nothing.
# Prints TAP.

. /tests/lib.inc

T=/tmp/rules-e2e
W=/tests/bin/workload
W32=/tests/bin/workload32
rm -rf "$T"
mkdir -p "$T"
stop_boot_sclogd
sclogctl delete >/dev/null 2>&1
# Only what the rules log: nothing is selected.
sclogctl deselect all >/dev/null
check "sclogd starts" start_sclogd "$T/log"

# upload FILE: upload it, or say why not.
upload() {
	if sclogctl upload "$1" 2>"$T/upload.err"; then
		return 0
	fi
	sed 's/^/# /' "$T/upload.err"
	return 1
}

# held NAME: start a shell that writes its pid to $T/NAME.pid and waits for
# "go" on $T/NAME.go before it execs the rest of its arguments (so that a
# rule can name its pid before it runs); its output goes to $T/NAME.out.
held() {
	name=$1
	shift
	mkfifo "$T/$name.go"
	sh -c "echo \$\$ >$T/$name.pid; read x <$T/$name.go; exec \"\$@\"" \
		held "$@" >"$T/$name.out" 2>&1 &
	echo $! >"$T/$name.bg"
	while [ ! -s "$T/$name.pid" ]; do sleep 0.05; done
}
go() { echo go >"$T/$1.go"; }

# The log so far (sclogd flushes each batch).
log() { cat "$T"/log/*.log; }

# ---- log every fork of one pid; deny fork to another
held logged $W fork fork
held denied $W fork
held other $W fork
L=$(cat "$T/logged.pid") D=$(cat "$T/denied.pid")
cat >"$T/fork.rules" <<EOF
# syscalltrack's lab: watch one pid's forks, refuse another's.
rule {
	syscall_name = fork vfork clone clone3
	rule_name = deny_fork
	filter_expression { PID == $D }
	action { type = FAIL  error_code = -EAGAIN }
	when = before
}
rule {
	syscall_name = fork vfork clone clone3
	rule_name = log_fork
	filter_expression { PID == $L }
	action { type = LOG }
	when = after
}
EOF
check "upload the fork rules" upload "$T/fork.rules"
go logged
go denied
go other
wait "$(cat "$T/logged.bg")" "$(cat "$T/denied.bg")" "$(cat "$T/other.bg")"
sleep 0.5
check "the denied pid's fork fails with EAGAIN" grep -qx 'fork = -11' "$T/denied.out"
check "another process forks fine" grep -qE '^fork = [1-9][0-9]*$' "$T/other.out"
check "the logged pid forks fine (twice)" \
	sh -c "[ \$(grep -cE '^fork = [1-9][0-9]*\$' '$T/logged.out') = 2 ]"
sleep 0.3
check "both forks of the logged pid are in the log, under log_fork" \
	sh -c "[ \$(cat $T/log/*.log | grep \" pid=$L \" | grep -c 'rule=\"log_fork\"') = 2 ]"
check "the refused fork is in the log, under deny_fork, action=fail, EAGAIN" \
	sh -c "cat $T/log/*.log | grep \" pid=$D \" | grep 'rule=\"deny_fork\" action=fail' | grep -q ' = -11 EAGAIN'"
cat "$T"/log/*.log | grep -e 'rule="log_fork"' -e 'rule="deny_fork"' |
	grep -v -e " pid=$L " -e " pid=$D " >"$T/other-forks"
check "the rules logged or refused no fork of another pid" test ! -s "$T/other-forks"
sed 's/^/#   /' "$T/other-forks" | cut -c1-300 | head -5

# ---- deny opening any file named softice
echo secret >"$T/softice"
echo fine >"$T/other"
cat >"$T/softice.rules" <<'EOF'
rule {
	syscall_name = open openat openat2 creat
	rule_name = no_softice
	filter_expression { PATH glob "*/softice" }
	action { type = FAIL  error_code = ENOENT }
	when = before
}
EOF
check "upload the softice rule" upload "$T/softice.rules"
check "cat of softice fails" sh -c "! cat $T/softice 2>/dev/null"
check "64-bit open of softice gets ENOENT" \
	sh -c "$W open:$T/softice | grep -qx 'open = -2'"
check "i386 open of softice gets ENOENT" \
	sh -c "$W32 open:$T/softice | grep -qx 'open = -2'"
check "relative and dotted names are refused too" \
	sh -c "cd $T && $W open:./softice open:../rules-e2e/softice | grep -c ' = -2' | grep -qx 2"
check "another file opens" sh -c "cat $T/other | grep -qx fine"
sleep 0.5
check "the refusals are logged under no_softice" \
	sh -c "[ \$(cat $T/log/*.log | grep -c 'rule=\"no_softice\" action=fail') -ge 5 ]"

# ---- prevent_delete of /etc/passwd by uid 0, and the order reversed
cp /etc/passwd "$T/passwd.saved"
cat >"$T/prevent.rules" <<'EOF'
rule {
	syscall_name = unlink
	rule_name = prevent_delete
	filter_expression { PARAMS[1] == "/etc/passwd" && UID == 0 }
	action { type = FAIL  error_code = -1 }
	when = before
}
rule {
	syscall_name = unlink
	rule_name = unlink_rule1
	action { type = LOG  log_format {%comm : %params delete by %euid --> %suid} }
	when = before
}
EOF
check "upload prevent_delete, then the LOG rule" upload "$T/prevent.rules"
sh -c 'exec rm -f /etc/passwd' 2>"$T/rm.err"
check "rm -f /etc/passwd fails" test -f /etc/passwd
check "with EPERM" grep -q 'Operation not permitted' "$T/rm.err"
sleep 0.5
check "the refusal is logged under prevent_delete" \
	sh -c "cat $T/log/*.log | grep 'rule=\"prevent_delete\" action=fail' | grep -q ' = -1 EPERM'"
# Reversed: the LOG rule matches first, so the delete happens.
{ sed -n '8,$p' "$T/prevent.rules"; sed -n '1,7p' "$T/prevent.rules"; } >"$T/reversed.rules"
check "upload the reversed rules" upload "$T/reversed.rules"
sh -c 'exec rm -f /etc/passwd'
check "reversed: rm -f /etc/passwd deletes it" test ! -e /etc/passwd
cp "$T/passwd.saved" /etc/passwd
sleep 0.5
check "reversed: the delete is logged by unlink_rule1's format" \
	sh -c "cat $T/log/*.log | grep -qx '\"rm\" : \"/etc/passwd\" delete by 0 --> 0'"

# ---- log unlink with syscalltrack's format: "rm" : "./dummy" delete by 0 --> 0
# (exec: a busybox shell may run rm inside itself, as "sh")
(cd "$T" && touch ./dummy && exec rm ./dummy)
sleep 0.3
check "rm ./dummy is logged as syscalltrack printed it" \
	sh -c "cat $T/log/*.log | grep -qx '\"rm\" : \"./dummy\" delete by 0 --> 0'"

# ---- log ptrace while strace runs
cat >"$T/ptrace.rules" <<'EOF'
rule {
	syscall_name = ptrace
	rule_name = ptrace_rule1
	action {
		type = LOG
		log_format {%comm : %params issued ptrace by %euid --> %suid}
	}
	when = before
}
EOF
check "upload the ptrace rule" upload "$T/ptrace.rules"
if command -v strace >/dev/null; then
	check "strace runs" strace -o /dev/null /bin/true
	sleep 0.3
	check "its ptrace calls are logged by the rule's format" \
		sh -c "[ \$(cat $T/log/*.log | grep -c '^\"strace\" : .* issued ptrace by 0 --> 0\$') -ge 3 ]"
else
	nok "strace is in the VM"
fi

# ---- KILL and SUSPEND act before the call has any effect
cat >"$T/act.rules" <<EOF
rule {
	syscall_name = mkdir mkdirat
	rule_name = kill_mkdir
	filter_expression { PATH == "$T/killed" }
	action { type = KILL }
}
rule {
	syscall_name = mkdir mkdirat
	rule_name = hold_mkdir
	filter_expression { PATH in ("$T/held", "$T/never") }
	action { type = SUSPEND }
}
EOF
check "upload the KILL and SUSPEND rules" upload "$T/act.rules"
sh -c "exec mkdir $T/killed"
rc=$?
check "KILL: mkdir dies of SIGKILL (status $rc)" test "$rc" = 137
check "KILL: the directory was not made" test ! -e "$T/killed"
sh -c "exec mkdir $T/held" &
HP=$!
i=0
while ! grep -q '^State:.*T' "/proc/$HP/status" 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "SUSPEND: mkdir is stopped" grep -q '^State:.*T' "/proc/$HP/status"
sleep 0.3
check "SUSPEND: the directory is not made while it is stopped" test ! -e "$T/held"
kill -CONT "$HP"
wait "$HP"
check "SUSPEND: after SIGCONT, mkdir succeeds and makes it" test -d "$T/held"
sh -c "exec mkdir $T/never" &
HP=$!
i=0
while ! grep -q '^State:.*T' "/proc/$HP/status" 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -KILL "$HP"
wait "$HP" 2>/dev/null
check "SUSPEND then SIGKILL: the call never ran" test ! -e "$T/never"
sleep 0.5
check "KILL and SUSPEND are logged with their actions" \
	sh -c "cat $T/log/*.log | grep -q 'rule=\"kill_mkdir\" action=kill' && cat $T/log/*.log | grep -q 'rule=\"hold_mkdir\" action=suspend'"

# ---- download, and upload(download()) is identity
cat "$T/fork.rules" "$T/softice.rules" "$T/prevent.rules" "$T/act.rules" >"$T/all.rules"
check "upload all the rules" upload "$T/all.rules"
sclogctl download >"$T/down1.rules"
check "download prints them (every rule_name)" \
	sh -c "[ \$(grep -c 'rule_name' '$T/down1.rules') = 7 ]"
check "upload(download()) is identity" upload "$T/down1.rules"
sclogctl download >"$T/down2.rules"
check "... the second download is the first" cmp -s "$T/down1.rules" "$T/down2.rules"

# ---- a bad rules file: a located error, nothing uploaded
cat >"$T/bad.rules" <<'EOF'
rule {
	syscall_name = unlink
	rule_name = typo
	filter_expression { PARAMS[1] === "/etc/passwd" }
	action { type = LOG }
}
EOF
sclogctl upload "$T/bad.rules" >/dev/null 2>"$T/bad.err"
rc=$?
sed 's/^/# /' "$T/bad.err"
check "a bad rules file is refused (status $rc)" test "$rc" != 0
check "with file:line:column of the offending token" \
	grep -qE "^$T/bad.rules:4:[0-9]+: .*'='" "$T/bad.err"
sclogctl download >"$T/down3.rules"
check "the active rules are unchanged" cmp -s "$T/down1.rules" "$T/down3.rules"
check "sclogctl check finds the same error without a device" \
	sh -c "sclogctl check $T/bad.rules 2>&1 | grep -qE '^$T/bad.rules:4:'"
check "sclogctl check accepts a good file" sclogctl check "$T/all.rules"

check "sclogctl delete removes the rules" sclogctl delete
check "download prints nothing then" sh -c "[ -z \"\$(sclogctl download)\" ]"

stop_pid "$SPID"
sclogctl select default >/dev/null
check "sclogd exits 0 (no malformed record)" wait "$SPID"
[ $fail = 0 ] || { echo "# the log:"; log | grep -v '^#' | tail -40 | sed 's/^/#   /'; }
echo "1..$n"
exit $fail
