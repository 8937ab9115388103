/* SPDX-License-Identifier: GPL-2.0-only */
/* sclogd internals shared by its source files. */
#ifndef SCLOGD_H
#define SCLOGD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/un.h>

/* Exit codes (sclogd(8), EXIT STATUS). */
enum {
	EX_OK_ = 0,
	EX_RUNTIME = 1,
	EX_USAGE_ = 2,
	EX_BUSY = 3,
	EX_NOSCLOG = 4,
	EX_LOGLOC = 5,
};

enum flush_mode { FLUSH_NONE, FLUSH_INCREMENTAL, FLUSH_DATA, FLUSH_SYNC };

/*
 * What a failed write of the log does (--disk-full-action for ENOSPC and
 * EDQUOT, --disk-error-action for any other error), as auditd's
 * disk_full_action and disk_error_action:
 *   ignore   the batch's records are lost and counted; sclogd reads on
 *   syslog   the same, and an alert to syslog when writing starts failing
 *   suspend  the batch is kept and written again every second; meanwhile
 *            sclogd reads nothing, so records wait in the kernel buffers
 *            (where the kernel's full-buffer and loss policies apply)
 *   halt     sync and power the machine off (an unrecorded machine must
 *            not run)
 */
enum disk_action { DISK_IGNORE, DISK_SYSLOG, DISK_SUSPEND, DISK_HALT };

/* Syslog severities (RFC 5424). */
enum { SEV_ALERT = 1, SEV_ERR = 3, SEV_WARNING = 4, SEV_NOTICE = 5, SEV_INFO = 6 };

/* Diagnostics: "sclogd: ..." on stderr, and to syslog once daemonized. */
void msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern bool msg_to_syslog;

/* --- output.c: the log file (or stdout) ----------------------------------- */

struct out_file {
	int dirfd;		/* the log directory, -1 for stdout */
	int fd;
	char path[4096];	/* for messages */
	char name[32];		/* <seconds>.log in dirfd */
	bool is_reg;		/* fsync/fdatasync only regular files */
	enum flush_mode flush;
	unsigned long flush_count;
	uint64_t unsynced;	/* records written since the last sync */
	bool partial;		/* a failed write left a partial line */
	bool failing;		/* the last write failed */
	int last_errno;
	uint64_t failed_writes;	/* batches not (fully) written */
	uint64_t unwritten;	/* records in those batches */
	uint64_t unwritten_since; /* records lost since the last good write */
	/*
	 * Raw records (--raw): a partial write is cut off again (a regular
	 * file) so the file stays a whole number of records; where that is
	 * not possible, nothing more is written (broken).
	 */
	bool raw;
	bool broken;
	/* The actions on failure; suspend only where the input can wait. */
	enum disk_action full_action, error_action;
	bool can_keep;
	size_t kept_done;	/* bytes of a kept batch already written */
	enum disk_action acted;	/* the action of the last failure */
	bool fail_new;		/* the last failure started a failing spell */
};

/*
 * Open DIR/<start>.<ext> (ext "log" or "raw"), creating DIR (mode 0700, last
 * component only).  Returns 0, or an exit code after printing why.
 */
int out_open_dir(struct out_file *f, const char *dir, long long start,
		 const char *ext);
void out_open_stdout(struct out_file *f);
/* SIGHUP: open the same path again; keeps the old file on failure. */
void out_reopen(struct out_file *f);
/*
 * Write one batch holding nrecords records.  Errors are reported, and
 * f->acted says which action applies (f->fail_new: the first failure of
 * a spell, or a new errno).  With suspend (and can_keep), the batch is
 * kept: returns 1, and the caller calls again later with the same batch;
 * otherwise its records are lost and counted.  Returns -1 only for EPIPE
 * on a pipe, which cannot recover; 0 otherwise.
 */
int out_write(struct out_file *f, const char *p, size_t n, uint64_t nrecords);
void out_close(struct out_file *f);

/* --- output.c: syslog ------------------------------------------------------- */

/* At most this many pids of the syslog daemon are exempt (sclogd(8)). */
#define SYSLOG_EXEMPT_MAX	16
/* How long a send waits for a full syslog daemon before messages are dropped. */
#define SYSLOG_WAIT_MS		100

struct syslog_out {
	int fd;
	struct sockaddr_un sa;
	socklen_t salen;
	int facility;
	char host[256];
	pid_t pid;
	uint64_t sent;
	uint64_t lost;
	bool warned;
	bool stalled;		/* a wait ran out: drop without waiting until a send works */
	/*
	 * The processes holding the receiving socket (the syslog daemon),
	 * found at each (re)connect when find_daemon is set: their records
	 * are not forwarded, else each message makes more records.
	 */
	bool find_daemon;
	bool scan_warned;	/* "found no holder" said once */
	bool exempt_more;	/* more holders than SYSLOG_EXEMPT_MAX */
	unsigned int nexempt;
	pid_t exempt[SYSLOG_EXEMPT_MAX];
	uint64_t exempted;	/* records not forwarded because of that */
};

int syslog_facility_from_name(const char *name);
/*
 * Connect to path; returns 0 or -1 with errno.  With find_daemon, also
 * find the pids holding the socket (then and at every reconnect).
 */
int syslog_open(struct syslog_out *s, const char *path, int facility,
		bool find_daemon);
/* Is pid (a thread group) one of the syslog daemon's? */
bool syslog_exempt(const struct syslog_out *s, pid_t pid);
void syslog_send(struct syslog_out *s, int severity, const char *m, size_t n);
void syslog_close(struct syslog_out *s);

/* --- daemon.c ---------------------------------------------------------------- */

/*
 * Lock the pid file.  Returns the fd, or -1 after printing why (*code set to
 * the exit code).
 */
int pidfile_lock(const char *path, int *code);
void pidfile_write(int fd, const char *path);
/* Fork; the parent waits until the child is ready or exits.  Returns the fd
 * to pass to daemon_ready(). */
int daemon_start(void);
/* Child side: detach stdio and release the waiting parent. */
void daemon_ready(int fd, bool keep_stdout);
/* sd_notify(3) protocol, without libsystemd.  state: "READY=1" ... */
void notify_systemd(const char *state);

#endif /* SCLOGD_H */
