/* cli.h: the `ansinh` subcommands (one executable, src/cli/main.c).
 *
 * Each command is `int cmd_<name>(int argc, char **argv)`: argv[0] is the
 * command name, options follow (getopt_long; every command accepts --db DSN
 * and --help). It returns the process exit status: 0 success, 1 failure
 * (a Vietnamese message already printed on stderr), 2 usage error. Commands
 * print results on stdout and nothing else there.
 */
#ifndef ANSINH_CLI_CLI_H
#define ANSINH_CLI_CLI_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

struct db;

int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_units(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_quote(int argc, char **argv);
int cmd_reorganise(int argc, char **argv);
int cmd_tasks(int argc, char **argv);
int cmd_payroll(int argc, char **argv);
int cmd_report(int argc, char **argv);
/* `ansinh report form10a..form10d` (cmd_report_form.c): form is "10a".."10d",
 * argv[0] the subcommand's name; called by cmd_report. */
int cli_report_form(const char *form, int argc, char **argv);

/* Shared by the report subcommands (cmd_report.c). */
struct app_report_err;
struct app_scope;
/* *scope: a national account's without as, else account as's (it must
 * exist, be active and hold REPORT_READ). 0, or 1 with the message
 * printed. */
int cli_report_scope(struct db *db, const char *as, struct app_scope *scope);
/* Print err's message (with its field) and return the exit code of rc:
 * 2 for bad input, else 1. */
int cli_report_fail(const struct app_report_err *err, int rc);
/* Write doc rendered as files[format] for each format asked for (indexed
 * by enum app_ov_format, NULL: not asked), then print doc as indented
 * JSON on stdout. 0, or an exit code with the message printed. */
typedef int (*cli_report_render_fn)(json_t *doc, int format, char **data,
                                    size_t *len, struct app_report_err *err);
int cli_report_output(json_t *doc, const char *const files[4],
                      cli_report_render_fn render);

/* Open the database dsn (NULL: db_default_dsn(), i.e. $ANSINH_DB or
 * ansinh.db), bring its schema up to date and load the reference data (the
 * administrative-unit lists) if missing. On failure print a Vietnamese
 * message naming the DSN to stderr and return 1; else 0 and *out (caller
 * closes with db_close). */
int cli_open_db(const char *dsn, struct db **out);

/* Print "Lỗi: <msg>" to stderr (one line). Returns 1, for `return
 * cli_fail(...)`. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
