/* assay-entry.c — ledger entry bodies: validation and commitments
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

#include "assay-entry.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "assay-county.h"
#include "assay-day.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-json-scan.h"
#include "assay-sha256.h"

/* Every member name any kind uses; the scan maps keys to these. */
typedef enum
{
  F_KIND,
  F_ACCOUNT,
  F_ACCOUNT_KIND,
  F_DIMENSION,
  F_TIER,
  F_POINTS,
  F_EVENT_DATE,
  F_PUBLICATION_DATE,
  F_COUNTY,
  F_ISSUER,
  F_DISTRIBUTOR,
  F_RULE,
  F_ACTIVITY,
  F_CONFIRMER,
  F_EVIDENCE,
  F_ITEM,
  F_REQUEST,
  F_ERASED,
  F_ISSUED,
  F_ENVELOPE,
  F_LOGGED,
  F_FLAG,
  F_RULE_SET,
  F_SUBJECT_KIND,
  F_SUBJECT,
  F_MEMBERS,
  F_FROM,
  F_TO,
  F_CHECKPOINT_SIZE,
  F_CHECKPOINT_ROOT,
  F_FILED,
  F_FILING,
  F_AGAINST,
  F_REASON,
  F_ENTRIES,
  F_CLAIMANT,
  F_CLAIMANT_STATEMENT,
  F_RESPONDENT,
  F_RESPONDENT_STATEMENT,
  F_SILENCE,
  F_PROJECT,
  F_EXPERTS,
  F_HONEST_RECORD,
  F_GOOD_FAITH,
  F_RULED_OUT,
  F_COMPARABLE_VALUE,
  F_BENEFIT,
  F_VENTURE,
  F_YEAR,
  F_CHILD_ACCOUNT,
  N_FIELDS
} Field;

/* One bit of `present` per field: more than 32 of them. */
G_STATIC_ASSERT (N_FIELDS <= 64);
#define BIT(f) (G_GUINT64_CONSTANT (1) << (f))

typedef struct
{
  AssayJsonToken values[N_FIELDS];
  guint64        present;
} Members;

static const char * const field_names[N_FIELDS] = {
  "kind", "account", "account_kind", "dimension", "tier", "points", "event_date",
  "publication_date", "county", "issuer", "distributor", "rule", "activity",
  "confirmer", "evidence", "item", "request", "erased", "issued", "envelope", "logged",
  "flag", "rule_set", "subject_kind", "subject", "members", "from", "to", "checkpoint_size",
  "checkpoint_root", "filed", "filing", "against", "reason", "entries", "claimant",
  "claimant_statement", "respondent", "respondent_statement", "silence", "project", "experts",
  "honest_record", "good_faith", "ruled_out", "comparable_value", "benefit", "venture", "year",
  "child_account",
};

/* What every filing has (README "Filings"). */
#define FILING_FIELDS (BIT (F_KIND) | BIT (F_ACCOUNT) | BIT (F_ACCOUNT_KIND) | BIT (F_COUNTY) | \
                       BIT (F_FILED) | BIT (F_FILING))

static const guint64 kind_fields[] = {
  [ASSAY_ENTRY_EVENT] = BIT (F_KIND) | BIT (F_ACCOUNT) | BIT (F_ACCOUNT_KIND) |
                        BIT (F_DIMENSION) | BIT (F_POINTS) | BIT (F_EVENT_DATE) |
                        BIT (F_PUBLICATION_DATE) | BIT (F_COUNTY) | BIT (F_ISSUER) |
                        BIT (F_DISTRIBUTOR) | BIT (F_RULE) | BIT (F_ACTIVITY) |
                        BIT (F_CONFIRMER) | BIT (F_EVIDENCE),
  [ASSAY_ENTRY_REDEMPTION] = BIT (F_KIND) | BIT (F_ACCOUNT) | BIT (F_ACCOUNT_KIND) |
                             BIT (F_TIER) | BIT (F_POINTS) | BIT (F_EVENT_DATE) |
                             BIT (F_PUBLICATION_DATE) | BIT (F_COUNTY) |
                             BIT (F_DISTRIBUTOR) | BIT (F_ITEM) | BIT (F_REQUEST),
  [ASSAY_ENTRY_TOMBSTONE] = BIT (F_KIND) | BIT (F_ERASED) | BIT (F_ISSUED),
  [ASSAY_ENTRY_ROSTER] = BIT (F_KIND) | BIT (F_ENVELOPE) | BIT (F_LOGGED),
  [ASSAY_ENTRY_DECISION] = BIT (F_KIND) | BIT (F_ENVELOPE) | BIT (F_LOGGED),
  [ASSAY_ENTRY_PAUSE] = BIT (F_KIND) | BIT (F_FLAG) | BIT (F_RULE_SET) | BIT (F_RULE) |
                        BIT (F_SUBJECT_KIND) | BIT (F_SUBJECT) | BIT (F_MEMBERS) |
                        BIT (F_FROM) | BIT (F_TO) | BIT (F_CHECKPOINT_SIZE) |
                        BIT (F_CHECKPOINT_ROOT) | BIT (F_LOGGED),
  [ASSAY_ENTRY_APPEAL] = FILING_FIELDS | BIT (F_AGAINST) | BIT (F_REASON),
  [ASSAY_ENTRY_DISPUTE] = FILING_FIELDS | BIT (F_ENTRIES) | BIT (F_CLAIMANT) |
                          BIT (F_CLAIMANT_STATEMENT) | BIT (F_RESPONDENT) |
                          BIT (F_RESPONDENT_STATEMENT),
  [ASSAY_ENTRY_SILENCE] = FILING_FIELDS | BIT (F_FROM) | BIT (F_TO),
  [ASSAY_ENTRY_FORGET_REQUEST] = FILING_FIELDS | BIT (F_SILENCE),
  [ASSAY_ENTRY_FAILURE_CLAIM] = FILING_FIELDS | BIT (F_PROJECT) | BIT (F_EXPERTS) |
                                BIT (F_HONEST_RECORD) | BIT (F_GOOD_FAITH) | BIT (F_RULED_OUT) |
                                BIT (F_COMPARABLE_VALUE) | BIT (F_POINTS),
  [ASSAY_ENTRY_INSURANCE_CLAIM] = FILING_FIELDS | BIT (F_BENEFIT) | BIT (F_VENTURE),
  [ASSAY_ENTRY_EDUCATION_TRANSFER] = FILING_FIELDS | BIT (F_YEAR) | BIT (F_POINTS) |
                                     BIT (F_CHILD_ACCOUNT),
};
G_STATIC_ASSERT (G_N_ELEMENTS (kind_fields) == ASSAY_N_ENTRY_KINDS);

/* The parser's own copy of the enums' nicks (the ids), for a lookup by
 * token without a GEnumClass on every body; test-entry checks that they
 * agree with the registered enums.  Everything else goes by the nicks. */
static const char * const kind_ids[] = {
  "event", "redemption", "tombstone", "roster", "decision", "pause", "appeal", "dispute",
  "silence", "forget_request", "failure_claim", "insurance_claim", "education_transfer",
};
G_STATIC_ASSERT (G_N_ELEMENTS (kind_ids) == ASSAY_N_ENTRY_KINDS);
static const char * const pause_subject_ids[] = { "account", "county", "ring" };
static const char * const payload_types[] = {
  [ASSAY_ENTRY_ROSTER] = ASSAY_ROSTER_PAYLOAD_TYPE,
  [ASSAY_ENTRY_DECISION] = ASSAY_DECISION_PAYLOAD_TYPE,
};
static const char * const dimension_ids[] = {
  "professional", "knowledge", "community", "ecological", "data", "market_order",
};
static const char * const account_kind_ids[] = { "individual", "enterprise", "organization" };
static const char * const tier_ids[] = { "basic", "development", "resource", "honour" };
static const char * const benefit_ids[] = { "social_security", "retraining", "credit_repair" };
G_STATIC_ASSERT (G_N_ELEMENTS (benefit_ids) == ASSAY_N_BENEFITS);

static const char * const dimension_labels[] = {
  N_("Professional"), N_("Knowledge sharing"), N_("Community service"),
  N_("Ecological"), N_("Data"), N_("Market order"),
};
static const char * const tier_labels[] = {
  N_("Basic"), N_("Development"), N_("Resource"), N_("Honour"),
};
/* Article Z's wording: 社保缓冲期延长, 再就业培训补贴上浮, 信用记录修复优先通道. */
static const char * const benefit_labels[] = {
  N_("Longer social security buffer"), N_("Higher retraining subsidy"),
  N_("Priority credit record repair"),
};
static const char * const kind_labels[] = {
  N_("Event"), N_("Redemption"), N_("Erasure"), N_("Roster"), N_("Decision"), N_("Pause"),
  N_("Appeal"), N_("Recognition dispute"), N_("Silence"), N_("Forget request"),
  N_("Failure claim"), N_("Failure insurance claim"), N_("Education transfer"),
};
G_STATIC_ASSERT (G_N_ELEMENTS (kind_labels) == ASSAY_N_ENTRY_KINDS);

/* The largest integer every JSON implementation reads exactly (I-JSON). */
#define MAX_LEAF_INDEX G_GUINT64_CONSTANT (9007199254740991)
#define MAX_RULE_INPUTS 16
#define MAX_POINTS 1000000

static const char *
json_error_reason (AssayJsonScanError error)
{
  switch (error)
    {
    case ASSAY_JSON_SCAN_TRUNCATED: return _("the text ends too early");
    case ASSAY_JSON_SCAN_UNEXPECTED: return _("unexpected character");
    case ASSAY_JSON_SCAN_NUMBER: return _("malformed number");
    case ASSAY_JSON_SCAN_CONTROL: return _("unescaped control character in a string");
    case ASSAY_JSON_SCAN_ESCAPE: return _("invalid escape sequence");
    case ASSAY_JSON_SCAN_SURROGATE: return _("unpaired UTF-16 surrogate in a \\u escape");
    case ASSAY_JSON_SCAN_UTF8: return _("invalid UTF-8");
    case ASSAY_JSON_SCAN_DEPTH: return _("nested too deeply");
    case ASSAY_JSON_SCAN_TRAILING: return _("extra data after the end of the object");
    case ASSAY_JSON_SCAN_ARENA:
    case ASSAY_JSON_SCAN_OK:
    default:
      return _("internal error");
    }
}

static void
set_syntax_error (const char              *body,
                  gsize                    len,
                  const AssayJsonScanner  *scanner,
                  GError                 **error)
{
  const char *bad = NULL;

  /* Say "not UTF-8" for bytes outside strings too, where the scanner
   * only sees an unexpected character. */
  if (!g_utf8_validate_len (body, len, &bad) && *bad != '\0')
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("Entry body is not valid UTF-8 (byte %zu)."),
                   (gsize) (bad - body));
      return;
    }
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("Entry body is not valid JSON: %s at byte %zu."),
               json_error_reason (scanner->error), scanner->error_offset);
}

G_GNUC_PRINTF (3, 4)
static gboolean
field_error (GError     **error,
             const char  *field,
             const char  *format,
             ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "field “points”: must be …" */
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("field “%s”: %s"), field, reason);
  return FALSE;
}

/* A member name quoted in a message: at most 64 characters, controls
 * shown as '?', so that a hostile key cannot garble the message. */
static char *
printable_name (const char *s,
                gsize       len)
{
  GString *out = g_string_sized_new (MIN (len, 256));
  const char *end = s + len;
  guint n = 0;

  while (s < end && n < 64)
    {
      gunichar c = g_utf8_get_char (s);
      const char *next = g_utf8_next_char (s);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, '?');
      else
        g_string_append_len (out, s, next - s);
      s = next;
      n++;
    }
  if (s < end)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static const guint8 field_name_lengths[N_FIELDS] = {
  4, 7, 12, 9, 4, 6, 10, 16, 6, 6, 11, 4, 8, 9, 8, 4, 7, 6, 6, 8, 6,
  4, 8, 12, 7, 7, 4, 2, 15, 15, 5, 6, 7, 6, 7, 8, 18, 10, 20, 7, 7, 7, 13, 10, 9, 16, 7, 7,
  4, 13,
};

static int
field_lookup (const char *key,
              gsize       len)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (field_name_lengths[i] == len && memcmp (field_names[i], key, len) == 0)
      return i;
  return -1;
}

static gboolean
token_equals (const AssayJsonToken *token,
              const char           *s)
{
  gsize len = strlen (s);

  return token->len == len && memcmp (token->str, s, len) == 0;
}

/* The index of the string token in @ids, or -1. */
static int
token_to_id (const AssayJsonToken *token,
             const char * const   *ids,
             guint                 n_ids)
{
  if (token->type != ASSAY_JSON_STRING)
    return -1;
  for (guint i = 0; i < n_ids; i++)
    if (token_equals (token, ids[i]))
      return i;
  return -1;
}

/* First pass: syntax, member names, duplicates.  A syntax error anywhere
 * wins over an unknown or repeated name, so the first problem the scan
 * meets among those is only reported once the whole text is known to be
 * JSON. */
static gboolean
scan_members (AssayJsonScanner  *scanner,
              const char        *body,
              gsize              len,
              Members           *members,
              GError           **error)
{
  AssayJsonToken key;
  AssayJsonToken bad_key = { 0 };
  gboolean bad_is_duplicate = FALSE;
  gboolean more;

  members->present = 0;
  if (!assay_json_scanner_enter (scanner, FALSE, &more))
    goto syntax;

  while (more)
    {
      AssayJsonToken value;
      int f;

      if (!assay_json_scanner_key (scanner, &key) ||
          !assay_json_scanner_value (scanner, &value))
        goto syntax;
      if ((value.type == ASSAY_JSON_OBJECT || value.type == ASSAY_JSON_ARRAY) &&
          !assay_json_scanner_skip (scanner))
        goto syntax;

      f = field_lookup (key.str, key.len);
      if (bad_key.str == NULL && (f < 0 || (members->present & BIT (f))))
        {
          bad_key = key;
          bad_is_duplicate = f >= 0;
        }
      else if (f >= 0)
        {
          members->values[f] = value;
          members->present |= BIT (f);
        }

      if (!assay_json_scanner_next (scanner, FALSE, &more))
        goto syntax;
    }
  if (!assay_json_scanner_finish (scanner))
    goto syntax;

  if (bad_key.str != NULL)
    {
      g_autofree char *name = printable_name (bad_key.str, bad_key.len);

      return field_error (error, name, "%s",
                          bad_is_duplicate ? _("appears more than once")
                                           : _("unknown field"));
    }
  return TRUE;

syntax:
  /* Only a top-level value other than an object makes valid JSON fail. */
  if (assay_json_validate (body, len, NULL, NULL))
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                 _("Entry body must be a JSON object."));
  else
    set_syntax_error (body, len, scanner, error);
  return FALSE;
}

static const AssayJsonToken *
require (const Members  *members,
         Field           f,
         GError        **error)
{
  if (!(members->present & BIT (f)))
    {
      field_error (error, field_names[f], "%s", _("missing"));
      return NULL;
    }
  return &members->values[f];
}

/* Character classes of the id-like fields.  The checks AND the classes of
 * all characters instead of branching on each one: ids are short and
 * random, and mispredicted branches would cost more than the loop. */
enum
{
  CLASS_ACCOUNT = 1 << 0,  /* a-z 0-9 - */
  CLASS_RULE    = 1 << 1,  /* a-z 0-9 _ . - */
  CLASS_WIDE    = 1 << 2,  /* A-Z a-z 0-9 : _ . - */
  CLASS_HEX     = 1 << 3,  /* 0-9 a-f */
};

static const guint8 char_class[256] = {
  ['0' ... '9'] = CLASS_ACCOUNT | CLASS_RULE | CLASS_WIDE | CLASS_HEX,
  ['a' ... 'f'] = CLASS_ACCOUNT | CLASS_RULE | CLASS_WIDE | CLASS_HEX,
  ['g' ... 'z'] = CLASS_ACCOUNT | CLASS_RULE | CLASS_WIDE,
  ['A' ... 'Z'] = CLASS_WIDE,
  ['-'] = CLASS_ACCOUNT | CLASS_RULE | CLASS_WIDE,
  ['_'] = CLASS_RULE | CLASS_WIDE,
  ['.'] = CLASS_RULE | CLASS_WIDE,
  [':'] = CLASS_WIDE,
};

static inline gboolean
all_in_class (const char *s,
              gsize       len,
              guint8      class)
{
  guint8 common = 0xff;

  for (gsize i = 0; i < len; i++)
    common &= char_class[(guchar) s[i]];
  return (common & class) != 0;
}

static gboolean
is_account_id (const char *s,
               gsize       len)
{
  return len >= 4 && len <= 64 && s[0] != '-' && all_in_class (s, len, CLASS_ACCOUNT);
}

/* 1–64 characters of [a-z0-9_.-] (rule ids) or, with @wide, of
 * [A-Za-z0-9:_.-] (activity and request ids, input names). */
static gboolean
is_short_id (const char *s,
             gsize       len,
             gboolean    wide)
{
  return len >= 1 && len <= 64 && all_in_class (s, len, wide ? CLASS_WIDE : CLASS_RULE);
}

/* Text of 1 to @max_chars characters (code points), none of them a
 * control character (Unicode category Cc: U+0000–U+001F, U+007F–U+009F)
 * except, with @newlines, U+000A.  The scanner already guarantees UTF-8.
 * @name is the field the message names. */
static gboolean
check_text (const AssayJsonToken  *token,
            const char            *name,
            guint                  max_chars,
            gboolean               newlines,
            GError               **error)
{
  const guchar *s = (const guchar *) token->str;
  gsize n_chars = 0;

  if (token->type != ASSAY_JSON_STRING)
    return field_error (error, name, "%s", _("must be a string"));
  for (gsize i = 0; i < token->len; i++)
    {
      if ((s[i] < 0x20 && !(newlines && s[i] == '\n')) || s[i] == 0x7f ||
          (s[i] == 0xc2 && i + 1 < token->len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f))
        return field_error (error, name, "%s",
                            newlines ? _("must not contain control characters other than newline")
                                     : _("must not contain control characters"));
      if ((s[i] & 0xc0) != 0x80)
        n_chars++;
    }
  if (n_chars < 1 || n_chars > max_chars)
    return field_error (error, name, _("must be 1 to %u characters long"), max_chars);
  return TRUE;
}

/* Free-text names (issuer, distributor, item, experts): 1–128 characters. */
#define MAX_NAME_CHARS 128

static gboolean
check_free_text (const AssayJsonToken  *token,
                 Field                  f,
                 GError               **error)
{
  return check_text (token, field_names[f], MAX_NAME_CHARS, FALSE, error);
}

static gboolean
check_account (const AssayJsonToken  *token,
               Field                  f,
               GError               **error)
{
  if (token->type != ASSAY_JSON_STRING || !is_account_id (token->str, token->len))
    return field_error (error, field_names[f], "%s",
                        _("must be an account id: 4 to 64 characters of a-z, 0-9 and “-”, "
                          "starting with a letter or digit"));
  return TRUE;
}

static int
check_enum (const AssayJsonToken  *token,
            Field                  f,
            const char * const    *ids,
            guint                  n_ids,
            GError               **error)
{
  int id = token_to_id (token, ids, n_ids);

  if (id < 0)
    {
      g_autoptr(GString) list = g_string_new (ids[0]);

      /* The id tables have no NULL at their end: join exactly n_ids. */
      for (guint i = 1; i < n_ids; i++)
        g_string_append_printf (list, ", %s", ids[i]);
      field_error (error, field_names[f], _("must be one of %s"), list->str);
    }
  return id;
}

static gboolean
check_date (const AssayJsonToken  *token,
            Field                  f,
            guint32               *out,
            GError               **error)
{
  if (token->type == ASSAY_JSON_STRING && assay_day_parse (token->str, token->len, out))
    return TRUE;
  if (token->type != ASSAY_JSON_STRING || !assay_day_is_well_formed (token->str, token->len))
    return field_error (error, field_names[f], "%s", _("must be a date written YYYY-MM-DD"));
  return field_error (error, field_names[f], _("%.10s is not a day of the calendar"), token->str);
}

static gboolean
check_county (const AssayJsonToken  *token,
              char                   out[7],
              GError               **error)
{
  const char *s = token->str;

  switch (token->type == ASSAY_JSON_STRING ? assay_county_check (s, token->len)
                                           : ASSAY_COUNTY_MALFORMED)
    {
    case ASSAY_COUNTY_VALID:
      memcpy (out, s, 6);
      out[6] = '\0';
      return TRUE;
    case ASSAY_COUNTY_UNKNOWN_PROVINCE:
      return field_error (error, "county", _("%.6s does not start with a GB/T 2260 province code"), s);
    case ASSAY_COUNTY_NOT_A_COUNTY:
      return field_error (error, "county", _("%.6s is not a county: its last two digits are 00"), s);
    case ASSAY_COUNTY_MALFORMED:
    default:
      return field_error (error, "county", "%s", _("must be a six-digit GB/T 2260 county code"));
    }
}

/* An integer written without fraction or exponent, within ±@max. */
static gboolean
token_to_int (const AssayJsonToken *token,
              gint64                max,
              gint64               *out)
{
  const char *s = token->str;
  gsize i = 0;
  gint64 value = 0;

  if (token->type != ASSAY_JSON_NUMBER || !token->integer)
    return FALSE;
  if (s[0] == '-')
    i++;
  /* 18 digits cannot overflow a gint64. */
  if (token->len - i > 18)
    return FALSE;
  for (; i < token->len; i++)
    value = value * 10 + (s[i] - '0');
  if (value > max)
    return FALSE;
  *out = s[0] == '-' ? -value : value;
  return TRUE;
}

static gboolean
check_dates (const Members  *members,
             AssayEntry     *entry,
             GError        **error)
{
  const AssayJsonToken *t;
  int delay;

  if (!(t = require (members, F_EVENT_DATE, error)) ||
      !check_date (t, F_EVENT_DATE, &entry->event_day, error) ||
      !(t = require (members, F_PUBLICATION_DATE, error)) ||
      !check_date (t, F_PUBLICATION_DATE, &entry->publication_day, error))
    return FALSE;

  /* Julian days of years 1–9999 stay far inside an int. */
  delay = (int) entry->publication_day - (int) entry->event_day;
  if (delay < 7 || delay > 30)
    return field_error (error, "publication_date",
                        _("must be 7 to 30 days after event_date, not %d"), delay);
  return TRUE;
}

/* The account and its kind: events, redemptions and filings. */
static gboolean
check_account_members (const Members  *members,
                       AssayEntry     *entry,
                       GError        **error)
{
  const AssayJsonToken *t;
  int id;

  if (!(t = require (members, F_ACCOUNT, error)) ||
      !check_account (t, F_ACCOUNT, error))
    return FALSE;
  entry->account = g_strndup (t->str, t->len);

  if (!(t = require (members, F_ACCOUNT_KIND, error)) ||
      (id = check_enum (t, F_ACCOUNT_KIND, account_kind_ids,
                        G_N_ELEMENTS (account_kind_ids), error)) < 0)
    return FALSE;
  entry->account_kind = id;
  return TRUE;
}

/* What events and redemptions share. */
static gboolean
check_common (const Members  *members,
              AssayEntry     *entry,
              GError        **error)
{
  const AssayJsonToken *t;

  if (!check_account_members (members, entry, error) ||
      !check_dates (members, entry, error) ||
      !(t = require (members, F_COUNTY, error)) ||
      !check_county (t, entry->county, error))
    return FALSE;

  if (!(t = require (members, F_DISTRIBUTOR, error)) ||
      !check_free_text (t, F_DISTRIBUTOR, error))
    return FALSE;
  entry->distributor = g_strndup (t->str, t->len);
  return TRUE;
}

static gboolean
check_wide_id (const Members  *members,
               Field           f,
               char          **out,
               GError        **error)
{
  const AssayJsonToken *t;

  if (!(t = require (members, f, error)))
    return FALSE;
  if (t->type != ASSAY_JSON_STRING || !is_short_id (t->str, t->len, TRUE))
    return field_error (error, field_names[f], "%s",
                        _("must be 1 to 64 characters of A-Z, a-z, 0-9, “:”, “_”, “.” and “-”"));
  *out = g_strndup (t->str, t->len);
  return TRUE;
}

/* JSON cannot write NaN or infinity, but 1e999 overflows a double. */
static gboolean
is_finite_number (const AssayJsonToken *token)
{
  char buf[64];
  g_autofree char *heap = NULL;
  const char *text = buf;

  if (token->type != ASSAY_JSON_NUMBER)
    return FALSE;
  /* Without an exponent, fewer than 300 digits stay below DBL_MAX. */
  if (token->len < 300 && !memchr (token->str, 'e', token->len) &&
      !memchr (token->str, 'E', token->len))
    return TRUE;
  if (token->len < sizeof buf)
    {
      memcpy (buf, token->str, token->len);
      buf[token->len] = '\0';
    }
  else
    text = heap = g_strndup (token->str, token->len);
  return isfinite (g_ascii_strtod (text, NULL));
}

static gboolean
input_error (GError               **error,
             const AssayJsonToken  *name,
             const char            *reason)
{
  g_autofree char *printable = printable_name (name->str, name->len);
  g_autofree char *path = g_strconcat ("rule.inputs.", printable, NULL);

  return field_error (error, path, "%s", reason);
}

/* Reads the inputs object at the scanner into @compact, which has room
 * for the object as written: names and numbers are copied as written,
 * only whitespace is dropped (a name with escapes only gets shorter). */
static gboolean
check_rule_inputs (AssayJsonScanner  *scanner,
                   char              *compact,
                   GError           **error)
{
  AssayJsonToken names[MAX_RULE_INPUTS];
  char *out = compact;
  guint n = 0;
  gboolean more;

  /* The document is known to be valid JSON: the scanner cannot fail. */
  if (!assay_json_scanner_enter (scanner, FALSE, &more))
    g_assert_not_reached ();
  *out++ = '{';
  while (more)
    {
      AssayJsonToken key, value;

      if (!assay_json_scanner_key (scanner, &key) ||
          !assay_json_scanner_value (scanner, &value))
        g_assert_not_reached ();

      if (!is_short_id (key.str, key.len, TRUE))
        return input_error (error, &key,
                            _("input names must be 1 to 64 characters of A-Z, a-z, 0-9, "
                              "“:”, “_”, “.” and “-”"));
      for (guint i = 0; i < n; i++)
        if (names[i].len == key.len && memcmp (names[i].str, key.str, key.len) == 0)
          return input_error (error, &key, _("appears more than once"));
      if (n == MAX_RULE_INPUTS)
        return field_error (error, "rule.inputs", "%s", _("has more than 16 inputs"));
      names[n++] = key;
      if (!is_finite_number (&value))
        return input_error (error, &key, _("must be a finite number"));

      if (n > 1)
        *out++ = ',';
      *out++ = '"';
      memcpy (out, key.str, key.len);
      out += key.len;
      *out++ = '"';
      *out++ = ':';
      memcpy (out, value.str, value.len);
      out += value.len;

      if (!assay_json_scanner_next (scanner, FALSE, &more))
        g_assert_not_reached ();
    }
  *out++ = '}';
  *out = '\0';
  return TRUE;
}

/* Reads the inputs object at the scanner into a new string. */
static gboolean
read_rule_inputs (AssayJsonScanner      *scanner,
                  const AssayJsonToken  *value,
                  char                 **out,
                  GError               **error)
{
  g_autofree char *compact = NULL;
  gsize written_len;

  if (value->type != ASSAY_JSON_OBJECT)
    return field_error (error, "rule.inputs", "%s",
                        _("must be an object of at most 16 named numbers"));

  if (!assay_json_scanner_skip (scanner))
    g_assert_not_reached ();
  written_len = (scanner->p - scanner->start) - value->offset;
  assay_json_scanner_seek (scanner, value->offset);

  compact = g_malloc (written_len + 1);
  if (!check_rule_inputs (scanner, compact, error))
    return FALSE;
  *out = g_steal_pointer (&compact);
  return TRUE;
}

static gboolean
check_rule (AssayJsonScanner      *scanner,
            const AssayJsonToken  *token,
            AssayEntry            *entry,
            GError               **error)
{
  gboolean more;

  if (token->type != ASSAY_JSON_OBJECT)
    return field_error (error, "rule", "%s",
                        _("must be an object {\"id\": …, \"inputs\": {…}}"));

  assay_json_scanner_seek (scanner, token->offset);
  if (!assay_json_scanner_enter (scanner, FALSE, &more))
    g_assert_not_reached ();
  while (more)
    {
      AssayJsonToken key, value;

      if (!assay_json_scanner_key (scanner, &key) ||
          !assay_json_scanner_value (scanner, &value))
        g_assert_not_reached ();

      if (token_equals (&key, "id") && entry->rule_id == NULL)
        {
          if (value.type != ASSAY_JSON_STRING || !is_short_id (value.str, value.len, FALSE))
            return field_error (error, "rule.id", "%s",
                                _("must be 1 to 64 characters of a-z, 0-9, “_”, “.” and “-”"));
          entry->rule_id = g_strndup (value.str, value.len);
        }
      else if (token_equals (&key, "inputs") && entry->rule_inputs == NULL)
        {
          if (!read_rule_inputs (scanner, &value, &entry->rule_inputs, error))
            return FALSE;
        }
      else
        {
          g_autofree char *name = printable_name (key.str, key.len);
          g_autofree char *path = g_strconcat ("rule.", name, NULL);
          gboolean known = token_equals (&key, "id") || token_equals (&key, "inputs");

          return field_error (error, path, "%s",
                              known ? _("appears more than once") : _("unknown field"));
        }

      if (!assay_json_scanner_next (scanner, FALSE, &more))
        g_assert_not_reached ();
    }

  if (entry->rule_id == NULL)
    return field_error (error, "rule.id", "%s", _("missing"));
  if (entry->rule_inputs == NULL)
    return field_error (error, "rule.inputs", "%s", _("missing"));
  return TRUE;
}

static gboolean
check_confirmer (const Members  *members,
                 AssayEntry     *entry,
                 GError        **error)
{
  const AssayJsonToken *t;

  if (!(t = require (members, F_CONFIRMER, error)))
    return FALSE;
  if (t->type != ASSAY_JSON_NULL)
    {
      if (t->type != ASSAY_JSON_STRING || !is_account_id (t->str, t->len))
        return field_error (error, "confirmer", "%s",
                            _("must be null or an account id: 4 to 64 characters of a-z, 0-9 "
                              "and “-”, starting with a letter or digit"));
      entry->confirmer = g_strndup (t->str, t->len);
    }

  if (g_strcmp0 (entry->rule_id, "community") != 0)
    return TRUE;
  if (entry->confirmer == NULL)
    return field_error (error, "confirmer", "%s",
                        _("required by the community rule: the account id of who confirmed "
                          "the service"));
  if (strcmp (entry->confirmer, entry->account) == 0)
    return field_error (error, "confirmer", "%s",
                        _("must not be the account itself"));
  return TRUE;
}

static gboolean
check_evidence (const Members  *members,
                AssayEntry     *entry,
                GError        **error)
{
  const AssayJsonToken *t;

  if (!(t = require (members, F_EVIDENCE, error)))
    return FALSE;
  if (t->type == ASSAY_JSON_STRING && t->len == 64 && all_in_class (t->str, 64, CLASS_HEX))
    {
      memcpy (entry->evidence, t->str, 64);
      entry->evidence[64] = '\0';
      return TRUE;
    }
  return field_error (error, "evidence", "%s",
                      _("must be 64 lowercase hexadecimal digits (the SHA-256 of the evidence)"));
}

static gboolean
check_event (AssayJsonScanner  *scanner,
             const Members     *members,
             AssayEntry        *entry,
             GError           **error)
{
  const AssayJsonToken *t;
  int id;

  if (!check_common (members, entry, error))
    return FALSE;

  if (!(t = require (members, F_DIMENSION, error)) ||
      (id = check_enum (t, F_DIMENSION, dimension_ids, G_N_ELEMENTS (dimension_ids), error)) < 0)
    return FALSE;
  entry->dimension = id;

  if (!(t = require (members, F_POINTS, error)))
    return FALSE;
  if (!token_to_int (t, MAX_POINTS, &entry->points) || entry->points == 0)
    return field_error (error, "points", "%s",
                        _("must be a non-zero integer between −1000000 and 1000000"));

  if (!(t = require (members, F_ISSUER, error)) ||
      !check_free_text (t, F_ISSUER, error))
    return FALSE;
  entry->issuer = g_strndup (t->str, t->len);

  return (t = require (members, F_RULE, error)) &&
         check_rule (scanner, t, entry, error) &&
         check_wide_id (members, F_ACTIVITY, &entry->activity, error) &&
         check_confirmer (members, entry, error) &&
         check_evidence (members, entry, error);
}

/* 1 … 1 000 000: a redemption's, a claim's or a transfer's points. */
static gboolean
check_positive_points (const Members  *members,
                       Field           f,
                       gint64         *out,
                       GError        **error)
{
  const AssayJsonToken *t = require (members, f, error);

  if (t == NULL)
    return FALSE;
  if (!token_to_int (t, MAX_POINTS, out) || *out < 1)
    return field_error (error, field_names[f], "%s", _("must be an integer between 1 and 1000000"));
  return TRUE;
}

static gboolean
check_redemption (const Members  *members,
                  AssayEntry     *entry,
                  GError        **error)
{
  const AssayJsonToken *t;
  int id;

  if (!check_common (members, entry, error))
    return FALSE;

  if (!(t = require (members, F_TIER, error)) ||
      (id = check_enum (t, F_TIER, tier_ids, G_N_ELEMENTS (tier_ids), error)) < 0)
    return FALSE;
  entry->tier = id;

  if (!check_positive_points (members, F_POINTS, &entry->points, error))
    return FALSE;

  if (!(t = require (members, F_ITEM, error)) ||
      !check_free_text (t, F_ITEM, error))
    return FALSE;
  entry->item = g_strndup (t->str, t->len);

  return check_wide_id (members, F_REQUEST, &entry->activity, error);
}

/* Leaf indices, ascending, without repeats: at least one, at most @max
 * (0: no limit).  A tombstone's erased entries, a dispute's entries. */
static gboolean
check_leaf_array (AssayJsonScanner      *scanner,
                  const AssayJsonToken  *token,
                  Field                  f,
                  guint                  max,
                  guint64              **out,
                  gsize                 *out_n,
                  GError               **error)
{
  g_autoptr(GArray) indices = NULL;
  g_autofree char *count_reason = NULL;
  gboolean more = FALSE;

  count_reason = max == 0 ? g_strdup (_("must be a non-empty array of leaf indices"))
                          : g_strdup_printf (_("must be an array of 1 to %u leaf indices"), max);
  if (token->type == ASSAY_JSON_ARRAY)
    {
      assay_json_scanner_seek (scanner, token->offset);
      if (!assay_json_scanner_enter (scanner, TRUE, &more))
        g_assert_not_reached ();
    }
  if (!more)
    return field_error (error, field_names[f], "%s", count_reason);

  indices = g_array_new (FALSE, FALSE, sizeof (guint64));
  while (more)
    {
      AssayJsonToken value;
      gint64 leaf;

      if (max != 0 && indices->len == max)
        return field_error (error, field_names[f], "%s", count_reason);
      if (!assay_json_scanner_value (scanner, &value))
        g_assert_not_reached ();
      if (!token_to_int (&value, MAX_LEAF_INDEX, &leaf) || value.str[0] == '-')
        return field_error (error, field_names[f], "%s",
                            _("each element must be a leaf index: an integer from 0 to "
                              "9007199254740991"));
      if (indices->len > 0 && (guint64) leaf <= g_array_index (indices, guint64, indices->len - 1))
        return field_error (error, field_names[f], "%s",
                            _("leaf indices must be in ascending order without repeats"));
      g_array_append_val (indices, leaf);

      /* A nested array or object failed above: the scanner is after a scalar. */
      if (!assay_json_scanner_next (scanner, TRUE, &more))
        g_assert_not_reached ();
    }

  *out_n = indices->len;
  *out = (guint64 *) (void *) g_array_free (g_steal_pointer (&indices), FALSE);
  return TRUE;
}

static gboolean
check_tombstone (AssayJsonScanner  *scanner,
                 const Members     *members,
                 AssayEntry        *entry,
                 GError           **error)
{
  const AssayJsonToken *t;

  return (t = require (members, F_ERASED, error)) &&
         check_leaf_array (scanner, t, F_ERASED, 0, &entry->erased, &entry->n_erased, error) &&
         (t = require (members, F_ISSUED, error)) &&
         check_date (t, F_ISSUED, &entry->issued_day, error);
}

/* ---- rosters and decisions: the DSSE envelope's shape ------------------------ */

typedef enum
{
  ENV_PAYLOAD_TYPE,
  ENV_PAYLOAD,
  ENV_SIGNATURES,
  N_ENV_MEMBERS
} EnvelopeMember;

static const char * const envelope_members[N_ENV_MEMBERS] = {
  "payloadType", "payload", "signatures",
};

#define ED25519_SIGNATURE_SIZE 64

static gboolean
member_error (GError               **error,
              const char            *prefix,
              const AssayJsonToken  *key,
              const char            *reason)
{
  g_autofree char *printable = printable_name (key->str, key->len);
  g_autofree char *path = g_strconcat (prefix, printable, NULL);

  return field_error (error, path, "%s", reason);
}

static int
base64_value (guchar c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

/* The decoded length of standard, padded base64 in its one canonical
 * spelling (the unused bits of the last character zero), as
 * g_base64_encode() writes it and the decisions layer reads it; -1 for
 * anything else, so that one envelope has one text. */
static gssize
base64_decoded_length (const AssayJsonToken *token)
{
  const char *s = token->str;
  gsize len = token->len;
  gsize pad = 0;

  if (token->type != ASSAY_JSON_STRING || len == 0 || len % 4 != 0)
    return -1;
  if (s[len - 1] == '=')
    pad = s[len - 2] == '=' ? 2 : 1;
  for (gsize i = 0; i < len - pad; i++)
    if (base64_value (s[i]) < 0)
      return -1;
  if ((pad == 1 && (base64_value (s[len - 2]) & 0x03) != 0) ||
      (pad == 2 && (base64_value (s[len - 3]) & 0x0f) != 0))
    return -1;
  return len / 4 * 3 - pad;
}

static const char * const signature_members[] = { "keyid", "sig" };

static gboolean
check_signature_member (guint                  m,
                        const AssayJsonToken  *value,
                        const char            *prefix,
                        GError               **error)
{
  g_autofree char *path = g_strconcat (prefix, signature_members[m], NULL);

  if (m == 0 && (value->type != ASSAY_JSON_STRING || value->len != 64 ||
                 !all_in_class (value->str, 64, CLASS_HEX)))
    return field_error (error, path, "%s",
                        _("must be 64 lowercase hexadecimal digits (the SHA-256 of the "
                          "signer's public key)"));
  if (m == 1 && base64_decoded_length (value) != ED25519_SIGNATURE_SIZE)
    return field_error (error, path, "%s",
                        _("must be the standard base64 of a 64-byte Ed25519 signature"));
  return TRUE;
}

/* One {"keyid", "sig"} object, the scanner at its '{'. */
static gboolean
check_signature (AssayJsonScanner  *scanner,
                 guint              i,
                 GError           **error)
{
  g_autofree char *prefix = g_strdup_printf ("envelope.signatures[%u].", i);
  gboolean seen[2] = { FALSE, FALSE };
  gboolean more;

  if (!assay_json_scanner_enter (scanner, FALSE, &more))
    g_assert_not_reached ();
  while (more)
    {
      AssayJsonToken key, value;
      int m;

      if (!assay_json_scanner_key (scanner, &key) ||
          !assay_json_scanner_value (scanner, &value))
        g_assert_not_reached ();
      m = token_equals (&key, "keyid") ? 0 : token_equals (&key, "sig") ? 1 : -1;
      if (m < 0 || seen[m])
        return member_error (error, prefix, &key,
                             m < 0 ? _("unknown field") : _("appears more than once"));
      seen[m] = TRUE;
      if (!check_signature_member (m, &value, prefix, error))
        return FALSE;
      if (!assay_json_scanner_next (scanner, FALSE, &more))
        g_assert_not_reached ();
    }
  for (guint m = 0; m < 2; m++)
    if (!seen[m])
      {
        g_autofree char *path = g_strconcat (prefix, signature_members[m], NULL);

        return field_error (error, path, "%s", _("missing"));
      }
  return TRUE;
}

/* The signatures array, the scanner at its '['.  Each element is read
 * where it stands: a second pass would decode its strings again, past
 * what the parser's arena holds. */
static gboolean
check_signatures (AssayJsonScanner      *scanner,
                  const AssayJsonToken  *token,
                  GError               **error)
{
  const char *count_reason = _("must be an array of 1 to 16 signatures");
  gboolean more;
  guint n = 0;

  if (token->type != ASSAY_JSON_ARRAY)
    return field_error (error, "envelope.signatures", "%s", count_reason);
  if (!assay_json_scanner_enter (scanner, TRUE, &more))
    g_assert_not_reached ();
  if (!more)
    return field_error (error, "envelope.signatures", "%s", count_reason);
  for (; more; n++)
    {
      AssayJsonToken value;

      if (n == ASSAY_ENVELOPE_MAX_SIGNATURES)
        return field_error (error, "envelope.signatures", "%s", count_reason);
      if (!assay_json_scanner_value (scanner, &value))
        g_assert_not_reached ();
      if (value.type != ASSAY_JSON_OBJECT)
        {
          g_autofree char *path = g_strdup_printf ("envelope.signatures[%u]", n);

          return field_error (error, path, "%s",
                              _("must be an object {\"keyid\": …, \"sig\": …}"));
        }
      if (!check_signature (scanner, n, error) ||
          !assay_json_scanner_next (scanner, TRUE, &more))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_envelope_member (AssayJsonScanner      *scanner,
                       EnvelopeMember         m,
                       const AssayJsonToken  *value,
                       AssayEntryKind         kind,
                       GError               **error)
{
  switch (m)
    {
    case ENV_PAYLOAD_TYPE:
      if (value->type != ASSAY_JSON_STRING || !token_equals (value, payload_types[kind]))
        return field_error (error, "envelope.payloadType", _("must be “%s” in “%s” entries"),
                            payload_types[kind], kind_ids[kind]);
      return TRUE;
    case ENV_PAYLOAD:
      if (base64_decoded_length (value) <= 0)
        return field_error (error, "envelope.payload", "%s",
                            _("must be a non-empty string of standard base64 with padding"));
      return TRUE;
    case ENV_SIGNATURES:
    case N_ENV_MEMBERS:
    default:
      return check_signatures (scanner, value, error);
    }
}

/* A DSSE envelope with exactly its three members; its text, as the body
 * writes it, goes into entry->envelope. */
static gboolean
check_envelope (AssayJsonScanner      *scanner,
                const AssayJsonToken  *token,
                AssayEntry            *entry,
                GError               **error)
{
  gboolean seen[N_ENV_MEMBERS] = { FALSE };
  gboolean more;

  if (token->type != ASSAY_JSON_OBJECT)
    return field_error (error, "envelope", "%s",
                        _("must be a DSSE envelope: an object {\"payloadType\": …, \"payload\": …, "
                          "\"signatures\": […]}"));

  assay_json_scanner_seek (scanner, token->offset);
  if (!assay_json_scanner_enter (scanner, FALSE, &more))
    g_assert_not_reached ();
  while (more)
    {
      AssayJsonToken key, value;
      int m = -1;

      if (!assay_json_scanner_key (scanner, &key) ||
          !assay_json_scanner_value (scanner, &value))
        g_assert_not_reached ();
      for (guint i = 0; i < N_ENV_MEMBERS; i++)
        if (token_equals (&key, envelope_members[i]))
          m = i;
      if (m < 0 || seen[m])
        return member_error (error, "envelope.", &key,
                             m < 0 ? _("unknown field") : _("appears more than once"));
      seen[m] = TRUE;
      /* A payload type or payload that is an object or array fails its
       * check at once, so nothing here needs skipping. */
      if (!check_envelope_member (scanner, m, &value, entry->kind, error))
        return FALSE;
      if (!assay_json_scanner_next (scanner, FALSE, &more))
        g_assert_not_reached ();
    }
  for (guint i = 0; i < N_ENV_MEMBERS; i++)
    if (!seen[i])
      {
        g_autofree char *path = g_strconcat ("envelope.", envelope_members[i], NULL);

        return field_error (error, path, "%s", _("missing"));
      }

  entry->envelope = g_strndup (scanner->start + token->offset,
                               (scanner->p - scanner->start) - token->offset);
  return TRUE;
}

static gboolean
check_signed (AssayJsonScanner  *scanner,
              const Members     *members,
              AssayEntry        *entry,
              GError           **error)
{
  const AssayJsonToken *t;

  return (t = require (members, F_ENVELOPE, error)) &&
         check_envelope (scanner, t, entry, error) &&
         (t = require (members, F_LOGGED, error)) &&
         check_date (t, F_LOGGED, &entry->logged_day, error);
}

/* ---- pauses: the service's breaker flags -------------------------------- */

static gboolean
check_hex64 (const Members  *members,
             Field           f,
             char            out[65],
             GError        **error)
{
  const AssayJsonToken *t = require (members, f, error);

  if (t == NULL)
    return FALSE;
  if (t->type != ASSAY_JSON_STRING || t->len != 64 || !all_in_class (t->str, 64, CLASS_HEX))
    return field_error (error, field_names[f], "%s",
                        _("must be 64 lowercase hexadecimal digits (a SHA-256)"));
  memcpy (out, t->str, 64);
  out[64] = '\0';
  return TRUE;
}

/* A ring's members: account ids in ascending byte order, no repeats, at
 * least two; an account's or county's: the empty array. */
static gboolean
check_members (AssayJsonScanner      *scanner,
               const AssayJsonToken  *token,
               AssayEntry            *entry,
               GError               **error)
{
  const char *reason = _("must be an array of account ids in ascending order without repeats: "
                         "at least two for a ring, none for an account or a county");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  gboolean more;

  if (token->type != ASSAY_JSON_ARRAY)
    return field_error (error, "members", "%s", reason);
  assay_json_scanner_seek (scanner, token->offset);
  if (!assay_json_scanner_enter (scanner, TRUE, &more))
    g_assert_not_reached ();
  while (more)
    {
      AssayJsonToken value;
      g_autofree char *id = NULL;

      if (!assay_json_scanner_value (scanner, &value))
        g_assert_not_reached ();
      if (value.type != ASSAY_JSON_STRING || !is_account_id (value.str, value.len))
        return field_error (error, "members", "%s", reason);
      id = g_strndup (value.str, value.len);
      if (ids->len > 0 && strcmp (g_ptr_array_index (ids, ids->len - 1), id) >= 0)
        return field_error (error, "members", "%s", reason);
      g_ptr_array_add (ids, g_steal_pointer (&id));
      if (!assay_json_scanner_next (scanner, TRUE, &more))
        g_assert_not_reached ();
    }
  if ((entry->pause_subject == ASSAY_PAUSE_SUBJECT_RING) != (ids->len >= 2) ||
      (entry->pause_subject != ASSAY_PAUSE_SUBJECT_RING && ids->len != 0))
    return field_error (error, "members", "%s", reason);
  g_ptr_array_add (ids, NULL);
  entry->members = (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
  return TRUE;
}

/* "ring-" and the first 16 hex digits of the SHA-256 of the members
 * joined by newlines, as the rules layer names a ring. */
static char *
ring_id_of (const char * const *members)
{
  g_autofree char *joined = g_strjoinv ("\n", (char **) members);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);

  return g_strdup_printf ("ring-%.16s", hash);
}

static gboolean
check_pause_subject (const Members  *members,
                     AssayEntry     *entry,
                     GError        **error)
{
  const AssayJsonToken *t = require (members, F_SUBJECT, error);
  g_autofree char *ring = NULL;

  if (t == NULL)
    return FALSE;
  if (t->type != ASSAY_JSON_STRING)
    return field_error (error, "subject", "%s", _("must be a string"));
  switch (entry->pause_subject)
    {
    case ASSAY_PAUSE_SUBJECT_ACCOUNT:
      if (!check_account (t, F_SUBJECT, error))
        return FALSE;
      break;
    case ASSAY_PAUSE_SUBJECT_COUNTY:
      if (assay_county_check (t->str, t->len) != ASSAY_COUNTY_VALID)
        return field_error (error, "subject", "%s",
                            _("must be a six-digit GB/T 2260 county code when “subject_kind” is "
                              "“county”"));
      break;
    case ASSAY_PAUSE_SUBJECT_RING:
    case ASSAY_N_PAUSE_SUBJECTS:
    default:
      ring = ring_id_of ((const char * const *) entry->members);
      if (!token_equals (t, ring))
        return field_error (error, "subject",
                            _("must be the ring id of its members, %s"), ring);
      break;
    }
  entry->subject = g_strndup (t->str, t->len);
  return TRUE;
}

static gboolean
check_checkpoint (const Members  *members,
                  AssayEntry     *entry,
                  GError        **error)
{
  const AssayJsonToken *t;
  gint64 size;
  gsize len = 0;
  g_autofree guchar *root = NULL;

  if (!(t = require (members, F_CHECKPOINT_SIZE, error)))
    return FALSE;
  if (!token_to_int (t, MAX_LEAF_INDEX, &size) || size < 1)
    return field_error (error, "checkpoint_size", "%s",
                        _("must be the size of a checkpoint: an integer from 1 to "
                          "9007199254740991"));
  entry->checkpoint_size = size;
  if (!(t = require (members, F_CHECKPOINT_ROOT, error)))
    return FALSE;
  if (base64_decoded_length (t) != ASSAY_HASH_SIZE)
    return field_error (error, "checkpoint_root", "%s",
                        _("must be the standard base64 of a 32-byte tree hash"));
  {
    g_autofree char *text = g_strndup (t->str, t->len);

    root = g_base64_decode (text, &len);
  }
  g_assert (len == ASSAY_HASH_SIZE);
  memcpy (entry->checkpoint_root, root, ASSAY_HASH_SIZE);
  return TRUE;
}

/* The flag id is a function of what the pause names (README, "Flags"):
 * a pause whose id is not that of its own rule, subject and period names
 * no flag at all. */
static gboolean
check_flag_id (AssayEntry  *entry,
               GError     **error)
{
  g_autofree char *first = assay_day_format (entry->pause_from);
  g_autofree char *last = assay_day_format (entry->pause_to);
  g_autofree char *bytes = g_strjoin ("\n", entry->rule_set, entry->rule_id,
                                      pause_subject_ids[entry->pause_subject], entry->subject,
                                      first, last, NULL);
  g_autofree char *id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, bytes, -1);

  if (strcmp (id, entry->flag) != 0)
    return field_error (error, "flag", _("must be the id of the flag the pause names, %s"), id);
  return TRUE;
}

static gboolean
check_pause (AssayJsonScanner  *scanner,
             const Members     *members,
             AssayEntry        *entry,
             GError           **error)
{
  const AssayJsonToken *t;
  int subject;

  if (!check_hex64 (members, F_FLAG, entry->flag, error) ||
      !check_hex64 (members, F_RULE_SET, entry->rule_set, error))
    return FALSE;
  if (!(t = require (members, F_RULE, error)))
    return FALSE;
  if (t->type != ASSAY_JSON_STRING || !is_short_id (t->str, t->len, FALSE))
    return field_error (error, "rule", "%s",
                        _("must be a rule id: 1 to 64 characters of a-z, 0-9, “_”, “.” and “-”"));
  entry->rule_id = g_strndup (t->str, t->len);
  if (!(t = require (members, F_SUBJECT_KIND, error)) ||
      (subject = check_enum (t, F_SUBJECT_KIND, pause_subject_ids,
                             G_N_ELEMENTS (pause_subject_ids), error)) < 0)
    return FALSE;
  entry->pause_subject = subject;
  if (!(t = require (members, F_MEMBERS, error)) ||
      !check_members (scanner, t, entry, error) ||
      !check_pause_subject (members, entry, error))
    return FALSE;
  if (!(t = require (members, F_FROM, error)) ||
      !check_date (t, F_FROM, &entry->pause_from, error) ||
      !(t = require (members, F_TO, error)) ||
      !check_date (t, F_TO, &entry->pause_to, error))
    return FALSE;
  if (entry->pause_to < entry->pause_from)
    return field_error (error, "to", "%s", _("must not be before “from”"));
  return check_checkpoint (members, entry, error) &&
         check_flag_id (entry, error) &&
         (t = require (members, F_LOGGED, error)) &&
         check_date (t, F_LOGGED, &entry->logged_day, error);
}

/* ---- filings: what participants and provinces file ------------------------ */

static gboolean
check_filing_text (const Members  *members,
                   Field           f,
                   char          **out,
                   GError        **error)
{
  const AssayJsonToken *t = require (members, f, error);

  if (t == NULL || !check_text (t, field_names[f], ASSAY_FILING_MAX_TEXT, TRUE, error))
    return FALSE;
  /* Control characters, NUL among them, were refused. */
  *out = g_strndup (t->str, t->len);
  return TRUE;
}

static gboolean
check_leaf (const Members  *members,
            Field           f,
            guint64        *out,
            GError        **error)
{
  const AssayJsonToken *t = require (members, f, error);
  gint64 leaf;

  if (t == NULL)
    return FALSE;
  if (!token_to_int (t, MAX_LEAF_INDEX, &leaf) || t->str[0] == '-')
    return field_error (error, field_names[f], "%s",
                        _("must be a leaf index: an integer from 0 to 9007199254740991"));
  *out = leaf;
  return TRUE;
}

static gboolean
check_boolean (const Members  *members,
               Field           f,
               gboolean       *out,
               GError        **error)
{
  const AssayJsonToken *t = require (members, f, error);

  if (t == NULL)
    return FALSE;
  if (t->type != ASSAY_JSON_TRUE && t->type != ASSAY_JSON_FALSE)
    return field_error (error, field_names[f], "%s", _("must be true or false"));
  *out = t->type == ASSAY_JSON_TRUE;
  return TRUE;
}

/* A two-digit GB/T 2260 province-level code: a dispute's parties. */
static gboolean
check_province (const Members  *members,
                Field           f,
                char            out[3],
                GError        **error)
{
  const AssayJsonToken *t = require (members, f, error);

  if (t == NULL)
    return FALSE;
  if (t->type != ASSAY_JSON_STRING || t->len != 2 ||
      !g_ascii_isdigit (t->str[0]) || !g_ascii_isdigit (t->str[1]) ||
      !assay_county_is_province_prefix ((t->str[0] - '0') * 10 + (t->str[1] - '0')))
    return field_error (error, field_names[f], "%s",
                        _("must be a two-digit GB/T 2260 province code, such as 31"));
  memcpy (out, t->str, 2);
  out[2] = '\0';
  return TRUE;
}

/* The experts who confirmed a failure: 1 to 16 free-text names, no name
 * twice. */
static gboolean
check_experts (AssayJsonScanner      *scanner,
               const AssayJsonToken  *token,
               AssayEntry            *entry,
               GError               **error)
{
  g_autofree char *count_reason = g_strdup_printf (_("must be an array of 1 to %u names"),
                                                   ASSAY_CLAIM_MAX_EXPERTS);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean more = FALSE;

  if (token->type == ASSAY_JSON_ARRAY)
    {
      assay_json_scanner_seek (scanner, token->offset);
      if (!assay_json_scanner_enter (scanner, TRUE, &more))
        g_assert_not_reached ();
    }
  if (!more)
    return field_error (error, "experts", "%s", count_reason);
  while (more)
    {
      AssayJsonToken value;
      g_autofree char *path = g_strdup_printf ("experts[%u]", names->len);

      if (names->len == ASSAY_CLAIM_MAX_EXPERTS)
        return field_error (error, "experts", "%s", count_reason);
      if (!assay_json_scanner_value (scanner, &value))
        g_assert_not_reached ();
      if (!check_text (&value, path, MAX_NAME_CHARS, FALSE, error))
        return FALSE;
      for (guint i = 0; i < names->len; i++)
        if (token_equals (&value, g_ptr_array_index (names, i)))
          return field_error (error, path, "%s", _("names an expert already named"));
      g_ptr_array_add (names, g_strndup (value.str, value.len));
      if (!assay_json_scanner_next (scanner, TRUE, &more))
        g_assert_not_reached ();
    }
  g_ptr_array_add (names, NULL);
  entry->experts = (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  return TRUE;
}

/* What every filing has; `filed` is both its event and publication day,
 * so that the service logs it once that day has come. */
static gboolean
check_filing_common (const Members  *members,
                     AssayEntry     *entry,
                     GError        **error)
{
  const AssayJsonToken *t;

  if (!check_account_members (members, entry, error) ||
      !(t = require (members, F_COUNTY, error)) ||
      !check_county (t, entry->county, error) ||
      !(t = require (members, F_FILED, error)) ||
      !check_date (t, F_FILED, &entry->event_day, error))
    return FALSE;
  entry->publication_day = entry->event_day;
  return check_wide_id (members, F_FILING, &entry->activity, error);
}

static gboolean
check_dispute (AssayJsonScanner  *scanner,
               const Members     *members,
               AssayEntry        *entry,
               GError           **error)
{
  const AssayJsonToken *t;

  if (!(t = require (members, F_ENTRIES, error)) ||
      !check_leaf_array (scanner, t, F_ENTRIES, ASSAY_DISPUTE_MAX_ENTRIES, &entry->disputed,
                         &entry->n_disputed, error) ||
      !check_province (members, F_CLAIMANT, entry->claimant, error) ||
      !check_filing_text (members, F_CLAIMANT_STATEMENT, &entry->text, error) ||
      !check_province (members, F_RESPONDENT, entry->respondent, error))
    return FALSE;
  if (strcmp (entry->claimant, entry->respondent) == 0)
    return field_error (error, "respondent", "%s", _("must not be the claimant’s province"));
  return check_filing_text (members, F_RESPONDENT_STATEMENT, &entry->respondent_statement, error);
}

static gboolean
check_silence (const Members  *members,
               AssayEntry     *entry,
               GError        **error)
{
  const AssayJsonToken *t;

  if (!(t = require (members, F_FROM, error)) ||
      !check_date (t, F_FROM, &entry->pause_from, error) ||
      !(t = require (members, F_TO, error)) ||
      !check_date (t, F_TO, &entry->pause_to, error))
    return FALSE;
  if (entry->pause_to < entry->pause_from)
    return field_error (error, "to", "%s", _("must not be before “from”"));
  if (entry->pause_from < entry->event_day)
    return field_error (error, "from", "%s", _("must not be before “filed”"));
  return TRUE;
}

static gboolean
check_failure_claim (AssayJsonScanner  *scanner,
                     const Members     *members,
                     AssayEntry        *entry,
                     GError           **error)
{
  const AssayJsonToken *t;

  return check_filing_text (members, F_PROJECT, &entry->text, error) &&
         (t = require (members, F_EXPERTS, error)) &&
         check_experts (scanner, t, entry, error) &&
         check_boolean (members, F_HONEST_RECORD, &entry->honest_record, error) &&
         check_boolean (members, F_GOOD_FAITH, &entry->good_faith, error) &&
         check_boolean (members, F_RULED_OUT, &entry->ruled_out, error) &&
         check_positive_points (members, F_COMPARABLE_VALUE, &entry->comparable_value, error) &&
         check_positive_points (members, F_POINTS, &entry->points, error);
}

static gboolean
check_insurance_claim (const Members  *members,
                       AssayEntry     *entry,
                       GError        **error)
{
  const AssayJsonToken *t;
  int id;

  if (!(t = require (members, F_BENEFIT, error)) ||
      (id = check_enum (t, F_BENEFIT, benefit_ids, G_N_ELEMENTS (benefit_ids), error)) < 0)
    return FALSE;
  entry->benefit = id;
  return check_filing_text (members, F_VENTURE, &entry->text, error);
}

static gboolean
check_education_transfer (const Members  *members,
                          AssayEntry     *entry,
                          GError        **error)
{
  const AssayJsonToken *t;
  guint filed_year, month, day;
  gint64 year;

  if (!(t = require (members, F_YEAR, error)))
    return FALSE;
  if (!token_to_int (t, 9999, &year) || year < 1)
    return field_error (error, "year", "%s", _("must be an integer between 1 and 9999"));
  assay_day_to_ymd (entry->event_day, &filed_year, &month, &day);
  if (year > filed_year)
    return field_error (error, "year", _("must not be after the year of “filed”, %u"), filed_year);
  entry->year = year;

  if (!check_positive_points (members, F_POINTS, &entry->points, error) ||
      !(t = require (members, F_CHILD_ACCOUNT, error)) ||
      !check_account (t, F_CHILD_ACCOUNT, error))
    return FALSE;
  entry->child_account = g_strndup (t->str, t->len);
  if (strcmp (entry->child_account, entry->account) == 0)
    return field_error (error, "child_account", "%s", _("must not be the filing’s own “account”"));
  return TRUE;
}

static gboolean
check_filing (AssayJsonScanner  *scanner,
              const Members     *members,
              AssayEntry        *entry,
              GError           **error)
{
  if (!check_filing_common (members, entry, error))
    return FALSE;
  switch (entry->kind)
    {
    case ASSAY_ENTRY_APPEAL:
      return check_leaf (members, F_AGAINST, &entry->target, error) &&
             check_filing_text (members, F_REASON, &entry->text, error);
    case ASSAY_ENTRY_DISPUTE:
      return check_dispute (scanner, members, entry, error);
    case ASSAY_ENTRY_SILENCE:
      return check_silence (members, entry, error);
    case ASSAY_ENTRY_FORGET_REQUEST:
      return check_leaf (members, F_SILENCE, &entry->target, error);
    case ASSAY_ENTRY_FAILURE_CLAIM:
      return check_failure_claim (scanner, members, entry, error);
    case ASSAY_ENTRY_INSURANCE_CLAIM:
      return check_insurance_claim (members, entry, error);
    case ASSAY_ENTRY_EDUCATION_TRANSFER:
      return check_education_transfer (members, entry, error);
    case ASSAY_ENTRY_EVENT:
    case ASSAY_ENTRY_REDEMPTION:
    case ASSAY_ENTRY_TOMBSTONE:
    case ASSAY_ENTRY_ROSTER:
    case ASSAY_ENTRY_DECISION:
    case ASSAY_ENTRY_PAUSE:
    case ASSAY_N_ENTRY_KINDS:
    default:
      g_assert_not_reached ();
    }
}

AssayEntry *
assay_entry_parse (const char  *body,
                   gsize        len,
                   GError     **error)
{
  /* One pass decodes at most len bytes of strings, the second pass over
   * an event's rule or a roster's or decision's envelope at most len
   * more. */
  char arena[2 * ASSAY_ENTRY_MAX_BODY];
  AssayJsonScanner scanner;
  Members members;
  g_autoptr(AssayEntry) entry = NULL;
  const AssayJsonToken *t;
  guint64 extra;
  gboolean ok;
  int kind;

  g_return_val_if_fail (body != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > ASSAY_ENTRY_MAX_BODY)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("Entry body is %zu bytes long; the limit is %d bytes."),
                   len, ASSAY_ENTRY_MAX_BODY);
      return NULL;
    }

  assay_json_scanner_init (&scanner, body, len, arena, sizeof arena);
  if (!scan_members (&scanner, body, len, &members, error))
    return NULL;

  if (!(t = require (&members, F_KIND, error)) ||
      (kind = check_enum (t, F_KIND, kind_ids, G_N_ELEMENTS (kind_ids), error)) < 0)
    return NULL;
  extra = members.present & ~kind_fields[kind];
  if (extra != 0)
    {
      Field first = 0;

      while (!(extra & BIT (first)))
        first++;
      field_error (error, field_names[first], _("not allowed in “%s” entries"), kind_ids[kind]);
      return NULL;
    }

  entry = g_new0 (AssayEntry, 1);
  entry->kind = kind;
  switch (entry->kind)
    {
    case ASSAY_ENTRY_EVENT:
      ok = check_event (&scanner, &members, entry, error);
      break;
    case ASSAY_ENTRY_REDEMPTION:
      ok = check_redemption (&members, entry, error);
      break;
    case ASSAY_ENTRY_TOMBSTONE:
      ok = check_tombstone (&scanner, &members, entry, error);
      break;
    case ASSAY_ENTRY_PAUSE:
      ok = check_pause (&scanner, &members, entry, error);
      break;
    case ASSAY_ENTRY_APPEAL:
    case ASSAY_ENTRY_DISPUTE:
    case ASSAY_ENTRY_SILENCE:
    case ASSAY_ENTRY_FORGET_REQUEST:
    case ASSAY_ENTRY_FAILURE_CLAIM:
    case ASSAY_ENTRY_INSURANCE_CLAIM:
    case ASSAY_ENTRY_EDUCATION_TRANSFER:
      ok = check_filing (&scanner, &members, entry, error);
      break;
    case ASSAY_ENTRY_ROSTER:
    case ASSAY_ENTRY_DECISION:
    case ASSAY_N_ENTRY_KINDS:
    default:
      ok = check_signed (&scanner, &members, entry, error);
      break;
    }
  return ok ? g_steal_pointer (&entry) : NULL;
}

gboolean
assay_entry_get_filing_leaf (const AssayEntry  *entry,
                             guint64           *out_leaf,
                             const char       **out_field)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  switch (entry->kind)
    {
    case ASSAY_ENTRY_APPEAL:
      *out_field = "against";
      *out_leaf = entry->target;
      return TRUE;
    case ASSAY_ENTRY_FORGET_REQUEST:
      *out_field = "silence";
      *out_leaf = entry->target;
      return TRUE;
    case ASSAY_ENTRY_DISPUTE:
      if (entry->n_disputed == 0)
        return FALSE;
      *out_field = "entries";
      *out_leaf = entry->disputed[entry->n_disputed - 1];
      return TRUE;
    case ASSAY_ENTRY_EVENT:
    case ASSAY_ENTRY_REDEMPTION:
    case ASSAY_ENTRY_TOMBSTONE:
    case ASSAY_ENTRY_ROSTER:
    case ASSAY_ENTRY_DECISION:
    case ASSAY_ENTRY_PAUSE:
    case ASSAY_ENTRY_SILENCE:
    case ASSAY_ENTRY_FAILURE_CLAIM:
    case ASSAY_ENTRY_INSURANCE_CLAIM:
    case ASSAY_ENTRY_EDUCATION_TRANSFER:
    case ASSAY_N_ENTRY_KINDS:
    default:
      return FALSE;
    }
}

gboolean
assay_entry_check_index (const AssayEntry  *entry,
                         guint64            index,
                         GError           **error)
{
  g_autofree char *leaf = NULL;
  g_autofree char *own = NULL;

  g_return_val_if_fail (entry != NULL, FALSE);

  if (entry->kind == ASSAY_ENTRY_PAUSE && entry->checkpoint_size > index)
    {
      own = g_strdup_printf ("%" G_GUINT64_FORMAT, index);
      leaf = g_strdup_printf ("%" G_GUINT64_FORMAT, entry->checkpoint_size);
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("field “checkpoint_size”: %s is past the pause’s own index %s"),
                   leaf, own);
      return FALSE;
    }
  if (ASSAY_ENTRY_KIND_IS_FILING (entry->kind))
    {
      const char *field = NULL;
      guint64 highest = 0;

      if (!assay_entry_get_filing_leaf (entry, &highest, &field) || highest < index)
        return TRUE;
      leaf = g_strdup_printf ("%" G_GUINT64_FORMAT, highest);
      own = g_strdup_printf ("%" G_GUINT64_FORMAT, index);
      /* TRANSLATORS: "field “against”: leaf 12 is not below the filing’s own index 10" */
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("field “%s”: leaf %s is not below the filing’s own index %s"),
                   field, leaf, own);
      return FALSE;
    }
  if (entry->kind != ASSAY_ENTRY_TOMBSTONE || entry->n_erased == 0 ||
      entry->erased[entry->n_erased - 1] < index)
    return TRUE;
  leaf = g_strdup_printf ("%" G_GUINT64_FORMAT, entry->erased[entry->n_erased - 1]);
  own = g_strdup_printf ("%" G_GUINT64_FORMAT, index);
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("field “erased”: leaf %s is not below the tombstone’s own index %s"),
               leaf, own);
  return FALSE;
}

void
assay_entry_free (AssayEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->account);
  g_free (entry->issuer);
  g_free (entry->distributor);
  g_free (entry->rule_id);
  g_free (entry->rule_inputs);
  g_free (entry->activity);
  g_free (entry->confirmer);
  g_free (entry->item);
  g_free (entry->erased);
  g_free (entry->envelope);
  g_free (entry->subject);
  g_strfreev (entry->members);
  g_free (entry->text);
  g_free (entry->respondent_statement);
  g_free (entry->disputed);
  g_strfreev (entry->experts);
  g_free (entry->child_account);
  g_free (entry);
}

void
assay_entry_commitment (const guint8  salt[ASSAY_SALT_SIZE],
                        const char   *body,
                        gsize         len,
                        guint8        out[ASSAY_HASH_SIZE])
{
  g_return_if_fail (salt != NULL);
  g_return_if_fail (body != NULL || len == 0);

  assay_sha256_two (salt, ASSAY_SALT_SIZE, body, len, out);
}

const char *
assay_entry_kind_to_id (AssayEntryKind kind)
{
  g_return_val_if_fail (kind < ASSAY_N_ENTRY_KINDS, NULL);
  return assay_enum_get_nick (ASSAY_TYPE_ENTRY_KIND, kind);
}

gboolean
assay_entry_kind_from_id (const char     *id,
                          AssayEntryKind *out)
{
  int value;

  if (!assay_enum_from_nick (ASSAY_TYPE_ENTRY_KIND, id, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

const char *
assay_dimension_to_id (AssayDimension dimension)
{
  g_return_val_if_fail (dimension < ASSAY_N_DIMENSIONS, NULL);
  return assay_enum_get_nick (ASSAY_TYPE_DIMENSION, dimension);
}

gboolean
assay_dimension_from_id (const char     *id,
                         AssayDimension *out)
{
  int value;

  if (!assay_enum_from_nick (ASSAY_TYPE_DIMENSION, id, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

const char *
assay_account_kind_to_id (AssayAccountKind kind)
{
  g_return_val_if_fail (kind < ASSAY_N_ACCOUNT_KINDS, NULL);
  return assay_enum_get_nick (ASSAY_TYPE_ACCOUNT_KIND, kind);
}

gboolean
assay_account_kind_from_id (const char       *id,
                            AssayAccountKind *out)
{
  int value;

  if (!assay_enum_from_nick (ASSAY_TYPE_ACCOUNT_KIND, id, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

const char *
assay_tier_to_id (AssayTier tier)
{
  g_return_val_if_fail (tier < ASSAY_N_TIERS, NULL);
  return assay_enum_get_nick (ASSAY_TYPE_TIER, tier);
}

gboolean
assay_tier_from_id (const char *id,
                    AssayTier  *out)
{
  int value;

  if (!assay_enum_from_nick (ASSAY_TYPE_TIER, id, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

const char *
assay_dimension_get_label (AssayDimension dimension)
{
  g_return_val_if_fail (dimension < ASSAY_N_DIMENSIONS, NULL);
  return _(dimension_labels[dimension]);
}

const char *
assay_tier_get_label (AssayTier tier)
{
  g_return_val_if_fail (tier < ASSAY_N_TIERS, NULL);
  return _(tier_labels[tier]);
}

const char *
assay_benefit_to_id (AssayBenefit benefit)
{
  g_return_val_if_fail (benefit < ASSAY_N_BENEFITS, NULL);
  return assay_enum_get_nick (ASSAY_TYPE_BENEFIT, benefit);
}

gboolean
assay_benefit_from_id (const char   *id,
                       AssayBenefit *out)
{
  int value;

  if (!assay_enum_from_nick (ASSAY_TYPE_BENEFIT, id, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

const char *
assay_benefit_get_label (AssayBenefit benefit)
{
  g_return_val_if_fail (benefit < ASSAY_N_BENEFITS, NULL);
  return _(benefit_labels[benefit]);
}

const char *
assay_entry_kind_get_label (AssayEntryKind kind)
{
  g_return_val_if_fail (kind < ASSAY_N_ENTRY_KINDS, NULL);
  return _(kind_labels[kind]);
}
