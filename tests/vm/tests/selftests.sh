#!/bin/sh
# Runs in the test VM: the kselftest of /dev/sclog
# (tools/testing/selftests/sclog), as built by ./build.sh userland.  Its own
# TAP is relayed as it is.
for t in /tests/selftests/sclog/*_test; do
	[ -x "$t" ] || { echo "not ok 1 - no sclog selftest was built"; echo "1..1"; exit 1; }
	"$t"
done
