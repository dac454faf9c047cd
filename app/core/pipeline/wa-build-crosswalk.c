/* wa-build-crosswalk.c: the crosswalk between the previous edition's wards
 * and this edition's (see wa-build-crosswalk.h for the method), and the
 * build step that writes it to the "crosswalk" table. */
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "wa-build-crosswalk.h"
#include "wa-build-private.h"
#include "wa-build-source.h"
#include "wa-error.h"
#include "wa-pack.h"

typedef struct {
  char *code;
  char *ward;
  double population;            /* NAN until set */
  gboolean decile1;
  guint n_links;
  double linked_population;     /* of the LSOAs on the other side of its links */
} CwLsoa;

typedef struct {
  CwLsoa *before, *after;
  char change;
} CwLink;

struct _WaCrosswalk {
  GHashTable *lsoas[2];         /* [after] code -> CwLsoa* */
  GArray *links;                /* CwLink */
  gboolean computed;            /* links are counted once */
};

static void
cw_lsoa_free (CwLsoa *lsoa)
{
  g_free (lsoa->code);
  g_free (lsoa->ward);
  g_free (lsoa);
}

WaCrosswalk *
wa_crosswalk_new (void)
{
  WaCrosswalk *self = g_new0 (WaCrosswalk, 1);

  for (int i = 0; i < 2; i++)
    self->lsoas[i] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) cw_lsoa_free);
  self->links = g_array_new (FALSE, FALSE, sizeof (CwLink));
  return self;
}

void
wa_crosswalk_free (WaCrosswalk *self)
{
  if (self == NULL)
    return;
  for (int i = 0; i < 2; i++)
    g_hash_table_unref (self->lsoas[i]);
  g_array_unref (self->links);
  g_free (self);
}

static const char *
side_name (gboolean after)
{
  return after ? _("new") : _("old");
}

gboolean
wa_crosswalk_add_lsoa (WaCrosswalk *self, gboolean after, const char *code, GError **error)
{
  CwLsoa *lsoa;

  if (g_hash_table_contains (self->lsoas[!!after], code))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_DUPLICATE,
                   _("%s LSOA %s appears twice"), side_name (after), code);
      return FALSE;
    }
  lsoa = g_new0 (CwLsoa, 1);
  lsoa->code = g_strdup (code);
  lsoa->population = NAN;
  g_hash_table_insert (self->lsoas[!!after], lsoa->code, lsoa);
  return TRUE;
}

gboolean
wa_crosswalk_has_lsoa (WaCrosswalk *self, gboolean after, const char *code)
{
  return g_hash_table_contains (self->lsoas[!!after], code);
}

gboolean
wa_crosswalk_set_ward (WaCrosswalk *self, gboolean after, const char *code, const char *ward)
{
  CwLsoa *lsoa = g_hash_table_lookup (self->lsoas[!!after], code);

  if (lsoa == NULL)
    return FALSE;
  g_free (lsoa->ward);
  lsoa->ward = g_strdup (ward);
  return TRUE;
}

gboolean
wa_crosswalk_set_population (WaCrosswalk *self, gboolean after, const char *code, double population)
{
  CwLsoa *lsoa = g_hash_table_lookup (self->lsoas[!!after], code);

  if (lsoa == NULL)
    return FALSE;
  lsoa->population = population;
  return TRUE;
}

gboolean
wa_crosswalk_set_decile1 (WaCrosswalk *self, gboolean after, const char *code, gboolean decile1)
{
  CwLsoa *lsoa = g_hash_table_lookup (self->lsoas[!!after], code);

  if (lsoa == NULL)
    return FALSE;
  lsoa->decile1 = decile1;
  return TRUE;
}

gboolean
wa_crosswalk_add_link (WaCrosswalk *self, const char *before, const char *after,
                       const char *change, GError **error)
{
  CwLink link = {
    g_hash_table_lookup (self->lsoas[0], before),
    g_hash_table_lookup (self->lsoas[1], after),
    change != NULL && strlen (change) == 1 ? change[0] : '?',
  };

  if (strchr ("USMX", link.change) == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("LSOAs %s → %s: change code “%s” is not U, S, M or X"),
                   before, after, change != NULL ? change : "");
      return FALSE;
    }
  if (link.before == NULL && link.after == NULL)
    return TRUE;
  if (link.before == NULL || link.after == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_UNKNOWN_CODE,
                   _("LSOAs %s → %s: %s LSOA %s is not in the indicator table"),
                   before, after, side_name (link.before != NULL),
                   link.before == NULL ? before : after);
      return FALSE;
    }
  g_array_append_val (self->links, link);
  return TRUE;
}

static gboolean
check_lsoa (CwLsoa *lsoa, gboolean after, GError **error)
{
  const char *problem = NULL;

  if (lsoa->ward == NULL)
    problem = _("has no ward in the best-fit lookup");
  else if (isnan (lsoa->population))
    problem = _("has no population");
  else if (lsoa->n_links == 0)
    problem = _("is not in the LSOA 2011 to 2021 lookup");
  if (problem == NULL)
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_MISSING, _("%s LSOA %s %s"),
               side_name (after), lsoa->code, problem);
  return FALSE;
}

/* U links join two LSOAs with no other link; S links a new LSOA with one
 * old one; M an old LSOA with one new one. */
static gboolean
check_link (const CwLink *link, GError **error)
{
  gboolean ok = TRUE;

  if (link->change == 'U')
    ok = link->before->n_links == 1 && link->after->n_links == 1;
  else if (link->change == 'S')
    ok = link->after->n_links == 1;
  else if (link->change == 'M')
    ok = link->before->n_links == 1;
  if (!ok)
    g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                 _("LSOAs %s → %s: change code %c, but the old LSOA has %u links and the new one %u"),
                 link->before->code, link->after->code, link->change,
                 link->before->n_links, link->after->n_links);
  return ok;
}

static gboolean
count_links (WaCrosswalk *self, GError **error)
{
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < self->links->len; i++)
    {
      CwLink *link = &g_array_index (self->links, CwLink, i);

      link->before->n_links++;
      link->after->n_links++;
      link->before->linked_population += link->after->population;
      link->after->linked_population += link->before->population;
    }
  for (int side = 0; side < 2; side++)
    {
      g_hash_table_iter_init (&iter, self->lsoas[side]);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (!check_lsoa (value, side, error))
          return FALSE;
    }
  for (guint i = 0; i < self->links->len; i++)
    if (!check_link (&g_array_index (self->links, CwLink, i), error))
      return FALSE;
  return TRUE;
}

/* The part of lsoa's population a link to other carries: shared by the
 * populations on the other side, equally when those are all zero. */
static double
link_fraction (const CwLsoa *lsoa, const CwLsoa *other)
{
  if (lsoa->linked_population > 0)
    return other->population / lsoa->linked_population;
  return 1.0 / lsoa->n_links;
}

static WaCrosswalkPiece *
piece_for (GHashTable *pieces, const CwLink *link)
{
  g_autofree char *key = g_strconcat (link->before->ward, "\t", link->after->ward, NULL);
  WaCrosswalkPiece *piece = g_hash_table_lookup (pieces, key);

  if (piece == NULL)
    {
      piece = g_new0 (WaCrosswalkPiece, 1);
      piece->before = g_strdup (link->before->ward);
      piece->after = g_strdup (link->after->ward);
      g_hash_table_insert (pieces, g_steal_pointer (&key), piece);
    }
  return piece;
}

static void
add_total (GHashTable *totals, const char *ward, double population)
{
  double *total = g_hash_table_lookup (totals, ward);

  if (total == NULL)
    {
      total = g_new0 (double, 2);
      g_hash_table_insert (totals, (char *) ward, total);
    }
  total[0] += population;
  total[1] += 1;                /* pieces, for wards without residents */
}

static double
share (GHashTable *totals, const char *ward, double population)
{
  const double *total = g_hash_table_lookup (totals, ward);

  return total[0] > 0 ? population / total[0] : 1.0 / total[1];
}

static int
compare_pieces (gconstpointer a, gconstpointer b)
{
  const WaCrosswalkPiece *x = *(WaCrosswalkPiece **) a, *y = *(WaCrosswalkPiece **) b;
  int c = strcmp (x->after, y->after);

  if (c != 0)
    return c;
  if (x->share_of_after != y->share_of_after)
    return x->share_of_after > y->share_of_after ? -1 : 1;
  return strcmp (x->before, y->before);
}

static GPtrArray *
finish_pieces (GHashTable *pieces)
{
  g_autoptr(GHashTable) totals_before = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) totals_after = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_crosswalk_piece_free);
  GHashTableIter iter;
  WaCrosswalkPiece *piece;
  gpointer key;

  g_hash_table_iter_init (&iter, pieces);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &piece))
    {
      add_total (totals_before, piece->before, piece->population_before);
      add_total (totals_after, piece->after, piece->population_after);
    }
  g_hash_table_iter_init (&iter, pieces);
  while (g_hash_table_iter_next (&iter, &key, (gpointer *) &piece))
    {
      piece->share_of_before = share (totals_before, piece->before, piece->population_before);
      piece->share_of_after = share (totals_after, piece->after, piece->population_after);
      g_ptr_array_add (out, piece);
      /* The piece moves to out; its key goes. */
      g_hash_table_iter_steal (&iter);
      g_free (key);
    }
  g_ptr_array_sort (out, compare_pieces);
  return out;
}

GPtrArray *
wa_crosswalk_compute (WaCrosswalk *self, GError **error)
{
  g_autoptr(GHashTable) pieces = NULL;

  g_return_val_if_fail (!self->computed, NULL);
  self->computed = TRUE;
  if (!count_links (self, error))
    return NULL;
  pieces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) wa_crosswalk_piece_free);
  for (guint i = 0; i < self->links->len; i++)
    {
      const CwLink *link = &g_array_index (self->links, CwLink, i);
      WaCrosswalkPiece *piece = piece_for (pieces, link);
      double of_before = link_fraction (link->before, link->after);
      double of_after = link_fraction (link->after, link->before);
      double after = link->after->population * of_after;

      piece->population_before += link->before->population * of_before;
      piece->population_after += after;
      if (link->change != 'U')
        piece->lsoa_changed_after += after;
      piece->decile1_before += link->before->decile1 ? of_before : 0;
      piece->decile1_after += link->after->decile1 ? of_after : 0;
    }
  return finish_pieces (pieces);
}

/* ---- the build step ---------------------------------------------------- */

typedef enum { READ_IMD, READ_WARD, READ_POPULATION } ReadKind;

/* Roles of the old edition's sources as the new edition's manifest
 * section names them, and the new edition's own (already read once by
 * wa_build_wards, so not counted again). */
static const char *const roles[2][3] = {
  { "crosswalk-imd-lsoa", "crosswalk-lsoa-ward-lookup", "crosswalk-lsoa-population" },
  { "imd-lsoa", "lsoa-ward-lookup", "lsoa-population" },
};

static gboolean
read_row (WaCrosswalk *cw, WaBuildSource *t, OGRFeatureH feature, gboolean after,
          ReadKind kind, const int *columns, GHashTable *seen, GError **error)
{
  const char *code = wa_build_source_code (t, feature, columns[0], error);
  const char *ward;
  double population;
  guint decile;

  if (code == NULL)
    return FALSE;
  /* A second row for an LSOA would silently replace the first. */
  if (!g_hash_table_add (seen, g_strdup (code)))
    {
      wa_build_source_row_error (t, error, WA_ERROR_DUPLICATE, columns[0],
                                 _("LSOA %s appears twice"), code);
      return FALSE;
    }
  switch (kind)
    {
    case READ_IMD:
      if (!wa_build_source_rank (t, feature, columns[1], &decile, error))
        return FALSE;
      return wa_crosswalk_add_lsoa (cw, after, code, NULL)
             && wa_crosswalk_set_decile1 (cw, after, code, decile == 1);
    case READ_WARD:
      ward = wa_build_source_code (t, feature, columns[1], error);
      if (ward == NULL)
        return FALSE;
      wa_crosswalk_set_ward (cw, after, code, ward);
      return TRUE;
    case READ_POPULATION:
    default:
      if (!wa_build_source_double (t, feature, columns[1], &population, error))
        return FALSE;
      if (!isnan (population) && population < 0)
        {
          wa_build_source_row_error (t, error, WA_ERROR_PARSE, columns[1],
                                     _("LSOA %s has a negative population"), code);
          return FALSE;
        }
      wa_crosswalk_set_population (cw, after, code, population);
      return TRUE;
    }
}

static gboolean
read_lsoa_table (WaBuildContext *ctx, WaCrosswalk *cw, gboolean after, ReadKind kind,
                 GError **error)
{
  static const char *const second[] = { "imd.decile", "ward", "population" };
  int columns[2] = { -1, -1 };
  const WaBuildColumn wanted[] = {
    { "lsoa", &columns[0], TRUE },
    { second[kind], &columns[1], TRUE },
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  OGRFeatureH feature;
  gboolean ok = FALSE;
  WaBuildSource t;

  if (!wa_build_source_open_role (&t, ctx, roles[after][kind], WA_BUILD_SOURCE_TABLE, error)
      || !wa_build_source_columns (&t, wanted, G_N_ELEMENTS (wanted), error))
    goto out;
  t.uncounted = after;
  while ((feature = wa_build_source_next (&t)) != NULL)
    {
      gboolean row_ok = read_row (cw, &t, feature, after, kind, columns, seen, error);

      OGR_F_Destroy (feature);
      if (!row_ok)
        goto out;
    }
  ok = wa_build_source_check_end (&t, error);
out:
  wa_build_source_close (&t);
  return ok;
}

static gboolean
read_links (WaBuildContext *ctx, WaCrosswalk *cw, GError **error)
{
  int columns[3] = { -1, -1, -1 };
  const WaBuildColumn wanted[] = {
    { "lsoa_before", &columns[0], TRUE },
    { "lsoa_after", &columns[1], TRUE },
    { "change", &columns[2], TRUE },
  };
  OGRFeatureH feature;
  gboolean ok = FALSE;
  WaBuildSource t;

  if (!wa_build_source_open_role (&t, ctx, "lsoa-change-lookup", WA_BUILD_SOURCE_TABLE, error)
      || !wa_build_source_columns (&t, wanted, G_N_ELEMENTS (wanted), error))
    goto out;
  while ((feature = wa_build_source_next (&t)) != NULL)
    {
      const char *before = wa_build_source_code (&t, feature, columns[0], error);
      const char *after = before != NULL ? wa_build_source_code (&t, feature, columns[1], error) : NULL;
      const char *change = after != NULL ? wa_build_source_code (&t, feature, columns[2], error) : NULL;
      g_autoptr(GError) local = NULL;
      gboolean row_ok = change != NULL && wa_crosswalk_add_link (cw, before, after, change, &local);

      if (local != NULL)
        wa_build_source_row_error (&t, error, local->code, -1, "%s", local->message);
      OGR_F_Destroy (feature);
      if (!row_ok)
        goto out;
    }
  ok = wa_build_source_check_end (&t, error);
out:
  wa_build_source_close (&t);
  return ok;
}

static gboolean
write_pieces (WaBuildContext *ctx, GPtrArray *pieces, GError **error)
{
  static const WaBuildField fields[] = {
    { WA_PACK_CW_BEFORE, OFTString },
    { WA_PACK_CW_AFTER, OFTString },
    { WA_PACK_CW_POP_BEFORE, OFTReal },
    { WA_PACK_CW_POP_AFTER, OFTReal },
    { WA_PACK_CW_SHARE_OF_BEFORE, OFTReal },
    { WA_PACK_CW_SHARE_OF_AFTER, OFTReal },
    { WA_PACK_CW_LSOA_CHANGED, OFTReal },
    { WA_PACK_CW_DECILE1_BEFORE, OFTReal },
    { WA_PACK_CW_DECILE1_AFTER, OFTReal },
  };
  OGRLayerH layer = wa_build_create_layer_with_fields (ctx, WA_PACK_LAYER_CROSSWALK, wkbNone,
                                                       fields, G_N_ELEMENTS (fields), error);
  gboolean started, ok = layer != NULL;
  OGRFeatureH feature;
  guint n_outside = 0;

  if (!ok)
    return FALSE;
  started = wa_build_begin (ctx);
  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  for (guint i = 0; ok && i < pieces->len; i++)
    {
      const WaCrosswalkPiece *p = g_ptr_array_index (pieces, i);
      const double values[] = {
        p->population_before, p->population_after, p->share_of_before, p->share_of_after,
        p->lsoa_changed_after, p->decile1_before, p->decile1_after,
      };

      /* A new LSOA best-fitted to a ward the edition lacks (the wards step
       * ignores those too): the pack has no ward to describe. */
      if (!g_hash_table_contains (ctx->ward_by_code, p->after))
        {
          n_outside++;
          continue;
        }
      OGR_F_SetFieldString (feature, 0, p->before);
      OGR_F_SetFieldString (feature, 1, p->after);
      for (gsize c = 0; c < G_N_ELEMENTS (values); c++)
        OGR_F_SetFieldDouble (feature, (int) c + 2, values[c]);
      ok = wa_build_write_feature (ctx, layer, feature, error);
    }
  OGR_F_Destroy (feature);
  if (n_outside > 0)
    wa_build_report (ctx, _("Crosswalk: %u pieces into wards outside this edition left out"), n_outside);
  return wa_build_end (ctx, started, ok, error);
}

static void
add_metadata (WaBuildContext *ctx)
{
  static const char *const source_roles[] = {
    "crosswalk-lsoa-ward-lookup", "crosswalk-lsoa-population", "crosswalk-imd-lsoa",
    "lsoa-change-lookup", "lsoa-ward-lookup", "lsoa-population", "imd-lsoa",
  };
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (source_roles); i++)
    {
      const WaManifestSource *source = wa_manifest_find_optional_role (ctx->manifest, ctx->edition,
                                                                        source_roles[i]);
      if (source != NULL)
        g_ptr_array_add (ids, source->id);
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (ctx->extra_metadata, g_strdup (WA_PACK_META_CROSSWALK_METHOD));
  g_ptr_array_add (ctx->extra_metadata, g_strdup (
    "Old wards to new wards through LSOAs: old LSOA to old ward (best fit), "
    "old LSOA to new LSOA (ONS lookup, change codes U/S/M/X), new LSOA to new ward "
    "(best fit); weighted by the old LSOAs' population for shares of old wards and "
    "the new LSOAs' population for shares of new wards; a split or merged LSOA's "
    "population is shared in proportion to the populations on the other side"));
  g_ptr_array_add (ctx->extra_metadata, g_strdup (WA_PACK_META_CROSSWALK_SOURCES));
  g_ptr_array_add (ctx->extra_metadata, g_strjoinv ("; ", (char **) ids->pdata));
}

/* For the "lsoas" layer: whether every predecessor of each new LSOA was in
 * the old edition's IMD decile 1 (OCSI's 2023 left-behind neighbourhoods
 * pair CNI 2023 with IMD 2019 so). */
static void
set_before_decile1 (WaBuildContext *ctx, WaCrosswalk *cw)
{
  for (guint i = 0; ctx->lsoas != NULL && i < cw->links->len; i++)
    {
      const CwLink *link = &g_array_index (cw->links, CwLink, i);
      WaBuildLsoa *lsoa = g_hash_table_lookup (ctx->lsoas, link->after->code);

      if (lsoa != NULL)
        lsoa->before_imd_decile1 = (lsoa->before_imd_decile1 != 0) && link->before->decile1;
    }
}

/* Runs for an edition whose manifest has an LSOA change lookup (2025);
 * other editions have no previous one. */
gboolean
wa_build_crosswalk (WaBuildContext *ctx, GError **error)
{
  g_autoptr(WaCrosswalk) cw = NULL;
  g_autoptr(GPtrArray) pieces = NULL;

  if (wa_manifest_find_optional_role (ctx->manifest, ctx->edition, "lsoa-change-lookup") == NULL)
    return TRUE;
  cw = wa_crosswalk_new ();
  /* IMD first: its LSOAs (England) are the ones the crosswalk covers. */
  for (int after = 0; after < 2; after++)
    for (ReadKind kind = READ_IMD; kind <= READ_POPULATION; kind++)
      if (!read_lsoa_table (ctx, cw, after, kind, error))
        return FALSE;
  if (!read_links (ctx, cw, error))
    return FALSE;
  set_before_decile1 (ctx, cw);
  pieces = wa_crosswalk_compute (cw, error);
  if (pieces == NULL)
    {
      g_prefix_error (error, _("%s: crosswalk: "), wa_build_pack_path (ctx));
      return FALSE;
    }
  wa_build_report (ctx, _("Crosswalk: %u pieces between old and new wards"), pieces->len);
  add_metadata (ctx);
  return write_pieces (ctx, pieces, error);
}
