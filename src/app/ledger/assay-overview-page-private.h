/* assay-overview-page-private.h — internals of the Overview page for the UI tests
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

#include "assay-chart.h"
#include "assay-overview-page.h"

G_BEGIN_DECLS

typedef enum
{
  ASSAY_OVERVIEW_CHART_WEEKLY,
  ASSAY_OVERVIEW_CHART_POINTS,
  ASSAY_OVERVIEW_CHART_ACCOUNTS_BY_DIMENSION,
  ASSAY_OVERVIEW_CHART_COUNTY_ENTRIES,
  ASSAY_OVERVIEW_CHART_COUNTY_ACCOUNTS,
  ASSAY_OVERVIEW_N_CHARTS
} AssayOverviewChart;

AssayChart *_assay_overview_page_get_chart     (AssayOverviewPage  *self,
                                                AssayOverviewChart  chart);
/* TRUE while the figures are being read in the background. */
gboolean    _assay_overview_page_get_loading   (AssayOverviewPage  *self);
GtkLabel   *_assay_overview_page_get_size_label (AssayOverviewPage *self);

G_END_DECLS
