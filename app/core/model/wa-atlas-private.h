/* wa-atlas-private.h: the atlas's insides, shared by the files that make
 * it up (wa-atlas.c, wa-pack-reader.c, wa-atlas-postcodes.c,
 * wa-atlas-ranks.c) and by the model objects it owns (the search index).
 * Never for front ends: they use wa-atlas.h. */
#pragma once

#include <gdal.h>
#include <sys/stat.h>
#include <ogr_api.h>
#include <sqlite3.h>

#include "wa-asset.h"
#include "wa-atlas.h"
#include "wa-spatial-index.h"
#include "wa-ward-list.h"

G_BEGIN_DECLS

/* LADs, regions, land: the WaAreaKind values. */
#define WA_ATLAS_N_AREA_KINDS 3

/* One simplified geometry level: which zooms it serves and a geometry per
 * item (NULL where the item has none at this level). A level is read from
 * the pack when first drawn (wa_atlas_get_ward_geometry_for_zoom and the
 * area form): a launch draws one zoom, and reading every level at open was
 * a fifth of the pack read and 20 MB held for zooms not yet shown. */
typedef enum { WA_LEVEL_UNREAD, WA_LEVEL_READY, WA_LEVEL_FAILED } WaLevelState;

typedef struct {
  int min_zoom;
  int max_zoom;
  char *layer;             /* the pack's layer */
  int kind;                /* -1 for wards, else a WaAreaKind */
  gint state;              /* atomic WaLevelState; geometries never change once READY */
  GPtrArray *geometries;   /* WaGeometry* or NULL, by item index */
} WaGeometryLevel;

/* Reads level->layer into level->geometries (wa-pack-reader.c, through
 * GDAL: a hook so that wa-atlas.c references none). */
typedef gboolean (*WaLevelReader) (struct _WaAtlas *self, WaGeometryLevel *level, GError **error);

struct _WaAtlas
{
  GObject parent_instance;

  char *path;
  GDALDatasetH dataset;      /* kept open for postcode queries */
  OGRLayerH postcodes;       /* NULL when the pack has none */
  WaEdition edition;
  GHashTable *metadata;      /* key -> value */
  GPtrArray *sources;        /* WaSourceInfo* */

  GPtrArray *wards;          /* WaWard*, in the pack's order */
  WaWardList *ward_list;     /* the same, as a GListModel */
  GHashTable *ward_by_code;  /* code -> WaWard* (borrowed) */
  guint n_ranked[WA_N_INDICATORS];
  char *notes[WA_N_INDICATORS];
  WaBBox extent;
  WaSpatialIndex *grid;
  GArray *ward_levels;       /* WaGeometryLevel; the full level is not stored here */
  WaLevelReader read_level;  /* NULL: no level is read, full geometry serves */
  GMutex level_lock;         /* one level read at a time */
  struct stat pack_stat;     /* the file opened: a level is read only from it */

  GPtrArray *areas[WA_ATLAS_N_AREA_KINDS];      /* WaArea* */
  GArray *area_levels[WA_ATLAS_N_AREA_KINDS];   /* WaGeometryLevel */
  GPtrArray *places;         /* WaPlace* */
  WaRoads *roads;            /* motorways and stations; empty for older packs */
  WaLsoas *lsoas;            /* neighbourhoods; empty for older packs */
  WaAssets *assets;          /* see wa-asset.c */
  /* A progressive open (wa_atlas_open_progressive_async) hands the atlas
   * over before its assets are read; until they are (or their read
   * failed, leaving an empty set), assets_pending is set and
   * wa_atlas_get_assets waits on assets_ready. */
  gint assets_pending;       /* atomic */
  gboolean assets_go;        /* under assets_lock: read them now (wa_atlas_start_assets) */
  GMutex assets_lock;
  GCond assets_ready;        /* pending cleared, or assets_go set */
  char *load_error;          /* the failed asset read, once reported on the main context */
  gint refused;              /* atomic: that read failed; nothing more is read from the pack */
  gboolean ranks_unchecked;  /* its stored ranks are checked before its assets are read */
  /* Frees the dataset and assets of a fully opened atlas (wa-atlas-open.c);
   * NULL for the partial atlas of a lazy query. A hook rather than a call
   * so that wa-atlas.c references no GDAL. */
  void (*release_pack) (struct _WaAtlas *self);
  /* The search index, built on first use by wa-search.c; it holds no
   * reference back, so it goes with the atlas. */
  struct _WaSearch *search;

  WaRankParams rank_params;
  /* The wards' ranks were computed with rank_params (set by
   * wa_atlas_set_rank_params), so the same parameters again change nothing. */
  gboolean ranked;
};

/* wa-atlas.c */
void      wa_atlas_area_free (gpointer area);
void      wa_atlas_emit_ranks_changed (WaAtlas *self);
/* Ends a progressive open's wait for the assets: assets (never NULL) are
 * the atlas's from now on. Any thread. */
void      wa_atlas_publish_assets (WaAtlas *self, WaAssets *assets);
/* Until wa_atlas_start_assets or wa_atlas_get_assets is called, or
 * timeout_us have passed; any thread. */
void      wa_atlas_wait_for_assets_start (WaAtlas *self, gint64 timeout_us);
/* Records message and emits "load-failed"; main context only. */
void      wa_atlas_emit_load_failed (WaAtlas *self, const char *message);
/* Emits "assets-ready"; main context only. */
void      wa_atlas_emit_assets_ready (WaAtlas *self);

/* wa-pack-reader.c: opens self->path and reads every layer but the
 * postcodes into self. */
gboolean  wa_pack_reader_load (WaAtlas *self, GError **error);
/* A GDAL dataset of its own on the very file opened (same device, inode,
 * size and mtime as when it was opened), for reading in another thread;
 * NULL and an error naming the file and what was to be read otherwise. */
GDALDatasetH wa_pack_reader_reopen (WaAtlas *self, const char *what, GError **error);
/* An SQLite connection of its own to the very file opened, likewise, for
 * reading the biggest layers as rows (wa-pack-sql.h); close it with
 * sqlite3_close (). */
sqlite3  *wa_pack_reader_open_sql (WaAtlas *self, GError **error);
/* Records the opened pack as verified (wa-pack-stamp.h); only once it has
 * been read whole without an error. */
void      wa_pack_reader_stamp (WaAtlas *self);
/* Whether the pack stores ranks to check (*out_stored): its metadata
 * names the edition's default method, and the "ward_ranks" layer has the
 * columns; FALSE, naming the file, when the layer or a column is missing. */
gboolean  wa_pack_reader_find_ward_ranks (WaAtlas *self, gboolean *out_stored, GError **error);
/* The stored ranks are the default method's (wa_atlas_default_rank_params),
 * ward by ward: read from the wards when wards_ranked_so, else computed
 * aside, so that a worker can check them while the main thread ranks the
 * wards by another method. Through SQLite only. FALSE, naming the file,
 * when they differ. */
gboolean  wa_pack_reader_check_ward_ranks (WaAtlas *self, gboolean wards_ranked_so, GError **error);
/* A field's text (NULL if unset or index < 0) and number (NAN likewise). */
char     *wa_pack_reader_dup_field  (OGRFeatureH feature, int index);
double    wa_pack_reader_get_double (OGRFeatureH feature, int index);

/* wa-atlas-ranks.c: what a pack opens ranked by, and what its stored
 * ranks hold: the edition's default method at the default threshold. */
void      wa_atlas_default_rank_params (WaAtlas *self, WaRankParams *out_params);
/* Ranks by params (NULL, or invalid for the edition: the default); an
 * error names the pack when its ranks contradict each other. */
gboolean  wa_atlas_apply_ranks (WaAtlas *self, const WaRankParams *params, GError **error);
gboolean  wa_atlas_apply_default_ranks (WaAtlas *self, GError **error);
/* Puts each ward's share of residents in published left-behind
 * neighbourhoods on the ward (wa_ward_get_neighbourhood_share). */
void      wa_atlas_assign_neighbourhood_shares (WaAtlas *self);

G_END_DECLS
