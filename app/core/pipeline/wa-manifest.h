/* wa-manifest.h: the source manifest (data/sources.manifest, GKeyFile
 * syntax). It lists every input file with its role, publisher, download
 * address, licence, attribution and column names, so the builder never
 * hard-codes a file or column name. Format documented in the file itself. */
#pragma once

#include <glib.h>
#include "wa-edition.h"

G_BEGIN_DECLS

typedef struct {
  char *id;            /* the section name after "source " */
  char *role;          /* e.g. "ward-boundaries", "cni-ward", "imd-lsoa" */
  char *title;
  char *file;          /* relative to the sources folder */
  char *layer;         /* optional layer name (GeoPackage); NULL = the only layer */
  char *publisher;
  char *url;           /* official download address */
  char *licence;
  char *attribution;
  char *format;        /* optional: "csv", "tsv", "csv-noheader", "gpkg"...; NULL = by extension */
  char *sha256;        /* optional: SHA-256 of the file as the manifest knows it (lowercase hex) */
  gint64 records;      /* optional: records the builder reads from it; -1 = not recorded */
  GStrv editions;      /* e.g. {"2019", NULL} */
  GHashTable *columns; /* logical name -> header, from "column.<name>=<header>" keys */
  GHashTable *options; /* any other "option.<name>=<value>" keys */
  char *manifest_path; /* the manifest the source came from, for errors */
} WaManifestSource;

typedef struct _WaManifest WaManifest;

WaManifest *wa_manifest_load      (const char *path, GError **error);
WaManifest *wa_manifest_load_data (const char *data, gssize length, const char *name, GError **error);
void        wa_manifest_free      (WaManifest *manifest);
const char *wa_manifest_get_path  (WaManifest *manifest);

/* Sources that serve the edition, in file order (borrowed). */
GPtrArray  *wa_manifest_get_sources (WaManifest *manifest, WaEdition edition);
/* The single source with that role for the edition; error naming the
 * manifest, role and edition if there is none, or more than one. */
const WaManifestSource *wa_manifest_find_role (WaManifest *manifest, WaEdition edition,
                                               const char *role, GError **error);
/* Like find_role but NULL without error when absent (optional inputs). */
const WaManifestSource *wa_manifest_find_optional_role (WaManifest *manifest, WaEdition edition,
                                                        const char *role);
/* Whether many sources may serve the role in one edition ("assets"): such
 * roles are read from get_sources, never looked up by find_role. */
gboolean    wa_manifest_role_is_multi (const char *role);
/* Edition-level keys from "[edition 2019]": "title", "vintages", ... */
const char *wa_manifest_get_edition_key (WaManifest *manifest, WaEdition edition, const char *key);

/* Header name for a logical column; error naming the manifest and source if unset. */
const char *wa_manifest_source_column (const WaManifestSource *source, const char *name, GError **error);
const char *wa_manifest_source_optional_column (const WaManifestSource *source, const char *name);
const char *wa_manifest_source_option (const WaManifestSource *source, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaManifest, wa_manifest_free)

G_END_DECLS
