/* assayctl-benford.c — assayctl benford: first digits of event points
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
#include <json-glib/json-glib.h>
#include <math.h>

#include "assay-benford.h"
#include "assay-cli-options.h"
#include "assay-enum.h"
#include "assayctl-commands.h"
#include "assayctl-replica-util.h"

static void
add_digits (JsonBuilder  *b,
            const char   *name,
            const double *values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint d = 0; d < 9; d++)
    {
      if (isfinite (values[d]))
        json_builder_add_double_value (b, values[d]);
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_array (b);
}

static void
add_group (JsonBuilder             *b,
           const AssayBenfordGroup *g)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "group");
  json_builder_add_string_value (b, g->group);
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, g->n);
  json_builder_set_member_name (b, "counts");
  json_builder_begin_array (b);
  for (guint d = 0; d < 9; d++)
    json_builder_add_int_value (b, g->counts[d]);
  json_builder_end_array (b);
  add_digits (b, "expected", g->expected);
  add_digits (b, "z", g->z);
  assayctl_json_add_number (b, "chisq", g->chisq);
  json_builder_set_member_name (b, "df");
  json_builder_add_int_value (b, g->df);
  assayctl_json_add_number (b, "p_value", g->p_value);
  assayctl_json_add_number (b, "mad", g->mad);
  json_builder_set_member_name (b, "conformity");
  json_builder_add_string_value (b, assay_enum_get_nick (ASSAY_TYPE_BENFORD_CONFORMITY, g->conformity));
  json_builder_end_object (b);
}

static void
print_json (const AssayBenfordResult *result)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  double shares[9];

  for (guint d = 1; d <= 9; d++)
    shares[d - 1] = assay_benford_expected_share (d);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "by");
  json_builder_add_string_value (b, assay_enum_get_nick (ASSAY_TYPE_BENFORD_BY, result->by));
  json_builder_set_member_name (b, "min_n");
  json_builder_add_int_value (b, result->min_n);
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, assay_benford_get_caveat ());
  add_digits (b, "expected_shares", shares);
  json_builder_set_member_name (b, "events_without_digit");
  json_builder_add_int_value (b, result->n_without_digit);
  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->groups->len; i++)
    add_group (b, g_ptr_array_index (result->groups, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  assayctl_print_json (node);
}

/* A figure, or "—" for one not computed. */
static char *
format_number (double value,
               int    digits)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.*g", digits, value);
}

/* The largest z and its digit, "3: 4.12"; "—" when untested. */
static char *
format_max_z (const AssayBenfordGroup *g)
{
  guint best = 0;

  if (isnan (g->z[0]))
    return g_strdup ("—");
  for (guint d = 1; d < 9; d++)
    if (g->z[d] > g->z[best])
      best = d;
  return g_strdup_printf ("%u: %.3g", best + 1, g->z[best]);
}

static void
print_table (const AssayBenfordResult *result)
{
  g_autofree char *left_out = NULL;

  g_print (result->by == ASSAY_BENFORD_BY_COUNTY
           ? _("First digits of event points per county against Benford's law, log10(1 + 1/d)\n")
           : _("First digits of event points per issuer against Benford's law, log10(1 + 1/d)\n"));
  g_print ("%s\n", assay_benford_get_caveat ());
  /* A 64-bit count is formatted first: a printf macro inside a message
   * would cut it for xgettext. */
  left_out = g_strdup_printf ("%" G_GUINT64_FORMAT, result->n_without_digit);
  g_print (_("Groups with fewer than %u events are insufficient data. Events with no first digit "
             "(0 or negative points), left out: %s.\n\n"), result->min_n, left_out);
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AssayBenfordGroup *g = g_ptr_array_index (result->groups, i);
      g_autofree char *chisq = format_number (g->chisq, 6);
      g_autofree char *p = format_number (g->p_value, 3);
      g_autofree char *mad = format_number (g->mad, 3);
      g_autofree char *z = format_max_z (g);
      g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, g->n);
      g_autoptr(GString) counts = g_string_new (NULL);

      for (guint d = 0; d < 9; d++)
        g_string_append_printf (counts, "%s%" G_GUINT64_FORMAT, d > 0 ? " " : "", g->counts[d]);
      g_print (_("%s: n %s; digits 1–9: %s; chi-square %s (8 df), p %s; "
                 "largest z (digit: z) %s; MAD %s, %s\n"),
               g->group, n, counts->str, chisq, p, z, mad,
               assay_benford_conformity_get_label (g->conformity));
    }
}

int
assayctl_cmd_benford (const AssayctlGlobals *globals,
                      int                    argc,
                      char                 **argv)
{
  gboolean json = FALSE;
  int min_n = ASSAY_BENFORD_DEFAULT_MIN_N, by_value = ASSAY_BENFORD_BY_ISSUER;
  g_autofree char *by = NULL;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Group the events by issuer (default) or county"), N_("issuer|county") },
    { "min-n", 0, 0, G_OPTION_ARG_INT, &min_n, N_("Fewest events a group needs to be tested (default 100)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayBenfordResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int status = ASSAYCTL_EXIT_OK;

  if (!assayctl_parse_options ("benford", NULL, entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 1)
    return assay_cli_usage_error ("assayctl benford", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("“benford” takes options only."));
  if (by != NULL && !assay_enum_from_nick (ASSAY_TYPE_BENFORD_BY, by, &by_value))
    return assay_cli_usage_error ("assayctl benford", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--by is issuer or county, not “%s”."), by);
  if (min_n < 1)
    return assay_cli_usage_error ("assayctl benford", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--min-n must be at least 1."));
  replica = assayctl_open_replica (globals, "benford", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  if ((result = assay_benford_run (replica, by_value, min_n, &error)) == NULL)
    return assayctl_fail (error);
  if (json)
    print_json (result);
  else
    print_table (result);
  return ASSAYCTL_EXIT_OK;
}
