#!/bin/sh
# Runs in the test VM: the kernel's own x86 entry selftests, which guard
# the system call entry path that sclog hooks, each with sclog off, on with
# the default selection, and on with every system call selected.  They must
# pass the same in all three states.  Prints TAP.
n=0 fail=0
tests="syscall_numbering_64 sigreturn_64 sigreturn_32 test_syscall_vdso_32
ptrace_syscall_64 ptrace_syscall_32 syscall_arg_fault_64 syscall_arg_fault_32"
for state in off default all; do
	case $state in
	off) sclogcat -x ;;
	default) sclogcat -x && sclogcat -e -d -n >/dev/null ;;
	all) sclogcat -x && sclogcat -e -a -n >/dev/null ;;
	esac || { echo "Bail out! cannot set sclog to $state"; exit 1; }
	for t in $tests; do
		n=$((n + 1))
		if [ ! -x /tests/x86/$t ]; then
			fail=1
			echo "not ok $n - $t with sclog $state: not built"
			continue
		fi
		/tests/x86/$t >/tmp/x86.out 2>&1
		rc=$?
		if [ $rc = 0 ]; then
			echo "ok $n - $t with sclog $state"
		else
			fail=1
			echo "not ok $n - $t with sclog $state (status $rc)"
			grep -E 'FAIL|ERROR|fail' /tmp/x86.out | head -5 | sed 's/^/# /'
		fi
	done
done
sclogcat -x
echo "1..$n"
exit $fail
