// SPDX-License-Identifier: GPL-2.0-only
/*
 * The rules compiler, see rules.h and sclog.rules(5): the parser (rules.y)
 * gives a syntax tree; here every rule is checked, each error said with
 * its position, and compiled into its part of the table: the call list
 * (every (abi, nr) its syscall_name names, with the path argument of each
 * call), the filter as a postfix program with its string table, the name,
 * the action.  Nothing is made if anything is wrong.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode.h"
#include "rules-internal.h"
#include "util.h"

/* ------------------------------------------------------------------------ */
/* Messages and memory of one compilation */

/* Messages kept; more are counted but not said. */
#define MSGS_MAX	100

struct rl_chunk {
	struct rl_chunk *next;
	max_align_t data[];
};

void *rl_mem(struct rl_ctx *c, size_t n)
{
	struct rl_chunk *ch;

	if (c->oom || n > SIZE_MAX - sizeof(*ch))
		goto oom;
	ch = calloc(1, sizeof(*ch) + n);
	if (!ch)
		goto oom;
	ch->next = c->arena;
	c->arena = ch;
	return ch->data;
oom:
	c->oom = true;
	return NULL;
}

static void say(struct rl_ctx *c, struct rl_loc loc, bool warning,
		const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static void say(struct rl_ctx *c, struct rl_loc loc, bool warning,
		const char *fmt, va_list ap)
{
	struct rl_msg *m;
	char *text;

	if (warning)
		c->warnings++;
	else
		c->errors++;
	if (c->nmsgs >= MSGS_MAX || c->oom)
		return;
	if (c->nmsgs == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 16;

		m = realloc(c->msgs, cap * sizeof(*m));
		if (!m) {
			c->oom = true;
			return;
		}
		c->msgs = m;
		c->cap = cap;
	}
	if (vasprintf(&text, fmt, ap) < 0) {
		c->oom = true;
		return;
	}
	m = &c->msgs[c->nmsgs];
	m->loc = loc;
	m->seq = (unsigned int)c->nmsgs++;
	m->warning = warning;
	m->text = text;
}

void rl_errorf(struct rl_ctx *c, struct rl_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(c, loc, false, fmt, ap);
	va_end(ap);
}

void rl_warnf(struct rl_ctx *c, struct rl_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(c, loc, true, fmt, ap);
	va_end(ap);
}

static int msg_order(const void *a, const void *b)
{
	const struct rl_msg *x = a, *y = b;

	if (x->loc.line != y->loc.line)
		return x->loc.line < y->loc.line ? -1 : 1;
	if (x->loc.col != y->loc.col)
		return x->loc.col < y->loc.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The messages as one text, in file order; frees them. */
static void finish_msgs(struct rl_ctx *c, struct sclog_rules_msgs *out)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = NULL;

	if (c->nmsgs)
		qsort(c->msgs, c->nmsgs, sizeof(c->msgs[0]), msg_order);
	if (out)
		f = open_memstream(&text, &size);
	for (size_t i = 0; i < c->nmsgs; i++) {
		struct rl_msg *m = &c->msgs[i];

		if (f && !c->oom)
			fprintf(f, "%s:%d:%d: %s%s\n", c->fname, m->loc.line,
				m->loc.col, m->warning ? "warning: " : "",
				m->text);
		free(m->text);
	}
	free(c->msgs);
	c->msgs = NULL;
	if (f && !c->oom && c->errors + c->warnings > c->nmsgs)
		fprintf(f, "%s: %u more messages not shown\n", c->fname,
			c->errors + c->warnings - (unsigned int)c->nmsgs);
	if (f && c->oom)
		fprintf(f, "%s: out of memory\n", c->fname);
	if (!out)
		return;
	memset(out, 0, sizeof(*out));
	out->errors = c->errors + c->oom;
	out->warnings = c->warnings;
	if (!f || fclose(f) != 0) {
		if (!f)
			free(text);
		return;
	}
	if (size) {
		out->text = text;
		out->len = size;
	} else {
		free(text);
	}
}

void sclog_rules_msgs_free(struct sclog_rules_msgs *m)
{
	if (!m)
		return;
	free(m->text);
	memset(m, 0, sizeof(*m));
}

/* ------------------------------------------------------------------------ */
/* What the compiler and the decompiler share */

const char *const rl_keywords[] = {
	"rule", "syscall_name", "arch", "rule_name", "filter_expression",
	"action", "when", "type", "error_code", "log_format", "prefix",
	"glob", "in", NULL,
};

const struct rl_field rl_fields[] = {
	{ "PID", SCLOG_VAR_PID, true, false },
	{ "TID", SCLOG_VAR_TID, true, false },
	{ "PPID", SCLOG_VAR_PPID, true, false },
	{ "UID", SCLOG_VAR_UID, true, false },
	{ "EUID", SCLOG_VAR_EUID, true, false },
	{ "SUID", SCLOG_VAR_SUID, true, false },
	{ "FSUID", SCLOG_VAR_FSUID, true, false },
	{ "GID", SCLOG_VAR_GID, true, false },
	{ "EGID", SCLOG_VAR_EGID, true, false },
	{ "SGID", SCLOG_VAR_SGID, true, false },
	{ "FSGID", SCLOG_VAR_FSGID, true, false },
	{ "AUID", SCLOG_VAR_AUID, true, false },
	{ "ARCH", SCLOG_VAR_ARCH, true, false },
	{ "RETVAL", SCLOG_VAR_RETVAL, true, false },
	{ "PARAMS", SCLOG_VAR_PARAM, true, true },
	{ "COMM", SCLOG_VAR_COMM, false, true },
	{ "PATH", SCLOG_VAR_PATH, false, true },
	{ NULL, 0, false, false },
};

const char *rl_cmp_name(unsigned int cmp)
{
	switch (cmp) {
	case SCLOG_CMP_EQ: case SCLOG_CMP_STR_EQ: return "==";
	case SCLOG_CMP_NE: case SCLOG_CMP_STR_NE: return "!=";
	case SCLOG_CMP_LT: return "<";
	case SCLOG_CMP_GT: return ">";
	case SCLOG_CMP_LE: return "<=";
	case SCLOG_CMP_GE: return ">=";
	case SCLOG_CMP_MASK: return "&";
	case SCLOG_CMP_PREFIX: return "prefix";
	case SCLOG_CMP_GLOB: return "glob";
	case SCLOG_CMP_IN: return "in";
	}
	return NULL;
}

int rl_parse_number(const char *s, size_t len, uint64_t *v)
{
	unsigned int base = 10;
	uint64_t n = 0;
	bool range = false;
	size_t i = 0;

	if (!len)
		return -EINVAL;
	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	} else if (len > 1 && s[0] == '0') {
		base = 8;
		i = 1;
	}
	for (; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		unsigned int d;

		if (ch >= '0' && ch <= '9')
			d = ch - '0';
		else if (ch >= 'a' && ch <= 'f')
			d = ch - 'a' + 10;
		else if (ch >= 'A' && ch <= 'F')
			d = ch - 'A' + 10;
		else
			return -EINVAL;
		if (d >= base)
			return -EINVAL;
		if (n > (UINT64_MAX - d) / base)
			range = true;
		else
			n = n * base + d;
	}
	if (range)
		return -ERANGE;
	*v = n;
	return 0;
}

int rl_const_value(const char *name, int64_t *v)
{
	long e;

	if (sclog_const_from_name(name, v) == 0)
		return 0;
	e = sclog_errno_from_name(name);
	if (e > 0) {
		*v = e;
		return 0;
	}
	return -1;
}

const char *sclog_rule_action_name(unsigned int action)
{
	switch (action) {
	case SCLOG_ACT_LOG: return "LOG";
	case SCLOG_ACT_IGNORE: return "IGNORE";
	case SCLOG_ACT_FAIL: return "FAIL";
	case SCLOG_ACT_KILL: return "KILL";
	case SCLOG_ACT_SUSPEND: return "SUSPEND";
	}
	return NULL;
}

/* ------------------------------------------------------------------------ */
/* The call entries: path argument, its directory descriptor, symlinks, widths */

/* Parameter names of a path that is looked up (sclog.rules(5), PATH). */
static const char *const path_params[] = {
	"filename", "pathname", "path", "oldname", "newname", "new",
	"from_path", "to_path", "library", "specialfile", "special",
	"new_root", "dir_name", NULL,
};

/* Calls whose parameter "name" is a path (elsewhere it names a key). */
static const char *const name_is_path[] = {
	"acct", "umount", "umount2", "name_to_handle_at", NULL,
};

/* Calls that act on a final symlink itself rather than on its target. */
static const char *const nofollow_calls[] = {
	"unlink", "unlinkat", "rmdir", "rename", "renameat", "renameat2",
	"lstat", "lstat64", "oldlstat", "lchown", "lchown32", "lgetxattr",
	"lsetxattr", "lremovexattr", "llistxattr", "readlink", "readlinkat",
	"symlink", "symlinkat", "link", "linkat", "mkdir", "mkdirat", "mknod",
	"mknodat", NULL,
};

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

/* A string argument: "const char __user *" or "char __user *". */
static bool char_ptr(const char *type)
{
	return !strcmp(type, "const char __user *") ||
	       !strcmp(type, "char __user *");
}

/*
 * The integer types of the prototypes narrower than a register, by name
 * (after the qualifiers), with the SCLOG_ARGT_* the kernel's SYSCALL_DEFINE
 * wrappers cut an argument of that type to.  Wider types, pointers and
 * types not named here go by the width gen-sysargs gave them.  No system
 * call of x86 takes an 8-bit integer (there is no SCLOG_ARGT_* for one;
 * tests/test-rules.c checks that none appears).
 */
static const struct {
	const char *type;
	uint8_t argt;
} narrow_types[] = {
	/* 16 bits (umode_t is unsigned short; x86's old_uid_t too) */
	{ "umode_t", SCLOG_ARGT_U16 },
	{ "unsigned short", SCLOG_ARGT_U16 },
	{ "unsigned short int", SCLOG_ARGT_U16 },
	{ "short unsigned int", SCLOG_ARGT_U16 },
	{ "u16", SCLOG_ARGT_U16 },
	{ "__u16", SCLOG_ARGT_U16 },
	{ "uint16_t", SCLOG_ARGT_U16 },
	{ "compat_ushort_t", SCLOG_ARGT_U16 },
	{ "compat_mode_t", SCLOG_ARGT_U16 },
	{ "old_uid_t", SCLOG_ARGT_U16 },
	{ "old_gid_t", SCLOG_ARGT_U16 },
	{ "short", SCLOG_ARGT_S16 },
	{ "short int", SCLOG_ARGT_S16 },
	{ "signed short", SCLOG_ARGT_S16 },
	{ "s16", SCLOG_ARGT_S16 },
	{ "__s16", SCLOG_ARGT_S16 },
	{ "int16_t", SCLOG_ARGT_S16 },
	{ "compat_short_t", SCLOG_ARGT_S16 },
	/* 32 bits, signed */
	{ "int", SCLOG_ARGT_S32 },
	{ "signed", SCLOG_ARGT_S32 },
	{ "signed int", SCLOG_ARGT_S32 },
	{ "s32", SCLOG_ARGT_S32 },
	{ "__s32", SCLOG_ARGT_S32 },
	{ "int32_t", SCLOG_ARGT_S32 },
	{ "pid_t", SCLOG_ARGT_S32 },
	{ "key_serial_t", SCLOG_ARGT_S32 },
	{ "key_t", SCLOG_ARGT_S32 },
	{ "clockid_t", SCLOG_ARGT_S32 },
	{ "timer_t", SCLOG_ARGT_S32 },
	{ "mqd_t", SCLOG_ARGT_S32 },
	{ "rwf_t", SCLOG_ARGT_S32 },
	{ "old_time32_t", SCLOG_ARGT_S32 },
	{ "compat_int_t", SCLOG_ARGT_S32 },
	{ "compat_long_t", SCLOG_ARGT_S32 },
	{ "compat_pid_t", SCLOG_ARGT_S32 },
	{ "compat_off_t", SCLOG_ARGT_S32 },
	{ "compat_ssize_t", SCLOG_ARGT_S32 },
	{ "compat_clock_t", SCLOG_ARGT_S32 },
	{ "compat_time_t", SCLOG_ARGT_S32 },
	{ "compat_timer_t", SCLOG_ARGT_S32 },
	{ "compat_key_t", SCLOG_ARGT_S32 },
	/* 32 bits, unsigned */
	{ "unsigned", SCLOG_ARGT_U32 },
	{ "unsigned int", SCLOG_ARGT_U32 },
	{ "u32", SCLOG_ARGT_U32 },
	{ "__u32", SCLOG_ARGT_U32 },
	{ "uint32_t", SCLOG_ARGT_U32 },
	{ "uid_t", SCLOG_ARGT_U32 },
	{ "gid_t", SCLOG_ARGT_U32 },
	{ "qid_t", SCLOG_ARGT_U32 },
	{ "key_perm_t", SCLOG_ARGT_U32 },
	{ "socklen_t", SCLOG_ARGT_U32 },
	{ "compat_uint_t", SCLOG_ARGT_U32 },
	{ "compat_ulong_t", SCLOG_ARGT_U32 },
	{ "compat_size_t", SCLOG_ARGT_U32 },
	{ "compat_uid_t", SCLOG_ARGT_U32 },
	{ "compat_gid_t", SCLOG_ARGT_U32 },
	{ "compat_uptr_t", SCLOG_ARGT_U32 },
	{ "compat_aio_context_t", SCLOG_ARGT_U32 },
};

/*
 * How wide argument a of a call of abi is as the call sees it
 * (SCLOG_ARGT_*): the kernel's entry points cut each register to the C
 * type of their parameter, so rules compare the argument so cut, and
 * setting the bits above it cannot get a call past them.
 *   - descriptors (kind FD, DIRFD) are ints, whatever type the prototype
 *     spells (read's "unsigned int fd"): S32, so that AT_FDCWD and -1
 *     compare as the decoder shows them; a 64-bit one (mmap's "unsigned
 *     long fd") is the whole register;
 *   - pointers: the whole register, on i386 U32;
 *   - the narrow integer types above by name (umode_t is U16, although
 *     gen-sysargs gives it 32 bits for display), an enum U32;
 *   - other types by their width: 64 bits the whole register; on i386,
 *     where every argument is one 32-bit register, S32 for signed kinds
 *     (long, loff_t...) and U32 for the others (unsigned long, size_t...).
 */
static uint8_t arg_type(sclog_abi_t abi, const struct sclog_arg_desc *a)
{
	char base[64];
	const char *s = a->type;
	size_t n = 0;

	if (a->kind == SCLOG_ARG_FD || a->kind == SCLOG_ARG_DIRFD)
		return a->bits == 64 ? SCLOG_ARGT_LONG : SCLOG_ARGT_S32;
	if (strchr(s, '*'))
		return abi == SCLOG_ABI_I386 ? SCLOG_ARGT_U32 : SCLOG_ARGT_LONG;
	/* the words of the type without its qualifiers, one space apart */
	while (*s) {
		size_t len;

		while (*s == ' ' || *s == '\t')
			s++;
		len = strcspn(s, " \t");
		if (!len)
			break;
		if (!((len == 5 && !memcmp(s, "const", 5)) ||
		      (len == 8 && !memcmp(s, "volatile", 8)) ||
		      (len == 6 && !memcmp(s, "__user", 6)) ||
		      (len == 7 && !memcmp(s, "__force", 7)))) {
			if (n + !!n + len >= sizeof(base))
				break;
			if (n)
				base[n++] = ' ';
			memcpy(base + n, s, len);
			n += len;
		}
		s += len;
	}
	base[n] = '\0';
	if (!strncmp(base, "enum ", 5))
		return SCLOG_ARGT_U32;
	for (size_t i = 0; i < sizeof(narrow_types) / sizeof(narrow_types[0]); i++)
		if (!strcmp(base, narrow_types[i].type))
			return narrow_types[i].argt;
	if (a->bits == 64 && abi != SCLOG_ABI_I386)
		return SCLOG_ARGT_LONG;
	switch (a->kind) {
	case SCLOG_ARG_SIGNED:
		return SCLOG_ARGT_S32;
	case SCLOG_ARG_MODE:
		return SCLOG_ARGT_U16;
	default:
		return SCLOG_ARGT_U32;
	}
}

int sclog_rule_call_info(sclog_abi_t abi, long nr, struct sclog_rule_call *call)
{
	const struct sclog_arg_desc *args;
	const char *name;
	bool named = false;
	int n, i;

	if (abi >= SCLOG_NR_ABIS)
		return -1;
	if (abi == SCLOG_ABI_X32 && nr >= SCLOG_X32_SYSCALL_BIT &&
	    nr < SCLOG_X32_SYSCALL_BIT + SCLOG_MAX_NR)
		nr -= SCLOG_X32_SYSCALL_BIT;
	if (nr < 0 || nr >= SCLOG_MAX_NR)
		return -1;
	memset(call, 0, sizeof(*call));
	call->nr = (uint16_t)nr;
	call->abi = (uint8_t)abi;
	call->path_arg = SCLOG_ARG_NONE;
	call->dfd_arg = SCLOG_ARG_NONE;
	name = sclog_syscall_name(abi, nr);
	if (!name)
		return 0;
	if (in_list(nofollow_calls, name))
		call->flags = SCLOG_CALL_NOFOLLOW;
	n = sclog_syscall_args(abi, nr, &args);
	for (i = 0; i < n; i++) {
		named |= args[i].name[0] != '\0';
		call->arg_type[i] = arg_type(abi, &args[i]);
	}
	for (i = 0; i < n; i++) {
		const char *p = args[i].name;

		if (!char_ptr(args[i].type))
			continue;
		/* symlink's first string is the link's text, not a path */
		if ((!strcmp(name, "symlink") || !strcmp(name, "symlinkat")) &&
		    (!strcmp(p, "old") || !strcmp(p, "oldname")))
			continue;
		if (in_list(path_params, p) ||
		    (!strcmp(p, "name") && in_list(name_is_path, name)) ||
		    (!named && !p[0]))
			break;
	}
	if (i == n)
		return 0;
	call->path_arg = (uint8_t)i;
	if (i > 0 && (args[i - 1].kind == SCLOG_ARG_DIRFD ||
		      !strcmp(name, "fanotify_mark")))
		call->dfd_arg = (uint8_t)(i - 1);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Checking and compiling a rule */

struct rc_rule {
	const struct rl_rule *src;
	uint16_t action, when;
	int32_t error;
	const char *name;
	size_t name_len;
	const char *format;
	size_t format_len;
	struct sclog_rule_call *calls;
	size_t ncalls;
	bool star;
	struct sclog_rule_insn *insns;	/* SCLOG_RULE_INSNS_MAX of room */
	size_t ninsns;
	char *strtab;			/* malloc'd */
	size_t strtab_len, strtab_cap;
	size_t size;
};

/* What compiling a filter found out, for the checks and the warnings. */
struct emit {
	struct rl_ctx *c;
	struct rc_rule *rc;
	int depth;
	bool too_long, too_deep, strings_full;
	bool path;			/* PATH is compared */
	struct rl_loc path_loc;
	int max_param;			/* the highest n of PARAMS[n] */
	struct rl_loc param_loc;
};

/* The ABIs, for messages. */
#define ABI_LIST "x86_64, i386 or x32"

/* The text of a term as written, for messages. */
static void term_text(char *buf, size_t len, const struct rl_term *t)
{
	snprintf(buf, len, "%s%s", t->neg ? "-" : "", t->w->s);
}

/*
 * The value of a term: a number, or a constant's name (an ABI's for ARCH).
 * false if it has none (said).
 */
static bool term_value(struct rl_ctx *c, const struct rl_term *t, bool arch,
		       uint64_t *out)
{
	const struct rl_word *w = t->w;
	uint64_t v;
	int64_t sv;
	sclog_abi_t abi;
	int rc;

	if (w->kind == RL_W_NUMBER) {
		rc = rl_parse_number(w->s, w->len, &v);
		if (rc == -ERANGE) {
			rl_errorf(c, w->loc, "number '%s' is too large (at most 0xffffffffffffffff)",
				  w->s);
			return false;
		}
		if (rc) {
			rl_errorf(c, w->loc, "'%s' is not a number (a leading 0 means octal)",
				  w->s);
			return false;
		}
		if (t->neg && v > (uint64_t)INT64_MAX + 1) {
			rl_errorf(c, t->loc, "number '-%s' is too small (at least -9223372036854775808)",
				  w->s);
			return false;
		}
	} else if (arch) {
		if (sclog_abi_from_name(w->s, &abi) < 0) {
			rl_errorf(c, w->loc, "unknown ABI '%s' (ARCH is " ABI_LIST ")",
				  w->s);
			return false;
		}
		v = abi;
	} else {
		if (rl_const_value(w->s, &sv) < 0) {
			rl_errorf(c, w->loc, "unknown constant '%s'", w->s);
			return false;
		}
		v = (uint64_t)sv;
	}
	*out = t->neg ? -v : v;
	return true;
}

/* Terms or'ed together. */
static bool ints_value(struct rl_ctx *c, const struct rl_term *t, bool arch,
		       uint64_t *out)
{
	bool ok = true;
	uint64_t v;

	*out = 0;
	for (; t; t = t->next) {
		if (term_value(c, t, arch, &v))
			*out |= v;
		else
			ok = false;
	}
	return ok;
}

static const struct rl_field *find_field(const char *name)
{
	for (const struct rl_field *f = rl_fields; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

static void unknown_field(struct rl_ctx *c, const struct rl_word *w)
{
	for (const struct rl_field *f = rl_fields; f->name; f++) {
		if (!strcasecmp(f->name, w->s) ||
		    sclog_edit_distance(f->name, w->s) == 1) {
			rl_errorf(c, w->loc, "unknown field '%s' (did you mean '%s'?)",
				  w->s, f->name);
			return;
		}
	}
	rl_errorf(c, w->loc, "unknown field '%s' (PID, TID, PPID, UID, EUID, SUID, FSUID, GID, EGID, SGID, FSGID, AUID, COMM, ARCH, RETVAL, PARAMS[n] or PATH)",
		  w->s);
}

static void add_insn(struct emit *e, struct rl_loc loc,
		     const struct sclog_rule_insn *insn)
{
	struct rc_rule *rc = e->rc;

	if (rc->ninsns == SCLOG_RULE_INSNS_MAX) {
		if (!e->too_long)
			rl_errorf(e->c, loc, "the filter is too long: more than %d comparisons and operators",
				  SCLOG_RULE_INSNS_MAX);
		e->too_long = true;
		return;
	}
	rc->insns[rc->ninsns++] = *insn;
}

/* A string operand into the rule's string table; false if it does not fit. */
static bool add_string(struct emit *e, const struct rl_word *w)
{
	struct rc_rule *rc = e->rc;

	if (w->len > SCLOG_RULE_STR_MAX) {
		rl_errorf(e->c, w->loc, "string of %zu bytes: at most %d",
			  w->len, SCLOG_RULE_STR_MAX);
		return false;
	}
	if (rc->strtab_len + w->len + 1 > SCLOG_RULE_STRTAB_MAX) {
		if (!e->strings_full)
			rl_errorf(e->c, w->loc, "the strings of this rule take more than %d bytes",
				  SCLOG_RULE_STRTAB_MAX);
		e->strings_full = true;
		return false;
	}
	if (rc->strtab_len + w->len + 1 > rc->strtab_cap) {
		size_t cap = rc->strtab_cap ? rc->strtab_cap : 256;
		char *s;

		while (cap < rc->strtab_len + w->len + 1)
			cap *= 2;
		s = realloc(rc->strtab, cap);
		if (!s) {
			e->c->oom = true;
			return false;
		}
		rc->strtab = s;
		rc->strtab_cap = cap;
	}
	memcpy(rc->strtab + rc->strtab_len, w->s, w->len);
	rc->strtab[rc->strtab_len + w->len] = '\0';
	rc->strtab_len += w->len + 1;
	return true;
}

static const char *op_text(enum rl_cmpop op)
{
	static const char *const names[] = {
		[RL_EQ] = "==", [RL_NE] = "!=", [RL_LT] = "<", [RL_GT] = ">",
		[RL_LE] = "<=", [RL_GE] = ">=", [RL_MASK] = "&",
		[RL_PREFIX] = "prefix", [RL_GLOB] = "glob", [RL_IN] = "in",
	};

	return names[op];
}

/* One comparison: its instruction, or errors. */
static void emit_cmp(struct emit *e, const struct rl_expr *x)
{
	const struct rl_field *f = find_field(x->field->s);
	struct sclog_rule_insn insn = { .op = SCLOG_OP_CMP };
	bool str = x->sval != NULL, ok = true;
	const char *op = op_text(x->cmp);
	uint64_t idx;

	if (!f) {
		unknown_field(e->c, x->field);
		return;
	}
	insn.var = f->var;
	if (f->var == SCLOG_VAR_PARAM) {
		if (!x->index) {
			rl_errorf(e->c, x->field->loc, "PARAMS needs an argument number: PARAMS[1] to PARAMS[6]");
			ok = false;
		} else if (rl_parse_number(x->index->s, x->index->len, &idx) ||
			   idx < 1 || idx > 6) {
			rl_errorf(e->c, x->index->loc, "PARAMS[%s]: arguments are numbered 1 to 6",
				  x->index->s);
			ok = false;
		} else {
			insn.arg = (uint8_t)(idx - 1);
			if ((int)idx > e->max_param) {
				e->max_param = (int)idx;
				e->param_loc = x->field->loc;
			}
		}
	} else if (x->index) {
		rl_errorf(e->c, x->index->loc, "%s takes no [index]", f->name);
		ok = false;
	}
	if (f->var == SCLOG_VAR_RETVAL && e->rc->when != SCLOG_WHEN_AFTER) {
		rl_errorf(e->c, x->field->loc, "RETVAL is known only after the call: this rule is evaluated before it (add when = after)");
		ok = false;
	}
	if (f->var == SCLOG_VAR_PATH && !e->path) {
		e->path = true;
		e->path_loc = x->field->loc;
	}

	switch (x->cmp) {
	case RL_IN:
	case RL_PREFIX:
	case RL_GLOB:
		if (!f->string) {
			rl_errorf(e->c, x->cmp_loc, "'%s' compares strings: %s is an integer",
				  op, f->name);
			return;
		}
		if (!str) {
			rl_errorf(e->c, x->ival->loc, "'%s' compares strings, not numbers",
				  op);
			return;
		}
		break;
	case RL_EQ:
	case RL_NE:
		if (str && !f->string) {
			rl_errorf(e->c, x->sval->loc, "%s is an integer: compare it with a number, not a string",
				  f->name);
			return;
		}
		if (!str && !f->integer) {
			rl_errorf(e->c, x->ival->loc, "%s is a string: compare it with a string, not a number",
				  f->name);
			return;
		}
		break;
	default:
		if (!f->integer) {
			rl_errorf(e->c, x->cmp_loc, "'%s' compares integers: %s is a string",
				  op, f->name);
			return;
		}
		if (str) {
			rl_errorf(e->c, x->sval->loc, "'%s' compares integers, not strings",
				  op);
			return;
		}
	}
	if (str) {
		static const uint8_t codes[] = {
			[RL_EQ] = SCLOG_CMP_STR_EQ, [RL_NE] = SCLOG_CMP_STR_NE,
			[RL_PREFIX] = SCLOG_CMP_PREFIX, [RL_GLOB] = SCLOG_CMP_GLOB,
			[RL_IN] = SCLOG_CMP_IN,
		};
		size_t off = e->rc->strtab_len;
		uint32_t count = 0;

		insn.cmp = codes[x->cmp];
		for (const struct rl_word *w = x->sval; w; w = w->next, count++)
			ok &= add_string(e, w);
		insn.val = off;
		insn.len = x->cmp == RL_IN ? count : (uint32_t)x->sval->len;
	} else {
		uint64_t v = 0;

		insn.cmp = (uint8_t)x->cmp;	/* SCLOG_CMP_EQ .. SCLOG_CMP_MASK */
		ok &= ints_value(e->c, x->ival, f->var == SCLOG_VAR_ARCH, &v);
		insn.val = v;
	}
	if (ok)
		add_insn(e, x->loc, &insn);
}

/* The filter in postfix order: operands first, then their operator. */
static void emit(struct emit *e, const struct rl_expr *x)
{
	struct sclog_rule_insn insn = { .op = x->op };

	switch (x->op) {
	case SCLOG_OP_CMP:
		emit_cmp(e, x);
		if (++e->depth > SCLOG_RULE_STACK_MAX && !e->too_deep) {
			rl_errorf(e->c, x->loc, "the filter nests too deeply to the right: more than %d values wait here (write a && b && c rather than a && (b && c))",
				  SCLOG_RULE_STACK_MAX);
			e->too_deep = true;
		}
		return;
	case SCLOG_OP_NOT:
		emit(e, x->a);
		break;
	default:
		emit(e, x->a);
		emit(e, x->b);
		e->depth--;
	}
	add_insn(e, x->loc, &insn);
}

/* A name of a rule: printable ASCII without spaces, 1 to 64 bytes. */
static bool check_name(struct rl_ctx *c, const struct rl_word *w,
		       const char *what, size_t max, bool space)
{
	if (!w->len) {
		rl_errorf(c, w->loc, "%s is empty", what);
		return false;
	}
	if (w->len > max) {
		rl_errorf(c, w->loc, "%s of %zu bytes: at most %zu", what, w->len,
			  max);
		return false;
	}
	for (size_t i = 0; i < w->len; i++) {
		unsigned char ch = (unsigned char)w->s[i];

		if (ch == ' ' && !space) {
			rl_errorf(c, w->loc, "%s holds a space (printable ASCII without spaces)",
				  what);
			return false;
		}
		if (ch < ' ' || ch >= 0x7f) {
			rl_errorf(c, w->loc, "%s holds byte 0x%02x (printable ASCII%s)",
				  what, ch, space ? "" : " without spaces");
			return false;
		}
	}
	return true;
}

static unsigned int abi_mask_all(void)
{
	return (1U << SCLOG_NR_ABIS) - 1;
}

/* The calls of syscall_name: bits in sel; false if any is wrong (said). */
static bool check_calls(struct rl_ctx *c, const struct rl_rule *r,
			unsigned int mask, bool (*sel)[SCLOG_MAX_NR], bool *star)
{
	bool ok = true;
	sclog_abi_t abi;

	*star = false;
	for (const struct rl_word *w = r->calls; w; w = w->next) {
		const char *colon = strchr(w->s, ':'), *name = w->s;
		unsigned int in = mask;
		bool found = false;

		if (w->kind == RL_W_STAR) {
			if (r->calls->next) {
				rl_errorf(c, w->loc, "'*' names every system call: list it alone");
				ok = false;
				continue;
			}
			for (abi = 0; abi < SCLOG_NR_ABIS; abi++) {
				if (!(mask & (1U << abi)))
					continue;
				for (size_t i = 0; i < sclog_syscall_count(abi); i++) {
					long nr = sclog_syscall_at(abi, i)->nr;

					if (abi == SCLOG_ABI_X32)
						nr &= ~SCLOG_X32_SYSCALL_BIT;
					if (nr >= 0 && nr < SCLOG_MAX_NR)
						sel[abi][nr] = true;
				}
			}
			*star = true;
			continue;
		}
		if (w->kind == RL_W_NUMBER) {
			rl_errorf(c, w->loc, "system call %s: a number needs its ABI (x86_64:%s)",
				  w->s, w->s);
			ok = false;
			continue;
		}
		if (colon) {
			char abiname[16];
			size_t n = (size_t)(colon - w->s);

			if (n >= sizeof(abiname) ||
			    (memcpy(abiname, w->s, n), abiname[n] = '\0',
			     sclog_abi_from_name(abiname, &abi) < 0)) {
				rl_errorf(c, w->loc, "'%s': unknown ABI (" ABI_LIST ")",
					  w->s);
				ok = false;
				continue;
			}
			if (!(mask & (1U << abi))) {
				rl_errorf(c, w->loc, "'%s': %s is not in this rule's arch",
					  w->s, abiname);
				ok = false;
				continue;
			}
			name = colon + 1;
			in = 1U << abi;
			if (!*name) {
				rl_errorf(c, w->loc, "'%s': no system call after the ABI",
					  w->s);
				ok = false;
				continue;
			}
			if (*name >= '0' && *name <= '9') {
				uint64_t nr;

				if ((name[0] == '0' && name[1]) ||
				    sclog_parse_u64(name, strlen(name), SCLOG_MAX_NR - 1, &nr)) {
					rl_errorf(c, w->loc, "'%s': a system call number is decimal, 0 to %d",
						  w->s, SCLOG_MAX_NR - 1);
					ok = false;
					continue;
				}
				sel[abi][nr] = true;
				continue;
			}
		}
		for (abi = 0; abi < SCLOG_NR_ABIS; abi++) {
			long nr;

			if (!(in & (1U << abi)))
				continue;
			nr = sclog_syscall_nr(abi, name);
			if (nr < 0)
				continue;
			if (abi == SCLOG_ABI_X32)
				nr &= ~SCLOG_X32_SYSCALL_BIT;
			if (nr >= SCLOG_MAX_NR)
				continue;
			sel[abi][nr] = true;
			found = true;
		}
		if (found)
			continue;
		ok = false;
		/* another ABI has it? */
		for (abi = 0; abi < SCLOG_NR_ABIS; abi++) {
			if (!(in & (1U << abi)) && sclog_syscall_nr(abi, name) >= 0) {
				rl_errorf(c, w->loc, "'%s' is not a system call of %s (it is one of %s)",
					  name, colon ? sclog_abi_name(__builtin_ctz(in)) : "this rule's arch",
					  sclog_abi_name(abi));
				break;
			}
		}
		if (abi < SCLOG_NR_ABIS)
			continue;
		{
			const char *best = NULL;
			size_t bestd = 3;

			for (abi = 0; abi < SCLOG_NR_ABIS; abi++) {
				if (!(in & (1U << abi)))
					continue;
				for (size_t i = 0; i < sclog_syscall_count(abi); i++) {
					const char *cand = sclog_syscall_at(abi, i)->name;
					size_t d = sclog_edit_distance(name, cand);

					if (d < bestd && d < strlen(name)) {
						bestd = d;
						best = cand;
					}
				}
			}
			if (best)
				rl_errorf(c, w->loc, "unknown system call '%s' (did you mean '%s'?)",
					  name, best);
			else
				rl_errorf(c, w->loc, "unknown system call '%s'", name);
		}
	}
	return ok;
}

static bool check_rule(struct rl_ctx *c, const struct rl_rule *r,
		       struct rc_rule *rc)
{
	static const struct {
		const char *name;
		uint16_t action;
	} types[] = {
		{ "LOG", SCLOG_ACT_LOG }, { "IGNORE", SCLOG_ACT_IGNORE },
		{ "FAIL", SCLOG_ACT_FAIL }, { "KILL", SCLOG_ACT_KILL },
		{ "SUSPEND", SCLOG_ACT_SUSPEND },
	};
	unsigned int errors = c->errors, mask = abi_mask_all();
	bool (*sel)[SCLOG_MAX_NR];
	char text[64];
	size_t i;

	rc->src = r;
	if (!r->has[RL_K_SYSCALL])
		rl_errorf(c, r->loc, "rule without syscall_name");
	if (!r->has[RL_K_NAME])
		rl_errorf(c, r->loc, "rule without rule_name");
	if (!r->has[RL_K_ACTION])
		rl_errorf(c, r->loc, "rule without action");
	else if (!r->type)
		rl_errorf(c, r->key_loc[RL_K_ACTION], "action without type");

	if (r->name && check_name(c, r->name, "rule_name", SCLOG_RULE_NAME_MAX, false)) {
		rc->name = r->name->s;
		rc->name_len = r->name->len;
	}

	rc->when = SCLOG_WHEN_BEFORE;
	if (r->when) {
		if (!strcmp(r->when->s, "after"))
			rc->when = SCLOG_WHEN_AFTER;
		else if (strcmp(r->when->s, "before"))
			rl_errorf(c, r->when->loc, "unknown when '%s' (before or after)",
				  r->when->s);
	}

	if (r->type) {
		for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (!strcmp(types[i].name, r->type->s))
				rc->action = types[i].action;
		if (!rc->action)
			rl_errorf(c, r->type->loc, "unknown action type '%s' (LOG, IGNORE, FAIL, KILL or SUSPEND)",
				  r->type->s);
	}
	if (rc->action == SCLOG_ACT_FAIL) {
		if (!r->error)
			rl_errorf(c, r->type->loc, "FAIL needs an error_code (an errno name such as EPERM, or its number)");
		if (rc->when == SCLOG_WHEN_AFTER)
			rl_errorf(c, r->when->loc, "FAIL acts before the call runs: it cannot be when = after");
	} else if (rc->action && r->error) {
		rl_errorf(c, r->key_loc[RL_K_ERROR], "error_code is only for type = FAIL");
	}
	if (r->error) {
		uint64_t v;

		term_text(text, sizeof(text), r->error);
		if (r->error->w->kind == RL_W_NAME &&
		    sclog_errno_from_name(r->error->w->s) < 0) {
			rl_errorf(c, r->error->w->loc, "unknown errno name '%s' (such as EPERM or ENOENT)",
				  r->error->w->s);
		} else if (term_value(c, r->error, false, &v)) {
			int64_t sv = (int64_t)v;

			if (sv < 0 && sv != INT64_MIN)
				sv = -sv;
			if (sv < 1 || sv > 4095)
				rl_errorf(c, r->error->loc, "error_code %s: an errno number is 1 to 4095 (-1 is EPERM)",
					  text);
			else
				rc->error = (int32_t)sv;
		}
	}
	if (r->format) {
		if (rc->action && rc->action != SCLOG_ACT_LOG) {
			rl_errorf(c, r->key_loc[RL_K_FORMAT], "log_format is only for type = LOG");
		} else if (check_name(c, r->format, "log_format", SCLOG_RULE_FORMAT_MAX, true)) {
			rc->format = r->format->s;
			rc->format_len = r->format->len;
		}
	}

	if (r->archs) {
		mask = 0;
		for (const struct rl_word *w = r->archs; w; w = w->next) {
			sclog_abi_t abi;

			if (sclog_abi_from_name(w->s, &abi) < 0)
				rl_errorf(c, w->loc, "unknown ABI '%s' (" ABI_LIST ")",
					  w->s);
			else
				mask |= 1U << abi;
		}
		if (!mask)
			mask = abi_mask_all();	/* said; check the rest all the same */
	}

	if (r->calls) {
		sel = calloc(SCLOG_NR_ABIS, sizeof(*sel));
		if (!sel) {
			c->oom = true;
			return false;
		}
		if (check_calls(c, r, mask, sel, &rc->star)) {
			size_t n = 0;

			for (sclog_abi_t abi = 0; abi < SCLOG_NR_ABIS; abi++)
				for (long nr = 0; nr < SCLOG_MAX_NR; nr++)
					n += sel[abi][nr];
			/* n > 0: each item named at least one call */
			rc->calls = rl_mem(c, n * sizeof(*rc->calls));
			for (sclog_abi_t abi = 0; rc->calls && abi < SCLOG_NR_ABIS; abi++)
				for (long nr = 0; nr < SCLOG_MAX_NR; nr++)
					if (sel[abi][nr])
						sclog_rule_call_info(abi, nr, &rc->calls[rc->ncalls++]);
		}
		free(sel);
	}

	if (r->filter) {
		struct emit e = { .c = c, .rc = rc };

		rc->insns = rl_mem(c, SCLOG_RULE_INSNS_MAX * sizeof(*rc->insns));
		if (!rc->insns)
			return false;
		emit(&e, r->filter);
		if (c->errors == errors && !rc->star && rc->ncalls) {
			bool path = false, params = false;

			for (i = 0; i < rc->ncalls; i++) {
				const struct sclog_arg_desc *args;
				int n = sclog_syscall_args(rc->calls[i].abi,
							   rc->calls[i].nr, &args);

				path |= rc->calls[i].path_arg != SCLOG_ARG_NONE;
				params |= n < 0 || n >= e.max_param;
			}
			if (e.path && !path)
				rl_warnf(c, e.path_loc, "PATH: no call of this rule has a path argument: the comparison is always false");
			if (e.max_param && !params)
				rl_warnf(c, e.param_loc, "PARAMS[%d]: no call of this rule has that many arguments",
					 e.max_param);
		}
	}
	return c->errors == errors;
}

/* ------------------------------------------------------------------------ */
/* The table */

static size_t rule_size(const struct rc_rule *rc)
{
	struct rl_layout l;

	rl_layout(rc->ncalls, rc->ninsns, rc->name_len, rc->format_len,
		  rc->strtab_len, &l);
	return l.end;
}

static void put_rule(char *p, const struct rc_rule *rc)
{
	struct sclog_rule h = {
		.size = (uint32_t)rc->size,
		.action = rc->action,
		.when = rc->when,
		.error = rc->error,
		.nr_calls = (uint16_t)rc->ncalls,
		.nr_insns = (uint16_t)rc->ninsns,
		.name_len = (uint16_t)rc->name_len,
		.format_len = (uint16_t)rc->format_len,
		.strtab_len = (uint32_t)rc->strtab_len,
	};
	struct rl_layout l;

	rl_layout(rc->ncalls, rc->ninsns, rc->name_len, rc->format_len,
		  rc->strtab_len, &l);
	memcpy(p, &h, sizeof(h));
	if (rc->ncalls)
		memcpy(p + l.calls, rc->calls, rc->ncalls * sizeof(*rc->calls));
	if (rc->ninsns)
		memcpy(p + l.insns, rc->insns, rc->ninsns * sizeof(*rc->insns));
	memcpy(p + l.name, rc->name, rc->name_len);
	if (rc->format_len)
		memcpy(p + l.format, rc->format, rc->format_len);
	if (rc->strtab_len)
		memcpy(p + l.strtab, rc->strtab, rc->strtab_len);
}

struct name_ref {
	const struct rc_rule *rc;
};

static int name_order(const void *a, const void *b)
{
	const struct rc_rule *x = ((const struct name_ref *)a)->rc;
	const struct rc_rule *y = ((const struct name_ref *)b)->rc;
	size_t n = x->name_len < y->name_len ? x->name_len : y->name_len;
	int d = memcmp(x->name, y->name, n);

	if (d)
		return d;
	if (x->name_len != y->name_len)
		return x->name_len < y->name_len ? -1 : 1;
	return msg_order(&(struct rl_msg){ .loc = x->src->name->loc },
			 &(struct rl_msg){ .loc = y->src->name->loc });
}

/* Every rule_name once: each repeat is an error. */
static void check_unique(struct rl_ctx *c, struct rc_rule *rcs, size_t n)
{
	struct name_ref *refs = calloc(n ? n : 1, sizeof(*refs));
	size_t m = 0, i;

	if (!refs) {
		c->oom = true;
		return;
	}
	for (i = 0; i < n; i++)
		if (rcs[i].name)
			refs[m++].rc = &rcs[i];
	qsort(refs, m, sizeof(*refs), name_order);
	for (i = 1; i < m; i++) {
		const struct rc_rule *first = refs[i - 1].rc, *x = refs[i].rc;
		size_t j = i - 1;

		if (x->name_len != first->name_len ||
		    memcmp(x->name, first->name, x->name_len))
			continue;
		/* the first of the run */
		while (j > 0 && refs[j - 1].rc->name_len == x->name_len &&
		       !memcmp(refs[j - 1].rc->name, x->name, x->name_len))
			j--;
		first = refs[j].rc;
		rl_errorf(c, x->src->name->loc, "rule_name '%s' given to another rule already (at line %d, column %d)",
			  x->name, first->src->name->loc.line,
			  first->src->name->loc.col);
	}
	free(refs);
}

int sclog_rules_compile(const char *text, size_t len, const char *fname,
			struct sclog_rules **table, size_t *size,
			struct sclog_rules_msgs *msgs)
{
	struct rl_ctx c = { .fname = fname ? fname : "-" };
	struct rc_rule *rcs = NULL;
	struct rl_rule *rules, *r;
	size_t n = 0, i, total = sizeof(struct sclog_rules);
	char *out = NULL;
	char err[160];

	*table = NULL;
	*size = 0;
	if (rl_parse_text(&c, text, len, &rules) < 0)
		goto done;
	for (r = rules; r; r = r->next)
		n++;
	rcs = calloc(n ? n : 1, sizeof(*rcs));
	if (!rcs) {
		c.oom = true;
		goto done;
	}
	for (r = rules, i = 0; r; r = r->next, i++) {
		rcs[i].src = r;
		if (r->broken)
			continue;
		if (i == SCLOG_RULES_MAX)
			rl_errorf(&c, r->loc, "more than %d rules: the most a table holds",
				  SCLOG_RULES_MAX);
		if (!check_rule(&c, r, &rcs[i]))
			continue;
		rcs[i].size = rule_size(&rcs[i]);
		if (total <= SCLOG_RULES_SIZE_MAX &&
		    total + rcs[i].size > SCLOG_RULES_SIZE_MAX)
			rl_errorf(&c, r->loc, "with this rule the table takes more than %u bytes, the most the kernel takes",
				  SCLOG_RULES_SIZE_MAX);
		total += rcs[i].size;
	}
	check_unique(&c, rcs, n);
	if (c.errors || c.oom)
		goto done;

	out = calloc(1, total);
	if (!out) {
		c.oom = true;
		goto done;
	}
	{
		struct sclog_rules h = {
			.size = (uint32_t)total,
			.version = SCLOG_RULES_VERSION,
			.nr_rules = (uint32_t)n,
		};
		size_t off = sizeof(h);

		memcpy(out, &h, sizeof(h));
		for (i = 0; i < n; i++) {
			put_rule(out + off, &rcs[i]);
			off += rcs[i].size;
		}
	}
	/* What the kernel checks, this compiler must never get wrong. */
	if (sclog_rules_validate(out, total, err, sizeof(err)) < 0) {
		rl_errorf(&c, (struct rl_loc){ 0, 0 }, "internal error: the compiled table is not valid: %s",
			  err);
		free(out);
		out = NULL;
		goto done;
	}
	*table = (struct sclog_rules *)out;
	*size = total;
done:
	for (i = 0; rcs && i < n; i++)
		free(rcs[i].strtab);
	free(rcs);
	while (c.arena) {
		struct rl_chunk *next = c.arena->next;

		free(c.arena);
		c.arena = next;
	}
	finish_msgs(&c, msgs);
	return *table ? 0 : -1;
}
