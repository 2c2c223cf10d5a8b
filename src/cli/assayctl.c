/* assayctl.c — the Assay command-line tool: entry point
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

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "assay-version.h"
#include "assayctl-commands.h"

typedef struct
{
  const char *name;
  int (*run) (const AssayctlGlobals *globals, int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "sync", assayctl_cmd_sync, N_("Fetch, verify and store new entries from the central service") },
  { "status", assayctl_cmd_status, N_("Show the replica's size, root, last checkpoint and alert state") },
  { "verify", assayctl_cmd_verify, N_("Recompute everything stored and check it against the checkpoints") },
  { "entries", assayctl_cmd_entries, N_("List entries, optionally of one account") },
  { "prove", assayctl_cmd_prove, N_("Write a portable inclusion proof for one entry") },
  { "check-proof", assayctl_cmd_check_proof, N_("Check a proof file with only the log's public key") },
  { "evidence", assayctl_cmd_evidence, N_("Export the evidence of a security alert") },
  { "clear-alert", assayctl_cmd_clear_alert, N_("Clear a security alert so that sync may run again") },
  { "cohort", assayctl_cmd_cohort, N_("Import the auditor's cohort file or show it: cohort import CSV") },
  { "fairness", assayctl_cmd_fairness, N_("Run the Article W fairness audit on the cohort") },
  { "benford", assayctl_cmd_benford,
    N_("First digits of event points per issuer or county against Benford's law: benford [--by issuer|county] [--json]") },
  { "sample", assayctl_cmd_sample,
    N_("Draw the verifiable 6.2 audit sample: sample --year Y --province P --rate R [--checkpoint SIZE] [--json]") },
  { "recheck", assayctl_cmd_recheck, N_("Re-check the points, confirmer and delay of a sample's events (sample options)") },
  { "findings", assayctl_cmd_findings,
    N_("Record an auditor's finding (findings record … --index I --finding KIND --note TEXT), sign a sample's "
       "findings (findings sign … --key FILE --rationale TEXT) or list them with the fraud rate") },
  { "audit-bounds", assayctl_cmd_audit_bounds,
    N_("Error-rate bounds and the Article T verdicts: audit-bounds --sample N --errors K [--population M]") },
  { "audit-plan", assayctl_cmd_audit_plan, N_("Attribute sample size: audit-plan --tolerable T --expected E [--confidence C]") },
  { "rules", assayctl_cmd_rules, N_("Check a rule set document: rules check FILE") },
  { "flags", assayctl_cmd_flags, N_("List what the rule set flags in the replica: flags [--rule-set FILE] [--json]") },
  { "what-if", assayctl_cmd_what_if,
    N_("Compare a draft rule set with the one in force on the replica: what-if --rule-set FILE [--in-force FILE] [--json]") },
  { "cases", assayctl_cmd_cases, N_("List the review cases: cases [--state STATE] [--json]") },
  { "case", assayctl_cmd_case, N_("Show a case, or review, assign or annotate it: case ID [--review | --assign NAME | --note TEXT]") },
  { "requests", assayctl_cmd_requests, N_("List the participants' filings the committee decides: requests [--json]") },
  { "docket", assayctl_cmd_docket, N_("List the disputes and appeals the arbitration panel decides: docket [--json]") },
  { "vote", assayctl_cmd_vote, N_("Vote on a docket case as a panel member: vote --key FILE --case ID --outcome uphold|overturn|adjust [--points N] --rationale TEXT") },
  { "decisions", assayctl_cmd_decisions, N_("List the decisions the log holds, verified: decisions [--json]") },
  { "decide", assayctl_cmd_decide,
    N_("Sign a decision on a case and queue it: decide --key FILE --case ID --outcome OUTCOME --rationale TEXT") },
  { "outbox", assayctl_cmd_outbox, N_("List the signed decisions waiting for or answered by the service: outbox [--json]") },
  { "push", assayctl_cmd_push, N_("Send the due decisions of the outbox to the central service: push") },
  { "proposals", assayctl_cmd_proposals, N_("List colleagues' decisions waiting for signatures at the service: proposals") },
  { "cosign", assayctl_cmd_cosign, N_("Add your signature to a proposal and push it: cosign --key FILE HASH") },
  { "weights", assayctl_cmd_weights,
    N_("List the logged weights versions (weights [--json]) or propose one: weights propose --key FILE "
       "--set professional=25,… --effective DATE --rationale TEXT; or write its public notice: weights notice "
       "--version N --out FILE.pdf|FILE.html") },
  { "oppose", assayctl_cmd_oppose, N_("Sign an objection to a proposal and send it: oppose --key FILE --rationale TEXT HASH") },
  { "account", assayctl_cmd_account, N_("Show an account's state, down-weights and decisions: account ID [--json]") },
  { "scores", assayctl_cmd_scores,
    N_("Every account's contribution value, trust level and tiers: scores [--account ID] [--as-of DATE] [--json]") },
  { "key", assayctl_cmd_key,
    N_("Create a signing key file, show its key id or change its passphrase: key create|show|passwd FILE") },
};

static void
print_help (void)
{
  g_print (_("Usage: assayctl [--replica FILE] COMMAND [OPTION…]\n\n"
             "Scriptable access to a verified replica of the contribution-value ledger.\n\n"
             "Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-12s %s\n", commands[i].name, _(commands[i].summary));
  g_print (_("\nOptions:\n"
             "  --replica FILE  The replica database to use\n"
             "  -h, --help      Show this help\n"
             "  --version       Show the version\n\n"
             "Exit status: 0 success, 1 error, 2 usage error, 3 failed verification\n"
             "(a security alert, a replica that fails verify, an altered proof).\n"));
}

int
main (int argc, char **argv)
{
  AssayctlGlobals globals = { NULL };
  int i = 1;

  assay_i18n_init ();

  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_help ();
          return ASSAYCTL_EXIT_OK;
        }
      else if (strcmp (argv[i], "--version") == 0)
        {
          g_print ("assayctl %s\n", assay_version_string ());
          return ASSAYCTL_EXIT_OK;
        }
      else if (strcmp (argv[i], "--replica") == 0 && i + 1 < argc)
        globals.replica = argv[++i];
      else if (g_str_has_prefix (argv[i], "--replica="))
        globals.replica = argv[i] + strlen ("--replica=");
      else
        {
          g_printerr (_("assayctl: unknown option “%s”. Run “assayctl --help” for the list.\n"), argv[i]);
          return ASSAYCTL_EXIT_USAGE;
        }
    }

  if (i >= argc)
    {
      print_help ();
      return ASSAYCTL_EXIT_USAGE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (strcmp (argv[i], commands[c].name) == 0)
      return commands[c].run (&globals, argc - i, argv + i);

  g_printerr (_("assayctl: unknown command “%s”. Run “assayctl --help” for the list.\n"), argv[i]);
  return ASSAYCTL_EXIT_USAGE;
}
