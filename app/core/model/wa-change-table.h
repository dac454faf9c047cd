/* wa-change-table.h: what a ranking table shows of a WaChange: its
 * columns (2019 and 2025 combined positions, the category) as text, and
 * the totals of a list of wards ("117 wards, 1,210,327 residents left
 * behind in 2019 and now"), so that the table, the CLI and the README
 * give the same figures. */
#pragma once

#include "wa-change.h"

G_BEGIN_DECLS

typedef enum {
  WA_CHANGE_FIELD_POSITION_THEN,   /* 2019 combined position */
  WA_CHANGE_FIELD_POSITION_NOW,    /* 2025 combined position */
  WA_CHANGE_FIELD_CATEGORY,
  WA_N_CHANGE_FIELDS
} WaChangeField;

/* Translated heading: "2019 Position", "2025 Position", "Since 2019". */
const char *wa_change_field_title  (WaChangeField field);
/* The cell of a new ward: "0.10 %" (1 % = most in need), the category in
 * words, or "–" when the crosswalk lacks the ward or it is unranked. */
char       *wa_change_field_format (WaChange *change, WaWard *ward, WaChangeField field);
/* A position (percentile of rank, 0–1] as "0.10 %" below 1 %, else "7 %"; "–" for NAN. */
char       *wa_change_format_position (double position);

/* The order of a change column: positions by value, categories in
 * WaChangeCategory order (left behind in both first); wards the crosswalk
 * lacks, or unranked, last in either direction; ties by combined rank. */
int         wa_change_compare_wards (WaChange *change, WaWard *a, WaWard *b,
                                     WaChangeField field, gboolean descending);
/* Sorts wards (WaWard* of the new atlas) in place by that order. */
void        wa_change_sort_wards (WaChange *change, GPtrArray *wards,
                                  WaChangeField field, gboolean descending);

/* Totals of the wards (WaWard* of the new atlas) that the crosswalk has. */
void        wa_change_sum_wards (WaChange *change, GPtrArray *wards, WaChangeTotals *out_totals);
/* "117 wards, 1,210,327 residents left behind in 2019 and now" for a
 * category, "6,784 wards, 56,490,108 residents" for all (category < 0).
 * Residents are the crosswalk's (Census 2021 for 2024 wards). */
char       *wa_change_describe_totals (const WaChangeTotals *totals, int category);

G_END_DECLS
