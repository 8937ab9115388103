/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Run summaries: counts of records by system call, by uid and by command,
 * by rule and action (when records named rules), the time span, and lost
 * records.  sclogd keeps one for its run (written on
 * SIGUSR1 and at exit); sclog report builds one from log files.
 *
 * Memory is bounded: each table keeps at most SCLOG_SUMMARY_MAX_KEYS
 * distinct keys; records beyond that are counted under "(other)".
 */
#ifndef SCLOG_SUMMARY_H
#define SCLOG_SUMMARY_H

#include <stdint.h>
#include <stdio.h>

#include "format.h"
#include "syscalls.h"

#define SCLOG_SUMMARY_MAX_KEYS 4096

struct sclog_summary;

struct sclog_summary *sclog_summary_new(void);
void sclog_summary_free(struct sclog_summary *s);

/*
 * Count one record.  syscall is the name as logged ("openat"); comm is raw
 * bytes (comm_len <= 16).  failed: the call returned a negative value.
 */
void sclog_summary_add(struct sclog_summary *s, uint64_t time_ns,
		       sclog_abi_t abi, const char *syscall, uint32_t uid,
		       const unsigned char *comm, size_t comm_len, int failed);

/*
 * The same for system call nr of abi, named as sclog_syscall_name() names
 * it, or "syscall_<nr>" when it has no name.  Remembers where each call it
 * has seen is counted, so that a record costs no name lookup (sclogd's
 * per-record path).
 */
void sclog_summary_add_call(struct sclog_summary *s, uint64_t time_ns,
			    sclog_abi_t abi, long nr, uint32_t uid,
			    const unsigned char *comm, size_t comm_len,
			    int failed);

/*
 * The record just added named a rule (sclog_rec_rule()): name (name_len
 * bytes, printable ASCII) and its SCLOG_ACT_* action.  The summary then has
 * tables of records by rule and by action; without a call to this, it has
 * none.  failed as for sclog_summary_add().
 */
void sclog_summary_rule(struct sclog_summary *s, const unsigned char *name,
			size_t name_len, unsigned int action, int failed);

/* Records lost on a CPU (a sequence gap). */
void sclog_summary_lost(struct sclog_summary *s, uint32_t cpu, uint64_t count);

/*
 * The kernel's dropped counter grew by count during the run (sclogd on a
 * device calls this at every update, also with 0).  A summary that never
 * got it (sclog report, a replayed capture) leaves the kernel's count out:
 * it sees only the lost lines.
 */
void sclog_summary_kernel_dropped(struct sclog_summary *s, uint64_t count);

/*
 * Write the summary as text lines, each starting with prefix (e.g. "# "),
 * tables sorted by count (descending), then name; at most top rows per table
 * (0: all).
 */
void sclog_summary_write_text(const struct sclog_summary *s, struct sclog_buf *b,
			      const char *prefix, unsigned int top);

/* Write the summary as one JSON Lines line: {"summary":{...}}\n */
void sclog_summary_write_json(const struct sclog_summary *s, struct sclog_buf *b);

#endif /* SCLOG_SUMMARY_H */
