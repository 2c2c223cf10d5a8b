/* assay-rule-set.c — loading and checking rule set documents
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
#include <string.h>

#include "assay-hex.h"
#include "assay-day.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-rule-catalogue.h"
#include "assay-rule-condition-private.h"
#include "assay-rule-json-private.h"
#include "assay-rule-set.h"
#include "assay-rules-enums.h"
#include "assay-sha256.h"

#define MAX_SAFE_INTEGER 9007199254740991.0

struct _AssayRule
{
  char                *id;
  char                *article;
  AssayRuleSubject     subject;
  AssayRuleAction      action;
  AssayRuleSeverity    severity;
  char                *explain_en;
  char                *explain_zh_CN;
  char                *notes;
  AssayRuleCondition  *condition;
};

struct _AssayRuleSet
{
  GObject       parent_instance;

  char         *name;
  gint64        version;
  char         *effective;
  char         *sha256;
  char         *notes;
  GPtrArray    *parameter_names;  /* char * */
  GHashTable   *parameters;       /* name → AssayRuleValue * */
  GPtrArray    *rules;            /* AssayRule * */
  GHashTable   *rules_by_id;      /* id → AssayRule * */
};

G_DEFINE_FINAL_TYPE (AssayRuleSet, assay_rule_set, G_TYPE_OBJECT)

static const char * const set_members[] = {
  "format", "name", "version", "effective", "parameters", "rules", "notes", NULL
};
static const char * const rule_members[] = {
  "id", "article", "subject", "action", "severity", "when", "explain", "notes", NULL
};
static const char * const explain_members[] = { "en", "zh_CN", NULL };

/* ---- helpers ----------------------------------------------------------------------------- */

/* The message names the rule (when its id is known) and the JSON path. */
static gboolean G_GNUC_PRINTF (4, 5)
refuse (GError     **error,
        const char  *rule_id,
        const char  *path,
        const char  *format,
        ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (rule_id != NULL)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA, _("Rule “%s”, %s: %s"),
                 rule_id, path, what);
  else
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA, _("Rule set, %s: %s"), path, what);
  return FALSE;
}

static void
rule_free (AssayRule *rule)
{
  g_free (rule->id);
  g_free (rule->article);
  g_free (rule->explain_en);
  g_free (rule->explain_zh_CN);
  g_free (rule->notes);
  g_clear_pointer (&rule->condition, _assay_rule_condition_free);
  g_free (rule);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayRule, rule_free)

static char *
join_path (const char *parent,
           const char *member)
{
  /* top-level members are named bare: "version", not "$.version" */
  if (strcmp (parent, "$") == 0)
    return g_strdup (member);
  return g_strdup_printf ("%s.%s", parent, member);
}

/* Only the members in `allowed`: a misspelt member would otherwise be
 * silently ignored. */
static gboolean
check_members (const AssayRuleJson  *object,
               const char * const   *allowed,
               const char           *rule_id,
               const char           *path,
               GError              **error)
{
  for (guint i = 0; i < object->n_items; i++)
    if (!g_strv_contains (allowed, object->keys[i]))
      {
        g_autofree char *list = g_strjoinv (", ", (char **) allowed);

        return refuse (error, rule_id, path, _("unknown member “%s”. The members are: %s."),
                       object->keys[i], list);
      }
  return TRUE;
}

static const AssayRuleJson *
member_of_type (const AssayRuleJson  *object,
                const char           *key,
                AssayJsonType         type,
                gboolean              optional,
                const char           *rule_id,
                const char           *path,
                GError              **error)
{
  const AssayRuleJson *member = _assay_rule_json_member (object, key);
  g_autofree char *member_path = join_path (path, key);

  if (member == NULL && optional)
    return NULL;
  if (member == NULL)
    {
      refuse (error, rule_id, path, _("the member “%s” is missing."), key);
      return NULL;
    }
  if (member->type != type)
    {
      refuse (error, rule_id, member_path, _("must be %s, not %s."),
              _assay_rule_json_type_name (type), _assay_rule_json_type_name (member->type));
      return NULL;
    }
  return member;
}

/* A required string member, non-empty and at most `max` bytes (0: no
 * limit beyond the file's). */
static const char *
string_member (const AssayRuleJson  *object,
               const char           *key,
               gsize                 max,
               const char           *rule_id,
               const char           *path,
               GError              **error)
{
  const AssayRuleJson *member = member_of_type (object, key, ASSAY_JSON_STRING, FALSE,
                                                rule_id, path, error);
  g_autofree char *member_path = join_path (path, key);
  gsize len;

  if (member == NULL)
    return NULL;
  len = strlen (member->str);
  if (len == 0 || (max > 0 && len > max))
    {
      refuse (error, rule_id, member_path, _("must be a text of 1 to %zu bytes."),
              max > 0 ? max : (gsize) ASSAY_RULE_SET_MAX_BYTES);
      return NULL;
    }
  return member->str;
}

static gboolean
optional_notes (const AssayRuleJson  *object,
                char                **out,
                const char           *rule_id,
                const char           *path,
                GError              **error)
{
  const AssayRuleJson *notes = _assay_rule_json_member (object, "notes");

  if (notes == NULL)
    return TRUE;
  if (member_of_type (object, "notes", ASSAY_JSON_STRING, FALSE, rule_id, path, error) == NULL)
    return FALSE;
  *out = g_strdup (notes->str);
  return TRUE;
}

static gboolean
is_identifier (const char *s,
               gboolean    dots)
{
  if (!g_ascii_isalpha (s[0]) && s[0] != '_' && !(dots && g_ascii_isdigit (s[0])))
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && !(dots && (*p == '.' || *p == '-')))
      return FALSE;
  return strlen (s) <= ASSAY_RULE_SET_MAX_NAME;
}

/* A string member that must be one of an enum's nicks. */
static gboolean
enum_member (const AssayRuleJson  *object,
             const char           *key,
             GType                 type,
             int                  *out,
             const char           *rule_id,
             const char           *path,
             GError              **error)
{
  const char *nick = string_member (object, key, 0, rule_id, path, error);
  g_autofree char *member_path = join_path (path, key);
  g_autoptr(GEnumClass) klass = NULL;
  g_autoptr(GString) nicks = NULL;

  if (nick == NULL)
    return FALSE;
  if (assay_enum_from_nick (type, nick, out))
    return TRUE;
  klass = g_type_class_ref (type);
  nicks = g_string_new (NULL);
  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (nicks, "%s%s", i > 0 ? ", " : "", klass->values[i].value_nick);
  return refuse (error, rule_id, member_path, _("unknown value “%s”. It must be one of: %s."),
                 nick, nicks->str);
}

static gboolean
parse_parameters (AssayRuleSet         *self,
                  const AssayRuleJson  *root,
                  GError              **error)
{
  const AssayRuleJson *parameters = member_of_type (root, "parameters", ASSAY_JSON_OBJECT, FALSE,
                                                    NULL, "$", error);

  if (parameters == NULL)
    return FALSE;
  if (parameters->n_items > ASSAY_RULE_SET_MAX_PARAMETERS)
    return refuse (error, NULL, "parameters", _("there are %u parameters; the limit is %u."),
                   parameters->n_items, ASSAY_RULE_SET_MAX_PARAMETERS);
  for (guint i = 0; i < parameters->n_items; i++)
    {
      const AssayRuleJson *json = parameters->items[i];
      const char *name = parameters->keys[i];
      g_autofree char *path = join_path ("parameters", name);
      AssayRuleValue *value = g_new0 (AssayRuleValue, 1);

      g_hash_table_insert (self->parameters, g_strdup (name), value);
      g_ptr_array_add (self->parameter_names, g_strdup (name));
      if (!is_identifier (name, FALSE))
        return refuse (error, NULL, path,
                       _("a parameter name is a letter or “_” followed by letters, digits "
                         "or “_”, at most %u bytes."), ASSAY_RULE_SET_MAX_NAME);
      switch (json->type)
        {
        case ASSAY_JSON_NUMBER:
          value->type = ASSAY_RULE_TYPE_NUMBER;
          value->number = json->number;
          break;
        case ASSAY_JSON_TRUE:
        case ASSAY_JSON_FALSE:
          value->type = ASSAY_RULE_TYPE_BOOL;
          value->boolean = json->type == ASSAY_JSON_TRUE;
          break;
        case ASSAY_JSON_STRING:
          value->type = ASSAY_RULE_TYPE_STRING;
          value->string = g_intern_string (json->str);
          break;
        default:
          return refuse (error, NULL, path, _("a parameter is a number, a boolean or a string, not %s."),
                         _assay_rule_json_type_name (json->type));
        }
    }
  return TRUE;
}

/* Each {NAME} or {NAME:%} of a template names a feature of the rule's
 * subject or a parameter, so an explanation never shows a hole. */
static gboolean
check_template (AssayRuleSet  *self,
                const char    *text,
                const char    *rule_id,
                AssayRuleSubject subject,
                const char    *path,
                GError       **error)
{
  for (const char *p = strchr (text, '{'); p != NULL; p = strchr (p, '{'))
    {
      const char *close = strchr (p, '}');
      g_autofree char *name = NULL;
      const AssayRuleFeature *feature;
      char *colon;

      if (close == NULL)
        return refuse (error, rule_id, path, _("a “{” has no “}”."));
      name = g_strndup (p + 1, close - p - 1);
      colon = strchr (name, ':');
      if (colon != NULL)
        {
          if (strcmp (colon, ":%") != 0)
            return refuse (error, rule_id, path,
                           _("“{%s}”: the only format is “:%%” (a ratio shown as a percentage)."),
                           name);
          *colon = '\0';
        }
      feature = assay_rule_catalogue_lookup (name);
      if (!(feature != NULL && feature->subject == subject)
          && !g_hash_table_contains (self->parameters, name))
        return refuse (error, rule_id, path,
                       _("“{%s}” is neither a feature of the rule's subject nor a parameter."),
                       name);
      p = close + 1;
    }
  return TRUE;
}

static gboolean
parse_explain (AssayRuleSet         *self,
               AssayRule            *rule,
               const AssayRuleJson  *json,
               const char           *path,
               GError              **error)
{
  const AssayRuleJson *explain = member_of_type (json, "explain", ASSAY_JSON_OBJECT, FALSE,
                                                 rule->id, path, error);
  g_autofree char *explain_path = join_path (path, "explain");
  g_autofree char *en_path = join_path (explain_path, "en");
  g_autofree char *zh_path = join_path (explain_path, "zh_CN");
  const char *en, *zh;

  if (explain == NULL || !check_members (explain, explain_members, rule->id, explain_path, error))
    return FALSE;
  if ((en = string_member (explain, "en", 0, rule->id, explain_path, error)) == NULL
      || (zh = string_member (explain, "zh_CN", 0, rule->id, explain_path, error)) == NULL
      || !check_template (self, en, rule->id, rule->subject, en_path, error)
      || !check_template (self, zh, rule->id, rule->subject, zh_path, error))
    return FALSE;
  rule->explain_en = g_strdup (en);
  rule->explain_zh_CN = g_strdup (zh);
  return TRUE;
}

static AssayRule *
parse_rule (AssayRuleSet         *self,
            const AssayRuleJson  *json,
            const char           *path,
            GError              **error)
{
  g_autoptr(AssayRule) rule = g_new0 (AssayRule, 1);
  g_autofree char *id_path = join_path (path, "id");
  g_autofree char *when_path = join_path (path, "when");
  const AssayRuleJson *when;
  const char *id, *article;
  int subject, action, severity;

  if (json->type != ASSAY_JSON_OBJECT)
    {
      refuse (error, NULL, path, _("a rule must be an object, not %s."),
              _assay_rule_json_type_name (json->type));
      return NULL;
    }
  if ((id = string_member (json, "id", ASSAY_RULE_SET_MAX_NAME, NULL, path, error)) == NULL)
    return NULL;
  if (!is_identifier (id, TRUE))
    {
      refuse (error, NULL, id_path,
              _("the rule id “%s” must start with a letter, a digit or “_” and hold only "
                "letters, digits, “_”, “.” and “-”."), id);
      return NULL;
    }
  rule->id = g_strdup (id);
  if (!check_members (json, rule_members, id, path, error)
      || (article = string_member (json, "article", ASSAY_RULE_SET_MAX_NAME, id, path, error)) == NULL
      || !enum_member (json, "subject", ASSAY_TYPE_RULE_SUBJECT, &subject, id, path, error)
      || !enum_member (json, "action", ASSAY_TYPE_RULE_ACTION, &action, id, path, error)
      || !enum_member (json, "severity", ASSAY_TYPE_RULE_SEVERITY, &severity, id, path, error))
    return NULL;
  rule->article = g_strdup (article);
  rule->subject = subject;
  rule->action = action;
  rule->severity = severity;
  if ((when = _assay_rule_json_member (json, "when")) == NULL)
    {
      refuse (error, id, path, _("the member “%s” is missing."), "when");
      return NULL;
    }
  rule->condition = _assay_rule_condition_compile (when, when_path, id, rule->subject,
                                                   self->parameters, error);
  if (rule->condition == NULL
      || !parse_explain (self, rule, json, path, error)
      || !optional_notes (json, &rule->notes, id, path, error))
    return NULL;
  return g_steal_pointer (&rule);
}

static gboolean
parse_rules (AssayRuleSet         *self,
             const AssayRuleJson  *root,
             GError              **error)
{
  const AssayRuleJson *rules = member_of_type (root, "rules", ASSAY_JSON_ARRAY, FALSE, NULL, "$",
                                               error);

  if (rules == NULL)
    return FALSE;
  if (rules->n_items == 0 || rules->n_items > ASSAY_RULE_SET_MAX_RULES)
    return refuse (error, NULL, "rules", _("there are %u rules; a rule set has 1 to %u."),
                   rules->n_items, ASSAY_RULE_SET_MAX_RULES);
  for (guint i = 0; i < rules->n_items; i++)
    {
      g_autofree char *path = g_strdup_printf ("rules[%u]", i);
      AssayRule *rule = parse_rule (self, rules->items[i], path, error);
      AssayRule *earlier;

      if (rule == NULL)
        return FALSE;
      g_ptr_array_add (self->rules, rule);
      earlier = g_hash_table_lookup (self->rules_by_id, rule->id);
      if (earlier != NULL)
        {
          guint first = 0;

          g_ptr_array_find (self->rules, earlier, &first);
          return refuse (error, rule->id, path, _("the id is also that of rules[%u]. "
                                                  "Give every rule its own id."), first);
        }
      g_hash_table_insert (self->rules_by_id, rule->id, rule);
    }
  return TRUE;
}

static gboolean
parse_header (AssayRuleSet         *self,
              const AssayRuleJson  *root,
              GError              **error)
{
  const AssayRuleJson *format, *version, *effective;
  const char *name;
  guint32 day;

  if (!check_members (root, set_members, NULL, "$", error))
    return FALSE;
  format = member_of_type (root, "format", ASSAY_JSON_STRING, FALSE, NULL, "$", error);
  if (format == NULL)
    return FALSE;
  if (strcmp (format->str, ASSAY_RULE_SET_FORMAT) != 0)
    return refuse (error, NULL, "format", _("“%s” is not a format this version reads; "
                                            "it reads “%s”."), format->str, ASSAY_RULE_SET_FORMAT);
  if ((name = string_member (root, "name", ASSAY_RULE_SET_MAX_NAME, NULL, "$", error)) == NULL)
    return FALSE;
  self->name = g_strdup (name);
  version = member_of_type (root, "version", ASSAY_JSON_NUMBER, FALSE, NULL, "$", error);
  if (version == NULL)
    return FALSE;
  if (!version->integer || version->number < 1 || version->number > MAX_SAFE_INTEGER)
    return refuse (error, NULL, "version", _("must be a whole number from 1 to 2⁵³ − 1, not %s."),
                   version->str);
  self->version = (gint64) version->number;
  effective = member_of_type (root, "effective", ASSAY_JSON_STRING, FALSE, NULL, "$", error);
  if (effective == NULL)
    return FALSE;
  if (!assay_day_parse (effective->str, -1, &day))
    return refuse (error, NULL, "effective", _("“%s” is not a day; write it as YYYY-MM-DD."),
                   effective->str);
  self->effective = g_strdup (effective->str);
  return optional_notes (root, &self->notes, NULL, "$", error);
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
assay_rule_set_finalize (GObject *object)
{
  AssayRuleSet *self = ASSAY_RULE_SET (object);

  g_free (self->name);
  g_free (self->effective);
  g_free (self->sha256);
  g_free (self->notes);
  g_clear_pointer (&self->parameter_names, g_ptr_array_unref);
  g_clear_pointer (&self->parameters, g_hash_table_unref);
  g_clear_pointer (&self->rules_by_id, g_hash_table_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);

  G_OBJECT_CLASS (assay_rule_set_parent_class)->finalize (object);
}

static void
assay_rule_set_class_init (AssayRuleSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = assay_rule_set_finalize;
}

static void
assay_rule_set_init (AssayRuleSet *self)
{
  self->parameter_names = g_ptr_array_new_with_free_func (g_free);
  self->parameters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  self->rules_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/* ---- public API -------------------------------------------------------------------------- */

AssayRuleSet *
assay_rule_set_new_from_bytes (GBytes  *bytes,
                               GError **error)
{
  g_autoptr(AssayRuleSet) self = NULL;
  g_autoptr(AssayRuleJson) root = NULL;
  guint8 digest[ASSAY_SHA256_SIZE];
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len > ASSAY_RULE_SET_MAX_BYTES)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The rule set has %zu bytes; the limit is %u. Split it or shorten it."),
                   len, ASSAY_RULE_SET_MAX_BYTES);
      return NULL;
    }
  if ((root = _assay_rule_json_parse (data != NULL ? data : "", len, error)) == NULL)
    return NULL;
  if (root->type != ASSAY_JSON_OBJECT)
    {
      refuse (error, NULL, "$", _("a rule set is a JSON object, not %s."),
              _assay_rule_json_type_name (root->type));
      return NULL;
    }
  self = g_object_new (ASSAY_TYPE_RULE_SET, NULL);
  if (!parse_header (self, root, error)
      || !parse_parameters (self, root, error)
      || !parse_rules (self, root, error))
    return NULL;
  assay_sha256 (data, len, digest);
  self->sha256 = assay_hex_encode (digest, sizeof digest);
  return g_steal_pointer (&self);
}

AssayRuleSet *
assay_rule_set_new_from_file (const char  *path,
                              GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO, _("Cannot read the rule set “%s”: %s"),
                   path, local_error->message);
      return NULL;
    }
  return assay_rule_set_new_from_bytes (bytes, error);
}

const char *
assay_rule_set_get_name (AssayRuleSet *self)
{
  g_return_val_if_fail (ASSAY_IS_RULE_SET (self), NULL);
  return self->name;
}

gint64
assay_rule_set_get_version (AssayRuleSet *self)
{
  g_return_val_if_fail (ASSAY_IS_RULE_SET (self), 0);
  return self->version;
}

const char *
assay_rule_set_get_effective (AssayRuleSet *self)
{
  g_return_val_if_fail (ASSAY_IS_RULE_SET (self), NULL);
  return self->effective;
}

const char *
assay_rule_set_get_sha256 (AssayRuleSet *self)
{
  g_return_val_if_fail (ASSAY_IS_RULE_SET (self), NULL);
  return self->sha256;
}

const char *
assay_rule_set_get_notes (AssayRuleSet *self)
{
  g_return_val_if_fail (ASSAY_IS_RULE_SET (self), NULL);
  return self->notes;
}

guint
assay_rule_set_get_n_parameters (AssayRuleSet *self)
{
  g_return_val_if_fail (ASSAY_IS_RULE_SET (self), 0);
  return self->parameter_names->len;
}

const char *
assay_rule_set_get_parameter_name (AssayRuleSet *self,
                                   guint         i)
{
  g_return_val_if_fail (ASSAY_IS_RULE_SET (self), NULL);
  g_return_val_if_fail (i < self->parameter_names->len, NULL);
  return self->parameter_names->pdata[i];
}

const AssayRuleValue *
assay_rule_set_lookup_parameter (AssayRuleSet *self,
                                 const char   *name)
{
  g_return_val_if_fail (ASSAY_IS_RULE_SET (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return g_hash_table_lookup (self->parameters, name);
}

guint
assay_rule_set_get_n_rules (AssayRuleSet *self)
{
  g_return_val_if_fail (ASSAY_IS_RULE_SET (self), 0);
  return self->rules->len;
}

const AssayRule *
assay_rule_set_get_rule (AssayRuleSet *self,
                         guint         i)
{
  g_return_val_if_fail (ASSAY_IS_RULE_SET (self), NULL);
  g_return_val_if_fail (i < self->rules->len, NULL);
  return self->rules->pdata[i];
}

const AssayRule *
assay_rule_set_lookup_rule (AssayRuleSet *self,
                            const char   *id)
{
  g_return_val_if_fail (ASSAY_IS_RULE_SET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->rules_by_id, id);
}

const char *
assay_rule_get_id (const AssayRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return rule->id;
}

const char *
assay_rule_get_article (const AssayRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return rule->article;
}

AssayRuleSubject
assay_rule_get_subject (const AssayRule *rule)
{
  g_return_val_if_fail (rule != NULL, 0);
  return rule->subject;
}

AssayRuleAction
assay_rule_get_action (const AssayRule *rule)
{
  g_return_val_if_fail (rule != NULL, 0);
  return rule->action;
}

AssayRuleSeverity
assay_rule_get_severity (const AssayRule *rule)
{
  g_return_val_if_fail (rule != NULL, 0);
  return rule->severity;
}

const char *
assay_rule_get_explain (const AssayRule *rule,
                        const char      *language)
{
  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);
  return strcmp (language, "zh_CN") == 0 ? rule->explain_zh_CN : rule->explain_en;
}

const char *
assay_rule_get_notes (const AssayRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return rule->notes;
}

const AssayRuleCondition *
assay_rule_get_condition (const AssayRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return rule->condition;
}
