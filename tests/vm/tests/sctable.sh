#!/bin/sh
# Runs in the test VM: loads the sctable module (see
# tests/modules/sctable/sctable.c), relays its TAP, then checks every
# sys_call_table entry it reported against /proc/kallsyms.  Prints TAP.
set -u
# Only what the kernel logs from here on counts.
mark="sctable-test-$$-$(date +%s)"
echo "$mark" >/dev/kmsg
klog() { dmesg | sed -n "/$mark/,\$p"; }
echo 1 >/proc/sys/kernel/kptr_restrict	# root (CAP_SYSLOG) sees addresses
n=0 fail=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); fail=1; echo "not ok $n - $*"; }

if insmod /tests/sctable.ko 2>/tmp/insmod.err; then
	ok "sctable.ko loads"
else
	notok "sctable.ko loads: $(cat /tmp/insmod.err)"
fi
# Relay the module's own checks.
klog | sed -n 's/.*sctable: \(\(not \)\{0,1\}ok\) [0-9]* - /\1 /p' >/tmp/sctable.tap
[ -s /tmp/sctable.tap ] || notok "the module printed its checks"
while read -r verdict rest; do
	case $verdict in
	ok) ok "module: $rest" ;;
	*) notok "module: ${rest#ok }" ;;
	esac
done </tmp/sctable.tap

# Every entry's address must be that of the handler which the kernel's own
# syscall_64.tbl names for its number (__x64_ENTRY, or __x64_sys_ni_syscall
# for numbers with no 64-bit entry), as /proc/kallsyms gives it.
klog | sed -n 's/.*sctable: entry \([0-9]*\) \([0-9a-f]*\) .*$/\1 \2/p' >/tmp/entries
awk '$1 ~ /^[0-9]+$/ && ($2 == "common" || $2 == "64") && $4 != "" {
	print $1, "__x64_" $4 }' /tests/data/syscall_64.tbl >/tmp/want
awk '{ print $1, $3 }' /proc/kallsyms >/tmp/ksyms
total=$(wc -l </tmp/entries)
bad=$(awk '
	FILENAME == "/tmp/want" { want[$1] = $2; next }
	FILENAME == "/tmp/ksyms" { addrs[$2] = addrs[$2] " " $1 " "; next }
	{
		name = ($1 in want) ? want[$1] : "__x64_sys_ni_syscall"
		if (index(addrs[name], " " $2 " ") == 0) {
			printf "# entry %s: %s, but /proc/kallsyms has %s at%s\n", $1, $2, name, addrs[name] == "" ? " no address" : addrs[name]
			n++
		}
	}
	END { print n + 0 }' /tmp/want /tmp/ksyms /tmp/entries)
echo "$bad" | sed '$d'
bad=$(echo "$bad" | tail -n 1)
if [ "$total" -gt 400 ] && [ "$bad" = 0 ] && [ "$(wc -l </tmp/want)" -gt 300 ]; then
	ok "all $total entries are the handlers syscall_64.tbl names, at /proc/kallsyms addresses"
else
	notok "entries matching syscall_64.tbl and /proc/kallsyms: $((total - bad)) of $total"
fi
rmmod sctable && ok "sctable.ko unloads" || notok "sctable.ko unloads"
echo "1..$n"
exit $fail
