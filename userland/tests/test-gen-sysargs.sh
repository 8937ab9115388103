#!/bin/sh
# Tests of tools/gen-sysargs on the kernel tree: the generator must find the
# prototype of (nearly) every implemented syscall of each ABI.  The number
# missed per ABI is printed; a miss of a syscall in sclog's default set (the
# admin guide, patches/400) fails, and so does missing more than MAX_MISSES
# of one ABI.  Also checks a few generated descriptors and error handling.
#
# Environment: KSRC, SCLOG_GEN_SYSARGS, SCLOG_SYSARGS_SRCS (the prototype
# sources, as the Makefile passes them), SCLOG_TESTTMP.  Prints TAP.

set -u

: "${KSRC:?}" "${SCLOG_GEN_SYSARGS:?}" "${SCLOG_SYSARGS_SRCS:?}" "${SCLOG_TESTTMP:?}"

MAX_MISSES=10
tbl=$KSRC/arch/x86/entry/syscalls
tmp=$SCLOG_TESTTMP/gen-sysargs
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1

# The default set of Documentation/admin-guide/sclog.rst, on every ABI
# where the table has the name.
DEFAULT_SET="fork vfork clone clone3 open openat openat2 creat execve execveat
mount umount umount2 open_tree move_mount fsopen fsconfig fsmount fspick
mount_setattr access faccessat faccessat2 readlink readlinkat mmap mmap2
mremap ioperm iopl setuid setreuid setresuid setfsuid setgid setregid
setresgid setfsgid setuid32 setreuid32 setresuid32 setfsuid32 setgid32
setregid32 setresgid32 setfsgid32 pread64 preadv preadv2 readv fsync
fdatasync"

. "$(dirname "$0")/tap.sh"

# shellcheck disable=SC2086
if sh "$SCLOG_GEN_SYSARGS" --missing "$tbl/syscall_64.tbl" "$tbl/syscall_32.tbl" \
	$SCLOG_SYSARGS_SRCS >"$tmp/missing" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then
	ok "--missing ran"
else
	not_ok "--missing failed" "$tmp/err"
fi

for abi in x86_64 i386 x32; do
	miss=$(awk -v a="$abi" '$1 == a' "$tmp/missing" | wc -l)
	echo "# $abi: $miss implemented syscalls without a prototype:" \
	     "$(awk -v a="$abi" '$1 == a { printf "%s(%s) ", $3, $4 }' "$tmp/missing")"
	if [ "$miss" -le "$MAX_MISSES" ]; then
		ok "$abi: $miss missed (at most $MAX_MISSES)"
	else
		not_ok "$abi: $miss missed, more than $MAX_MISSES" "$tmp/missing"
	fi
	bad=
	for s in $DEFAULT_SET; do
		if awk -v a="$abi" -v s="$s" '$1 == a && $3 == s { f = 1 } END { exit !f }' \
		       "$tmp/missing"; then
			bad="$bad $s"
		fi
	done
	if [ -z "$bad" ]; then
		ok "$abi: every syscall of the default set has a prototype"
	else
		not_ok "$abi: default-set syscalls without a prototype:$bad"
	fi
done

# The generated table itself.
# shellcheck disable=SC2086
if sh "$SCLOG_GEN_SYSARGS" "$tbl/syscall_64.tbl" "$tbl/syscall_32.tbl" \
	$SCLOG_SYSARGS_SRCS >"$tmp/out" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then
	ok "generated"
else
	not_ok "generator failed" "$tmp/err"
fi
# desc ABI NR: the initializer lines of that call's descriptors
desc() {
	sed -n "/^static const struct sclog_arg_desc a_$1_$2\\[\\]/,/^};/p" "$tmp/out" |
		sed -n 's/^	//p' | tr '\n' ' '
}
expect_desc() {
	got=$(desc "$1" "$2")
	if [ "$got" = "$3" ]; then
		ok "$1 $2 descriptors"
	else
		echo "want: $3" >"$tmp/want"
		echo "got:  $got" >"$tmp/got"
		not_ok "$1 $2 descriptors differ" "$tmp/want" "$tmp/got"
	fi
}
expect_desc x86_64 257 '{ "int", "dfd", SCLOG_ARG_DIRFD, 32 }, { "const char __user *", "filename", SCLOG_ARG_PTR, 64 }, { "int", "flags", SCLOG_ARG_OPEN_FLAGS, 32 }, { "umode_t", "mode", SCLOG_ARG_MODE, 32 }, '
expect_desc i386 5 '{ "const char __user *", "filename", SCLOG_ARG_PTR, 32 }, { "int", "flags", SCLOG_ARG_OPEN_FLAGS, 32 }, { "umode_t", "mode", SCLOG_ARG_MODE, 32 }, '
expect_desc x86_64 56 '{ "unsigned long", "", SCLOG_ARG_CLONE_FLAGS, 64 }, { "unsigned long", "", SCLOG_ARG_HEX, 64 }, { "int __user *", "", SCLOG_ARG_PTR, 64 }, { "int __user *", "", SCLOG_ARG_PTR, 64 }, { "unsigned long", "", SCLOG_ARG_HEX, 64 }, '
expect_desc i386 120 '{ "unsigned long", "clone_flags", SCLOG_ARG_CLONE_FLAGS, 32 }, { "unsigned long", "newsp", SCLOG_ARG_HEX, 32 }, { "int __user *", "parent_tidptr", SCLOG_ARG_PTR, 32 }, { "unsigned long", "tls_val", SCLOG_ARG_HEX, 32 }, { "int __user *", "child_tidptr", SCLOG_ARG_PTR, 32 }, '
expect_desc x86_64 9 '{ "unsigned long", "addr", SCLOG_ARG_HEX, 64 }, { "unsigned long", "len", SCLOG_ARG_HEX, 64 }, { "unsigned long", "prot", SCLOG_ARG_MMAP_PROT, 64 }, { "unsigned long", "flags", SCLOG_ARG_MMAP_FLAGS, 64 }, { "unsigned long", "fd", SCLOG_ARG_FD, 64 }, { "unsigned long", "off", SCLOG_ARG_HEX, 64 }, '
expect_desc i386 180 '{ "unsigned int", "fd", SCLOG_ARG_FD, 32 }, { "char __user *", "ubuf", SCLOG_ARG_PTR, 32 }, { "u32", "count", SCLOG_ARG_UNSIGNED, 32 }, { "u32", "poslo", SCLOG_ARG_UNSIGNED, 32 }, { "u32", "poshi", SCLOG_ARG_UNSIGNED, 32 }, '
expect_desc x32 520 '{ "const char __user *", "filename", SCLOG_ARG_PTR, 64 }, { "const compat_uptr_t __user *", "argv", SCLOG_ARG_PTR, 64 }, { "const compat_uptr_t __user *", "envp", SCLOG_ARG_PTR, 64 }, '

# Conditionals and line layouts, on a small hand-written source.
cat >"$tmp/64.tbl" <<'TBL'
0	common	clone	sys_clone
1	64	split	sys_split
2	common	nothing	sys_nothing
3	64	unknown	sys_unknown
4	x32	thing	compat_sys_thing
5	common	gone	sys_ni_syscall
6	common	reserved
TBL
cat >"$tmp/32.tbl" <<'TBL'
0	i386	clone	sys_clone	compat_sys_ia32_clone
1	i386	nothing	sys_nothing	-
TBL
cat >"$tmp/protos.h" <<'SRC'
#ifndef CONFIG_ARCH_HAS_SYSCALL_WRAPPER
/* sys_clone(int notme); */
#ifdef CONFIG_CLONE_BACKWARDS
asmlinkage long sys_clone(unsigned long, unsigned long, int __user *, unsigned long,
	       int __user *);
#else
asmlinkage long sys_clone(unsigned long, unsigned long, int __user *,
	       int __user *, unsigned long);
#endif
#define sys_split(x) sys_nothing(x, \
	y)
asmlinkage long
sys_split(int dfd, compat_arg_u64(len));
asmlinkage ssize_t compat_sys_thing(compat_ulong_t fd, struct iovec __user * vec);
asmlinkage long sys_nothing(void);
#endif
SRC
cat >"$tmp/ia32.c" <<'SRC'
COMPAT_SYSCALL_DEFINE2(ia32_clone, unsigned long, clone_flags,
		       int __user *, tidptr)
{
	return sys_clone(clone_flags, 0, tidptr, 0, 0);
}
SRC
if sh "$SCLOG_GEN_SYSARGS" "$tmp/64.tbl" "$tmp/32.tbl" "$tmp/protos.h" "$tmp/ia32.c" \
	>"$tmp/out" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then
	ok "small tables: generated"
else
	not_ok "small tables: generator failed" "$tmp/err"
fi
expect_desc x86_64 0 '{ "unsigned long", "", SCLOG_ARG_CLONE_FLAGS, 64 }, { "unsigned long", "", SCLOG_ARG_HEX, 64 }, { "int __user *", "", SCLOG_ARG_PTR, 64 }, { "int __user *", "", SCLOG_ARG_PTR, 64 }, { "unsigned long", "", SCLOG_ARG_HEX, 64 }, '
expect_desc x86_64 1 '{ "int", "dfd", SCLOG_ARG_DIRFD, 32 }, { "u32", "len_lo", SCLOG_ARG_UNSIGNED, 32 }, { "u32", "len_hi", SCLOG_ARG_UNSIGNED, 32 }, '
expect_desc x32 4 '{ "compat_ulong_t", "fd", SCLOG_ARG_FD, 32 }, { "struct iovec __user *", "vec", SCLOG_ARG_PTR, 64 }, '
expect_desc i386 0 '{ "unsigned long", "clone_flags", SCLOG_ARG_CLONE_FLAGS, 32 }, { "int __user *", "tidptr", SCLOG_ARG_PTR, 32 }, '
tab() { sed -n "/^static const struct sclog_argtab_ent argtab_$1\\[\\]/,/^};/p" "$tmp/out" | sed -n 's/^	//p' | tr '\n' ' '; }
want64='{ 0, 5, a_x86_64_0 },	/* clone */ { 1, 3, a_x86_64_1 },	/* split */ { 2, 0, NULL },	/* nothing */ '
want32='{ 0, 2, a_i386_0 },	/* clone */ { 1, 0, NULL },	/* nothing */ '
if [ "$(tab x86_64)" = "$want64" ] && [ "$(tab i386)" = "$want32" ]; then
	ok "small tables: entries (no unknown, ni_syscall or reserved ones)"
else
	tab x86_64 >"$tmp/got"
	tab i386 >>"$tmp/got"
	not_ok "small tables: entries differ" "$tmp/got"
fi
sh "$SCLOG_GEN_SYSARGS" --missing "$tmp/64.tbl" "$tmp/32.tbl" "$tmp/protos.h" \
	"$tmp/ia32.c" >"$tmp/missing" 2>&1
if [ "$(cat "$tmp/missing")" = "x86_64 3 unknown sys_unknown" ]; then
	ok "small tables: --missing"
else
	not_ok "small tables: --missing" "$tmp/missing"
fi

if sh "$SCLOG_GEN_SYSARGS" "$tmp/64.tbl" "$tmp/32.tbl" "$tmp/nonexistent.h" \
	>"$tmp/out" 2>"$tmp/err"; then
	not_ok "missing source: exit status 0"
elif [ -s "$tmp/out" ] ||
     [ "$(cat "$tmp/err")" != "gen-sysargs: $tmp/nonexistent.h: cannot read" ]; then
	not_ok "missing source: wrong output" "$tmp/out" "$tmp/err"
else
	ok "missing source: error"
fi

echo "1..$n"
