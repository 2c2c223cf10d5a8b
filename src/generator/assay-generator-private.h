/* assay-generator-private.h — the generator's state and its parts, shared by its files
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

#include <json-glib/json-glib.h>

#include "assay-entry.h"
#include "assay-generator.h"
#include "assay-generator-rng.h"

G_BEGIN_DECLS

/* The generator is split by concern (the definitions of the rules and of
 * the truth file are at the top of assay-generator.c):
 *
 *   assay-generator.c             the object, the public API, the day loop
 *   assay-generator-catalogue.c   counties, contribution templates, items, ids
 *   assay-generator-calendar.c    days, quarters, weekly and seasonal rhythm
 *   assay-generator-accounts.c    the population and each account's sums
 *   assay-generator-plant.c       choosing planted and decoy accounts
 *   assay-generator-formulas.c    drawing inputs, the annex-4 formulas
 *   assay-generator-policy.c      keeping planted and decoy accounts in line
 *   assay-generator-events.c      each day's events, planted behaviour
 *   assay-generator-redemptions.c each day's redemptions, redemption runs
 *   assay-generator-lines.c       writing the JSON lines
 *   assay-generator-rules.c       which accounts break the rules, and rings
 *   assay-generator-truth.c       the truth document
 *   assay-generator-cohort.c      the cohort file of the fairness audit
 *   assay-generator-filings.c     filings (silence, claims, appeals…), merged in */

#define N_DIMS ASSAY_N_DIMENSIONS

/* Rule thresholds: see the definitions at the top of assay-generator.c. */
#define CONC_PERCENT        70
#define CONC_MIN_TOTAL      500
#define GROWTH_PERCENT      50
#define GROWTH_MIN_PRIOR    500
#define GROWTH_MIN_HISTORY  28
#define SPIKE_WINDOW        28
#define SPIKE_MULTIPLIER    3
#define SPIKE_MIN_REQUESTS  20
#define LOCKSTEP_MIN_COMMON 8
#define LOCKSTEP_MIN_RING   3

/* Shares the controller keeps planted and decoy accounts at (percent). */
#define CAP_PERCENT         62
#define FLOOR_PERCENT       78
#define BAND_TARGET_PERCENT 64
#define BAND_CAP_PERCENT    68
/* Controlled accounts draw no event above this, so one event can never
 * move a share far. */
#define CONTROLLED_MAX_POINTS 150
/* Quarters with fewer days in range are not used for planting. */
#define MIN_PLANT_QUARTER_DAYS 40

/* What an account was made to do; the nicks are the truth's `role` ids
 * ("honest", "concentration", …; ASSAY_TYPE_GENERATOR_ROLE in
 * assay-generator-enums.h). */
typedef enum
{
  ROLE_HONEST,
  ROLE_CONCENTRATION,
  ROLE_CONSECUTIVE,
  ROLE_GROWTH,
  ROLE_RING,
  ROLE_SPECIALIST,
  ROLE_HOUSEHOLD,
  ROLE_STEADY,
} AssayGeneratorRole;

typedef enum /*< skip >*/
{
  POLICY_FREE,
  POLICY_CAP,      /* no dimension above CAP_PERCENT */
  POLICY_FLOOR,    /* the focus dimension at FLOOR_PERCENT or more */
  POLICY_BAND,     /* the focus dimension near BAND_TARGET, never above BAND_CAP */
} Policy;

typedef enum /*< skip >*/
{
  RULE_RESOURCE,
  RULE_SKILL,
  RULE_PROJECT,
  RULE_COMMUNITY,
  RULE_ITEM,
  N_RULES
} RuleKind;

#define KIND_I (1 << ASSAY_ACCOUNT_INDIVIDUAL)
#define KIND_E (1 << ASSAY_ACCOUNT_ENTERPRISE)
#define KIND_O (1 << ASSAY_ACCOUNT_ORGANIZATION)
#define KIND_ALL (KIND_I | KIND_E | KIND_O)

/* ---- the catalogue (assay-generator-catalogue.c) ------------------------- */

typedef struct
{
  const char *code;
  const char *name;
  const char *app;      /* the public service app that distributes its points */
  double      weight;
} County;

#define N_COUNTIES 9

/* One kind of contribution: its rule, the issuer (the county's bureau) and
 * distributor (seed 001's 发行者 / 分发者), and the ranges of its inputs. */
typedef struct
{
  AssayDimension dim;
  RuleKind       rule;
  const char    *bureau;
  const char    *distributor;  /* NULL: the county's public service app */
  const char    *prefix;       /* activity id prefix */
  guint8         kinds;
  float          weight;       /* relative frequency within the dimension */
  double         base;         /* resource/project base value, item unit */
  int            lo, hi;       /* duration, hours, participants or count */
  int            people_lo, people_hi;
} Template;

#define N_TEMPLATES 22
#define COMMUNITY_TEMPLATE 6

typedef struct
{
  AssayTier   tier;
  const char *item;
  const char *provider;   /* county name + this */
  int         cost;
} Item;

#define N_ITEMS 13
#define SPIKE_ITEM 0
#define MIN_ITEM_COST 15

extern const County         _assay_generator_counties[];
extern const Template       _assay_generator_templates[];
extern const Item           _assay_generator_items[];
extern const char * const   _assay_generator_rule_ids[N_RULES];
extern const char * const   _assay_generator_rule_inputs[N_RULES][4];

/* ---- the state ----------------------------------------------------------- */

typedef struct
{
  char   date[11];        /* YYYY-MM-DD */
  char   compact[9];      /* YYYYMMDD, for activity ids */
  guint8 weekday;         /* 1 = Monday … 7 = Sunday */
  guint8 weekend;
  guint16 quarter;
  float  activity;        /* event intensity, mean 1 over the range */
  float  redemption;      /* redemption intensity */
  float  dim_mod[N_DIMS]; /* how the day favours each dimension */
} Day;

typedef struct
{
  char    id[8];          /* 2026Q1 */
  guint32 first, last;    /* day indices, clamped to the range */
} Quarter;

/* What the daily pass over every account reads comes first: one cache
 * line per account keeps that pass fast. */
typedef struct
{
  float   rate;           /* events per day at intensity 1 */
  float   redeem_rate;    /* redemptions per day at intensity 1 */
  gint64  balance;        /* events minus redemptions */
  gint32  join;           /* day indices; -1: none yet */
  gint32  first_event;
  gint32  last_event;
  gint32  last_growth_check;
  guint8  kind;
  guint8  county;
  guint8  role;
  guint8  focus;          /* planted or decoy dimension */
  guint32 plan;           /* index into the role's plan array */
  char    name[17];
  float   weight[N_DIMS];
  gint32  last_cs_day;    /* last day with a `community` event, and its activity */
  guint32 last_cs_nn;
  guint32 n_cs;
  gint64  total;          /* events */
  gint64  quarter[N_DIMS];
  gint64  slot[7];        /* points of the last 7 days, by day % 7 */
  gint32  slot_day[7];
  float   max_growth;     /* largest W / P on a day the growth rule applies */
} Account;

typedef struct
{
  guint   account;
  guint   quarter;        /* the (first) planted quarter */
  gboolean consecutive;
} ConcPlan;

typedef struct
{
  guint   account;
  gint32  planned;        /* day index to start at the earliest */
  gint32  first, last;    /* the burst, once started; -1 before */
  gint64  target;
  gint64  emitted;
} GrowthPlan;

typedef struct
{
  guint   members[6];
  guint   n;
  guint   county;
  gint32  first, last;
  guint8  weekday_a, weekday_b;
} RingPlan;

typedef struct
{
  guint   members[4];
  guint   n;
  guint   county;
  gint32  days[5];
  guint   n_days;
} HouseholdPlan;

typedef struct
{
  guint   county;
  gint32  day;
} SpikePlan;

typedef struct
{
  guint64 key;            /* day << 32 | county << 16 | activity number */
  guint32 account;
} CsKey;

typedef struct
{
  guint32 account;
  guint16 quarter;
  guint8  dim;
  gint64  points;
  gint64  total;
} QuarterStat;

typedef struct
{
  guint32 account;
  gint32  day;
} GrowthHit;

typedef struct
{
  const char *name;
  double      value;
} Input;

typedef struct
{
  const Template *tpl;
  guint           tpl_index;
  Input           in[4];
  guint           n;
  gint64          points;
} Draw;

typedef struct
{
  GArray *members;        /* guint */
  GArray *days;           /* gint32, ascending */
  gboolean planted;
} Ring;

/* One account's row of the cohort file (assay-generator-cohort.c). */
typedef struct
{
  gboolean in_cohort;     /* individuals only */
  guint8   gender;
  guint8   age_band;
  guint8   settlement;
  guint8   ses;           /* 1 … 10 */
} CohortRow;

typedef struct _AssayGeneratorFilings AssayGeneratorFilings;

struct _AssayGenerator
{
  GObject               parent_instance;

  AssayGeneratorParams  params;
  Rng                   rng;
  guint32               start_julian;
  guint                 n_days;
  Day                  *days;          /* n_days + 31: publication dates too */
  Quarter              *quarters;
  guint                 n_quarters;

  Account              *accounts;
  guint                 n_accounts;
  GArray               *by_county[N_COUNTIES];
  GArray               *orgs_by_county[N_COUNTIES];
  guint                 pool_size[N_COUNTIES];   /* community activities per county-day */
  char                 *issuers[N_COUNTIES][N_TEMPLATES];
  char                 *providers[N_COUNTIES][N_ITEMS];

  GArray               *conc_plans;
  GArray               *growth_plans;
  GArray               *ring_plans;
  GArray               *household_plans;
  GArray               *spike_plans;
  GArray               *specialists;   /* guint account */
  GArray               *steadies;

  /* While running. */
  GOutputStream        *out;
  GCancellable         *cancellable;
  GString              *buf;
  guint64               n_bytes_out;   /* written to out */
  GChecksum            *checksum;
  guint64               n_lines;
  guint64               n_events;
  guint64               n_redemptions;
  guint64               seq;
  guint32              *requests;      /* [county × n_days] */
  GArray               *cs_keys;       /* CsKey */
  GArray               *conc_hits;     /* QuarterStat of every breaking account-quarter */
  GArray               *special_stats; /* QuarterStat of every planted or decoy account-quarter */
  GArray               *growth_hits;   /* GrowthHit */
  GArray               *active[7];     /* accounts with events, by day % 7 */

  /* After the run. */
  GPtrArray            *rings;         /* Ring */
  gint32               *ring_of;       /* component index per account, -1 none */
  guint                 n_unverified;
  char                 *truth;
  gboolean              ran;

  /* The cohort, when asked for before the run. */
  gboolean              with_cohort;
  CohortRow            *cohort;
  guint                 n_cohort_planted;

  /* Filings, unless turned off before the run. */
  gboolean              without_filings;
  AssayGeneratorFilings *filings;
  guint64               n_filings;
};

/* Flushed to the output stream once the buffer holds this much. */
#define FLUSH_SIZE (256 * 1024)

/* ---- calendar ------------------------------------------------------------ */

void            _assay_generator_setup_calendar      (AssayGenerator      *self);

/* ---- accounts ------------------------------------------------------------ */

void            _assay_generator_setup_accounts      (AssayGenerator      *self);
guint           _assay_generator_pick_county         (Rng                 *rng);
/* Adds an event of @points in @dim on @day to the account's sums. */
void            _assay_generator_account_add         (AssayGenerator      *self,
                                                      Account             *a,
                                                      gint32               day,
                                                      guint                dim,
                                                      gint64               points);

/* The sum over dimensions of the account's positive quarter sums. */
static inline gint64
quarter_total (const Account *a)
{
  gint64 total = 0;

  for (guint d = 0; d < N_DIMS; d++)
    total += MAX (a->quarter[d], 0);
  return total;
}

/* Points of @a with event_date in [from, day] (day = today, the latest). */
static inline gint64
window_points (const Account *a,
               gint32         from)
{
  gint64 sum = 0;

  for (guint s = 0; s < 7; s++)
    if (a->slot_day[s] >= from)
      sum += a->slot[s];
  return sum;
}

/* ---- planting ------------------------------------------------------------ */

void            _assay_generator_plant               (AssayGenerator      *self);

/* ---- formulas ------------------------------------------------------------ */

/* Draws a contribution of dimension @dim for @a today; @controlled keeps
 * it small and free of deductions.  FALSE when no template fits. */
gboolean        _assay_generator_draw_contribution   (AssayGenerator      *self,
                                                      const Account       *a,
                                                      gint32               day,
                                                      guint                dim,
                                                      gboolean             controlled,
                                                      Draw                *draw);
/* A `community` draw with these inputs; FALSE when it cannot be used. */
gboolean        _assay_generator_community_draw      (Draw                *draw,
                                                      double               participants,
                                                      double               impact,
                                                      double               quality);
/* A random `quality` input for a `community` draw. */
double          _assay_generator_draw_quality        (Rng                 *rng);

/* ---- policy -------------------------------------------------------------- */

Policy          _assay_generator_account_policy      (AssayGenerator      *self,
                                                      const Account       *a,
                                                      guint                quarter);
gboolean        _assay_generator_policy_accepts      (const Account       *a,
                                                      Policy               policy,
                                                      guint                dim,
                                                      gint64               points);
gboolean        _assay_generator_growth_accepts      (AssayGenerator      *self,
                                                      const Account       *a,
                                                      gint32               day,
                                                      gint64               points);
gboolean        _assay_generator_draw_for_account    (AssayGenerator      *self,
                                                      guint                index,
                                                      gint32               day,
                                                      gboolean             guarded,
                                                      Draw                *draw);

/* ---- a day's events and redemptions -------------------------------------- */

void            _assay_generator_account_events      (AssayGenerator      *self,
                                                      guint                index,
                                                      gint32               day);
void            _assay_generator_growth_burst        (AssayGenerator      *self,
                                                      GrowthPlan          *plan,
                                                      gint32               day);
void            _assay_generator_ring_day            (AssayGenerator      *self,
                                                      const RingPlan      *ring,
                                                      gint32               day);
void            _assay_generator_household_day       (AssayGenerator      *self,
                                                      const HouseholdPlan *household,
                                                      gint32               day);
void            _assay_generator_account_redemptions (AssayGenerator      *self,
                                                      guint                index,
                                                      gint32               day);
void            _assay_generator_redemption_run      (AssayGenerator      *self,
                                                      const SpikePlan     *spike,
                                                      gint32               day);

/* ---- writing lines ------------------------------------------------------- */

/* Writes the buffer out once it holds FLUSH_SIZE bytes, or now if @force. */
gboolean        _assay_generator_flush_lines         (AssayGenerator      *self,
                                                      gboolean             force,
                                                      GError             **error);
void            _assay_generator_write_event_line    (AssayGenerator      *self,
                                                      const Account       *a,
                                                      gint32               day,
                                                      const Draw          *draw,
                                                      const char          *activity,
                                                      const Account       *confirmer);
void            _assay_generator_write_redemption_line (AssayGenerator    *self,
                                                      const Account       *a,
                                                      gint32               day,
                                                      guint                item);

/* ---- the rules ----------------------------------------------------------- */

void            _assay_generator_evaluate_growth     (AssayGenerator      *self,
                                                      gint32               day);
void            _assay_generator_evaluate_quarter    (AssayGenerator      *self,
                                                      guint                quarter);
GArray         *_assay_generator_co_occurrences      (AssayGenerator      *self);
guint           _assay_generator_pair_common         (const GArray        *pairs,
                                                      guint                i,
                                                      guint                j);
void            _assay_generator_find_rings          (AssayGenerator      *self,
                                                      const GArray        *pairs);
void            _assay_generator_ring_free           (gpointer             data);

/* ---- the cohort (assay-generator-cohort.c) ------------------------------- */

void            _assay_generator_draw_cohort         (AssayGenerator      *self);
void            _assay_generator_truth_cohort        (AssayGenerator      *self,
                                                      JsonBuilder         *b);

/* ---- filings (assay-generator-filings.c) --------------------------------- */

/* Before the day loop: chooses the candidate accounts. */
void            _assay_generator_filings_begin       (AssayGenerator      *self);
/* The stream the day loop writes to instead of the output. */
GOutputStream  *_assay_generator_filings_open_spool  (AssayGenerator      *self,
                                                      GError             **error);
/* Every event and redemption line, as it is written. */
void            _assay_generator_filings_note_line   (AssayGenerator      *self,
                                                      const Account       *a,
                                                      gint32               day,
                                                      gint32               pub,
                                                      gboolean             event,
                                                      gint64               points);
void            _assay_generator_filings_end_day     (AssayGenerator      *self,
                                                      gint32               day);
/* After the day loop: chooses the filings and computes what they break. */
void            _assay_generator_filings_draw        (AssayGenerator      *self);
/* Copies the spool to @out with the filings merged in by day. */
gboolean        _assay_generator_filings_write       (AssayGenerator      *self,
                                                      GOutputStream       *out,
                                                      GError             **error);
void            _assay_generator_truth_filings       (AssayGenerator      *self,
                                                      JsonBuilder         *b);
void            _assay_generator_truth_filing_definitions (AssayGenerator *self,
                                                      JsonBuilder         *b);
void            _assay_generator_filings_free        (AssayGeneratorFilings *filings);

/* ---- the truth document -------------------------------------------------- */

void            _assay_generator_build_truth         (AssayGenerator      *self);

G_END_DECLS
