/* bench-cli.h: how long one-off ward-atlas-cli commands take, whole
 * process: info, ward, locate --postcode and --lonlat (target <= 60 ms
 * each), and locate --postcodes-file with 100,000 postcodes (target < 2 s);
 * warm (the pack stamped as verified: the lazy model) and first run (no
 * stamp: the command opens the pack whole and checks it). */
#pragma once

/* CLI: the ward-atlas-cli executable; PACK: a built pack. Prints a table
 * of median and worst wall-clock and CPU times (the children's user +
 * system time, which the other work on a shared machine inflates less). */
void bench_cli (const char *cli, const char *pack);
