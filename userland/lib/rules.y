/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The grammar of the rules language, sclog.rules(5).  The tokens are in
 * rules.l; what the rules mean (names, fields, types, limits) is checked
 * in rules.c, which also compiles them.
 *
 * Why flex and bison: the language is small but has nesting, lists,
 * precedence and keys in any order, and its users write it by hand, so its
 * errors must say where they are.  A declarative grammar is one page that
 * a reviewer can read against the man page; bison checks it for
 * ambiguities (the build fails on any conflict), and %locations gives
 * every token and every rule a position for free, so each message is
 * "file:line:column: ...".  syscalltrack, whose syntax this is, parsed it
 * by hand, and its authors came to regret the code that needed.
 *
 * Every syntax error is said ("unexpected 'x', expected ..."), then the
 * parser skips to a point where it can go on: the closing brace of a
 * filter or an action, the next key of the rule, or the next "rule".  A
 * rule with a syntax error is not checked further (the messages would be
 * about the error's consequences); the others are.
 */

%code requires {
#include "rules-internal.h"

/* The parser's state, shared with the lexer (rules.l). */
struct rl_state {
	struct rl_ctx *c;
	struct rl_rule *rules, **tail;
	struct rl_rule *cur;		/* the rule being read, NULL between rules */
	int line, col;			/* where the lexer's next byte is */
	bool want_format;		/* after log_format: "{" opens a format */
	struct rl_loc start;		/* of the string or format being read */
	char *buf;			/* its bytes (malloc'd) */
	size_t blen, bcap;
	bool dup_action;		/* in an action given twice: its keys are not taken */
	int last_tok;			/* the last token, and its text */
	char last[40];
	bool last_cut;			/* the text was longer */
};

#define YYLLOC_DEFAULT(Cur, Rhs, N) \
	do { \
		(Cur) = (N) ? YYRHSLOC(Rhs, 1) : YYRHSLOC(Rhs, 0); \
	} while (0)
}

%code {
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules-lex.h"

/* Parentheses and '!' nest; a file with more levels than this is refused. */
#define YYMAXDEPTH 4000

static void rl_error(struct rl_loc *loc, void *scanner, struct rl_state *ps,
		     const char *msg);
static bool key(struct rl_state *ps, enum rl_key k, struct rl_loc loc);
static struct rl_word *reverse(struct rl_word *w);
static struct rl_term *reverse_terms(struct rl_term *t);
static struct rl_term *term(struct rl_state *ps, struct rl_loc loc, bool neg,
			    struct rl_word *w);
static struct rl_expr *node(struct rl_state *ps, uint8_t op,
			    struct rl_loc loc, struct rl_expr *a,
			    struct rl_expr *b);
}

%define api.pure full
%define api.prefix {rl_}
%define api.location.type {struct rl_loc}
%define parse.error custom
%define parse.lac full
%locations
%param {void *scanner}
%parse-param {struct rl_state *ps}
%expect 0

%union {
	struct rl_word *word;
	struct rl_term *term;
	struct rl_expr *expr;
	int cmp;
}

%token <word> NAME "a name" NUMBER "a number" STRING "a string"
%token <word> FORMAT "a log format" '*'
%token KW_RULE "rule" KW_SYSCALL "syscall_name" KW_ARCH "arch"
%token KW_NAME "rule_name" KW_FILTER "filter_expression" KW_ACTION "action"
%token KW_WHEN "when" KW_TYPE "type" KW_ERROR "error_code"
%token KW_FORMAT "log_format" KW_PREFIX "prefix" KW_GLOB "glob" KW_IN "in"
%token EQ "==" NE "!=" LE "<=" GE ">=" ANDAND "&&" OROR "||"

%type <word> calls call archs rname strings
%type <term> term ints
%type <expr> expr cmp field
%type <cmp> cmpop

%left "||"
%left "&&"
%precedence '!'

%%

file:
	  %empty
	| file rule
	| file error
	;

rule:
	  "rule" '{' {
		struct rl_rule *r = rl_mem(ps->c, sizeof(*r));

		if (!r)
			YYNOMEM;
		r->loc = @1;
		*ps->tail = r;
		ps->tail = &r->next;
		ps->cur = r;
	  } items '}' {
		ps->cur = NULL;
	  }
	;

items:
	  %empty
	| items item
	| items error
	;

item:
	  "syscall_name" '=' calls {
		if (key(ps, RL_K_SYSCALL, @1))
			ps->cur->calls = reverse($3);
	  }
	| "arch" '=' archs {
		if (key(ps, RL_K_ARCH, @1))
			ps->cur->archs = reverse($3);
	  }
	| "rule_name" '=' rname {
		if (key(ps, RL_K_NAME, @1))
			ps->cur->name = $3;
	  }
	| "filter_expression" '{' '}' {
		key(ps, RL_K_FILTER, @1);
	  }
	| "filter_expression" '{' expr '}' {
		if (key(ps, RL_K_FILTER, @1))
			ps->cur->filter = $3;
	  }
	| "filter_expression" '{' error '}' {
		key(ps, RL_K_FILTER, @1);
	  }
	| "action" '{' {
		ps->dup_action = !key(ps, RL_K_ACTION, @1);
	  } action_items '}' {
		ps->dup_action = false;
	  }
	| "when" '=' NAME {
		if (key(ps, RL_K_WHEN, @1))
			ps->cur->when = $3;
	  }
	;

calls:
	  call			{ $$ = $1; }
	| calls call		{ $2->next = $1; $$ = $2; }
	| calls ',' call	{ $3->next = $1; $$ = $3; }
	;

call:
	  NAME
	| NUMBER
	| '*'
	;

archs:
	  NAME			{ $$ = $1; }
	| archs NAME		{ $2->next = $1; $$ = $2; }
	| archs ',' NAME	{ $3->next = $1; $$ = $3; }
	;

rname:
	  NAME
	| NUMBER
	| STRING
	;

action_items:
	  %empty
	| action_items action_item
	| action_items error
	;

action_item:
	  "type" '=' NAME {
		if (!ps->dup_action && key(ps, RL_K_TYPE, @1))
			ps->cur->type = $3;
	  }
	| "error_code" '=' term {
		if (!ps->dup_action && key(ps, RL_K_ERROR, @1))
			ps->cur->error = $3;
	  }
	| "log_format" FORMAT {
		if (!ps->dup_action && key(ps, RL_K_FORMAT, @1))
			ps->cur->format = $2;
	  }
	| "log_format" '=' STRING {
		if (!ps->dup_action && key(ps, RL_K_FORMAT, @1))
			ps->cur->format = $3;
	  }
	;

expr:
	  expr "||" expr {
		$$ = node(ps, SCLOG_OP_OR, @2, $1, $3);
		if (!$$)
			YYNOMEM;
	  }
	| expr "&&" expr {
		$$ = node(ps, SCLOG_OP_AND, @2, $1, $3);
		if (!$$)
			YYNOMEM;
	  }
	| '!' expr {
		$$ = node(ps, SCLOG_OP_NOT, @1, $2, NULL);
		if (!$$)
			YYNOMEM;
	  }
	| '(' expr ')'		{ $$ = $2; }
	| cmp
	;

cmp:
	  field cmpop STRING {
		$$ = $1;
		$$->cmp = $2;
		$$->cmp_loc = @2;
		$$->sval = $3;
	  }
	| field cmpop ints {
		$$ = $1;
		$$->cmp = $2;
		$$->cmp_loc = @2;
		$$->ival = reverse_terms($3);
	  }
	| field "in" '(' strings ')' {
		$$ = $1;
		$$->cmp = RL_IN;
		$$->cmp_loc = @2;
		$$->sval = reverse($4);
	  }
	;

field:
	  NAME {
		$$ = node(ps, SCLOG_OP_CMP, @1, NULL, NULL);
		if (!$$)
			YYNOMEM;
		$$->field = $1;
	  }
	| NAME '[' NUMBER ']' {
		$$ = node(ps, SCLOG_OP_CMP, @1, NULL, NULL);
		if (!$$)
			YYNOMEM;
		$$->field = $1;
		$$->index = $3;
	  }
	;

cmpop:
	  "=="			{ $$ = RL_EQ; }
	| "!="			{ $$ = RL_NE; }
	| '<'			{ $$ = RL_LT; }
	| '>'			{ $$ = RL_GT; }
	| "<="			{ $$ = RL_LE; }
	| ">="			{ $$ = RL_GE; }
	| '&'			{ $$ = RL_MASK; }
	| "prefix"		{ $$ = RL_PREFIX; }
	| "glob"		{ $$ = RL_GLOB; }
	;

ints:
	  term			{ $$ = $1; }
	| ints '|' term		{ $3->next = $1; $$ = $3; }
	;

term:
	  NUMBER {
		$$ = term(ps, @1, false, $1);
		if (!$$)
			YYNOMEM;
	  }
	| NAME {
		$$ = term(ps, @1, false, $1);
		if (!$$)
			YYNOMEM;
	  }
	| '-' NUMBER {
		$$ = term(ps, @1, true, $2);
		if (!$$)
			YYNOMEM;
	  }
	| '-' NAME {
		$$ = term(ps, @1, true, $2);
		if (!$$)
			YYNOMEM;
	  }
	;

strings:
	  STRING		{ $$ = $1; }
	| strings ',' STRING	{ $3->next = $1; $$ = $3; }
	;

%%

static const char *const key_names[RL_NKEYS] = {
	[RL_K_SYSCALL] = "syscall_name", [RL_K_ARCH] = "arch",
	[RL_K_NAME] = "rule_name", [RL_K_FILTER] = "filter_expression",
	[RL_K_ACTION] = "action", [RL_K_WHEN] = "when", [RL_K_TYPE] = "type",
	[RL_K_ERROR] = "error_code", [RL_K_FORMAT] = "log_format",
};

/* Key k of the current rule: false (said) if the rule has it already. */
static bool key(struct rl_state *ps, enum rl_key k, struct rl_loc loc)
{
	struct rl_rule *r = ps->cur;

	if (!r)
		return false;
	if (r->has[k]) {
		rl_errorf(ps->c, loc, "%s given twice (first at line %d, column %d)",
			  key_names[k], r->key_loc[k].line, r->key_loc[k].col);
		return false;
	}
	r->has[k] = true;
	r->key_loc[k] = loc;
	return true;
}

static struct rl_word *reverse(struct rl_word *w)
{
	struct rl_word *out = NULL, *next;

	for (; w; w = next) {
		next = w->next;
		w->next = out;
		out = w;
	}
	return out;
}

static struct rl_term *reverse_terms(struct rl_term *t)
{
	struct rl_term *out = NULL, *next;

	for (; t; t = next) {
		next = t->next;
		t->next = out;
		out = t;
	}
	return out;
}

static struct rl_term *term(struct rl_state *ps, struct rl_loc loc, bool neg,
			    struct rl_word *w)
{
	struct rl_term *t = rl_mem(ps->c, sizeof(*t));

	if (t) {
		t->loc = loc;
		t->neg = neg;
		t->w = w;
	}
	return t;
}

static struct rl_expr *node(struct rl_state *ps, uint8_t op,
			    struct rl_loc loc, struct rl_expr *a,
			    struct rl_expr *b)
{
	struct rl_expr *e = rl_mem(ps->c, sizeof(*e));

	if (e) {
		e->op = op;
		e->loc = loc;
		e->a = a;
		e->b = b;
	}
	return e;
}

/*
 * Bison's own error: "memory exhausted", when its stack would be deeper than
 * YYMAXDEPTH, or when an action ran out of memory (YYNOMEM, c->oom: said
 * once by the caller).
 */
static void rl_error(struct rl_loc *loc, void *scanner, struct rl_state *ps,
		     const char *msg)
{
	(void)scanner;
	(void)msg;
	if (!ps->c->oom)
		rl_errorf(ps->c, *loc, "nested too deeply for the parser");
	if (ps->cur)
		ps->cur->broken = true;
}

/* A token as "expected ..." names it: rule, a name, '=', '=='. */
static void token_name(char *buf, size_t len, yysymbol_kind_t k)
{
	const char *name = k == YYSYMBOL_YYEOF ? "end of file" : yysymbol_name(k);

	if (name[0] == '\'' || (name[0] >= 'a' && name[0] <= 'z'))
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "'%s'", name);
}

static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner,
				 struct rl_state *ps)
{
	yysymbol_kind_t tok = yypcontext_token(ctx), exp[16];
	char what[64], list[400], name[32];
	size_t used = 0;
	int n, i;

	(void)scanner;
	if (ps->cur)
		ps->cur->broken = true;
	ps->dup_action = false;
	switch (tok) {
	case YYSYMBOL_YYEOF:
		snprintf(what, sizeof(what), "end of file");
		break;
	case YYSYMBOL_STRING:
		snprintf(what, sizeof(what), "string");
		break;
	case YYSYMBOL_FORMAT:
		snprintf(what, sizeof(what), "log format");
		break;
	default:
		snprintf(what, sizeof(what), "'%s%s'", ps->last,
			 ps->last_cut ? "..." : "");
	}
	n = yypcontext_expected_tokens(ctx, NULL, 0);
	list[0] = '\0';
	if (n > 0 && n <= (int)(sizeof(exp) / sizeof(exp[0]))) {
		n = yypcontext_expected_tokens(ctx, exp, n);
		for (i = 0; i < n; i++) {
			int w;

			token_name(name, sizeof(name), exp[i]);
			w = snprintf(list + used, sizeof(list) - used, "%s%s",
				     i == 0 ? ", expected " :
				     i == n - 1 ? " or " : ", ", name);
			if (w > 0 && (size_t)w < sizeof(list) - used)
				used += (size_t)w;
		}
	}
	rl_errorf(ps->c, *yypcontext_location(ctx), "unexpected %s%s", what,
		  list);
	return 0;
}

int rl_parse_text(struct rl_ctx *c, const char *text, size_t len,
		  struct rl_rule **rules)
{
	struct rl_state ps = { .c = c, .line = 1, .col = 1 };
	YY_BUFFER_STATE b;
	yyscan_t scanner;

	ps.tail = &ps.rules;
	*rules = NULL;
	if (len > INT32_MAX / 2) {
		rl_errorf(c, (struct rl_loc){ 1, 1 }, "the file is too large (%zu bytes)",
			  len);
		return 0;
	}
	if (rl_lex_init_extra(&ps, &scanner)) {
		c->oom = true;
		return -1;
	}
	b = rl__scan_bytes(text, (int)len, scanner);
	if (!b) {
		rl_lex_destroy(scanner);
		c->oom = true;
		return -1;
	}
	rl_parse(scanner, &ps);		/* every error is said */
	rl__delete_buffer(b, scanner);
	rl_lex_destroy(scanner);
	free(ps.buf);
	*rules = ps.rules;
	return c->oom ? -1 : 0;
}
