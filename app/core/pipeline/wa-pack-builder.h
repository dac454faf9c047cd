/* wa-pack-builder.h: builds one edition's data pack from the source
 * manifest and the source folder. The pack is written to a temporary file
 * beside the output and renamed into place only on success, so an
 * interrupted or failed build leaves any previous pack untouched. */
#pragma once

#include <glib.h>
#include "wa-edition.h"

G_BEGIN_DECLS

typedef void (*WaBuildProgressFunc) (const char *message, gpointer user_data);

typedef struct {
  WaEdition edition;
  const char *manifest_path;   /* data/sources.manifest */
  const char *sources_dir;     /* folder the manifest's file paths are relative to */
  const char *output_path;     /* the .gpkg to write */
  gboolean skip_postcodes;     /* for quick fixture builds */
  gboolean accept_changed_sources; /* build from sources whose sha256 or record
                                    * count differs from the manifest's */
  gboolean force;              /* replace an output that is not a pack */
  WaBuildProgressFunc progress;
  gpointer progress_data;
} WaPackBuildOptions;

gboolean wa_pack_build (const WaPackBuildOptions *options, GError **error);
/* Whether the builder has a recipe for EDITION (every row of the edition
 * table must: tests/test-edition.c). */
gboolean wa_pack_build_has_recipe (WaEdition edition);

G_END_DECLS
