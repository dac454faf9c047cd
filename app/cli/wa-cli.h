/* wa-cli.h: the subcommands of ward-atlas-cli. Each returns the process
 * exit status: 0 success, 1 failure (message on stderr), 2 usage error. */
#pragma once

#include <glib.h>
#include "wa-output-path.h"
#include "wa-pack-query.h"

G_BEGIN_DECLS

int wa_cli_build_pack (int argc, char **argv);   /* cli-build-pack.c */
int wa_cli_info       (int argc, char **argv);   /* cli-lookup.c */
int wa_cli_rank       (int argc, char **argv);   /* cli-query.c */
int wa_cli_ward       (int argc, char **argv);   /* cli-lookup.c */
int wa_cli_locate     (int argc, char **argv);   /* cli-lookup.c */
int wa_cli_briefing   (int argc, char **argv);   /* cli-export.c */
int wa_cli_map_image  (int argc, char **argv);   /* cli-export.c */
int wa_cli_profile    (int argc, char **argv);   /* cli-profile.c */
int wa_cli_assets     (int argc, char **argv);   /* cli-assets.c */
int wa_cli_change     (int argc, char **argv);   /* cli-change.c */
int wa_cli_benchmark  (int argc, char **argv);   /* cli-benchmark.c */
int wa_cli_verify     (int argc, char **argv);   /* cli-verify.c */
int wa_cli_neighbourhoods (int argc, char **argv); /* cli-neighbourhoods.c */
int wa_cli_area       (int argc, char **argv);   /* cli-area.c */

/* Shared by the subcommand files (cli-lookup.c, built into both
 * executables, and cli-query.c). */
typedef struct _WaAtlas WaAtlas;
gboolean wa_cli_parse_options (const char *command, const char *parameters, const char *summary,
                               GOptionEntry *entries, int *argc, char ***argv, int n_positional);
/* --format for the commands that print a table, CSV or JSON (NULL = table);
 * prints "unknown format" and returns FALSE for anything else. */
typedef enum { WA_CLI_FORMAT_TABLE, WA_CLI_FORMAT_CSV, WA_CLI_FORMAT_JSON } WaCliFormat;
gboolean wa_cli_parse_format (const char *command, const char *text, WaCliFormat *out);
/* The whole pack; NULL after printing the error. In the front CLI
 * (cli-front.c) it runs the whole command in ward-atlas-cli-full instead
 * and returns only if that cannot be started (NULL, after saying why). */
WaAtlas *wa_cli_open_atlas (const char *path);
/* --method/--threshold/--weights (NULL = keep); prints and returns FALSE
 * on a bad value or an option the method does not use. */
gboolean wa_cli_apply_rank_options (WaAtlas *atlas, const char *method, const char *threshold,
                                    const char *weights);
/* --limit: a whole number from 1 to MAX; prints and returns FALSE if not. */
gboolean wa_cli_parse_limit (const char *text, int max, int *out);
/* May the command write PATH as KIND, PACK being its input? Prints and
 * returns FALSE for a special file or the pack itself, even with --force. */
gboolean wa_cli_check_output (const char *path, WaOutputKind kind, const char *pack);

/* The lazy model or the whole pack (cli-query.c). */
/* The ward at a postcode from QUERY if not NULL, else from ATLAS; *hit is
 * NULL (and ERROR set) for a malformed or unknown postcode, and the ward
 * NULL for a postcode outside every ward. */
WaWard *wa_cli_locate_postcode (WaPackQuery *query, WaAtlas *atlas, const char *text,
                                WaPostcodeHit **hit, GError **error);
/* locate --postcodes-file (cli-locate-batch.c). */
int wa_cli_locate_batch (const char *pack, WaPackQuery *query, WaAtlas *atlas, const char *file,
                         const char *output, gboolean force);
/* A rank as the commands print it: "-" for none. */
char *wa_cli_format_rank (guint rank);
/* The same grouped for people to read, as the app writes it ("1,837"). */
char *wa_cli_format_rank_grouped (guint rank);
/* TEXT, or "-" for NULL or "". */
const char *wa_cli_or_dash (const char *text);
/* text right-aligned in width characters (printf pads by bytes, and the
 * formatter's minus sign "−" is three). */
char *wa_cli_pad_left (const char *text, int width);

/* The front CLI (ward-atlas-cli.c built with WA_CLI_FRONT; cli-front.c):
 * keeps the arguments as given, then runs them in ward-atlas-cli-full in
 * this same process (execv); returns 1 only if that cannot be done. */
void wa_cli_front_keep_arguments (char **argv);
/* Grows the heap once, in huge pages where the kernel allows. */
void wa_cli_front_prepare_heap (void);
int  wa_cli_front_exec_full (void);

/* The change between atlas's edition and the other one (the oldest and
 * the newest), for commands that show it beside an edition (cli-change.c).
 * The other pack is compare_pack if given (an error, printed, if it
 * cannot be opened or is not the other edition: returns FALSE), else,
 * when look_beside, the other edition's pack file (wa-edition.c's
 * pack_file_name) in the folder of pack. Without it *out_change is NULL
 * and, when look_beside, a note on standard error says where it looked.
 * The other atlas keeps its edition's default method. */
typedef struct _WaChange WaChange;
gboolean wa_cli_open_change (const char *command, WaAtlas *atlas, const char *pack,
                             const char *compare_pack, gboolean look_beside,
                             WaAtlas **out_other, WaChange **out_change);

/* assets PACK --list FILE (cli-user-list.c): the options as given (NULL
 * when absent). */
typedef struct {
  const char *list;
  const char *postcode_column, *lon_column, *lat_column, *easting_column, *northing_column;
  const char *name_column;
  const char *ward;
  const char *method;
} WaCliListOptions;
int wa_cli_assets_list (const char *pack, const WaCliListOptions *options, WaCliFormat format);

/* Shared output helpers. */
void wa_cli_print_asset_datasets (WaAtlas *atlas);           /* cli-assets.c */
void wa_cli_print_datasets (GPtrArray *datasets);            /* WaAssetDataset*; cli-lookup.c */
int wa_cli_search     (int argc, char **argv);   /* cli-search.c */

G_END_DECLS
