/* assay-rule-condition.c — type-checking, compiling and evaluating conditions
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
#include <math.h>
#include <string.h>

#include "assay-enum.h"
#include "assay-error.h"
#include "assay-rule-catalogue.h"
#include "assay-rule-condition-private.h"
#include "assay-rules-enums.h"

typedef enum
{
  OP_CONST,
  OP_FEATURE,
  OP_ADD,
  OP_SUB,
  OP_MUL,
  OP_DIV,
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_AND,
  OP_OR,
  OP_NOT,
  OP_BETWEEN,
  OP_IN,
  OP_IF,
} Op;

/* One instruction of the postfix program.  `arg` is the constant, column
 * or list index; `operand` the type of the operands (comparisons, in, if). */
typedef struct
{
  Op             op;
  AssayRuleType  operand;
  guint          arg;
  guint          node;
} Insn;

typedef struct
{
  char          *path;
  char          *label;
  guint          depth;
  AssayRuleType  type;
} Node;

struct _AssayRuleCondition
{
  GArray        *program;    /* Insn */
  GArray        *nodes;      /* Node, pre-order */
  GArray        *constants;  /* AssayRuleValue */
  GPtrArray     *lists;      /* GArray of AssayRuleValue, for OP_IN */
  GPtrArray     *features;   /* const char * into the catalogue */
  GStringChunk  *strings;
  guint          max_stack;
};

/* The operators, their arity (-2: two or more) and the instruction. */
static const struct
{
  const char *name;
  int         arity;
  Op          op;
} operators[] = {
  { "+", 2, OP_ADD }, { "-", 2, OP_SUB }, { "*", 2, OP_MUL }, { "/", 2, OP_DIV },
  { "==", 2, OP_EQ }, { "!=", 2, OP_NE }, { "<", 2, OP_LT }, { "<=", 2, OP_LE },
  { ">", 2, OP_GT }, { ">=", 2, OP_GE }, { "and", -2, OP_AND }, { "or", -2, OP_OR },
  { "not", 1, OP_NOT }, { "between", 3, OP_BETWEEN }, { "in", 2, OP_IN }, { "if", 3, OP_IF },
};

typedef struct
{
  AssayRuleCondition  *cond;
  const char          *rule_id;
  AssayRuleSubject     subject;
  GHashTable          *parameters;
  guint                stack;
} Compiler;

/* ---- compiling --------------------------------------------------------------------------- */

static gboolean G_GNUC_PRINTF (4, 5)
refuse (Compiler    *self,
        const char  *path,
        GError     **error,
        const char  *format,
        ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA, _("Rule “%s”, %s: %s"),
               self->rule_id, path, what);
  return FALSE;
}

static guint
add_node (Compiler      *self,
          const char    *path,
          const char    *label,
          guint          depth)
{
  Node node = { g_strdup (path), g_strdup (label), depth, ASSAY_RULE_TYPE_BOOL };

  g_array_append_val (self->cond->nodes, node);
  return self->cond->nodes->len - 1;
}

static void
emit (Compiler      *self,
      Op             op,
      AssayRuleType  operand,
      guint          arg,
      guint          node,
      int            stack_change)
{
  Insn insn = { op, operand, arg, node };

  g_array_append_val (self->cond->program, insn);
  self->stack += stack_change;
  self->cond->max_stack = MAX (self->cond->max_stack, self->stack);
}

static const char *
type_name (AssayRuleType type)
{
  switch (type)
    {
    case ASSAY_RULE_TYPE_NUMBER: return _("a number");
    case ASSAY_RULE_TYPE_BOOL: return _("a boolean");
    case ASSAY_RULE_TYPE_STRING: return _("a string");
    default: return "?";
    }
}

static gboolean
json_constant (const AssayRuleJson *json,
               AssayRuleValue      *out)
{
  memset (out, 0, sizeof *out);
  switch (json->type)
    {
    case ASSAY_JSON_NUMBER:
      out->type = ASSAY_RULE_TYPE_NUMBER;
      out->number = json->number;
      return TRUE;
    case ASSAY_JSON_TRUE:
    case ASSAY_JSON_FALSE:
      out->type = ASSAY_RULE_TYPE_BOOL;
      out->boolean = json->type == ASSAY_JSON_TRUE;
      return TRUE;
    case ASSAY_JSON_STRING:
      out->type = ASSAY_RULE_TYPE_STRING;
      out->string = json->str;
      return TRUE;
    default:
      return FALSE;
    }
}

static char *
constant_label (const AssayRuleValue *value)
{
  switch (value->type)
    {
    case ASSAY_RULE_TYPE_NUMBER:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value->number));
      }
    case ASSAY_RULE_TYPE_BOOL: return g_strdup (value->boolean ? "true" : "false");
    case ASSAY_RULE_TYPE_STRING: return g_strdup_printf ("\"%s\"", value->string);
    default: return g_strdup ("?");
    }
}

/* Copies a constant into the condition (its string into the condition's
 * chunk) and pushes it. */
static void
emit_constant (Compiler             *self,
               const AssayRuleValue *value,
               guint                 node)
{
  AssayRuleValue copy = *value;

  if (copy.type == ASSAY_RULE_TYPE_STRING)
    copy.string = g_string_chunk_insert_const (self->cond->strings, copy.string);
  g_array_append_val (self->cond->constants, copy);
  emit (self, OP_CONST, copy.type, self->cond->constants->len - 1, node, 1);
}

static gboolean compile_node (Compiler             *self,
                              const AssayRuleJson  *json,
                              const char           *path,
                              guint                 depth,
                              AssayRuleType        *out_type,
                              GError              **error);

static gboolean
compile_const (Compiler             *self,
               const AssayRuleJson  *value,
               const char           *path,
               guint                 depth,
               AssayRuleType        *out_type,
               GError              **error)
{
  AssayRuleValue constant;
  g_autofree char *label = NULL;
  guint node;

  if (!json_constant (value, &constant))
    return refuse (self, path, error,
                   _("“const” is %s; it must be a number, a boolean or a string "
                     "(a list only as the second argument of “in”)."),
                   _assay_rule_json_type_name (value->type));
  label = constant_label (&constant);
  node = add_node (self, path, label, depth);
  g_array_index (self->cond->nodes, Node, node).type = constant.type;
  emit_constant (self, &constant, node);
  *out_type = constant.type;
  return TRUE;
}

static guint
feature_column (Compiler   *self,
                const char *name)
{
  for (guint i = 0; i < self->cond->features->len; i++)
    if (strcmp (self->cond->features->pdata[i], name) == 0)
      return i;
  g_ptr_array_add (self->cond->features, (gpointer) name);
  return self->cond->features->len - 1;
}

static gboolean
compile_feature (Compiler             *self,
                 const AssayRuleJson  *value,
                 const char           *path,
                 guint                 depth,
                 AssayRuleType        *out_type,
                 GError              **error)
{
  const AssayRuleFeature *feature;
  guint node;

  if (value->type != ASSAY_JSON_STRING)
    return refuse (self, path, error, _("“feature” must be a string, not %s."),
                   _assay_rule_json_type_name (value->type));
  feature = assay_rule_catalogue_lookup (value->str);
  if (feature == NULL)
    return refuse (self, path, error,
                   _("unknown feature “%s”. The README's “Rule sets” section lists the features."),
                   value->str);
  if (feature->subject != self->subject)
    return refuse (self, path, error,
                   _("the feature “%s” belongs to the subject “%s”, not to this rule's “%s”."),
                   value->str, assay_enum_get_nick (ASSAY_TYPE_RULE_SUBJECT, feature->subject),
                   assay_enum_get_nick (ASSAY_TYPE_RULE_SUBJECT, self->subject));
  node = add_node (self, path, feature->name, depth);
  g_array_index (self->cond->nodes, Node, node).type = feature->type;
  emit (self, OP_FEATURE, feature->type, feature_column (self, feature->name), node, 1);
  *out_type = feature->type;
  return TRUE;
}

static gboolean
compile_param (Compiler             *self,
               const AssayRuleJson  *value,
               const char           *path,
               guint                 depth,
               AssayRuleType        *out_type,
               GError              **error)
{
  const AssayRuleValue *parameter;
  g_autofree char *label = NULL;
  guint node;

  if (value->type != ASSAY_JSON_STRING)
    return refuse (self, path, error, _("“param” must be a string, not %s."),
                   _assay_rule_json_type_name (value->type));
  parameter = g_hash_table_lookup (self->parameters, value->str);
  if (parameter == NULL)
    return refuse (self, path, error,
                   _("unknown parameter “%s”. Declare it in the rule set's “parameters”."),
                   value->str);
  label = g_strdup_printf ("param %s", value->str);
  node = add_node (self, path, label, depth);
  g_array_index (self->cond->nodes, Node, node).type = parameter->type;
  emit_constant (self, parameter, node);
  *out_type = parameter->type;
  return TRUE;
}

/* The constant list of "in": all of `type`, 1 to MAX_LIST items. */
static gboolean
compile_list (Compiler             *self,
              const AssayRuleJson  *json,
              const char           *path,
              AssayRuleType         type,
              guint                *out_list,
              GError              **error)
{
  const AssayRuleJson *list;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (AssayRuleValue));

  if (json->type != ASSAY_JSON_OBJECT || json->n_items != 1
      || strcmp (json->keys[0], "const") != 0 || json->items[0]->type != ASSAY_JSON_ARRAY)
    return refuse (self, path, error,
                   _("the second argument of “in” must be a constant list: "
                     "{\"const\": [ … ]}."));
  list = json->items[0];
  if (list->n_items == 0 || list->n_items > ASSAY_RULE_CONDITION_MAX_LIST)
    return refuse (self, path, error, _("the list of “in” has %u items; it must have 1 to %u."),
                   list->n_items, ASSAY_RULE_CONDITION_MAX_LIST);
  for (guint i = 0; i < list->n_items; i++)
    {
      AssayRuleValue value;

      if (!json_constant (list->items[i], &value) || value.type != type)
        return refuse (self, path, error,
                       _("item %u of the list of “in” is %s; the value tested is %s."),
                       i, _assay_rule_json_type_name (list->items[i]->type), type_name (type));
      if (value.type == ASSAY_RULE_TYPE_STRING)
        value.string = g_string_chunk_insert_const (self->cond->strings, value.string);
      g_array_append_val (values, value);
    }
  g_ptr_array_add (self->cond->lists, g_steal_pointer (&values));
  *out_list = self->cond->lists->len - 1;
  return TRUE;
}

/* Checks the operand types of `op` and returns the result type. */
static gboolean
check_types (Compiler             *self,
             const char           *name,
             Op                    op,
             const AssayRuleType  *types,
             guint                 n,
             const char           *path,
             AssayRuleType        *out_type,
             GError              **error)
{
  AssayRuleType want = ASSAY_RULE_TYPE_NUMBER;

  *out_type = ASSAY_RULE_TYPE_BOOL;
  switch (op)
    {
    case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV:
      *out_type = ASSAY_RULE_TYPE_NUMBER;
      break;
    case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_BETWEEN:
      break;
    case OP_AND: case OP_OR: case OP_NOT:
      want = ASSAY_RULE_TYPE_BOOL;
      break;
    case OP_EQ: case OP_NE:
      want = types[0];
      break;
    case OP_IN:
      want = types[0];
      n = 1;
      break;
    case OP_IF:
      want = ASSAY_RULE_TYPE_BOOL;
      if (types[0] == want && types[1] != types[2])
        return refuse (self, path, error,
                       _("the two branches of “if” must have one type; they are %s and %s."),
                       type_name (types[1]), type_name (types[2]));
      *out_type = types[1];
      n = 1;
      break;
    case OP_CONST: case OP_FEATURE: default:
      g_assert_not_reached ();
    }
  for (guint i = 0; i < n; i++)
    if (types[i] != want)
      return refuse (self, path, error, _("argument %u of “%s” is %s; it must be %s."),
                     i + 1, name, type_name (types[i]), type_name (want));
  return TRUE;
}

static gboolean
compile_op (Compiler             *self,
            const AssayRuleJson  *op_json,
            const AssayRuleJson  *args,
            const char           *path,
            guint                 depth,
            AssayRuleType        *out_type,
            GError              **error)
{
  AssayRuleType types[3];
  guint node, list = 0, n_args;
  int which = -1;

  if (op_json->type != ASSAY_JSON_STRING)
    return refuse (self, path, error, _("“op” must be a string, not %s."),
                   _assay_rule_json_type_name (op_json->type));
  for (guint i = 0; i < G_N_ELEMENTS (operators) && which < 0; i++)
    if (strcmp (operators[i].name, op_json->str) == 0)
      which = i;
  if (which < 0)
    return refuse (self, path, error,
                   _("unknown operator “%s”. The operators are + - * / == != < <= > >= "
                     "and or not between in if."), op_json->str);
  if (args == NULL || args->type != ASSAY_JSON_ARRAY)
    return refuse (self, path, error, _("“%s” needs its arguments as an array in “args”."),
                   op_json->str);
  n_args = args->n_items;
  if (operators[which].arity == -2 && n_args < 2)
    return refuse (self, path, error, _("“%s” takes two or more arguments, not %u."),
                   op_json->str, n_args);
  if (operators[which].arity != -2 && n_args != (guint) operators[which].arity)
    return refuse (self, path, error, _("“%s” takes %d arguments, not %u."),
                   op_json->str, operators[which].arity, n_args);

  node = add_node (self, path, operators[which].name, depth);
  for (guint i = 0; i < n_args; i++)
    {
      g_autofree char *arg_path = g_strdup_printf ("%s.args[%u]", path, i);
      AssayRuleType type;

      if (operators[which].op == OP_IN && i == 1)
        {
          if (!compile_list (self, args->items[i], arg_path, types[0], &list, error))
            return FALSE;
          continue;
        }
      if (!compile_node (self, args->items[i], arg_path, depth + 1, &type, error))
        return FALSE;
      types[MIN (i, 2)] = type;
      if (n_args > 3 && i >= 2 && type != ASSAY_RULE_TYPE_BOOL)
        return refuse (self, path, error, _("argument %u of “%s” is %s; it must be %s."),
                       i + 1, operators[which].name, type_name (type),
                       type_name (ASSAY_RULE_TYPE_BOOL));
      /* and/or with more than two arguments fold left: (a and b) and c. */
      if (operators[which].arity == -2 && i >= 1)
        emit (self, operators[which].op, ASSAY_RULE_TYPE_BOOL, 0, node, -1);
    }
  if (!check_types (self, operators[which].name, operators[which].op, types, MIN (n_args, 3),
                    path, out_type, error))
    return FALSE;
  g_array_index (self->cond->nodes, Node, node).type = *out_type;
  if (operators[which].arity != -2)
    emit (self, operators[which].op, types[operators[which].op == OP_IF ? 1 : 0], list, node,
          operators[which].op == OP_IN ? 0 : 1 - (int) n_args);
  return TRUE;
}

static gboolean
compile_node (Compiler             *self,
              const AssayRuleJson  *json,
              const char           *path,
              guint                 depth,
              AssayRuleType        *out_type,
              GError              **error)
{
  const AssayRuleJson *op, *args;

  if (depth > ASSAY_RULE_CONDITION_MAX_DEPTH)
    return refuse (self, path, error, _("the condition is nested more than %u deep. Simplify it."),
                   ASSAY_RULE_CONDITION_MAX_DEPTH);
  if (self->cond->nodes->len >= ASSAY_RULE_CONDITION_MAX_NODES)
    return refuse (self, path, error, _("the condition has more than %u nodes. Simplify it."),
                   ASSAY_RULE_CONDITION_MAX_NODES);
  if (json->type != ASSAY_JSON_OBJECT)
    return refuse (self, path, error,
                   _("a condition node must be an object, not %s."),
                   _assay_rule_json_type_name (json->type));
  if (json->n_items == 1 && strcmp (json->keys[0], "const") == 0)
    return compile_const (self, json->items[0], path, depth, out_type, error);
  if (json->n_items == 1 && strcmp (json->keys[0], "feature") == 0)
    return compile_feature (self, json->items[0], path, depth, out_type, error);
  if (json->n_items == 1 && strcmp (json->keys[0], "param") == 0)
    return compile_param (self, json->items[0], path, depth, out_type, error);
  op = _assay_rule_json_member (json, "op");
  args = _assay_rule_json_member (json, "args");
  if (op != NULL && json->n_items == (args != NULL ? 2u : 1u))
    return compile_op (self, op, args, path, depth, out_type, error);
  return refuse (self, path, error,
                 _("a condition node is {\"const\": …}, {\"feature\": …}, {\"param\": …} "
                   "or {\"op\": …, \"args\": […]}, with no other members."));
}

static void
node_clear (gpointer data)
{
  Node *node = data;

  g_free (node->path);
  g_free (node->label);
}

AssayRuleCondition *
_assay_rule_condition_compile (const AssayRuleJson  *when,
                               const char           *path,
                               const char           *rule_id,
                               AssayRuleSubject      subject,
                               GHashTable           *parameters,
                               GError              **error)
{
  g_autoptr(AssayRuleCondition) cond = g_new0 (AssayRuleCondition, 1);
  Compiler self = { cond, rule_id, subject, parameters, 0 };
  AssayRuleType type;

  g_return_val_if_fail (when != NULL && path != NULL && rule_id != NULL, NULL);

  cond->program = g_array_new (FALSE, FALSE, sizeof (Insn));
  cond->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g_array_set_clear_func (cond->nodes, node_clear);
  cond->constants = g_array_new (FALSE, FALSE, sizeof (AssayRuleValue));
  cond->lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  cond->features = g_ptr_array_new ();
  cond->strings = g_string_chunk_new (64);
  if (!compile_node (&self, when, path, 1, &type, error))
    return NULL;
  if (type != ASSAY_RULE_TYPE_BOOL)
    {
      refuse (&self, path, error, _("the condition is %s; it must be a boolean."),
              type_name (type));
      return NULL;
    }
  g_assert (self.stack == 1);
  return g_steal_pointer (&cond);
}

void
_assay_rule_condition_free (AssayRuleCondition *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->program, g_array_unref);
  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_pointer (&self->constants, g_array_unref);
  g_clear_pointer (&self->lists, g_ptr_array_unref);
  g_clear_pointer (&self->features, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

AssayRuleType
_assay_rule_condition_get_type (const AssayRuleCondition *self)
{
  return g_array_index (self->nodes, Node, 0).type;
}

/* ---- evaluating -------------------------------------------------------------------------- */

/* Subjects per pass over the program: the stack holds this many values
 * per slot, so it stays in the cache. */
#define CHUNK 256

typedef struct
{
  double      num[CHUNK];
  guint8      b[CHUNK];
  const char *s[CHUNK];
  guint8      fault[CHUNK];
} Slot;

static void
push_constant (Slot                 *slot,
               const AssayRuleValue *value,
               gsize                 m)
{
  for (gsize i = 0; i < m; i++)
    {
      slot->num[i] = value->number;
      slot->b[i] = value->boolean != 0;
      slot->s[i] = value->string;
      slot->fault[i] = ASSAY_RULE_FAULT_NONE;
    }
}

/* A number column's NaN is a missing value, an infinity an overflow:
 * neither is ever a value of a condition.  The loops are split by type so
 * that each is a plain pass over one array. */
static void
push_column (Slot                  *slot,
             const AssayRuleColumn *column,
             gsize                  start,
             gsize                  m)
{
  for (gsize i = 0; i < m; i++)
    slot->fault[i] = column->missing != NULL && column->missing[start + i]
                     ? ASSAY_RULE_FAULT_MISSING : ASSAY_RULE_FAULT_NONE;
  switch (column->type)
    {
    case ASSAY_RULE_TYPE_NUMBER:
      memcpy (slot->num, column->numbers + start, m * sizeof (double));
      for (gsize i = 0; i < m; i++)
        if (!slot->fault[i] && !isfinite (slot->num[i]))
          slot->fault[i] = isnan (slot->num[i]) ? ASSAY_RULE_FAULT_MISSING
                                                : ASSAY_RULE_FAULT_OVERFLOW;
      break;
    case ASSAY_RULE_TYPE_BOOL:
      for (gsize i = 0; i < m; i++)
        slot->b[i] = column->bools[start + i] != 0;
      break;
    case ASSAY_RULE_TYPE_STRING:
    default:
      for (gsize i = 0; i < m; i++)
        {
          slot->s[i] = column->strings[start + i];
          if (slot->s[i] == NULL)
            slot->fault[i] = ASSAY_RULE_FAULT_MISSING;
        }
      break;
    }
}

#define FOR_EACH_OK(body) \
  for (gsize i = 0; i < m; i++) \
    if (!(a->fault[i] || (a->fault[i] = b->fault[i]))) \
      { body; }

static void
arithmetic (Op      op,
            Slot   *a,
            Slot   *b,
            gsize   m)
{
  switch (op)
    {
    case OP_ADD: FOR_EACH_OK (a->num[i] += b->num[i]); break;
    case OP_SUB: FOR_EACH_OK (a->num[i] -= b->num[i]); break;
    case OP_MUL: FOR_EACH_OK (a->num[i] *= b->num[i]); break;
    case OP_DIV:
    default:
      FOR_EACH_OK (if (b->num[i] == 0) a->fault[i] = ASSAY_RULE_FAULT_DIVISION_BY_ZERO;
                   else a->num[i] /= b->num[i]);
      break;
    }
  for (gsize i = 0; i < m; i++)
    if (!a->fault[i] && !isfinite (a->num[i]))
      a->fault[i] = ASSAY_RULE_FAULT_OVERFLOW;
}

static gboolean
equal (AssayRuleType  type,
       const Slot    *a,
       gsize          i,
       const Slot    *b,
       gsize          j)
{
  switch (type)
    {
    case ASSAY_RULE_TYPE_NUMBER: return a->num[i] == b->num[j];
    case ASSAY_RULE_TYPE_BOOL: return a->b[i] == b->b[j];
    case ASSAY_RULE_TYPE_STRING:
    default:
      return strcmp (a->s[i], b->s[j]) == 0;
    }
}

static void
compare (Op             op,
         AssayRuleType  type,
         Slot          *a,
         Slot          *b,
         gsize          m)
{
  switch (op)
    {
    case OP_EQ: FOR_EACH_OK (a->b[i] = equal (type, a, i, b, i)); break;
    case OP_NE: FOR_EACH_OK (a->b[i] = !equal (type, a, i, b, i)); break;
    case OP_LT: FOR_EACH_OK (a->b[i] = a->num[i] < b->num[i]); break;
    case OP_LE: FOR_EACH_OK (a->b[i] = a->num[i] <= b->num[i]); break;
    case OP_GT: FOR_EACH_OK (a->b[i] = a->num[i] > b->num[i]); break;
    case OP_GE:
    default:
      FOR_EACH_OK (a->b[i] = a->num[i] >= b->num[i]);
      break;
    }
}

/* CEL's commutative and/or: a definite `decisive` operand (false for and,
 * true for or) decides whatever the other is; otherwise the first error
 * in evaluation order propagates. */
static void
logical (gboolean  decisive,
         Slot     *a,
         Slot     *b,
         gsize     m)
{
  for (gsize i = 0; i < m; i++)
    {
      gboolean a_decides = !a->fault[i] && a->b[i] == decisive;
      gboolean b_decides = !b->fault[i] && b->b[i] == decisive;

      if (a_decides || b_decides)
        {
          a->fault[i] = ASSAY_RULE_FAULT_NONE;
          a->b[i] = decisive;
        }
      else if (!a->fault[i] && b->fault[i])
        a->fault[i] = b->fault[i];
      else if (!a->fault[i])
        a->b[i] = !decisive;
    }
}

static void
between (Slot  *x,
         Slot  *lo,
         Slot  *hi,
         gsize  m)
{
  for (gsize i = 0; i < m; i++)
    {
      if (x->fault[i] || (x->fault[i] = lo->fault[i]) || (x->fault[i] = hi->fault[i]))
        continue;
      x->b[i] = lo->num[i] <= x->num[i] && x->num[i] <= hi->num[i];
    }
}

static void
in_list (AssayRuleType  type,
         Slot          *x,
         GArray        *list,
         Slot          *scratch,
         gsize          m)
{
  for (gsize i = 0; i < m; i++)
    {
      gboolean found = FALSE;

      if (x->fault[i])
        continue;
      for (guint k = 0; k < list->len && !found; k++)
        {
          push_constant (scratch, &g_array_index (list, AssayRuleValue, k), 1);
          found = equal (type, x, i, scratch, 0);
        }
      x->b[i] = found;
    }
}

static void
choose (Slot  *c,
        Slot  *t,
        Slot  *e,
        gsize  m)
{
  for (gsize i = 0; i < m; i++)
    {
      Slot *from = c->b[i] ? t : e;

      if (c->fault[i])
        continue;
      c->num[i] = from->num[i];
      c->b[i] = from->b[i];
      c->s[i] = from->s[i];
      c->fault[i] = from->fault[i];
    }
}

static void
record (AssayRuleTraceNode *trace,
        const Node         *node,
        const Slot         *slot)
{
  trace->path = node->path;
  trace->label = node->label;
  trace->depth = node->depth;
  trace->value.type = node->type;
  trace->value.fault = slot->fault[0];
  trace->value.number = node->type == ASSAY_RULE_TYPE_NUMBER ? slot->num[0] : 0;
  trace->value.boolean = node->type == ASSAY_RULE_TYPE_BOOL ? slot->b[0] : FALSE;
  trace->value.string = node->type == ASSAY_RULE_TYPE_STRING ? slot->s[0] : NULL;
}

/* One pass of the program over subjects [start, start + m); with `trace`
 * (m == 1) the value of every instruction is recorded at its node, the
 * last instruction of a node being the node's value. */
static void
run (const AssayRuleCondition *self,
     const AssayRuleColumn    *columns,
     gsize                     start,
     gsize                     m,
     Slot                     *stack,
     AssayRuleTraceNode       *trace)
{
  guint sp = 0;

  for (guint pc = 0; pc < self->program->len; pc++)
    {
      const Insn *insn = &g_array_index (self->program, Insn, pc);

      switch (insn->op)
        {
        case OP_CONST:
          push_constant (&stack[sp++], &g_array_index (self->constants, AssayRuleValue, insn->arg), m);
          break;
        case OP_FEATURE:
          push_column (&stack[sp++], &columns[insn->arg], start, m);
          break;
        case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV:
          sp--;
          arithmetic (insn->op, &stack[sp - 1], &stack[sp], m);
          break;
        case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
          sp--;
          compare (insn->op, insn->operand, &stack[sp - 1], &stack[sp], m);
          break;
        case OP_AND: case OP_OR:
          sp--;
          logical (insn->op == OP_OR, &stack[sp - 1], &stack[sp], m);
          break;
        case OP_NOT:
          for (gsize i = 0; i < m; i++)
            stack[sp - 1].b[i] = !stack[sp - 1].b[i];
          break;
        case OP_BETWEEN:
          sp -= 2;
          between (&stack[sp - 1], &stack[sp], &stack[sp + 1], m);
          break;
        case OP_IN:
          /* The slot above the top is free scratch: max_stack counts it. */
          in_list (insn->operand, &stack[sp - 1], self->lists->pdata[insn->arg], &stack[sp], m);
          break;
        case OP_IF:
        default:
          sp -= 2;
          choose (&stack[sp - 1], &stack[sp], &stack[sp + 1], m);
          break;
        }
      if (trace != NULL)
        record (&trace[insn->node], &g_array_index (self->nodes, Node, insn->node), &stack[sp - 1]);
    }
  g_assert (sp == 1);
}

static gboolean
columns_valid (const AssayRuleCondition *self,
               const AssayRuleColumn    *columns)
{
  for (guint i = 0; i < self->features->len; i++)
    {
      const AssayRuleFeature *feature = assay_rule_catalogue_lookup (self->features->pdata[i]);
      const AssayRuleColumn *c = &columns[i];

      if (c->type != feature->type
          || (c->type == ASSAY_RULE_TYPE_NUMBER && c->numbers == NULL)
          || (c->type == ASSAY_RULE_TYPE_BOOL && c->bools == NULL)
          || (c->type == ASSAY_RULE_TYPE_STRING && c->strings == NULL))
        return FALSE;
    }
  return TRUE;
}

guint
assay_rule_condition_get_n_features (const AssayRuleCondition *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->features->len;
}

const char *
assay_rule_condition_get_feature (const AssayRuleCondition *self,
                                  guint                     i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->features->len, NULL);

  return self->features->pdata[i];
}

guint
assay_rule_condition_get_n_nodes (const AssayRuleCondition *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->nodes->len;
}

void
assay_rule_condition_evaluate (const AssayRuleCondition *self,
                               const AssayRuleColumn    *columns,
                               gsize                     n_subjects,
                               guint8                   *out_hit,
                               AssayRuleFault           *out_fault)
{
  g_autofree Slot *stack = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (columns != NULL || self->features->len == 0);
  g_return_if_fail (out_hit != NULL || n_subjects == 0);
  g_return_if_fail (columns_valid (self, columns));

  stack = g_new (Slot, self->max_stack + 1);
  for (gsize start = 0; start < n_subjects; start += CHUNK)
    {
      gsize m = MIN (CHUNK, n_subjects - start);

      run (self, columns, start, m, stack, NULL);
      for (gsize i = 0; i < m; i++)
        {
          out_hit[start + i] = stack[0].fault[i] == ASSAY_RULE_FAULT_NONE && stack[0].b[i];
          if (out_fault != NULL)
            out_fault[start + i] = stack[0].fault[i];
        }
    }
}

AssayRuleTraceNode *
assay_rule_condition_trace (const AssayRuleCondition *self,
                            const AssayRuleColumn    *columns,
                            gsize                     subject)
{
  g_autofree Slot *stack = NULL;
  AssayRuleTraceNode *trace;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (columns != NULL || self->features->len == 0, NULL);
  g_return_val_if_fail (columns_valid (self, columns), NULL);

  stack = g_new (Slot, self->max_stack + 1);
  trace = g_new0 (AssayRuleTraceNode, self->nodes->len);
  run (self, columns, subject, 1, stack, trace);
  return trace;
}
