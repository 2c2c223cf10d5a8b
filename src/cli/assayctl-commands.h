/* assayctl-commands.h — the subcommands of assayctl
 *
 * Copyright 2026 The Assay authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses, as documented in `assayctl --help`. */
#define ASSAYCTL_EXIT_OK        0
#define ASSAYCTL_EXIT_FAILURE   1
#define ASSAYCTL_EXIT_USAGE     2
#define ASSAYCTL_EXIT_SECURITY  3

/* Global options parsed before the subcommand. */
typedef struct
{
  const char *replica;   /* --replica FILE, or NULL */
} AssayctlGlobals;

/* Each subcommand gets argv with argv[0] = the subcommand name. */
int assayctl_cmd_sync        (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_status      (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_verify      (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_entries     (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_prove       (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_check_proof (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_evidence    (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_clear_alert (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_rules       (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_flags       (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_what_if     (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_cohort      (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_fairness    (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_benford     (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_sample      (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_recheck     (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_findings    (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_audit_bounds (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_audit_plan  (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_cases       (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_case        (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_requests    (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_docket      (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_vote        (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_decisions   (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_account     (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_scores      (const AssayctlGlobals *globals, int argc, char **argv);
/* assayctl weights what-if, from assayctl weights. */
int assayctl_weights_what_if (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_decide      (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_outbox      (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_push        (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_proposals   (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_cosign      (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_oppose      (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_key         (const AssayctlGlobals *globals, int argc, char **argv);
int assayctl_cmd_weights     (const AssayctlGlobals *globals, int argc, char **argv);

G_END_DECLS
