// SPDX-License-Identifier: GPL-2.0-only
/*
 * sclogd process management: the pid file, daemonizing, and readiness
 * notification (systemd's $NOTIFY_SOCKET protocol, implemented directly so
 * the static binary needs no libsystemd).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sclogd.h"

int pidfile_lock(const char *path, int *code)
{
	struct stat st;
	char buf[32];
	ssize_t n;
	long pid;
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY,
		  0644);
	if (fd < 0) {
		msg("pid file %s: %s", path, strerror(errno));
		*code = EX_RUNTIME;
		return -1;
	}
	/* As the log file: never truncate what a hard link planted there. */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1 ||
	    st.st_uid != geteuid()) {
		msg("pid file %s: not a regular file with one link owned by "
		    "uid %ju, not used", path, (uintmax_t)geteuid());
		*code = EX_RUNTIME;
		close(fd);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return fd;
	if (errno != EWOULDBLOCK) {
		msg("pid file %s: lock: %s", path, strerror(errno));
		*code = EX_RUNTIME;
		close(fd);
		return -1;
	}
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	pid = strtol(buf, NULL, 10);
	if (pid > 0)
		msg("another sclogd is already running as pid %ld (pid file %s)",
		    pid, path);
	else
		msg("another sclogd is already running (pid file %s is locked)",
		    path);
	*code = EX_BUSY;
	close(fd);
	return -1;
}

void pidfile_write(int fd, const char *path)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());

	if (ftruncate(fd, 0) < 0 || pwrite(fd, buf, (size_t)n, 0) != n)
		msg("pid file %s: %s", path, strerror(errno));
}

int daemon_start(void)
{
	int p[2], status;
	pid_t pid;
	char c;

	if (pipe2(p, O_CLOEXEC) < 0) {
		msg("pipe: %s", strerror(errno));
		exit(EX_RUNTIME);
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		msg("fork: %s", strerror(errno));
		exit(EX_RUNTIME);
	}
	if (pid > 0) {
		/* Until the child is ready, its errors go to our terminal. */
		ssize_t r;

		close(p[1]);
		do
			r = read(p[0], &c, 1);
		while (r < 0 && errno == EINTR);
		if (r == 1)
			_exit(0);	/* the child is ready */
		if (waitpid(pid, &status, 0) == pid && WIFEXITED(status))
			_exit(WEXITSTATUS(status));
		_exit(EX_RUNTIME);
	}
	close(p[0]);
	if (setsid() < 0) {
		msg("setsid: %s", strerror(errno));
		exit(EX_RUNTIME);
	}
	return p[1];
}

void daemon_ready(int fd, bool keep_stdout)
{
	int nul;

	if (chdir("/") < 0)
		msg("chdir /: %s", strerror(errno));
	nul = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (nul >= 0) {
		fflush(NULL);
		dup2(nul, STDIN_FILENO);
		if (!keep_stdout)
			dup2(nul, STDOUT_FILENO);
		dup2(nul, STDERR_FILENO);
		if (nul > STDERR_FILENO)
			close(nul);
	}
	msg_to_syslog = true;
	if (write(fd, "", 1) < 0)
		msg("cannot tell the parent we are ready: %s", strerror(errno));
	close(fd);
}

void notify_systemd(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t len;
	int fd;

	if (!path || !path[0])
		return;
	len = strlen(path);
	if ((path[0] != '/' && path[0] != '@') || len >= sizeof(sa.sun_path)) {
		msg("NOTIFY_SOCKET=%s: not an absolute path or abstract "
		    "socket name, ignored", path);
		return;
	}
	memcpy(sa.sun_path, path, len);
	if (path[0] == '@')
		sa.sun_path[0] = '\0';	/* abstract namespace */
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		msg("NOTIFY_SOCKET: socket: %s", strerror(errno));
		return;
	}
	if (sendto(fd, state, strlen(state), MSG_NOSIGNAL,
		   (struct sockaddr *)&sa,
		   (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len)) < 0)
		msg("NOTIFY_SOCKET=%s: %s", path, strerror(errno));
	close(fd);
}
