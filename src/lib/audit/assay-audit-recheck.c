/* assay-audit-recheck.c — the re-check of a sampled event's points, confirmer and delay
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
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "assay-audit-recheck.h"
#include "assay-error.h"

#define MAX_FACTORS 4
#define MIN_DELAY   7
#define MAX_DELAY  30

/* The contribution formulas, as products of their inputs in the order the
 * seeds write them:
 *   seed 002 annex 4 §3.1 资源贡献 = 资源基础价值 × 使用时长 × 资源需求指数 × 用户评价系数
 *   §3.2 技能贡献 = 技能难度系数 × 服务时长 × 学习者评价 × 影响人数
 *   §3.3 项目贡献 = 项目价值基数 × 个人贡献比例 × 项目影响力系数 × 完成度
 *   §3.4 社群贡献 = 参与人数 × 活动影响力系数 × 内容质量评价
 *   seed 004 加减分项 = 每次分值 × 次数 (negative for a deduction) */
static const struct
{
  const char *rule;
  const char *inputs[MAX_FACTORS + 1];
} formulas[] = {
  { "resource", { "base_value", "duration", "demand_index", "rating", NULL } },
  { "skill", { "difficulty", "hours", "rating", "people", NULL } },
  { "project", { "base_value", "share", "impact", "completion", NULL } },
  { "community", { "participants", "impact", "quality", NULL } },
  { "item", { "unit", "count", NULL } },
};

void
assay_recheck_item_free (AssayRecheckItem *item)
{
  if (item == NULL)
    return;
  g_free (item->account);
  g_free (item->rule_id);
  g_free (item->inputs);
  g_free (item->reason);
  g_free (item);
}

static int
find_formula (const char *rule_id)
{
  for (guint f = 0; f < G_N_ELEMENTS (formulas); f++)
    if (g_strcmp0 (formulas[f].rule, rule_id) == 0)
      return f;
  return -1;
}

/* The product of the formula's inputs, left to right; FALSE with a reason. */
static gboolean
product (int         f,
         JsonObject *inputs,
         double     *out,
         char      **out_reason)
{
  const char * const *names = formulas[f].inputs;
  double p = 1;
  guint n = 0;

  for (; names[n] != NULL; n++)
    {
      JsonNode *node = json_object_get_member (inputs, names[n]);

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
          (json_node_get_value_type (node) != G_TYPE_INT64 &&
           json_node_get_value_type (node) != G_TYPE_DOUBLE))
        {
          *out_reason = g_strdup_printf (_("the input “%s” of rule “%s” is missing or not a number"),
                                         names[n], formulas[f].rule);
          return FALSE;
        }
      p = n == 0 ? json_node_get_double (node) : p * json_node_get_double (node);
    }
  if (json_object_get_size (inputs) != n)
    {
      *out_reason = g_strdup_printf (_("rule “%s” has inputs its formula does not name"),
                                     formulas[f].rule);
      return FALSE;
    }
  *out = p;
  return TRUE;
}

gboolean
assay_recheck_points (const char  *rule_id,
                      const char  *inputs_json,
                      gint64      *out_points,
                      char       **out_reason)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  int f = find_formula (rule_id);
  double p = 0;

  g_return_val_if_fail (out_points != NULL && out_reason != NULL, FALSE);

  if (f < 0)
    {
      *out_reason = g_strdup_printf (_("no formula is known for rule “%s”"), rule_id != NULL ? rule_id : "");
      return FALSE;
    }
  if (inputs_json == NULL || !json_parser_load_from_data (parser, inputs_json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      *out_reason = g_strdup (_("the rule's inputs are not a JSON object"));
      return FALSE;
    }
  if (!product (f, json_node_get_object (root), &p, out_reason))
    return FALSE;
  if (!isfinite (p) || fabs (p) > 9007199254740992.0)
    {
      *out_reason = g_strdup (_("the formula's product is out of range"));
      return FALSE;
    }
  /* Nearest integer, halves away from zero. */
  *out_points = (gint64) round (p);
  return TRUE;
}

AssayRecheckItem *
assay_recheck_entry (const AssayEntry *entry,
                     guint64           index)
{
  AssayRecheckItem *item;

  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->kind != ASSAY_ENTRY_EVENT)
    return NULL;
  item = g_new0 (AssayRecheckItem, 1);
  item->index = index;
  item->account = g_strdup (entry->account);
  item->rule_id = g_strdup (entry->rule_id);
  item->inputs = g_strdup (entry->rule_inputs);
  g_strlcpy (item->evidence, entry->evidence, sizeof item->evidence);
  item->recorded = entry->points;
  if (!assay_recheck_points (entry->rule_id, entry->rule_inputs, &item->recomputed, &item->reason))
    item->status = ASSAY_RECHECK_CANNOT_RECOMPUTE;
  else
    item->status = item->recomputed == item->recorded ? ASSAY_RECHECK_MATCH : ASSAY_RECHECK_MISMATCH;
  item->confirmer_ok = g_strcmp0 (entry->rule_id, "community") != 0 ||
                       (entry->confirmer != NULL && g_strcmp0 (entry->confirmer, entry->account) != 0);
  item->delay_days = (int) entry->publication_day - (int) entry->event_day;
  item->delay_ok = item->delay_days >= MIN_DELAY && item->delay_days <= MAX_DELAY;
  return item;
}

gboolean
assay_recheck_item_passes (const AssayRecheckItem *item)
{
  g_return_val_if_fail (item != NULL, FALSE);

  return item->status == ASSAY_RECHECK_MATCH && item->confirmer_ok && item->delay_ok;
}

GPtrArray *
assay_audit_recheck (AssayReplica           *replica,
                     const AssayAuditSample *sample,
                     GError                **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_recheck_item_free);

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (sample != NULL, NULL);

  for (guint i = 0; i < sample->indices->len; i++)
    {
      guint64 index = g_array_index (sample->indices, guint64, i);
      g_autoptr(AssayReplicaEntry) entry = assay_replica_get_entry (replica, index, error);
      AssayRecheckItem *item;

      if (entry == NULL)
        return NULL;
      if (entry->parsed == NULL || (item = assay_recheck_entry (entry->parsed, index)) == NULL)
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                       _("Leaf %" PRIu64 " of the sample holds no event any more "
                         "(erased since?); draw the sample again."), index);
          return NULL;
        }
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}
