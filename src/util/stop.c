// SPDX-License-Identifier: GPL-2.0-only
#include <signal.h>
#include <string.h>

#include "util/stop.h"

volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	if (stop_signal) {
		/* asked twice: whatever is running did not listen */
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	stop_signal = sig;
}

void stop_catch(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	/* no SA_RESTART: a blocking read should return and let the run stop */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* a closed pipe shows as EPIPE on the write, which ends the run */
	signal(SIGPIPE, SIG_IGN);
}
