// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload: make a known sequence of system calls, for the end-to-end tests
 * of sclogd and for capturing fixture records.  Built static, 64-bit
 * (workload) and 32-bit (workload32, whose calls go through the i386 ABI).
 *
 * usage: workload STEP...
 *   comm:NAME        prctl(PR_SET_NAME, NAME); NAME takes C escapes \n \t
 *                    \\ \" \xHH, so a test can give itself a hostile name
 *   open:PATH[:FL]   open(PATH, FL, 0640) with the libc's open() (openat on
 *                    64-bit); FL is a '|' list of r w rw creat trunc excl
 *                    append cloexec nofollow directory (default r)
 *   access:PATH      access(PATH, R_OK|W_OK)
 *   setuid:UID       setuid(UID)
 *   fork             fork(); the child _exit(0)s; wait for it
 *   getppid          getppid() (a call a hook or a rule may fail)
 *   sleep:MS         nanosleep
 *   writefd:FD:TEXT  write(FD, TEXT): a write through an inherited descriptor
 *   uring-append:PATH:TEXT
 *                    open PATH for appending, write TEXT and close it, all
 *                    through io_uring (64-bit build only); RET is the
 *                    write's result
 *   loop:N           N getppid() calls as fast as possible (benchmarks);
 *                    prints the calls per second
 *   openloop:N       N open("/dev/null") + close() pairs, likewise (the
 *                    calls per second count the opens)
 * Prints "pid=N" first, then one line "STEP = RET" per step (RET the
 * libc's return value, or -errno).  Exit status: 0, or 2 for a bad step.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int unescape(const char *in, char *out, size_t size)
{
	size_t n = 0;

	while (*in) {
		char c = *in++;

		if (c == '\\') {
			c = *in++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case '\\': case '"': break;
			case 'x': {
				char hex[3] = { 0 };

				if (!in[0] || !in[1])
					return -1;
				hex[0] = in[0];
				hex[1] = in[1];
				in += 2;
				c = (char)strtol(hex, NULL, 16);
				break;
			}
			default:
				return -1;
			}
		}
		if (n + 1 >= size)
			return -1;
		out[n++] = c;
	}
	out[n] = '\0';
	return 0;
}

static int open_flags(const char *s, int *flags)
{
	static const struct { const char *name; int flag; } tab[] = {
		{ "r", O_RDONLY }, { "w", O_WRONLY }, { "rw", O_RDWR },
		{ "creat", O_CREAT }, { "trunc", O_TRUNC }, { "excl", O_EXCL },
		{ "append", O_APPEND }, { "cloexec", O_CLOEXEC },
		{ "nofollow", O_NOFOLLOW }, { "directory", O_DIRECTORY },
	};
	char buf[256], *tok, *save = NULL;

	*flags = 0;
	if (!s)
		return 0;
	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	for (tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		size_t i;

		for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
			if (!strcmp(tok, tab[i].name))
				break;
		if (i == sizeof(tab) / sizeof(tab[0]))
			return -1;
		*flags |= tab[i].flag;
	}
	return 0;
}

static long result(long r)
{
	return r < 0 ? -errno : r;
}

#ifdef WITH_LIBURING
#include <liburing.h>

/* Submit what is queued on @ring, wait for one completion: its result. */
static int uring_one(struct io_uring *ring)
{
	struct io_uring_cqe *cqe;
	int r;

	r = io_uring_submit_and_wait(ring, 1);
	if (r < 0)
		return r;
	r = io_uring_wait_cqe(ring, &cqe);
	if (r < 0)
		return r;
	r = cqe->res;
	io_uring_cqe_seen(ring, cqe);
	return r;
}

static long uring_append(const char *path, const char *text)
{
	struct io_uring ring;
	int fd, r;

	r = io_uring_queue_init(4, &ring, 0);
	if (r < 0)
		return r;
	io_uring_prep_openat(io_uring_get_sqe(&ring), AT_FDCWD, path,
			     O_WRONLY | O_APPEND, 0);
	fd = uring_one(&ring);
	if (fd < 0) {
		io_uring_queue_exit(&ring);
		return fd;
	}
	io_uring_prep_write(io_uring_get_sqe(&ring), fd, text,
			    (unsigned int)strlen(text), (__u64)-1);
	r = uring_one(&ring);
	io_uring_prep_close(io_uring_get_sqe(&ring), fd);
	uring_one(&ring);
	io_uring_queue_exit(&ring);
	return r;
}
#endif

int main(int argc, char **argv)
{
	printf("pid=%d\n", (int)getpid());
	fflush(stdout);
	for (int i = 1; i < argc; i++) {
		char *step = argv[i], *arg = strchr(step, ':'), *arg2;
		char buf[4096];
		long r;
		int flags;

		if (arg)
			*arg++ = '\0';
		if (!strcmp(step, "comm") && arg) {
			if (unescape(arg, buf, sizeof(buf)))
				goto bad;
			r = result(prctl(PR_SET_NAME, buf, 0, 0, 0));
		} else if (!strcmp(step, "open") && arg) {
			arg2 = strrchr(arg, ':');
			if (arg2)
				*arg2++ = '\0';
			if (open_flags(arg2, &flags))
				goto bad;
			r = result(open(arg, flags, 0640));
			if (r >= 0)
				close((int)r);
		} else if (!strcmp(step, "access") && arg) {
			r = result(access(arg, R_OK | W_OK));
		} else if (!strcmp(step, "setuid") && arg) {
			r = result(setuid((uid_t)strtoul(arg, NULL, 10)));
		} else if (!strcmp(step, "fork") && !arg) {
			pid_t child = fork();

			if (child == 0)
				_exit(0);
			r = result(child);
			if (child > 0)
				waitpid(child, NULL, 0);
		} else if (!strcmp(step, "getppid") && !arg) {
			r = result(syscall(SYS_getppid));
		} else if ((!strcmp(step, "loop") || !strcmp(step, "openloop")) && arg) {
			long n = strtol(arg, NULL, 10);
			int opens = step[0] == 'o';
			struct timespec t0, t1;
			double s;

			clock_gettime(CLOCK_MONOTONIC, &t0);
			for (r = 0; r < n; r++) {
				if (opens)
					close(open("/dev/null", O_RDONLY));
				else
					syscall(SYS_getppid);
			}
			clock_gettime(CLOCK_MONOTONIC, &t1);
			s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
			printf("loop: %.0f calls/s\n", s > 0 ? (double)n / s : 0.0);
		} else if (!strcmp(step, "writefd") && arg &&
			   (arg2 = strchr(arg, ':'))) {
			*arg2++ = '\0';
			r = result(write((int)strtol(arg, NULL, 10), arg2,
					 strlen(arg2)));
#ifdef WITH_LIBURING
		} else if (!strcmp(step, "uring-append") && arg &&
			   (arg2 = strchr(arg, ':'))) {
			*arg2++ = '\0';
			r = uring_append(arg, arg2);
#endif
		} else if (!strcmp(step, "sleep") && arg) {
			long ms = strtol(arg, NULL, 10);
			struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

			r = result(nanosleep(&ts, NULL));
		} else {
			goto bad;
		}
		printf("%s = %ld\n", step, r);
		fflush(stdout);
		continue;
bad:
		fprintf(stderr, "workload: bad step '%s'\n", argv[i]);
		return 2;
	}
	return 0;
}
