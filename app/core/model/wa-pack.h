/* wa-pack.h: the data pack schema, shared by the builder (writer) and the
 * atlas (reader). A pack is one GeoPackage per edition; all geometry is
 * EPSG:4326 with longitude first. Bump WA_PACK_SCHEMA_VERSION on any change. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 2: asset layers (assets, asset_counts, asset_datasets).
 * 3: layer fingerprints in the metadata (wa-pack-check.h).
 * 4: the fingerprints cover each layer's column names and types.
 * 5: postcodes sorted by postcode in rowid order 1..n, each with a check value.
 * 6: the "lsoas" layer.
 * 7: the wards' figures also as one blob per ward (wa-pack-figures.h),
 *    which the reader takes instead of the figure columns. */
#define WA_PACK_SCHEMA_VERSION 7

/* ---- metadata: attribute table (key TEXT, value TEXT) ---------------- */
#define WA_PACK_LAYER_METADATA        "metadata"
#define WA_PACK_META_KEY              "key"
#define WA_PACK_META_VALUE            "value"
/* Keys: */
#define WA_PACK_META_SCHEMA_VERSION   "schema_version"   /* "2" */
#define WA_PACK_META_EDITION          "edition"          /* "2019" | "2025" */
#define WA_PACK_META_BUILD_DATE       "build_date"       /* ISO 8601 UTC */
#define WA_PACK_META_GENERATOR        "generator"        /* "ward-atlas-cli 0.1.0" */
#define WA_PACK_META_WARD_COUNT       "ward_count"
#define WA_PACK_META_LSOA_COUNT       "lsoa_count"       /* LSOAs in the IMD table used for aggregation */
#define WA_PACK_META_LSOA_DECILE1     "lsoa_imd_decile1_count" /* of those, LSOAs in IMD decile 1 */
#define WA_PACK_META_CHANGED_SOURCES  "changed_sources"  /* built with --accept-changed-sources: what differed */
#define WA_PACK_META_VINTAGES         "vintages"         /* e.g. "Wards Dec 2017; IMD 2019; CNI 2019" */

/* ---- sources: attribute table, one row per manifest source used ------ */
#define WA_PACK_LAYER_SOURCES         "sources"
#define WA_PACK_SRC_ID                "id"
#define WA_PACK_SRC_ROLE              "role"
#define WA_PACK_SRC_TITLE             "title"
#define WA_PACK_SRC_FILE              "file"
#define WA_PACK_SRC_PUBLISHER         "publisher"
#define WA_PACK_SRC_URL               "url"
#define WA_PACK_SRC_LICENCE           "licence"
#define WA_PACK_SRC_ATTRIBUTION       "attribution"
#define WA_PACK_SRC_RECORDS           "records"          /* rows read (integer) */

/* ---- indicators: attribute table, one row per WaIndicator present ---- */
#define WA_PACK_LAYER_INDICATORS      "indicators"
#define WA_PACK_IND_ID                "id"               /* wa_indicator_id () */
#define WA_PACK_IND_N_RANKED          "n_ranked"         /* wards ranked (rank denominator) */
#define WA_PACK_IND_SOURCE_NOTE       "note"             /* how the ward figures were made */

/* ---- wards: MULTIPOLYGON layer, full detail geometry ----------------- */
/* Wards without geometry (in the indicator tables, not on the map) are
 * features with a NULL geometry. */
#define WA_PACK_LAYER_WARDS           "wards"
#define WA_PACK_WARD_CODE             "code"
#define WA_PACK_WARD_NAME             "name"
#define WA_PACK_WARD_LAD_CODE         "lad_code"
#define WA_PACK_WARD_LAD_NAME         "lad_name"
#define WA_PACK_WARD_REGION_CODE      "region_code"
#define WA_PACK_WARD_REGION_NAME      "region_name"
#define WA_PACK_WARD_POPULATION       "population"       /* integer; NULL = unknown */
#define WA_PACK_WARD_N_LSOA           "n_lsoa"           /* LSOAs best-fitted to the ward */
#define WA_PACK_WARD_GEOM_SOURCE      "geom_source"      /* from the boundary file */
#define WA_PACK_WARD_OFFICIAL         "official_left_behind" /* integer 0/1; NULL = not in the list's universe */
#define WA_PACK_WARD_FIGURES          "figures"          /* blob: every figure below, as wa-pack-figures.h */
/* Where the ward's name goes: the centre of the largest circle inside the
 * polygon (lon/lat) and its radius in metres; NULL without geometry.
 * Optional: older packs draw no ward names. */
#define WA_PACK_WARD_LABEL_LON        "label_lon"
#define WA_PACK_WARD_LABEL_LAT        "label_lat"
#define WA_PACK_WARD_LABEL_RADIUS     "label_radius_m"
/* Per indicator, columns named "<indicator id>_<suffix>", e.g. "imd_income_rank": */
#define WA_PACK_SUFFIX_SCORE          "score"            /* real, NULL = none */
#define WA_PACK_SUFFIX_RANK           "rank"             /* integer, NULL = none */
#define WA_PACK_SUFFIX_DECILE         "decile"           /* integer, NULL = none */
#define WA_PACK_SUFFIX_EXTENT         "extent"           /* real, IMD family only */
#define WA_PACK_SUFFIX_PROPORTION     "proportion"       /* real, IMD family only */
#define WA_PACK_SUFFIX_SOURCE         "source"           /* integer WaFigureSource */

/* ---- simplified ward geometry for low zooms -------------------------- */
/* Layers "wards_lod0" .. with (code TEXT, geometry). geometry_levels says
 * which layer serves which zooms, and its tolerance in degrees (below half
 * a 512 px-tile pixel at the layer's max zoom). */
#define WA_PACK_LAYER_LEVELS          "geometry_levels"
#define WA_PACK_LEVEL_LAYER           "layer"            /* layer name */
#define WA_PACK_LEVEL_KIND            "kind"             /* "wards" | "lads" | "regions" | "land" */
#define WA_PACK_LEVEL_MIN_ZOOM        "min_zoom"
#define WA_PACK_LEVEL_MAX_ZOOM        "max_zoom"         /* 99 = no limit */
#define WA_PACK_LEVEL_TOLERANCE       "tolerance"        /* degrees; 0 = unsimplified */
#define WA_PACK_LOD_CODE              "code"

/* ---- other boundaries ------------------------------------------------ */
#define WA_PACK_LAYER_LADS            "lads"             /* code, name, region_code, region_name */
#define WA_PACK_LAYER_REGIONS         "regions"          /* code, name */
#define WA_PACK_LAYER_LAND            "land"             /* UK countries: code, name */
#define WA_PACK_AREA_CODE             "code"
#define WA_PACK_AREA_NAME             "name"
#define WA_PACK_AREA_REGION_CODE      "region_code"
#define WA_PACK_AREA_REGION_NAME      "region_name"

/* ---- places: POINT layer for labels and search (England) ------------- */
#define WA_PACK_LAYER_PLACES          "places"
#define WA_PACK_PLACE_NAME            "name"
#define WA_PACK_PLACE_KIND            "kind"      /* "city" | "town" | "village" | "hamlet" | "suburb" | "other" */
#define WA_PACK_PLACE_MAJOR           "major"     /* 1 if an ONS major town or city */
#define WA_PACK_PLACE_DISTRICT        "district"  /* district/borough or county name */
#define WA_PACK_PLACE_WARD_CODE       "ward_code" /* NULL if outside every ward */
#define WA_PACK_PLACE_IMPORTANCE      "importance"/* real; larger = label first (kind, then extent) */
#define WA_PACK_PLACE_MIN_X           "min_x"     /* extent in degrees, for fitting */
#define WA_PACK_PLACE_MIN_Y           "min_y"
#define WA_PACK_PLACE_MAX_X           "max_x"
#define WA_PACK_PLACE_MAX_Y           "max_y"

/* ---- orientation layers (optional: packs built before them lack them) -- */
#define WA_PACK_LAYER_MOTORWAYS       "motorways"  /* LINESTRING, Great Britain */
#define WA_PACK_MOTORWAY_REF          "ref"        /* "M62"; "" if unnumbered */
#define WA_PACK_LAYER_STATIONS        "stations"   /* POINT, National Rail, Great Britain */
#define WA_PACK_STATION_NAME          "name"
#define WA_PACK_STATION_CODE          "crs"        /* three-letter CRS code, or NULL */

/* ---- postcodes: attribute table (England, Code-Point Open) ----------- */
/* An index on "postcode" makes lookups and prefix searches cheap; the
 * table is never loaded wholesale. Rows are in postcode order with rowids
 * 1..n (n = the metadata's "layer_rows:postcodes"), so that a postcode the
 * index does not find is confirmed absent by a binary search on the rowid,
 * which does not use the index (wa-postcode-row.h). */
#define WA_PACK_LAYER_POSTCODES       "postcodes"
#define WA_PACK_PC_POSTCODE           "postcode"  /* normalised: upper case, no space */
#define WA_PACK_PC_DISPLAY            "display"   /* "SW1A 0AA" */
#define WA_PACK_PC_LON                "lon"
#define WA_PACK_PC_LAT                "lat"
#define WA_PACK_PC_WARD_CODE          "ward_code" /* edition ward by point-in-polygon; NULL if none */
#define WA_PACK_PC_QUALITY            "quality"   /* Code-Point positional quality */
#define WA_PACK_PC_CHECK              "row_check" /* wa_postcode_row_check () of the row, as a signed 32-bit integer */

/* ---- neighbours: attribute table (ward_code, neighbour_code), both ways */
#define WA_PACK_LAYER_NEIGHBOURS      "ward_neighbours"
#define WA_PACK_NB_WARD               "ward_code"
#define WA_PACK_NB_NEIGHBOUR          "neighbour_code"

/* ---- ward_ranks: attribute table, one row per ward in ward order (its
 * fid is the ward's index + 1): the combined rank and classification of
 * each ward under the method named by the metadata key
 * WA_PACK_META_WARD_RANKS_METHOD (the edition's default, with the default
 * threshold), so that a one-off answer (wa-pack-query.c) need not rank
 * every ward. Written from the model's own ranks when the pack is sealed
 * (wa-build-ward-ranks.c); whenever the whole pack is opened the reader
 * ranks the wards itself and refuses a pack whose table differs. */
#define WA_PACK_LAYER_WARD_RANKS       "ward_ranks"
#define WA_PACK_WR_CODE                "code"
#define WA_PACK_WR_WARD_FID            "ward_fid"       /* its row in "wards" */
#define WA_PACK_WR_COMBINED_RANK       "combined_rank"  /* 0 = unranked */
#define WA_PACK_WR_LEFT_BEHIND         "left_behind"    /* 0 or 1 */
#define WA_PACK_WR_ON_MAP              "on_map"         /* 1 when the ward has a boundary */
#define WA_PACK_META_WARD_RANKS_METHOD "ward_ranks_method" /* a rank method id */

/* ---- crosswalk (2025 pack; see wa-change.h and README "Change since
 * 2019"): attribute table, one row per (predecessor ward, successor ward)
 * pair sharing residents, built through LSOAs by wa-build-crosswalk.c. */
/* ---- lsoas: MULTIPOLYGON layer, the edition's LSOAs in England ------- */
/* One feature per LSOA of the boundary file that the LSOA to ward lookup
 * places in a ward of the edition. Per indicator with LSOA figures,
 * "<indicator id>_score" (REAL) and "<indicator id>_rank" (INTEGER, among
 * the LSOAs of England; NULL when the table has none); the metadata key
 * WA_PACK_META_LSOA_RANKED_PREFIX + indicator id gives the denominator. */
#define WA_PACK_LAYER_LSOAS           "lsoas"
#define WA_PACK_LSOA_CODE             "code"
#define WA_PACK_LSOA_NAME             "name"
#define WA_PACK_LSOA_WARD_CODE        "ward_code"
#define WA_PACK_LSOA_POPULATION       "population"       /* integer; NULL = unknown */
#define WA_PACK_LSOA_PUBLISHED        "left_behind_published" /* OCSI's flag 0/1; NULL = not published */
#define WA_PACK_LSOA_BEFORE_DECILE1   "before_imd_decile1" /* every predecessor LSOA in the previous
                                                            * edition's IMD decile 1, 0/1; NULL = no lookup */
#define WA_PACK_META_LSOA_RANKED_PREFIX "lsoa_ranked:"

#define WA_PACK_LAYER_CROSSWALK       "crosswalk"
#define WA_PACK_CW_BEFORE             "predecessor_code"  /* ward of the previous edition */
#define WA_PACK_CW_AFTER              "successor_code"    /* ward of this edition */
#define WA_PACK_CW_POP_BEFORE         "population_before" /* predecessor's residents in the piece (its population year) */
#define WA_PACK_CW_POP_AFTER          "population_after"  /* successor's residents in the piece (its population year) */
#define WA_PACK_CW_SHARE_OF_BEFORE    "share_of_predecessor" /* of the predecessor's residents */
#define WA_PACK_CW_SHARE_OF_AFTER     "share_of_successor"   /* of the successor's residents */
#define WA_PACK_CW_LSOA_CHANGED       "lsoa_changed_population" /* of population_after, in LSOAs split, merged or redrawn */
#define WA_PACK_CW_DECILE1_BEFORE     "imd_decile1_lsoas_before" /* LSOAs in IMD decile 1, the old LSOAs shared by population */
#define WA_PACK_CW_DECILE1_AFTER      "imd_decile1_lsoas_after"
#define WA_PACK_META_CROSSWALK_METHOD  "crosswalk_method"
#define WA_PACK_META_CROSSWALK_SOURCES "crosswalk_sources"

/* ---- social-infrastructure assets (schema 2; see wa-asset.h) ---------- */
/* assets: POINT layer, one feature per asset after duplicates are merged. */
#define WA_PACK_LAYER_ASSETS          "assets"
#define WA_PACK_ASSET_NAME            "name"       /* NULL when the source has none */
#define WA_PACK_ASSET_CATEGORY        "category"   /* wa_asset_category_id () */
#define WA_PACK_ASSET_ADDRESS         "address"
#define WA_PACK_ASSET_POSTCODE        "postcode"   /* display form, NULL when unknown */
#define WA_PACK_ASSET_SOURCE          "source"     /* manifest source id of the kept record */
#define WA_PACK_ASSET_MERGED_FROM     "merged_from"/* ";"-separated ids of merged duplicates' sources */
#define WA_PACK_ASSET_REF             "ref"        /* the source's own record id */
#define WA_PACK_ASSET_WARD_CODE       "ward_code"  /* edition ward by point-in-polygon */

/* asset_counts: attribute table, one row per (ward, category) that some
 * dataset covers, zeros included; no row = not covered. */
#define WA_PACK_LAYER_ASSET_COUNTS    "asset_counts"
#define WA_PACK_AC_WARD_CODE          "ward_code"
#define WA_PACK_AC_CATEGORY           "category"
#define WA_PACK_AC_COUNT              "count"

/* asset_datasets: attribute table, one row per asset source. */
#define WA_PACK_LAYER_ASSET_DATASETS  "asset_datasets"
#define WA_PACK_AD_ID                 "id"         /* manifest source id */
#define WA_PACK_AD_TITLE              "title"
#define WA_PACK_AD_CATEGORIES         "categories" /* ";"-separated category ids */
#define WA_PACK_AD_COVERAGE           "coverage"   /* "england" or ";"-separated LAD codes */
#define WA_PACK_AD_COVERAGE_NAME      "coverage_name"
#define WA_PACK_AD_READ               "read"
#define WA_PACK_AD_EXCLUDED           "excluded"
#define WA_PACK_AD_SKIPPED            "skipped"
#define WA_PACK_AD_GEOCODED           "geocoded"
#define WA_PACK_AD_UNMATCHED          "unmatched"
#define WA_PACK_AD_NO_LOCATION        "no_location"
#define WA_PACK_AD_OUTSIDE            "outside"
#define WA_PACK_AD_MERGED             "merged"
#define WA_PACK_AD_IMPORTED           "imported"

G_END_DECLS
