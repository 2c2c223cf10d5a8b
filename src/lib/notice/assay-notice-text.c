/* assay-notice-text.c — the words of the notice, in Chinese and in English
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

#include <inttypes.h>
#include <math.h>

#include "assay-day.h"
#include "assay-notice-private.h"
#include "assay-weights.h"

/* The notice's words.  Both languages are always printed, the Chinese
 * text first as the official one, so these are written out here instead
 * of being translated by gettext into the reader's locale. */
typedef struct
{
  const char *tag;
  const char *title;
  const char *origin;
  const char *log_index;
  const char *hash;
  const char *logged;
  const char *notice_period;
  const char *notice_period_value;        /* {0} from, {1} to, {2} days */
  const char *proposed;
  const char *effective;
  const char *effective_value;            /* {0} the day */
  const char *status;                     /* {0} as of */
  const char *status_names[ASSAY_WEIGHTS_VOID + 1];
  const char *rule_set;
  const char *weights_heading;
  const char *columns[ASSAY_NOTICE_TABLE_COLUMNS];
  const char *old_logged_column;          /* {0} the old version's log index */
  const char *equal;
  const char *equal_note;
  const char *dimensions[ASSAY_N_DIMENSIONS];
  const char *rationale_heading;
  const char *signers_heading;
  const char *signers_separator;
  const char *no_signers;
  const char *what_if_heading;
  const char *what_if_intro;
  const char *what_if_accounts;
  const char *what_if_top100;             /* {0} kept, {1} of */
  const char *what_if_levels;             /* {0} up, {1} down */
  const char *what_if_tiers;              /* {0} up, {1} down */
  const char *what_if_level_label;
  const char *what_if_tier_label;
  const char *verify_heading;
  const char *verify_text;                /* {0} the index */
} NoticeLanguage;

static const NoticeLanguage chinese = {
  .tag = "zh-CN",
  .title = "贡献值维度权重调整公示",
  .origin = "日志来源",
  .log_index = "决定的日志索引",
  .hash = "决定的哈希（SHA-256）",
  .logged = "记入日志日期",
  .notice_period = "公示期",
  .notice_period_value = "{0} 至 {1}（{2} 天）",
  .proposed = "提议生效日期",
  .effective = "生效日期",
  .effective_value = "{0}（公示期满后首个季度首日与提议日期中较晚者）",
  .status = "状态（截至 {0}）",
  .status_names = {
    [ASSAY_WEIGHTS_IN_NOTICE] = "公示中",
    [ASSAY_WEIGHTS_SCHEDULED] = "公示期满，待生效",
    [ASSAY_WEIGHTS_IN_FORCE] = "生效中",
    [ASSAY_WEIGHTS_PAST] = "曾生效，已被后续版本取代",
    [ASSAY_WEIGHTS_REPLACED] = "不适用：同日生效的后记入版本取代了本版本",
    [ASSAY_WEIGHTS_VOID] = "无效：生效日期落在等权重期内，本版本不适用",
  },
  .rule_set = "规则集",
  .weights_heading = "六个维度的权重",
  .columns = { "维度", "计划范围", "原权重", "新权重" },
  .old_logged_column = "原权重（日志索引 {0}）",
  .equal = "等权重（系数 1）",
  .equal_note = "原权重为计划规定的等权重期：每个维度的系数恰为 1（而非 6 × 16.67 %），"
                "计划范围不适用于这一明示例外。",
  .dimensions = { "专业贡献", "知识共享", "社区服务", "生态贡献", "数据贡献", "市场秩序" },
  .rationale_heading = "调整理由",
  .signers_heading = "签署人",
  .signers_separator = "、",
  .no_signers = "（无）",
  .what_if_heading = "调整影响预估",
  .what_if_intro = "若以新权重取代现行权重，在同一检查点上重新计算每个账户的贡献值：",
  .what_if_accounts = "比较的账户数",
  .what_if_top100 = "{0} / {1}",
  .what_if_levels = "上升 {0}，下降 {1}",
  .what_if_tiers = "上升 {0}，下降 {1}",
  .what_if_level_label = "跨越信任等级阈值的账户",
  .what_if_tier_label = "跨越兑换档位阈值的账户",
  .verify_heading = "如何核验",
  .verify_text = "本决定记在日志索引 {0}。任何人可同步一份副本后运行下列命令，在输出中找到该索引，"
                 "核对上述权重、签署人与哈希：",
};

static const NoticeLanguage english = {
  .tag = "en",
  .title = "Public notice of a change of dimension weights",
  .origin = "Log origin",
  .log_index = "Log index of the decision",
  .hash = "Hash of the decision (SHA-256)",
  .logged = "Logged on",
  .notice_period = "Notice period",
  .notice_period_value = "{0} to {1} ({2} days)",
  .proposed = "Proposed effective date",
  .effective = "Effective date",
  .effective_value = "{0} (the later of the proposed date and the first quarter start after the notice)",
  .status = "Status (as of {0})",
  .status_names = {
    [ASSAY_WEIGHTS_IN_NOTICE] = "in notice",
    [ASSAY_WEIGHTS_SCHEDULED] = "noticed, waiting for its quarter",
    [ASSAY_WEIGHTS_IN_FORCE] = "in force",
    [ASSAY_WEIGHTS_PAST] = "was in force, replaced since",
    [ASSAY_WEIGHTS_REPLACED] = "does not apply: a version logged later takes effect the same day",
    [ASSAY_WEIGHTS_VOID] = "void: its date falls inside the equal-weight period, so it never applies",
  },
  .rule_set = "Rule set",
  .weights_heading = "The six dimension weights",
  .columns = { "Dimension", "Plan range", "Old weight", "New weight" },
  .old_logged_column = "Old weight (log index {0})",
  .equal = "equal weights (multiplier 1)",
  .equal_note = "The old weights are the plan's equal-weight period: every dimension's multiplier is "
                "exactly 1 (not 6 × 16.67 %); the plan's ranges do not apply to this explicit exception.",
  .dimensions = { "Professional", "Knowledge sharing", "Community service", "Ecological", "Data",
                  "Market order" },
  .rationale_heading = "Rationale",
  .signers_heading = "Signed by",
  .signers_separator = ", ",
  .no_signers = "(none)",
  .what_if_heading = "What the change would do",
  .what_if_intro = "Every account's value recomputed on the same checkpoint as if the new weights had "
                   "replaced the weights in force:",
  .what_if_accounts = "Accounts compared",
  .what_if_top100 = "{0} of {1}",
  .what_if_levels = "{0} up, {1} down",
  .what_if_tiers = "{0} up, {1} down",
  .what_if_level_label = "Accounts crossing a trust level threshold",
  .what_if_tier_label = "Accounts crossing a redemption tier threshold",
  .verify_heading = "How to verify",
  .verify_text = "This decision is at log index {0}. Anyone can sync a replica, run the commands below, "
                 "find that index in their output and check the weights, signers and hash above:",
};

/* The pattern with {0}, {1}, {2} replaced by the arguments: the
 * patterns are data, and a printf format that is data is one typo away
 * from reading the wrong argument. */
static char *
fill (const char *pattern,
      const char *a0,
      const char *a1,
      const char *a2)
{
  const char *args[] = { a0, a1, a2 };
  GString *out = g_string_new (NULL);

  for (const char *p = pattern; *p != '\0'; p++)
    {
      if (p[0] == '{' && p[1] >= '0' && p[1] <= '2' && p[2] == '}' && args[p[1] - '0'] != NULL)
        {
          g_string_append (out, args[p[1] - '0']);
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
number (guint value)
{
  return g_strdup_printf ("%u", value);
}

/* Four decimals with a point, whatever the locale; a dash for a
 * coefficient that is undefined (NaN: every value tied). */
static char *
decimal (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("—");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4f", value));
}

static void
block_free (AssayNoticeBlock *block)
{
  for (guint i = 0; i < ASSAY_NOTICE_TABLE_COLUMNS; i++)
    g_free (block->cells[i]);
  g_free (block);
}

/* Appends a block; the cells are taken, NULL-terminated. */
static void
add (GPtrArray            *blocks,
     AssayNoticeBlockKind  kind,
     ...)
{
  AssayNoticeBlock *block = g_new0 (AssayNoticeBlock, 1);
  va_list args;
  char *cell;

  block->kind = kind;
  va_start (args, kind);
  for (guint i = 0; i < ASSAY_NOTICE_TABLE_COLUMNS && (cell = va_arg (args, char *)) != NULL; i++)
    block->cells[i] = cell;
  va_end (args);
  g_ptr_array_add (blocks, block);
}

static char *
percent (gint64 basis_points)
{
  g_autofree char *digits = assay_weights_format_percent (basis_points);

  return g_strdup_printf ("%s %%", digits);
}

static char *
plan_range (AssayDimension dimension)
{
  g_autofree char *low = NULL, *high = NULL;
  gint64 min, max;

  assay_weights_get_range (dimension, &min, &max);
  low = assay_weights_format_percent (min);
  high = assay_weights_format_percent (max);
  return g_strdup_printf ("%s–%s %%", low, high);
}

static char *
index_text (guint64 index)
{
  return g_strdup_printf ("%" PRIu64, index);
}

static void
add_when (GPtrArray             *blocks,
          const NoticeLanguage  *l,
          const AssayNotice     *n)
{
  g_autofree char *logged = assay_day_format (n->logged_day);
  /* The notice's last day, as the Weights tab writes it: notice_end is
   * the first day after it, and "to" reads as inclusive. */
  g_autofree char *last_day = assay_day_format (n->notice_end - 1);
  g_autofree char *effective = assay_day_format (n->effective);
  g_autofree char *as_of = assay_day_format (n->as_of);
  g_autofree char *days = number (n->notice_days);

  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, g_strdup (l->logged), g_strdup (logged), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, g_strdup (l->notice_period),
       fill (l->notice_period_value, logged, last_day, days), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, g_strdup (l->proposed), assay_day_format (n->proposed_effective), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, g_strdup (l->effective),
       fill (l->effective_value, effective, NULL, NULL), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, fill (l->status, as_of, NULL, NULL),
       g_strdup (l->status_names[n->status]), NULL);
}

static void
add_identity (GPtrArray             *blocks,
              const NoticeLanguage  *l,
              const AssayNotice     *n)
{
  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, g_strdup (l->origin), g_strdup (n->origin), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, g_strdup (l->log_index), index_text (n->log_index), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, g_strdup (l->hash), g_strdup (n->hash), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, g_strdup (l->rule_set),
       g_strdup_printf ("%s v%" PRIi64, n->rule_set_name, n->rule_set_version), NULL);
}

static void
add_weights (GPtrArray             *blocks,
             const NoticeLanguage  *l,
             const AssayNotice     *n)
{
  g_autofree char *old_index = index_text (n->old_log_index);

  add (blocks, ASSAY_NOTICE_BLOCK_HEADING, g_strdup (l->weights_heading), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_TABLE_HEAD, g_strdup (l->columns[0]), g_strdup (l->columns[1]),
       n->old_equal ? g_strdup (l->columns[2]) : fill (l->old_logged_column, old_index, NULL, NULL),
       g_strdup (l->columns[3]), NULL);
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    add (blocks, ASSAY_NOTICE_BLOCK_TABLE_ROW, g_strdup (l->dimensions[d]), plan_range (d),
         n->old_equal ? g_strdup (l->equal) : percent (n->old_basis_points[d]),
         percent (n->basis_points[d]), NULL);
  if (n->old_equal)
    add (blocks, ASSAY_NOTICE_BLOCK_PARAGRAPH, g_strdup (l->equal_note), NULL);
}

static void
add_reasons (GPtrArray             *blocks,
             const NoticeLanguage  *l,
             const AssayNotice     *n)
{
  add (blocks, ASSAY_NOTICE_BLOCK_HEADING, g_strdup (l->rationale_heading), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_PARAGRAPH, g_strdup (n->rationale), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_HEADING, g_strdup (l->signers_heading), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_PARAGRAPH,
       n->signers[0] != NULL ? g_strjoinv (l->signers_separator, n->signers) : g_strdup (l->no_signers),
       NULL);
}

/* Only when a what-if summary was handed in (assay_notice_set_what_if). */
static void
add_what_if (GPtrArray             *blocks,
             const NoticeLanguage  *l,
             const AssayNotice     *n)
{
  const AssayNoticeWhatIf *w = &n->what_if;
  g_autofree char *kept = number (w->top100_kept), *of = number (w->top100_size);
  g_autofree char *level_up = number (w->level_up), *level_down = number (w->level_down);
  g_autofree char *tier_up = number (w->tier_up), *tier_down = number (w->tier_down);

  if (!n->has_what_if)
    return;
  add (blocks, ASSAY_NOTICE_BLOCK_HEADING, g_strdup (l->what_if_heading), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_PARAGRAPH, g_strdup (l->what_if_intro), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, g_strdup (l->what_if_accounts), number (w->n_accounts),
       NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, g_strdup ("Kendall τ-b"), decimal (w->kendall_tau),
       NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, g_strdup ("Spearman ρ"), decimal (w->spearman_rho),
       NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, g_strdup ("Top 100"),
       fill (l->what_if_top100, kept, of, NULL), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, g_strdup (l->what_if_level_label),
       fill (l->what_if_levels, level_up, level_down, NULL), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_FIELD, g_strdup (l->what_if_tier_label),
       fill (l->what_if_tiers, tier_up, tier_down, NULL), NULL);
}

static void
add_verification (GPtrArray             *blocks,
                  const NoticeLanguage  *l,
                  const AssayNotice     *n)
{
  g_autofree char *index = index_text (n->log_index);

  add (blocks, ASSAY_NOTICE_BLOCK_HEADING, g_strdup (l->verify_heading), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_PARAGRAPH, fill (l->verify_text, index, NULL, NULL), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_CODE,
       g_strdup ("assayctl --replica FILE decisions --json\nassayctl --replica FILE weights --json"), NULL);
}

static void
add_part (GPtrArray             *blocks,
          const NoticeLanguage  *l,
          const AssayNotice     *n)
{
  add (blocks, ASSAY_NOTICE_BLOCK_PART, g_strdup (l->tag), NULL);
  add (blocks, ASSAY_NOTICE_BLOCK_TITLE, g_strdup (l->title), NULL);
  add_identity (blocks, l, n);
  add_when (blocks, l, n);
  add_weights (blocks, l, n);
  add_reasons (blocks, l, n);
  add_what_if (blocks, l, n);
  add_verification (blocks, l, n);
}

GPtrArray *
_assay_notice_blocks (const AssayNotice *notice)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);

  g_return_val_if_fail (notice != NULL, NULL);

  add_part (blocks, &chinese, notice);
  add_part (blocks, &english, notice);
  return blocks;
}
