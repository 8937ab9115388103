#!/bin/sh
# Short libFuzzer runs (clang) of the record decoder with the log writers
# (userland/fuzz/fuzz-record.c), of the log line parser
# (userland/fuzz/fuzz-parse.c), seeded with the VM capture and its decoded
# lines, and of the rules compiler and decompiler
# (userland/fuzz/fuzz-rules.c), seeded with the rules files of the unit
# tests and a small table, each also from its committed corpus
# (userland/fuzz/corpus/TARGET, see Documentation/development.md).  A
# crash, leak or sanitizer report fails; the input is kept in $O/fuzz/.
# Prints TAP.
#
# usage: fuzz.sh KSRC KHDR O SECONDS
set -u
ksrc=$1 khdr=$2 out=$3 secs=$4
REPO=$(cd "$(dirname "$0")/../.." && pwd)
fx=$REPO/userland/tests/fixtures
if ! make -C "$REPO/userland" -s --no-print-directory fuzz KSRC="$ksrc" KHDR="$khdr" O="$out" >"$out.build.log" 2>&1; then
	echo "not ok 1 - the fuzz targets build (clang)"
	sed 's/^/# /' "$out.build.log" | tail -20
	echo "1..1"
	exit 1
fi
n=0 fail=0
for t in record parse rules; do
	n=$((n + 1))
	seeds=$out/fuzz/seeds-$t corpus=$out/fuzz/corpus-$t
	rm -rf "$seeds"
	mkdir -p "$seeds" "$corpus"
	if [ $t = record ]; then
		cp "$fx"/*.bin "$seeds/"
	elif [ $t = rules ]; then
		cp "$REPO"/userland/tests/rules/*.rules "$seeds/"
		# "TBL\n" and a table: one rule "r", LOG before unlink (x86_64)
		printf 'TBL\n\100\0\0\0\1\0\0\0\1\0\0\0\0\0\0\0\060\0\0\0\1\0\0\0\0\0\0\0\1\0\0\0\1\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\127\0\0\0\377\1\0\0r\0\0\0\0\0\0\0' \
			>"$seeds/table.tbl"
	else
		# One seed file per line of the decoded capture, both formats.
		cat "$fx"/vm-capture.expected.txt "$fx"/vm-capture.expected.json |
			awk -v d="$seeds" '{ f = d "/line" NR; print > f; close(f) }'
	fi
	# New inputs go to the first directory; the committed corpus
	# (userland/fuzz/corpus/$t) and the seeds are only read.
	if "$out/fuzz/fuzz-$t" -max_total_time="$secs" -max_len=40000 \
		-artifact_prefix="$out/fuzz/$t-" "$corpus" "$REPO/userland/fuzz/corpus/$t" \
		"$seeds" >"$out/fuzz/$t.log" 2>&1; then
		runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$out/fuzz/$t.log")
		echo "ok $n - fuzz-$t: ${runs:-?} inputs in ${secs}s, no crash"
	else
		fail=1
		echo "not ok $n - fuzz-$t found a crash (input saved under $out/fuzz/$t-*)"
		grep -E 'ERROR|SUMMARY|runtime error' "$out/fuzz/$t.log" | head -10 | sed 's/^/# /'
	fi
done
echo "1..$n"
exit $fail
