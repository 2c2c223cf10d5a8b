/* assay-fairness-private.h — what the fairness test's files share
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

#include "assay-fairness.h"

G_BEGIN_DECLS

/* The accounts in the order the test walks them, and their attributes as
 * ranked codes in that order.  With a discrete SES the order is by SES
 * cell, then by outcome, so that the members of any group, listed by
 * position, come cell by cell and in increasing outcome within a cell;
 * with a continuous SES it is the accounts' own order. */
typedef struct
{
  gsize   n;
  guint  *account;        /* position → account */
  double *y;              /* position → outcome */
  guint  *cell;           /* position → SES cell (discrete) */
  gsize  *cell_start;     /* cell → its first position; [n_cells] = n */
  guint   n_cells;
  guint **rank;           /* attribute → position → rank of its value in byte order */
} FairnessOrder;

/* Buffers of n entries that every combination reuses, so that testing
 * one does not allocate (and fault in) the cohort's size again. */
typedef struct
{
  guint64 *key;
  guint   *group;
  guint   *members;
  double  *y;             /* the members' outcomes and cells, in their order */
  guint   *cell;
} FairnessWork;

/* One combination of attributes and its groups. */
typedef struct
{
  guint    depth;
  guint    attribute[ASSAY_FAIRNESS_MAX_DEPTH];
  guint    n_groups;
  guint64 *key;           /* group → its ranks in mixed radix */
  gsize   *start;         /* group → first of its positions in `members`; [n_groups] = n */
  guint   *members;       /* positions, by group, increasing within a group (the work's) */
  double  *y;             /* their outcomes and SES cells, alongside (the work's) */
  guint   *cell;
} FairnessPartition;

/* Sorts `n` 64-bit keys with their payloads, stably (LSD radix). */
void     _assay_fairness_radix_sort       (guint64 *key,
                                           guint   *payload,
                                           gsize    n);

/* A double's bits as an unsigned key with the same order. */
guint64  _assay_fairness_double_key       (double   value);

/* The combinations of up to `depth` of the attributes, as
 * FairnessPartition* (only `depth` and `attribute` set), skipping those
 * that hold an attribute another one in them determines. */
GPtrArray *_assay_fairness_combinations   (const AssayFairnessAttribute *attributes,
                                           guint                         n_attributes,
                                           gsize                         n,
                                           guint                         depth);

/* Fills the partition's groups over the order's positions; its members
 * live in the work's buffer until the next combination. */
void     _assay_fairness_partition_fill   (FairnessPartition            *partition,
                                           const FairnessOrder          *order,
                                           const AssayFairnessAttribute *attributes,
                                           FairnessWork                 *work);

void     _assay_fairness_partition_free   (FairnessPartition            *partition);

/* The group's names and values, from its key. */
void     _assay_fairness_partition_describe (const FairnessPartition      *partition,
                                             guint                         g,
                                             const AssayFairnessAttribute *attributes,
                                             guint * const                *level_of_rank,
                                             AssayFairnessGroup           *out);

G_END_DECLS
