/* assay-decision.c — signed decisions: the payload, its builder and its reader
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
#include <sodium.h>
#include <string.h>

#include "assay-canonical-json.h"
#include "assay-decision.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-filing-route.h"
#include "assay-payload-private.h"
#include "assay-weights.h"

#define MAX_INT  ASSAY_CANONICAL_JSON_MAX_INTEGER
#define MAX_NAME 256

static void
entry_clear (gpointer p)
{
  AssayDecisionEntry *entry = p;

  g_free (entry->leaf);
}

AssayDecision *
assay_decision_new (void)
{
  AssayDecision *decision = g_new0 (AssayDecision, 1);

  decision->role = ASSAY_ROLE_COMMITTEE;
  decision->subject_seq = 1;
  decision->flags = g_ptr_array_new_with_free_func (g_free);
  decision->entries = g_array_new (FALSE, TRUE, sizeof (AssayDecisionEntry));
  g_array_set_clear_func (decision->entries, entry_clear);
  return decision;
}

void
assay_decision_free (AssayDecision *decision)
{
  if (decision == NULL)
    return;
  g_free (decision->deployment);
  g_free (decision->decision_id);
  g_free (decision->subject_id);
  g_free (decision->supersedes);
  g_clear_pointer (&decision->params, json_object_unref);
  g_free (decision->rationale);
  g_free (decision->rule_set_name);
  g_free (decision->rule_set_sha256);
  g_ptr_array_unref (decision->flags);
  g_array_unref (decision->entries);
  g_free (decision->entries_sha256);
  g_free (decision->checkpoint_origin);
  g_free (decision->roster_sha256);
  g_free (decision->author);
  g_free (decision);
}

void
assay_decision_add_flag (AssayDecision *decision,
                         const char    *flag_id)
{
  g_return_if_fail (decision != NULL && flag_id != NULL);
  g_ptr_array_add (decision->flags, g_strdup (flag_id));
}

void
assay_decision_add_entry (AssayDecision *decision,
                          gint64         index,
                          const char    *leaf)
{
  AssayDecisionEntry entry = { index, g_strdup (leaf) };

  g_return_if_fail (decision != NULL && leaf != NULL);
  g_array_append_val (decision->entries, entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const AssayDecisionEntry *x = a, *y = b;

  return (x->index > y->index) - (x->index < y->index);
}

/**
 * assay_decision_entries_digest:
 * @entries: (element-type AssayDecisionEntry): entries with their leaf hashes
 *
 * The digest that names @entries in a decision too large to list them
 * (README "Decisions"): SHA-256 over the entries in ascending index
 * order, each as its index in 8 bytes big-endian followed by its 32-byte
 * leaf hash.  Fixed-size records leave no room for two lists to hash alike.
 *
 * Returns: the digest in lower-case hex, or %NULL if a leaf is not 32 bytes of hex
 */
char *
assay_decision_entries_digest (GArray *entries)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GArray) sorted = NULL;

  g_return_val_if_fail (entries != NULL, NULL);
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (AssayDecisionEntry), entries->len);
  g_array_append_vals (sorted, entries->data, entries->len);
  g_array_sort (sorted, compare_entries);
  for (guint i = 0; i < sorted->len; i++)
    {
      const AssayDecisionEntry *e = &g_array_index (sorted, AssayDecisionEntry, i);
      guint8 record[8 + 32];
      guint64 index = (guint64) e->index;

      if (!_assay_payload_is_hex (e->leaf, 32))
        return NULL;
      for (guint k = 0; k < 8; k++)
        record[k] = (guint8) (index >> (56 - 8 * k));
      sodium_hex2bin (record + 8, 32, e->leaf, 64, NULL, NULL, NULL);
      g_checksum_update (sha, record, sizeof record);
    }
  return g_strdup (g_checksum_get_string (sha));
}

/**
 * assay_decision_digest_entries:
 * @decision: a decision whose entries are listed
 *
 * Names the decision's entries by their count and digest instead of one
 * by one, so that a case resting on many entries fits one log entry.
 *
 * Returns: %FALSE (and changes nothing) if there are no entries to name
 */
gboolean
assay_decision_digest_entries (AssayDecision *decision)
{
  g_autofree char *digest = NULL;

  g_return_val_if_fail (decision != NULL, FALSE);
  if (decision->entries->len == 0 || (digest = assay_decision_entries_digest (decision->entries)) == NULL)
    return FALSE;
  decision->entries_count = decision->entries->len;
  g_free (decision->entries_sha256);
  decision->entries_sha256 = g_steal_pointer (&digest);
  g_array_set_size (decision->entries, 0);
  return TRUE;
}

const char *
assay_decision_get_outcome_id (const AssayDecision *decision)
{
  g_return_val_if_fail (decision != NULL, NULL);
  if (decision->kind == ASSAY_DECISION_KIND_RULING)
    return assay_enum_get_nick (ASSAY_TYPE_RULING_OUTCOME, decision->ruling);
  return assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, decision->outcome);
}

char *
assay_decision_hash (GBytes *payload)
{
  g_return_val_if_fail (payload != NULL, NULL);
  return _assay_payload_hash (payload);
}

/* Writing */

static void
add_nick (JsonBuilder *b,
          const char  *name,
          GType        type,
          int          value)
{
  _assay_payload_add_string (b, name, assay_enum_get_nick (type, value));
}

static void
add_inputs (JsonBuilder   *b,
            AssayDecision *d)
{
  json_builder_set_member_name (b, "inputs");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "flags");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->flags->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (d->flags, i));
  json_builder_end_array (b);
  if (d->entries_sha256 != NULL)
    {
      json_builder_set_member_name (b, "entries_digest");
      json_builder_begin_object (b);
      _assay_payload_add_int (b, "count", d->entries_count);
      _assay_payload_add_string (b, "sha256", d->entries_sha256);
      json_builder_end_object (b);
      json_builder_end_object (b);
      return;
    }
  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->entries->len; i++)
    {
      AssayDecisionEntry *e = &g_array_index (d->entries, AssayDecisionEntry, i);

      json_builder_begin_object (b);
      _assay_payload_add_int (b, "index", e->index);
      _assay_payload_add_string (b, "leaf", e->leaf);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_references (JsonBuilder   *b,
                AssayDecision *d)
{
  g_autofree char *root = g_base64_encode (d->checkpoint_root, sizeof d->checkpoint_root);

  json_builder_set_member_name (b, "rule_set");
  json_builder_begin_object (b);
  _assay_payload_add_string (b, "name", d->rule_set_name);
  _assay_payload_add_int (b, "version", d->rule_set_version);
  _assay_payload_add_string (b, "sha256", d->rule_set_sha256);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "checkpoint");
  json_builder_begin_object (b);
  _assay_payload_add_string (b, "origin", d->checkpoint_origin);
  _assay_payload_add_int (b, "size", d->checkpoint_size);
  _assay_payload_add_string (b, "root", root);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "roster");
  json_builder_begin_object (b);
  _assay_payload_add_int (b, "version", d->roster_version);
  _assay_payload_add_string (b, "sha256", d->roster_sha256);
  json_builder_end_object (b);
}

static void
add_subject (JsonBuilder   *b,
             AssayDecision *d)
{
  json_builder_set_member_name (b, "subject");
  json_builder_begin_object (b);
  add_nick (b, "kind", ASSAY_TYPE_SUBJECT_KIND, d->subject_kind);
  _assay_payload_add_string (b, "id", d->subject_id);
  json_builder_end_object (b);
  _assay_payload_add_int (b, "subject_seq", d->subject_seq);
  _assay_payload_add_string (b, "supersedes", d->supersedes);
}

static JsonNode *
build_node (AssayDecision *d)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonObject) params = d->params != NULL ? json_object_ref (d->params) : json_object_new ();

  json_builder_begin_object (b);
  _assay_payload_add_int (b, "v", 1);
  _assay_payload_add_string (b, "deployment", d->deployment);
  _assay_payload_add_string (b, "decision_id", d->decision_id);
  add_nick (b, "kind", ASSAY_TYPE_DECISION_KIND, d->kind);
  add_nick (b, "role", ASSAY_TYPE_ROLE, d->role);
  add_subject (b, d);
  _assay_payload_add_string (b, "outcome", assay_decision_get_outcome_id (d));
  json_builder_set_member_name (b, "params");
  json_builder_add_value (b, json_node_init_object (json_node_alloc (), params));
  _assay_payload_add_string (b, "rationale", d->rationale);
  add_references (b, d);
  add_inputs (b, d);
  _assay_payload_add_string (b, "author", d->author);
  _assay_payload_add_int (b, "created_at", d->created_at);
  _assay_payload_add_int (b, "not_after", d->not_after);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

GBytes *
assay_decision_to_payload (AssayDecision  *decision,
                           GError        **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayDecision) check = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;

  g_return_val_if_fail (decision != NULL, NULL);
  if (decision->decision_id == NULL)
    {
      guint8 id[16];
      char hex[2 * sizeof id + 1];

      randombytes_buf (id, sizeof id);
      sodium_bin2hex (hex, sizeof hex, id, sizeof id);
      decision->decision_id = g_strdup (hex);
    }
  root = build_node (decision);
  payload = assay_canonical_json_encode (root, error);
  if (payload == NULL)
    return NULL;
  env = assay_dsse_envelope_new (ASSAY_DECISION_PAYLOAD_TYPE, payload);
  check = assay_decision_new_from_envelope (env, error);
  return check != NULL ? g_steal_pointer (&payload) : NULL;
}

/* Reading */

static void
set_invalid (GError    **error,
             const char *message)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA, _("invalid decision: %s"), message);
}

static gboolean
read_subject (AssayDecision *d,
              JsonObject    *top,
              GError       **error)
{
  static const char *const members[] = { "kind", "id", NULL };
  JsonObject *subject = _assay_payload_get_object (top, "", "subject", error);
  const char *id, *supersedes;
  int kind;

  if (subject == NULL
      || !_assay_payload_check_members (subject, "subject", members, error)
      || !_assay_payload_get_nick (subject, "subject", "kind", ASSAY_TYPE_SUBJECT_KIND, &kind, error)
      || (id = _assay_payload_get_string (subject, "subject", "id", MAX_NAME, error)) == NULL
      || !_assay_payload_get_int (top, "", "subject_seq", 1, MAX_INT, &d->subject_seq, error)
      || (supersedes = _assay_payload_get_hex (top, "", "supersedes", 32, TRUE, error)) == NULL)
    return FALSE;
  /* A forward-only history: the first decision supersedes nothing, every
   * later one names the one before. */
  if ((d->subject_seq == 1) != (*supersedes == '\0'))
    {
      set_invalid (error, _("“supersedes” must be null for subject_seq 1 and only for it"));
      return FALSE;
    }
  d->subject_kind = kind;
  d->subject_id = g_strdup (id);
  d->supersedes = *supersedes != '\0' ? g_strdup (supersedes) : NULL;
  return TRUE;
}

static gboolean
read_flags (AssayDecision *d,
            JsonArray     *flags,
            GError       **error)
{
  for (guint i = 0; i < json_array_get_length (flags); i++)
    {
      JsonNode *el = json_array_get_element (flags, i);

      if (json_node_get_value_type (el) != G_TYPE_STRING
          || !_assay_payload_is_hex (json_node_get_string (el), 32))
        {
          set_invalid (error, _("“inputs.flags” holds something that is not a flag id"));
          return FALSE;
        }
      assay_decision_add_flag (d, json_node_get_string (el));
    }
  return TRUE;
}

static gboolean
read_entries (AssayDecision *d,
              JsonArray     *entries,
              GError       **error)
{
  static const char *const members[] = { "index", "leaf", NULL };

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *el = json_array_get_element (entries, i);
      JsonObject *obj = JSON_NODE_HOLDS_OBJECT (el) ? json_node_get_object (el) : NULL;
      const char *leaf;
      gint64 index;

      if (obj == NULL)
        {
          set_invalid (error, _("“inputs.entries” holds something that is not an object"));
          return FALSE;
        }
      if (!_assay_payload_check_members (obj, "inputs.entries", members, error)
          || !_assay_payload_get_int (obj, "inputs.entries", "index", 0, MAX_INT, &index, error)
          || (leaf = _assay_payload_get_hex (obj, "inputs.entries", "leaf", 32, FALSE, error)) == NULL)
        return FALSE;
      assay_decision_add_entry (d, index, leaf);
    }
  return TRUE;
}

/* The digest form: {"count": ≥ 1, "sha256": 64 lower-case hex}, nothing else. */
static gboolean
read_entries_digest (AssayDecision *d,
                     JsonObject    *inputs,
                     GError       **error)
{
  static const char *const members[] = { "count", "sha256", NULL };
  JsonObject *digest = _assay_payload_get_object (inputs, "inputs", "entries_digest", error);
  const char *sha256;

  if (digest == NULL
      || !_assay_payload_check_members (digest, "inputs.entries_digest", members, error)
      || !_assay_payload_get_int (digest, "inputs.entries_digest", "count", 1, MAX_INT, &d->entries_count, error)
      || (sha256 = _assay_payload_get_hex (digest, "inputs.entries_digest", "sha256", 32, FALSE, error)) == NULL)
    return FALSE;
  d->entries_sha256 = g_strdup (sha256);
  return TRUE;
}

/* `inputs` names its entries one way: listed in "entries" or by
 * "entries_digest", never both, never neither. */
static gboolean
check_entries_form (JsonObject  *inputs,
                    GError     **error)
{
  static const char *const known[] = { "flags", "entries", "entries_digest", NULL };
  gboolean listed = json_object_has_member (inputs, "entries");
  gboolean digest = json_object_has_member (inputs, "entries_digest");

  if (!_assay_payload_check_known (inputs, "inputs", known, error))
    return FALSE;
  if (listed && digest)
    set_invalid (error, _("“inputs” has both “entries” and “entries_digest”: it must name its entries one way"));
  else if (!listed && !digest)
    set_invalid (error, _("“inputs” has neither “entries” nor “entries_digest”"));
  else
    return TRUE;
  return FALSE;
}

static gboolean
read_inputs (AssayDecision *d,
             JsonObject    *top,
             GError       **error)
{
  JsonObject *inputs = _assay_payload_get_object (top, "", "inputs", error);
  JsonArray *flags, *entries = NULL;
  gboolean digest;

  if (inputs == NULL
      || !check_entries_form (inputs, error)
      || (flags = _assay_payload_get_array (inputs, "inputs", "flags", error)) == NULL)
    return FALSE;
  digest = json_object_has_member (inputs, "entries_digest");
  if (!digest && (entries = _assay_payload_get_array (inputs, "inputs", "entries", error)) == NULL)
    return FALSE;
  if (json_array_get_length (flags) > ASSAY_DECISION_MAX_INPUTS
      || (entries != NULL && json_array_get_length (entries) > ASSAY_DECISION_MAX_INPUTS))
    {
      set_invalid (error, _("more than 1000 flags or entries in “inputs”"));
      return FALSE;
    }
  if (!read_flags (d, flags, error))
    return FALSE;
  return digest ? read_entries_digest (d, inputs, error) : read_entries (d, entries, error);
}

static gboolean
read_references (AssayDecision *d,
                 JsonObject    *top,
                 GError       **error)
{
  static const char *const rule_set_members[] = { "name", "version", "sha256", NULL };
  static const char *const checkpoint_members[] = { "origin", "size", "root", NULL };
  static const char *const roster_members[] = { "version", "sha256", NULL };
  JsonObject *rule_set, *checkpoint, *roster;
  const char *name, *rule_set_sha256, *origin, *roster_sha256;

  if ((rule_set = _assay_payload_get_object (top, "", "rule_set", error)) == NULL
      || !_assay_payload_check_members (rule_set, "rule_set", rule_set_members, error)
      || (name = _assay_payload_get_string (rule_set, "rule_set", "name", MAX_NAME, error)) == NULL
      || !_assay_payload_get_int (rule_set, "rule_set", "version", 0, MAX_INT, &d->rule_set_version, error)
      || (rule_set_sha256 = _assay_payload_get_hex (rule_set, "rule_set", "sha256", 32, FALSE, error)) == NULL
      || (checkpoint = _assay_payload_get_object (top, "", "checkpoint", error)) == NULL
      || !_assay_payload_check_members (checkpoint, "checkpoint", checkpoint_members, error)
      || (origin = _assay_payload_get_string (checkpoint, "checkpoint", "origin", MAX_NAME, error)) == NULL
      || !_assay_payload_get_int (checkpoint, "checkpoint", "size", 0, MAX_INT, &d->checkpoint_size, error)
      || !_assay_payload_get_base64 (checkpoint, "checkpoint", "root", d->checkpoint_root, 32, error)
      || (roster = _assay_payload_get_object (top, "", "roster", error)) == NULL
      || !_assay_payload_check_members (roster, "roster", roster_members, error)
      || !_assay_payload_get_int (roster, "roster", "version", 1, MAX_INT, &d->roster_version, error)
      || (roster_sha256 = _assay_payload_get_hex (roster, "roster", "sha256", 32, FALSE, error)) == NULL)
    return FALSE;
  d->rule_set_name = g_strdup (name);
  d->rule_set_sha256 = g_strdup (rule_set_sha256);
  d->checkpoint_origin = g_strdup (origin);
  d->roster_sha256 = g_strdup (roster_sha256);
  return TRUE;
}

/* A ruling's outcome is the panel's answer (uphold, overturn, adjust);
 * every other kind's is the kind itself, as version 1 has it. */
static gboolean
read_outcome (JsonObject  *top,
              int          kind,
              int         *out_outcome,
              int         *out_ruling,
              GError     **error)
{
  if (kind != ASSAY_DECISION_KIND_RULING)
    return _assay_payload_get_nick (top, "", "outcome", ASSAY_TYPE_DECISION_KIND, out_outcome, error);
  *out_outcome = kind;
  return _assay_payload_get_nick (top, "", "outcome", ASSAY_TYPE_RULING_OUTCOME, out_ruling, error);
}

static gboolean
read_header (AssayDecision *d,
             JsonObject    *top,
             GError       **error)
{
  static const char *const members[] = {
    "v", "deployment", "decision_id", "kind", "role", "subject", "subject_seq",
    "supersedes", "outcome", "params", "rationale", "rule_set", "inputs", "checkpoint",
    "roster", "author", "created_at", "not_after", NULL
  };
  const char *deployment, *id, *rationale, *author;
  int kind, role, outcome, ruling = ASSAY_RULING_UPHOLD;
  gint64 v;

  if (!_assay_payload_check_members (top, "", members, error)
      || !_assay_payload_get_int (top, "", "v", 1, 1, &v, error)
      || (deployment = _assay_payload_get_string (top, "", "deployment", MAX_NAME, error)) == NULL
      || (id = _assay_payload_get_hex (top, "", "decision_id", 16, FALSE, error)) == NULL
      || !_assay_payload_get_nick (top, "", "kind", ASSAY_TYPE_DECISION_KIND, &kind, error)
      || !_assay_payload_get_nick (top, "", "role", ASSAY_TYPE_ROLE, &role, error)
      || !read_outcome (top, kind, &outcome, &ruling, error)
      || _assay_payload_get_object (top, "", "params", error) == NULL
      || (rationale = _assay_payload_get_string (top, "", "rationale",
                                                 ASSAY_DECISION_MAX_RATIONALE, error)) == NULL
      || (author = _assay_payload_get_hex (top, "", "author", 32, FALSE, error)) == NULL
      || !_assay_payload_get_int (top, "", "created_at", 0, MAX_INT, &d->created_at, error)
      || !_assay_payload_get_int (top, "", "not_after", 0, MAX_INT, &d->not_after, error))
    return FALSE;
  d->deployment = g_strdup (deployment);
  d->decision_id = g_strdup (id);
  d->kind = kind;
  d->role = role;
  d->outcome = outcome;
  d->ruling = ruling;
  d->params = json_object_ref (json_object_get_object_member (top, "params"));
  d->rationale = g_strdup (rationale);
  d->author = g_strdup (author);
  return TRUE;
}

/* A weights decision is on the one weights subject and carries a weights
 * version that the plan allows; no other decision is on that subject. */
static gboolean
check_weights (AssayDecision  *d,
               GError        **error)
{
  AssayWeights weights;
  g_autoptr(GError) local = NULL;

  if ((d->kind == ASSAY_DECISION_KIND_WEIGHTS) != (d->subject_kind == ASSAY_SUBJECT_WEIGHTS))
    {
      set_invalid (error, _("a weights decision, and only a weights decision, has the subject kind “weights”"));
      return FALSE;
    }
  if (d->kind != ASSAY_DECISION_KIND_WEIGHTS || assay_weights_from_params (d->params, &weights, &local))
    return TRUE;
  set_invalid (error, local->message);
  return FALSE;
}

/* A filing's subject id is its leaf index in decimal, without leading
 * zeros, so that one filing is one subject. */
static gboolean
is_leaf_index (const char *id)
{
  guint64 value;

  return g_ascii_isdigit (id[0]) && (id[0] != '0' || id[1] == '\0')
         && g_ascii_string_to_unsigned (id, 10, 0, MAX_INT, &value, NULL);
}

/* Params of exactly one integer member @name in [@min, @max], not 0, or
 * (with @optional) none at all. */
static gboolean
check_amount_params (AssayDecision  *d,
                     const char     *name,
                     gint64          min,
                     gint64          max,
                     gboolean        optional,
                     GError        **error)
{
  const char *members[] = { name, NULL };
  gint64 value;

  if (optional && json_object_get_size (d->params) == 0)
    return TRUE;
  if (!_assay_payload_check_members (d->params, "params", members, error)
      || !_assay_payload_get_int (d->params, "params", name, min, max, &value, error))
    return FALSE;
  if (value != 0)
    return TRUE;
  set_invalid (error, _("“params.points” of an adjusting ruling must not be 0"));
  return FALSE;
}

static gboolean
check_no_params (AssayDecision  *d,
                 GError        **error)
{
  static const char *const none[] = { NULL };

  return _assay_payload_check_members (d->params, "params", none, error);
}

/* Approve, deny and ruling decide filings, and nothing else does; their
 * params are the award of an approved failure claim, the points of an
 * adjusting ruling, or none (README "Decisions on filings"). */
static gboolean
check_filing (AssayDecision  *d,
              GError        **error)
{
  gboolean on_filing = d->kind == ASSAY_DECISION_KIND_APPROVE || d->kind == ASSAY_DECISION_KIND_DENY
                       || d->kind == ASSAY_DECISION_KIND_RULING;

  if (on_filing != (d->subject_kind == ASSAY_SUBJECT_FILING))
    {
      set_invalid (error, _("approve, deny and ruling decisions, and only they, have the subject kind “filing”"));
      return FALSE;
    }
  if (!on_filing)
    return TRUE;
  if (!is_leaf_index (d->subject_id))
    {
      set_invalid (error, _("a filing subject’s id is the filing’s leaf index in decimal, without leading zeros"));
      return FALSE;
    }
  switch (d->kind)
    {
    case ASSAY_DECISION_KIND_APPROVE:
      return check_amount_params (d, "award", 1, ASSAY_FILING_MAX_POINTS, TRUE, error);
    case ASSAY_DECISION_KIND_RULING:
      if (d->ruling == ASSAY_RULING_ADJUST)
        return check_amount_params (d, "points", -ASSAY_FILING_MAX_POINTS, ASSAY_FILING_MAX_POINTS, FALSE, error);
      return check_no_params (d, error);
    default:
      return check_no_params (d, error);
    }
}

/* Relations between members that each read well on their own. */
static gboolean
check_consistent (AssayDecision  *d,
                  GError        **error)
{
  if (!check_weights (d, error) || !check_filing (d, error))
    return FALSE;
  if (d->outcome != d->kind)
    set_invalid (error, _("in version 1 the outcome must be the kind"));
  else if (d->not_after <= d->created_at)
    set_invalid (error, _("“not_after” is not later than “created_at”"));
  else
    return TRUE;
  return FALSE;
}

AssayDecision *
assay_decision_new_from_envelope (AssayDsseEnvelope  *envelope,
                                  GError            **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AssayDecision) d = NULL;
  JsonObject *top;

  g_return_val_if_fail (envelope != NULL, NULL);
  if (strcmp (envelope->payload_type, ASSAY_DECISION_PAYLOAD_TYPE) != 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   _("the envelope’s payload type is “%s”, not a decision’s"),
                   envelope->payload_type);
      return NULL;
    }
  if ((root = assay_canonical_json_parse (envelope->payload, error)) == NULL)
    return NULL;
  top = json_node_get_object (root);
  d = assay_decision_new ();
  if (!read_header (d, top, error)
      || !read_subject (d, top, error)
      || !read_references (d, top, error)
      || !read_inputs (d, top, error)
      || !check_consistent (d, error))
    return NULL;
  return g_steal_pointer (&d);
}
