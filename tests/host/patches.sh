#!/usr/bin/env bash
# Patch hygiene for the quilt series, checked against a pristine copy of the
# files the series touches (extracted from Debian's linux-source-6.12):
#  - series lists exactly the files in patches/, in file-name order, and
#    every name has the form NNN-short-name.patch;
#  - every patch has a git format-patch style header: From:, a
#    "Subject: [PATCH] ..." line, a commit message, Signed-off-by:;
#  - the series applies with quilt with no fuzz and no offsets;
#  - every patch is in refreshed form: what
#    "quilt diff -p ab --no-timestamps --no-index" prints for it is exactly
#    the diff the file holds (so "quilt refresh" would change nothing);
#  - scripts/checkpatch.pl --strict finds no error, warning or check.
#    It runs with --no-tree, because the pristine copy is not a git tree.
#    For patches that touch only tools/testing/selftests/ (user-space test
#    code built on kselftest_harness.h) these checks are ignored, each for
#    its reason:
#      BRACES, COMPLEX_MACRO, MACRO_ARG_REUSE: the harness idiom
#        "EXPECT_EQ(a, b) TH_LOG(...)" and FIXTURE_VARIANT_ADD() tables need
#        braces and statement-like macros;
#      STRCPY, PREFER_DEFINED_ATTRIBUTE_MACRO: user space has no strscpy()
#        and no __noreturn;
#      EMBEDDED_FUNCTION_NAME: message words that happen to be function names;
#      ENOSYS: the test probes whether the kernel has x32, which answers ENOSYS;
#      ARCH_DEFINES: the 32-bit helper is x86-only by design.
# Prints TAP.
set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TARBALL=${SCLOG_KSRC_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
TOP=linux-source-6.12
n=0 fail=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); fail=1; echo "not ok $n - $*"; }
diag() { sed 's/^/#   /'; }

listed=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$REPO/series" | awk '{print $1}')
files=$(cd "$REPO/patches" && ls -1 -- *.patch 2>/dev/null | LC_ALL=C sort)

if [[ $listed == "$files" ]]; then
	ok "series lists exactly the files in patches/ ($(wc -w <<<"$files") patches)"
else
	notok "series lists exactly the files in patches/"
	diff <(echo "$listed") <(echo "$files") | diag
fi
if [[ $listed == "$(LC_ALL=C sort <<<"$listed")" ]]; then
	ok "series is in file-name order"
else
	notok "series is in file-name order"
fi
bad=$(grep -Ev '^[0-9]{3}-[a-z0-9][a-z0-9_.-]*\.patch$' <<<"$listed")
[[ -z $bad ]] && ok "patch names are NNN-short-name.patch" ||
	{ notok "patch names are NNN-short-name.patch"; echo "$bad" | diag; }

for p in $listed; do
	f=$REPO/patches/$p
	[[ -f $f ]] || { notok "$p exists"; continue; }
	hdr=$(sed '/^--- /,$d' "$f")
	missing=()
	grep -q '^From: .\+ <.\+@.\+>$' <<<"$hdr" || missing+=("From: Name <address>")
	grep -q '^Subject: \[PATCH\] .\+' <<<"$hdr" || missing+=("Subject: [PATCH] ...")
	grep -q '^Signed-off-by: .\+ <.\+@.\+>$' <<<"$hdr" || missing+=("Signed-off-by:")
	body=$(sed -e '1,/^Subject:/d' -e '/^Signed-off-by:/,$d' <<<"$hdr" | grep -cv '^[[:space:]]*$')
	((body >= 3)) || missing+=("a commit message of at least 3 lines")
	if ((${#missing[@]})); then
		notok "$p has a format-patch header"
		printf '%s\n' "${missing[@]/#/missing }" | diag
	else
		ok "$p has a format-patch header"
	fi
	if grep -Eq '^(diff --git|index [0-9a-f]+\.\.)|^(---|\+\+\+) [^[:space:]]+	' "$f"; then
		notok "$p has no index lines and no timestamps"
	else
		ok "$p has no index lines and no timestamps"
	fi
done

[[ -n $listed ]] || { echo "1..$n"; exit $fail; }

# A pristine copy of the touched files plus checkpatch.pl and its data.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
touched=$(for p in $listed; do
	sed -n 's|^--- a/\(.*\)$|\1|p; s|^+++ b/\(.*\)$|\1|p' "$REPO/patches/$p"
done | sort -u)
members=()
for f in $touched scripts/checkpatch.pl scripts/spelling.txt \
	scripts/const_structs.checkpatch; do
	members+=("$TOP/$f")
done
# Files a patch creates are not in the tarball: tar complains, which is fine.
tar -C "$work" -xf "$TARBALL" --wildcards "${members[@]}" 2>/dev/null
tree=$work/$TOP
[[ -f $tree/scripts/checkpatch.pl ]] || { notok "extract pristine files from $TARBALL"; echo "1..$n"; exit 1; }

export QUILT_PATCHES=$REPO/patches QUILT_SERIES=$REPO/series QUILT_PC=.pc
out=$(cd "$tree" && quilt --quiltrc - push -a --fuzz=0 2>&1)
rc=$?
if ((rc == 0)) && ! grep -Eq 'with fuzz|offset [0-9-]+ line' <<<"$out"; then
	ok "the series applies to pristine 6.12 with no fuzz and no offsets"
else
	notok "the series applies to pristine 6.12 with no fuzz and no offsets"
	grep -E 'Applying|Hunk|fuzz|offset|FAILED|error' <<<"$out" | diag
fi

if ((rc == 0)); then
	for p in $listed; do
		want=$(sed -n '/^--- /,$p' "$REPO/patches/$p")
		# (quilt warns on stderr when later patches touch the same files.)
		got=$(cd "$tree" && quilt --quiltrc - diff -P "$p" -p ab --no-timestamps \
			--no-index 2>"$work/quilt.err") || cat "$work/quilt.err" >&2
		if [[ $want == "$got" ]]; then
			ok "$p is refreshed (quilt refresh would not change it)"
		else
			notok "$p is refreshed (quilt refresh would not change it)"
			diff <(echo "$want") <(echo "$got") | head -20 | diag
		fi
	done
fi

SELFTEST_IGNORE=BRACES,COMPLEX_MACRO,MACRO_ARG_REUSE,STRCPY,PREFER_DEFINED_ATTRIBUTE_MACRO
SELFTEST_IGNORE+=,EMBEDDED_FUNCTION_NAME,ENOSYS,ARCH_DEFINES
for p in $listed; do
	ignore=()
	if ! grep '^+++ b/' "$REPO/patches/$p" | grep -qv '^+++ b/tools/testing/selftests/'; then
		ignore=(--ignore "$SELFTEST_IGNORE")
	fi
	out=$(cd "$tree" && perl scripts/checkpatch.pl --strict --no-tree --no-summary \
		--terse "${ignore[@]}" "$REPO/patches/$p" 2>&1)
	if [[ -z $out ]]; then
		ok "checkpatch --strict: $p is clean"
	else
		notok "checkpatch --strict: $p"
		echo "$out" | diag
	fi
done
echo "1..$n"
exit $fail
