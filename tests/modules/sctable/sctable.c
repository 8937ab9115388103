// SPDX-License-Identifier: GPL-2.0
/*
 * sctable: checks the sys_call_table export of patch 001.
 *
 * Loaded in the test VM by tests/vm/tests/sctable.sh.  It
 *  - prints every entry of the exported table as "sctable: entry NR ADDR
 *    SYMBOL+0x0/SIZE", so that the test script can compare each address
 *    with the one /proc/kallsyms gives for the handler that the kernel's
 *    syscall_64.tbl names for NR, and checks that each entry points to the
 *    start of a function;
 *  - checks that the page holding the table is mapped read-only, and that a
 *    write through the exception-table protected __put_kernel_nofault() is
 *    refused with a fault, leaving the entry unchanged.
 * Results are printed as TAP lines prefixed with "sctable: ".  Loading fails
 * with -EINVAL if any check failed, so "insmod" itself reports the outcome.
 */
#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/uaccess.h>
#include <asm/pgtable.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

static int tests, failures;

static __printf(2, 3) void tap(bool ok, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_info("sctable: %sok %d - %pV\n", ok ? "" : "not ", ++tests, &vaf);
	va_end(args);
	if (!ok)
		failures++;
}

static void check_all_entries(void)
{
	char sym[KSYM_SYMBOL_LEN];
	unsigned int nr, bad = 0;

	for (nr = 0; nr < NR_syscalls; nr++) {
		/* "name+0x0/0xsize": the entry is the start of a function. */
		sprint_symbol(sym, (unsigned long)sys_call_table[nr]);
		pr_info("sctable: entry %u %px %s\n", nr, sys_call_table[nr], sym);
		if (!strstr(sym, "+0x0/"))
			bad++;
	}
	tap(bad == 0, "all %u entries point to the start of a kernel function (%u do not)",
	    (unsigned int)NR_syscalls, bad);
}

static void check_read_only(void)
{
	unsigned long addr = (unsigned long)&sys_call_table[__NR_getppid];
	sys_call_ptr_t before = sys_call_table[__NR_getppid];
	sys_call_ptr_t evil = sys_call_table[__NR_getpid];
	unsigned int level;
	bool wrote = true;
	pte_t *pte;

	pte = lookup_address(addr, &level);
	tap(pte && pte_present(*pte) && !pte_write(*pte),
	    "the page holding sys_call_table is mapped read-only (level %u)", level);

	pagefault_disable();
	__put_kernel_nofault((void *)addr, &evil, u64, refused);
	goto done;
refused:
	wrote = false;
done:
	pagefault_enable();
	tap(!wrote, "a write to sys_call_table[%d] faults", __NR_getppid);
	tap(sys_call_table[__NR_getppid] == before,
	    "sys_call_table[%d] is unchanged after the attempt", __NR_getppid);
}

static int __init sctable_init(void)
{
	check_all_entries();
	check_read_only();
	pr_info("sctable: 1..%d\n", tests);
	return failures ? -EINVAL : 0;
}

static void __exit sctable_exit(void)
{
}

module_init(sctable_init);
module_exit(sctable_exit);
MODULE_DESCRIPTION("Checks the read-only sys_call_table export");
MODULE_LICENSE("GPL");
