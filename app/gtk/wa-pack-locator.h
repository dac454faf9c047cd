/* wa-pack-locator.h: where the app looks for data packs when it is not
 * given one, so that both `meson devenv ward-atlas` in a build tree and an
 * installed copy find theirs. */
#pragma once

#include <glib.h>
#include "wa-edition.h"

G_BEGIN_DECLS

/* Folders searched, in order: $WARD_ATLAS_PACK_DIR (set by meson devenv),
 * the user's data dir (~/.local/share/ward-atlas), the install data dir,
 * then each system data dir's ward-atlas folder, and last, when run from
 * the build tree, the build tree's data folder. */
GStrv wa_pack_locator_dup_search_dirs (void);
/* Whether this program is the one in the meson build tree. */
gboolean wa_pack_locator_running_from_build_tree (void);
/* Path of the edition's pack (its pack_file_name) in the first folder
 * holding it, or NULL. */
char *wa_pack_locator_find (WaEdition edition);
/* The newest edition with a pack; FALSE if there is none. */
gboolean wa_pack_locator_find_newest (WaEdition *out_edition, char **out_path);
/* "ward-atlas-2025.gpkg" */
char *wa_pack_locator_file_name (WaEdition edition);

G_END_DECLS
