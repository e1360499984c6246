/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SIGINT and SIGTERM. The first one sets stop_signal: every loop (steps,
 * sweeps, the walk, reading a script) checks it, puts back what it changed
 * (a device's driver, fault injection knobs) and ends with 128 + the
 * signal. A second one ends the process at once, so nothing can make the
 * tool unkillable.
 */
#ifndef ICTL_STOP_H
#define ICTL_STOP_H

#include <signal.h>

extern volatile sig_atomic_t stop_signal;

void stop_catch(void);

#endif
