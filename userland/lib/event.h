/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading log lines back (sclog search/report): one line of the text format
 * or of JSON Lines (Documentation/log-format.md) into a struct sclog_event.
 */
#ifndef SCLOG_EVENT_H
#define SCLOG_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "syscalls.h"

/*
 * Paths one event can hold: the kernel records at most five names and two
 * descriptors per call, each giving one path.
 */
#define SCLOG_EVENT_MAX_PATHS 8

struct sclog_event {
	uint64_t seq;
	uint32_t cpu;
	uint64_t time;		/* ns since the epoch */
	uint32_t pid, tid, ppid;
	uint32_t uid, euid, suid, fsuid;
	uint32_t gid, egid, sgid, fsgid;
	uint32_t auid, ses;
	unsigned char comm[16];	/* raw bytes, unescaped */
	size_t comm_len;
	sclog_abi_t abi;
	long nr;
	char syscall[40];	/* name as logged ("openat", "syscall_457") */
	bool has_ret;
	int64_t ret;
	/*
	 * The paths of the record, unescaped, malloc'd, in the order of the
	 * line: each resolved path of a name (text path=, JSON
	 * "names"[].path), each descriptor's path (fd_path=, "fds"[].path),
	 * and for a name without a resolved path (its lookup failed) the name
	 * itself if it is absolute, or the working directory (cwd=, "cwd"),
	 * "/" and the name if it is relative and the record has a cwd.
	 */
	char *paths[SCLOG_EVENT_MAX_PATHS];
	size_t npaths;
	/*
	 * The argv strings of an execve (text argv0=..., JSON "argv"): argc
	 * strings, each followed by a NUL, argv_len bytes in all; argv is
	 * malloc'd, or NULL when argc is 0.
	 */
	char *argv;
	size_t argv_len, argc;
	/*
	 * The rule that matched the call (text rule=, JSON "rule"):
	 * printable ASCII without spaces, NUL-terminated; "" when none.  Its
	 * action: SCLOG_ACT_LOG, _FAIL, _KILL or _SUSPEND (text action=, LOG
	 * when absent; JSON "action"), 0 when there is no rule.
	 */
	char rule[SCLOG_RULE_NAME_MAX + 1];
	unsigned int action;
};

/* A lost-records line: "lost N records on CPU c". */
struct sclog_lost {
	uint64_t time;
	uint32_t cpu;
	uint64_t count;
};

enum sclog_line_kind {
	SCLOG_LINE_RECORD,	/* *ev filled */
	SCLOG_LINE_LOST,	/* *lost filled */
	SCLOG_LINE_META,	/* start/stop/summary/comment lines, readers coming
				 * and going: nothing to match */
	SCLOG_LINE_BAD,		/* not a line of either format: err says why */
};

/*
 * Parse one line (without its '\n'; len bytes, need not be NUL-terminated).
 * The format is recognised per line: '{' starts JSON, anything else is text.
 * A line that a rule's log format made (sclogd's text output for records
 * whose rule has one) is in neither format: SCLOG_LINE_BAD.
 * On SCLOG_LINE_RECORD, free the event's paths and argv with
 * sclog_event_clear().
 */
enum sclog_line_kind sclog_parse_line(const char *line, size_t len,
				      struct sclog_event *ev,
				      struct sclog_lost *lost,
				      char *err, size_t errlen);

void sclog_event_clear(struct sclog_event *ev);

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; m 1-12, d 1-31). */
int64_t sclog_days_from_civil(int64_t y, unsigned int m, unsigned int d);

#endif /* SCLOG_EVENT_H */
