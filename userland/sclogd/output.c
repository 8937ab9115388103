// SPDX-License-Identifier: GPL-2.0-only
/*
 * sclogd outputs: the per-run log file (or standard output) and syslog.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sclogd.h"

bool msg_to_syslog;
static struct syslog_out diag_syslog = { .fd = -1 };

void msg(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	fprintf(stderr, "sclogd: %s\n", buf);
	if (msg_to_syslog) {
		/* Daemonized: stderr is /dev/null.  Best effort. */
		if (diag_syslog.fd < 0 &&
		    syslog_open(&diag_syslog, "/dev/log", 3 /* daemon */,
				false) < 0)
			return;
		syslog_send(&diag_syslog, SEV_ERR, buf, (size_t)n);
	}
}

/* --- log file ----------------------------------------------------------- */

static int open_file(struct out_file *f)
{
	struct stat st;
	int fd;

	/*
	 * O_NOFOLLOW: never follow a symlink planted in the directory;
	 * O_NONBLOCK: a planted FIFO fails (ENXIO) instead of blocking.
	 */
	fd = openat(f->dirfd, f->name, O_WRONLY | O_CREAT | O_APPEND |
		    O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK, 0600);
	if (fd < 0) {
		if (errno == ELOOP)
			msg("%s: is a symbolic link, not opened", f->path);
		else
			msg("%s: %s", f->path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		msg("%s: %s", f->path, strerror(errno));
		goto bad;
	}
	if (!S_ISREG(st.st_mode)) {
		msg("%s: not a regular file", f->path);
		goto bad;
	}
	if (st.st_nlink != 1) {
		msg("%s: has %ju hard links, not writing to it", f->path,
		    (uintmax_t)st.st_nlink);
		goto bad;
	}
	if (st.st_uid != geteuid()) {
		msg("%s: owned by uid %ju, not by sclogd's uid %ju", f->path,
		    (uintmax_t)st.st_uid, (uintmax_t)geteuid());
		goto bad;
	}
	if ((st.st_mode & 07777) != 0600 && fchmod(fd, 0600) < 0) {
		msg("%s: chmod 0600: %s", f->path, strerror(errno));
		goto bad;
	}
	/* Blocking writes from now on. */
	if (fcntl(fd, F_SETFL, O_APPEND) < 0) {
		msg("%s: %s", f->path, strerror(errno));
		goto bad;
	}
	return fd;
bad:
	close(fd);
	return -1;
}

int out_open_dir(struct out_file *f, const char *dir, long long start,
		 const char *ext)
{
	struct stat st;

	memset(f, 0, sizeof(*f));
	f->fd = -1;
	f->is_reg = true;
	if (snprintf(f->name, sizeof(f->name), "%lld.%s", start, ext) >=
	    (int)sizeof(f->name) ||
	    snprintf(f->path, sizeof(f->path), "%s/%s", dir, f->name) >=
	    (int)sizeof(f->path)) {
		msg("%s: log directory name too long", dir);
		return EX_LOGLOC;
	}
	if (mkdir(dir, 0700) == 0) {
		msg("created log directory %s", dir);
	} else if (errno != EEXIST) {
		msg("cannot create log directory %s: %s", dir, strerror(errno));
		return EX_LOGLOC;
	}
	f->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (f->dirfd < 0) {
		msg("log directory %s: %s", dir, strerror(errno));
		return EX_LOGLOC;
	}
	if (fstat(f->dirfd, &st) < 0) {
		msg("log directory %s: %s", dir, strerror(errno));
		goto bad;
	}
	/* Its owner can rename or remove the logs: root or sclogd's user. */
	if (st.st_uid != geteuid() && st.st_uid != 0) {
		msg("log directory %s is owned by uid %ju, not by root or sclogd's uid %ju",
		    dir, (uintmax_t)st.st_uid, (uintmax_t)geteuid());
		goto bad;
	}
	/* Anyone else who can write there can plant or remove log files. */
	if ((st.st_mode & 0022) && !(st.st_mode & S_ISVTX)) {
		msg("log directory %s is writable by group or others (mode %04o)",
		    dir, (unsigned int)(st.st_mode & 07777));
		goto bad;
	}
	f->fd = open_file(f);
	if (f->fd < 0)
		goto bad;
	return 0;
bad:
	close(f->dirfd);
	f->dirfd = -1;
	return EX_LOGLOC;
}

void out_open_stdout(struct out_file *f)
{
	struct stat st;

	memset(f, 0, sizeof(*f));
	f->dirfd = -1;
	f->fd = STDOUT_FILENO;
	strcpy(f->path, "standard output");
	f->is_reg = fstat(f->fd, &st) == 0 && S_ISREG(st.st_mode);
}

static void do_sync(struct out_file *f, bool full)
{
	if (!f->is_reg || f->fd < 0)
		return;
	if ((full ? fsync(f->fd) : fdatasync(f->fd)) < 0)
		msg("%s: %s: %s", f->path, full ? "fsync" : "fdatasync",
		    strerror(errno));
	f->unsynced = 0;
}

static void close_file(struct out_file *f, int fd)
{
	if (f->flush != FLUSH_NONE && f->is_reg && fsync(fd) < 0)
		msg("%s: fsync: %s", f->path, strerror(errno));
	if (close(fd) < 0)
		msg("%s: close: %s", f->path, strerror(errno));
}

void out_reopen(struct out_file *f)
{
	int fd;

	if (f->dirfd < 0)
		return;
	fd = open_file(f);
	if (fd < 0) {
		msg("%s: reopen failed, still writing to the old file",
		    f->path);
		return;
	}
	close_file(f, f->fd);
	f->fd = fd;
	f->unsynced = 0;
	f->partial = false;
	f->broken = false;
	/* A kept batch goes whole into the new file. */
	f->kept_done = 0;
}

/* 0, or -1 with errno: all of p written, or nothing more can be. */
static int write_all(int fd, const char *p, size_t n, size_t *done)
{
	*done = 0;
	while (*done < n) {
		ssize_t w = write(fd, p + *done, n - *done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN) {
			/* Standard output may have been left non-blocking. */
			struct pollfd pfd = { .fd = fd, .events = POLLOUT };

			if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
				return -1;
			continue;
		}
		if (w < 0)
			return -1;
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		*done += (size_t)w;
	}
	return 0;
}

/*
 * A raw batch was written only in part (done bytes): take them back, so
 * that the file still holds whole records.  Keeps errno.
 */
static void raw_cut(struct out_file *f, size_t done)
{
	int e = errno;
	off_t end = f->is_reg ? lseek(f->fd, 0, SEEK_CUR) : -1;
	const char *why = "file offset lost";

	if (end >= (off_t)done) {
		if (ftruncate(f->fd, end - (off_t)done) == 0) {
			errno = e;
			return;
		}
		why = strerror(errno);
	} else if (end < 0) {
		why = strerror(errno);
	}
	if (f->is_reg)
		msg("%s: cannot remove the %zu bytes of a partly written "
		    "batch: %s; the file ends in a cut record, nothing more "
		    "is written to it", f->path, done, why);
	else
		msg("%s: a batch was written only in part (%zu bytes); "
		    "the raw stream ends in a cut record, nothing more is "
		    "written to it", f->path, done);
	f->broken = true;
	errno = e;
}

/* The action for a failed write with errno e. */
static enum disk_action failure_action(const struct out_file *f, int e)
{
	enum disk_action a = e == ENOSPC || e == EDQUOT ? f->full_action :
							  f->error_action;

	/* Suspending needs an input that waits: the kernel buffers. */
	if (a == DISK_SUSPEND && !f->can_keep)
		a = DISK_IGNORE;
	return a;
}

int out_write(struct out_file *f, const char *p, size_t n, uint64_t nrecords)
{
	size_t done, from = f->kept_done;
	int e;

	if (f->fd < 0)
		return 0;
	f->fail_new = false;
	if (from) {
		/* The rest of a kept batch. */
		if (write_all(f->fd, p + from, n - from, &done) == 0) {
			f->kept_done = 0;
			goto written;
		}
		done += from;
		f->kept_done = 0;
		if (failure_action(f, errno) == DISK_SUSPEND)
			goto keep;
		goto failed;
	}
	if (f->broken) {
		/* Reported when it broke: a raw stream cut mid-record. */
		f->failed_writes++;
		f->unwritten += nrecords;
		f->unwritten_since += nrecords;
		return 0;
	}
	if (f->partial && n) {
		/* End the line a failed write cut, so the next one parses. */
		if (write_all(f->fd, "\n", 1, &done) == 0)
			f->partial = false;
	}
	if (!f->partial && write_all(f->fd, p, n, &done) == 0) {
written:
		if (f->failing && f->acted == DISK_SUSPEND)
			msg("%s: writing again; reading the kernel buffer again",
			    f->path);
		else if (f->failing)
			msg("%s: writing again after %ju lost records",
			    f->path, (uintmax_t)f->unwritten_since);
		f->failing = false;
		f->unwritten_since = 0;
		f->unsynced += nrecords;
		switch (f->flush) {
		case FLUSH_NONE:
			break;
		case FLUSH_INCREMENTAL:
			if (f->unsynced >= f->flush_count)
				do_sync(f, false);
			break;
		case FLUSH_DATA:
			do_sync(f, false);
			break;
		case FLUSH_SYNC:
			do_sync(f, true);
			break;
		}
		return 0;
	}
	if (!f->partial && failure_action(f, errno) == DISK_SUSPEND) {
keep:
		e = errno;
		f->kept_done = done;
		if (!f->failing || e != f->last_errno) {
			msg("%s: write failed: %s; sclogd reads nothing until it "
			    "works again (tried every second): records wait in "
			    "the kernel buffer", f->path, strerror(e));
			f->fail_new = true;
		}
		f->failing = true;
		f->last_errno = e;
		f->acted = DISK_SUSPEND;
		return 1;
	}
failed:
	if (f->partial)
		done = 0;
	else if (done > 0 && done < n && f->raw)
		raw_cut(f, done);
	else if (done > 0 && done < n)
		f->partial = p[done - 1] != '\n';
	f->failed_writes++;
	f->unwritten += nrecords;
	f->unwritten_since += nrecords;
	e = errno;
	f->acted = failure_action(f, e);
	if (!f->failing || e != f->last_errno) {
		msg("%s: write failed: %s; records are lost until it works "
		    "again (sclogd keeps reading the kernel buffer)",
		    f->path, strerror(e));
		f->fail_new = true;
	}
	f->failing = true;
	f->last_errno = e;
	if (e == EPIPE && !f->is_reg && f->dirfd < 0)
		return -1;
	return 0;
}

void out_close(struct out_file *f)
{
	if (f->dirfd >= 0) {
		if (f->fd >= 0)
			close_file(f, f->fd);
		close(f->dirfd);
		f->dirfd = -1;
	} else if (f->fd >= 0) {
		do_sync(f, f->flush == FLUSH_SYNC);
	}
	f->fd = -1;
}

/* --- syslog --------------------------------------------------------------- */

static const char *const facilities[24] = {
	"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
	"uucp", "cron", "authpriv", "ftp", NULL, NULL, NULL, NULL,
	"local0", "local1", "local2", "local3", "local4", "local5", "local6",
	"local7",
};

int syslog_facility_from_name(const char *name)
{
	int i;

	for (i = 0; i < 24; i++)
		if (facilities[i] && !strcmp(facilities[i], name))
			return i;
	return -1;
}

/*
 * The syslog daemon's own records.  Handling a message, the daemon makes
 * system calls that the kernel records and sclogd would forward as more
 * messages: a loop that never ends.  So find the processes holding the
 * receiving socket: the sockets bound to its path in /proc/net/unix, and
 * the processes with one of them open (/proc/PID/fd/N -> socket:[INODE]).
 * Pid 1 is never exempt: systemd holds /dev/log only to pass it on to
 * journald, and its own calls are wanted.
 */

#define BOUND_MAX	16	/* sockets bound to the path (and accepted) */

/*
 * Inodes of the sockets /proc/net/unix lists with path a or b.  Returns
 * how many (up to max), or -1 with errno if it cannot be read.
 */
static int bound_inodes(const char *a, const char *b, unsigned long *ino,
			int max)
{
	FILE *f = fopen("/proc/net/unix", "re");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int n = 0;

	if (!f)
		return -1;
	/* Num: RefCount Protocol Flags Type St Inode [Path] */
	while ((len = getline(&line, &cap, f)) > 0 && n < max) {
		unsigned long inode;
		int off = 0;

		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (sscanf(line, "%*s %*x %*x %*x %*x %*x %lu %n", &inode,
			   &off) != 1 || off <= 0 || !inode)
			continue;
		if (!strcmp(line + off, a) || (b && !strcmp(line + off, b)))
			ino[n++] = inode;
	}
	free(line);
	fclose(f);
	return n;
}

/* Does process pid hold one of the sockets?  -1: EACCES. */
static int holds(int procfd, unsigned long pid, const unsigned long *ino,
		 int nino)
{
	char path[64], link[64];
	struct dirent *e;
	DIR *dir;
	int fd, found = 0;

	snprintf(path, sizeof(path), "%lu/fd", pid);
	fd = openat(procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno == EACCES || errno == EPERM ? -1 : 0;
	dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return 0;
	}
	while (!found && (e = readdir(dir))) {
		ssize_t n = readlinkat(fd, e->d_name, link, sizeof(link) - 1);
		unsigned long v;
		char *end;
		int i;

		if (n < 9 || strncmp(link, "socket:[", 8))
			continue;
		link[n] = '\0';
		errno = 0;
		v = strtoul(link + 8, &end, 10);
		if (errno || strcmp(end, "]"))
			continue;
		for (i = 0; i < nino; i++)
			if (ino[i] == v)
				found = 1;
	}
	closedir(dir);
	return found;
}

static void find_daemon(struct syslog_out *s)
{
	unsigned long ino[BOUND_MAX];
	char real[PATH_MAX], why[128];
	const char *rp;
	struct dirent *e;
	struct stat st, pst;
	int nino, denied = 0, skipped_init = 0;
	DIR *proc;

	s->nexempt = 0;
	s->exempt_more = false;
	why[0] = '\0';
	errno = 0;
	/* /dev/log may be a symbolic link (to /run/systemd/journal/dev-log). */
	if (stat(s->sa.sun_path, &st) < 0 || !S_ISSOCK(st.st_mode)) {
		snprintf(why, sizeof(why), "%s", errno ? strerror(errno) :
			 "not a socket");
		goto none;
	}
	rp = realpath(s->sa.sun_path, real);
	if (rp && !strcmp(rp, s->sa.sun_path))
		rp = NULL;
	nino = bound_inodes(s->sa.sun_path, rp, ino, BOUND_MAX);
	if (nino < 0) {
		snprintf(why, sizeof(why), "/proc/net/unix: %s",
			 strerror(errno));
		goto none;
	}
	if (!nino) {
		snprintf(why, sizeof(why), "not listed in /proc/net/unix");
		goto none;
	}
	proc = opendir("/proc");
	if (!proc) {
		snprintf(why, sizeof(why), "/proc: %s", strerror(errno));
		goto none;
	}
	while ((e = readdir(proc))) {
		unsigned long v;
		char *end;
		int r;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		errno = 0;
		v = strtoul(e->d_name, &end, 10);
		if (*end || errno || v > INT_MAX)
			continue;
		/*
		 * Anyone can make /proc/net/unix show a line of their own
		 * (a socket path with a newline in it, or a socket bound to
		 * the same path in another mount namespace): only processes
		 * of root or of the socket's owner can be the daemon.
		 */
		if (fstatat(dirfd(proc), e->d_name, &pst, 0) < 0 ||
		    (pst.st_uid != 0 && pst.st_uid != st.st_uid))
			continue;
		r = holds(dirfd(proc), v, ino, nino);
		if (r < 0)
			denied++;
		if (r <= 0)
			continue;
		if (v == 1) {
			skipped_init = 1;
			continue;
		}
		if (s->nexempt == SYSLOG_EXEMPT_MAX) {
			s->exempt_more = true;
			break;
		}
		s->exempt[s->nexempt++] = (pid_t)v;
	}
	closedir(proc);
	if (s->nexempt)
		return;
	if (denied)
		snprintf(why, sizeof(why), "no permission to look at the open "
			 "files of %d processes", denied);
	else if (skipped_init)
		snprintf(why, sizeof(why), "only pid 1 holds it");
	else
		snprintf(why, sizeof(why), "no process holds it");
none:
	if (s->scan_warned)
		return;
	s->scan_warned = true;
	/* Not msg(): that could go to this very socket. */
	fprintf(stderr, "sclogd: syslog %s: cannot find the syslog daemon's "
		"pid (%s); its records are forwarded to syslog too\n",
		s->sa.sun_path, why);
}

bool syslog_exempt(const struct syslog_out *s, pid_t pid)
{
	unsigned int i;

	for (i = 0; i < s->nexempt; i++)
		if (s->exempt[i] == pid)
			return true;
	return false;
}

static int syslog_connect(struct syslog_out *s)
{
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&s->sa, s->salen) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	if (s->fd >= 0)
		close(s->fd);
	s->fd = fd;
	if (s->find_daemon)
		find_daemon(s);
	return 0;
}

int syslog_open(struct syslog_out *s, const char *path, int facility,
		bool find)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->facility = facility;
	s->find_daemon = find;
	s->pid = getpid();
	if (strlen(path) >= sizeof(s->sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	s->sa.sun_family = AF_UNIX;
	strcpy(s->sa.sun_path, path);
	s->salen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
			       strlen(path) + 1);
	if (gethostname(s->host, sizeof(s->host) - 1) < 0 || !s->host[0])
		strcpy(s->host, "-");
	/* RFC 5424 HOSTNAME: printable ASCII without spaces, up to 255. */
	for (char *c = s->host; *c; c++)
		if (*c <= 0x20 || *c >= 0x7f)
			*c = '_';
	return syslog_connect(s);
}

void syslog_send(struct syslog_out *s, int severity, const char *m, size_t n)
{
	char hdr[512];
	struct timespec ts;
	struct tm tm;
	struct iovec iov[2];
	struct msghdr mh = { .msg_iov = iov, .msg_iovlen = 2 };
	bool waited = false;
	int h, tries;

	if (s->fd < 0) {
		s->lost++;
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	h = snprintf(hdr, sizeof(hdr),
		     "<%d>1 %04d-%02d-%02dT%02d:%02d:%02d.%06ldZ %s sclogd %ld - - ",
		     s->facility * 8 + severity, tm.tm_year + 1900,
		     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		     tm.tm_sec, ts.tv_nsec / 1000, s->host, (long)s->pid);
	if (h < 0 || (size_t)h >= sizeof(hdr)) {
		s->lost++;
		return;
	}
	iov[0].iov_base = hdr;
	iov[0].iov_len = (size_t)h;
	iov[1].iov_base = (void *)m;
	iov[1].iov_len = n;
	for (tries = 0; tries < 3; tries++) {
		if (sendmsg(s->fd, &mh, MSG_NOSIGNAL | MSG_DONTWAIT) >= 0) {
			s->sent++;
			s->stalled = false;
			return;
		}
		if (errno == EINTR)
			continue;
		/* syslogd restarted: its socket is new. */
		if ((errno == ECONNREFUSED || errno == ENOTCONN) && tries == 0 &&
		    syslog_connect(s) == 0)
			continue;
		/*
		 * The receiver's queue is full: give it SYSLOG_WAIT_MS once.
		 * If that runs out, drop without waiting until a send works
		 * again, so a stuck daemon never holds up the reader of the
		 * kernel buffer for more than that.
		 */
		if (errno == EAGAIN && !s->stalled && !waited) {
			struct pollfd p = { .fd = s->fd, .events = POLLOUT };
			int r;

			waited = true;
			do
				r = poll(&p, 1, SYSLOG_WAIT_MS);
			while (r < 0 && errno == EINTR);
			if (r > 0)
				continue;
			errno = EAGAIN;
		}
		if (errno == EAGAIN)
			s->stalled = true;
		break;
	}
	/* The receiver is behind: count the message as lost. */
	s->lost++;
	if (!s->warned && s != &diag_syslog) {
		s->warned = true;
		fprintf(stderr, "sclogd: syslog %s: %s; dropping messages "
			"(counted in the stop line)\n", s->sa.sun_path,
			strerror(errno));
	}
}

void syslog_close(struct syslog_out *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}
