/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Between the parts of the rules compiler: the syntax tree that the parser
 * (rules.y, rules.l) builds and rules.c checks and compiles, the messages,
 * and what the compiler and the decompiler (rules-print.c) share.
 */
#ifndef SCLOG_RULES_INTERNAL_H
#define SCLOG_RULES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules.h"
#include "util.h"

/* Say what is wrong in err (errlen bytes, see sclog_seterr()); -1. */
#define rules_err(...) (sclog_seterr(__VA_ARGS__), -1)

/* A position in the file: line and column (in bytes), from 1. */
struct rl_loc {
	int line;
	int col;
};

struct rl_msg {
	struct rl_loc loc;
	unsigned int seq;	/* order of saying, for a stable sort */
	bool warning;
	char *text;
};

/* One compilation: its messages and its memory. */
struct rl_ctx {
	const char *fname;
	struct rl_msg *msgs;
	size_t nmsgs, cap;
	unsigned int errors, warnings;
	bool oom;
	struct rl_chunk *arena;	/* everything rl_mem() gave, freed at the end */
};

/* Say an error or a warning at loc. */
void rl_errorf(struct rl_ctx *c, struct rl_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void rl_warnf(struct rl_ctx *c, struct rl_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Zeroed memory that lives until the compilation ends; NULL (c->oom) if none. */
void *rl_mem(struct rl_ctx *c, size_t n);

/* ------------------------------------------------------------------------ */
/* Syntax tree */

enum rl_word_kind {
	RL_W_NAME,		/* a bare word: open, i386:open, UID, O_RDONLY */
	RL_W_NUMBER,		/* digits, 0x..., as written */
	RL_W_STRING,		/* "..." unescaped (may hold any byte but NUL) */
	RL_W_FORMAT,		/* log_format { ... }, trimmed */
	RL_W_STAR,		/* '*' */
};

/* A token's text, and lists of them. */
struct rl_word {
	struct rl_loc loc;
	enum rl_word_kind kind;
	char *s;		/* NUL-terminated copy */
	size_t len;
	struct rl_word *next;
};

/* A term of an integer operand: [-] NUMBER or NAME; terms are or'ed. */
struct rl_term {
	struct rl_loc loc;	/* of the '-' if any, else of the word */
	bool neg;
	struct rl_word *w;
	struct rl_term *next;
};

/* Comparison operators as written (the kernel's SCLOG_CMP_* follow). */
enum rl_cmpop {
	RL_EQ = 1, RL_NE, RL_LT, RL_GT, RL_LE, RL_GE, RL_MASK,
	RL_PREFIX, RL_GLOB, RL_IN,
};

struct rl_expr {
	uint8_t op;		/* SCLOG_OP_* */
	struct rl_loc loc;	/* CMP: the field; AND, OR: the operator; NOT: '!' */
	struct rl_expr *a, *b;	/* AND, OR: both; NOT: a */
	/* SCLOG_OP_CMP */
	struct rl_word *field;
	struct rl_word *index;	/* the n of PARAMS[n], or NULL */
	enum rl_cmpop cmp;
	struct rl_loc cmp_loc;
	struct rl_term *ival;	/* integer operand, or */
	struct rl_word *sval;	/* string operand(s) (several for in) */
};

/* The keys of a rule and of its action, each allowed once. */
enum rl_key {
	RL_K_SYSCALL, RL_K_ARCH, RL_K_NAME, RL_K_FILTER, RL_K_ACTION, RL_K_WHEN,
	RL_K_TYPE, RL_K_ERROR, RL_K_FORMAT,
	RL_NKEYS
};

struct rl_rule {
	struct rl_loc loc;	/* of "rule" */
	bool broken;		/* a syntax error in it: not checked further */
	bool has[RL_NKEYS];
	struct rl_loc key_loc[RL_NKEYS];
	struct rl_word *calls;	/* syscall_name items */
	struct rl_word *archs;
	struct rl_word *name;
	struct rl_expr *filter;	/* NULL: no filter, or filter_expression { } */
	struct rl_word *when;
	struct rl_word *type;
	struct rl_term *error;
	struct rl_word *format;
	struct rl_rule *next;
};

/*
 * Parse text into rules (a list in file order, in c's arena), saying every
 * syntax error.  Returns 0, or -1 if out of memory (c->oom).
 */
int rl_parse_text(struct rl_ctx *c, const char *text, size_t len,
		  struct rl_rule **rules);

/*
 * Where the parts of a rule start (struct sclog_rule first, then each part
 * at the next multiple of 8: calls, insns, name, format, strtab) and its
 * size (end, a multiple of 8).
 */
struct rl_layout {
	size_t calls, insns, name, format, strtab, end;
};

void rl_layout(size_t ncalls, size_t ninsns, size_t name_len,
	       size_t format_len, size_t strtab_len, struct rl_layout *l);

/* The reserved words of the language; NULL-terminated. */
extern const char *const rl_keywords[];

/* A byte that may appear in a bare word (a name not quoted). */
static inline bool rl_word_char(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' ||
	       ch == ':' || ch == '/' || ch == '+' || ch == '@' || ch == '-';
}

/* The fields of a filter by name: SCLOG_VAR_* and what they compare. */
struct rl_field {
	const char *name;
	uint8_t var;
	bool integer;		/* takes integer comparisons */
	bool string;		/* takes string comparisons */
};
extern const struct rl_field rl_fields[];	/* NULL-terminated */

/* The operators by SCLOG_CMP_* (and rl_cmpop): "==", "prefix", ... */
const char *rl_cmp_name(unsigned int cmp);

/*
 * A number as written: decimal, 0x hexadecimal or 0 octal, at most
 * UINT64_MAX.  Returns 0, -EINVAL (not a number) or -ERANGE.
 */
int rl_parse_number(const char *s, size_t len, uint64_t *v);

/* The value of a named constant (O_*, AT_*, errno and signal names...). */
int rl_const_value(const char *name, int64_t *v);

#endif /* SCLOG_RULES_INTERNAL_H */
