/* ward-atlas-cli.c: not written yet. */
#include "wa-cli.h"
int main (void) { return 1; }
