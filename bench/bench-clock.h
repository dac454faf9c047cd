/* bench-clock.h: the benchmark's two clocks, in milliseconds. */
#pragma once

#include <glib.h>

double now_ms (void);
/* This thread's CPU time: on a machine shared with other work, wall-clock
 * figures mostly measure the other work. */
double cpu_ms (void);
