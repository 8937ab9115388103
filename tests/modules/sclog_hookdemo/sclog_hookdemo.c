// SPDX-License-Identifier: GPL-2.0
/*
 * sclog_hookdemo: a module that uses sclog's hook API (patch 280), for
 * tests/vm/tests/hooks.sh.
 *
 * It hooks the x86_64 system call nr= (default getppid):
 *  - before: counts the call; fails it with -EPERM when the caller's
 *    thread group is deny_pid=; every delay_every=-th call first sleeps
 *    delay_us= microseconds, to widen the window in which an unload races
 *    a running callback (while one runs, the module cannot go);
 *  - after: counts the call.
 * The counts are printed when the module is unloaded:
 *   "sclog_hookdemo: before=N after=N denied=N"
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sclog.h>
#include <asm/unistd.h>

static int nr = __NR_getppid;
module_param(nr, int, 0444);
MODULE_PARM_DESC(nr, "x86_64 system call number to hook");

static int deny_pid;
module_param(deny_pid, int, 0444);
MODULE_PARM_DESC(deny_pid, "fail the calls of this thread group with EPERM");

static unsigned int delay_us;
module_param(delay_us, uint, 0444);
MODULE_PARM_DESC(delay_us, "microseconds a before callback sleeps");

static unsigned int delay_every = 1;
module_param(delay_every, uint, 0444);
MODULE_PARM_DESC(delay_every, "sleep in every delay_every-th before callback");

static atomic_long_t before_calls, after_calls, denied;

static int demo_before(const struct sclog_hook *h, unsigned int abi, long n,
		       const unsigned long *args)
{
	long count = atomic_long_inc_return(&before_calls);

	if (delay_us && delay_every && !(count % delay_every))
		usleep_range(delay_us, delay_us + 10);
	if (deny_pid && task_tgid_nr(current) == deny_pid) {
		atomic_long_inc(&denied);
		return -EPERM;
	}
	return 0;
}

static void demo_after(const struct sclog_hook *h, unsigned int abi, long n,
		       const unsigned long *args, long ret)
{
	atomic_long_inc(&after_calls);
}

static struct sclog_hook demo_hook = {
	.before = demo_before,
	.after = demo_after,
	.owner = THIS_MODULE,
};

static int __init demo_init(void)
{
	if (nr < 0 || nr >= SCLOG_MAX_NR)
		return -EINVAL;
	set_bit(nr, demo_hook.calls[SCLOG_ABI_X86_64]);
	return sclog_hook_register(&demo_hook);
}

static void __exit demo_exit(void)
{
	sclog_hook_unregister(&demo_hook);
	pr_info("sclog_hookdemo: before=%ld after=%ld denied=%ld\n",
		atomic_long_read(&before_calls), atomic_long_read(&after_calls),
		atomic_long_read(&denied));
}

module_init(demo_init);
module_exit(demo_exit);
MODULE_DESCRIPTION("sclog hook API sample: count, deny and delay a system call");
MODULE_LICENSE("GPL");
