// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decompiler, see rules.h: a rule table back into the rules language,
 * in the canonical form sclog.rules(5) describes.  Each choice here is the
 * inverse of one in rules.c, so that the text compiles to the same table:
 * the call list is written as the names that expand to exactly it ("*",
 * with an arch line when it does not cover every ABI), the postfix filter
 * as an expression with only the parentheses its shape needs, numbers as
 * constants where one names the value exactly.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "rules-internal.h"


/* A string constant, with the escapes the lexer reads. */
static void put_string(FILE *f, const char *s, size_t len)
{
	fputc('"', f);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", f);
		else if (ch == '\t')
			fputs("\\t", f);
		else if (ch >= ' ' && ch < 0x7f)
			fputc(ch, f);
		else
			fprintf(f, "\\x%02x", ch);
	}
	fputc('"', f);
}

/* A name bare if the lexer reads it back as one word, else quoted. */
static void put_name(FILE *f, const char *s, size_t len)
{
	bool bare = len > 0 && rl_word_char((unsigned char)s[0]) &&
		    !strchr(".:/+@-", s[0]);

	for (size_t i = 1; bare && i < len; i++)
		bare = rl_word_char((unsigned char)s[i]);
	for (const char *const *k = rl_keywords; bare && *k; k++)
		if (strlen(*k) == len && !memcmp(*k, s, len))
			bare = false;
	if (bare)
		fwrite(s, 1, len, f);
	else
		put_string(f, s, len);
}

/* ------------------------------------------------------------------------ */
/* The call list */

static bool known(sclog_abi_t abi, long nr)
{
	return sclog_syscall_name(abi, nr) != NULL;
}

/* The number of name on abi, without the x32 bit; -1 if none in range. */
static long nr_of(sclog_abi_t abi, const char *name)
{
	long nr = sclog_syscall_nr(abi, name);

	if (nr >= 0 && abi == SCLOG_ABI_X32)
		nr &= ~SCLOG_X32_SYSCALL_BIT;
	return nr >= 0 && nr < SCLOG_MAX_NR ? nr : -1;
}

/* The ABIs in mask having name, and those of them in the list. */
static void name_abis(bool (*in)[SCLOG_MAX_NR], const char *name,
		      unsigned int mask, unsigned int *have, unsigned int *listed)
{
	*have = *listed = 0;
	for (sclog_abi_t abi = 0; abi < SCLOG_NR_ABIS; abi++) {
		long nr = nr_of(abi, name);

		if (nr < 0)
			continue;
		if (in[abi][nr])
			*listed |= 1U << abi;
		if (mask & (1U << abi))
			*have |= 1U << abi;
	}
}

/* Names that a bare word would not give exactly, with arch = mask. */
static size_t misfits(bool (*in)[SCLOG_MAX_NR], unsigned int mask)
{
	size_t n = 0;

	for (sclog_abi_t abi = 0; abi < SCLOG_NR_ABIS; abi++) {
		for (long nr = 0; nr < SCLOG_MAX_NR; nr++) {
			const char *name = sclog_syscall_name(abi, nr);
			unsigned int have, listed;

			if (!in[abi][nr] || !name)
				continue;
			name_abis(in, name, mask, &have, &listed);
			n += have != listed;
		}
	}
	return n;
}

static void put_arch(FILE *f, unsigned int mask)
{
	fputs("\tarch =", f);
	for (sclog_abi_t abi = 0; abi < SCLOG_NR_ABIS; abi++)
		if (mask & (1U << abi))
			fprintf(f, " %s", sclog_abi_name(abi));
	fputc('\n', f);
}

static int put_calls(FILE *f, const struct sclog_rule_call *calls,
		     unsigned int n)
{
	const unsigned int all = (1U << SCLOG_NR_ABIS) - 1;
	bool (*in)[SCLOG_MAX_NR], (*done)[SCLOG_MAX_NR];
	unsigned int mask = 0, i;
	size_t count = 0;
	bool star = true;

	in = calloc(2 * SCLOG_NR_ABIS, sizeof(*in));
	if (!in)
		return -1;
	done = in + SCLOG_NR_ABIS;
	for (i = 0; i < n; i++) {
		in[calls[i].abi][calls[i].nr] = true;
		mask |= 1U << calls[i].abi;
		star &= known(calls[i].abi, calls[i].nr);
	}
	/* every call of the ABIs present: "*" */
	for (sclog_abi_t abi = 0; star && abi < SCLOG_NR_ABIS; abi++) {
		if (!(mask & (1U << abi)))
			continue;
		for (size_t k = 0; k < sclog_syscall_count(abi); k++) {
			long nr = sclog_syscall_at(abi, k)->nr;

			if (abi == SCLOG_ABI_X32)
				nr &= ~SCLOG_X32_SYSCALL_BIT;
			if (nr >= SCLOG_MAX_NR)
				continue;
			count++;
			star &= in[abi][nr];
		}
	}
	if (star && count == n) {
		fputs("\tsyscall_name = *\n", f);
		if (mask != all)
			put_arch(f, mask);
		free(in);
		return 0;
	}

	/* bare names for all ABIs, or for those present (an arch line) */
	if (mask == all || misfits(in, mask) >= misfits(in, all))
		mask = all;
	fputs("\tsyscall_name =", f);
	for (i = 0; i < n; i++) {
		sclog_abi_t abi = calls[i].abi;
		long nr = calls[i].nr;
		const char *name = sclog_syscall_name(abi, nr);
		unsigned int have, listed;

		if (done[abi][nr])
			continue;
		done[abi][nr] = true;
		fputc(' ', f);
		if (!name) {
			fprintf(f, "%s:%ld", sclog_abi_name(abi), nr);
			continue;
		}
		name_abis(in, name, mask, &have, &listed);
		if (have != listed) {
			fprintf(f, "%s:%s", sclog_abi_name(abi), name);
			continue;
		}
		fputs(name, f);
		for (sclog_abi_t a = 0; a < SCLOG_NR_ABIS; a++)
			if (listed & (1U << a))
				done[a][nr_of(a, name)] = true;
	}
	fputc('\n', f);
	if (mask != all)
		put_arch(f, mask);
	free(in);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Integers */

/* The value of text as the compiler reads an integer operand (a|b|...). */
static bool eval(const char *text, uint64_t *out)
{
	char term[64];

	*out = 0;
	while (*text) {
		size_t n = strcspn(text, "|");
		bool neg = text[0] == '-';
		const char *t = term + neg;
		uint64_t v;
		int64_t sv;

		if (n >= sizeof(term))
			return false;
		memcpy(term, text, n);
		term[n] = '\0';
		if (*t >= '0' && *t <= '9') {
			if (rl_parse_number(t, strlen(t), &v))
				return false;
		} else if (rl_const_value(t, &sv) == 0) {
			v = (uint64_t)sv;
		} else {
			return false;
		}
		*out |= neg ? -v : v;
		text += n;
		if (*text)
			text++;
	}
	return true;
}

/* Kinds of arguments whose values have names worth writing. */
static bool named_kind(enum sclog_arg_kind k)
{
	switch (k) {
	case SCLOG_ARG_DIRFD:
	case SCLOG_ARG_MODE:
	case SCLOG_ARG_OPEN_FLAGS:
	case SCLOG_ARG_ACCESS_MODE:
	case SCLOG_ARG_AT_FLAGS:
	case SCLOG_ARG_MMAP_PROT:
	case SCLOG_ARG_MMAP_FLAGS:
	case SCLOG_ARG_CLONE_FLAGS:
	case SCLOG_ARG_FACCESSAT_FLAGS:
	case SCLOG_ARG_UNLINKAT_FLAGS:
		return true;
	default:
		return false;
	}
}

/*
 * PARAMS[arg+1] written as its calls' decoder writes it (O_WRONLY|O_CREAT,
 * AT_FDCWD, 0644), when every call of the rule has that kind of argument
 * there and the text reads back as exactly v.
 */
static bool put_param(FILE *f, const struct sclog_rule_call *calls,
		      unsigned int n, unsigned int arg, uint64_t v)
{
	const struct sclog_arg_desc *desc = NULL, *args;
	char buf[256];
	uint64_t back;

	for (unsigned int i = 0; i < n; i++) {
		int nargs = sclog_syscall_args(calls[i].abi, calls[i].nr, &args);

		if (nargs <= (int)arg || !named_kind(args[arg].kind) ||
		    (desc && desc->kind != args[arg].kind))
			return false;
		desc = &args[arg];
	}
	if (!desc)
		return false;
	if (sclog_format_arg(buf, sizeof(buf), desc, v) >= (int)sizeof(buf) ||
	    !eval(buf, &back) || back != v)
		return false;
	fputs(buf, f);
	return true;
}

static void put_int(FILE *f, const struct sclog_rule_call *calls,
		    unsigned int ncalls, const struct sclog_rule_insn *in)
{
	int64_t sv = (int64_t)in->val;
	const char *name;

	switch (in->var) {
	case SCLOG_VAR_ARCH:
		name = in->val < SCLOG_NR_ABIS ?
		       sclog_abi_name((sclog_abi_t)in->val) : NULL;
		if (name) {
			fputs(name, f);
			return;
		}
		break;
	case SCLOG_VAR_RETVAL:
		name = sv < 0 && sv >= -4095 ? sclog_errno_name(-sv) : NULL;
		if (name) {
			fprintf(f, "-%s", name);
			return;
		}
		break;
	case SCLOG_VAR_PARAM:
		if (put_param(f, calls, ncalls, in->arg, in->val))
			return;
		break;
	}
	if (in->cmp == SCLOG_CMP_MASK)
		fprintf(f, "0x%llx", (unsigned long long)in->val);
	else
		fprintf(f, "%lld", (long long)sv);
}

/* ------------------------------------------------------------------------ */
/* The filter: postfix back into a tree, written with the parentheses needed */

struct tree {
	const struct sclog_rule_insn *insns;
	int kids[SCLOG_RULE_INSNS_MAX][2];
	const struct sclog_rule_call *calls;
	unsigned int ncalls;
	const char *strtab;
};

static const char *field_name(unsigned int var)
{
	for (const struct rl_field *fl = rl_fields; fl->name; fl++)
		if (fl->var == var)
			return fl->name;
	return "?";
}

static void put_cmp(FILE *f, const struct tree *t,
		    const struct sclog_rule_insn *in)
{
	if (in->var == SCLOG_VAR_PARAM)
		fprintf(f, "PARAMS[%u] ", in->arg + 1U);
	else
		fprintf(f, "%s ", field_name(in->var));
	fprintf(f, "%s ", rl_cmp_name(in->cmp));
	if (in->cmp == SCLOG_CMP_IN) {
		const char *s = t->strtab + in->val;

		fputc('(', f);
		for (uint32_t k = 0; k < in->len; k++) {
			size_t len = strlen(s);

			fputs(k ? ", " : "", f);
			put_string(f, s, len);
			s += len + 1;
		}
		fputc(')', f);
	} else if (in->cmp >= SCLOG_CMP_STR_EQ) {
		put_string(f, t->strtab + in->val, in->len);
	} else {
		put_int(f, t->calls, t->ncalls, in);
	}
}

static int prec(uint8_t op)
{
	switch (op) {
	case SCLOG_OP_OR: return 1;
	case SCLOG_OP_AND: return 2;
	case SCLOG_OP_NOT: return 3;
	default: return 4;
	}
}

/* Node i, in parentheses if it binds less than min. */
static void put_expr(FILE *f, const struct tree *t, int i, int min)
{
	const struct sclog_rule_insn *in = &t->insns[i];
	bool paren = prec(in->op) < min;

	if (paren)
		fputc('(', f);
	switch (in->op) {
	case SCLOG_OP_OR:
		put_expr(f, t, t->kids[i][0], 1);
		fputs(" || ", f);
		put_expr(f, t, t->kids[i][1], 2);
		break;
	case SCLOG_OP_AND:
		put_expr(f, t, t->kids[i][0], 2);
		fputs(" && ", f);
		put_expr(f, t, t->kids[i][1], 3);
		break;
	case SCLOG_OP_NOT:
		fputc('!', f);
		/* !(UID == 0) rather than !UID == 0 */
		put_expr(f, t, t->kids[i][0],
			 t->insns[t->kids[i][0]].op == SCLOG_OP_CMP ? 5 : 3);
		break;
	default:
		put_cmp(f, t, in);
	}
	if (paren)
		fputc(')', f);
}

/* The filter of a valid rule (its stack checked by validation). */
static int put_filter(FILE *f, const struct sclog_rule_insn *insns,
		      unsigned int n, const struct sclog_rule_call *calls,
		      unsigned int ncalls, const char *strtab)
{
	struct tree *t = calloc(1, sizeof(*t));
	int stack[SCLOG_RULE_STACK_MAX], depth = 0;

	if (!t)
		return -1;
	t->insns = insns;
	t->calls = calls;
	t->ncalls = ncalls;
	t->strtab = strtab;
	for (unsigned int i = 0; i < n; i++) {
		switch (insns[i].op) {
		case SCLOG_OP_CMP:
			break;
		case SCLOG_OP_NOT:
			t->kids[i][0] = stack[--depth];
			break;
		default:
			t->kids[i][1] = stack[--depth];
			t->kids[i][0] = stack[--depth];
		}
		stack[depth++] = (int)i;
	}
	fputs("\tfilter_expression { ", f);
	put_expr(f, t, stack[0], 0);
	fputs(" }\n", f);
	free(t);
	return 0;
}

/* ------------------------------------------------------------------------ */

static int put_rule(FILE *f, const char *p)
{
	const struct sclog_rule *r = (const struct sclog_rule *)p;
	const struct sclog_rule_call *calls;
	const char *name, *format, *errname;
	struct rl_layout l;

	rl_layout(r->nr_calls, r->nr_insns, r->name_len, r->format_len,
		  r->strtab_len, &l);
	calls = (const struct sclog_rule_call *)(p + l.calls);
	name = p + l.name;
	format = p + l.format;

	fputs("rule {\n", f);
	if (put_calls(f, calls, r->nr_calls) < 0)
		return -1;
	fputs("\trule_name = ", f);
	put_name(f, name, r->name_len);
	fputc('\n', f);
	if (r->nr_insns &&
	    put_filter(f, (const struct sclog_rule_insn *)(p + l.insns),
		       r->nr_insns, calls, r->nr_calls, p + l.strtab) < 0)
		return -1;
	fprintf(f, "\taction { type = %s", sclog_rule_action_name(r->action));
	if (r->action == SCLOG_ACT_FAIL) {
		errname = sclog_errno_name(r->error);
		if (errname)
			fprintf(f, " error_code = %s", errname);
		else
			fprintf(f, " error_code = %d", r->error);
	}
	if (r->format_len) {
		fputs(" log_format ", f);
		if (format[0] != ' ' && format[r->format_len - 1] != ' ' &&
		    !memchr(format, '{', r->format_len) &&
		    !memchr(format, '}', r->format_len)) {
			fputs("{ ", f);
			fwrite(format, 1, r->format_len, f);
			fputs(" }", f);
		} else {
			fputs("= ", f);
			put_string(f, format, r->format_len);
		}
	}
	fputs(" }\n", f);
	fprintf(f, "\twhen = %s\n}\n",
		r->when == SCLOG_WHEN_AFTER ? "after" : "before");
	return 0;
}

static int decompile(const char *p, char **text, size_t *len, char *err,
		     size_t errlen)
{
	const struct sclog_rules *h = (const struct sclog_rules *)p;
	size_t off = sizeof(*h);
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	int rc = 0;

	if (!f)
		return rules_err(err, errlen, "out of memory");
	for (uint32_t i = 0; i < h->nr_rules && !rc; i++) {
		if (i)
			fputc('\n', f);
		rc = put_rule(f, p + off);
		off += ((const struct sclog_rule *)(p + off))->size;
	}
	if (fclose(f) != 0 || rc) {
		free(buf);
		return rules_err(err, errlen, "out of memory");
	}
	*text = buf;
	*len = n;
	return 0;
}

int sclog_rules_decompile(const void *table, size_t size, char **text,
			  size_t *len, char *err, size_t errlen)
{
	char why[200];
	void *copy = NULL;
	int rc;

	*text = NULL;
	*len = 0;
	if (sclog_rules_validate(table, size, why, sizeof(why)) < 0)
		return rules_err(err, errlen, "the table is not valid: %s", why);
	if ((uintptr_t)table % 8) {
		copy = malloc(size);
		if (!copy)
			return rules_err(err, errlen, "out of memory");
		memcpy(copy, table, size);
		table = copy;
	}
	rc = decompile(table, text, len, err, errlen);
	free(copy);
	return rc;
}
