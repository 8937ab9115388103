#!/usr/bin/env bash
# build.sh: turn this repository into a patched, configured, booted sclog
# kernel with its userland, and test it.  Run "./build.sh help" for usage.
#
# Everything it writes goes under build/ (git-ignored).  Every subcommand is
# idempotent: running it again only redoes what changed.
set -euo pipefail
shopt -s nullglob

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# SCLOG_DEBUG=1 (set by "test --debug"): the debug profile
# (configs/debug.config) in a build directory of its own.
DEBUG=${SCLOG_DEBUG:-0}
if [[ $DEBUG == 1 ]]; then
	BUILD=${SCLOG_BUILD:-$REPO/build/debug}
else
	BUILD=${SCLOG_BUILD:-$REPO/build}
fi
JOBS=${JOBS:-$(nproc)}
KSRC_PKG=linux-source-6.12
KSRC_TARBALL=/usr/src/$KSRC_PKG.tar.xz
VM_TIMEOUT=${SCLOG_VM_TIMEOUT:-600}	# seconds a VM command may run
VM_MEM=${SCLOG_VM_MEM:-1G}
VM_CPUS=${SCLOG_VM_CPUS:-2}
# qemu -cpu model.  SMAP is off because qemu 7.2's TCG checks the far return
# from a 64-bit code segment in a 32-bit task (the kernel's own
# test_syscall_vdso_32) as a supervisor access, and the guest oopses.
VM_CPU=${SCLOG_VM_CPU:-max,smap=off}
# What the VM prints last, after the guest command, so that the host can
# return the guest command's exit status.  Must match tests/vm/init.
EXIT_MARK=SCLOG-VM-EXIT-STATUS

# Debian packages the build needs (one line each, with why).
DEPS=(
	quilt		# applies series
	"$KSRC_PKG"	# the kernel source
	ccache		# repeat builds
	make gcc bc bison flex perl python3 cpio kmod xz-utils
	libelf-dev	# objtool (ORC unwinder)
	libssl-dev	# certificate and signing tools
	gcc-12-plugin-dev	# GCC plugins asked for by hardened.config
	dpkg-dev debhelper rsync	# make bindeb-pkg (its rules use dh_*), make headers_install
	qemu-system-x86 busybox-static	# the test VM
	gcc-multilib	# 32-bit static test programs (i386 entry paths)
	libcmocka-dev	# host unit tests
	liburing-dev	# the VM workload's io_uring steps (static liburing.a)
	libjansson-dev	# sclog(1) reads JSON Lines logs; the unit tests check sclogd's JSON
	zlib1g-dev	# sclog(1) reads rotated, gzip'd logs
	clang libclang-rt-14-dev	# libFuzzer targets of the record decoder and log parser
	mandoc		# man page lint (mandoc -T lint)
	systemd logrotate	# the shipped unit (systemd-analyze verify) and logrotate snippet, tested
	strace		# the VM's rules test logs ptrace while strace runs
	util-linux	# setpriv: the VM's privilege test takes capabilities from root
	git		# checkpatch.pl runs git
	gnuplot-nox	# ./build.sh bench draws its chart
	shellcheck	# tests/host/bench-report.sh lints the benchmark's guest script
)

msg() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: error: %s\n' "$*" >&2; exit 1; }

usage() {
	cat <<EOF
usage: ./build.sh [COMMAND] [OPTIONS]

  (none)       the main job: build the kernel and userland, boot the test VM
               and show sclog working, then power off
  deps         install the Debian packages the build needs (apt-get)
  kernel [--base-config FILE] [--deb]
               unpack $KSRC_PKG (or use KSRC=DIR), apply series with quilt,
               merge configs/, verify the result, build with ccache;
               --base-config FILE: merge onto FILE instead of configs/vm.config
               (for example /boot/config-\$(uname -r)); --deb: also make .debs
  userland     build userland/ against the patched tree's UAPI headers
  vm [--share DIR] [--append PARAMS] [-- COMMAND ...]
               boot the test VM; with COMMAND, run it as root in the guest,
               power off and exit with its status; without, a root shell;
               --append adds kernel parameters (e.g. sclog.lock=1)
  test [--debug] [--long]
               run the whole test suite; ends with "N passed, N failed";
               --debug: with a kernel built with configs/debug.config
               (KASAN, lockdep, kmemleak, ...) in build/debug; --long: the
               storm of 10^7 records and 5 minutes of stress instead of
               10^6 and 30 s
  bench [--reps N] [--rounds N] [--quick] [--kernel-image FILE]
               benchmark sclog against a kernel built without it and against
               audit, ftrace and strace (not part of test); writes
               build/bench/results.md and ratios.png; N repetitions
               (default 5) per boot, N rounds of boots for the comparison
               across kernels (default 3); --quick: small runs, a smoke test;
               --kernel-image: boot FILE as the sclog kernel (an earlier
               build, to compare)
  clean        remove build/ (the ccache stays)

Environment: KSRC=DIR (kernel tree to patch instead of unpacking one),
JOBS=N, SCLOG_ACCEL=tcg|kvm, SCLOG_VM_TIMEOUT=SECONDS, SCLOG_VM_CPUS=N,
SCLOG_VM_MEM=SIZE, SCLOG_BUILD=DIR (instead of build/), SCLOG_DEBUG=1 (the
debug profile, in build/debug, for any command).
EOF
}

# ---------------------------------------------------------------- deps
deps_missing() {
	local p missing=()
	for p in "${DEPS[@]}"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed$' || missing+=("$p")
	done
	printf '%s\n' "${missing[@]}"
}

cmd_deps() {
	local missing
	missing=$(deps_missing)
	if [[ -z $missing ]]; then
		msg "deps: all Debian packages present"
		return 0
	fi
	# shellcheck disable=SC2086
	msg "deps: installing" $missing
	[[ $(id -u) == 0 ]] || die "deps: need root to install packages: sudo ./build.sh deps"
	DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
		die "deps: apt-get update failed"
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing ||
		die "deps: apt-get install failed"
	missing=$(deps_missing)
	[[ -z $missing ]] || die "deps: still missing after install: $missing"
}

ensure_deps() {
	[[ -z $(deps_missing) ]] || cmd_deps
}

# ---------------------------------------------------------------- kernel
ktree() {
	if [[ -n ${KSRC:-} ]]; then
		(cd "$KSRC" && pwd)
	else
		echo "$BUILD/linux"
	fi
}

kmake() {
	local kt
	kt=$(ktree)
	# The GCC plugins carry debug info; mapping the tree's path out of it
	# keeps them, and so ccache's hashes, the same in every clone.
	make -C "$kt" -j"$JOBS" \
		CC="ccache gcc" HOSTCC="ccache gcc" HOSTCXX="ccache g++" \
		HOSTCXXFLAGS="-ffile-prefix-map=$kt=." \
		KBUILD_BUILD_USER=sclog KBUILD_BUILD_HOST=sclog "$@"
}

export CCACHE_BASEDIR=$BUILD
export CCACHE_NOHASHDIR=1

# unpack_source [DIR]: the Debian kernel source in DIR (default build/linux).
unpack_source() {
	local kt=${1:-$BUILD/linux}
	[[ -f $kt/.sclog-unpacked ]] && return 0
	[[ -f $KSRC_TARBALL ]] || die "kernel: $KSRC_TARBALL missing (package $KSRC_PKG)"
	msg "kernel: unpacking $KSRC_TARBALL into $kt"
	rm -rf "$kt" "$BUILD/$KSRC_PKG"
	mkdir -p "$BUILD"
	tar -C "$BUILD" -xf "$KSRC_TARBALL"
	mv "$BUILD/$KSRC_PKG" "$kt"
	dpkg-query -W -f='${Package} ${Version}\n' "$KSRC_PKG" >"$kt/.sclog-unpacked"
}

series_patches() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$REPO/series" | awk '{print $1}'
}

# How many patches at the bottom of the series are applied to the tree
# unchanged: the same names in .pc/applied-patches, and copies (kept in
# .sclog-applied when they were pushed) equal to the files in patches/.
applied_unchanged() {
	local kt=$1 p i keep=0
	local -a applied wanted
	mapfile -t wanted < <(series_patches)
	[[ -f $kt/.pc/applied-patches ]] || { echo 0; return; }
	mapfile -t applied <"$kt/.pc/applied-patches"
	for ((i = 0; i < ${#applied[@]} && i < ${#wanted[@]}; i++)); do
		p=${applied[i]}
		[[ $p == "${wanted[i]}" ]] &&
			cmp -s "$REPO/patches/$p" "$kt/.sclog-applied/$p" || break
		keep=$((i + 1))
	done
	echo "$keep"
}

# Whether exactly the series, as it is now, is applied to tree $1.
series_applied() {
	local kt=$1 n
	n=$(series_patches | wc -l)
	[[ -f $kt/.pc/applied-patches ]] &&
		(($(applied_unchanged "$kt") == n)) &&
		(($(wc -l <"$kt/.pc/applied-patches") == n))
}

quilt_env() {
	export QUILT_PATCHES=$REPO/patches QUILT_SERIES=$REPO/series QUILT_PC=.pc
	export QUILT_PATCH_OPTS="--reject-format=unified"
	unset QUILTRC
}

# guard_unrefreshed KT FROM: die if a file of a patch applied at index FROM
# or above (of "applied") was edited in KT after the patch was last written
# (refreshed, or pulled): popping with -f would throw the edit away.
guard_unrefreshed() {
	local kt=$1 i p f copy src
	for ((i = $2; i < ${#applied[@]}; i++)); do
		p=${applied[i]}
		copy=$kt/.sclog-applied/$p src=$REPO/patches/$p
		[[ -f $src ]] ||
			die "kernel: $p is applied in $kt but not in patches/: quilt refresh it (or ./build.sh clean)"
		while read -r f; do
			[[ -e $kt/$f && $kt/$f -nt $src ]] || continue
			[[ -f $copy && ! $kt/$f -nt $copy ]] && continue
			die "kernel: $f was edited after $p was last refreshed: quilt refresh it in $kt (or ./build.sh clean to discard the edit)"
		done < <(cd "$kt" && quilt --quiltrc - files "$p")
	done
}

apply_series() {
	local kt out p keep
	kt=$(ktree)
	series_applied "$kt" && { msg "kernel: series already applied"; return 0; }
	quilt_env
	# Keep the applied patches that are unchanged at the bottom of the
	# series; pop the rest.
	local -a applied wanted
	mapfile -t wanted < <(series_patches)
	keep=$(applied_unchanged "$kt")
	if [[ -f $kt/.pc/applied-patches ]]; then
		mapfile -t applied <"$kt/.pc/applied-patches"
		if ((keep < ${#applied[@]})); then
			guard_unrefreshed "$kt" "$keep"
			msg "kernel: series changed, popping ${applied[keep]} and above"
			if ((keep == 0)); then
				(cd "$kt" && quilt --quiltrc - pop -a -f -q >/dev/null)
			else
				(cd "$kt" && quilt --quiltrc - pop -f -q "${applied[keep - 1]}" >/dev/null)
			fi || die "kernel: quilt pop failed in $kt; run ./build.sh clean"
		fi
	fi
	if ((keep < ${#wanted[@]})); then
		msg "kernel: applying series with quilt (no fuzz, no offsets)"
		if ! out=$(cd "$kt" && quilt --quiltrc - push -a --fuzz=0 2>&1); then
			printf '%s\n' "$out" >&2
			die "kernel: a patch does not apply; see above"
		fi
		if grep -Eq 'with fuzz|offset [0-9-]+ line' <<<"$out"; then
			grep -E '^Applying|with fuzz|offset' <<<"$out" >&2
			die "kernel: a patch applies only with fuzz or offset; refresh it"
		fi
	fi
	rm -rf "$kt/.sclog-applied"
	mkdir -p "$kt/.sclog-applied"
	for p in "${wanted[@]}"; do cp "$REPO/patches/$p" "$kt/.sclog-applied/"; done
}

# Fragments merged on top of the base, in order.
FRAGMENTS=("$REPO/configs/vm.config" "$REPO/configs/sclog.config" "$REPO/configs/hardened.config")
[[ $DEBUG != 1 ]] || FRAGMENTS+=("$REPO/configs/debug.config")

configure() {
	local base=$1 kt frags
	kt=$(ktree)
	if [[ -n $base ]]; then
		[[ -f $base ]] || die "kernel: base config $base not found"
		base=$(cd "$(dirname "$base")" && pwd)/$(basename "$base")
		frags=("$base" "${FRAGMENTS[@]:1}")
		msg "kernel: merging configs onto $base"
		(cd "$kt" && scripts/kconfig/merge_config.sh -m "${frags[@]}" >/dev/null)
		kmake olddefconfig >/dev/null
	else
		frags=("${FRAGMENTS[@]}")
		msg "kernel: merging configs onto allnoconfig"
		(cd "$kt" && scripts/kconfig/merge_config.sh -n "${frags[@]}" >/dev/null)
	fi
	# merge_config.sh only warns; a symbol that did not stick is an error.
	# (A --base-config file is a whole config: only our fragments count.)
	[[ -z $base ]] || frags=("${frags[@]:1}")
	"$REPO/tests/check-config" "$kt/.config" "${frags[@]}" ||
		die "kernel: the merged .config lacks requested values (above)"
}

cmd_kernel() {
	local base="" deb=0
	while (($#)); do
		case $1 in
		--base-config) base=${2:?--base-config needs a file}; shift 2 ;;
		--deb) deb=1; shift ;;
		*) die "kernel: unknown option $1" ;;
		esac
	done
	ensure_deps
	[[ -n ${KSRC:-} ]] || unpack_source
	apply_series
	configure "$base"
	msg "kernel: building (make -j$JOBS, ccache)"
	kmake all >"$BUILD/kernel-build.log" 2>&1 || {
		tail -n 40 "$BUILD/kernel-build.log" >&2
		die "kernel: build failed; full log in $BUILD/kernel-build.log"
	}
	kmake -s kernelrelease >"$BUILD/kernelrelease"
	msg "kernel: built $(cat "$BUILD/kernelrelease") ($(ktree)/arch/x86/boot/bzImage)"
	if ((deb)); then
		msg "kernel: packaging with make bindeb-pkg"
		rm -f "$(dirname "$(ktree)")"/linux-*.deb
		kmake bindeb-pkg >>"$BUILD/kernel-build.log" 2>&1 || {
			tail -n 40 "$BUILD/kernel-build.log" >&2
			die "kernel: bindeb-pkg failed"
		}
		ls -l "$(dirname "$(ktree)")"/linux-*.deb
	fi
}

kernel_built() {
	local kt
	kt=$(ktree)
	[[ -f $kt/arch/x86/boot/bzImage ]] && series_applied "$kt"
}

ensure_kernel() {
	kernel_built || cmd_kernel
	# A change in patches or configs needs a rebuild; make decides.
	local kt
	kt=$(ktree)
	local f
	for f in "${FRAGMENTS[@]}"; do
		[[ $f -nt $kt/arch/x86/boot/bzImage ]] && { cmd_kernel; return; }
	done
	return 0
}

# ---------------------------------------------------------------- userland
# The kernel's x86 entry selftests that run in the VM (tests/vm/tests/x86-entry.sh).
X86_SELFTESTS=(syscall_numbering_64 sigreturn_64 sigreturn_32 test_syscall_vdso_32
	ptrace_syscall_64 ptrace_syscall_32 syscall_arg_fault_64 syscall_arg_fault_32)

cmd_userland() {
	ensure_deps
	ensure_kernel
	local kt
	kt=$(ktree)
	msg "userland: installing UAPI headers"
	kmake -s headers_install INSTALL_HDR_PATH="$BUILD/headers" >/dev/null
	msg "userland: building (static, for the VM)"
	make -C "$REPO/userland" -j"$JOBS" -s KSRC="$kt" KHDR="$BUILD/headers/include" \
		STATIC=1 O="$BUILD/userland"
	msg "userland: building selftests (static)"
	local hdr="-isystem $BUILD/headers/include" x86=$BUILD/selftests/x86
	mkdir -p "$BUILD/selftests/sclog" "$x86"
	make -C "$kt/tools/testing/selftests/sclog" -s OUTPUT="$BUILD/selftests/sclog" \
		KHDR_INCLUDES="$hdr" LDFLAGS=-static >/dev/null
	# The kernel's own x86 entry-path selftests, the regression suite for
	# anything that touches system call entry.
	make -C "$kt/tools/testing/selftests/x86" -s OUTPUT="$x86" KHDR_INCLUDES="$hdr" \
		EXTRA_CFLAGS="-static -DCAN_BUILD_32 -DCAN_BUILD_64" \
		"${X86_SELFTESTS[@]/#/$x86/}" >/dev/null
	local b
	# static_prog OUT SRC [FLAGS...]: a static test program for the VM
	# (FLAGS after SRC, so that they can name libraries).
	static_prog() {
		gcc -std=gnu17 -O2 -Wall -Wextra -Werror -static -I"$BUILD/headers/include" \
			-o "$1" "$2" "${@:3}"
	}
	mkdir -p "$BUILD/bench-progs" "$BUILD/progs"
	for b in "$REPO"/tests/bench/*.c; do
		static_prog "$BUILD/bench-progs/$(basename "$b" .c)" "$b" -pthread
	done
	# Workloads of the in-VM tests, 64-bit (with io_uring, through
	# liburing) and 32-bit (the i386 ABI).
	for b in "$REPO"/tests/vm/progs/*.c; do
		static_prog "$BUILD/progs/$(basename "$b" .c)" "$b" -DWITH_LIBURING -luring
		static_prog "$BUILD/progs/$(basename "$b" .c)32" "$b" -m32
	done
	msg "userland: building test modules"
	local m
	for m in "$REPO"/tests/modules/*/; do
		m=$(basename "$m")
		mkdir -p "$BUILD/modules/$m"
		cp -a "$REPO/tests/modules/$m/." "$BUILD/modules/$m/"
		kmake -s M="$BUILD/modules/$m" modules >/dev/null
	done
}

# ---------------------------------------------------------------- vm
# copy_with_libs PROG ROOT [DIR [LIBROOT]]: PROG (dynamic) into ROOT/DIR
# (default usr/bin), with the shared libraries and the loader ldd names, at
# their paths.  With LIBROOT (an unpacked package tree), libraries are
# looked up there first and installed at their paths within it.
copy_with_libs() {
	local prog=$1 root=$2 dir=${3:-usr/bin} libroot=${4:-} libs lib
	local path=${libroot:+$libroot/lib/x86_64-linux-gnu:$libroot/usr/lib/x86_64-linux-gnu}
	libs=$(LD_LIBRARY_PATH=$path ldd "$prog")
	! grep 'not found' <<<"$libs" ||
		die "$prog: ldd finds no file for a library it needs (above)"
	install -D -m 0755 "$prog" "$root/$dir/$(basename "$prog")"
	for lib in $(grep -oE '/[^ ]+' <<<"$libs"); do
		install -D -m 0755 "$lib" "$root${lib#"$libroot"}"
	done
}

build_initramfs() {
	local root=$BUILD/initramfs/root kt
	kt=$(ktree)
	rm -rf "$root"
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,run,root,mnt/host,var/log,lib/modules,tests}
	cp /bin/busybox "$root/bin/busybox"
	install -m 0755 "$REPO/tests/vm/init" "$root/init"
	cp -a "$REPO/tests/vm/etc/." "$root/etc/"
	make -C "$REPO/userland" -s KSRC="$kt" KHDR="$BUILD/headers/include" \
		STATIC=1 O="$BUILD/userland" DESTDIR="$root" install
	cp -a "$REPO/tests/vm/tests/." "$root/tests/"
	cp -a "$REPO/tests/vm/locked" "$root/tests/locked"
	cp -a "$REPO/tests/vm/failure" "$root/tests/failure"
	mkdir -p "$root/tests/data"
	cp "$kt"/arch/x86/entry/syscalls/syscall_{64,32}.tbl "$root/tests/data/"
	local ko
	for ko in "$BUILD"/modules/*/*.ko "$kt"/kernel/sclog/*.ko; do cp "$ko" "$root/tests/"; done
	mkdir -p "$root/tests/selftests/sclog" "$root/tests/x86"
	find "$BUILD/selftests/sclog" -maxdepth 1 -type f -perm -u+x -exec cp {} "$root/tests/selftests/sclog/" \;
	local t
	for t in "${X86_SELFTESTS[@]}"; do cp "$BUILD/selftests/x86/$t" "$root/tests/x86/"; done
	cp -a "$BUILD/bench-progs" "$root/tests/bench"
	cp "$REPO"/tests/bench/*.sh "$root/tests/bench/"
	cp -a "$BUILD/progs" "$root/tests/bin"
	copy_with_libs /usr/bin/strace "$root"
	copy_with_libs /usr/bin/setpriv "$root"
	cp "$BUILD/kernelrelease" "$root/etc/sclog-kernelrelease"
	(cd "$root" && find . -print0 | LC_ALL=C sort -z |
		cpio --null -o -H newc --owner=0:0 --quiet) >"$BUILD/initramfs/base.cpio"
}

# Decide once whether KVM really runs guests here; fall back to TCG.
vm_accel() {
	if [[ -n ${SCLOG_ACCEL:-} ]]; then
		echo "$SCLOG_ACCEL"
		return
	fi
	if [[ ! -f $BUILD/accel ]]; then
		local a=tcg
		if [[ -r /dev/kvm && -w /dev/kvm ]] &&
			timeout 60 qemu-system-x86_64 -accel kvm -machine q35 -m 256M \
				-nodefaults -no-user-config -display none -no-reboot \
				-serial stdio -kernel "$(ktree)/arch/x86/boot/bzImage" \
				-append "console=ttyS0 panic=-1 rdinit=/nonexistent" \
				</dev/null 2>/dev/null | grep -q 'Linux version'; then
			a=kvm
		fi
		echo "$a" >"$BUILD/accel"
	fi
	cat "$BUILD/accel"
}

cmd_vm() {
	local share="" extra_append="" cmd=()
	while (($#)); do
		case $1 in
		--share) share=${2:?--share needs a directory}; shift 2 ;;
		--append) extra_append+=" ${2:?--append needs kernel parameters}"; shift 2 ;;
		--) shift; cmd=("$@"); break ;;
		*) die "vm: unknown option $1 (put the guest command after --)" ;;
		esac
	done
	[[ -z $share || -d $share ]] || die "vm: --share $share is not a directory"
	ensure_deps
	# VM_PREBUILT (set by cmd_bench): boot what was built, build nothing.
	if [[ -z ${VM_PREBUILT:-} ]]; then
		ensure_kernel
		cmd_userland >/dev/null
		build_initramfs
	fi
	local initrd=$BUILD/initramfs/base.cpio accel
	# VM_INITRD (set by cmd_bench): the archive to boot instead.
	[[ -z ${VM_INITRD:-} ]] || initrd=$VM_INITRD
	accel=$(vm_accel)
	# TCG runs every vCPU in one host thread (thread=single) unless
	# VM_TCG_THREAD=multi (cmd_bench, whose workload and collector must
	# run in parallel).  With a thread per vCPU, qemu 7.2 lets a vCPU run
	# code that another has just rewritten: the kernel patches static
	# branches live (an int3, then the new bytes), and a vCPU that still
	# runs the int3 afterwards oopses (seen once in about fifty boots).
	if [[ $accel == tcg && ${VM_TCG_THREAD:-single} == single ]]; then
		accel=tcg,thread=single
	fi
	# VM_KERNEL (set by cmd_bench): another kernel image to boot.
	local qemu=(qemu-system-x86_64 -accel "$accel" -machine q35 -cpu "$VM_CPU"
		-smp "$VM_CPUS" -m "$VM_MEM" -nodefaults -no-user-config -no-reboot
		-kernel "${VM_KERNEL:-$(ktree)/arch/x86/boot/bzImage}")
	local append="console=ttyS0 panic=-1 oops=panic$extra_append"
	if [[ -n $share ]]; then
		qemu+=(-device "virtio-9p-pci,fsdev=host,mount_tag=host"
			-fsdev "local,id=host,path=$(cd "$share" && pwd),security_model=none")
	fi
	if ((${#cmd[@]} == 0)); then
		msg "vm: booting ($accel); type 'poweroff' to leave"
		exec "${qemu[@]}" -initrd "$initrd" -append "$append" \
			-nographic -serial mon:stdio
	fi
	# Put the command in a second cpio archive appended to the first: the
	# kernel unpacks both, so arguments keep their exact bytes.
	local extra=$BUILD/initramfs/cmd
	rm -rf "$extra"
	mkdir -p "$extra/etc/sclog-vm"
	{
		printf '#!/bin/sh\n'
		printf '%q ' "${cmd[@]}"
		printf '\n'
	} >"$extra/etc/sclog-vm/cmd"
	chmod 0755 "$extra/etc/sclog-vm/cmd"
	(cd "$extra" && find . | cpio -o -H newc --owner=0:0 --quiet) >"$BUILD/initramfs/cmd.cpio"
	cat "$initrd" "$BUILD/initramfs/cmd.cpio" >"$BUILD/initramfs/run.cpio"
	local log status=""
	log=$(mktemp "$BUILD/vm-XXXXXX.log")
	set +e
	timeout --foreground -k 5 "$VM_TIMEOUT" "${qemu[@]}" \
		-initrd "$BUILD/initramfs/run.cpio" -append "$append quiet" \
		-display none -monitor none -serial stdio </dev/null 2>&1 |
		tr -d '\r' | tee "$log" | grep -av "^$EXIT_MARK="
	local rc=("${PIPESTATUS[@]}")
	set -e
	status=$(sed -n "s/^$EXIT_MARK=\([0-9]*\)\$/\1/p" "$log" | tail -n 1)
	if [[ ${rc[0]} == 124 || ${rc[0]} == 137 ]]; then
		die "vm: the guest did not finish within ${VM_TIMEOUT}s (log: $log)"
	fi
	if grep -aq 'Kernel panic' "$log"; then
		die "vm: the guest kernel panicked (log: $log)"
	fi
	if [[ -z $status ]]; then
		grep -aq 'Linux version' "$log" ||
			die "vm: the guest never booted (qemu status ${rc[0]}, log: $log)"
		die "vm: the guest stopped without reporting the command's status (log: $log)"
	fi
	rm -f "$log"
	return "$status"
}

# ---------------------------------------------------------------- bench
# The baseline of the benchmark: the same tree and configuration without
# CONFIG_SYSCALL_AUDIT (configs/bench-nosclog.config merged last), in a
# tree of its own so that the test kernel's build stays as it is.
BASE_TREE=$BUILD/linux-nosclog

build_baseline() {
	local kt=$BASE_TREE
	(
		KSRC=$kt
		unpack_source "$kt"
		apply_series
		msg "bench: configuring the baseline kernel (no CONFIG_SYSCALL_AUDIT)"
		(cd "$kt" && scripts/kconfig/merge_config.sh -n "${FRAGMENTS[@]}" \
			"$REPO/configs/bench-nosclog.config" >/dev/null)
		# sclog.config's own symbols cannot hold here; the rest must.
		"$REPO/tests/check-config" "$kt/.config" "$REPO/configs/vm.config" \
			"$REPO/configs/hardened.config" "$REPO/configs/bench-nosclog.config" \
			>/dev/null || die "bench: the baseline .config lacks requested values"
		msg "bench: building the baseline kernel (make -j$JOBS, ccache)"
		kmake all >"$BUILD/kernel-nosclog-build.log" 2>&1 || {
			tail -n 40 "$BUILD/kernel-nosclog-build.log" >&2
			die "bench: baseline build failed; log in $BUILD/kernel-nosclog-build.log"
		}
	)
}

# The symbols whose values differ between the two kernels' configurations.
config_diff() {
	local a=$1 b=$2
	{ diff <(grep -E '^(CONFIG_|# CONFIG_)' "$a" | sort) \
		<(grep -E '^(CONFIG_|# CONFIG_)' "$b" | sort) || true; } |
		sed -n 's/^\([<>]\) \(# \)\{0,1\}\(CONFIG_[A-Za-z0-9_]*\).*/\3/p' | sort -u
}

# The benchmark's peer from Debian's archive: auditd, downloaded and
# unpacked, not installed (installing would start auditd on this machine),
# with the libraries it needs that a base system lacks.
PEER_PKGS=(auditd libauparse0 libwrap0)
PEERS=$BUILD/bench-peers

fetch_peers() {
	local d
	[[ -f $PEERS/.done ]] && return 0
	rm -rf "$PEERS"
	mkdir -p "$PEERS/debs" "$PEERS/root"
	msg "bench: downloading ${PEER_PKGS[*]} (apt-get download)"
	if ! (cd "$PEERS/debs" && apt-get download -qq -o APT::Sandbox::User=root "${PEER_PKGS[@]}" 2>/dev/null); then
		DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
			die "bench: apt-get update failed"
		(cd "$PEERS/debs" && apt-get download -qq -o APT::Sandbox::User=root "${PEER_PKGS[@]}") ||
			die "bench: apt-get download ${PEER_PKGS[*]} failed"
	fi
	for d in "$PEERS"/debs/*.deb; do dpkg-deb -x "$d" "$PEERS/root"; done
	touch "$PEERS/.done"
}

# A cpio archive, appended to the VM's: auditd and auditctl with every
# library they load (from the unpacked packages, else this machine), the
# benchmark's auditd.conf, and a static "true".
peers_cpio() {
	local root=$PEERS/cpio prog bin
	rm -rf "$root"
	for prog in auditd auditctl; do
		bin=$PEERS/root/sbin/$prog
		[[ -f $bin ]] || bin=$PEERS/root/usr/sbin/$prog
		[[ -f $bin ]] || die "bench: $prog not found in ${PEER_PKGS[0]}"
		copy_with_libs "$bin" "$root" sbin "$PEERS/root"
	done
	install -D -m 0640 "$REPO/tests/bench/auditd.conf" "$root/etc/audit/auditd.conf"
	(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --owner=0:0 --quiet) \
		>"$PEERS/peers.cpio"
}

# The disassembly of the functions every 64-bit system call runs through
# (entry and exit), from vmlinux $1.
HOTPATH_FUNCS=(do_syscall_64 syscall_exit_to_user_mode)
hotpath_dump() {
	local f
	for f in "${HOTPATH_FUNCS[@]}"; do
		objdump -d --no-show-raw-insn -w --disassemble="$f" "$1" |
			sed -n "/^[0-9a-f]* <$f>:\$/,/^\$/p"
	done
}

# bench_boot OUT LABEL COMMAND...: one benchmark boot running COMMAND,
# whose rows in OUT/raw.tsv carry LABEL.  With a host thread per vCPU,
# qemu 7.2's TCG now and then lets a vCPU run a breakpoint the kernel has
# just patched away (an "Oops: int3" in a static branch, sclog's or the
# kernel's own, such as sched_clock_tick() at boot): such a boot is
# dropped, its rows removed, and made again, up to three tries; each
# retry is listed in OUT/retries (and in the report).  Any other failure
# ends the benchmark.
bench_boot() {
	local out=$1 label=$2 try log rc
	shift 2
	for try in 1 2 3; do
		touch "$out/.boot-stamp"
		# In a subshell, so that its die comes back here; not as a
		# condition, which would switch set -e off inside it.
		set +e
		(set -e; cmd_vm --share "$out" -- "$@")
		rc=$?
		set -e
		((rc != 0)) || return 0
		log=$(find "$BUILD" -maxdepth 1 -name 'vm-*.log' -newer "$out/.boot-stamp" | head -n 1)
		[[ -n $log ]] && grep -aq 'Oops: int3' "$log" ||
			die "bench: the boot $label failed (above)"
		msg "bench: the boot $label hit qemu's int3 race (try $try, log $log): its rows dropped, booting again"
		awk -F'\t' -v l="$label" '$1 != l' "$out/raw.tsv" >"$out/raw.tsv.new"
		mv "$out/raw.tsv.new" "$out/raw.tsv"
		printf '%s\t%s\n' "$label" "$(grep -a -m1 '^RIP: 0010:' "$log" | cut -c11-)" >>"$out/retries"
	done
	die "bench: the boot $label failed three times"
}

cmd_bench() {
	local reps=5 rounds=3 quick=0 out=$BUILD/bench image=""
	while (($#)); do
		case $1 in
		--reps) reps=${2:?--reps needs a number}; shift 2 ;;
		--rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
		--quick) quick=1; shift ;;
		--kernel-image) image=${2:?--kernel-image needs a file}; shift 2 ;;
		*) die "bench: unknown option $1" ;;
		esac
	done
	[[ $reps =~ ^[1-9][0-9]*$ && $rounds =~ ^[1-9][0-9]*$ ]] ||
		die "bench: --reps and --rounds take positive numbers"
	ensure_deps
	ensure_kernel
	cmd_userland >/dev/null
	build_initramfs
	fetch_peers
	peers_cpio
	rm -rf "$out"
	mkdir -p "$out"
	# Boot copies, taken now: the trees may change while the benchmark
	# runs (or while the baseline builds).
	if [[ -n $image ]]; then
		[[ -f $image ]] || die "bench: --kernel-image $image is not a file"
		cp "$image" "$out/bzImage-sclog"
	else
		cp "$(ktree)/arch/x86/boot/bzImage" "$out/bzImage-sclog"
	fi
	cp "$(ktree)/.config" "$out/config-sclog"
	# The system call hot path of each kernel, for the report to compare
	# instruction by instruction (not for an image built elsewhere).
	[[ -n $image ]] || hotpath_dump "$(ktree)/vmlinux" >"$out/hotpath-sclog.s"
	cat "$BUILD/initramfs/base.cpio" "$PEERS/peers.cpio" >"$out/initramfs.cpio"
	build_baseline
	cp "$BASE_TREE/arch/x86/boot/bzImage" "$out/bzImage-nosclog"
	hotpath_dump "$BASE_TREE/vmlinux" >"$out/hotpath-nosclog.s"
	: >"$out/raw.tsv"
	config_diff "$out/config-sclog" "$BASE_TREE/.config" >"$out/config-diff"
	local sizes=()
	((quick)) && sizes=(N_GETPPID=20000 N_OPEN=2000 N_COPY=10 N_FORK=10 STORM_S=1)
	local t0=$SECONDS r base_img=$out/bzImage-nosclog
	local VM_PREBUILT=1 VM_INITRD=$out/initramfs.cpio VM_KERNEL=$out/bzImage-sclog
	local VM_TCG_THREAD=multi
	VM_MEM=${SCLOG_VM_MEM:-2G}
	# Each round boots both kernels, running the workloads with nothing
	# recording: the comparison across kernels, boot against boot.  The
	# first round then boots the sclog kernel once more for every
	# configuration, interleaved.
	: >"$out/retries"
	for ((r = 1; r <= rounds; r++)); do
		msg "bench: round $r of $rounds: kernel without sclog"
		VM_KERNEL=$base_img bench_boot "$out" "nosclog-$r" \
			env "${sizes[@]}" /tests/bench/bench-vm.sh "nosclog-$r" /mnt/host/raw.tsv "$reps" base
		msg "bench: round $r of $rounds: sclog kernel, recording off"
		bench_boot "$out" "sclog-$r" \
			env "${sizes[@]}" /tests/bench/bench-vm.sh "sclog-$r" /mnt/host/raw.tsv "$reps" base
	done
	msg "bench: sclog kernel, every configuration"
	VM_TIMEOUT=${SCLOG_VM_TIMEOUT:-3600} bench_boot "$out" full \
		env "${sizes[@]}" /tests/bench/bench-vm.sh full /mnt/host/raw.tsv "$reps" full
	msg "bench: report"
	python3 "$REPO/tests/bench/report" --raw "$out/raw.tsv" --out "$out" \
		--kernel "$(cat "$BUILD/kernelrelease")" --accel "$(vm_accel)" \
		--vcpus "$VM_CPUS" --reps "$reps" --rounds "$rounds" \
		--config-diff "$out/config-diff" --hotpath "$out/hotpath-sclog.s" \
		--hotpath-base "$out/hotpath-nosclog.s" --minutes "$(((SECONDS - t0 + 59) / 60))" \
		--retries "$out/retries" \
		--command "./build.sh bench$( ((quick)) && echo ' --quick')${image:+ --kernel-image $image} --reps $reps --rounds $rounds"
	msg "bench: $out/results.md and $out/ratios.png"
}

# ---------------------------------------------------------------- main job
cmd_all() {
	cmd_kernel
	cmd_userland
	# On a terminal: a shell in the VM, where sclogd records the user's own
	# commands from boot.  Otherwise (CI, a pipe): a scripted demo.
	if [[ -t 0 && -t 1 ]]; then
		msg "vm: booting the test VM; sclogd records from boot ('poweroff' leaves)"
		cmd_vm
	else
		msg "vm: booting the test VM to show sclog at work"
		cmd_vm -- /tests/demo
	fi
}

cmd_test() {
	while (($#)); do
		case $1 in
		--debug)
			# Everything in build/debug, with configs/debug.config; the
			# checkers make the VM several times slower.
			export SCLOG_DEBUG=1 SCLOG_BUILD=${SCLOG_BUILD:-$REPO/build/debug}
			export SCLOG_VM_TIMEOUT=${SCLOG_VM_TIMEOUT:-3600}
			;;
		--long)
			export SCLOG_LONG=1
			export SCLOG_VM_TIMEOUT=${SCLOG_VM_TIMEOUT:-3600}
			;;
		*) die "test: unknown option $1 (--debug, --long)" ;;
		esac
		shift
	done
	ensure_deps
	exec "$REPO/tests/run"
}

cmd_clean() {
	msg "clean: removing $BUILD"
	rm -rf "$BUILD"
}

# One build.sh at a time per build directory: two would build the same tree
# and write the same initramfs.  (test runs build.sh itself, so takes none.)
lock_build() {
	mkdir -p "$BUILD"
	exec 9>"$BUILD/.lock"
	if ! flock -n 9; then
		msg "waiting for another build.sh using $BUILD"
		flock 9
	fi
}

main() {
	local c=${1:-all}
	(($#)) && shift
	case $c in
	all | deps | kernel | userland | vm | bench) lock_build ;;
	esac
	case $c in
	all) cmd_all "$@" ;;
	deps) cmd_deps "$@" ;;
	kernel) cmd_kernel "$@" ;;
	userland) cmd_userland "$@" ;;
	vm) cmd_vm "$@" ;;
	test) cmd_test "$@" ;;
	bench) cmd_bench "$@" ;;
	clean) cmd_clean "$@" ;;
	help | -h | --help) usage ;;
	*) usage >&2; die "unknown command '$c'" ;;
	esac
}

# On one line: bash must not read past it once main has run.
main "$@"; exit
