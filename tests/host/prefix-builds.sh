#!/bin/bash
# Builds the kernel at every prefix of the series: each patch on its own
# must leave a tree that builds (not part of ./build.sh test: about 2 min a
# patch with a warm ccache).
#
# usage: tests/host/prefix-builds.sh [WORKDIR]   (default /tmp/sclog-prefix)
#
# Unpacks a pristine tree into WORKDIR, takes the configuration
# ./build.sh kernel made (build/linux/.config), and for each patch of
# series: pushes it, runs make olddefconfig (symbols of later patches
# are dropped) and make (vmlinux and modules).  Prints TAP.
set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
W=${1:-/tmp/sclog-prefix}
cfg=$REPO/build/linux/.config
[[ -f $cfg ]] || { echo "Bail out! run ./build.sh kernel first (no $cfg)"; exit 1; }
rm -rf "$W" && mkdir -p "$W" || exit 1
tar -C "$W" -xf /usr/src/linux-source-6.12.tar.xz --strip-components=1 || exit 1
export QUILT_PATCHES=$REPO/patches QUILT_SERIES=$REPO/series QUILT_PC=.pc
export CCACHE_BASEDIR=$W CCACHE_NOHASHDIR=1
cd "$W" || exit 1
n=0 fail=0
mapfile -t patches < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$REPO/series" | awk '{print $1}')
for p in "${patches[@]}"; do
	n=$((n + 1))
	if ! quilt --quiltrc - push -q --fuzz=0 >/dev/null 2>"$W/push.err"; then
		echo "not ok $n - $p applies"
		sed 's/^/# /' "$W/push.err"
		fail=1
		break
	fi
	cp "$cfg" .config
	t0=$(date +%s)
	if make -s olddefconfig >/dev/null 2>&1 &&
	   make -s -j"$(nproc)" CC="ccache gcc" HOSTCC="ccache gcc" HOSTCXX="ccache g++" \
		HOSTCXXFLAGS="-ffile-prefix-map=$W=." \
		KBUILD_BUILD_USER=sclog KBUILD_BUILD_HOST=sclog >"$W/build.log" 2>&1; then
		echo "ok $n - the tree builds with patches up to $p ($(($(date +%s) - t0))s)"
	else
		echo "not ok $n - the tree builds with patches up to $p"
		grep -E 'error|Error' "$W/build.log" | head -10 | sed 's/^/# /'
		fail=1
	fi
done
echo "1..$n"
exit $fail
