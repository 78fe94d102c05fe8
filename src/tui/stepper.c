/* stepper.c -- placeholder while the stepper screen is written. */
#include "tui/stepper.h"

#include <stdio.h>

int g_stepper_run(const GStepperOptions *o)
{
    (void)o;
    fprintf(stderr, "gilt: --step is not built yet\n");
    return 2;
}
