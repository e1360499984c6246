/* SPDX-License-Identifier: GPL-2.0-only */
/* A minimal TAP producer for the C unit tests. */
#ifndef ICTL_TAP_H
#define ICTL_TAP_H

#include <stdbool.h>

void tap_plan(int n);
/* prints "ok N - desc" or "not ok N - desc"; returns @cond */
bool ok(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* exit status: 0 when every planned test passed */
int tap_done(void);

#endif
