// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The CPUs a pod may run on, for the pod IRQ policy: the effective
 * cpuset of the pod's cgroup. The runtime names the cgroup in
 * runtimeConfig.cgroupPath (containerd's cgroupPath capability), a path
 * under the cgroup2 mount; it is opened below that mount and nowhere
 * else (no "..", no symlinks).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cni.h"

/* @path: absolute, no "." or ".." component, no empty one but the last. */
static bool cgroup_path_ok(const char *path)
{
	const char *p = path;

	if (*p != '/')
		return false;
	while (*p) {
		size_t len;

		p++;
		len = strcspn(p, "/");
		if ((len == 1 && p[0] == '.') || (len == 2 && !strncmp(p, "..", 2)))
			return false;
		if (!len && p[0])
			return false;
		p += len;
	}
	return true;
}

int cni_pod_cpuset(const char *root, const char *path, char *out, size_t size,
		   struct cni_error *e)
{
	int rootfd, dirfd = -1, fd = -1, err = 0;
	ssize_t n;

	if (!cgroup_path_ok(path) || strlen(path) > 4096)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "runtimeConfig.cgroupPath: \"%.64s\": not an absolute "
			       "cgroup path without \".\" or \"..\"", path);
	rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "runtimeConfig.cgroupPath: cannot open the cgroup "
			       "mount %s: %m", root);
	/* Each component below the mount, without following symlinks. */
	dirfd = path[1] ? -1 : dup(rootfd);
	if (path[1]) {
		char *copy = strdup(path + 1), *save = NULL, *c;
		int at = rootfd, next;

		for (c = copy ? strtok_r(copy, "/", &save) : NULL; c;
		     c = strtok_r(NULL, "/", &save)) {
			next = openat(at, c, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (at != rootfd)
				close(at);
			at = next;
			if (at < 0)
				break;
		}
		err = !copy ? ENOMEM : at < 0 ? errno : 0;
		free(copy);
		dirfd = err ? -1 : at;
	}
	close(rootfd);
	if (dirfd < 0) {
		err = err ?: errno;
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "runtimeConfig.cgroupPath: %.256s: %s", path,
			       err == ENOENT ? "no such cgroup" :
			       err == ENOTDIR || err == ELOOP ? "not a directory "
			       "all the way (symlinks are not followed)" :
			       strerror(err));
	}
	if (faccessat(dirfd, "cgroup.controllers", F_OK, 0)) {
		close(dirfd);
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "runtimeConfig.cgroupPath: %.256s: not a cgroup "
			       "(no cgroup.controllers under %s)", path, root);
	}
	fd = openat(dirfd, "cpuset.cpus.effective", O_RDONLY | O_CLOEXEC);
	err = fd < 0 ? errno : 0;
	close(dirfd);
	if (fd < 0)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "runtimeConfig.cgroupPath: %.256s: %s", path,
			       err == ENOENT ? "no cpuset.cpus.effective (is the "
			       "cpuset controller enabled for it?)" : strerror(err));
	n = read(fd, out, size - 1);
	err = n < 0 ? errno : 0;
	close(fd);
	if (n < 0)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "runtimeConfig.cgroupPath: %.256s: cannot read "
			       "cpuset.cpus.effective: %s", path, strerror(err));
	out[n] = '\0';
	out[strcspn(out, "\n")] = '\0';
	if (!*out)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "runtimeConfig.cgroupPath: %.256s: its "
			       "cpuset.cpus.effective is empty", path);
	return 0;
}
