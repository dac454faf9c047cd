/* wa-briefing.h: the printable briefing on a ward, or on a council (LAD)
 * or region, as pages drawn on any cairo_t: the PDF export and printing
 * share it. Every figure, text and rank is taken from the atlas when the
 * briefing is made (under its current rank method), so it can then be
 * drawn or written in another thread while the user carries on. No GTK. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include "wa-atlas.h"
#include "wa-change.h"
#include "wa-custom-area.h"
#include "wa-palette.h"

G_BEGIN_DECLS

typedef struct _WaBriefing WaBriefing;

/* Call on the thread that owns the atlas. change (may be NULL): the
 * change between the oldest and newest editions made from atlas and the
 * other edition's atlas, for the "Since 2019" block; without it (or with
 * one made from other atlases) the block is a line saying so. */
WaBriefing *wa_briefing_new_for_ward (WaAtlas *atlas, WaWard *ward, WaChange *change,
                                      WaPalette palette);
/* The same with the user's own asset lists (WaUserList *, loaded against
 * atlas; NULL or empty: none): the social infrastructure section then
 * ends with "Your lists", each list's places in the ward and its rate per
 * 1,000 residents against England's. */
WaBriefing *wa_briefing_new_for_ward_with_lists (WaAtlas *atlas, WaWard *ward, WaChange *change,
                                                 WaPalette palette, GPtrArray *user_lists);
/* kind WA_AREA_LAD or WA_AREA_REGION; WA_ERROR_NOT_FOUND for an unknown code. */
WaBriefing *wa_briefing_new_for_area (WaAtlas *atlas, WaAreaKind kind, const char *code,
                                      WaChange *change, WaPalette palette, GError **error);
/* A custom area (wa-custom-area.h): its figures computed from the LSOAs
 * (wa_custom_area_compute, whose errors it passes on), a map with the
 * area outlined, the wards it touches and its assets. */
WaBriefing *wa_briefing_new_custom_area (WaAtlas *atlas, WaCustomArea *area, WaPalette palette,
                                         GError **error);
/* The national "Change" briefing: the wards that entered and left the
 * left-behind list, and those on it in both editions, by region, with
 * the national totals per category, the method and the caveats. before
 * and after are the atlases change was made from. */
WaBriefing *wa_briefing_new_for_change (WaChange *change, WaAtlas *before, WaAtlas *after);
void        wa_briefing_free (WaBriefing *briefing);

/* "Ward briefing: Becontree (Barking and Dagenham)"; also the PDF title. */
const char *wa_briefing_get_title (WaBriefing *briefing);

/* Lays the briefing out on pages of this size (points), measuring text
 * with cr; returns the number of pages. */
guint       wa_briefing_paginate  (WaBriefing *briefing, cairo_t *cr, double page_width,
                                   double page_height);
/* Draws one page (0-based) of the last pagination; origin at the page's
 * top-left corner, units points. */
void        wa_briefing_draw_page (WaBriefing *briefing, cairo_t *cr, guint page);

/* A4 PDF with title, author, subject, creator and date set, written
 * atomically (see wa_safe_write_bytes). *out_n_pages may be NULL. */
gboolean    wa_briefing_write_pdf (WaBriefing *briefing, const char *path, gboolean replace,
                                   guint *out_n_pages, GError **error);

/* For tests: how often a table carried on onto another page. */
guint       wa_briefing_get_n_continued (WaBriefing *briefing);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaBriefing, wa_briefing_free)

G_END_DECLS
