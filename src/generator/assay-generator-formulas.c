/* assay-generator-formulas.c — drawing a contribution's inputs and points by the annex-4 formulas
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

#include "assay-generator-private.h"

static const double demand_values[] = { 0.8, 1.0, 1.2, 1.5 };
static const double demand_odds[] = { 0.25, 0.35, 0.25, 0.15 };
static const double rating_values[] = { 1.0, 0.7, 0.3 };      /* 好评, 中评, 差评 */
static const double rating_odds[] = { 0.72, 0.23, 0.05 };
static const double difficulty_values[] = { 1.0, 1.2, 1.5 };  /* 基础, 语言教学, 编程 */
static const double difficulty_odds[] = { 0.45, 0.35, 0.20 };
static const double share_values[] = { 0.1, 0.2, 0.3 };       /* 参与者 … 核心组织者 */
static const double share_odds[] = { 0.55, 0.30, 0.15 };
static const double impact_values[] = { 1.0, 1.5 };
static const double impact_odds[] = { 0.70, 0.30 };
static const double completion_values[] = { 1.0, 0.6 };        /* 成功完成, 部分完成 */
static const double completion_odds[] = { 0.85, 0.15 };
static const double quality_values[] = { 0.8, 1.0, 1.2 };
static const double quality_odds[] = { 0.20, 0.55, 0.25 };

/* points = the product of the inputs in their written order, the nearest
 * integer, halves away from zero; FALSE when the product is too close to a
 * half to round the same way in every evaluation order, or rounds to 0. */
static gboolean
draw_evaluate (Draw *draw)
{
  double value = 1.0;
  double frac;

  for (guint i = 0; i < draw->n; i++)
    value *= draw->in[i].value;
  frac = fabs (value - trunc (value));
  if (fabs (frac - 0.5) < 1e-6)
    return FALSE;
  draw->points = (gint64) round (value);
  return draw->points != 0;
}

static void
draw_set (Draw   *draw,
          double  a,
          double  b,
          double  c,
          double  d)
{
  const double values[4] = { a, b, c, d };
  RuleKind rule = draw->tpl->rule;

  draw->n = 0;
  for (guint i = 0; i < 4 && _assay_generator_rule_inputs[rule][i] != NULL; i++)
    {
      draw->in[i].name = _assay_generator_rule_inputs[rule][i];
      draw->in[i].value = values[i];
      draw->n++;
    }
}

static void
draw_inputs (Rng  *rng,
             Draw *draw)
{
  const Template *t = draw->tpl;

  do
    {
      switch (t->rule)
        {
        case RULE_RESOURCE:   /* 002 annex 4 §3.1 */
          draw_set (draw, t->base, rng_range (rng, t->lo, t->hi),
                    rng_choice (rng, demand_values, demand_odds, 4),
                    rng_choice (rng, rating_values, rating_odds, 3));
          break;
        case RULE_SKILL:      /* §3.2 */
          draw_set (draw, rng_choice (rng, difficulty_values, difficulty_odds, 3),
                    rng_range (rng, t->lo, t->hi),
                    rng_choice (rng, rating_values, rating_odds, 2),
                    rng_range (rng, t->people_lo, t->people_hi));
          break;
        case RULE_PROJECT:    /* §3.3 */
          draw_set (draw, t->base, rng_choice (rng, share_values, share_odds, 3),
                    rng_choice (rng, impact_values, impact_odds, 2),
                    rng_choice (rng, completion_values, completion_odds, 2));
          break;
        case RULE_COMMUNITY:  /* §3.4 */
          draw_set (draw, rng_range (rng, t->lo, t->hi),
                    rng_choice (rng, impact_values, impact_odds, 2),
                    rng_choice (rng, quality_values, quality_odds, 3), 0);
          break;
        case RULE_ITEM:       /* seed 004 §1.2 加减分项 */
        case N_RULES:
        default:
          draw_set (draw, t->base, rng_range (rng, t->lo, t->hi), 0, 0);
          break;
        }
    }
  while (!draw_evaluate (draw));
}

/* A template of dimension @dim usable by @a today.  Deductions only for
 * honest accounts whose balance covers them; one `community` event per
 * account and day, so its (date, activity) set has no repeats; ring
 * members file `community` events only together. */
static gboolean
pick_template (AssayGenerator *self,
               const Account  *a,
               gint32          day,
               guint           dim,
               gboolean        controlled,
               guint          *out)
{
  double sum = 0, u;
  double w[N_TEMPLATES];

  for (guint t = 0; t < N_TEMPLATES; t++)
    {
      const Template *tpl = &_assay_generator_templates[t];

      w[t] = 0;
      if (tpl->dim != dim || !((1 << a->kind) & tpl->kinds))
        continue;
      if (tpl->base < 0 && (controlled || a->balance < -tpl->base * tpl->hi))
        continue;
      if (tpl->rule == RULE_COMMUNITY && (a->last_cs_day == day || a->role == ROLE_RING))
        continue;
      w[t] = tpl->weight;
      sum += w[t];
    }
  if (sum <= 0)
    return FALSE;
  u = rng_uniform (&self->rng) * sum;
  for (guint t = 0; t < N_TEMPLATES; t++)
    {
      if (w[t] <= 0)
        continue;
      *out = t;
      if (u < w[t])
        break;
      u -= w[t];
    }
  return TRUE;
}

gboolean
_assay_generator_draw_contribution (AssayGenerator *self,
                                    const Account  *a,
                                    gint32          day,
                                    guint           dim,
                                    gboolean        controlled,
                                    Draw           *draw)
{
  for (guint attempt = 0; attempt < 6; attempt++)
    {
      if (!pick_template (self, a, day, dim, controlled, &draw->tpl_index))
        return FALSE;
      draw->tpl = &_assay_generator_templates[draw->tpl_index];
      draw_inputs (&self->rng, draw);
      if (!controlled || draw->points <= CONTROLLED_MAX_POINTS)
        return TRUE;
    }
  return FALSE;
}

gboolean
_assay_generator_community_draw (Draw   *draw,
                                 double  participants,
                                 double  impact,
                                 double  quality)
{
  draw->tpl_index = COMMUNITY_TEMPLATE;
  draw->tpl = &_assay_generator_templates[COMMUNITY_TEMPLATE];
  draw_set (draw, participants, impact, quality, 0);
  return draw_evaluate (draw);
}

double
_assay_generator_draw_quality (Rng *rng)
{
  return rng_choice (rng, quality_values, quality_odds, 3);
}
