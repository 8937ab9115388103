// SPDX-License-Identifier: GPL-2.0-only
/*
 * bypass: reach a file one way, N times, for the bypass matrix of the test
 * VM (tests/vm/tests/bypass.sh): each way is one a process could use to
 * hide an access from a recorder that watches only the obvious path.
 * Built 64-bit (bypass, with liburing) and 32-bit (bypass32).
 *
 * usage: bypass WAY N DIR
 * Every way but race opens and closes DIR/target-WAY (made if missing):
 *   syscall       openat through the syscall instruction
 *   int80         open (i386 number 5) through int $0x80, from a 64-bit
 *                 process, or from bypass32
 *   vdso          (bypass32) open through the vDSO's __kernel_vsyscall,
 *                 which enters with sysenter or syscall
 *   x32           openat with the x32 bit set (64-bit build)
 *   uring         IORING_OP_OPENAT and IORING_OP_CLOSE (64-bit build)
 *   ptrace-args   the child calls openat(DIR/decoy-ptrace-args); its
 *                 tracer (this process) rewrites the path argument at the
 *                 entry stop to point at DIR/target-ptrace-args
 *   ptrace-nr     the child calls getppid(); the tracer rewrites the call
 *                 into openat(AT_FDCWD, DIR/target-ptrace-nr, O_RDONLY)
 *   symlink       through DIR/link-symlink, a symlink to the target
 *   procroot      through /proc/self/root/DIR/target-procroot
 *   dirfd         openat(descriptor of DIR, "target-dirfd")
 *   relative      "sub/../target-relative" from DIR as the working directory
 *   bind          DIR/bind/target-bind, DIR/bind a bind mount of DIR/real
 *                 (the program mounts it and unmounts it after)
 *   hardlink      DIR/alias-hardlink, a hard link to the target
 *   race          DIR/flip, a symlink that a second thread keeps replacing
 *                 (rename) by one to DIR/race-a or DIR/race-b; each open
 *                 is counted by the file it reached (fstat)
 *   race-buf      DIR/race-a, whose last letter a second thread keeps
 *                 flipping between a and b in the buffer open() reads
 * Prints one line
 *   way=WAY pid=P tried=N opened=K [entry=E] [a=KA b=KB]
 * P the process that made the calls (the child for the ptrace ways), K the
 * opens that reached the target (race: KA and KB the opens that reached
 * race-a and race-b), E how the vDSO enters (sysenter, syscall, int80).
 * Exit status: 0 when every open reached its target (race: one of them),
 * 1 otherwise, 2 for bad usage, 3 when this kernel or this build does not
 * offer the way (ENOSYS, no int $0x80, no io_uring).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef WITH_LIBURING
#include <liburing.h>
#endif

#define X32_BIT 0x40000000L

static char dir[1024];
static long n;
static char *low;		/* a page below 4 GiB, for 32-bit pointers */

static void die(const char *what)
{
	fprintf(stderr, "bypass: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void unsupported(const char *way, const char *why)
{
	fprintf(stderr, "bypass: %s: %s\n", way, why);
	exit(3);
}

/* DIR/NAME into buf. */
static char *in_dir(char *buf, size_t size, const char *name)
{
	if ((size_t)snprintf(buf, size, "%s/%s", dir, name) >= size) {
		fprintf(stderr, "bypass: %s/%s: too long\n", dir, name);
		exit(2);
	}
	return buf;
}

/*
 * An empty file at path, made with mknod(): not an open, so that the only
 * opens of a target are those of the way being tried.
 */
static void make_file(const char *path)
{
	if (mknod(path, S_IFREG | 0644, 0) < 0 && errno != EEXIST)
		die(path);
}

/* Whether fd is the file at path. */
static bool same_file(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* A page below 4 GiB holding a copy of s (32-bit system calls). */
static char *low_copy(const char *s)
{
	if (!low) {
#ifdef __x86_64__
		low = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
#else
		low = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#endif
		if (low == MAP_FAILED)
			die("mmap");
	}
	if (strlen(s) >= 8192)
		exit(2);
	strcpy(low, s);
	return low;
}

/* An i386 call of up to three arguments through int $0x80. */
static long int80(long nr, long a, long b, long c)
{
#ifdef __x86_64__
	long ret = nr;

	/* The 64-bit registers the i386 entry does not save are clobbered. */
	asm volatile("int $0x80"
		     : "+a"(ret)
		     : "b"(a), "c"(b), "d"(c)
		     : "memory", "r8", "r9", "r10", "r11");
	return ret;
#else
	long ret;

	asm volatile("pushl %%ebx\n\tmovl %[a], %%ebx\n\tint $0x80\n\tpopl %%ebx"
		     : "=a"(ret)
		     : "0"(nr), [a] "S"(a), "c"(b), "d"(c)
		     : "memory");
	return ret;
#endif
}

/* int $0x80 without ia32 emulation raises SIGSEGV: the way is not offered. */
static void on_segv(int sig)
{
	static const char msg[] = "bypass: int80: int $0x80 raised SIGSEGV (no ia32 emulation)\n";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(3);
}

#ifndef __x86_64__
/* An i386 call through the vDSO's __kernel_vsyscall. */
static long vsyscall(unsigned long entry, long nr, long a, long b, long c)
{
	long ret;

	asm volatile("pushl %%ebx\n\tmovl %[a], %%ebx\n\tcall *%[entry]\n\tpopl %%ebx"
		     : "=a"(ret)
		     : "0"(nr), [a] "S"(a), "c"(b), "d"(c), [entry] "D"(entry)
		     : "memory");
	return ret;
}

/* How __kernel_vsyscall enters the kernel: the first entry instruction. */
static const char *vdso_entry(unsigned long entry)
{
	const unsigned char *p = (const unsigned char *)entry;
	int i;

	for (i = 0; i < 64; i++) {
		if (p[i] == 0x0f && p[i + 1] == 0x34)
			return "sysenter";
		if (p[i] == 0x0f && p[i + 1] == 0x05)
			return "syscall";
		if (p[i] == 0xcd && p[i + 1] == 0x80)
			return "int80";
	}
	return "unknown";
}
#endif

/* Opens through a path name: open(path) n times with the given function. */
static long open_path_loop(const char *path, const char *target)
{
	long i, ok = 0;
	int fd;

	for (i = 0; i < n; i++) {
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		ok += same_file(fd, target);
		close(fd);
	}
	return ok;
}

#ifdef __x86_64__
/* ptrace ways: the child's loop, then the tracer's. */
static void ptrace_child(bool nr_way, const char *decoy, const char *target)
{
	long i, ret;

	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
		_exit(10);
	raise(SIGSTOP);
	for (i = 0; i < n; i++) {
		if (nr_way)
			ret = syscall(SYS_getppid);
		else
			ret = syscall(SYS_openat, AT_FDCWD, decoy, O_RDONLY);
		/*
		 * Only the rewritten call gives a descriptor of the target
		 * (getppid's own result, a pid, is no open descriptor).
		 */
		if (ret < 0 || !same_file((int)ret, target))
			_exit(11);
		close((int)ret);
	}
	_exit(0);
}

static long ptrace_way(bool nr_way, const char *decoy, const char *target, pid_t *childp)
{
	struct __ptrace_syscall_info info;
	struct user_regs_struct regs;
	long rewritten = 0;
	int status;
	pid_t child;

	child = fork();
	if (child < 0)
		die("fork");
	if (!child)
		ptrace_child(nr_way, decoy, target);
	*childp = child;
	if (waitpid(child, &status, 0) != child || !WIFSTOPPED(status))
		die("waitpid");
	if (ptrace(PTRACE_SETOPTIONS, child, NULL,
		   (void *)(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)) < 0)
		die("PTRACE_SETOPTIONS");
	for (;;) {
		if (ptrace(PTRACE_SYSCALL, child, NULL, NULL) < 0)
			die("PTRACE_SYSCALL");
		if (waitpid(child, &status, 0) != child)
			die("waitpid");
		if (WIFEXITED(status) || WIFSIGNALED(status))
			break;
		if (!WIFSTOPPED(status) || WSTOPSIG(status) != (SIGTRAP | 0x80))
			continue;
		if (ptrace(PTRACE_GET_SYSCALL_INFO, child, (void *)sizeof(info), &info) < 0)
			die("PTRACE_GET_SYSCALL_INFO");
		if (info.op != PTRACE_SYSCALL_INFO_ENTRY)
			continue;
		if (nr_way ? info.entry.nr != SYS_getppid :
			     info.entry.nr != SYS_openat || info.entry.args[1] != (uintptr_t)decoy)
			continue;
		if (ptrace(PTRACE_GETREGS, child, NULL, &regs) < 0)
			die("PTRACE_GETREGS");
		if (nr_way) {
			regs.orig_rax = SYS_openat;
			regs.rdi = (unsigned long)AT_FDCWD;
			regs.rdx = O_RDONLY;
		}
		regs.rsi = (uintptr_t)target;
		if (ptrace(PTRACE_SETREGS, child, NULL, &regs) < 0)
			die("PTRACE_SETREGS");
		rewritten++;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "bypass: the traced child failed (status 0x%x)\n", status);
		return 0;
	}
	return rewritten;
}
#endif

/*
 * race: the second thread keeps replacing DIR/flip; race-buf: it keeps
 * changing the last letter of the path the first thread passes to open().
 */
static volatile int racing = 1;
static volatile unsigned long flips;
static char racebuf[1100];

static void *flipper(void *arg)
{
	char tmp[1100], flip[1100];

	(void)arg;
	in_dir(tmp, sizeof(tmp), ".flip-tmp");
	in_dir(flip, sizeof(flip), "flip");
	while (racing) {
		unlink(tmp);
		if (symlink(flips & 1 ? "race-b" : "race-a", tmp) < 0 || rename(tmp, flip) < 0)
			die("flip");
		flips = flips + 1;
	}
	return NULL;
}

static void *buf_flipper(void *arg)
{
	volatile char *last = racebuf + strlen(racebuf) - 1;

	(void)arg;
	while (racing) {
		*last = flips & 1 ? 'b' : 'a';
		flips = flips + 1;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	char target[1100], path[2200], name[64];
	const char *way, *entry = NULL;
	long opened = 0, i, ret, a = 0, b = 0;
	pid_t pid = getpid();
	char *end;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: bypass WAY N DIR\n");
		return 2;
	}
	way = argv[1];
	n = strtol(argv[2], &end, 10);
	if (*end || n < 1 || strlen(argv[3]) >= sizeof(dir) || argv[3][0] != '/') {
		fprintf(stderr, "bypass: N must be a positive number and DIR an absolute path\n");
		return 2;
	}
	strcpy(dir, argv[3]);
	snprintf(name, sizeof(name), "target-%s", way);
	in_dir(target, sizeof(target), name);
	if (strcmp(way, "race"))
		make_file(target);

	if (!strcmp(way, "syscall")) {
		for (i = 0; i < n; i++) {
			ret = syscall(SYS_openat, AT_FDCWD, target, O_RDONLY);
			if (ret >= 0) {
				opened += same_file((int)ret, target);
				close((int)ret);
			}
		}
	} else if (!strcmp(way, "int80")) {
		char *p = low_copy(target);

		signal(SIGSEGV, on_segv);
		for (i = 0; i < n; i++) {
			/* open is 5, close 6 on i386 */
			ret = int80(5, (long)(uintptr_t)p, O_RDONLY, 0);
			if (ret == -ENOSYS)
				unsupported(way, "int $0x80 gives ENOSYS");
			if (ret >= 0) {
				opened += same_file((int)ret, target);
				int80(6, ret, 0, 0);
			}
		}
		signal(SIGSEGV, SIG_DFL);
#ifndef __x86_64__
	} else if (!strcmp(way, "vdso")) {
		unsigned long e = getauxval(AT_SYSINFO);

		if (!e)
			unsupported(way, "no vDSO entry (AT_SYSINFO)");
		entry = vdso_entry(e);
		for (i = 0; i < n; i++) {
			ret = vsyscall(e, 5, (long)(uintptr_t)target, O_RDONLY, 0);
			if (ret >= 0) {
				opened += same_file((int)ret, target);
				vsyscall(e, 6, ret, 0, 0);
			}
		}
#endif
#ifdef __x86_64__
	} else if (!strcmp(way, "x32")) {
		char *p = low_copy(target);

		for (i = 0; i < n; i++) {
			ret = syscall(X32_BIT | SYS_openat, AT_FDCWD, p, O_RDONLY);
			if (ret < 0 && errno == ENOSYS)
				unsupported(way, "x32 calls give ENOSYS (CONFIG_X86_X32_ABI=n or syscall.x32=n)");
			if (ret >= 0) {
				opened += same_file((int)ret, target);
				close((int)ret);
			}
		}
	} else if (!strcmp(way, "ptrace-args") || !strcmp(way, "ptrace-nr")) {
		bool nr_way = !strcmp(way, "ptrace-nr");
		char decoy[1100];

		in_dir(decoy, sizeof(decoy), "decoy-ptrace-args");
		make_file(decoy);
		opened = ptrace_way(nr_way, decoy, target, &pid);
#endif
#ifdef WITH_LIBURING
	} else if (!strcmp(way, "uring")) {
		struct io_uring ring;
		struct io_uring_sqe *sqe;
		struct io_uring_cqe *cqe;

		ret = io_uring_queue_init(4, &ring, 0);
		if (ret == -ENOSYS || ret == -EPERM)
			unsupported(way, "io_uring is not available");
		if (ret < 0) {
			errno = (int)-ret;
			die("io_uring_queue_init");
		}
		for (i = 0; i < n; i++) {
			sqe = io_uring_get_sqe(&ring);
			io_uring_prep_openat(sqe, AT_FDCWD, target, O_RDONLY, 0);
			if (io_uring_submit(&ring) != 1 || io_uring_wait_cqe(&ring, &cqe) < 0)
				die("io_uring openat");
			ret = cqe->res;
			io_uring_cqe_seen(&ring, cqe);
			if (ret < 0)
				continue;
			opened += same_file((int)ret, target);
			sqe = io_uring_get_sqe(&ring);
			io_uring_prep_close(sqe, (int)ret);
			if (io_uring_submit(&ring) != 1 || io_uring_wait_cqe(&ring, &cqe) < 0)
				die("io_uring close");
			io_uring_cqe_seen(&ring, cqe);
		}
		io_uring_queue_exit(&ring);
#endif
	} else if (!strcmp(way, "symlink")) {
		in_dir(path, sizeof(path), "link-symlink");
		unlink(path);
		if (symlink(name, path) < 0)
			die("symlink");
		opened = open_path_loop(path, target);
	} else if (!strcmp(way, "procroot")) {
		snprintf(path, sizeof(path), "/proc/self/root%s", target);
		opened = open_path_loop(path, target);
	} else if (!strcmp(way, "dirfd")) {
		int dfd = open(dir, O_PATH | O_DIRECTORY);

		if (dfd < 0)
			die(dir);
		for (i = 0; i < n; i++) {
			fd = openat(dfd, name, O_RDONLY);
			if (fd < 0)
				continue;
			opened += same_file(fd, target);
			close(fd);
		}
		close(dfd);
	} else if (!strcmp(way, "relative")) {
		in_dir(path, sizeof(path), "sub");
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			die(path);
		if (chdir(dir) < 0)
			die(dir);
		snprintf(path, sizeof(path), "sub/../%s", name);
		opened = open_path_loop(path, target);
	} else if (!strcmp(way, "bind")) {
		char real[1100], bind[1100], real_target[2200];

		in_dir(real, sizeof(real), "real");
		in_dir(bind, sizeof(bind), "bind");
		if ((mkdir(real, 0755) < 0 && errno != EEXIST) ||
		    (mkdir(bind, 0755) < 0 && errno != EEXIST))
			die("mkdir");
		/* The file lives in DIR/real and is reached as DIR/bind/target-bind. */
		unlink(target);
		snprintf(real_target, sizeof(real_target), "%s/%s", real, name);
		make_file(real_target);
		if (mount(real, bind, NULL, MS_BIND, NULL) < 0)
			die("mount --bind");
		snprintf(path, sizeof(path), "%s/%s", bind, name);
		opened = open_path_loop(path, real_target);
		if (umount(bind) < 0)
			die("umount");
	} else if (!strcmp(way, "hardlink")) {
		in_dir(path, sizeof(path), "alias-hardlink");
		unlink(path);
		if (link(target, path) < 0)
			die("link");
		opened = open_path_loop(path, target);
	} else if (!strcmp(way, "race") || !strcmp(way, "race-buf")) {
		bool buf = !strcmp(way, "race-buf");
		char ra[1100], rb[1100], flip[1100];
		pthread_t t;

		in_dir(ra, sizeof(ra), "race-a");
		in_dir(rb, sizeof(rb), "race-b");
		in_dir(flip, sizeof(flip), "flip");
		make_file(ra);
		make_file(rb);
		if (buf) {
			strcpy(racebuf, ra);
		} else {
			unlink(flip);
			if (symlink("race-a", flip) < 0)
				die("symlink");
		}
		if (pthread_create(&t, NULL, buf ? buf_flipper : flipper, NULL))
			die("pthread_create");
		/* Start once the other thread is flipping. */
		while (flips < 3)
			sched_yield();
		for (i = 0; i < n; i++) {
			fd = open(buf ? racebuf : flip, O_RDONLY);
			if (fd < 0)
				continue;
			if (same_file(fd, ra))
				a++;
			else if (same_file(fd, rb))
				b++;
			close(fd);
		}
		racing = 0;
		pthread_join(t, NULL);
		opened = a + b;
		printf("way=%s pid=%d tried=%ld opened=%ld a=%ld b=%ld\n", way, (int)pid, n,
		       opened, a, b);
		return opened == n ? 0 : 1;
	} else {
		fprintf(stderr, "bypass: unknown way '%s' (or not in this build)\n", way);
		return 2;
	}
	printf("way=%s pid=%d tried=%ld opened=%ld", way, (int)pid, n, opened);
	if (entry)
		printf(" entry=%s", entry);
	printf("\n");
	return opened == n ? 0 : 1;
}
