/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Rules: the rules language of sclog.rules(5), compiled into the table that
 * SCLOG_IOC_SET_RULES takes (struct sclog_rules and its rules, laid out as
 * <linux/sclog.h> documents), and a table as SCLOG_IOC_GET_RULES returns
 * it decompiled back into the language.
 *
 * The two are inverse: for every table T this compiler makes,
 * compile(decompile(T)) is T byte for byte, and decompile(compile(F)) is
 * the canonical form of the rules file F (the same rules, one key per line
 * in a fixed order, constants written as sclog.rules(5) says).
 *
 * The parser is lib/rules.y and lib/rules.l (bison and flex), the checks and
 * the code generator lib/rules.c, the table's validation lib/rules-table.c
 * and the decompiler lib/rules-print.c.
 */
#ifndef SCLOG_RULES_H
#define SCLOG_RULES_H

#include <stddef.h>
#include <stdint.h>

#include <linux/sclog.h>

#include "syscalls.h"

/*
 * What the compiler said: every error and warning, one a line, in file
 * order: "FILE:LINE:COLUMN: message" for errors, "FILE:LINE:COLUMN:
 * warning: message" for warnings.  Lines and columns count from 1; a column
 * counts bytes (a tab is one).
 */
struct sclog_rules_msgs {
	char *text;		/* NUL-terminated, malloc'd; NULL when empty */
	size_t len;		/* strlen(text) */
	unsigned int errors;
	unsigned int warnings;
};

/* Frees m->text and clears *m. */
void sclog_rules_msgs_free(struct sclog_rules_msgs *m);

/*
 * Compile the rules file text (len bytes, need not be NUL-terminated; fname
 * names it in messages).  On success returns 0 and sets *table to a
 * malloc'd table of *size bytes, ready for SCLOG_IOC_SET_RULES (a file
 * without rules gives a table of no rules); warnings may have been said.
 * On any error returns -1, *table NULL and *size 0, with every error in
 * msgs (out of memory is one too: "FILE: out of memory").  msgs is always
 * set (free it with sclog_rules_msgs_free()); msgs may be NULL.
 */
int sclog_rules_compile(const char *text, size_t len, const char *fname,
			struct sclog_rules **table, size_t *size,
			struct sclog_rules_msgs *msgs);

/*
 * Check a table as the kernel does before taking it (sizes, alignment,
 * zero padding and reserved fields, the call list sorted without
 * duplicates and its argument types, each instruction and its operands,
 * the filter's stack, the names), and that its rule names are unique.  size is the number of bytes
 * at table, which need not be aligned.  Returns 0, or -1 with a message
 * such as "rule 2 (name): calls not sorted by abi and nr" in err (errlen
 * bytes; err may be NULL).
 */
int sclog_rules_validate(const void *table, size_t size, char *err,
			 size_t errlen);

/*
 * Decompile a table (size bytes at table, which need not be aligned) into
 * the rules language, canonically formatted.  Returns 0 and sets *text to
 * a malloc'd NUL-terminated text of *len bytes ("" for a table of no
 * rules), or -1 with the reason in err: the table failed
 * sclog_rules_validate() ("the table is not valid: ..."), or out of memory.
 * Any valid table decompiles into rules that compile; for one this
 * compiler made, into rules that compile to it again.
 */
int sclog_rules_decompile(const void *table, size_t size, char **text,
			  size_t *len, char *err, size_t errlen);

/*
 * The call entry the compiler makes for system call nr of abi (x32 with or
 * without SCLOG_X32_SYSCALL_BIT; the entry's nr is without it): the index
 * of its path name argument, of that path's directory descriptor
 * (SCLOG_ARG_NONE if none) and SCLOG_CALL_NOFOLLOW for calls that act on a
 * final symlink itself, as sclog.rules(5) describes; and the width of each
 * argument as the call sees it (arg_type, SCLOG_ARGT_*), from its C type
 * in the kernel's prototype: 64-bit types and pointers are the whole
 * register (LONG; on i386 pointers and unsigned types U32), descriptors
 * and 32-bit signed types (int, pid_t, on i386 long) S32, other 32-bit
 * types U32, umode_t U16, short S16; arguments beyond the call's count,
 * and all six of a call without a known prototype, LONG.  Returns 0, or
 * -1 if abi or nr is out of range (abi >= SCLOG_NR_ABIS, nr >=
 * SCLOG_MAX_NR).
 */
int sclog_rule_call_info(sclog_abi_t abi, long nr,
			 struct sclog_rule_call *call);

/* "LOG", "IGNORE", "FAIL", "KILL", "SUSPEND" for SCLOG_ACT_*; else NULL. */
const char *sclog_rule_action_name(unsigned int action);

#endif /* SCLOG_RULES_H */
