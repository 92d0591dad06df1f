/*
 * cmd_user.c: `hearth user add|list|disable|enable|reset-2fa|password`:
 * staff accounts from the command line, for whoever holds the database file
 * (setting up an authority, its first administrator, a colleague who lost
 * their phone).
 *
 * A password is read from standard input, never from the arguments, which
 * anyone on the machine can read in ps; it never reaches a message and is
 * wiped once hashed.  Each change is one transaction together with its
 * audit row, so the audit chain records every change or none.
 */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/record.h"
#include "store/store_admin.h"
#include "store/store_auth.h"
#include "core/banned.h"

/* ------------------------------------------------------------ helpers */

/* --role CODE, or a message listing the roles. */
static bool
take_role(const char *value, enum staff_role *out)
{
	if (role_parse(value, out, "role", NULL) == HERR_OK)
		return true;
	fprintf(stderr, "hearth: --role \"%s\" is not a role; the roles are:",
	    value);
	for (int r = 0; r < ROLE__COUNT; r++)
		fprintf(stderr, "%s %s", r ? "," : "", role_code(r));
	fprintf(stderr, "\n");
	return false;
}

/* One line from standard input into buf (cap bytes), without its line end;
 * false at end of input or when the line does not fit. */
static bool
read_line(char *buf, size_t cap, bool *too_long)
{
	size_t n;

	*too_long = false;
	if (fgets(buf, (int)cap, stdin) == NULL)
		return false;
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else if (!feof(stdin)) {
		int c;

		/* Swallow the rest of the line: it is part of the secret. */
		while ((c = getchar()) != EOF && c != '\n')
			;
		*too_long = true;
		return false;
	}
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return true;
}

/* Prompt on a terminal with echo off; *ok false if nothing was read. */
static void
read_secret(const char *prompt, bool tty, char *buf, size_t cap, bool *ok,
    bool *too_long)
{
	struct termios old, quiet;
	bool hushed = false;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			hushed = tcsetattr(STDIN_FILENO, TCSAFLUSH,
			    &quiet) == 0;
		}
	}
	*ok = read_line(buf, cap, too_long);
	if (hushed) {
		(void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
}

/*
 * The new password: the first line of standard input without its line end
 * (a terminal is asked twice, without echo).  Refuses an empty or over-long
 * one, then applies the policy (auth_password_check) for `username`.
 * pw has room for AUTH_PW_MAX_BYTES and the NUL.  Returns an exit code.
 */
static int
read_password(const char *username, char pw[AUTH_PW_MAX_BYTES + 1])
{
	/* Room for one byte too many, "\r\n" and the NUL. */
	char line[AUTH_PW_MAX_BYTES + 4], again[AUTH_PW_MAX_BYTES + 4];
	bool tty = isatty(STDIN_FILENO), ok, too_long;
	struct hdiag diag;
	enum herr e;
	int rc = EXIT_BAD_INPUT;

	/* Unbuffered, so no copy of the secret stays in stdio's buffer. */
	setvbuf(stdin, NULL, _IONBF, 0);
	pw[0] = '\0';
	read_secret("New password: ", tty, line, sizeof(line), &ok, &too_long);
	if (too_long || (ok && strlen(line) > AUTH_PW_MAX_BYTES)) {
		fprintf(stderr, "hearth: the password is too long: at most %d "
		    "bytes\n", AUTH_PW_MAX_BYTES);
		goto out;
	}
	if (!ok || line[0] == '\0') {
		fprintf(stderr, "hearth: no password: give it as the first "
		    "line of standard input\n");
		goto out;
	}
	hdiag_clear(&diag);
	if ((e = auth_password_check(line, username, &diag)) != HERR_OK) {
		rc = cli_fail(e, &diag);
		goto out;
	}
	if (tty) {
		read_secret("Again: ", tty, again, sizeof(again), &ok,
		    &too_long);
		if (!ok || strcmp(line, again) != 0) {
			fprintf(stderr, "hearth: the two passwords differ; "
			    "nothing was changed\n");
			goto out;
		}
	}
	memcpy(pw, line, strlen(line) + 1);
	rc = EXIT_OK;
out:
	sodium_memzero(line, sizeof(line));
	sodium_memzero(again, sizeof(again));
	return rc;
}

/* Append the audit row for one change to staff_id; inside the caller's
 * transaction.  The command line acts for nobody in particular: "cli". */
static enum herr
audit_change(struct store *st, const char *route, int64_t staff_id)
{
	struct audit_row r;

	memset(&r, 0, sizeof(r));
	r.at_ms = audit_now_ms();
	snprintf(r.username, sizeof(r.username), "cli");
	snprintf(r.role, sizeof(r.role), "cli");
	snprintf(r.route, sizeof(r.route), "%s", route);
	snprintf(r.remote, sizeof(r.remote), "local");
	r.action = AUDIT_ADMIN;
	r.subject = SUBJECT_STAFF;
	r.subject_id = staff_id;
	return store_audit_append(st, &r, 1);
}

/* ---------------------------------------------------------------- add */

static int
user_add(const struct cli_command *cmd, int argc, char **argv)
{
	static const char *const required[] = {
		"username", "given", "family", "role", "agency",
	};
	char pw[AUTH_PW_MAX_BYTES + 1] = "", hash[AUTH_HASH_MAX] = "";
	const struct cli_option *team_opt = cli_opt(cmd, "team");
	struct store *st = NULL;
	struct agency agency;
	struct staff s, clash;
	struct team team;
	struct hdiag diag;
	enum herr e;
	int rc = cli_parse(cmd, argc, argv);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!cli_opt(cmd, required[i])->seen) {
			fprintf(stderr, "hearth user add: --%s is required\n"
			    "usage: hearth %s\n", required[i], cmd->usage);
			return EXIT_USAGE;
		}
	memset(&s, 0, sizeof(s));
	s.active = true;
	if (!cli_take(cmd, "username", s.username, sizeof(s.username)) ||
	    !cli_take(cmd, "given", s.given_name, sizeof(s.given_name)) ||
	    !cli_take(cmd, "family", s.family_name, sizeof(s.family_name)) ||
	    !cli_take(cmd, "email", s.email, sizeof(s.email)) ||
	    !take_role(cli_opt(cmd, "role")->value, &s.role))
		return EXIT_BAD_INPUT;
	if ((rc = cli_store_open(cmd, &st)) != EXIT_OK)
		return rc;
	rc = EXIT_BAD_INPUT;
	hdiag_clear(&diag);
	/* Everything that can be checked is, before the password is asked. */
	if ((e = store_agency_by_name(st, cli_opt(cmd, "agency")->value,
	    &agency)) == HERR_NOTFOUND) {
		fprintf(stderr, "hearth: --agency \"%s\": there is no agency "
		    "with that name\n", cli_opt(cmd, "agency")->value);
		goto out;
	}
	if (e != HERR_OK)
		goto fail;
	s.agency_id = agency.id;
	if (team_opt->seen && (e = store_team_by_name(st, team_opt->value,
	    &team)) == HERR_NOTFOUND) {
		fprintf(stderr, "hearth: --team \"%s\": there is no team with "
		    "that name\n", team_opt->value);
		goto out;
	}
	if (e != HERR_OK || (e = staff_validate(&s, &agency, &diag)) !=
	    HERR_OK)
		goto fail;
	if ((e = store_staff_by_username(st, s.username, &clash)) == HERR_OK) {
		fprintf(stderr, "hearth: --username \"%s\" is already in use\n",
		    s.username);
		goto out;
	}
	if (e != HERR_NOTFOUND)
		goto fail;
	if ((rc = read_password(s.username, pw)) != EXIT_OK)
		goto out;
	if ((e = auth_password_hash(pw, hash)) != HERR_OK)
		goto fail;
	if ((e = store_begin(st)) != HERR_OK)
		goto fail;
	if ((e = record_staff_add(st, &s, &diag)) != HERR_OK ||
	    (team_opt->seen && (e = store_team_member_add(st, team.id, s.id,
	    hdate_today(), HDAY_NONE, &diag)) != HERR_OK) ||
	    (e = store_credential_set_password(st, s.id, hash, auth_now())) !=
	    HERR_OK ||
	    (e = audit_change(st, "cli user add", s.id)) != HERR_OK ||
	    (e = store_commit(st)) != HERR_OK)
		goto fail;
	printf("Added %s (%s %s, %s, %s%s%s).\nThey set up two-factor sign-in "
	    "the first time they sign in.\n", s.username, s.given_name,
	    s.family_name, role_label(s.role), agency.name,
	    team_opt->seen ? ", " : "", team_opt->seen ? team.name : "");
	rc = EXIT_OK;
	goto out;
fail:
	rc = cli_fail(e, &diag);
out:
	store_rollback(st);
	store_close(st);
	sodium_memzero(pw, sizeof(pw));
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

/* --------------------------------------------------------------- list */

/* Columns of `hearth user list`; widths in characters, not bytes. */
enum { COL_USER, COL_NAME, COL_ROLE, COL_AGENCY, COL_ACTIVE, COL_PASSWORD,
	COL_2FA, COL__COUNT };

static const char *const col_head[COL__COUNT] = {
	"USERNAME", "NAME", "ROLE", "AGENCY", "ACTIVE", "PASSWORD",
	"TWO-FACTOR",
};

struct listing {
	size_t width[COL__COUNT];
	bool print;
	int64_t rows;
};

static void
row_cells(const struct store_user *u, char name[2 * PERSON_NAME_MAX + 2],
    const char *cell[COL__COUNT])
{
	snprintf(name, 2 * PERSON_NAME_MAX + 2, "%s %s", u->staff.given_name,
	    u->staff.family_name);
	cell[COL_USER] = u->staff.username;
	cell[COL_NAME] = name;
	cell[COL_ROLE] = role_code(u->staff.role) ? role_code(u->staff.role) :
	    "?";
	cell[COL_AGENCY] = u->agency;
	cell[COL_ACTIVE] = u->staff.active ? "yes" : "no";
	cell[COL_PASSWORD] = u->has_password ? "yes" : "no";
	cell[COL_2FA] = u->totp_enrolled ? "yes" : "no";
}

static void
print_cells(const struct listing *l, const char *const cell[COL__COUNT])
{
	for (int c = 0; c < COL__COUNT; c++) {
		if (c == COL__COUNT - 1) {
			printf("%s\n", cell[c]);
			break;
		}
		printf("%s%*s", cell[c],
		    (int)(l->width[c] - cli_chars(cell[c]) + 2), "");
	}
}

/* Two passes over the staff: the first measures, the second prints, so
 * the listing needs no buffer however many staff there are. */
static bool
list_row(const struct store_user *u, void *ctx)
{
	struct listing *l = ctx;
	char name[2 * PERSON_NAME_MAX + 2];
	const char *cell[COL__COUNT];

	row_cells(u, name, cell);
	if (l->print) {
		print_cells(l, cell);
		return true;
	}
	for (int c = 0; c < COL__COUNT; c++)
		if (cli_chars(cell[c]) > l->width[c])
			l->width[c] = cli_chars(cell[c]);
	l->rows++;
	return true;
}

static int
user_list(const struct cli_command *cmd, int argc, char **argv)
{
	const struct cli_option *ro = cli_opt(cmd, "role");
	struct listing l;
	struct store *st = NULL;
	enum staff_role role;
	enum herr e;
	int rc = cli_parse(cmd, argc, argv);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	if (ro->seen && !take_role(ro->value, &role))
		return EXIT_BAD_INPUT;
	if ((rc = cli_store_open(cmd, &st)) != EXIT_OK)
		return rc;
	memset(&l, 0, sizeof(l));
	for (int c = 0; c < COL__COUNT; c++)
		l.width[c] = cli_chars(col_head[c]);
	if ((e = store_users_each(st, ro->seen ? &role : NULL, list_row,
	    &l)) != HERR_OK)
		goto out;
	if (l.rows == 0) {
		if (ro->seen)
			printf("No staff have the role %s.\n", ro->value);
		else
			printf("No staff yet: add them with `hearth user "
			    "add`.\n");
		goto out;
	}
	print_cells(&l, col_head);
	l.print = true;
	e = store_users_each(st, ro->seen ? &role : NULL, list_row, &l);
out:
	store_close(st);
	return e == HERR_OK ? EXIT_OK : cli_fail(e, NULL);
}

/* ------------------------------- disable, enable, reset-2fa, password */

enum change {
	CHANGE_DISABLE,
	CHANGE_ENABLE,
	CHANGE_RESET_2FA,
	CHANGE_PASSWORD,
};

static const char *const change_route[] = {
	[CHANGE_DISABLE] = "cli user disable",
	[CHANGE_ENABLE] = "cli user enable",
	[CHANGE_RESET_2FA] = "cli user reset-2fa",
	[CHANGE_PASSWORD] = "cli user password",
};

/*
 * One change to one member of staff, in one transaction with its audit
 * row.  Every change ends their sessions: a disabled account must stop at
 * once, and after a new password or second factor nobody may go on with a
 * session that the old one opened.
 */
static int
user_change(const struct cli_command *cmd, int argc, char **argv,
    enum change what)
{
	char pw[AUTH_PW_MAX_BYTES + 1] = "", hash[AUTH_HASH_MAX] = "";
	struct store *st = NULL;
	struct credential cred;
	struct staff s;
	const char *username;
	enum herr e = HERR_OK;
	int rc = cli_parse_named(cmd, argc, argv, &username);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	if ((rc = cli_store_open(cmd, &st)) != EXIT_OK)
		return rc;
	rc = EXIT_BAD_INPUT;
	if ((e = store_staff_by_username(st, username, &s)) == HERR_NOTFOUND) {
		fprintf(stderr, "hearth: no member of staff has the username "
		    "\"%s\"\n", username);
		goto out;
	}
	if (e != HERR_OK)
		goto fail;
	if ((what == CHANGE_DISABLE && !s.active) ||
	    (what == CHANGE_ENABLE && s.active)) {
		printf("%s is already %s; nothing changed.\n", s.username,
		    s.active ? "enabled" : "disabled");
		rc = EXIT_OK;
		goto out;
	}
	if (what == CHANGE_RESET_2FA &&
	    (e = store_credential_get(st, s.id, &cred)) == HERR_NOTFOUND) {
		fprintf(stderr, "hearth: %s has no password yet, so no "
		    "two-factor sign-in to reset\n", s.username);
		goto out;
	}
	if (e != HERR_OK)
		goto fail;
	if (what == CHANGE_PASSWORD) {
		if ((rc = read_password(s.username, pw)) != EXIT_OK)
			goto out;
		if ((e = auth_password_hash(pw, hash)) != HERR_OK)
			goto fail;
	}
	if ((e = store_begin(st)) != HERR_OK)
		goto fail;
	switch (what) {
	case CHANGE_DISABLE:
	case CHANGE_ENABLE:
		e = store_staff_set_active(st, s.id, what == CHANGE_ENABLE);
		break;
	case CHANGE_RESET_2FA:
		e = store_credential_totp_reset(st, s.id);
		break;
	case CHANGE_PASSWORD:
		e = store_credential_set_password(st, s.id, hash, auth_now());
		break;
	}
	if (e != HERR_OK ||
	    (e = store_sessions_end_staff(st, s.id, auth_now())) != HERR_OK ||
	    (e = audit_change(st, change_route[what], s.id)) != HERR_OK ||
	    (e = store_commit(st)) != HERR_OK)
		goto fail;
	switch (what) {
	case CHANGE_DISABLE:
		printf("Disabled %s and ended their sessions.\n", s.username);
		break;
	case CHANGE_ENABLE:
		printf("Enabled %s; they sign in again.\n", s.username);
		break;
	case CHANGE_RESET_2FA:
		printf("Reset %s's two-factor sign-in and ended their "
		    "sessions; they set it up again when they next sign "
		    "in.\n", s.username);
		break;
	case CHANGE_PASSWORD:
		printf("Changed %s's password and ended their sessions.\n",
		    s.username);
		break;
	}
	rc = EXIT_OK;
	goto out;
fail:
	rc = cli_fail(e, NULL);
out:
	store_rollback(st);
	store_close(st);
	sodium_memzero(pw, sizeof(pw));
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

static int
user_disable(const struct cli_command *cmd, int argc, char **argv)
{
	return user_change(cmd, argc, argv, CHANGE_DISABLE);
}

static int
user_enable(const struct cli_command *cmd, int argc, char **argv)
{
	return user_change(cmd, argc, argv, CHANGE_ENABLE);
}

static int
user_reset_2fa(const struct cli_command *cmd, int argc, char **argv)
{
	return user_change(cmd, argc, argv, CHANGE_RESET_2FA);
}

static int
user_password(const struct cli_command *cmd, int argc, char **argv)
{
	return user_change(cmd, argc, argv, CHANGE_PASSWORD);
}

/* ------------------------------------------------------------ the table */

static struct cli_option add_opts[] = {
	{ "db", "PATH", CLI_DB_HELP },
	{ "username", "NAME", "sign-in name: a-z 0-9 . _ - (required)" },
	{ "given", "NAME", "given name (required)" },
	{ "family", "NAME", "family name (required)" },
	{ "role", "ROLE", "role code, e.g. social_worker (required)" },
	{ "agency", "NAME", "the agency's name, exactly (required)" },
	{ "team", "NAME", "a team to join from today, by its exact name" },
	{ "email", "ADDRESS", "e-mail address" },
	{ NULL },
};

static const struct cli_command user_add_cmd = {
	.name = "user add",
	.summary = "add a member of staff who can sign in",
	.usage = "user add --username NAME --given NAME --family NAME "
	    "--role ROLE --agency NAME [--team NAME] [--email ADDRESS] "
	    "[--db PATH] < password",
	.description = "The password is the first line of standard input "
	    "(never an argument: others\ncan read arguments in ps).  It "
	    "must have at least 12 characters and not\ncontain the "
	    "username.  Two-factor sign-in is set up at the first sign-in.",
	.options = add_opts,
	.run = user_add,
};

static struct cli_option list_opts[] = {
	{ "db", "PATH", CLI_DB_HELP },
	{ "role", "ROLE", "only staff with this role code" },
	{ NULL },
};

static const struct cli_command user_list_cmd = {
	.name = "user list",
	.summary = "list staff: role, agency, and whether they can sign in",
	.usage = "user list [--role ROLE] [--db PATH]",
	.options = list_opts,
	.run = user_list,
};

static struct cli_option named_opts[] = {
	{ "db", "PATH", CLI_DB_HELP },
	{ NULL },
};

static const struct cli_command user_disable_cmd = {
	.name = "user disable",
	.summary = "stop a member of staff signing in, and end their sessions",
	.usage = "user disable USERNAME [--db PATH]",
	.options = named_opts,
	.run = user_disable,
};

static const struct cli_command user_enable_cmd = {
	.name = "user enable",
	.summary = "let a disabled member of staff sign in again",
	.usage = "user enable USERNAME [--db PATH]",
	.options = named_opts,
	.run = user_enable,
};

static const struct cli_command user_reset_2fa_cmd = {
	.name = "user reset-2fa",
	.summary = "forget a member of staff's second factor (a lost phone)",
	.usage = "user reset-2fa USERNAME [--db PATH]",
	.description = "They set up two-factor sign-in again the next time "
	    "they sign in.  Their\nsessions end.",
	.options = named_opts,
	.run = user_reset_2fa,
};

static const struct cli_command user_password_cmd = {
	.name = "user password",
	.summary = "set a member of staff's password, and end their sessions",
	.usage = "user password USERNAME [--db PATH] < password",
	.description = "The new password is the first line of standard "
	    "input.",
	.options = named_opts,
	.run = user_password,
};

static const struct cli_command *const user_cmds[] = {
	&user_add_cmd, &user_list_cmd, &user_disable_cmd, &user_enable_cmd,
	&user_reset_2fa_cmd, &user_password_cmd, NULL,
};

static int
run_user(const struct cli_command *cmd, int argc, char **argv)
{
	return cli_run_sub(cmd, user_cmds, argc, argv);
}

static struct cli_option user_opts[] = { { NULL } };

const struct cli_command cmd_user = {
	.name = "user",
	.summary = "staff accounts (add, list, disable, enable, reset-2fa, "
	    "password)",
	.usage = "user add|list|disable|enable|reset-2fa|password [options]",
	.options = user_opts,
	.run = run_user,
};
