// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Delegated IPAM, as the spec says: find ipam.type in CNI_PATH, run it
 * with our environment (CNI_COMMAND set to the delegated command) and our
 * stdin, read its result or its error object from stdout.
 *
 * Debian's host-local and static (containernetworking-plugins 1.1) speak
 * cniVersion up to 1.0.0. A 1.1.0 config they refuse as incompatible is
 * handed to them again as 1.0.0, whose result has the same form.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cni.h"

#define IPAM_OUT_MAX	(1 << 20)

char *cni_ipam_find(const char *type, const char *cni_path)
{
	const char *p = cni_path, *end;
	struct stat st;
	char *path;

	while (p && *p) {
		end = strchrnul(p, ':');
		if (end > p &&
		    asprintf(&path, "%.*s/%s", (int)(end - p), p, type) > 0) {
			if (!stat(path, &st) && S_ISREG(st.st_mode) &&
			    !access(path, X_OK))
				return path;
			free(path);
		}
		p = *end ? end + 1 : end;
	}
	return NULL;
}

/* Run @path for @command with @in on stdin; its stdout in *@out. */
static int run(const char *path, const char *command, const char *in,
	       size_t in_len, char **out, int *status)
{
	size_t len = 0, size = 4096;
	int fd, pfd[2], err = 0;
	char *buf;
	ssize_t n;
	pid_t pid;

	*out = NULL;
	fd = memfd_create("cni-stdin", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (size_t off = 0; off < in_len; off += n) {
		n = write(fd, in + off, in_len - off);
		if (n < 0) {
			err = -errno;
			close(fd);
			return err;
		}
	}
	if (lseek(fd, 0, SEEK_SET) < 0 || pipe2(pfd, O_CLOEXEC)) {
		err = -errno;
		close(fd);
		return err;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		if (dup2(fd, 0) < 0 || dup2(pfd[1], 1) < 0 ||
		    setenv("CNI_COMMAND", command, 1))
			_exit(127);
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	close(fd);
	close(pfd[1]);
	if (pid < 0) {
		err = -errno;
		close(pfd[0]);
		return err;
	}
	buf = malloc(size);
	for (;;) {
		if (!buf) {
			err = -ENOMEM;
			break;
		}
		if (len + 1 >= size) {
			char *bigger = size < IPAM_OUT_MAX ?
				       realloc(buf, size * 2) : NULL;

			if (!bigger) {
				err = -E2BIG;
				break;
			}
			buf = bigger;
			size *= 2;
		}
		n = read(pfd[0], buf + len, size - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n < 0)
				err = -errno;
			break;
		}
		len += n;
	}
	close(pfd[0]);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	if (err) {
		free(buf);
		return err;
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

static json_object *parse(const char *s)
{
	json_object *obj = json_tokener_parse(s);

	if (obj && !json_object_is_type(obj, json_type_object)) {
		json_object_put(obj);
		return NULL;
	}
	return obj;
}

/* The delegate's failure as our error: its own code when it gave one. */
static int ipam_error(const struct cni_config *cfg, const char *out,
		      int status, struct cni_error *e)
{
	json_object *obj = parse(out), *code, *msg, *details;
	int rc;

	if (obj && json_object_object_get_ex(obj, "code", &code) &&
	    json_object_is_type(code, json_type_int) &&
	    json_object_get_int(code) > 0) {
		json_object_object_get_ex(obj, "msg", &msg);
		cni_err(e, json_object_get_int(code), "ipam %s: %s",
			cfg->ipam_type, msg ? json_object_get_string(msg) : "");
		if (json_object_object_get_ex(obj, "details", &details))
			cni_err_details(e, "%s", json_object_get_string(details));
	} else {
		if (WIFEXITED(status))
			cni_err(e, CNI_ERR_IPAM, "ipam %s: exited with status %d "
				"and no error object", cfg->ipam_type,
				WEXITSTATUS(status));
		else
			cni_err(e, CNI_ERR_IPAM, "ipam %s: killed by signal %d",
				cfg->ipam_type, WTERMSIG(status));
		cni_err_details(e, "%.400s", out);
	}
	rc = e->code;
	json_object_put(obj);
	return rc;
}

int cni_ipam_exec(const struct cni_config *cfg, const struct cni_env *env,
		  const char *command, json_object **result,
		  struct cni_error *e)
{
	const char *in = cfg->raw;
	size_t in_len = cfg->raw_len;
	json_object *older = NULL;
	char *path, *out = NULL;
	int status, err;

	if (result)
		*result = NULL;
	path = cni_ipam_find(cfg->ipam_type, env->path);
	if (!path)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "ipam.type: no plugin \"%s\" in CNI_PATH %s",
			       cfg->ipam_type, env->path ? env->path : "(unset)");
again:
	cni_log(CNI_LOG_DEBUG, "ipam %s %s (cniVersion %s)", path, command,
		older ? "1.0.0" : cfg->version);
	err = run(path, command, in, in_len, &out, &status);
	cni_log(CNI_LOG_DEBUG, "ipam %s %s: %s", cfg->ipam_type, command,
		err ? "not run" : WIFEXITED(status) && !WEXITSTATUS(status) ?
		"done" : "failed");
	if (err) {
		cni_err(e, CNI_ERR_IO, "ipam %s: cannot run %s: %s",
			cfg->ipam_type, path, strerror(-err));
		goto out;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		err = ipam_error(cfg, out, status, e);
		if (err == CNI_ERR_INCOMPATIBLE_VERSION && !older &&
		    cfg->ver > CNI_V(1, 0, 0)) {
			/* An older delegate: same config, as 1.0.0. */
			if (json_object_deep_copy(cfg->root, &older, NULL))
				goto out;
			json_object_object_add(older, "cniVersion",
					       json_object_new_string("1.0.0"));
			in = json_object_to_json_string_ext(older,
							    JSON_C_TO_STRING_PLAIN);
			in_len = strlen(in);
			free(out);
			out = NULL;
			memset(e, 0, sizeof(*e));
			goto again;
		}
		goto out;
	}
	err = 0;
	if (result) {
		*result = parse(out);
		if (!*result)
			err = cni_err(e, CNI_ERR_IPAM, "ipam %s: %s printed no "
				      "JSON object", cfg->ipam_type, command);
	}
out:
	json_object_put(older);
	free(out);
	free(path);
	return err;
}
