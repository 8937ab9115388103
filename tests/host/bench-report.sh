#!/bin/sh
# The benchmark's host half, tests/bench/report, on inputs whose answers
# are known: a committed reference run (every table written, the chart
# drawn) and two small disassemblies of the system call path that differ
# by one instruction and by structure offsets (only the instruction
# counts).  Prints TAP.
REPO=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0 fail=0
ok() {	# DESCRIPTION COMMAND...
	desc=$1
	shift
	n=$((n + 1))
	if "$@" >"$T/out" 2>&1; then
		echo "ok $n - $desc"
	else
		fail=1
		echo "not ok $n - $desc"
		sed 's/^/# /' "$T/out"
	fi
}

# The newest committed reference measurements.
raw=$(ls "$REPO"/Documentation/benchmarks/*-raw.tsv 2>/dev/null | tail -n 1)

# Two kernels' hot paths: the second has one more instruction (a no-op)
# and other structure offsets and addresses, which must not count.
cat >"$T/base.s" <<'EOF'
ffffffff81000000 <do_syscall_64>:
ffffffff81000000:	endbr64
ffffffff81000004:	mov    0xa20(%r12),%eax
ffffffff8100000c:	jne    ffffffff81000040 <do_syscall_64+0x40>
ffffffff81000012:	call   ffffffff81002000 <x64_sys_call>

ffffffff81001000 <syscall_exit_to_user_mode>:
ffffffff81001000:	endbr64
ffffffff81001004:	ret
EOF
cat >"$T/ours.s" <<'EOF'
ffffffff81100000 <do_syscall_64>:
ffffffff81100000:	endbr64
ffffffff81100004:	mov    0xa60(%r12),%eax
ffffffff8110000c:	jne    ffffffff81100052 <do_syscall_64+0x52>
ffffffff81100012:	nopl   0x0(%rax,%rax,1)
ffffffff81100017:	call   ffffffff81102000 <x64_sys_call>

ffffffff81101000 <syscall_exit_to_user_mode>:
ffffffff81101000:	endbr64
ffffffff81101004:	ret
EOF

report() {
	python3 "$REPO/tests/bench/report" --raw "$raw" --out "$T/out-dir" \
		--hotpath "$T/ours.s" --hotpath-base "$T/base.s" "$@"
}

ok "report: reads the reference run $(basename "$raw")" report
md=$T/out-dir/results.md
for h in "## Ratios to recording off, same boot" "## Medians and ranges" \
	"## The kernel without sclog against sclog with recording off" \
	"## The system call path, instruction by instruction" \
	"## The collector under the storm" "## Targets"; do
	ok "results.md has \"$h\"" grep -qF "$h" "$md"
done
ok "results.md: a ratio row for off (1.00x) and for audit-all" \
	sh -c "grep -q '^| off | 1.00x |' '$md' && grep -q '^| audit-all | ' '$md'"
ok "hot path: one instruction added to do_syscall_64, offsets ignored" \
	grep -q '^| do_syscall_64 | 4 | 5 | 1 | 0 | 4 | 5 |$' "$md"
ok "hot path: syscall_exit_to_user_mode the same" \
	grep -q '^| syscall_exit_to_user_mode | 2 | 2 | 0 | 0 | 2 | 2 |$' "$md"
ok "hot path: the added instruction is listed" \
	grep -qxF '+ do_syscall_64: nopl N(%rax,%rax,1)' "$md"
printf 'sclog-2\tsched_clock_tick+0x7/0xd0\n' >"$T/retries"
ok "report --retries: the boots made again are listed" \
	sh -c "python3 '$REPO/tests/bench/report' --raw '$raw' --out '$T/retry-dir' --retries '$T/retries' &&
		grep -qF 'Boots made again after qemu' '$T/retry-dir/results.md' &&
		grep -qF 'sclog-2 (at sched_clock_tick+0x7/0xd0)' '$T/retry-dir/results.md'"
ok "report without retries says nothing of them" \
	sh -c "! grep -q 'Boots made again' '$md'"
ok "the chart is a PNG" sh -c "head -c 8 '$T/out-dir/ratios.png' | od -c | grep -q 'P   N   G'"
ok "shellcheck: tests/bench/bench-vm.sh" shellcheck "$REPO/tests/bench/bench-vm.sh"
echo "1..$n"
exit $fail
