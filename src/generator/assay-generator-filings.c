/* assay-generator-filings.c — filings of a small share of accounts, valid and violating
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

/* The seven filing kinds of README "Filings", each valid and violating
 * the plan's limits (rules, not format checks: every line is format-valid).
 *
 * A silence is filed before its period, yet whether the period holds the
 * account's entries is known only after them; so while filings are on,
 * the day loop writes its lines to a spool file, and once every event and
 * redemption is drawn, this file chooses the filings and copies the spool
 * to the output, each day's filings after that day's lines.
 *
 * Everything here comes from a random stream of its own, drawn before
 * the run (the candidates) and after it (the filings), so the event and
 * redemption lines are byte for byte those of a run without filings.
 *
 * Leaf indices (appeal.against, dispute.entries, forget_request.silence)
 * are those the file gets when it is imported in one `assay-central
 * import` into an empty log, with --now on or after its last publication
 * date: the service logs by publication date (a filing's is `filed`),
 * then file order.
 *
 * The rules, exactly (log order: by `filed`, then file order):
 *
 *   silence_too_long         `to` after limit(from) = from + 3 months − 1
 *                            day, "+ 3 months" keeping the day of the
 *                            month, clamped to the target month's last day
 *   silence_second_in_year   an earlier silence of the account (log order)
 *                            has its `from` in the same calendar year
 *   silence_has_entries      an event or redemption of the account has its
 *                            event_date in [from, to]
 *   forget_outside_window    `filed` not in [to − 29, to] of the silence it
 *                            names
 *   failure_over_cap         10 × points > 3 × comparable_value
 *   failure_third_in_year    two earlier claims of the account (log order)
 *                            were filed in the same calendar year
 *   failure_criterion_false  honest_record, good_faith or ruled_out false
 *   insurance_ineligible     not every one of the three calendar years
 *                            before `filed`'s year has year points ≥ the
 *                            level (year points: the account's event
 *                            points, deductions included, by event_date)
 *   education_over_cap       5 × (this and the earlier transfers of the
 *                            account for `year`, log order) > accrual (the
 *                            account's event points with event_date in
 *                            `year`, deductions included) */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "assay-day.h"
#include "assay-generator-private.h"

/* At least this many candidates, else one in CANDIDATE_SHARE accounts. */
#define MIN_CANDIDATES  60
#define CANDIDATE_SHARE 20

typedef enum
{
  FILING_APPEAL,
  FILING_DISPUTE,
  FILING_SILENCE,
  FILING_FORGET_REQUEST,
  FILING_FAILURE_CLAIM,
  FILING_INSURANCE_CLAIM,
  FILING_EDUCATION_TRANSFER,
  N_FILING_KINDS
} FilingKind;

static const char * const kind_ids[N_FILING_KINDS] = {
  "appeal", "dispute", "silence", "forget_request", "failure_claim", "insurance_claim",
  "education_transfer",
};
static const char * const kind_prefixes[N_FILING_KINDS] = {
  "APL", "DSP", "SIL", "FGT", "FCL", "ICL", "EDU",
};

/* The vocabulary of the truth's `violations`, in the order written. */
typedef enum
{
  V_SILENCE_TOO_LONG       = 1 << 0,
  V_SILENCE_SECOND_IN_YEAR = 1 << 1,
  V_SILENCE_HAS_ENTRIES    = 1 << 2,
  V_FORGET_OUTSIDE_WINDOW  = 1 << 3,
  V_FAILURE_OVER_CAP       = 1 << 4,
  V_FAILURE_THIRD_IN_YEAR  = 1 << 5,
  V_FAILURE_CRITERION      = 1 << 6,
  V_INSURANCE_INELIGIBLE   = 1 << 7,
  V_EDUCATION_OVER_CAP     = 1 << 8,
} Violation;

static const char * const violation_ids[] = {
  "silence_too_long", "silence_second_in_year", "silence_has_entries", "forget_outside_window",
  "failure_over_cap", "failure_third_in_year", "failure_criterion_false", "insurance_ineligible",
  "education_over_cap",
};

static const char * const benefits[] = { "social_security", "retraining", "credit_repair" };
static const char * const experts[] = { "王芳", "李强", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄涛" };
static const char * const projects[] = {
  "新型秸秆还田菌剂的田间试验", "社区养老互助积分的线上调度", "小流域水质的低成本监测网",
  "非遗竹编的电商化尝试",
};
static const char * const ventures[] = {
  "乡村民宿合作社", "社区生鲜团购平台", "旧衣回收再制造工坊", "小型光伏运维服务",
};
static const char * const reasons[] = {
  "扣分所依据的事实与实际情况不符，申请社区委员会复核。",
  "当日已按要求整改，扣分未考虑整改情况，申请复核。",
};

/* One line of a candidate account, as written. */
typedef struct
{
  gint32   day;
  gint32   pub;
  guint32  rank;       /* lines with this publication day written before it */
  gboolean event;
  gint64   points;     /* events only */
} Line;

typedef struct
{
  guint   account;
  GArray *lines;       /* Line, in file order */
  guint  *before;      /* [n_days + 1]: lines with event_date < day */
  guint   first_filing;  /* its filings: one case's, adjacent in the array */
  guint   n_filings;
} Candidate;

typedef enum
{
  SCENARIO_SILENCE_VALID,
  SCENARIO_SILENCE_TOO_LONG,
  SCENARIO_SILENCE_TWICE,
  SCENARIO_SILENCE_WITH_ENTRIES,
  SCENARIO_FORGET_VALID,
  SCENARIO_FORGET_EARLY,
  SCENARIO_FORGET_LATE,
  SCENARIO_FAILURE_VALID,
  SCENARIO_FAILURE_OVER_CAP,
  SCENARIO_FAILURE_THIRD,
  SCENARIO_FAILURE_CRITERION,
  SCENARIO_INSURANCE_ELIGIBLE,
  SCENARIO_INSURANCE,
  SCENARIO_EDUCATION_VALID,
  SCENARIO_EDUCATION_OVER,
  SCENARIO_EDUCATION_SUM_OVER,
  SCENARIO_APPEAL,
  SCENARIO_DISPUTE,
  N_SCENARIOS
} Scenario;

typedef struct
{
  FilingKind kind;
  guint      candidate;
  gint32     filed;
  guint      order;          /* creation order: ties within an account and day */
  gboolean   planted;        /* meant to break a rule */
  guint      violations;     /* computed from what was written */
  guint64    index;          /* its leaf index */
  guint64    line;           /* 1-based line number in the output */
  gint32     from, to;       /* silence */
  guint      silence;        /* forget_request: the filing index of its silence */
  guint      refs[5];        /* appeal (1), dispute (1–5): lines of the candidate */
  guint      n_refs;
  char       respondent[3];  /* dispute: a province code not the account's */
  guint      benefit;        /* insurance_claim */
  gint64     points;         /* failure_claim (asked), education_transfer */
  gint64     comparable;
  gboolean   honest, good_faith, ruled_out;
  guint      n_experts;
  guint      text;           /* index into the kind's texts */
  guint      year;           /* education_transfer */
  gint64     accrual;        /* education_transfer: of `year` */
  gint64     year_points[3]; /* insurance_claim: the three years before */
  char       child[17];
} Filing;

struct _AssayGeneratorFilings
{
  Rng        rng;
  gint32    *candidate_of;   /* [n_accounts]: candidate index or -1 */
  GArray    *candidates;     /* Candidate */
  guint32   *pub_lines;      /* [n_days + 31]: lines per publication day */
  guint32   *day_lines;      /* [n_days]: lines per event_date */
  guint64   *day_end;        /* [n_days]: spool offset after the day */
  guint64   *first_of_pub;   /* [n_days + 31]: leaf index of a day's first line */
  GArray    *filings;        /* Filing */
  guint     *sorted;         /* filing indices in output order */
  GFile     *spool_file;
  GFileIOStream *spool;
};

/* ---- dates ---------------------------------------------------------------- */

static guint
year_of (AssayGenerator *self,
         gint32          day)
{
  guint year;

  assay_day_to_ymd (self->start_julian + day, &year, NULL, NULL);
  return year;
}

/* from + months, keeping the day of the month (clamped), as a day index. */
static gint32
add_months (AssayGenerator *self,
            gint32          day,
            guint           months)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, self->start_julian + day);
  g_date_add_months (&date, months);
  return (gint32) (g_date_get_julian (&date) - self->start_julian);
}

static gint32
silence_limit (AssayGenerator *self,
               gint32          from)
{
  return add_months (self, from, 3) - 1;
}

/* ---- while the day loop runs ---------------------------------------------- */

/* n distinct accounts, each equally likely: a partial shuffle. */
static void
choose_candidates (AssayGenerator        *self,
                   AssayGeneratorFilings *f,
                   guint                  n)
{
  g_autofree guint *order = g_new (guint, self->n_accounts);

  f->candidate_of = g_new (gint32, self->n_accounts);
  for (guint i = 0; i < self->n_accounts; i++)
    {
      order[i] = i;
      f->candidate_of[i] = -1;
    }
  for (guint i = 0; i < n; i++)
    {
      guint j = i + rng_below (&f->rng, self->n_accounts - i);
      guint swap = order[i];

      order[i] = order[j];
      order[j] = swap;
    }
  f->candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  for (guint i = 0; i < n; i++)
    {
      Candidate c = { .account = order[i], .lines = g_array_new (FALSE, FALSE, sizeof (Line)) };

      f->candidate_of[order[i]] = (gint32) f->candidates->len;
      g_array_append_val (f->candidates, c);
    }
}

void
_assay_generator_filings_begin (AssayGenerator *self)
{
  AssayGeneratorFilings *f = g_new0 (AssayGeneratorFilings, 1);

  rng_seed (&f->rng, self->params.seed ^ 0xf11e95eedULL);
  choose_candidates (self, f,
                     MIN (self->n_accounts, MAX (MIN_CANDIDATES, self->n_accounts / CANDIDATE_SHARE)));
  f->pub_lines = g_new0 (guint32, self->n_days + 31);
  f->day_lines = g_new0 (guint32, self->n_days);
  f->day_end = g_new0 (guint64, self->n_days);
  f->filings = g_array_new (FALSE, TRUE, sizeof (Filing));
  self->filings = f;
}

void
_assay_generator_filings_note_line (AssayGenerator *self,
                                    const Account  *a,
                                    gint32          day,
                                    gint32          pub,
                                    gboolean        event,
                                    gint64          points)
{
  AssayGeneratorFilings *f = self->filings;
  gint32 c = f->candidate_of[a - self->accounts];

  if (c >= 0)
    {
      Line line = { day, pub, f->pub_lines[pub], event, event ? points : 0 };

      g_array_append_val (g_array_index (f->candidates, Candidate, c).lines, line);
    }
  f->pub_lines[pub]++;
  f->day_lines[day]++;
}

void
_assay_generator_filings_end_day (AssayGenerator *self,
                                  gint32          day)
{
  self->filings->day_end[day] = self->n_bytes_out + self->buf->len;
}

/* The day loop writes here until the filings are merged in. */
GOutputStream *
_assay_generator_filings_open_spool (AssayGenerator  *self,
                                     GError         **error)
{
  AssayGeneratorFilings *f = self->filings;

  f->spool_file = g_file_new_tmp ("assay-generate-XXXXXX.jsonl", &f->spool, error);
  if (f->spool_file == NULL)
    return NULL;
  /* Unlinked at once: the open stream keeps it until the run ends. */
  g_file_delete (f->spool_file, NULL, NULL);
  return g_io_stream_get_output_stream (G_IO_STREAM (f->spool));
}

/* ---- choosing the filings ------------------------------------------------- */

static Candidate *
candidate (AssayGenerator *self,
           guint           c)
{
  return &g_array_index (self->filings->candidates, Candidate, c);
}

static const Account *
candidate_account (AssayGenerator *self,
                   guint           c)
{
  return &self->accounts[candidate (self, c)->account];
}

/* Lines of the candidate with event_date in [from, to]. */
static guint
lines_inside (AssayGenerator *self,
              guint           c,
              gint32          from,
              gint32          to)
{
  const guint *before = candidate (self, c)->before;

  from = CLAMP (from, 0, (gint32) self->n_days);
  to = CLAMP (to + 1, 0, (gint32) self->n_days);
  return to > from ? before[to] - before[from] : 0;
}

static Filing *
add_filing (AssayGenerator *self,
            FilingKind      kind,
            guint           c,
            gint32          filed,
            gboolean        planted)
{
  GArray *filings = self->filings->filings;
  Filing filing = { 0 };

  filing.kind = kind;
  filing.candidate = c;
  filing.filed = filed;
  filing.order = filings->len;
  filing.planted = planted;
  g_array_append_val (filings, filing);
  return &g_array_index (filings, Filing, filings->len - 1);
}

/* A silence of @months months whose period holds none of the account's
 * lines (@empty) or some (!@empty), with `from` in [lo, hi]; the first
 * fitting `from` from a random start.  -1 when there is none. */
static gint32
find_silence_from (AssayGenerator *self,
                   guint           c,
                   guint           months,
                   gboolean        empty,
                   gint32          lo,
                   gint32          hi)
{
  gint32 span;
  gint32 start;

  lo = MAX (lo, 1);
  hi = MIN (hi, (gint32) self->n_days - 1);
  if (hi < lo)
    return -1;
  span = hi - lo + 1;
  start = (gint32) rng_below (&self->filings->rng, (guint32) span);
  for (gint32 k = 0; k < span; k++)
    {
      gint32 from = lo + (start + k) % span;
      gint32 to = add_months (self, from, months) - 1;

      if (to < (gint32) self->n_days && (lines_inside (self, c, from, to) == 0) == empty)
        return from;
    }
  return -1;
}

static Filing *
add_silence (AssayGenerator *self,
             guint           c,
             gint32          from,
             gint32          to,
             gboolean        planted)
{
  gint32 before = rng_range (&self->filings->rng, 1, 14);
  Filing *s = add_filing (self, FILING_SILENCE, c, MAX (0, from - before), planted);

  s->from = from;
  s->to = to;
  return s;
}

static gboolean
plant_silence (AssayGenerator *self,
               guint           c,
               Scenario        scenario)
{
  Rng *rng = &self->filings->rng;
  guint months = (guint) rng_range (rng, 1, 3);
  gboolean empty = scenario != SCENARIO_SILENCE_WITH_ENTRIES;
  gint32 from = find_silence_from (self, c, months, empty, 1, (gint32) self->n_days - 1);
  gint32 to;

  if (from < 0)
    return FALSE;
  to = add_months (self, from, months) - 1;
  if (scenario == SCENARIO_SILENCE_TOO_LONG)
    {
      /* Every other one a day too long. */
      to = silence_limit (self, from) + (rng_below (rng, 2) == 0 ? 1 : rng_range (rng, 2, 20));
      if (to >= (gint32) self->n_days)
        return FALSE;
    }
  if (scenario != SCENARIO_SILENCE_TWICE)
    {
      add_silence (self, c, from, to, scenario != SCENARIO_SILENCE_VALID);
      return TRUE;
    }
  {
    /* A second silence in the same calendar year, after the first. */
    guint year = year_of (self, from);
    gint32 next = find_silence_from (self, c, 1, TRUE, to + 2, (gint32) self->n_days - 1);
    Filing *second;

    if (next < 0 || year_of (self, next) != year)
      return FALSE;
    add_silence (self, c, from, to, FALSE);
    /* Filed after the first one ended, so it is the later in the log. */
    second = add_silence (self, c, next, add_months (self, next, 1) - 1, TRUE);
    second->filed = MAX (second->filed, to + 1);
    return TRUE;
  }
}

/* A valid silence of at least 45 days and a forget request for it, in its
 * last 30 days, before them or after its end. */
static gboolean
plant_forget (AssayGenerator *self,
              guint           c,
              Scenario        scenario)
{
  Rng *rng = &self->filings->rng;
  guint months = (guint) rng_range (rng, 2, 3);
  gint32 from = find_silence_from (self, c, months, TRUE, 15, (gint32) self->n_days - 60);
  gint32 to, filed;
  gboolean edge;
  Filing *silence;
  guint silence_index;

  if (from < 0)
    return FALSE;
  to = add_months (self, from, months) - 1;
  /* Every other one on the edge of the window, just in or just out. */
  edge = rng_below (rng, 2) == 0;
  if (scenario == SCENARIO_FORGET_VALID)
    filed = edge ? to - 29 : to - (gint32) rng_range (rng, 0, 28);
  else if (scenario == SCENARIO_FORGET_EARLY)
    filed = edge ? to - 30 : from + (gint32) rng_below (rng, (guint32) (to - 30 - from));
  else
    filed = edge ? to + 1 : to + (gint32) rng_range (rng, 2, 30);
  if (filed >= (gint32) self->n_days)
    return FALSE;
  silence = add_silence (self, c, from, to, FALSE);
  silence_index = silence->order;
  add_filing (self, FILING_FORGET_REQUEST, c, filed, scenario != SCENARIO_FORGET_VALID)->silence =
    silence_index;
  return TRUE;
}

/* A day of the calendar year of a random day, in the range. */
static gint32
day_in_year (AssayGenerator *self,
             guint           year)
{
  gint32 first = 0, last = (gint32) self->n_days - 1;

  while (year_of (self, first) < year)
    first++;
  while (year_of (self, last) > year)
    last--;
  return first + (gint32) rng_below (&self->filings->rng, (guint32) (last - first + 1));
}

static void
add_failure_claim (AssayGenerator *self,
                   guint           c,
                   gint32          filed,
                   gboolean        over_cap,
                   gboolean        criterion_false,
                   gboolean        planted)
{
  Rng *rng = &self->filings->rng;
  Filing *claim = add_filing (self, FILING_FAILURE_CLAIM, c, filed, planted);
  gint64 cap;

  claim->comparable = rng_range (rng, 100, 50000);
  cap = claim->comparable * 3 / 10;
  claim->points = over_cap ? cap + rng_range (rng, 1, 1000) : rng_range (rng, 1, (int) cap);
  claim->honest = claim->good_faith = claim->ruled_out = TRUE;
  if (criterion_false)
    {
      guint which = rng_below (rng, 3);

      claim->honest = which != 0;
      claim->good_faith = which != 1;
      claim->ruled_out = which != 2;
    }
  claim->n_experts = (guint) rng_range (rng, 1, 3);
  claim->text = rng_below (rng, G_N_ELEMENTS (projects));
}

static gboolean
plant_failure (AssayGenerator *self,
               guint           c,
               Scenario        scenario)
{
  Rng *rng = &self->filings->rng;
  guint year = year_of (self, (gint32) rng_below (rng, self->n_days));
  gint32 days[3];
  guint n = scenario == SCENARIO_FAILURE_THIRD ? 3 : 1;

  for (guint k = 0; k < n; k++)
    days[k] = day_in_year (self, year);
  /* Ascending, so the third claim is the last filed. */
  for (guint k = 1; k < n; k++)
    for (guint j = k; j > 0 && days[j - 1] > days[j]; j--)
      {
        gint32 swap = days[j];

        days[j] = days[j - 1];
        days[j - 1] = swap;
      }
  for (guint k = 0; k < n; k++)
    add_failure_claim (self, c, days[k], scenario == SCENARIO_FAILURE_OVER_CAP,
                       scenario == SCENARIO_FAILURE_CRITERION,
                       scenario != SCENARIO_FAILURE_VALID && k == n - 1);
  return TRUE;
}

/* The account's event points with event_date in @year. */
static gint64
year_points (AssayGenerator *self,
             guint           c,
             guint           year)
{
  GArray *lines = candidate (self, c)->lines;
  gint64 sum = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);

      if (l->event && year_of (self, l->day) == year)
        sum += l->points;
    }
  return sum;
}

static gboolean
eligible (AssayGenerator *self,
          guint           c,
          guint           year)
{
  for (guint k = 1; k <= 3; k++)
    if (year_points (self, c, year - k) < self->params.insurance_level)
      return FALSE;
  return TRUE;
}

/* An eligible claim needs three full years of history before its own
 * year: none in a dataset shorter than four calendar years. */
static gboolean
plant_insurance (AssayGenerator *self,
                 guint           c,
                 gboolean        want_eligible)
{
  Rng *rng = &self->filings->rng;
  guint first_year = year_of (self, 0), last_year = year_of (self, (gint32) self->n_days - 1);
  gint32 filed = -1;
  Filing *claim;

  for (guint year = first_year + 3; want_eligible && year <= last_year; year++)
    if (eligible (self, c, year))
      {
        filed = day_in_year (self, year);
        break;
      }
  if (want_eligible && filed < 0)
    return FALSE;
  if (filed < 0)
    filed = (gint32) rng_below (rng, self->n_days);
  claim = add_filing (self, FILING_INSURANCE_CLAIM, c, filed, !eligible (self, c, year_of (self, filed)));
  claim->benefit = rng_below (rng, G_N_ELEMENTS (benefits));
  claim->text = rng_below (rng, G_N_ELEMENTS (ventures));
  return TRUE;
}

/* A day to file a transfer for @year on: in that year or the next, in the
 * range. */
static gint32
transfer_day (AssayGenerator *self,
              guint           year)
{
  guint last_year = year_of (self, (gint32) self->n_days - 1);
  guint later = year + rng_below (&self->filings->rng, 2);

  return day_in_year (self, MIN (last_year, later));
}

static void
add_transfer (AssayGenerator *self,
              guint           c,
              guint           year,
              gint32          filed,
              gint64          points,
              gboolean        planted)
{
  Filing *t = add_filing (self, FILING_EDUCATION_TRANSFER, c, filed, planted);

  t->year = year;
  t->points = points;
  g_snprintf (t->child, sizeof t->child, "edu-%012" G_GINT64_MODIFIER "x",
              rng_next (&self->filings->rng) & G_GUINT64_CONSTANT (0xffffffffffff));
}

static gboolean
plant_education (AssayGenerator *self,
                 guint           c,
                 Scenario        scenario)
{
  Rng *rng = &self->filings->rng;
  guint year = year_of (self, (gint32) rng_below (rng, self->n_days));
  gint64 cap = year_points (self, c, year) / 5;

  if (candidate_account (self, c)->kind != ASSAY_ACCOUNT_INDIVIDUAL
      || cap < (scenario == SCENARIO_EDUCATION_SUM_OVER ? 3 : 1))
    return FALSE;
  if (scenario == SCENARIO_EDUCATION_VALID)
    add_transfer (self, c, year, transfer_day (self, year), rng_range (rng, 1, (int) MIN (cap, 1000000)),
                  FALSE);
  else if (scenario == SCENARIO_EDUCATION_OVER)
    add_transfer (self, c, year, transfer_day (self, year), cap + rng_range (rng, 1, 200), TRUE);
  else
    {
      /* Each within the cap, together over it: the later one breaks it. */
      gint64 first = cap * 2 / 3;
      gint32 a = transfer_day (self, year), b = transfer_day (self, year);

      add_transfer (self, c, year, MIN (a, b), first, FALSE);
      add_transfer (self, c, year, MAX (a, b), cap - first + rng_range (rng, 1, (int) first), TRUE);
    }
  return TRUE;
}

/* An appeal against one of the account's deductions, filed after its
 * publication; a dispute over 1–5 of its events, filed after theirs. */
static gboolean
plant_appeal_or_dispute (AssayGenerator *self,
                         guint           c,
                         Scenario        scenario)
{
  Rng *rng = &self->filings->rng;
  GArray *lines = candidate (self, c)->lines;
  g_autoptr(GArray) usable = g_array_new (FALSE, FALSE, sizeof (guint));
  guint wanted = scenario == SCENARIO_APPEAL ? 1 : (guint) rng_range (rng, 1, 5);
  gint32 latest = 0;
  Filing *filing;
  guint first;

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);

      if (l->event && l->pub < (gint32) self->n_days - 1
          && (scenario == SCENARIO_DISPUTE || l->points < 0))
        g_array_append_val (usable, i);
    }
  if (usable->len == 0)
    return FALSE;
  wanted = MIN (wanted, usable->len);
  first = rng_below (rng, usable->len - wanted + 1);
  for (guint k = 0; k < wanted; k++)
    latest = MAX (latest, g_array_index (lines, Line, g_array_index (usable, guint, first + k)).pub);
  filing = add_filing (self, scenario == SCENARIO_APPEAL ? FILING_APPEAL : FILING_DISPUTE, c,
                       latest + rng_range (rng, 1, MIN (30, (int) self->n_days - 1 - latest)), FALSE);
  filing->n_refs = wanted;
  for (guint k = 0; k < wanted; k++)
    filing->refs[k] = g_array_index (usable, guint, first + k);
  {
    const char *own = _assay_generator_counties[candidate_account (self, c)->county].code;
    guint other;

    do
      other = rng_below (rng, N_COUNTIES);
    while (strncmp (_assay_generator_counties[other].code, own, 2) == 0);
    memcpy (filing->respondent, _assay_generator_counties[other].code, 2);
  }
  filing->text = rng_below (rng, G_N_ELEMENTS (reasons));
  return TRUE;
}

static gboolean
plant (AssayGenerator *self,
       guint           c,
       Scenario        scenario)
{
  switch (scenario)
    {
    case SCENARIO_SILENCE_VALID:
    case SCENARIO_SILENCE_TOO_LONG:
    case SCENARIO_SILENCE_TWICE:
    case SCENARIO_SILENCE_WITH_ENTRIES:
      return plant_silence (self, c, scenario);
    case SCENARIO_FORGET_VALID:
    case SCENARIO_FORGET_EARLY:
    case SCENARIO_FORGET_LATE:
      return plant_forget (self, c, scenario);
    case SCENARIO_FAILURE_VALID:
    case SCENARIO_FAILURE_OVER_CAP:
    case SCENARIO_FAILURE_THIRD:
    case SCENARIO_FAILURE_CRITERION:
      return plant_failure (self, c, scenario);
    case SCENARIO_INSURANCE_ELIGIBLE:
    case SCENARIO_INSURANCE:
      return plant_insurance (self, c, scenario == SCENARIO_INSURANCE_ELIGIBLE);
    case SCENARIO_EDUCATION_VALID:
    case SCENARIO_EDUCATION_OVER:
    case SCENARIO_EDUCATION_SUM_OVER:
      return plant_education (self, c, scenario);
    case SCENARIO_APPEAL:
    case SCENARIO_DISPUTE:
      return plant_appeal_or_dispute (self, c, scenario);
    case N_SCENARIOS:
    default:
      g_assert_not_reached ();
    }
}

static void
index_days (AssayGenerator *self,
            Candidate      *c)
{
  c->before = g_new0 (guint, self->n_days + 1);
  for (guint i = 0; i < c->lines->len; i++)
    c->before[g_array_index (c->lines, Line, i).day + 1]++;
  for (guint d = 1; d <= self->n_days; d++)
    c->before[d] += c->before[d - 1];
}

/* Round after round, each scenario goes to the next candidate it fits, a
 * candidate taking one scenario, until the candidates run out.  A
 * candidate a scenario does not fit is not tried for it again, so each
 * pair is tried at most once. */
static void
assign_scenarios (AssayGenerator *self)
{
  GArray *candidates = self->filings->candidates;
  GArray *filings = self->filings->filings;
  g_autofree gboolean *used = g_new0 (gboolean, candidates->len);
  guint cursor[N_SCENARIOS] = { 0 };
  gboolean progress = TRUE;

  for (guint c = 0; c < candidates->len; c++)
    index_days (self, &g_array_index (candidates, Candidate, c));
  while (progress)
    {
      progress = FALSE;
      for (guint s = 0; s < N_SCENARIOS; s++)
        for (; cursor[s] < candidates->len; cursor[s]++)
          {
            guint c = cursor[s], before = filings->len;

            if (used[c])
              continue;
            if (!plant (self, c, s))
              {
                g_array_set_size (filings, before);
                continue;
              }
            used[c] = TRUE;
            candidate (self, c)->first_filing = before;
            candidate (self, c)->n_filings = filings->len - before;
            progress = TRUE;
            cursor[s]++;
            break;
          }
    }
}

/* ---- what was written: order, indices, violations ------------------------- */

static int
compare_output_order (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  AssayGenerator *self = user_data;
  const Filing *x = &g_array_index (self->filings->filings, Filing, *(const guint *) a);
  const Filing *y = &g_array_index (self->filings->filings, Filing, *(const guint *) b);
  guint ax = candidate (self, x->candidate)->account, ay = candidate (self, y->candidate)->account;

  if (x->filed != y->filed)
    return x->filed < y->filed ? -1 : 1;
  if (ax != ay)
    return ax < ay ? -1 : 1;
  return (x->order > y->order) - (x->order < y->order);
}

/* The leaf index of line @i of candidate @c. */
static guint64
line_index (AssayGenerator *self,
            guint           c,
            guint           i)
{
  const Line *l = &g_array_index (candidate (self, c)->lines, Line, i);

  return self->filings->first_of_pub[l->pub] + l->rank;
}

/* Each day's filings follow its lines; in the log, a filing follows every
 * line published on its `filed` day (they were written earlier). */
static void
place_filings (AssayGenerator *self,
               guint64        *first_of_pub)
{
  AssayGeneratorFilings *f = self->filings;
  guint n_pub = self->n_days + 31;
  g_autofree guint32 *filed_on = g_new0 (guint32, n_pub);
  guint64 next = 0, line = 0;
  guint k = 0;

  f->sorted = g_new (guint, f->filings->len);
  for (guint i = 0; i < f->filings->len; i++)
    {
      f->sorted[i] = i;
      filed_on[g_array_index (f->filings, Filing, i).filed]++;
    }
  g_qsort_with_data (f->sorted, (gint) f->filings->len, sizeof (guint), compare_output_order, self);
  for (guint p = 0; p < n_pub; p++)
    {
      first_of_pub[p] = next;
      next += f->pub_lines[p] + filed_on[p];
    }
  for (gint32 d = 0; d < (gint32) self->n_days; d++)
    {
      guint64 index = first_of_pub[d] + f->pub_lines[d];

      line += f->day_lines[d];
      for (; k < f->filings->len; k++)
        {
          Filing *filing = &g_array_index (f->filings, Filing, f->sorted[k]);

          if (filing->filed != d)
            break;
          filing->index = index++;
          filing->line = ++line;
        }
    }
}

/* The filings of @before's account and kind, logged before it, for which
 * @same holds. */
static guint
count_earlier (AssayGenerator *self,
               const Filing   *before,
               gboolean      (*same) (AssayGenerator *, const Filing *, const Filing *))
{
  const Candidate *c = candidate (self, before->candidate);
  guint n = 0;

  for (guint i = c->first_filing; i < c->first_filing + c->n_filings; i++)
    {
      const Filing *other = &g_array_index (self->filings->filings, Filing, i);

      if (other->kind == before->kind && other->index < before->index && same (self, other, before))
        n++;
    }
  return n;
}

static gboolean
same_from_year (AssayGenerator *self, const Filing *a, const Filing *b)
{
  return year_of (self, a->from) == year_of (self, b->from);
}

static gboolean
same_filed_year (AssayGenerator *self, const Filing *a, const Filing *b)
{
  return year_of (self, a->filed) == year_of (self, b->filed);
}

static gint64
earlier_transfers (AssayGenerator *self,
                   const Filing   *t)
{
  const Candidate *c = candidate (self, t->candidate);
  gint64 sum = 0;

  for (guint i = c->first_filing; i < c->first_filing + c->n_filings; i++)
    {
      const Filing *other = &g_array_index (self->filings->filings, Filing, i);

      if (other->kind == FILING_EDUCATION_TRANSFER && other->year == t->year && other->index < t->index)
        sum += other->points;
    }
  return sum;
}

static guint
violations_of (AssayGenerator *self,
               Filing         *filing)
{
  const Filing *silence;
  guint v = 0;

  switch (filing->kind)
    {
    case FILING_SILENCE:
      if (filing->to > silence_limit (self, filing->from))
        v |= V_SILENCE_TOO_LONG;
      if (count_earlier (self, filing, same_from_year) > 0)
        v |= V_SILENCE_SECOND_IN_YEAR;
      if (lines_inside (self, filing->candidate, filing->from, filing->to) > 0)
        v |= V_SILENCE_HAS_ENTRIES;
      break;
    case FILING_FORGET_REQUEST:
      silence = &g_array_index (self->filings->filings, Filing, filing->silence);
      if (filing->filed < silence->to - 29 || filing->filed > silence->to)
        v |= V_FORGET_OUTSIDE_WINDOW;
      break;
    case FILING_FAILURE_CLAIM:
      if (10 * filing->points > 3 * filing->comparable)
        v |= V_FAILURE_OVER_CAP;
      if (count_earlier (self, filing, same_filed_year) >= 2)
        v |= V_FAILURE_THIRD_IN_YEAR;
      if (!filing->honest || !filing->good_faith || !filing->ruled_out)
        v |= V_FAILURE_CRITERION;
      break;
    case FILING_INSURANCE_CLAIM:
      for (guint k = 0; k < 3; k++)
        filing->year_points[k] = year_points (self, filing->candidate, year_of (self, filing->filed) - 3 + k);
      if (!eligible (self, filing->candidate, year_of (self, filing->filed)))
        v |= V_INSURANCE_INELIGIBLE;
      break;
    case FILING_EDUCATION_TRANSFER:
      filing->accrual = year_points (self, filing->candidate, filing->year);
      if (5 * (earlier_transfers (self, filing) + filing->points) > filing->accrual)
        v |= V_EDUCATION_OVER_CAP;
      break;
    case FILING_APPEAL:
    case FILING_DISPUTE:
    case N_FILING_KINDS:
    default:
      break;
    }
  return v;
}

void
_assay_generator_filings_draw (AssayGenerator *self)
{
  AssayGeneratorFilings *f = self->filings;

  f->first_of_pub = g_new0 (guint64, self->n_days + 31);
  assign_scenarios (self);
  place_filings (self, f->first_of_pub);
  for (guint i = 0; i < f->filings->len; i++)
    {
      Filing *filing = &g_array_index (f->filings, Filing, i);

      filing->violations = violations_of (self, filing);
    }
}

/* ---- writing them --------------------------------------------------------- */

/* A dispute's entries by leaf index, ascending as the format wants: the
 * log orders by publication date, the file by event date. */
static void
dispute_entries (AssayGenerator *self,
                 const Filing   *filing,
                 guint64        *out)
{
  for (guint k = 0; k < filing->n_refs; k++)
    {
      guint64 index = line_index (self, filing->candidate, filing->refs[k]);
      guint j = k;

      for (; j > 0 && out[j - 1] > index; j--)
        out[j] = out[j - 1];
      out[j] = index;
    }
}

static void
append_text (GString    *buf,
             const char *key,
             const char *value)
{
  /* Every text written is ours: no quotes, backslashes or control
   * characters, so it needs no escaping. */
  g_string_append_printf (buf, ",\"%s\":\"%s\"", key, value);
}

static void
append_filing_body (AssayGenerator *self,
                    const Filing   *filing,
                    GString        *buf)
{
  guint64 entries[G_N_ELEMENTS (filing->refs)];
  const Filing *silence;

  switch (filing->kind)
    {
    case FILING_APPEAL:
      g_string_append_printf (buf, ",\"against\":%" G_GUINT64_FORMAT,
                              line_index (self, filing->candidate, filing->refs[0]));
      append_text (buf, "reason", reasons[filing->text]);
      break;
    case FILING_DISPUTE:
      dispute_entries (self, filing, entries);
      g_string_append (buf, ",\"entries\":[");
      for (guint k = 0; k < filing->n_refs; k++)
        g_string_append_printf (buf, "%s%" G_GUINT64_FORMAT, k > 0 ? "," : "", entries[k]);
      g_string_append_c (buf, ']');
      g_string_append_printf (buf, ",\"claimant\":\"%.2s\"",
                              _assay_generator_counties[candidate_account (self, filing->candidate)
                                                          ->county].code);
      append_text (buf, "claimant_statement", "该账户的贡献记录符合本省认定标准，应予互认。");
      append_text (buf, "respondent", filing->respondent);
      append_text (buf, "respondent_statement", "相关活动的证明材料不足，暂不予以互认。");
      break;
    case FILING_SILENCE:
      append_text (buf, "from", self->days[filing->from].date);
      append_text (buf, "to", self->days[filing->to].date);
      break;
    case FILING_FORGET_REQUEST:
      silence = &g_array_index (self->filings->filings, Filing, filing->silence);
      g_string_append_printf (buf, ",\"silence\":%" G_GUINT64_FORMAT, silence->index);
      break;
    case FILING_FAILURE_CLAIM:
      append_text (buf, "project", projects[filing->text]);
      g_string_append (buf, ",\"experts\":[");
      for (guint k = 0; k < filing->n_experts; k++)
        g_string_append_printf (buf, "%s\"%s\"", k > 0 ? "," : "",
                                experts[(filing->order + k) % G_N_ELEMENTS (experts)]);
      g_string_append_printf (buf, "],\"honest_record\":%s,\"good_faith\":%s,\"ruled_out\":%s"
                              ",\"comparable_value\":%" G_GINT64_FORMAT ",\"points\":%" G_GINT64_FORMAT,
                              filing->honest ? "true" : "false", filing->good_faith ? "true" : "false",
                              filing->ruled_out ? "true" : "false", filing->comparable, filing->points);
      break;
    case FILING_INSURANCE_CLAIM:
      append_text (buf, "benefit", benefits[filing->benefit]);
      append_text (buf, "venture", ventures[filing->text]);
      break;
    case FILING_EDUCATION_TRANSFER:
      g_string_append_printf (buf, ",\"year\":%u,\"points\":%" G_GINT64_FORMAT, filing->year, filing->points);
      append_text (buf, "child_account", filing->child);
      break;
    case N_FILING_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
append_filing_line (AssayGenerator *self,
                    const Filing   *filing,
                    GString        *buf)
{
  const Account *a = candidate_account (self, filing->candidate);
  const char *county = _assay_generator_counties[a->county].code;

  g_string_append_printf (buf, "{\"kind\":\"%s\",\"account\":\"%s\",\"account_kind\":\"%s\","
                          "\"county\":\"%s\",\"filed\":\"%s\",\"filing\":\"%s-%s-%s-%06u\"",
                          kind_ids[filing->kind], a->name, assay_account_kind_to_id (a->kind), county,
                          self->days[filing->filed].date, kind_prefixes[filing->kind], county,
                          self->days[filing->filed].compact, filing->order + 1);
  append_filing_body (self, filing, buf);
  g_string_append (buf, "}\n");
}

static gboolean
copy_spool (GInputStream   *in,
            GOutputStream  *out,
            guint64        *pos,
            guint64         end,
            char           *chunk,
            GError        **error)
{
  while (*pos < end)
    {
      gsize want = (gsize) MIN (end - *pos, (guint64) FLUSH_SIZE);
      gsize got = 0;

      if (!g_input_stream_read_all (in, chunk, want, &got, NULL, error)
          || !g_output_stream_write_all (out, chunk, got, NULL, NULL, error))
        return FALSE;
      if (got < want)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The temporary copy of the lines ended early."));
          return FALSE;
        }
      *pos += got;
    }
  return TRUE;
}

/* Copies the spool to @out, each day's filings after its lines. */
gboolean
_assay_generator_filings_write (AssayGenerator  *self,
                                GOutputStream   *out,
                                GError         **error)
{
  AssayGeneratorFilings *f = self->filings;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (f->spool));
  g_autofree char *chunk = g_malloc (FLUSH_SIZE);
  g_autoptr(GString) buf = g_string_new (NULL);
  guint64 pos = 0;
  guint k = 0;

  if (!g_seekable_seek (G_SEEKABLE (f->spool), 0, G_SEEK_SET, NULL, error))
    return FALSE;
  for (gint32 d = 0; d < (gint32) self->n_days; d++)
    {
      if (!copy_spool (in, out, &pos, f->day_end[d], chunk, error))
        return FALSE;
      g_string_truncate (buf, 0);
      for (; k < f->filings->len; k++)
        {
          const Filing *filing = &g_array_index (f->filings, Filing, f->sorted[k]);

          if (filing->filed != d)
            break;
          append_filing_line (self, filing, buf);
        }
      if (buf->len > 0 && !g_output_stream_write_all (out, buf->str, buf->len, NULL, NULL, error))
        return FALSE;
    }
  self->n_filings = f->filings->len;
  self->n_lines += f->filings->len;
  return TRUE;
}

/* ---- the truth ------------------------------------------------------------ */

static void
add_int_member (JsonBuilder *b,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_string_member (JsonBuilder *b,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_bool_member (JsonBuilder *b,
                 const char  *name,
                 gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
truth_facts (AssayGenerator *self,
             const Filing   *filing,
             JsonBuilder    *b)
{
  g_autofree char *limit = NULL;
  guint64 entries[G_N_ELEMENTS (filing->refs)];
  const Filing *silence;

  switch (filing->kind)
    {
    case FILING_APPEAL:
      add_int_member (b, "against", (gint64) line_index (self, filing->candidate, filing->refs[0]));
      break;
    case FILING_DISPUTE:
      dispute_entries (self, filing, entries);
      json_builder_set_member_name (b, "entries");
      json_builder_begin_array (b);
      for (guint k = 0; k < filing->n_refs; k++)
        json_builder_add_int_value (b, (gint64) entries[k]);
      json_builder_end_array (b);
      add_string_member (b, "respondent", filing->respondent);
      break;
    case FILING_SILENCE:
      add_string_member (b, "from", self->days[filing->from].date);
      add_string_member (b, "to", self->days[filing->to].date);
      /* The limit may lie after the range, where self->days ends. */
      limit = assay_day_format (self->start_julian + silence_limit (self, filing->from));
      add_string_member (b, "limit", limit);
      add_int_member (b, "entries_inside", lines_inside (self, filing->candidate, filing->from, filing->to));
      break;
    case FILING_FORGET_REQUEST:
      silence = &g_array_index (self->filings->filings, Filing, filing->silence);
      add_int_member (b, "silence", (gint64) silence->index);
      add_int_member (b, "silence_line", (gint64) silence->line);
      add_string_member (b, "window_first", self->days[MAX (0, silence->to - 29)].date);
      add_string_member (b, "window_last", self->days[silence->to].date);
      break;
    case FILING_FAILURE_CLAIM:
      add_int_member (b, "points", filing->points);
      add_int_member (b, "comparable_value", filing->comparable);
      add_bool_member (b, "honest_record", filing->honest);
      add_bool_member (b, "good_faith", filing->good_faith);
      add_bool_member (b, "ruled_out", filing->ruled_out);
      break;
    case FILING_INSURANCE_CLAIM:
      json_builder_set_member_name (b, "year_points");
      json_builder_begin_array (b);
      for (guint k = 0; k < 3; k++)
        json_builder_add_int_value (b, filing->year_points[k]);
      json_builder_end_array (b);
      add_int_member (b, "level", self->params.insurance_level);
      break;
    case FILING_EDUCATION_TRANSFER:
      add_int_member (b, "year", filing->year);
      add_int_member (b, "points", filing->points);
      add_int_member (b, "accrual", filing->accrual);
      add_int_member (b, "year_total", earlier_transfers (self, filing) + filing->points);
      break;
    case N_FILING_KINDS:
    default:
      g_assert_not_reached ();
    }
}

void
_assay_generator_truth_filings (AssayGenerator *self,
                                JsonBuilder    *b)
{
  AssayGeneratorFilings *f = self->filings;

  json_builder_set_member_name (b, "filings");
  json_builder_begin_array (b);
  for (guint k = 0; f != NULL && k < f->filings->len; k++)
    {
      const Filing *filing = &g_array_index (f->filings, Filing, f->sorted[k]);

      json_builder_begin_object (b);
      add_string_member (b, "kind", kind_ids[filing->kind]);
      add_string_member (b, "account", candidate_account (self, filing->candidate)->name);
      add_string_member (b, "filed", self->days[filing->filed].date);
      add_int_member (b, "line", (gint64) filing->line);
      add_int_member (b, "index", (gint64) filing->index);
      truth_facts (self, filing, b);
      json_builder_set_member_name (b, "violations");
      json_builder_begin_array (b);
      for (guint v = 0; v < G_N_ELEMENTS (violation_ids); v++)
        if (filing->violations & (1u << v))
          json_builder_add_string_value (b, violation_ids[v]);
      json_builder_end_array (b);
      add_bool_member (b, "planted", filing->planted);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* The limits the violations are computed for, as numbers. */
void
_assay_generator_truth_filing_definitions (AssayGenerator *self,
                                           JsonBuilder    *b)
{
  json_builder_set_member_name (b, "filings");
  json_builder_begin_object (b);
  add_int_member (b, "silence_max_months", 3);
  add_int_member (b, "silences_per_year", 1);
  add_int_member (b, "forget_window_days", 30);
  add_int_member (b, "failure_cap_percent", 30);
  add_int_member (b, "failure_claims_per_year", 2);
  add_int_member (b, "insurance_years", 3);
  add_int_member (b, "insurance_level", self->params.insurance_level);
  /* A claim can be eligible only in a year with three years of the
   * dataset before it: never in a pilot of fewer than four calendar years. */
  add_bool_member (b, "insurance_eligible_possible",
                   year_of (self, (gint32) self->n_days - 1) >= year_of (self, 0) + 3);
  add_int_member (b, "education_cap_percent", 20);
  add_string_member (b, "leaf_indices", "as logged by one import of the whole file into an empty log, "
                                        "--now on or after the last publication date");
  json_builder_end_object (b);
}

void
_assay_generator_filings_free (AssayGeneratorFilings *f)
{
  if (f == NULL)
    return;
  for (guint c = 0; c < f->candidates->len; c++)
    {
      Candidate *cand = &g_array_index (f->candidates, Candidate, c);

      g_array_unref (cand->lines);
      g_free (cand->before);
    }
  g_array_unref (f->candidates);
  g_array_unref (f->filings);
  g_free (f->candidate_of);
  g_free (f->pub_lines);
  g_free (f->day_lines);
  g_free (f->day_end);
  g_free (f->first_of_pub);
  g_free (f->sorted);
  g_clear_object (&f->spool);
  g_clear_object (&f->spool_file);
  g_free (f);
}
