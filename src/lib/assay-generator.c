/* assay-generator.c — the deterministic pilot dataset generator
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

/* What it makes
 * =============
 *
 * JSON Lines of `event` and `redemption` bodies exactly as README.md
 * "Ledger format" specifies, ordered by event_date (within a day: each
 * account in turn with its own events and then its redemptions, then
 * growth bursts, rings, households and redemption runs — always the same
 * order for a seed).  Everything comes from one xoshiro256** stream seeded through
 * splitmix64, so a seed always gives the same bytes.
 *
 * Accounts are individuals (85 %), enterprises (10 %) and organizations
 * (5 %) in nine real counties of five provinces, the Yangtze River Delta
 * demonstration zone (青浦 310118, 吴江 320509, 嘉善 330421) carrying the
 * most.  60 % join on the first day, the rest during the first half.
 * Yearly event rates are lognormal (σ = 1) around a mean of 10, 24 and 40
 * for the three kinds; each account has its own dimension mix around a
 * profile of its kind.  Days follow a weekly rhythm (weekends quieter, but
 * community and ecological work move to them), a Spring Festival dip, a
 * National Day dip, a summer ecological peak and a December project rush.
 *
 * Points are the integer nearest to a rule's formula applied to the inputs
 * written in `rule.inputs` (halves away from zero; inputs whose product
 * lies within 1e-6 of a half are never drawn, so every rounding order
 * agrees).  The formulas, from seed 002 annex 4 (附件四) §3 and seed 004
 * §1.2, are all plain products of the inputs in the order written:
 *
 *   resource  = base_value × duration × demand_index × rating     (§3.1)
 *   skill     = difficulty × hours × rating × people              (§3.2)
 *   project   = base_value × share × impact × completion          (§3.3)
 *   community = participants × impact × quality                   (§3.4)
 *   item      = unit × count  (004 加减分项; unit < 0 is a deduction)
 *
 * Redemptions (basic ≫ development > resource ≫ honour) never exceed the
 * account's balance: for every account and day, the points of its events
 * up to that day minus its redemptions up to that day stay ≥ 0 (deductions
 * are only drawn when the balance covers them).
 *
 * The rules and their exact definitions (all on event_date)
 * ==========================================================
 *
 * concentration   for an account and a calendar quarter, let Q_d be the sum
 *                 of its event points in dimension d with event_date in the
 *                 quarter, T = Σ_d max(Q_d, 0).  It breaks Article X when
 *                 T ≥ 500 and max_d max(Q_d, 0) > 70 % of T (10·Q > 7·T).
 * consecutive     the same account and dimension break `concentration` in
 *                 two consecutive quarters.
 * growth          for an account and a day t, W = points with event_date in
 *                 [t−6, t], P = points with event_date ≤ t−7.  It breaks
 *                 6.1 when P ≥ 500, the account's first event is on or
 *                 before t−34 (28 days before the window) and W > 50 % of P.
 * county_spike    for a county and a day t ≥ start + 28, x = redemption
 *                 requests (lines) with that county and event_date t, S =
 *                 their number over [t−28, t−1].  It breaks 6.1 when
 *                 x ≥ 20 and x > 3 × S / 28 (28·x > 3·S).
 * lockstep ring   A_i = the set of (event_date, activity) of account i's
 *                 events with rule id `community`.  Accounts i, j are in
 *                 lockstep when |A_i ∩ A_j| ≥ 8 and the Jaccard index
 *                 |A_i ∩ A_j| / |A_i ∪ A_j| ≥ 1/2.  A ring is a connected
 *                 component of the lockstep graph with ≥ 3 accounts.
 *
 * The truth file (format "assay-pilot-truth/1")
 * ============================================
 *
 * One JSON object, computed after generation from the lines written (not
 * from the plan), so it is exact for the definitions above:
 *
 *   format, parameters {accounts, months, seed (a string when above
 *       2^63 − 1, which a JSON number cannot carry), start, end},
 *   counts {lines, events, redemptions, individual, enterprise, organization},
 *   definitions {concentration, growth, county_spike, lockstep}: the
 *       thresholds above as numbers,
 *   quarters [{id "2026Q1", first, last}],
 *   concentration [{account, quarter, dimension, points, total, share,
 *       role, planted}]  — every account-quarter that breaks the rule,
 *   consecutive [{account, dimension, quarters [q, q+1], role, planted}],
 *   growth [{account, days [t…], role, planted}]  — every account with
 *       every day t on which it breaks the rule,
 *   county_spikes [{county, day, requests, prior_sum, planted}],
 *   rings [{accounts […], days […], role, planted}]  — every ring; days are
 *       the dates on which two members share a (date, activity); role is
 *       "mixed" when the members' roles differ,
 *   planted [{rule, accounts […], quarters/dimension | first, last |
 *       county, day | days, verified}]  — what was planted and whether
 *       the data really breaks the rule there,
 *   decoys [{kind, accounts […], …, verified}]  — honest accounts that
 *       look unusual (specialist at 60–68 % in one dimension with
 *       max_share, household volunteering together with days and
 *       max_common, steady high earner with max_growth_ratio); verified
 *       means they break no rule at all.
 *
 * `role` is what the generator made the account: honest, concentration,
 * consecutive, growth, ring, specialist, household or steady.  An entry is
 * `planted` when it is the misconduct planted there; honest accounts that
 * happen to break a rule appear with planted false, so a detector's
 * precision can be measured honestly.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assay-entry.h"
#include "assay-error.h"
#include "assay-generator.h"

#define N_DIMS ASSAY_N_DIMENSIONS

/* Rule thresholds: see the definitions above. */
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
} Role;

static const char * const role_ids[] = {
  "honest", "concentration", "consecutive", "growth", "ring", "specialist", "household", "steady",
};

typedef enum
{
  POLICY_FREE,
  POLICY_CAP,      /* no dimension above CAP_PERCENT */
  POLICY_FLOOR,    /* the focus dimension at FLOOR_PERCENT or more */
  POLICY_BAND,     /* the focus dimension near BAND_TARGET, never above BAND_CAP */
} Policy;

typedef enum
{
  RULE_RESOURCE,
  RULE_SKILL,
  RULE_PROJECT,
  RULE_COMMUNITY,
  RULE_ITEM,
  N_RULES
} RuleKind;

static const char * const rule_ids[N_RULES] = { "resource", "skill", "project", "community", "item" };

/* Input names, in the order the formula multiplies them. */
static const char * const rule_inputs[N_RULES][4] = {
  { "base_value", "duration", "demand_index", "rating" },
  { "difficulty", "hours", "rating", "people" },
  { "base_value", "share", "impact", "completion" },
  { "participants", "impact", "quality", NULL },
  { "unit", "count", NULL, NULL },
};

static const char * const dimension_ids[N_DIMS] = {
  "professional", "knowledge", "community", "ecological", "data", "market_order",
};

static const char * const kind_ids[ASSAY_N_ACCOUNT_KINDS] = { "individual", "enterprise", "organization" };
static const char * const tier_ids[ASSAY_N_TIERS] = { "basic", "development", "resource", "honour" };

#define KIND_I (1 << ASSAY_ACCOUNT_INDIVIDUAL)
#define KIND_E (1 << ASSAY_ACCOUNT_ENTERPRISE)
#define KIND_O (1 << ASSAY_ACCOUNT_ORGANIZATION)
#define KIND_ALL (KIND_I | KIND_E | KIND_O)

typedef struct
{
  const char *code;
  const char *name;
  const char *app;      /* the public service app that distributes its points */
  double      weight;
} County;

/* GB/T 2260 codes; the demonstration zone and Nanshan carry the most. */
static const County counties[] = {
  { "310118", "青浦区", "随申办市民云", 0.16 },
  { "320509", "吴江区", "苏周到", 0.16 },
  { "330421", "嘉善县", "浙里办", 0.12 },
  { "440305", "南山区", "i深圳", 0.16 },
  { "310115", "浦东新区", "随申办市民云", 0.08 },
  { "320583", "昆山市", "苏周到", 0.08 },
  { "330483", "桐乡市", "浙里办", 0.08 },
  { "440304", "福田区", "i深圳", 0.08 },
  { "340104", "蜀山区", "皖事通", 0.08 },
};
#define N_COUNTIES G_N_ELEMENTS (counties)

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

static const Template templates[] = {
  /* 技术支持/咨询, 项目开发, 工作空间共享 */
  { ASSAY_DIMENSION_PROFESSIONAL, RULE_SKILL, "人力资源局", NULL, "SK", KIND_ALL, 0.55, 0, 1, 8, 1, 5 },
  { ASSAY_DIMENSION_PROFESSIONAL, RULE_PROJECT, "科学技术局", NULL, "PJ", KIND_E | KIND_O, 0.06, 2000, 0, 0, 0, 0 },
  { ASSAY_DIMENSION_PROFESSIONAL, RULE_RESOURCE, "人力资源局", NULL, "RS", KIND_E | KIND_O, 0.30, 50, 1, 3, 0, 0 },
  /* 教学/培训, 文化体验带领, 治理建议被采纳 (+50) */
  { ASSAY_DIMENSION_KNOWLEDGE, RULE_SKILL, "教育局", NULL, "SK", KIND_ALL, 0.60, 0, 1, 4, 5, 30 },
  { ASSAY_DIMENSION_KNOWLEDGE, RULE_SKILL, "文化体育和旅游局", NULL, "SK", KIND_ALL, 0.30, 0, 1, 3, 3, 15 },
  { ASSAY_DIMENSION_KNOWLEDGE, RULE_ITEM, "民政局", NULL, "IT", KIND_ALL, 0.10, 50, 1, 1, 0, 0 },
  /* 组织社群活动/新人引导 (needs a confirmer), 社区议事 (+10), 无偿献血 (+20), 社区活动组织 */
  { ASSAY_DIMENSION_COMMUNITY, RULE_COMMUNITY, "民政局", "志愿汇", "CS", KIND_ALL, 0.55, 0, 5, 40, 0, 0 },
  { ASSAY_DIMENSION_COMMUNITY, RULE_ITEM, "民政局", NULL, "IT", KIND_I, 0.20, 10, 1, 1, 0, 0 },
  { ASSAY_DIMENSION_COMMUNITY, RULE_ITEM, "卫生健康委员会", NULL, "IT", KIND_I, 0.10, 20, 1, 1, 0, 0 },
  { ASSAY_DIMENSION_COMMUNITY, RULE_PROJECT, "民政局", NULL, "PJ", KIND_ALL, 0.10, 500, 0, 0, 0, 0 },
  /* 工具共享, 共享出行, 植树 (+2/棵), 垃圾分类 (+5), 乱扔垃圾 (−2), 生态修复项目 */
  { ASSAY_DIMENSION_ECOLOGICAL, RULE_RESOURCE, "生态环境局", NULL, "RS", KIND_ALL, 0.25, 10, 1, 7, 0, 0 },
  { ASSAY_DIMENSION_ECOLOGICAL, RULE_RESOURCE, "交通运输局", NULL, "RS", KIND_ALL, 0.25, 15, 1, 5, 0, 0 },
  { ASSAY_DIMENSION_ECOLOGICAL, RULE_ITEM, "生态环境局", NULL, "IT", KIND_ALL, 0.20, 2, 1, 20, 0, 0 },
  { ASSAY_DIMENSION_ECOLOGICAL, RULE_ITEM, "城市管理和综合执法局", NULL, "IT", KIND_I, 0.15, 5, 1, 4, 0, 0 },
  { ASSAY_DIMENSION_ECOLOGICAL, RULE_ITEM, "城市管理和综合执法局", NULL, "IT", KIND_I, 0.05, -2, 1, 3, 0, 0 },
  { ASSAY_DIMENSION_ECOLOGICAL, RULE_PROJECT, "生态环境局", NULL, "PJ", KIND_E | KIND_O, 0.04, 2000, 0, 0, 0, 0 },
  /* 数据集开放共享 (per month), 数据纠错反馈 (+5/条) */
  { ASSAY_DIMENSION_DATA, RULE_RESOURCE, "数据局", "长三角公共数据开放平台", "RS", KIND_E | KIND_O, 0.50, 50, 1, 3, 0, 0 },
  { ASSAY_DIMENSION_DATA, RULE_ITEM, "数据局", "长三角公共数据开放平台", "IT", KIND_ALL, 0.50, 5, 1, 10, 0, 0 },
  /* 举报安全隐患 (+5), 诚信经营履约 (+20), 违反经营规范 (−5), 行业自律项目 */
  { ASSAY_DIMENSION_MARKET_ORDER, RULE_ITEM, "应急管理局", NULL, "IT", KIND_ALL, 0.45, 5, 1, 2, 0, 0 },
  { ASSAY_DIMENSION_MARKET_ORDER, RULE_ITEM, "市场监督管理局", NULL, "IT", KIND_E | KIND_O, 0.30, 20, 1, 1, 0, 0 },
  { ASSAY_DIMENSION_MARKET_ORDER, RULE_ITEM, "市场监督管理局", NULL, "IT", KIND_ALL, 0.08, -5, 1, 3, 0, 0 },
  { ASSAY_DIMENSION_MARKET_ORDER, RULE_PROJECT, "市场监督管理局", NULL, "PJ", KIND_E | KIND_O, 0.10, 500, 0, 0, 0, 0 },
};
#define N_TEMPLATES G_N_ELEMENTS (templates)
#define COMMUNITY_TEMPLATE 6

/* Dimension profiles per account kind (professional, knowledge, community,
 * ecological, data, market order). */
static const double kind_profiles[ASSAY_N_ACCOUNT_KINDS][N_DIMS] = {
  { 0.16, 0.18, 0.28, 0.26, 0.04, 0.08 },
  { 0.34, 0.12, 0.06, 0.18, 0.14, 0.16 },
  { 0.12, 0.26, 0.32, 0.16, 0.10, 0.04 },
};
static const double kind_shares[ASSAY_N_ACCOUNT_KINDS] = { 0.85, 0.10, 0.05 };
static const double kind_yearly_events[ASSAY_N_ACCOUNT_KINDS] = { 10, 24, 40 };

typedef struct
{
  AssayTier   tier;
  const char *item;
  const char *provider;   /* county name + this */
  int         cost;
} Item;

/* Seed 002 annex 4 §4 and seed 004: services and recognition, never money. */
static const Item items[] = {
  { ASSAY_TIER_BASIC, "社区食堂餐券", "社区食堂", 15 },
  { ASSAY_TIER_BASIC, "图书馆文创借阅卡", "图书馆", 20 },
  { ASSAY_TIER_BASIC, "公共自行车月卡", "公共自行车服务中心", 30 },
  { ASSAY_TIER_BASIC, "公园年票", "公园管理中心", 80 },
  { ASSAY_TIER_DEVELOPMENT, "职业技能培训课程", "职业技能培训中心", 200 },
  { ASSAY_TIER_DEVELOPMENT, "创业辅导咨询", "创业服务中心", 150 },
  { ASSAY_TIER_DEVELOPMENT, "开放大学课程学分", "开放大学", 400 },
  { ASSAY_TIER_RESOURCE, "共享工作空间一天", "青年创新创业共享空间", 150 },
  { ASSAY_TIER_RESOURCE, "共享公寓一晚", "人才公寓服务中心", 300 },
  { ASSAY_TIER_RESOURCE, "设备共享一周", "科技创新服务中心", 200 },
  { ASSAY_TIER_HONOUR, "年度贡献之星推荐", "精神文明建设办公室", 1000 },
  { ASSAY_TIER_HONOUR, "志愿服务荣誉证书", "志愿服务联合会", 600 },
  { ASSAY_TIER_HONOUR, "优先推荐评优资格", "精神文明建设办公室", 1500 },
};
#define N_ITEMS G_N_ELEMENTS (items)
#define SPIKE_ITEM 0
#define MIN_ITEM_COST 15

static const double tier_odds[ASSAY_N_TIERS] = { 0.72, 0.18, 0.08, 0.02 };

/* 春节 (the first day of the lunar year), 2020–2036. */
static const struct { guint8 month, day; } spring_festival[] = {
  { 1, 25 }, { 2, 12 }, { 2, 1 }, { 1, 22 }, { 2, 10 }, { 1, 29 }, { 2, 17 }, { 2, 6 },
  { 1, 26 }, { 2, 13 }, { 2, 3 }, { 1, 23 }, { 2, 11 }, { 1, 31 }, { 2, 19 }, { 2, 8 },
  { 1, 28 },
};
#define SPRING_FESTIVAL_FIRST_YEAR 2020

typedef struct
{
  guint64 s[4];
} Rng;

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
};

G_DEFINE_FINAL_TYPE (AssayGenerator, assay_generator, G_TYPE_OBJECT)

/* ---- random numbers: xoshiro256** seeded with splitmix64 ---------------- */

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static void
rng_seed (Rng     *rng,
          guint64  seed)
{
  guint64 state = seed;

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, 1). */
static inline double
rng_uniform (Rng *rng)
{
  return (rng_next (rng) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n); the bias is below n / 2^32, far under any effect here. */
static inline guint32
rng_below (Rng     *rng,
           guint32  n)
{
  return (guint32) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

static inline int
rng_range (Rng *rng,
           int  lo,
           int  hi)
{
  return lo + (int) rng_below (rng, (guint32) (hi - lo + 1));
}

static double
rng_normal (Rng *rng)
{
  double u1 = 1.0 - rng_uniform (rng);
  double u2 = rng_uniform (rng);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

/* Inverse transform; most calls have a tiny mean, and u < 1 − μ ≤ e^−μ
 * answers 0 without computing the exponential. */
static guint
rng_poisson (Rng    *rng,
             double  mu)
{
  double u = rng_uniform (rng);
  double p, f;
  guint k = 0;

  if (u < 1.0 - mu)
    return 0;
  p = exp (-mu);
  f = p;
  while (u > f && k < 1000)
    {
      k++;
      p *= mu / k;
      f += p;
    }
  return k;
}

static guint
rng_pick (Rng          *rng,
          const double *odds,
          guint         n)
{
  double u = rng_uniform (rng);

  for (guint i = 0; i + 1 < n; i++)
    {
      if (u < odds[i])
        return i;
      u -= odds[i];
    }
  return n - 1;
}

static double
rng_choice (Rng          *rng,
            const double *values,
            const double *odds,
            guint         n)
{
  return values[rng_pick (rng, odds, n)];
}

/* ---- calendar ------------------------------------------------------------ */

static guint32
day_julian (AssayGenerator *self,
            gint32          day)
{
  return self->start_julian + (guint32) day;
}

static int
spring_festival_offset (GDate *date)
{
  int year = g_date_get_year (date);
  int index = year - SPRING_FESTIVAL_FIRST_YEAR;
  GDate festival;

  if (index < 0 || index >= (int) G_N_ELEMENTS (spring_festival))
    return G_MAXINT;
  g_date_clear (&festival, 1);
  g_date_set_dmy (&festival, spring_festival[index].day, spring_festival[index].month, year);
  return (int) g_date_get_julian (date) - (int) g_date_get_julian (&festival);
}

static float
day_activity (GDate *date,
              int    weekday)
{
  static const float month_factor[12] = {
    0.95f, 0.90f, 1.00f, 1.00f, 1.05f, 1.10f, 1.15f, 1.10f, 1.00f, 0.95f, 1.00f, 1.05f,
  };
  int month = g_date_get_month (date);
  int dom = g_date_get_day (date);
  int sf = spring_festival_offset (date);
  float f = weekday == 6 ? 0.62f : weekday == 7 ? 0.50f : 1.0f;

  f *= month_factor[month - 1];
  if (ABS (sf) <= 7)
    f *= 0.35f;                 /* the Spring Festival holiday */
  else if ((sf >= -14 && sf < -7) || (sf > 7 && sf <= 15))
    f *= 0.75f;                 /* travel before and after it */
  if (month == 10 && dom <= 7)
    f *= 0.55f;                 /* National Day golden week */
  else if (month == 5 && dom <= 5)
    f *= 0.80f;                 /* Labour Day */
  return f;
}

static float
day_redemption (GDate *date,
                int    weekday)
{
  int month = g_date_get_month (date);
  int sf = spring_festival_offset (date);
  float f = weekday == 6 ? 0.55f : weekday == 7 ? 0.45f : 1.0f;

  if (sf >= -14 && sf <= -2)
    f *= 1.25f;                 /* redeeming before the festival */
  else if (sf >= -1 && sf <= 6)
    f *= 0.50f;
  if (month == 10 && g_date_get_day (date) <= 7)
    f *= 0.80f;
  return f;
}

static void
day_dimension_mods (Day *d,
                    int  month)
{
  for (guint i = 0; i < N_DIMS; i++)
    d->dim_mod[i] = 1.0f;
  if (d->weekend)
    {
      d->dim_mod[ASSAY_DIMENSION_PROFESSIONAL] = 0.5f;
      d->dim_mod[ASSAY_DIMENSION_COMMUNITY] = 1.6f;
      d->dim_mod[ASSAY_DIMENSION_ECOLOGICAL] = 1.5f;
      d->dim_mod[ASSAY_DIMENSION_DATA] = 0.5f;
      d->dim_mod[ASSAY_DIMENSION_MARKET_ORDER] = 0.6f;
    }
  if (month >= 6 && month <= 8)
    d->dim_mod[ASSAY_DIMENSION_ECOLOGICAL] *= 1.7f;     /* summer ecological peak */
  else if (month == 12 || month <= 2)
    d->dim_mod[ASSAY_DIMENSION_ECOLOGICAL] *= 0.7f;
  if (month == 12)
    d->dim_mod[ASSAY_DIMENSION_PROFESSIONAL] *= 1.3f;   /* year-end projects */
}

static void
setup_quarters (AssayGenerator *self)
{
  GArray *quarters = g_array_new (FALSE, TRUE, sizeof (Quarter));
  int current = -1;

  for (guint i = 0; i < self->n_days; i++)
    {
      GDate date;
      int key;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, day_julian (self, (gint32) i));
      key = g_date_get_year (&date) * 4 + (g_date_get_month (&date) - 1) / 3;
      if (key != current)
        {
          Quarter q = { { 0 } };

          g_snprintf (q.id, sizeof q.id, "%04dQ%d", key / 4, key % 4 + 1);
          q.first = i;
          g_array_append_val (quarters, q);
          current = key;
        }
      g_array_index (quarters, Quarter, quarters->len - 1).last = i;
      self->days[i].quarter = (guint16) (quarters->len - 1);
    }
  self->n_quarters = quarters->len;
  self->quarters = (Quarter *) (void *) g_array_free (quarters, FALSE);
}

static void
setup_calendar (AssayGenerator *self)
{
  GDate date;
  double sum = 0;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, self->params.start_day);
  g_date_add_months (&date, self->params.n_months);
  self->start_julian = self->params.start_day;
  self->n_days = g_date_get_julian (&date) - self->start_julian;
  self->days = g_new0 (Day, self->n_days + 31);

  for (guint i = 0; i < self->n_days + 31; i++)
    {
      Day *d = &self->days[i];
      int month;

      g_date_set_julian (&date, day_julian (self, (gint32) i));
      month = g_date_get_month (&date);
      g_snprintf (d->date, sizeof d->date, "%04d-%02d-%02d",
                  g_date_get_year (&date), month, g_date_get_day (&date));
      g_snprintf (d->compact, sizeof d->compact, "%04d%02d%02d",
                  g_date_get_year (&date), month, g_date_get_day (&date));
      d->weekday = g_date_get_weekday (&date);
      d->weekend = d->weekday >= 6;
      d->activity = day_activity (&date, d->weekday);
      d->redemption = day_redemption (&date, d->weekday);
      day_dimension_mods (d, month);
      if (i < self->n_days)
        sum += d->activity;
    }

  /* Yearly rates then hold on average over the range. */
  for (guint i = 0; i < self->n_days; i++)
    self->days[i].activity /= (float) (sum / self->n_days);

  setup_quarters (self);
}

/* ---- accounts ------------------------------------------------------------ */

static guint
pick_county (Rng *rng)
{
  double odds[N_COUNTIES];

  for (guint c = 0; c < N_COUNTIES; c++)
    odds[c] = counties[c].weight;
  return rng_pick (rng, odds, N_COUNTIES);
}

/* The focus of a planted or decoy account: its strongest dimension among
 * those where its kind earns enough per event to pass CONC_MIN_TOTAL in a
 * quarter (an individual's professional and data items are small). */
static guint
focus_dim (const Account *a)
{
  static const guint8 allowed[ASSAY_N_ACCOUNT_KINDS] = {
    1 << ASSAY_DIMENSION_KNOWLEDGE | 1 << ASSAY_DIMENSION_COMMUNITY | 1 << ASSAY_DIMENSION_ECOLOGICAL,
    1 << ASSAY_DIMENSION_PROFESSIONAL | 1 << ASSAY_DIMENSION_KNOWLEDGE | 1 << ASSAY_DIMENSION_ECOLOGICAL
    | 1 << ASSAY_DIMENSION_DATA,
    1 << ASSAY_DIMENSION_PROFESSIONAL | 1 << ASSAY_DIMENSION_KNOWLEDGE | 1 << ASSAY_DIMENSION_COMMUNITY
    | 1 << ASSAY_DIMENSION_ECOLOGICAL | 1 << ASSAY_DIMENSION_DATA,
  };
  int best = -1;

  for (guint i = 0; i < N_DIMS; i++)
    if ((allowed[a->kind] & (1 << i)) && (best < 0 || a->weight[i] > a->weight[best]))
      best = (int) i;
  return (guint) best;
}

static void
account_init (AssayGenerator *self,
              guint           index,
              guint64         name_key)
{
  Account *a = &self->accounts[index];
  Rng *rng = &self->rng;
  guint64 mixed = name_key + index;
  double yearly, sum = 0;

  /* splitmix64's finaliser is a bijection, so distinct indices give
   * distinct pseudonyms. */
  g_snprintf (a->name, sizeof a->name, "%016" G_GINT64_MODIFIER "x", splitmix64 (&mixed));
  a->kind = (guint8) rng_pick (rng, kind_shares, ASSAY_N_ACCOUNT_KINDS);
  a->county = (guint8) pick_county (rng);
  a->role = ROLE_HONEST;

  /* Heavy-tailed activity: lognormal, σ = 1, mean kind_yearly_events. */
  yearly = kind_yearly_events[a->kind] * exp (rng_normal (rng) - 0.5);
  yearly = MIN (yearly, 400.0);
  a->rate = (float) (yearly / 365.0);
  a->redeem_rate = (float) ((0.6 + 0.12 * yearly) / 365.0);

  for (guint d = 0; d < N_DIMS; d++)
    {
      a->weight[d] = (float) (kind_profiles[a->kind][d] * exp (0.45 * rng_normal (rng)));
      sum += a->weight[d];
    }
  for (guint d = 0; d < N_DIMS; d++)
    a->weight[d] /= (float) sum;

  a->join = rng_uniform (rng) < 0.6 ? 0 : (gint32) rng_below (rng, self->n_days / 2);
  a->first_event = a->last_event = a->last_cs_day = a->last_growth_check = -1;
  for (guint s = 0; s < 7; s++)
    a->slot_day[s] = -1;

  g_array_append_val (self->by_county[a->county], index);
  if (a->kind == ASSAY_ACCOUNT_ORGANIZATION)
    g_array_append_val (self->orgs_by_county[a->county], index);
}

static void
setup_accounts (AssayGenerator *self)
{
  guint64 state = self->params.seed ^ 0x5a17ed5eedULL;
  guint64 name_key = splitmix64 (&state);

  self->n_accounts = self->params.n_accounts;
  self->accounts = g_new0 (Account, self->n_accounts);
  for (guint c = 0; c < N_COUNTIES; c++)
    {
      self->by_county[c] = g_array_new (FALSE, FALSE, sizeof (guint));
      self->orgs_by_county[c] = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  for (guint i = 0; i < self->n_accounts; i++)
    account_init (self, i, name_key);

  for (guint c = 0; c < N_COUNTIES; c++)
    {
      /* About two volunteers per shared activity on a busy day. */
      self->pool_size[c] = MIN (9999u, 16 + self->by_county[c]->len / 40);
      for (guint t = 0; t < N_TEMPLATES; t++)
        self->issuers[c][t] = g_strconcat (counties[c].name, templates[t].bureau, NULL);
      for (guint i = 0; i < N_ITEMS; i++)
        self->providers[c][i] = g_strconcat (counties[c].name, items[i].provider, NULL);
    }
}

/* ---- planting ------------------------------------------------------------ */

/* A random honest account of one of @kinds (and of @county unless -1),
 * turned into @role: active from the first day, at @yearly events. */
static gboolean
take_account (AssayGenerator *self,
              guint8          kinds,
              int             county,
              Role            role,
              double          yearly,
              guint          *out)
{
  const GArray *pool = county >= 0 ? self->by_county[county] : NULL;
  guint n = pool != NULL ? pool->len : self->n_accounts;
  guint start = rng_below (&self->rng, n);

  for (guint k = 0; k < n; k++)
    {
      guint i = (start + k) % n;
      guint index = pool != NULL ? g_array_index (pool, guint, i) : i;
      Account *a = &self->accounts[index];

      if (a->role != ROLE_HONEST || !((1 << a->kind) & kinds))
        continue;
      a->role = (guint8) role;
      a->join = 0;
      a->rate = (float) (yearly / 365.0);
      a->redeem_rate = (float) ((0.6 + 0.12 * yearly) / 365.0);
      a->focus = (guint8) focus_dim (a);
      *out = index;
      return TRUE;
    }
  return FALSE;
}

static guint
count_free_individuals (AssayGenerator *self,
                        guint           county)
{
  guint n = 0;

  for (guint i = 0; i < self->by_county[county]->len; i++)
    {
      const Account *a = &self->accounts[g_array_index (self->by_county[county], guint, i)];

      n += a->role == ROLE_HONEST && a->kind == ASSAY_ACCOUNT_INDIVIDUAL;
    }
  return n;
}

/* A county with @n free individuals: a weighted random one if it has them,
 * else the one with the most. */
static int
pick_group_county (AssayGenerator *self,
                   guint           n)
{
  guint county = pick_county (&self->rng);
  guint best = 0, best_free = 0;

  if (count_free_individuals (self, county) >= n)
    return (int) county;
  for (guint c = 0; c < N_COUNTIES; c++)
    {
      guint n_free = count_free_individuals (self, c);

      if (n_free > best_free)
        {
          best = c;
          best_free = n_free;
        }
    }
  return best_free >= n ? (int) best : -1;
}

static guint
usable_quarters (AssayGenerator *self,
                 guint          *out)
{
  guint n = 0;

  for (guint q = 0; q < self->n_quarters; q++)
    if (self->quarters[q].last - self->quarters[q].first + 1 >= MIN_PLANT_QUARTER_DAYS)
      out[n++] = q;
  return n;
}

static void
plant_concentration (AssayGenerator *self,
                     guint           n,
                     gboolean        consecutive)
{
  g_autofree guint *usable = g_new (guint, self->n_quarters);
  guint n_usable = usable_quarters (self, usable);
  guint n_pairs = 0;
  g_autofree guint *pairs = g_new (guint, self->n_quarters);

  for (guint i = 0; i + 1 < n_usable; i++)
    if (usable[i + 1] == usable[i] + 1)
      pairs[n_pairs++] = usable[i];

  for (guint k = 0; k < n; k++)
    {
      ConcPlan plan = { 0 };

      if (!take_account (self, KIND_I | KIND_E, -1, consecutive ? ROLE_CONSECUTIVE : ROLE_CONCENTRATION,
                         rng_range (&self->rng, 180, 280), &plan.account))
        return;
      plan.consecutive = consecutive;
      plan.quarter = consecutive ? pairs[rng_below (&self->rng, n_pairs)]
                                 : usable[rng_below (&self->rng, n_usable)];
      self->accounts[plan.account].plan = self->conc_plans->len;
      g_array_append_val (self->conc_plans, plan);
    }
}

static void
plant_growth (AssayGenerator *self,
              guint           n)
{
  for (guint k = 0; k < n; k++)
    {
      GrowthPlan plan = { 0 };

      if (!take_account (self, KIND_ALL, -1, ROLE_GROWTH, rng_range (&self->rng, 80, 140), &plan.account))
        return;
      plan.planned = rng_range (&self->rng, 75, (int) self->n_days - 30);
      plan.first = plan.last = -1;
      self->accounts[plan.account].plan = self->growth_plans->len;
      g_array_append_val (self->growth_plans, plan);
    }
}

static gboolean
take_group (AssayGenerator *self,
            guint           n,
            Role            role,
            int             yearly_lo,
            int             yearly_hi,
            guint          *members,
            guint          *county)
{
  int c = pick_group_county (self, n);

  if (c < 0)
    return FALSE;
  for (guint m = 0; m < n; m++)
    if (!take_account (self, KIND_I, c, role, rng_range (&self->rng, yearly_lo, yearly_hi), &members[m]))
      return FALSE;
  *county = (guint) c;
  return TRUE;
}

static void
plant_rings (AssayGenerator *self,
             guint           n)
{
  for (guint k = 0; k < n; k++)
    {
      RingPlan plan = { { 0 } };
      int weeks = rng_range (&self->rng, 10, 14);

      plan.n = (guint) rng_range (&self->rng, 4, 6);
      if (!take_group (self, plan.n, ROLE_RING, 10, 30, plan.members, &plan.county))
        return;
      plan.first = rng_range (&self->rng, 30, MAX (30, (int) self->n_days - 7 * weeks - 7));
      plan.last = MIN ((int) self->n_days - 1, plan.first + 7 * weeks - 1);
      if (rng_uniform (&self->rng) < 0.5)
        {
          plan.weekday_a = 6;
          plan.weekday_b = 7;
        }
      else
        {
          plan.weekday_a = (guint8) rng_range (&self->rng, 1, 5);
          plan.weekday_b = (guint8) rng_range (&self->rng, 6, 7);
        }
      for (guint m = 0; m < plan.n; m++)
        self->accounts[plan.members[m]].plan = self->ring_plans->len;
      g_array_append_val (self->ring_plans, plan);
    }
}

static int
compare_gint32 (gconstpointer a,
                gconstpointer b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;

  return (x > y) - (x < y);
}

static void
plant_households (AssayGenerator *self,
                  guint           n)
{
  for (guint k = 0; k < n; k++)
    {
      HouseholdPlan plan = { { 0 } };

      plan.n = (guint) rng_range (&self->rng, 3, 4);
      if (!take_group (self, plan.n, ROLE_HOUSEHOLD, 15, 40, plan.members, &plan.county))
        return;
      /* A few weekend days spread over the range, never in lockstep. */
      plan.n_days = (guint) rng_range (&self->rng, 3, 5);
      for (guint d = 0; d < plan.n_days; d++)
        {
          gint32 day;
          gboolean clash;

          do
            {
              day = (gint32) rng_below (&self->rng, self->n_days);
              while (!self->days[day].weekend && day + 1 < (gint32) self->n_days)
                day++;
              clash = FALSE;
              for (guint e = 0; e < d; e++)
                clash |= plan.days[e] == day;
            }
          while (clash);
          plan.days[d] = day;
        }
      qsort (plan.days, plan.n_days, sizeof (gint32), compare_gint32);
      for (guint m = 0; m < plan.n; m++)
        self->accounts[plan.members[m]].plan = self->household_plans->len;
      g_array_append_val (self->household_plans, plan);
    }
}

static void
plant_singles (AssayGenerator *self,
               GArray         *list,
               guint           n,
               guint8          kinds,
               Role            role,
               int             yearly_lo,
               int             yearly_hi)
{
  for (guint k = 0; k < n; k++)
    {
      guint index;

      if (!take_account (self, kinds, -1, role, rng_range (&self->rng, yearly_lo, yearly_hi), &index))
        return;
      self->accounts[index].plan = list->len;
      g_array_append_val (list, index);
    }
}

static void
plant_spikes (AssayGenerator *self,
              guint           n)
{
  guint order[N_COUNTIES];

  /* Largest counties first: they have the most accounts able to redeem. */
  for (guint c = 0; c < N_COUNTIES; c++)
    order[c] = c;
  for (guint i = 1; i < N_COUNTIES; i++)
    for (guint j = i; j > 0 && self->by_county[order[j]]->len > self->by_county[order[j - 1]]->len; j--)
      {
        guint t = order[j];

        order[j] = order[j - 1];
        order[j - 1] = t;
      }

  for (guint k = 0; k < n; k++)
    {
      SpikePlan plan = { order[k % N_COUNTIES], 0 };
      gboolean clash;
      guint tries = 0;

      do
        {
          plan.day = rng_range (&self->rng, 90, (int) self->n_days - 3);
          clash = FALSE;
          for (guint e = 0; e < self->spike_plans->len; e++)
            {
              const SpikePlan *other = &g_array_index (self->spike_plans, SpikePlan, e);

              clash |= other->county == plan.county && ABS (other->day - plan.day) < 2 * SPIKE_WINDOW;
            }
        }
      while (clash && ++tries < 100);
      if (!clash)
        g_array_append_val (self->spike_plans, plan);
    }
}

static void
plant (AssayGenerator *self)
{
  guint n = self->n_accounts;

  plant_concentration (self, MAX (3, n / 500), FALSE);
  plant_concentration (self, MAX (3, n / 1000), TRUE);
  plant_growth (self, MAX (3, n / 500));
  plant_rings (self, MAX (2, n / 2500));
  plant_households (self, MAX (2, n / 2000));
  plant_singles (self, self->specialists, MAX (3, n / 500), KIND_ALL, ROLE_SPECIALIST, 120, 200);
  plant_singles (self, self->steadies, MAX (3, n / 1000), KIND_E | KIND_O, ROLE_STEADY, 300, 400);
  plant_spikes (self, MAX (2, self->params.n_months / 4));
}

/* ---- drawing a contribution ---------------------------------------------- */

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
  for (guint i = 0; i < 4 && rule_inputs[rule][i] != NULL; i++)
    {
      draw->in[i].name = rule_inputs[rule][i];
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
      const Template *tpl = &templates[t];

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

static gboolean
draw_contribution (AssayGenerator *self,
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
      draw->tpl = &templates[draw->tpl_index];
      draw_inputs (&self->rng, draw);
      if (!controlled || draw->points <= CONTROLLED_MAX_POINTS)
        return TRUE;
    }
  return FALSE;
}

/* ---- keeping planted and decoy accounts where they belong ---------------- */

static Policy
account_policy (AssayGenerator *self,
                const Account  *a,
                guint           quarter)
{
  const ConcPlan *plan;

  switch ((Role) a->role)
    {
    case ROLE_HONEST:
    case ROLE_RING:
      return POLICY_FREE;
    case ROLE_CONCENTRATION:
    case ROLE_CONSECUTIVE:
      plan = &g_array_index (self->conc_plans, ConcPlan, a->plan);
      if (quarter == plan->quarter || (plan->consecutive && quarter == plan->quarter + 1))
        return POLICY_FLOOR;
      return POLICY_CAP;
    case ROLE_SPECIALIST:
      return POLICY_BAND;
    case ROLE_GROWTH:
    case ROLE_HOUSEHOLD:
    case ROLE_STEADY:
    default:
      return POLICY_CAP;
    }
}

/* Whether the quarter's sums stay acceptable after adding @points to @dim.
 * Below CONC_MIN_TOTAL the caps apply to CONC_MIN_TOTAL, so the account
 * can always cross the minimum with its shares already in place. */
static gboolean
policy_accepts (const Account *a,
                Policy         policy,
                guint          dim,
                gint64         points)
{
  gint64 q[N_DIMS];
  gint64 total = 0, base;
  int cap;

  for (guint d = 0; d < N_DIMS; d++)
    {
      q[d] = a->quarter[d] + (d == dim ? points : 0);
      total += MAX (q[d], 0);
    }
  switch (policy)
    {
    case POLICY_FLOOR:
      return 100 * q[a->focus] >= FLOOR_PERCENT * total;
    case POLICY_CAP:
    case POLICY_BAND:
      cap = policy == POLICY_CAP ? CAP_PERCENT : BAND_CAP_PERCENT;
      base = MAX (total, CONC_MIN_TOTAL);
      for (guint d = 0; d < N_DIMS; d++)
        if (100 * q[d] > cap * base)
          return FALSE;
      return TRUE;
    case POLICY_FREE:
    default:
      return TRUE;
    }
}

static gint64
quarter_total (const Account *a)
{
  gint64 total = 0;

  for (guint d = 0; d < N_DIMS; d++)
    total += MAX (a->quarter[d], 0);
  return total;
}

/* Points of @a with event_date in [from, day] (day = today, the latest). */
static gint64
window_points (const Account *a,
               gint32         from)
{
  gint64 sum = 0;

  for (guint s = 0; s < 7; s++)
    if (a->slot_day[s] >= from)
      sum += a->slot[s];
  return sum;
}

/* Whether adding @points today keeps the growth rule unbroken for every
 * day whose window contains today, assuming nothing else happens; later
 * events are checked when they come, so the rule never breaks. */
static gboolean
growth_accepts (AssayGenerator *self,
                const Account  *a,
                gint32          day,
                gint64          points)
{
  gint32 first = a->first_event >= 0 ? a->first_event : day;
  gint64 total = a->total + points;

  for (gint32 t = day; t <= day + 6 && t < (gint32) self->n_days; t++)
    {
      gint64 w = window_points (a, t - 6) + points;
      gint64 p = total - w;

      if (p >= GROWTH_MIN_PRIOR && first + 6 + GROWTH_MIN_HISTORY <= t && 100 * w > GROWTH_PERCENT * p)
        return FALSE;
    }
  return TRUE;
}

static guint
pick_dimension (AssayGenerator *self,
                const Account  *a,
                const Day      *d,
                int             exclude)
{
  double w[N_DIMS], sum = 0, u;
  guint last = 0;

  for (guint i = 0; i < N_DIMS; i++)
    {
      w[i] = (int) i == exclude ? 0 : a->weight[i] * d->dim_mod[i];
      sum += w[i];
    }
  u = rng_uniform (&self->rng) * sum;
  for (guint i = 0; i < N_DIMS; i++)
    {
      if (w[i] <= 0)
        continue;
      last = i;
      if (u < w[i])
        return i;
      u -= w[i];
    }
  return last;
}

/* The first dimension to try for a controlled account. */
static guint
steer_dimension (AssayGenerator *self,
                 const Account  *a,
                 const Day      *d,
                 Policy          policy)
{
  gint64 total = quarter_total (a);

  switch (policy)
    {
    case POLICY_FLOOR:
      return rng_uniform (&self->rng) < 0.85 ? a->focus : pick_dimension (self, a, d, a->focus);
    case POLICY_BAND:
      if (100 * a->quarter[a->focus] < BAND_TARGET_PERCENT * MAX (total, CONC_MIN_TOTAL))
        return a->focus;
      return pick_dimension (self, a, d, a->focus);
    case POLICY_CAP:
    case POLICY_FREE:
    default:
      return pick_dimension (self, a, d, -1);
    }
}

/* Fallback order after a refusal: the focus for FLOOR, else the
 * dimensions from the smallest quarter sum up. */
static void
fallback_order (const Account *a,
                Policy         policy,
                guint         *order)
{
  for (guint i = 0; i < N_DIMS; i++)
    order[i] = i;
  for (guint i = 1; i < N_DIMS; i++)
    for (guint j = i; j > 0 && a->quarter[order[j]] < a->quarter[order[j - 1]]; j--)
      {
        guint t = order[j];

        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  if (policy == POLICY_FLOOR)
    {
      order[0] = a->focus;
      for (guint i = 1; i < N_DIMS; i++)
        order[i] = order[0];
    }
}

/* Draws one contribution for @a today within its policy and growth guard;
 * FALSE when none fits (the account then stays quiet). */
static gboolean
draw_for_account (AssayGenerator *self,
                  guint           index,
                  gint32          day,
                  gboolean        guarded,
                  Draw           *draw)
{
  const Account *a = &self->accounts[index];
  const Day *d = &self->days[day];
  Policy policy = account_policy (self, a, d->quarter);
  gboolean controlled = policy != POLICY_FREE;
  guint order[N_DIMS];
  guint dim;

  if (!controlled)
    return draw_contribution (self, a, day, pick_dimension (self, a, d, -1), FALSE, draw);

  dim = steer_dimension (self, a, d, policy);
  fallback_order (a, policy, order);
  for (guint attempt = 0; attempt <= N_DIMS; attempt++)
    {
      if (attempt > 0)
        dim = order[attempt - 1];
      if (!draw_contribution (self, a, day, dim, TRUE, draw))
        continue;
      if (!policy_accepts (a, policy, dim, draw->points))
        continue;
      return !guarded || growth_accepts (self, a, day, draw->points);
    }
  return FALSE;
}

/* ---- writing lines ------------------------------------------------------- */

#define FLUSH_SIZE (256 * 1024)

static gboolean
flush_lines (AssayGenerator  *self,
             gboolean         force,
             GError         **error)
{
  if (self->buf->len == 0 || (!force && self->buf->len < FLUSH_SIZE))
    return TRUE;
  if (!g_output_stream_write_all (self->out, self->buf->str, self->buf->len, NULL,
                                  self->cancellable, error))
    return FALSE;
  g_string_truncate (self->buf, 0);
  return TRUE;
}

static inline void
append_key (GString    *buf,
            const char *key)
{
  g_string_append_c (buf, '"');
  g_string_append (buf, key);
  g_string_append (buf, "\":");
}

/* Every string written is ours: no quotes, backslashes or control
 * characters, so it needs no escaping. */
static inline void
append_string (GString    *buf,
               const char *key,
               const char *value)
{
  append_key (buf, key);
  g_string_append_c (buf, '"');
  g_string_append (buf, value);
  g_string_append (buf, "\",");
}

static void
append_int (GString *buf,
            gint64   value)
{
  char digits[24];
  int n = 0;
  guint64 v = value < 0 ? (guint64) -value : (guint64) value;

  if (value < 0)
    g_string_append_c (buf, '-');
  do
    {
      digits[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v > 0);
  while (n > 0)
    g_string_append_c (buf, digits[--n]);
}

static void
append_number (GString *buf,
               double   value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == trunc (value) && fabs (value) < 1e15)
    append_int (buf, (gint64) value);
  else
    g_string_append (buf, g_ascii_formatd (text, sizeof text, "%.6g", value));
}

static void
append_common (AssayGenerator *self,
               const char     *kind,
               const Account  *a)
{
  GString *buf = self->buf;

  g_string_append_c (buf, '{');
  append_string (buf, "kind", kind);
  append_string (buf, "account", a->name);
  append_string (buf, "account_kind", kind_ids[a->kind]);
}

static void
append_dates (AssayGenerator *self,
              const Account  *a,
              gint32          day)
{
  GString *buf = self->buf;

  append_string (buf, "event_date", self->days[day].date);
  append_string (buf, "publication_date", self->days[day + rng_range (&self->rng, 7, 30)].date);
  append_string (buf, "county", counties[a->county].code);
}

static void
append_evidence (AssayGenerator *self,
                 const Account  *a,
                 const char     *activity)
{
  char head[64];

  g_snprintf (head, sizeof head, "assay-pilot-evidence:%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":",
              self->params.seed, self->n_lines);
  g_checksum_reset (self->checksum);
  g_checksum_update (self->checksum, (const guchar *) head, -1);
  g_checksum_update (self->checksum, (const guchar *) a->name, -1);
  g_checksum_update (self->checksum, (const guchar *) activity, -1);
  append_string (self->buf, "evidence", g_checksum_get_string (self->checksum));
}

static void
write_event_line (AssayGenerator *self,
                  const Account  *a,
                  gint32          day,
                  const Draw     *draw,
                  const char     *activity,
                  const Account  *confirmer)
{
  GString *buf = self->buf;
  const Template *t = draw->tpl;

  append_common (self, "event", a);
  append_string (buf, "dimension", dimension_ids[t->dim]);
  append_key (buf, "points");
  append_int (buf, draw->points);
  g_string_append_c (buf, ',');
  append_dates (self, a, day);
  append_string (buf, "issuer", self->issuers[a->county][draw->tpl_index]);
  append_string (buf, "distributor", t->distributor != NULL ? t->distributor : counties[a->county].app);
  append_key (buf, "rule");
  g_string_append (buf, "{\"id\":\"");
  g_string_append (buf, rule_ids[t->rule]);
  g_string_append (buf, "\",\"inputs\":{");
  for (guint i = 0; i < draw->n; i++)
    {
      if (i > 0)
        g_string_append_c (buf, ',');
      append_key (buf, draw->in[i].name);
      append_number (buf, draw->in[i].value);
    }
  g_string_append (buf, "}},");
  append_string (buf, "activity", activity);
  if (confirmer != NULL)
    append_string (buf, "confirmer", confirmer->name);
  else
    g_string_append (buf, "\"confirmer\":null,");
  append_evidence (self, a, activity);
  g_string_truncate (buf, buf->len - 1);   /* the last comma */
  g_string_append (buf, "}\n");
  self->n_lines++;
  self->n_events++;
}

/* ---- account state ------------------------------------------------------- */

static void
account_add (AssayGenerator *self,
             Account        *a,
             gint32          day,
             guint           dim,
             gint64          points)
{
  guint s = (guint) day % 7;

  if (a->slot_day[s] != day)
    {
      a->slot_day[s] = day;
      a->slot[s] = 0;
    }
  a->slot[s] += points;
  a->quarter[dim] += points;
  a->total += points;
  a->balance += points;
  if (a->first_event < 0)
    a->first_event = day;
  if (a->last_event != day)
    {
      guint index = (guint) (a - self->accounts);

      g_array_append_val (self->active[s], index);
    }
  a->last_event = day;
}

static void
record_cs_key (AssayGenerator *self,
               guint           index,
               gint32          day,
               guint           nn)
{
  Account *a = &self->accounts[index];
  CsKey key = { ((guint64) day << 32) | ((guint64) a->county << 16) | nn, index };

  g_array_append_val (self->cs_keys, key);
  a->last_cs_day = day;
  a->last_cs_nn = nn;
  a->n_cs++;
}

/* Community service is confirmed by an organization of the county when
 * there is one, else by another account of the county. */
static const Account *
pick_confirmer (AssayGenerator *self,
                guint           index)
{
  const Account *a = &self->accounts[index];
  const GArray *pool = self->orgs_by_county[a->county];

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      for (guint k = 0; k < 8 && pool->len > 0; k++)
        {
          guint other = g_array_index (pool, guint, rng_below (&self->rng, pool->len));

          if (other != index)
            return &self->accounts[other];
        }
      pool = self->by_county[a->county];
    }
  return &self->accounts[(index + 1) % self->n_accounts];
}

/* Writes @draw for account @index with today's date and activity number
 * @nn (community events; -1 to draw one), confirmed by @confirmer (NULL
 * for the usual confirmer). */
static void
emit_draw (AssayGenerator *self,
           guint           index,
           gint32          day,
           const Draw     *draw,
           int             nn,
           const Account  *confirmer)
{
  Account *a = &self->accounts[index];
  char activity[40];

  if (draw->tpl->rule == RULE_COMMUNITY)
    {
      if (nn < 0)
        nn = (int) rng_below (&self->rng, self->pool_size[a->county]);
      g_snprintf (activity, sizeof activity, "CS-%s-%s-%04d", counties[a->county].code,
                  self->days[day].compact, nn);
      if (confirmer == NULL)
        confirmer = pick_confirmer (self, index);
      record_cs_key (self, index, day, (guint) nn);
    }
  else
    {
      g_snprintf (activity, sizeof activity, "%s-%s-%s-%06u", draw->tpl->prefix,
                  counties[a->county].code, self->days[day].compact,
                  (guint) (self->seq++ % 1000000));
      confirmer = NULL;
    }
  write_event_line (self, a, day, draw, activity, confirmer);
  account_add (self, a, day, draw->tpl->dim, draw->points);
}

static gboolean
is_guarded (const Account *a)
{
  return a->role != ROLE_HONEST && a->role != ROLE_RING;
}

/* In its last two weeks, a planted concentrated quarter that is still
 * short of CONC_MIN_TOTAL gets one more event a day. */
static gboolean
needs_top_up (AssayGenerator *self,
              const Account  *a,
              gint32          day)
{
  const Quarter *q = &self->quarters[self->days[day].quarter];

  return (a->role == ROLE_CONCENTRATION || a->role == ROLE_CONSECUTIVE)
         && (gint32) q->last - day < 14
         && account_policy (self, a, self->days[day].quarter) == POLICY_FLOOR
         && quarter_total (a) < CONC_MIN_TOTAL + CONC_MIN_TOTAL / 5;
}

static void
account_events (AssayGenerator *self,
                guint           index,
                gint32          day)
{
  const Account *a = &self->accounts[index];
  guint n;

  if (day < a->join)
    return;
  n = rng_poisson (&self->rng, a->rate * self->days[day].activity);
  if (a->role != ROLE_HONEST && needs_top_up (self, a, day))
    n++;
  for (guint k = 0; k < n; k++)
    {
      Draw draw;

      if (draw_for_account (self, index, day, is_guarded (a), &draw))
        emit_draw (self, index, day, &draw, -1, NULL);
    }
}

/* ---- planted behaviour --------------------------------------------------- */

/* A burst worth the whole prior total over five days, once the account
 * has the history the rule asks for. */
static void
growth_burst (AssayGenerator *self,
              GrowthPlan     *plan,
              gint32          day)
{
  Account *a = &self->accounts[plan->account];
  gint64 quota;

  if (plan->first < 0)
    {
      gint64 prior;

      if (day < plan->planned || day + 4 >= (gint32) self->n_days || a->first_event < 0)
        return;
      /* P on the burst's last day: what is older than the day before yesterday. */
      prior = a->total - window_points (a, day - 2);
      if (prior < 2 * GROWTH_MIN_PRIOR || a->first_event + 30 > day)
        return;
      plan->first = day;
      plan->last = day + 4;
      plan->target = prior;
    }
  if (day > plan->last)
    return;

  quota = plan->target * (day - plan->first + 1) / 5;
  for (guint k = 0; k < 200 && plan->emitted < quota; k++)
    {
      Draw draw;

      if (!draw_for_account (self, plan->account, day, FALSE, &draw))
        continue;
      emit_draw (self, plan->account, day, &draw, -1, NULL);
      plan->emitted += draw.points;
    }
}

/* An activity number none of @members used today. */
static int
shared_activity (AssayGenerator *self,
                 const guint    *members,
                 guint           n,
                 guint           county,
                 gint32          day)
{
  for (;;)
    {
      int nn = (int) rng_below (&self->rng, self->pool_size[county]);
      gboolean used = FALSE;

      for (guint m = 0; m < n; m++)
        {
          const Account *a = &self->accounts[members[m]];

          used |= a->last_cs_day == day && a->last_cs_nn == (guint) nn;
        }
      if (!used)
        return nn;
    }
}

static gboolean
community_draw (Draw   *draw,
                double  participants,
                double  impact,
                double  quality)
{
  draw->tpl_index = COMMUNITY_TEMPLATE;
  draw->tpl = &templates[COMMUNITY_TEMPLATE];
  draw_set (draw, participants, impact, quality, 0);
  return draw_evaluate (draw);
}

/* Ring members report the same service on the same days and confirm each
 * other round the ring. */
static void
ring_day (AssayGenerator *self,
          const RingPlan *ring,
          gint32          day)
{
  guint8 weekday = self->days[day].weekday;
  Draw draw;
  int nn;

  if (day < ring->first || day > ring->last || (weekday != ring->weekday_a && weekday != ring->weekday_b))
    return;
  nn = shared_activity (self, ring->members, ring->n, ring->county, day);
  while (!community_draw (&draw, rng_range (&self->rng, 20, 40), 1.5, 1.2))
    ;
  for (guint m = 0; m < ring->n; m++)
    emit_draw (self, ring->members[m], day, &draw, nn,
               &self->accounts[ring->members[(m + 1) % ring->n]]);
}

/* A household volunteers together on a few days only; each member's
 * report is still held to its own policy. */
static void
household_day (AssayGenerator      *self,
               const HouseholdPlan *household,
               gint32               day)
{
  gboolean today = FALSE;
  double participants;
  int nn;

  for (guint d = 0; d < household->n_days; d++)
    today |= household->days[d] == day;
  if (!today)
    return;
  nn = shared_activity (self, household->members, household->n, household->county, day);
  participants = rng_range (&self->rng, 10, 30);
  for (guint m = 0; m < household->n; m++)
    {
      guint index = household->members[m];
      const Account *a = &self->accounts[index];
      Draw draw;

      if (!community_draw (&draw, participants, 1.0, rng_choice (&self->rng, quality_values, quality_odds, 3))
          || a->last_cs_day == day
          || !policy_accepts (a, account_policy (self, a, self->days[day].quarter), ASSAY_DIMENSION_COMMUNITY, draw.points)
          || !growth_accepts (self, a, day, draw.points))
        continue;
      emit_draw (self, index, day, &draw, nn, NULL);
    }
}

/* ---- redemptions --------------------------------------------------------- */

static void
write_redemption (AssayGenerator *self,
                  guint           index,
                  gint32          day,
                  guint           item)
{
  Account *a = &self->accounts[index];
  GString *buf = self->buf;
  char request[40];

  g_snprintf (request, sizeof request, "RQ-%s-%s-%06u", counties[a->county].code,
              self->days[day].compact, (guint) (self->seq++ % 1000000));
  append_common (self, "redemption", a);
  append_string (buf, "tier", tier_ids[items[item].tier]);
  append_key (buf, "points");
  append_int (buf, items[item].cost);
  g_string_append_c (buf, ',');
  append_dates (self, a, day);
  append_string (buf, "distributor", self->providers[a->county][item]);
  append_string (buf, "item", items[item].item);
  append_string (buf, "request", request);
  g_string_truncate (buf, buf->len - 1);
  g_string_append (buf, "}\n");
  self->n_lines++;
  self->n_redemptions++;
  a->balance -= items[item].cost;
  self->requests[a->county * self->n_days + day]++;
}

/* A random item of a random tier; if the balance does not cover it, a
 * basic item that it covers; G_MAXUINT if none. */
static guint
pick_item (AssayGenerator *self,
           const Account  *a)
{
  AssayTier tier = rng_pick (&self->rng, tier_odds, ASSAY_N_TIERS);
  guint candidates[N_ITEMS], n = 0;

  for (guint i = 0; i < N_ITEMS; i++)
    if (items[i].tier == tier)
      candidates[n++] = i;
  if (n > 0)
    {
      guint item = candidates[rng_below (&self->rng, n)];

      if (items[item].cost <= a->balance)
        return item;
    }
  n = 0;
  for (guint i = 0; i < N_ITEMS; i++)
    if (items[i].tier == ASSAY_TIER_BASIC && items[i].cost <= a->balance)
      candidates[n++] = i;
  return n > 0 ? candidates[rng_below (&self->rng, n)] : G_MAXUINT;
}

static void
account_redemptions (AssayGenerator *self,
                     guint           index,
                     gint32          day)
{
  const Account *a = &self->accounts[index];
  guint n;

  if (a->balance < MIN_ITEM_COST)
    return;
  n = rng_poisson (&self->rng, a->redeem_rate * self->days[day].redemption);
  for (guint k = 0; k < n; k++)
    {
      guint item = pick_item (self, a);

      if (item != G_MAXUINT)
        write_redemption (self, index, day, item);
    }
}

/* A run on the county's services: enough canteen vouchers to pass three
 * times the last 28 days' mean, from whoever in the county can pay. */
static void
redemption_run (AssayGenerator  *self,
                const SpikePlan *spike,
                gint32           day)
{
  const GArray *pool = self->by_county[spike->county];
  guint32 *counts = &self->requests[spike->county * self->n_days];
  gint64 prior = 0;
  gint64 need;
  guint start;

  if (pool->len == 0)
    return;
  for (gint32 d = day - SPIKE_WINDOW; d < day; d++)
    prior += counts[d];
  need = MAX (SPIKE_MIN_REQUESTS, SPIKE_MULTIPLIER * prior / SPIKE_WINDOW + 1) + rng_range (&self->rng, 3, 8);
  start = rng_below (&self->rng, pool->len);
  /* Up to three vouchers per account if there are too few payers. */
  for (guint round = 0; round < 3; round++)
    for (guint k = 0; k < pool->len && counts[day] < need; k++)
      {
        guint index = g_array_index (pool, guint, (start + k) % pool->len);

        if (day >= self->accounts[index].join && self->accounts[index].balance >= items[SPIKE_ITEM].cost)
          write_redemption (self, index, day, SPIKE_ITEM);
      }
}

/* ---- the rules, evaluated as the days pass ------------------------------- */

/* The rule can only break on a day whose window holds an event, so only
 * the accounts active in the last seven days are looked at. */
static void
evaluate_account_growth (AssayGenerator *self,
                         guint           i,
                         gint32          day)
{
  Account *a = &self->accounts[i];
  gint64 w, p;

  if (a->last_growth_check == day || a->first_event + 6 + GROWTH_MIN_HISTORY > day)
    return;
  a->last_growth_check = day;
  w = window_points (a, day - 6);
  p = a->total - w;
  if (p < GROWTH_MIN_PRIOR)
    return;
  a->max_growth = MAX (a->max_growth, (float) ((double) w / (double) p));
  if (100 * w > GROWTH_PERCENT * p)
    {
      GrowthHit hit = { i, day };

      g_array_append_val (self->growth_hits, hit);
    }
}

static void
evaluate_growth (AssayGenerator *self,
                 gint32          day)
{
  for (guint s = 0; s < 7; s++)
    for (guint k = 0; k < self->active[s]->len; k++)
      evaluate_account_growth (self, g_array_index (self->active[s], guint, k), day);
  /* Tomorrow's slot is the day that leaves the window. */
  g_array_set_size (self->active[(guint) (day + 1) % 7], 0);
}

static void
evaluate_quarter (AssayGenerator *self,
                  guint           quarter)
{
  for (guint i = 0; i < self->n_accounts; i++)
    {
      Account *a = &self->accounts[i];
      QuarterStat stat = { i, (guint16) quarter, 0, 0, 0 };

      for (guint d = 0; d < N_DIMS; d++)
        {
          gint64 q = MAX (a->quarter[d], 0);

          stat.total += q;
          if (q > stat.points)
            {
              stat.points = q;
              stat.dim = (guint8) d;
            }
          a->quarter[d] = 0;
        }
      if (stat.total >= CONC_MIN_TOTAL && 100 * stat.points > CONC_PERCENT * stat.total)
        g_array_append_val (self->conc_hits, stat);
      if (a->role != ROLE_HONEST)
        g_array_append_val (self->special_stats, stat);
    }
}

static gboolean
generate_day (AssayGenerator  *self,
              gint32           day,
              GError         **error)
{
  for (guint i = 0; i < self->n_accounts; i++)
    {
      account_events (self, i, day);
      account_redemptions (self, i, day);
    }
  for (guint k = 0; k < self->growth_plans->len; k++)
    growth_burst (self, &g_array_index (self->growth_plans, GrowthPlan, k), day);
  for (guint k = 0; k < self->ring_plans->len; k++)
    ring_day (self, &g_array_index (self->ring_plans, RingPlan, k), day);
  for (guint k = 0; k < self->household_plans->len; k++)
    household_day (self, &g_array_index (self->household_plans, HouseholdPlan, k), day);
  for (guint k = 0; k < self->spike_plans->len; k++)
    if (g_array_index (self->spike_plans, SpikePlan, k).day == day)
      redemption_run (self, &g_array_index (self->spike_plans, SpikePlan, k), day);

  evaluate_growth (self, day);
  if (self->quarters[self->days[day].quarter].last == (guint32) day)
    evaluate_quarter (self, self->days[day].quarter);

  return flush_lines (self, FALSE, error);
}

/* ---- rings: lockstep pairs and their components -------------------------- */

static int
compare_cs_keys (gconstpointer a,
                 gconstpointer b)
{
  const CsKey *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return (x->account > y->account) - (x->account < y->account);
}

static int
compare_guint64 (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

static guint
uf_find (guint32 *parent,
         guint    i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

/* All co-occurring pairs i < j as i << 32 | j, sorted, with repeats: the
 * number of repeats is |A_i ∩ A_j|. */
static GArray *
co_occurrences (AssayGenerator *self)
{
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (guint64));
  const CsKey *keys = (const CsKey *) (void *) self->cs_keys->data;
  guint n = self->cs_keys->len;

  g_array_sort (self->cs_keys, compare_cs_keys);
  for (guint g = 0, e; g < n; g = e)
    {
      for (e = g + 1; e < n && keys[e].key == keys[g].key; e++)
        ;
      for (guint x = g; x < e; x++)
        for (guint y = x + 1; y < e; y++)
          {
            guint64 pair = ((guint64) keys[x].account << 32) | keys[y].account;

            g_array_append_val (pairs, pair);
          }
    }
  g_array_sort (pairs, compare_guint64);
  return pairs;
}

static guint
pair_common (const GArray *pairs,
             guint         i,
             guint         j)
{
  guint64 pair = ((guint64) MIN (i, j) << 32) | MAX (i, j);
  const guint64 *p = (const guint64 *) (void *) pairs->data;
  guint lo = 0, hi = pairs->len, n = 0;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (p[mid] < pair)
        lo = mid + 1;
      else
        hi = mid;
    }
  while (lo + n < pairs->len && p[lo + n] == pair)
    n++;
  return n;
}

static void
ring_free (gpointer data)
{
  Ring *ring = data;

  g_array_unref (ring->members);
  g_array_unref (ring->days);
  g_free (ring);
}

static void
collect_ring_days (AssayGenerator *self)
{
  const CsKey *keys = (const CsKey *) (void *) self->cs_keys->data;
  guint n = self->cs_keys->len;

  for (guint g = 0, e; g < n; g = e)
    {
      for (e = g + 1; e < n && keys[e].key == keys[g].key; e++)
        ;
      for (guint x = g; x < e; x++)
        for (guint y = x + 1; y < e; y++)
          {
            gint32 r = self->ring_of[keys[x].account];
            gint32 day = (gint32) (keys[x].key >> 32);
            Ring *ring;

            if (r < 0 || self->ring_of[keys[y].account] != r)
              continue;
            ring = g_ptr_array_index (self->rings, r);
            if (ring->days->len == 0 || g_array_index (ring->days, gint32, ring->days->len - 1) < day)
              g_array_append_val (ring->days, day);
          }
    }
}

static void
find_rings (AssayGenerator *self,
            const GArray   *pairs)
{
  g_autofree guint32 *parent = g_new (guint32, self->n_accounts);
  g_autofree guint32 *size = g_new0 (guint32, self->n_accounts);
  const guint64 *p = (const guint64 *) (void *) pairs->data;

  for (guint i = 0; i < self->n_accounts; i++)
    parent[i] = i;
  for (guint g = 0, e; g < pairs->len; g = e)
    {
      guint i = (guint) (p[g] >> 32), j = (guint) (p[g] & 0xffffffff);
      guint co;

      for (e = g + 1; e < pairs->len && p[e] == p[g]; e++)
        ;
      co = e - g;
      if (co >= LOCKSTEP_MIN_COMMON && 2 * co >= self->accounts[i].n_cs + self->accounts[j].n_cs - co)
        parent[uf_find (parent, i)] = uf_find (parent, j);
    }

  for (guint i = 0; i < self->n_accounts; i++)
    size[uf_find (parent, i)]++;
  self->ring_of = g_new (gint32, self->n_accounts);
  for (guint i = 0; i < self->n_accounts; i++)
    self->ring_of[i] = -1;
  for (guint i = 0; i < self->n_accounts; i++)
    {
      guint root = uf_find (parent, i);
      Ring *ring;

      if (size[root] < LOCKSTEP_MIN_RING)
        continue;
      if (self->ring_of[root] < 0)
        {
          ring = g_new0 (Ring, 1);
          ring->members = g_array_new (FALSE, FALSE, sizeof (guint));
          ring->days = g_array_new (FALSE, FALSE, sizeof (gint32));
          self->ring_of[root] = (gint32) self->rings->len;
          g_ptr_array_add (self->rings, ring);
        }
      self->ring_of[i] = self->ring_of[root];
      ring = g_ptr_array_index (self->rings, self->ring_of[i]);
      g_array_append_val (ring->members, i);
    }
  collect_ring_days (self);
}

/* ---- the truth document -------------------------------------------------- */

enum
{
  BREAKS_CONCENTRATION = 1 << 0,
  BREAKS_GROWTH        = 1 << 1,
  BREAKS_RING          = 1 << 2,
};

static int
compare_quarter_stats (gconstpointer a,
                       gconstpointer b)
{
  const QuarterStat *x = a, *y = b;

  if (x->account != y->account)
    return x->account < y->account ? -1 : 1;
  return (x->quarter > y->quarter) - (x->quarter < y->quarter);
}

static int
compare_growth_hits (gconstpointer a,
                     gconstpointer b)
{
  const GrowthHit *x = a, *y = b;

  if (x->account != y->account)
    return x->account < y->account ? -1 : 1;
  return (x->day > y->day) - (x->day < y->day);
}

static gboolean
conc_is_planted (AssayGenerator    *self,
                 const QuarterStat *stat)
{
  const Account *a = &self->accounts[stat->account];
  const ConcPlan *plan;

  if (a->role != ROLE_CONCENTRATION && a->role != ROLE_CONSECUTIVE)
    return FALSE;
  plan = &g_array_index (self->conc_plans, ConcPlan, a->plan);
  return stat->dim == a->focus
         && (stat->quarter == plan->quarter || (plan->consecutive && stat->quarter == plan->quarter + 1));
}

static gboolean
has_conc_hit (AssayGenerator *self,
              guint           account,
              guint           quarter,
              guint           dim)
{
  for (guint k = 0; k < self->conc_hits->len; k++)
    {
      const QuarterStat *s = &g_array_index (self->conc_hits, QuarterStat, k);

      if (s->account == account && s->quarter == quarter && s->dim == dim)
        return TRUE;
    }
  return FALSE;
}

static void
add_account (JsonBuilder    *b,
             AssayGenerator *self,
             guint           index)
{
  json_builder_add_string_value (b, self->accounts[index].name);
}

static void
add_member (JsonBuilder    *b,
            const char     *name,
            const char     *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_double (JsonBuilder *b,
            const char  *name,
            double       value)
{
  /* Four decimals are enough to read; the integers beside it are exact. */
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, round (value * 10000.0) / 10000.0);
}

static void
add_role (JsonBuilder    *b,
          AssayGenerator *self,
          guint           index,
          gboolean        planted)
{
  add_member (b, "role", role_ids[self->accounts[index].role]);
  add_bool (b, "planted", planted);
}

static void
begin_accounts (JsonBuilder *b)
{
  json_builder_set_member_name (b, "accounts");
  json_builder_begin_array (b);
}

static void
add_days (JsonBuilder    *b,
          AssayGenerator *self,
          const char     *name,
          const gint32   *days,
          guint           n)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_string_value (b, self->days[days[i]].date);
  json_builder_end_array (b);
}

static void
truth_header (AssayGenerator *self,
              JsonBuilder    *b)
{
  guint kinds[ASSAY_N_ACCOUNT_KINDS] = { 0 };

  for (guint i = 0; i < self->n_accounts; i++)
    kinds[self->accounts[i].kind]++;

  add_member (b, "format", "assay-pilot-truth/1");
  json_builder_set_member_name (b, "parameters");
  json_builder_begin_object (b);
  add_int (b, "accounts", self->params.n_accounts);
  add_int (b, "months", self->params.n_months);
  /* A JSON number cannot carry every 64-bit seed exactly. */
  json_builder_set_member_name (b, "seed");
  if (self->params.seed <= G_MAXINT64)
    json_builder_add_int_value (b, (gint64) self->params.seed);
  else
    {
      char text[24];

      g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, self->params.seed);
      json_builder_add_string_value (b, text);
    }
  add_member (b, "start", self->days[0].date);
  add_member (b, "end", self->days[self->n_days - 1].date);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  add_int (b, "lines", (gint64) self->n_lines);
  add_int (b, "events", (gint64) self->n_events);
  add_int (b, "redemptions", (gint64) self->n_redemptions);
  for (guint k = 0; k < ASSAY_N_ACCOUNT_KINDS; k++)
    add_int (b, kind_ids[k], kinds[k]);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "definitions");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "concentration");
  json_builder_begin_object (b);
  add_int (b, "threshold_percent", CONC_PERCENT);
  add_int (b, "min_quarter_total", CONC_MIN_TOTAL);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "growth");
  json_builder_begin_object (b);
  add_int (b, "window_days", 7);
  add_int (b, "threshold_percent", GROWTH_PERCENT);
  add_int (b, "min_prior_total", GROWTH_MIN_PRIOR);
  add_int (b, "min_history_days", GROWTH_MIN_HISTORY);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "county_spike");
  json_builder_begin_object (b);
  add_int (b, "window_days", SPIKE_WINDOW);
  add_int (b, "multiplier", SPIKE_MULTIPLIER);
  add_int (b, "min_requests", SPIKE_MIN_REQUESTS);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "lockstep");
  json_builder_begin_object (b);
  add_int (b, "min_common", LOCKSTEP_MIN_COMMON);
  add_double (b, "min_jaccard", 0.5);
  add_int (b, "min_ring_size", LOCKSTEP_MIN_RING);
  json_builder_end_object (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "quarters");
  json_builder_begin_array (b);
  for (guint q = 0; q < self->n_quarters; q++)
    {
      json_builder_begin_object (b);
      add_member (b, "id", self->quarters[q].id);
      add_member (b, "first", self->days[self->quarters[q].first].date);
      add_member (b, "last", self->days[self->quarters[q].last].date);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
truth_concentration (AssayGenerator *self,
                     JsonBuilder    *b,
                     guint8         *breaks)
{
  g_autoptr(GArray) sorted = g_array_copy (self->conc_hits);

  json_builder_set_member_name (b, "concentration");
  json_builder_begin_array (b);
  for (guint k = 0; k < self->conc_hits->len; k++)
    {
      const QuarterStat *s = &g_array_index (self->conc_hits, QuarterStat, k);

      breaks[s->account] |= BREAKS_CONCENTRATION;
      json_builder_begin_object (b);
      add_member (b, "account", self->accounts[s->account].name);
      add_member (b, "quarter", self->quarters[s->quarter].id);
      add_member (b, "dimension", dimension_ids[s->dim]);
      add_int (b, "points", s->points);
      add_int (b, "total", s->total);
      add_double (b, "share", (double) s->points / (double) s->total);
      add_role (b, self, s->account, conc_is_planted (self, s));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  g_array_sort (sorted, compare_quarter_stats);
  json_builder_set_member_name (b, "consecutive");
  json_builder_begin_array (b);
  for (guint k = 0; k + 1 < sorted->len; k++)
    {
      const QuarterStat *s = &g_array_index (sorted, QuarterStat, k);
      const QuarterStat *t = &g_array_index (sorted, QuarterStat, k + 1);
      const Account *a = &self->accounts[s->account];

      if (t->account != s->account || t->quarter != s->quarter + 1 || t->dim != s->dim)
        continue;
      json_builder_begin_object (b);
      add_member (b, "account", a->name);
      add_member (b, "dimension", dimension_ids[s->dim]);
      json_builder_set_member_name (b, "quarters");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, self->quarters[s->quarter].id);
      json_builder_add_string_value (b, self->quarters[t->quarter].id);
      json_builder_end_array (b);
      add_role (b, self, s->account,
                a->role == ROLE_CONSECUTIVE && conc_is_planted (self, s) && conc_is_planted (self, t));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
truth_growth (AssayGenerator *self,
              JsonBuilder    *b,
              guint8         *breaks)
{
  const GrowthHit *hits;
  guint n = self->growth_hits->len;

  g_array_sort (self->growth_hits, compare_growth_hits);
  hits = (const GrowthHit *) (void *) self->growth_hits->data;
  json_builder_set_member_name (b, "growth");
  json_builder_begin_array (b);
  for (guint g = 0, e; g < n; g = e)
    {
      guint account = hits[g].account;

      breaks[account] |= BREAKS_GROWTH;
      json_builder_begin_object (b);
      add_member (b, "account", self->accounts[account].name);
      json_builder_set_member_name (b, "days");
      json_builder_begin_array (b);
      for (e = g; e < n && hits[e].account == account; e++)
        json_builder_add_string_value (b, self->days[hits[e].day].date);
      json_builder_end_array (b);
      add_role (b, self, account, self->accounts[account].role == ROLE_GROWTH);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static gboolean
spike_is_planted (AssayGenerator *self,
                  guint           county,
                  gint32          day)
{
  for (guint k = 0; k < self->spike_plans->len; k++)
    {
      const SpikePlan *plan = &g_array_index (self->spike_plans, SpikePlan, k);

      if (plan->county == county && plan->day == day)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_spike (AssayGenerator *self,
          guint           county,
          gint32          day,
          gint64         *out_prior)
{
  const guint32 *counts = &self->requests[county * self->n_days];
  gint64 prior = 0;

  if (day < SPIKE_WINDOW)
    return FALSE;
  for (gint32 d = day - SPIKE_WINDOW; d < day; d++)
    prior += counts[d];
  *out_prior = prior;
  return counts[day] >= SPIKE_MIN_REQUESTS
         && (gint64) SPIKE_WINDOW * counts[day] > (gint64) SPIKE_MULTIPLIER * prior;
}

static void
truth_spikes (AssayGenerator *self,
              JsonBuilder    *b)
{
  json_builder_set_member_name (b, "county_spikes");
  json_builder_begin_array (b);
  for (gint32 day = 0; day < (gint32) self->n_days; day++)
    for (guint c = 0; c < N_COUNTIES; c++)
      {
        gint64 prior;

        if (!is_spike (self, c, day, &prior))
          continue;
        json_builder_begin_object (b);
        add_member (b, "county", counties[c].code);
        add_member (b, "day", self->days[day].date);
        add_int (b, "requests", self->requests[c * self->n_days + day]);
        add_int (b, "prior_sum", prior);
        add_bool (b, "planted", spike_is_planted (self, c, day));
        json_builder_end_object (b);
      }
  json_builder_end_array (b);
}

static gboolean
ring_contains_plan (AssayGenerator *self,
                    guint           r)
{
  for (guint k = 0; k < self->ring_plans->len; k++)
    {
      const RingPlan *plan = &g_array_index (self->ring_plans, RingPlan, k);
      gboolean all = TRUE;

      for (guint m = 0; m < plan->n; m++)
        all &= self->ring_of[plan->members[m]] == (gint32) r;
      if (all)
        return TRUE;
    }
  return FALSE;
}

static void
truth_rings (AssayGenerator *self,
             JsonBuilder    *b,
             guint8         *breaks)
{
  json_builder_set_member_name (b, "rings");
  json_builder_begin_array (b);
  for (guint r = 0; r < self->rings->len; r++)
    {
      const Ring *ring = g_ptr_array_index (self->rings, r);
      guint first = g_array_index (ring->members, guint, 0);
      gboolean mixed = FALSE;

      json_builder_begin_object (b);
      begin_accounts (b);
      for (guint m = 0; m < ring->members->len; m++)
        {
          guint index = g_array_index (ring->members, guint, m);

          breaks[index] |= BREAKS_RING;
          mixed |= self->accounts[index].role != self->accounts[first].role;
          add_account (b, self, index);
        }
      json_builder_end_array (b);
      add_days (b, self, "days", (const gint32 *) (void *) ring->days->data, ring->days->len);
      add_member (b, "role", mixed ? "mixed" : role_ids[self->accounts[first].role]);
      add_bool (b, "planted", ring_contains_plan (self, r));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static gboolean
begin_planted (JsonBuilder *b,
               const char  *rule,
               gboolean     verified,
               guint       *n_unverified)
{
  json_builder_begin_object (b);
  add_member (b, "rule", rule);
  add_bool (b, "verified", verified);
  if (!verified)
    (*n_unverified)++;
  return verified;
}

static void
truth_planted_concentration (AssayGenerator *self,
                             JsonBuilder    *b)
{
  for (guint k = 0; k < self->conc_plans->len; k++)
    {
      const ConcPlan *plan = &g_array_index (self->conc_plans, ConcPlan, k);
      const Account *a = &self->accounts[plan->account];
      gboolean verified = has_conc_hit (self, plan->account, plan->quarter, a->focus)
                          && (!plan->consecutive || has_conc_hit (self, plan->account, plan->quarter + 1, a->focus));

      begin_planted (b, plan->consecutive ? "consecutive" : "concentration", verified, &self->n_unverified);
      begin_accounts (b);
      add_account (b, self, plan->account);
      json_builder_end_array (b);
      add_member (b, "dimension", dimension_ids[a->focus]);
      json_builder_set_member_name (b, "quarters");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, self->quarters[plan->quarter].id);
      if (plan->consecutive)
        json_builder_add_string_value (b, self->quarters[plan->quarter + 1].id);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
}

static void
truth_planted_growth (AssayGenerator *self,
                      JsonBuilder    *b)
{
  for (guint k = 0; k < self->growth_plans->len; k++)
    {
      const GrowthPlan *plan = &g_array_index (self->growth_plans, GrowthPlan, k);
      gboolean verified = FALSE;

      for (guint h = 0; h < self->growth_hits->len && plan->first >= 0; h++)
        {
          const GrowthHit *hit = &g_array_index (self->growth_hits, GrowthHit, h);

          verified |= hit->account == plan->account && hit->day >= plan->first && hit->day <= plan->last + 6;
        }
      begin_planted (b, "growth", verified, &self->n_unverified);
      begin_accounts (b);
      add_account (b, self, plan->account);
      json_builder_end_array (b);
      if (plan->first >= 0)
        {
          add_member (b, "first", self->days[plan->first].date);
          add_member (b, "last", self->days[plan->last].date);
          add_int (b, "burst_points", plan->emitted);
        }
      json_builder_end_object (b);
    }
}

static void
truth_planted_rings (AssayGenerator *self,
                     JsonBuilder    *b)
{
  for (guint k = 0; k < self->ring_plans->len; k++)
    {
      const RingPlan *plan = &g_array_index (self->ring_plans, RingPlan, k);
      gint32 r = self->ring_of[plan->members[0]];
      g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (gint32));
      gboolean verified = r >= 0;

      for (guint m = 1; m < plan->n; m++)
        verified &= self->ring_of[plan->members[m]] == r;
      for (gint32 d = plan->first; d <= plan->last; d++)
        if (self->days[d].weekday == plan->weekday_a || self->days[d].weekday == plan->weekday_b)
          g_array_append_val (days, d);

      begin_planted (b, "ring", verified, &self->n_unverified);
      begin_accounts (b);
      for (guint m = 0; m < plan->n; m++)
        add_account (b, self, plan->members[m]);
      json_builder_end_array (b);
      add_member (b, "county", counties[plan->county].code);
      add_days (b, self, "days", (const gint32 *) (void *) days->data, days->len);
      json_builder_end_object (b);
    }
}

static void
truth_planted_spikes (AssayGenerator *self,
                      JsonBuilder    *b)
{
  for (guint k = 0; k < self->spike_plans->len; k++)
    {
      const SpikePlan *plan = &g_array_index (self->spike_plans, SpikePlan, k);
      gint64 prior;

      begin_planted (b, "county_spike", is_spike (self, plan->county, plan->day, &prior), &self->n_unverified);
      add_member (b, "county", counties[plan->county].code);
      add_member (b, "day", self->days[plan->day].date);
      json_builder_end_object (b);
    }
}

/* The largest share any quarter reached, among quarters the rule applies to. */
static double
max_share (AssayGenerator *self,
           guint           account)
{
  double best = 0;

  for (guint k = 0; k < self->special_stats->len; k++)
    {
      const QuarterStat *s = &g_array_index (self->special_stats, QuarterStat, k);

      if (s->account == account && s->total >= CONC_MIN_TOTAL)
        best = MAX (best, (double) s->points / (double) s->total);
    }
  return best;
}

static void
begin_decoy (AssayGenerator *self,
             JsonBuilder    *b,
             const char     *kind,
             const guint    *members,
             guint           n,
             const guint8   *breaks)
{
  gboolean verified = TRUE;

  for (guint m = 0; m < n; m++)
    verified &= breaks[members[m]] == 0;
  if (!verified)
    self->n_unverified++;
  json_builder_begin_object (b);
  add_member (b, "kind", kind);
  add_bool (b, "verified", verified);
  begin_accounts (b);
  for (guint m = 0; m < n; m++)
    add_account (b, self, members[m]);
  json_builder_end_array (b);
}

static void
truth_decoys (AssayGenerator *self,
              JsonBuilder    *b,
              const guint8   *breaks,
              const GArray   *pairs)
{
  json_builder_set_member_name (b, "decoys");
  json_builder_begin_array (b);
  for (guint k = 0; k < self->specialists->len; k++)
    {
      guint index = g_array_index (self->specialists, guint, k);

      begin_decoy (self, b, "specialist", &index, 1, breaks);
      add_member (b, "dimension", dimension_ids[self->accounts[index].focus]);
      add_double (b, "max_share", max_share (self, index));
      json_builder_end_object (b);
    }
  for (guint k = 0; k < self->household_plans->len; k++)
    {
      const HouseholdPlan *plan = &g_array_index (self->household_plans, HouseholdPlan, k);
      guint most = 0;

      for (guint x = 0; x < plan->n; x++)
        for (guint y = x + 1; y < plan->n; y++)
          most = MAX (most, pair_common (pairs, plan->members[x], plan->members[y]));
      begin_decoy (self, b, "household", plan->members, plan->n, breaks);
      add_days (b, self, "days", plan->days, plan->n_days);
      add_int (b, "max_common", most);
      json_builder_end_object (b);
    }
  for (guint k = 0; k < self->steadies->len; k++)
    {
      guint index = g_array_index (self->steadies, guint, k);

      begin_decoy (self, b, "steady", &index, 1, breaks);
      add_double (b, "max_growth_ratio", self->accounts[index].max_growth);
      add_int (b, "total", self->accounts[index].total);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
build_truth (AssayGenerator *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree guint8 *breaks = g_new0 (guint8, self->n_accounts);
  g_autoptr(GArray) pairs = co_occurrences (self);

  find_rings (self, pairs);

  json_builder_begin_object (b);
  truth_header (self, b);
  truth_concentration (self, b, breaks);
  truth_growth (self, b, breaks);
  truth_spikes (self, b);
  truth_rings (self, b, breaks);

  json_builder_set_member_name (b, "planted");
  json_builder_begin_array (b);
  truth_planted_concentration (self, b);
  truth_planted_growth (self, b);
  truth_planted_rings (self, b);
  truth_planted_spikes (self, b);
  json_builder_end_array (b);

  truth_decoys (self, b, breaks, pairs);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  self->truth = json_generator_to_data (generator, NULL);
}

/* ---- GObject ------------------------------------------------------------- */

static void
assay_generator_finalize (GObject *object)
{
  AssayGenerator *self = ASSAY_GENERATOR (object);

  for (guint c = 0; c < N_COUNTIES; c++)
    {
      g_clear_pointer (&self->by_county[c], g_array_unref);
      g_clear_pointer (&self->orgs_by_county[c], g_array_unref);
      for (guint t = 0; t < N_TEMPLATES; t++)
        g_free (self->issuers[c][t]);
      for (guint i = 0; i < N_ITEMS; i++)
        g_free (self->providers[c][i]);
    }
  g_free (self->days);
  g_free (self->quarters);
  g_free (self->accounts);
  g_clear_pointer (&self->conc_plans, g_array_unref);
  g_clear_pointer (&self->growth_plans, g_array_unref);
  g_clear_pointer (&self->ring_plans, g_array_unref);
  g_clear_pointer (&self->household_plans, g_array_unref);
  g_clear_pointer (&self->spike_plans, g_array_unref);
  g_clear_pointer (&self->specialists, g_array_unref);
  g_clear_pointer (&self->steadies, g_array_unref);
  g_clear_pointer (&self->cs_keys, g_array_unref);
  g_clear_pointer (&self->conc_hits, g_array_unref);
  g_clear_pointer (&self->special_stats, g_array_unref);
  g_clear_pointer (&self->growth_hits, g_array_unref);
  for (guint s = 0; s < 7; s++)
    g_clear_pointer (&self->active[s], g_array_unref);
  g_clear_pointer (&self->rings, g_ptr_array_unref);
  g_clear_pointer (&self->checksum, g_checksum_free);
  if (self->buf != NULL)
    g_string_free (self->buf, TRUE);
  g_free (self->requests);
  g_free (self->ring_of);
  g_free (self->truth);

  G_OBJECT_CLASS (assay_generator_parent_class)->finalize (object);
}

static void
assay_generator_class_init (AssayGeneratorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = assay_generator_finalize;
}

static void
assay_generator_init (AssayGenerator *self)
{
  self->conc_plans = g_array_new (FALSE, TRUE, sizeof (ConcPlan));
  self->growth_plans = g_array_new (FALSE, TRUE, sizeof (GrowthPlan));
  self->ring_plans = g_array_new (FALSE, TRUE, sizeof (RingPlan));
  self->household_plans = g_array_new (FALSE, TRUE, sizeof (HouseholdPlan));
  self->spike_plans = g_array_new (FALSE, TRUE, sizeof (SpikePlan));
  self->specialists = g_array_new (FALSE, FALSE, sizeof (guint));
  self->steadies = g_array_new (FALSE, FALSE, sizeof (guint));
  self->cs_keys = g_array_new (FALSE, FALSE, sizeof (CsKey));
  self->conc_hits = g_array_new (FALSE, FALSE, sizeof (QuarterStat));
  self->special_stats = g_array_new (FALSE, FALSE, sizeof (QuarterStat));
  self->growth_hits = g_array_new (FALSE, FALSE, sizeof (GrowthHit));
  for (guint s = 0; s < 7; s++)
    self->active[s] = g_array_new (FALSE, FALSE, sizeof (guint));
  self->rings = g_ptr_array_new_with_free_func (ring_free);
  self->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  self->buf = g_string_sized_new (FLUSH_SIZE + 4096);
}

/* ---- public API ---------------------------------------------------------- */

void
assay_generator_params_init_default (AssayGeneratorParams *params)
{
  GDate date;

  g_return_if_fail (params != NULL);

  g_date_clear (&date, 1);
  g_date_set_parse (&date, ASSAY_GENERATOR_DEFAULT_START);
  params->n_accounts = ASSAY_GENERATOR_DEFAULT_ACCOUNTS;
  params->n_months = ASSAY_GENERATOR_DEFAULT_MONTHS;
  params->seed = ASSAY_GENERATOR_DEFAULT_SEED;
  params->start_day = g_date_get_julian (&date);
}

gboolean
assay_generator_params_validate (const AssayGeneratorParams  *params,
                                 GError                     **error)
{
  GDate date;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (params->n_accounts < ASSAY_GENERATOR_MIN_ACCOUNTS || params->n_accounts > ASSAY_GENERATOR_MAX_ACCOUNTS)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The number of accounts must be between %u and %u (the planted cases need room)."),
                   ASSAY_GENERATOR_MIN_ACCOUNTS, ASSAY_GENERATOR_MAX_ACCOUNTS);
      return FALSE;
    }
  if (params->n_months < ASSAY_GENERATOR_MIN_MONTHS || params->n_months > ASSAY_GENERATOR_MAX_MONTHS)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The number of months must be between %u and %u (two consecutive quarters must fit)."),
                   ASSAY_GENERATOR_MIN_MONTHS, ASSAY_GENERATOR_MAX_MONTHS);
      return FALSE;
    }
  if (!g_date_valid_julian (params->start_day))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The start date is not a valid date."));
      return FALSE;
    }
  g_date_clear (&date, 1);
  g_date_set_julian (&date, params->start_day);
  if (g_date_get_year (&date) < ASSAY_GENERATOR_MIN_START_YEAR || g_date_get_year (&date) > ASSAY_GENERATOR_MAX_START_YEAR)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The start date must be in the years %d to %d, which the holiday calendar covers."),
                   ASSAY_GENERATOR_MIN_START_YEAR, ASSAY_GENERATOR_MAX_START_YEAR);
      return FALSE;
    }
  return TRUE;
}

AssayGenerator *
assay_generator_new (const AssayGeneratorParams  *params,
                     GError                     **error)
{
  AssayGenerator *self;

  g_return_val_if_fail (params != NULL, NULL);

  if (!assay_generator_params_validate (params, error))
    return NULL;

  self = g_object_new (ASSAY_TYPE_GENERATOR, NULL);
  self->params = *params;
  rng_seed (&self->rng, params->seed);
  setup_calendar (self);
  setup_accounts (self);
  plant (self);
  return self;
}

gboolean
assay_generator_run (AssayGenerator  *self,
                     GOutputStream   *out,
                     GCancellable    *cancellable,
                     GError         **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (ASSAY_IS_GENERATOR (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (!self->ran, FALSE);

  self->ran = TRUE;
  self->out = out;
  self->cancellable = cancellable;
  self->requests = g_new0 (guint32, N_COUNTIES * self->n_days);

  for (gint32 day = 0; ok && day < (gint32) self->n_days; day++)
    ok = generate_day (self, day, error);
  ok = ok && flush_lines (self, TRUE, error);
  self->out = NULL;
  self->cancellable = NULL;
  if (!ok)
    return FALSE;

  build_truth (self);
  return TRUE;
}

guint64
assay_generator_get_n_lines (AssayGenerator *self)
{
  g_return_val_if_fail (ASSAY_IS_GENERATOR (self), 0);

  return self->n_lines;
}

char *
assay_generator_dup_truth (AssayGenerator *self)
{
  g_return_val_if_fail (ASSAY_IS_GENERATOR (self), NULL);
  g_return_val_if_fail (self->truth != NULL, NULL);

  return g_strdup (self->truth);
}

guint
assay_generator_get_n_unverified (AssayGenerator *self)
{
  g_return_val_if_fail (ASSAY_IS_GENERATOR (self), 0);

  return self->n_unverified;
}
