/* assay-generator-catalogue.c — the counties, contribution kinds and items of the pilot
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

const char * const _assay_generator_rule_ids[N_RULES] = { "resource", "skill", "project", "community", "item" };

/* Input names, in the order the formula multiplies them. */
const char * const _assay_generator_rule_inputs[N_RULES][4] = {
  { "base_value", "duration", "demand_index", "rating" },
  { "difficulty", "hours", "rating", "people" },
  { "base_value", "share", "impact", "completion" },
  { "participants", "impact", "quality", NULL },
  { "unit", "count", NULL, NULL },
};

/* GB/T 2260 codes; the demonstration zone and Nanshan carry the most. */
const County _assay_generator_counties[] = {
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

const Template _assay_generator_templates[] = {
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

/* Seed 002 annex 4 §4 and seed 004: services and recognition, never money. */
const Item _assay_generator_items[] = {
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

G_STATIC_ASSERT (G_N_ELEMENTS (_assay_generator_counties) == N_COUNTIES);
G_STATIC_ASSERT (G_N_ELEMENTS (_assay_generator_templates) == N_TEMPLATES);
G_STATIC_ASSERT (G_N_ELEMENTS (_assay_generator_items) == N_ITEMS);
