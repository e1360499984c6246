// SPDX-License-Identifier: GPL-2.0-only
/*
 * The baseline of `make bench`: the same cycles of iommufd calls that
 * bench.sh has iommufd-ctl run from a script, issued as bare ioctls with
 * nothing around them (no parsing, no records, no timing per call).
 *
 *   bench-loop ioas N     N x (IOAS alloc, map LEN at a fixed IOVA, unmap,
 *                         destroy); LEN goes round 4K 8K 16K 32K 64K
 *   bench-loop map N      one IOAS, then N x (map LEN, unmap)
 *   bench-loop device N   one IOAS, then N x (mock device create, paging HWPT
 *                         alloc, attach the device to it, destroy the
 *                         device, destroy the HWPT)
 *   bench-loop time CMD [ARG...]
 *                         run CMD and report its wall time (busybox has no
 *                         clock finer than 10 ms)
 *
 * The cycles print "ops=N seconds=S ops_per_s=R" (the loop alone, the open
 * of /dev/iommu excluded); time prints "seconds=S status=RC" on stderr.
 * Built statically so it runs in the test VM's busybox initramfs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/abi.h"

#define IOVA	(16u << 20)
#define BUF_LEN	(64u << 10)

static int fd = -1;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void call(unsigned long req, void *arg, const char *what)
{
	if (ioctl(fd, req, arg)) {
		fprintf(stderr, "bench-loop: %s: %s\n", what, strerror(errno));
		exit(1);
	}
}

static void destroy(uint32_t id)
{
	struct ictl_iommu_destroy d = { .size = sizeof(d), .id = id };

	call(ICTL_IOMMU_DESTROY, &d, "destroy");
}

static uint32_t ioas_alloc(void)
{
	struct ictl_iommu_ioas_alloc a = { .size = sizeof(a) };

	call(ICTL_IOMMU_IOAS_ALLOC, &a, "ioas alloc");
	return a.out_ioas_id;
}

/* cycle @i's mapping: LEN goes round 4K..64K */
static void map_unmap(uint32_t ioas, void *buf, unsigned long i)
{
	uint64_t len = (uint64_t)4096 << (i % 5);
	struct ictl_iommu_ioas_map m = {
		.size = sizeof(m), .ioas_id = ioas,
		.flags = ICTL_IOMMU_IOAS_MAP_FIXED_IOVA |
			 ICTL_IOMMU_IOAS_MAP_READABLE |
			 ICTL_IOMMU_IOAS_MAP_WRITEABLE,
		.user_va = (uintptr_t)buf, .length = len, .iova = IOVA,
	};
	struct ictl_iommu_ioas_unmap u = {
		.size = sizeof(u), .ioas_id = ioas, .iova = IOVA, .length = len,
	};

	call(ICTL_IOMMU_IOAS_MAP, &m, "ioas map");
	call(ICTL_IOMMU_IOAS_UNMAP, &u, "ioas unmap");
}

/* 4 ops a cycle */
static unsigned long cycle_ioas(unsigned long n, void *buf)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		uint32_t ioas = ioas_alloc();

		map_unmap(ioas, buf, i);
		destroy(ioas);
	}
	return 4 * n;
}

/* 2 ops a cycle, on one IOAS made beforehand */
static unsigned long cycle_map(unsigned long n, uint32_t ioas, void *buf)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		map_unmap(ioas, buf, i);
	return 2 * n;
}

/* 5 ops a cycle, on one IOAS made beforehand */
static unsigned long cycle_device(unsigned long n, uint32_t ioas)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		struct ictl_iommu_test_cmd dev = {
			.size = sizeof(dev), .op = ICTL_IOMMU_TEST_OP_MOCK_DOMAIN,
			.id = ioas,
		};
		struct ictl_iommu_hwpt_alloc h = { .size = sizeof(h), .pt_id = ioas };
		struct ictl_iommu_test_cmd rep = {
			.size = sizeof(rep), .op = ICTL_IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE,
		};

		call(ICTL_IOMMU_TEST_CMD, &dev, "mock create");
		h.dev_id = dev.mock_domain.out_idev_id;
		call(ICTL_IOMMU_HWPT_ALLOC, &h, "hwpt alloc");
		rep.id = dev.mock_domain.out_stdev_id;
		rep.mock_domain_replace.pt_id = h.out_hwpt_id;
		call(ICTL_IOMMU_TEST_CMD, &rep, "mock replace");
		destroy(dev.mock_domain.out_stdev_id);
		destroy(h.out_hwpt_id);
	}
	return 5 * n;
}

static int stopwatch(char **argv)
{
	double t0 = now();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return perror("bench-loop: fork"), 1;
	if (!pid) {
		execvp(argv[0], argv);
		fprintf(stderr, "bench-loop: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return perror("bench-loop: waitpid"), 1;
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	fprintf(stderr, "seconds=%.3f status=%d\n", now() - t0, status);
	return status;
}

static void __attribute__((noreturn)) usage(void)
{
	fputs("usage: bench-loop ioas|map|device N | bench-loop time CMD [ARG...]\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long n, ops;
	double t0, dt;
	char *end;
	void *buf;

	if (argc >= 3 && !strcmp(argv[1], "time"))
		return stopwatch(argv + 2);
	if (argc != 3)
		usage();
	n = strtoul(argv[2], &end, 10);
	if (*end || !n)
		usage();
	fd = open("/dev/iommu", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror("bench-loop: /dev/iommu");
		return 3;
	}
	/* as `mem alloc` makes it: zeroed and faulted in */
	buf = mmap(NULL, BUF_LEN, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		return perror("bench-loop: mmap"), 1;
	memset(buf, 0, BUF_LEN);
	if (!strcmp(argv[1], "ioas")) {
		t0 = now();
		ops = cycle_ioas(n, buf);
	} else if (!strcmp(argv[1], "map")) {
		uint32_t ioas = ioas_alloc();

		t0 = now();
		ops = cycle_map(n, ioas, buf);
	} else if (!strcmp(argv[1], "device")) {
		uint32_t ioas = ioas_alloc();

		t0 = now();
		ops = cycle_device(n, ioas);
	} else {
		usage();
	}
	dt = now() - t0;
	printf("ops=%lu seconds=%.3f ops_per_s=%.0f\n", ops, dt, (double)ops / dt);
	close(fd);
	return 0;
}
