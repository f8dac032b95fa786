// SPDX-License-Identifier: GPL-2.0
/*
 * faultnth N CMD [ARG]...: run CMD with the N-th fault point its task
 * reaches made to fail (the kernel's per-task fail-nth, which counts
 * every should_fail() the task passes: vfpool's own points, and
 * failslab/fail_page_alloc unless their filters keep them out).
 *
 * CMD runs in a child that sets its own fail-nth and execs. Once it has
 * exited, and before it is reaped, its fail-nth is read: 0 means the
 * N-th point was reached and failed, anything else that CMD passed fewer
 * than N points. Prints "faultnth: fired" or "faultnth: not-reached"
 * on stderr, after whatever CMD printed, and exits with CMD's status.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static int fail_nth_path(char *buf, size_t size, pid_t pid)
{
	return snprintf(buf, size, "/proc/%d/task/%d/fail-nth", pid, pid);
}

int main(int argc, char **argv)
{
	char path[64], val[32];
	siginfo_t si = { 0 };
	int fd, status, n;
	ssize_t len;
	pid_t pid;

	if (argc < 3 || atoi(argv[1]) <= 0) {
		fprintf(stderr, "usage: faultnth N CMD [ARG]...\n");
		return 2;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (!pid) {
		fail_nth_path(path, sizeof(path), getpid());
		fd = open(path, O_WRONLY);
		if (fd < 0 || write(fd, argv[1], strlen(argv[1])) < 0) {
			fprintf(stderr, "faultnth: %s: %s\n", path, strerror(errno));
			_exit(2);
		}
		close(fd);
		execvp(argv[2], argv + 2);
		fprintf(stderr, "faultnth: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	/* Exited but not reaped: its task, and fail-nth, are still there. */
	if (waitid(P_PID, pid, &si, WEXITED | WNOWAIT) < 0) {
		perror("waitid");
		return 2;
	}
	fail_nth_path(path, sizeof(path), pid);
	fd = open(path, O_RDONLY);
	len = fd < 0 ? -1 : read(fd, val, sizeof(val) - 1);
	if (len < 0) {
		fprintf(stderr, "faultnth: %s: %s\n", path, strerror(errno));
		return 2;
	}
	close(fd);
	val[len] = '\0';
	n = atoi(val);
	fprintf(stderr, "faultnth: %s\n", n ? "not-reached" : "fired");
	if (waitpid(pid, &status, 0) < 0) {
		perror("waitpid");
		return 2;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
