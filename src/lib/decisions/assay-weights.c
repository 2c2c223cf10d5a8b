/* assay-weights.c — the committee's six dimension weights: parsed, checked, written
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

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "assay-day.h"
#include "assay-error.h"
#include "assay-payload-private.h"
#include "assay-weights.h"

/* The plan's ranges (SPEC §2), in basis points, in AssayDimension order. */
static const gint64 ranges[ASSAY_N_DIMENSIONS][2] = {
  { 2000, 3000 },  /* professional */
  { 1500, 2500 },  /* knowledge */
  { 1000, 2000 },  /* community */
  { 1000, 2000 },  /* ecological */
  {  500, 1500 },  /* data */
  { 1000, 2000 },  /* market order */
};

/* More digits than any weight has: keeps the arithmetic far from overflow. */
#define MAX_WHOLE_DIGITS 3

/* ---- percentages ------------------------------------------------------------------ */

char *
assay_weights_format_percent (gint64 basis_points)
{
  gint64 whole = basis_points / 100, cents = ABS (basis_points % 100);
  const char *sign = basis_points < 0 && whole == 0 ? "-" : "";

  if (cents == 0)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT, sign, whole);
  if (cents % 10 == 0)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, sign, whole, cents / 10);
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT, sign, whole, cents);
}

/* "25", "25.5" or "25.25" into basis points; nothing else (no sign, no
 * exponent, no bare point, at most two decimals). */
static gboolean
parse_percent (const char *text,
               gint64     *out)
{
  gsize whole = strspn (text, "0123456789");
  const char *p = text + whole;
  gint64 value = 0;
  gsize decimals = 0;

  if (whole == 0 || whole > MAX_WHOLE_DIGITS)
    return FALSE;
  if (*p == '.')
    {
      decimals = strspn (p + 1, "0123456789");
      if (decimals == 0 || decimals > 2)
        return FALSE;
      p += 1 + decimals;
    }
  if (*p != '\0')
    return FALSE;
  for (gsize i = 0; i < whole; i++)
    value = value * 10 + (text[i] - '0');
  value *= 100;
  if (decimals >= 1)
    value += 10 * (text[whole + 1] - '0');
  if (decimals == 2)
    value += text[whole + 2] - '0';
  *out = value;
  return TRUE;
}

static void
set_all_six (GError **error)
{
  g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                       _("Name each of professional, knowledge, community, ecological, data and market_order once, "
                         "as professional=25,knowledge=20,…"));
}

/* One "id=percent" of the set. */
static gboolean
parse_item (const char    *item,
            AssayWeights  *weights,
            gboolean      *seen,
            GError       **error)
{
  g_auto(GStrv) parts = g_strsplit (item, "=", 2);
  g_autofree char *id = NULL;
  AssayDimension dimension;

  if (g_strv_length (parts) != 2)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not of the form DIMENSION=PERCENT (such as professional=25)."), item);
      return FALSE;
    }
  id = g_strstrip (g_strdup (parts[0]));
  if (!assay_dimension_from_id (id, &dimension))
    {
      g_autoptr(GError) local = NULL;

      set_all_six (&local);
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a dimension. %s"), id, local->message);
      return FALSE;
    }
  if (seen[dimension])
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The weight of %s is given twice."), id);
      return FALSE;
    }
  g_strstrip (parts[1]);
  if (!parse_percent (parts[1], &weights->basis_points[dimension]))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The weight of %s, “%s”, is not a percentage with at most two decimals "
                     "(such as 25, 25.5 or 25.25)."), id, parts[1]);
      return FALSE;
    }
  seen[dimension] = TRUE;
  return TRUE;
}

/* ---- the public API --------------------------------------------------------------- */

void
assay_weights_get_range (AssayDimension  dimension,
                         gint64         *out_min,
                         gint64         *out_max)
{
  g_return_if_fail (dimension < ASSAY_N_DIMENSIONS);
  *out_min = ranges[dimension][0];
  *out_max = ranges[dimension][1];
}

gboolean
assay_weights_parse_set (const char    *text,
                         AssayWeights  *out_weights,
                         GError       **error)
{
  g_auto(GStrv) items = NULL;
  gboolean seen[ASSAY_N_DIMENSIONS] = { FALSE };
  AssayWeights weights = *out_weights;

  g_return_val_if_fail (text != NULL && out_weights != NULL, FALSE);

  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    if (!parse_item (items[i], &weights, seen, error))
      return FALSE;
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    if (!seen[d])
      {
        g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                     _("The weight of %s is missing: give all six dimensions."), assay_dimension_to_id (d));
        return FALSE;
      }
  *out_weights = weights;
  return TRUE;
}

static gboolean
check_range (const AssayWeights  *weights,
             AssayDimension       d,
             GError             **error)
{
  g_autofree char *value = NULL, *min = NULL, *max = NULL;

  if (weights->basis_points[d] >= ranges[d][0] && weights->basis_points[d] <= ranges[d][1])
    return TRUE;
  value = assay_weights_format_percent (weights->basis_points[d]);
  min = assay_weights_format_percent (ranges[d][0]);
  max = assay_weights_format_percent (ranges[d][1]);
  /* Translators: "The weight of data, 16 %, is outside its range of 5–15 % in the plan." */
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
               _("The weight of %s, %s %%, is outside its range of %s–%s %% in the plan."),
               assay_dimension_to_id (d), value, min, max);
  return FALSE;
}

static gboolean
check_effective_day (guint32   day,
                     GError  **error)
{
  g_autofree char *date = NULL;
  guint year, month, day_of_month;

  if (day == 0)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("The weights have no effective date: give the first day of a quarter."));
      return FALSE;
    }
  assay_day_to_ymd (day, &year, &month, &day_of_month);
  if (day_of_month == 1 && month % 3 == 1)
    return TRUE;
  date = assay_day_format (day);
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
               _("The effective date %s is not the first day of a quarter "
                 "(1 January, 1 April, 1 July or 1 October)."), date);
  return FALSE;
}

gboolean
assay_weights_check_range (const AssayWeights  *weights,
                           AssayDimension       dimension,
                           GError             **error)
{
  g_return_val_if_fail (weights != NULL, FALSE);
  g_return_val_if_fail ((guint) dimension < ASSAY_N_DIMENSIONS, FALSE);

  return check_range (weights, dimension, error);
}

gboolean
assay_weights_check (const AssayWeights  *weights,
                     GError             **error)
{
  gint64 sum = 0;

  g_return_val_if_fail (weights != NULL, FALSE);

  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    sum += weights->basis_points[d];
  /* The sum first: with a wrong sum, a weight out of range is often only
   * a symptom of it. */
  if (sum != ASSAY_WEIGHTS_TOTAL)
    {
      g_autofree char *total = assay_weights_format_percent (sum);

      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The six weights sum to %s %%, not exactly 100 %%."), total);
      return FALSE;
    }
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    if (!check_range (weights, d, error))
      return FALSE;
  return check_effective_day (weights->effective_day, error);
}

char *
assay_weights_format (const AssayWeights *weights)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (weights != NULL, NULL);

  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      g_autofree char *percent = assay_weights_format_percent (weights->basis_points[d]);

      if (d > 0)
        /* Translators: between two weights of a list, "Professional 25 %, Data 10 %". */
        g_string_append (text, _(", "));
      /* Translators: a dimension and its weight, "Professional 25 %". */
      g_string_append_printf (text, _("%s %s %%"), assay_dimension_get_label (d), percent);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

JsonObject *
assay_weights_to_json (const AssayWeights *weights)
{
  JsonObject *object = json_object_new ();
  JsonObject *points = json_object_new ();
  g_autofree char *effective = assay_day_format (weights->effective_day);

  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    json_object_set_int_member (points, assay_dimension_to_id (d), weights->basis_points[d]);
  json_object_set_object_member (object, "basis_points", points);
  /* No day is written as "", which the reader refuses. */
  json_object_set_string_member (object, "effective", effective != NULL ? effective : "");
  return object;
}

static gboolean
read_basis_points (JsonObject    *object,
                   AssayWeights  *weights,
                   GError       **error)
{
  static const char *const ids[] = {
    "professional", "knowledge", "community", "ecological", "data", "market_order", NULL
  };
  const char *where = "params.weights.basis_points";
  JsonObject *points = _assay_payload_get_object (object, "params.weights", "basis_points", error);

  if (points == NULL || !_assay_payload_check_members (points, where, ids, error))
    return FALSE;
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    if (!_assay_payload_get_int (points, where, assay_dimension_to_id (d), 0, ASSAY_WEIGHTS_TOTAL,
                                 &weights->basis_points[d], error))
      return FALSE;
  return TRUE;
}

gboolean
assay_weights_from_json (JsonObject    *object,
                         AssayWeights  *out_weights,
                         GError       **error)
{
  static const char *const members[] = { "basis_points", "effective", NULL };
  AssayWeights weights = { { 0 }, 0 };
  g_autoptr(GError) local = NULL;
  const char *effective;

  g_return_val_if_fail (object != NULL && out_weights != NULL, FALSE);

  if (!_assay_payload_check_members (object, "params.weights", members, error) ||
      !read_basis_points (object, &weights, error) ||
      (effective = _assay_payload_get_string (object, "params.weights", "effective", 10, error)) == NULL)
    return FALSE;
  if (!assay_day_parse (effective, -1, &weights.effective_day))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("malformed payload: “params.weights.effective” is not a date YYYY-MM-DD"));
      return FALSE;
    }
  if (!assay_weights_check (&weights, &local))
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA, local->message);
      return FALSE;
    }
  *out_weights = weights;
  return TRUE;
}

gboolean
assay_weights_from_params (JsonObject    *params,
                           AssayWeights  *out_weights,
                           GError       **error)
{
  static const char *const members[] = { "weights", NULL };
  JsonObject *object;

  g_return_val_if_fail (params != NULL && out_weights != NULL, FALSE);

  if (!_assay_payload_check_members (params, "params", members, error) ||
      (object = _assay_payload_get_object (params, "params", "weights", error)) == NULL)
    return FALSE;
  return assay_weights_from_json (object, out_weights, error);
}
