// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The network config and the CNI_* environment, checked before anything
 * touches the kernel. Field names and checks follow sriov-cni, so its
 * configs work unchanged; the MAC comes from runtimeConfig.mac, else
 * args.cni.mac, else CNI_ARGS MAC=, else mac. The bond block follows
 * bond-cni's fields and checks.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <linux/if_bonding.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>

#include "cni.h"

const char *const cni_supported_versions[] = {
	"0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0", NULL,
};

int cni_err(struct cni_error *e, int code, const char *fmt, ...)
{
	va_list ap;

	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

void cni_err_details(struct cni_error *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->details, sizeof(e->details), fmt, ap);
	va_end(ap);
}

/*
 * The log. The plugin runs as root and a network config may come from a
 * tenant (a Multus NetworkAttachmentDefinition): logFile is only a file
 * name directly in CNI_LOG_DIR, opened there without following a link,
 * and a line's control characters are escaped so that no string of the
 * config can forge a line.
 */
static const char *log_dir = CNI_LOG_DIR;
static int log_fd = -1;
static int log_max = CNI_LOG_ERROR;

void cni_log_test_dir(const char *dir)
{
	log_dir = dir ? dir : CNI_LOG_DIR;
}

/* @path's file name when it is a file directly in log_dir, else NULL. */
static const char *log_name(const char *path)
{
	size_t n = strlen(log_dir);
	const char *name;

	if (strncmp(path, log_dir, n) || path[n] != '/')
		return NULL;
	name = path + n + 1;
	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..") || strlen(name) > NAME_MAX)
		return NULL;
	return name;
}

/*
 * log_dir is made 0700 if missing. It must be a directory, not a link,
 * and ours alone: whoever else could write it could put a link or a
 * hard link there under the name. The file is opened through the
 * directory's fd, so a directory swapped meanwhile cannot redirect it.
 */
static int log_open(const char *name, const char **why)
{
	struct stat st;
	int dfd, fd;

	*why = NULL;
	if (mkdir(log_dir, 0700) && errno != EEXIST)
		return -errno;
	dfd = open(log_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0)
		return -errno;
	if (fstat(dfd, &st) || st.st_uid != geteuid() || st.st_mode & 022) {
		*why = "the directory is not the plugin's alone";
		close(dfd);
		return -EPERM;
	}
	fd = openat(dfd, name, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
	if (fd < 0)
		fd = -errno;
	close(dfd);
	if (fd >= 0 && (fstat(fd, &st) || !S_ISREG(st.st_mode))) {
		*why = "not a regular file";
		close(fd);
		fd = -EINVAL;
	}
	return fd;
}

int cni_log_setup(int level, const char *file)
{
	const char *name, *why = "not a file directly in the log directory";
	int fd = -EINVAL;

	if (log_fd >= 0)
		close(log_fd);
	log_fd = -1;
	if (file) {
		name = log_name(file);
		if (name)
			fd = log_open(name, &why);
		if (fd >= 0)
			log_fd = fd;
	}
	if (level >= 0)
		log_max = level;
	else
		log_max = log_fd >= 0 ? CNI_LOG_INFO : CNI_LOG_ERROR;
	if (file && log_fd < 0) {
		cni_log(CNI_LOG_ERROR, "logFile %s: %s; logging to stderr",
			file, why ? why : strerror(-fd));
		return fd;
	}
	return 0;
}

/*
 * @s with \n, \r, \t and every other control character as an escape:
 * a string of the config can neither end a line nor start one. NULL
 * when out of memory.
 */
static char *log_escape(const char *s)
{
	char *out = malloc(strlen(s) * 4 + 1), *p = out;
	unsigned char c;

	if (!out)
		return NULL;
	for (; (c = *s); s++) {
		switch (c) {
		case '\n':
			p = stpcpy(p, "\\n");
			break;
		case '\r':
			p = stpcpy(p, "\\r");
			break;
		case '\t':
			p = stpcpy(p, "\\t");
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				p += sprintf(p, "\\x%02x", c);
			else
				*p++ = c;
		}
	}
	*p = '\0';
	return out;
}

/* Every line goes through here: the escaping is done once, for all. */
void cni_log(int level, const char *fmt, ...)
{
	static const char *const names[] = {
		"panic", "error", "warning", "info", "debug",
	};
	int fd = log_fd >= 0 ? log_fd : STDERR_FILENO, saved = errno, len;
	char stamp[32], *msg = NULL, *esc = NULL, *line, *p;
	struct timespec now;
	struct tm tm;
	va_list ap;
	ssize_t n;

	if (level > log_max)
		return;
	/* Milliseconds: an ADD's steps take a few each. */
	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	errno = saved;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (msg)
		esc = log_escape(msg);
	len = asprintf(&line, "%s.%03ldZ vfpool-cni[%d] %s: %s\n", stamp,
		       now.tv_nsec / 1000000, (int)getpid(), names[level],
		       esc ? esc : "(out of memory)");
	/* One write: the lines of plugins running at once do not mix. */
	if (len > 0) {
		for (p = line; len && (n = write(fd, p, len)) > 0; p += n)
			len -= n;
		free(line);
	}
	free(esc);
	free(msg);
	errno = saved;
}

int cni_version_parse(const char *s)
{
	unsigned int a, b, c;
	int i, n = 0;

	if (!s)
		return 0;
	for (i = 0; cni_supported_versions[i]; i++)
		if (!strcmp(s, cni_supported_versions[i]))
			break;
	if (!cni_supported_versions[i] ||
	    sscanf(s, "%u.%u.%u%n", &a, &b, &c, &n) != 3 || s[n])
		return 0;
	return CNI_V(a, b, c);
}

static const struct {
	const char *name;
	enum cni_command cmd;
} commands[] = {
	{ "ADD", CNI_CMD_ADD }, { "DEL", CNI_CMD_DEL },
	{ "CHECK", CNI_CMD_CHECK }, { "VERSION", CNI_CMD_VERSION },
	{ "STATUS", CNI_CMD_STATUS }, { "GC", CNI_CMD_GC },
};

/* The spec's container id: alphanumerics first, then also _ . - */
static bool valid_container_id(const char *s)
{
	size_t i;

	if (!isalnum((unsigned char)s[0]))
		return false;
	for (i = 1; s[i]; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("_.-", s[i]))
			return false;
	return i <= VFPOOL_OWNER_ID_MAX;
}

/* What the kernel accepts as an interface name. */
static bool valid_ifname(const char *s)
{
	size_t i, n = strlen(s);

	if (!n || n > VFPOOL_IFNAME_MAX || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (i = 0; i < n; i++)
		if (!isgraph((unsigned char)s[i]) || s[i] == '/' || s[i] == ':')
			return false;
	return true;
}

int cni_env_load(struct cni_env *env, struct cni_error *e)
{
	enum { CONTAINERID = 1, NETNS = 2, IFNAME = 4, PATH = 8 };
	static const char *const names[] = {
		"CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME", "CNI_PATH",
	};
	char missing[128] = "";
	unsigned int need = 0, i;
	const char *v[4];

	memset(env, 0, sizeof(*env));
	env->command_name = getenv("CNI_COMMAND");
	if (!env->command_name || !*env->command_name)
		return cni_err(e, CNI_ERR_INVALID_ENV,
			       "required env variable CNI_COMMAND missing");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(env->command_name, commands[i].name))
			env->command = commands[i].cmd;
	switch (env->command) {
	case CNI_CMD_ADD:
	case CNI_CMD_CHECK:
		need = CONTAINERID | NETNS | IFNAME | PATH;
		break;
	case CNI_CMD_DEL:
		need = CONTAINERID | IFNAME | PATH;
		break;
	case CNI_CMD_GC:
	case CNI_CMD_STATUS:
		need = PATH;
		break;
	case CNI_CMD_VERSION:
		break;
	default:
		return cni_err(e, CNI_ERR_INVALID_ENV, "unknown CNI_COMMAND: %s",
			       env->command_name);
	}
	for (i = 0; i < 4; i++) {
		v[i] = getenv(names[i]);
		if (v[i] && !*v[i])
			v[i] = NULL;
		if ((need & 1U << i) && !v[i])
			snprintf(missing + strlen(missing),
				 sizeof(missing) - strlen(missing), "%s%s",
				 *missing ? " " : "", names[i]);
	}
	if (*missing)
		return cni_err(e, CNI_ERR_INVALID_ENV,
			       "required env variables [%s] missing", missing);
	/* Only what the command uses: VERSION ignores the rest. */
	env->container_id = need & CONTAINERID ? v[0] : NULL;
	/* DEL: the netns may be gone; a bond is deleted in it when not. */
	env->netns = need & NETNS || env->command == CNI_CMD_DEL ? v[1] : NULL;
	env->ifname = need & IFNAME ? v[2] : NULL;
	env->path = v[3];
	env->args = getenv("CNI_ARGS");
	if (env->container_id && !valid_container_id(env->container_id))
		return cni_err(e, CNI_ERR_INVALID_ENV,
			       "CNI_CONTAINERID \"%.64s\": expected 1 to %d "
			       "letters, digits, '_', '.' or '-', starting "
			       "with a letter or digit", env->container_id,
			       VFPOOL_OWNER_ID_MAX);
	if (env->ifname && !valid_ifname(env->ifname))
		return cni_err(e, CNI_ERR_INVALID_ENV,
			       "CNI_IFNAME \"%.32s\": not a valid interface "
			       "name", env->ifname);
	return 0;
}

/* The CNI spec's network name, and short enough for a lease to carry. */
static bool valid_network_name(const char *name)
{
	size_t i, len = strlen(name);

	if (!len || len > VFPOOL_NETWORK_MAX || !isalnum((unsigned char)name[0]))
		return false;
	for (i = 1; i < len; i++)
		if (!isalnum((unsigned char)name[i]) && !strchr("_.-", name[i]))
			return false;
	return true;
}

int cni_args_get(const char *args, const char *key, char *out, size_t size)
{
	size_t klen = strlen(key), vlen;
	const char *p = args, *end, *eq;

	while (p && *p) {
		end = strchrnul(p, ';');
		eq = memchr(p, '=', end - p);
		if (!eq || eq == p)
			return -EINVAL;
		if ((size_t)(eq - p) == klen && !strncmp(p, key, klen)) {
			vlen = end - eq - 1;
			if (vlen >= size)
				return -ENAMETOOLONG;
			memcpy(out, eq + 1, vlen);
			out[vlen] = '\0';
			return 1;
		}
		p = *end ? end + 1 : end;
	}
	return 0;
}

static json_object *field(json_object *obj, const char *key)
{
	json_object *v;

	if (!obj || !json_object_object_get_ex(obj, key, &v))
		return NULL;
	return v;
}

/* A string field or absent (*out NULL); anything else is a bad config. */
static int get_str(json_object *obj, const char *key, const char *what,
		   const char **out, struct cni_error *e)
{
	json_object *v = field(obj, key);

	*out = NULL;
	if (!v)
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "%s: expected a string", what);
	*out = json_object_get_string(v);
	return 0;
}

/* An integer field in [min, max]; 1 when present, 0 absent, or an error. */
static int get_int(json_object *obj, const char *key, int64_t min,
		   int64_t max, int64_t *out, struct cni_error *e)
{
	json_object *v = field(obj, key);

	if (!v)
		return 0;
	if (!json_object_is_type(v, json_type_int))
		return -cni_err(e, CNI_ERR_INVALID_CONFIG,
				"%s: expected an integer", key);
	errno = 0;
	*out = json_object_get_int64(v);
	if (errno || *out < min || *out > max)
		return -cni_err(e, CNI_ERR_INVALID_CONFIG,
				"%s: %s out of range %lld-%lld", key,
				json_object_to_json_string(v),
				(long long)min, (long long)max);
	return 1;
}

/* "on" or "off" as sriov-cni takes them. */
static int get_on_off(json_object *obj, const char *key, bool *present,
		      uint8_t *on, struct cni_error *e)
{
	const char *s;

	*present = false;
	if (get_str(obj, key, key, &s, e))
		return e->code;
	if (!s)
		return 0;
	if (strcmp(s, "on") && strcmp(s, "off"))
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "%s: \"%s\": expected \"on\" or \"off\"", key, s);
	*present = true;
	*on = !strcmp(s, "on");
	return 0;
}

static bool valid_name(const char *s, size_t max)
{
	size_t n = strlen(s), i;

	if (!n || n > max)
		return false;
	for (i = 0; i < n; i++)
		if (!isgraph((unsigned char)s[i]) || s[i] == '/' || s[i] == ':')
			return false;
	return true;
}

/*
 * waitTimeout: seconds as a number, or a duration string as Go writes
 * them ("500ms", "30s", "2m", "1m30s").
 */
static int get_wait(json_object *obj, uint32_t *wait_ms, struct cni_error *e)
{
	json_object *v = field(obj, "waitTimeout");
	double ms = 0, x, unit;
	const char *s, *p;
	char *end;

	*wait_ms = 0;
	if (!v)
		return 0;
	if (json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double)) {
		ms = json_object_get_double(v) * 1000;
	} else if (json_object_is_type(v, json_type_string)) {
		s = json_object_get_string(v);
		if (!*s)
			goto bad;
		for (p = s; *p; p = end) {
			if (!isdigit((unsigned char)*p) && *p != '.')
				goto bad;
			x = strtod(p, &end);
			if (end == p)
				goto bad;
			if (!strncmp(end, "ms", 2))
				unit = 1, end += 2;
			else if (*end == 's')
				unit = 1000, end++;
			else if (*end == 'm')
				unit = 60000, end++;
			else if (*end == 'h')
				unit = 3600000, end++;
			else if (!*end && p == s)
				unit = 1000;	/* a bare number: seconds */
			else
				goto bad;
			ms += x * unit;
		}
	} else {
		goto bad;
	}
	if (!isfinite(ms) || ms < 0 || ms > VFPOOL_WAIT_MS_MAX)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "waitTimeout: %s out of range 0-%ds",
			       json_object_to_json_string(v),
			       VFPOOL_WAIT_MS_MAX / 1000);
	*wait_ms = (uint32_t)ceil(ms);
	return 0;
bad:
	return cni_err(e, CNI_ERR_INVALID_CONFIG,
		       "waitTimeout: %s: expected seconds or a duration "
		       "like \"30s\" or \"500ms\"",
		       json_object_to_json_string(v));
}

static int parse_mac(struct cni_config *cfg, const char *s, const char *what,
		     struct cni_error *e)
{
	struct vfpool_vf_config *vf = &cfg->vf;
	static const uint8_t zero[6];

	if (vfpool_mac_parse(s, vf->mac))
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "%s: \"%.32s\" is not a MAC address "
			       "(expected xx:xx:xx:xx:xx:xx)", what, s);
	if ((vf->mac[0] & 1) || !memcmp(vf->mac, zero, 6))
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "%s: \"%s\" is not a unicast MAC address",
			       what, s);
	vf->present |= VFPOOL_BIT(VFPOOL_VF_A_MAC);
	cfg->mac_source = what;
	return 0;
}

/* The MAC by sriov-cni's precedence, lowest first so the last one wins. */
static int get_mac(struct cni_config *cfg, const struct cni_env *env,
		   struct cni_error *e)
{
	json_object *args_cni = field(field(cfg->root, "args"), "cni");
	json_object *rc = field(cfg->root, "runtimeConfig");
	const char *s;
	char buf[64];
	int err;

	if (get_str(cfg->root, "mac", "mac", &s, e))
		return e->code;
	if (s && parse_mac(cfg, s, "mac", e))
		return e->code;
	err = cni_args_get(env->args, "MAC", buf, sizeof(buf));
	if (err < 0)
		return cni_err(e, CNI_ERR_INVALID_ENV,
			       "CNI_ARGS: %s", err == -EINVAL ?
			       "expected KEY=VALUE pairs separated by ';'" :
			       "MAC value too long");
	if (err > 0 && parse_mac(cfg, buf, "CNI_ARGS MAC", e))
		return e->code;
	if (get_str(args_cni, "mac", "args.cni.mac", &s, e))
		return e->code;
	if (s && parse_mac(cfg, s, "args.cni.mac", e))
		return e->code;
	if (get_str(rc, "mac", "runtimeConfig.mac", &s, e))
		return e->code;
	if (s && parse_mac(cfg, s, "runtimeConfig.mac", e))
		return e->code;
	return 0;
}

/* vlan, vlanQoS, vlanProto with sriov-cni's rules. */
static int get_vlan(struct cni_config *cfg, struct cni_error *e)
{
	struct vfpool_vf_config *vf = &cfg->vf;
	int64_t vlan = 0, qos = 0;
	uint16_t proto = ETH_P_8021Q;
	int has_vlan, has_qos;
	const char *s;

	has_vlan = get_int(cfg->root, "vlan", 0, 4094, &vlan, e);
	if (has_vlan < 0)
		return e->code;
	has_qos = get_int(cfg->root, "vlanQoS", 0, 7, &qos, e);
	if (has_qos < 0)
		return e->code;
	if (get_str(cfg->root, "vlanProto", "vlanProto", &s, e))
		return e->code;
	if (s && !strcasecmp(s, "802.1ad"))
		proto = ETH_P_8021AD;
	else if (s && strcasecmp(s, "802.1q"))
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "vlanProto: \"%s\": expected \"802.1q\" or "
			       "\"802.1ad\"", s);
	if (!vlan && qos)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "vlanQoS: a non-zero QoS needs a non-zero vlan");
	if (!vlan && proto != ETH_P_8021Q)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "vlanProto: 802.1ad needs a non-zero vlan");
	if (!has_vlan && !has_qos && !s)
		return 0;
	/* Like sriov-cni: the three are set together. */
	vfpool_set(vf, VFPOOL_VF_A_VLAN, vlan, (uint16_t)vlan);
	if (vlan) {
		vfpool_set(vf, VFPOOL_VF_A_VLAN_QOS, vlan_qos, (uint8_t)qos);
		vfpool_set(vf, VFPOOL_VF_A_VLAN_PROTO, vlan_proto, proto);
	}
	return 0;
}

static int get_vf(struct cni_config *cfg, struct cni_error *e)
{
	static const char *const link_states[] = {
		[IFLA_VF_LINK_STATE_AUTO] = "auto",
		[IFLA_VF_LINK_STATE_ENABLE] = "enable",
		[IFLA_VF_LINK_STATE_DISABLE] = "disable",
	};
	struct vfpool_vf_config *vf = &cfg->vf;
	int64_t min = 0, max = 0;
	int has_min, has_max;
	const char *s;
	bool present;
	uint32_t i;

	if (get_vlan(cfg, e))
		return e->code;
	if (get_on_off(cfg->root, "spoofchk", &present, &vf->spoofchk, e))
		return e->code;
	if (present)
		vf->present |= VFPOOL_BIT(VFPOOL_VF_A_SPOOFCHK);
	if (get_on_off(cfg->root, "trust", &present, &vf->trust, e))
		return e->code;
	if (present)
		vf->present |= VFPOOL_BIT(VFPOOL_VF_A_TRUST);
	if (get_str(cfg->root, "link_state", "link_state", &s, e))
		return e->code;
	if (s) {
		for (i = 0; i < 3 && strcmp(s, link_states[i]); i++)
			;
		if (i == 3)
			return cni_err(e, CNI_ERR_INVALID_CONFIG,
				       "link_state: \"%s\": expected \"auto\", "
				       "\"enable\" or \"disable\"", s);
		vfpool_set(vf, VFPOOL_VF_A_LINK_STATE, link_state, i);
	}
	has_min = get_int(cfg->root, "min_tx_rate", 0, UINT32_MAX, &min, e);
	if (has_min < 0)
		return e->code;
	has_max = get_int(cfg->root, "max_tx_rate", 0, UINT32_MAX, &max, e);
	if (has_max < 0)
		return e->code;
	if (max && min > max)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "min_tx_rate: %lld exceeds max_tx_rate %lld",
			       (long long)min, (long long)max);
	if (has_min)
		vfpool_set(vf, VFPOOL_VF_A_MIN_TX_RATE, min_tx_rate, min);
	if (has_max)
		vfpool_set(vf, VFPOOL_VF_A_MAX_TX_RATE, max_tx_rate, max);
	return 0;
}

static int get_target(struct cni_config *cfg, const struct cni_env *env,
		      struct cni_error *e)
{
	const char *s;
	int64_t numa;
	int has;

	if (get_str(cfg->root, "deviceID", "deviceID", &s, e))
		return e->code;
	if (s) {
		if (vfpool_pci_parse(s, cfg->device))
			return cni_err(e, CNI_ERR_INVALID_CONFIG,
				       "deviceID: \"%.64s\" is not a PCI address "
				       "(expected [DOMAIN:]BUS:DEV.FN)", s);
		cfg->has_device = true;
	}
	if (get_str(cfg->root, "pool", "pool", &s, e))
		return e->code;
	if (s) {
		if (!valid_name(s, VFPOOL_POOL_NAME_MAX))
			return cni_err(e, CNI_ERR_INVALID_CONFIG,
				       "pool: \"%.64s\" is not a pool name (1 to "
				       "%d characters, no spaces, '/' or ':')",
				       s, VFPOOL_POOL_NAME_MAX);
		strcpy(cfg->pool, s);
		cfg->has_pool = true;
	}
	has = get_int(cfg->root, "numa", 0, 1023, &numa, e);
	if (has < 0)
		return e->code;
	if (has) {
		cfg->has_numa = true;
		cfg->numa = numa;
	}
	if (get_wait(cfg->root, &cfg->wait_ms, e))
		return e->code;
	if (env->command == CNI_CMD_ADD && !cfg->has_device && !cfg->has_pool)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "deviceID or pool is needed: deviceID names the "
			       "VF (as a device plugin passes it), pool lets "
			       "vfpool pick a free one");
	if (cfg->has_numa && !cfg->has_pool)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "numa: only means something with pool");
	return 0;
}

/*
 * CPU list @list ("0-3,8") as the hexadecimal mask sysfs takes: 32-bit
 * groups, highest first, separated by commas ("1,0000000f").
 */
int cni_cpulist_mask(const char *list, char *out, size_t size)
{
	enum { NCPU = 8192 };
	uint32_t words[NCPU / 32] = { 0 };
	unsigned long a, b, c;
	const char *p = list;
	size_t used = 0;
	int top = -1, i, n;
	char *end;

	if (!*p)
		return -EINVAL;
	for (;;) {
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		a = strtoul(p, &end, 10);
		b = a;
		p = end;
		if (*p == '-') {
			if (!isdigit((unsigned char)*++p))
				return -EINVAL;
			b = strtoul(p, &end, 10);
			p = end;
		}
		if (a > b || b >= NCPU)
			return -EINVAL;
		for (c = a; c <= b; c++) {
			words[c / 32] |= 1U << (c % 32);
			if ((int)(c / 32) > top)
				top = c / 32;
		}
		if (!*p)
			break;
		if (*p++ != ',')
			return -EINVAL;
	}
	for (i = top; i >= 0; i--) {
		n = snprintf(out + used, size - used, i == top ? "%x" : ",%08x",
			     words[i]);
		if (n < 0 || (size_t)n >= size - used)
			return -EINVAL;
		used += n;
	}
	return 0;
}

/*
 * irq: a policy word ("spread", "numa-local", "pod", "none"), or an
 * object {"policy": ..., "cpus": "0-3", "rps": "0-3" or "pod",
 * "xps": true}; the cpus policy needs cpus, the pod policy may have them
 * (the pod's CPUs when its cgroup is unknown). The kernel checks the
 * CPUs themselves.
 */
static int get_irq(struct cni_config *cfg, struct cni_error *e)
{
	json_object *v = field(cfg->root, "irq");
	json_object *rc = field(cfg->root, "runtimeConfig");
	const char *policy = NULL, *cpus = NULL, *rps = NULL;
	char mask[VFPOOL_IRQ_CPUS_MAX + 1];
	json_object *xps = NULL;
	int p;

	if (get_str(rc, "cgroupPath", "runtimeConfig.cgroupPath", &cfg->cgroup_path, e))
		return e->code;
	if (!v)
		return 0;
	if (json_object_is_type(v, json_type_string)) {
		policy = json_object_get_string(v);
	} else if (json_object_is_type(v, json_type_object)) {
		if (get_str(v, "policy", "irq.policy", &policy, e) ||
		    get_str(v, "cpus", "irq.cpus", &cpus, e) ||
		    get_str(v, "rps", "irq.rps", &rps, e))
			return e->code;
		xps = field(v, "xps");
		if (xps && !json_object_is_type(xps, json_type_boolean))
			return cni_err(e, CNI_ERR_INVALID_CONFIG,
				       "irq.xps: expected true or false");
	} else {
		return cni_err(e, CNI_ERR_INVALID_CONFIG, "irq: expected a "
			       "policy or {\"policy\", \"cpus\", \"rps\", \"xps\"}");
	}
	if (!policy && !rps)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "irq.policy: missing");
	cfg->irq_pod = policy && !strcmp(policy, "pod");
	p = cfg->irq_pod ? VFPOOL_IRQ_POLICY_CPUS :
	    policy ? vfpool_irq_policy_parse(policy) : VFPOOL_IRQ_POLICY_NONE;
	if (p < 0)
		return cni_err(e, CNI_ERR_INVALID_CONFIG, "irq.policy: \"%.32s\":"
			       " expected spread, numa-local, cpus, pod or none",
			       policy);
	if (!cfg->irq_pod && (p == VFPOOL_IRQ_POLICY_CPUS) != !!cpus)
		return cni_err(e, CNI_ERR_INVALID_CONFIG, cpus ?
			       "irq.cpus: only with the cpus or pod policy" :
			       "irq.cpus: the cpus policy needs a CPU list");
	cfg->rps_pod = rps && !strcmp(rps, "pod");
	if (cfg->rps_pod && !cfg->irq_pod)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "irq.rps: \"pod\" only with the pod policy");
	if (cfg->rps_pod)
		rps = NULL;
	if (cpus && (strlen(cpus) > VFPOOL_IRQ_CPUS_MAX ||
		     cni_cpulist_mask(cpus, mask, sizeof(mask))))
		return cni_err(e, CNI_ERR_INVALID_CONFIG, "irq.cpus: \"%.32s\" "
			       "is not a CPU list (like 0-3,8)", cpus);
	if (rps && (strlen(rps) > VFPOOL_IRQ_CPUS_MAX ||
		    cni_cpulist_mask(rps, mask, sizeof(mask))))
		return cni_err(e, CNI_ERR_INVALID_CONFIG, "irq.rps: \"%.32s\" "
			       "is not a CPU list (like 0-3,8)", rps);
	cfg->has_irq = policy != NULL;
	cfg->irq_policy = p;
	if (cpus)
		strcpy(cfg->irq_cpus, cpus);
	cfg->has_rps = rps || cfg->rps_pod;
	if (rps)
		strcpy(cfg->rps, rps);
	cfg->xps = xps && json_object_get_boolean(xps);
	if (cfg->xps && !cfg->has_irq)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "irq.xps: needs a policy, whose placement it follows");
	return 0;
}

static const char *const bond_modes[] = {
	[BOND_MODE_ROUNDROBIN] = "balance-rr",
	[BOND_MODE_ACTIVEBACKUP] = "active-backup",
	[BOND_MODE_XOR] = "balance-xor",
	[BOND_MODE_BROADCAST] = "broadcast",
	[BOND_MODE_8023AD] = "802.3ad",
	[BOND_MODE_TLB] = "balance-tlb",
	[BOND_MODE_ALB] = "balance-alb",
};

static const char *const xmit_hash_policies[] = {
	[BOND_XMIT_POLICY_LAYER2] = "layer2",
	[BOND_XMIT_POLICY_LAYER34] = "layer3+4",
	[BOND_XMIT_POLICY_LAYER23] = "layer2+3",
	[BOND_XMIT_POLICY_ENCAP23] = "encap2+3",
	[BOND_XMIT_POLICY_ENCAP34] = "encap3+4",
	[BOND_XMIT_POLICY_VLAN_SRCMAC] = "vlan+srcmac",
};

#define N_BOND_MODES	(sizeof(bond_modes) / sizeof(bond_modes[0]))
#define N_XMIT_POLICIES	(sizeof(xmit_hash_policies) / \
			 sizeof(xmit_hash_policies[0]))

int cni_bond_mode_parse(const char *s)
{
	size_t i;

	for (i = 0; i < N_BOND_MODES; i++)
		if (!strcmp(s, bond_modes[i]))
			return i;
	/* The bonding driver takes the number too, and so does bond-cni. */
	if (s[0] >= '0' && s[0] < '0' + (int)N_BOND_MODES && !s[1])
		return s[0] - '0';
	return -EINVAL;
}

const char *cni_bond_mode_name(unsigned int mode)
{
	return mode < N_BOND_MODES ? bond_modes[mode] : NULL;
}

/*
 * A bond option that is an integer in [0, max] (or true/false where
 * @bool_ok): 1 when present, 0 absent, or an error naming bond.@key.
 */
static int get_bond_small(json_object *bond, const char *key, int64_t max,
			  bool bool_ok, uint8_t *out, struct cni_error *e)
{
	json_object *v = field(bond, key);
	int64_t n;

	if (!v)
		return 0;
	if (bool_ok && json_object_is_type(v, json_type_boolean)) {
		*out = json_object_get_boolean(v);
		return 1;
	}
	if (!json_object_is_type(v, json_type_int))
		return -cni_err(e, CNI_ERR_INVALID_CONFIG, "bond.%s: %s: expected "
				"an integer 0-%lld%s", key,
				json_object_to_json_string(v), (long long)max,
				bool_ok ? " or true/false" : "");
	errno = 0;
	n = json_object_get_int64(v);
	if (errno || n < 0 || n > max)
		return -cni_err(e, CNI_ERR_INVALID_CONFIG, "bond.%s: %s out of "
				"range 0-%lld", key,
				json_object_to_json_string(v), (long long)max);
	*out = n;
	return 1;
}

/* bond.mode: a name bond-cni knows, or its number (0-6), as text or not. */
static int get_bond_mode(json_object *bond, struct cni_bond *b,
			 struct cni_error *e)
{
	json_object *v = field(bond, "mode");
	int mode = -EINVAL;
	int64_t n;

	if (!v)
		return 0;
	if (json_object_is_type(v, json_type_string)) {
		mode = cni_bond_mode_parse(json_object_get_string(v));
	} else if (json_object_is_type(v, json_type_int)) {
		errno = 0;
		n = json_object_get_int64(v);
		if (!errno && n >= 0 && n < (int64_t)N_BOND_MODES)
			mode = n;
	}
	if (mode < 0)
		return cni_err(e, CNI_ERR_INVALID_CONFIG, "bond.mode: %.64s: "
			       "expected 0-6, balance-rr, active-backup, "
			       "balance-xor, broadcast, 802.3ad, balance-tlb "
			       "or balance-alb", json_object_to_json_string(v));
	b->has_mode = true;
	b->mode = mode;
	return 0;
}

/* bond.miimon: a string in bond-cni ("100"), a number here too. */
static int get_bond_miimon(json_object *bond, struct cni_bond *b,
			   struct cni_error *e)
{
	json_object *v = field(bond, "miimon");
	unsigned long long n;
	const char *s;
	int64_t i;
	char *end;

	if (!v)
		return 0;
	if (json_object_is_type(v, json_type_int)) {
		errno = 0;
		i = json_object_get_int64(v);
		if (errno || i < 0 || i > INT32_MAX)
			goto bad;
		n = i;
	} else if (json_object_is_type(v, json_type_string)) {
		s = json_object_get_string(v);
		if (!isdigit((unsigned char)s[0]))
			goto bad;
		errno = 0;
		n = strtoull(s, &end, 10);
		if (errno || *end || n > INT32_MAX)
			goto bad;
	} else {
		goto bad;
	}
	b->has_miimon = true;
	b->miimon = n;
	return 0;
bad:
	return cni_err(e, CNI_ERR_INVALID_CONFIG, "bond.miimon: %.64s: expected "
		       "a non-negative integer (milliseconds), as a number or "
		       "a string", json_object_to_json_string(v));
}

static const char *const bond_xmit_list =
	"layer2, layer3+4, layer2+3, encap2+3, encap3+4 or vlan+srcmac";

static int get_bond_links(json_object *bond, const struct cni_env *env,
			  struct cni_bond *b, struct cni_error *e)
{
	json_object *links = field(bond, "links"), *l;
	const char *name;
	size_t i, j, n;

	if (!links || !json_object_is_type(links, json_type_array))
		return cni_err(e, CNI_ERR_INVALID_CONFIG, "bond.links: %s: "
			       "expected an array of {\"name\": IFNAME}",
			       links ? "not an array" : "missing");
	n = json_object_array_length(links);
	if (n < 2 || n > VFPOOL_BOND_LINKS_MAX)
		return cni_err(e, CNI_ERR_INVALID_CONFIG, "bond.links: %zu "
			       "links: a bond needs 2 to %d", n,
			       VFPOOL_BOND_LINKS_MAX);
	for (i = 0; i < n; i++) {
		l = json_object_array_get_idx(links, i);
		if (!json_object_is_type(l, json_type_object) ||
		    get_str(l, "name", "name", &name, e) || !name)
			return cni_err(e, CNI_ERR_INVALID_CONFIG, "bond.links[%zu]: "
				       "expected {\"name\": IFNAME}", i);
		if (!valid_ifname(name))
			return cni_err(e, CNI_ERR_INVALID_CONFIG, "bond.links[%zu]: "
				       "\"%.32s\" is not a valid interface name",
				       i, name);
		for (j = 0; j < i; j++)
			if (!strcmp(b->links[j], name))
				return cni_err(e, CNI_ERR_INVALID_CONFIG,
					       "bond.links[%zu]: duplicate link "
					       "name \"%s\"", i, name);
		if (env->ifname && !strcmp(env->ifname, name))
			return cni_err(e, CNI_ERR_INVALID_CONFIG, "bond.links[%zu]: "
				       "\"%s\" is the bond's own name "
				       "(CNI_IFNAME)", i, name);
		strcpy(b->links[i], name);
	}
	b->n_links = n;
	return 0;
}

/*
 * bond: bond-cni's fields. The links are leased from pool, one VF each,
 * and named as in links; linksInContainer is accepted (true or false, the
 * links are this plugin's leases). A deviceID names one VF: refused.
 */
static int get_bond(struct cni_config *cfg, const struct cni_env *env,
		    struct cni_error *e)
{
	json_object *bond = field(cfg->root, "bond"), *v;
	struct cni_bond *b = &cfg->bond;
	char msg[CNI_MSG_MAX];
	const char *s;
	int64_t mtu;
	size_t i;
	int has;

	if (!bond)
		return 0;
	if (!json_object_is_type(bond, json_type_object))
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "bond: expected an object");
	if (cfg->has_device)
		return cni_err(e, CNI_ERR_INVALID_CONFIG, "bond: not with "
			       "deviceID (one VF): a bond's links are leased "
			       "from pool, on distinct PFs");
	if (get_bond_mode(bond, b, e) || get_bond_miimon(bond, b, e))
		return e->code;
	has = get_int(bond, "mtu", 68, 9000, &mtu, e);
	if (has < 0) {
		memcpy(msg, e->msg, sizeof(msg));
		return cni_err(e, e->code, "bond.%s", msg);
	}
	b->has_mtu = has;
	b->mtu = mtu;
	has = get_bond_small(bond, "failOverMac", 2, false, &b->fail_over_mac,
			     e);
	if (has < 0)
		return e->code;
	b->has_fail_over_mac = has;
	has = get_bond_small(bond, "allSlavesActive", 1, true,
			     &b->all_slaves_active, e);
	if (has < 0)
		return e->code;
	b->has_all_slaves_active = has;
	has = get_bond_small(bond, "tlbDynamicLb", 1, true, &b->tlb_dynamic_lb,
			     e);
	if (has < 0)
		return e->code;
	b->has_tlb_dynamic_lb = has;
	/* The bonding driver refuses it in other modes: say so here. */
	if (has && (!b->has_mode || (b->mode != BOND_MODE_TLB &&
				     b->mode != BOND_MODE_ALB)))
		return cni_err(e, CNI_ERR_INVALID_CONFIG, "bond.tlbDynamicLb: "
			       "only with mode balance-tlb or balance-alb");
	if (get_str(bond, "xmitHashPolicy", "bond.xmitHashPolicy", &s, e))
		return e->code;
	if (s) {
		for (i = 0; i < N_XMIT_POLICIES &&
		     strcmp(s, xmit_hash_policies[i]); i++)
			;
		if (i == N_XMIT_POLICIES)
			return cni_err(e, CNI_ERR_INVALID_CONFIG,
				       "bond.xmitHashPolicy: \"%.32s\": expected "
				       "%s", s, bond_xmit_list);
		b->has_xmit_hash_policy = true;
		b->xmit_hash_policy = i;
	}
	v = field(bond, "linksInContainer");
	if (v && !json_object_is_type(v, json_type_boolean))
		return cni_err(e, CNI_ERR_INVALID_CONFIG, "bond.linksInContainer:"
			       " expected true or false");
	b->links_in_container = v && json_object_get_boolean(v);
	if (get_bond_links(bond, env, b, e))
		return e->code;
	cfg->has_bond = true;
	return 0;
}

static int get_ipam(struct cni_config *cfg, struct cni_error *e)
{
	json_object *ipam = field(cfg->root, "ipam");
	const char *s;

	if (!ipam)
		return 0;
	if (!json_object_is_type(ipam, json_type_object))
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "ipam: expected an object");
	if (get_str(ipam, "type", "ipam.type", &s, e))
		return e->code;
	if (!s || !*s)
		return 0;	/* "ipam": {} is L2 only, as in sriov-cni */
	if (strchr(s, '/') || !strcmp(s, ".") || !strcmp(s, ".."))
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "ipam.type: \"%.64s\" is not a plugin name", s);
	cfg->ipam_type = s;
	return 0;
}

static int get_log(struct cni_config *cfg, struct cni_error *e)
{
	static const char *const levels[] = {
		[CNI_LOG_PANIC] = "panic", [CNI_LOG_ERROR] = "error",
		[CNI_LOG_WARNING] = "warning", [CNI_LOG_INFO] = "info",
		[CNI_LOG_DEBUG] = "debug",
	};
	const char *s;
	int i;

	cfg->log_level = -1;
	if (get_str(cfg->root, "logLevel", "logLevel", &s, e))
		return e->code;
	if (s) {
		for (i = 0; i <= CNI_LOG_DEBUG && strcmp(s, levels[i]); i++)
			;
		if (i > CNI_LOG_DEBUG)
			return cni_err(e, CNI_ERR_INVALID_CONFIG,
				       "logLevel: \"%s\": expected panic, error, "
				       "warning, info or debug", s);
		cfg->log_level = i;
	}
	if (get_str(cfg->root, "logFile", "logFile", &cfg->log_file, e))
		return e->code;
	/* A tenant's config: root writes nowhere but in our directory. */
	if (cfg->log_file && !log_name(cfg->log_file))
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "logFile: \"%.128s\": logs go only in %s/, as "
			       "%s/NAME (no subdirectory, no \"..\")",
			       cfg->log_file, log_dir, log_dir);
	return 0;
}

static int get_gc(struct cni_config *cfg, struct cni_error *e)
{
	json_object *va = field(cfg->root, "cni.dev/valid-attachments"), *a;
	const char *id, *ifname;
	size_t i;

	if (!va)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "cni.dev/valid-attachments: missing (GC would "
			       "release every lease)");
	if (!json_object_is_type(va, json_type_array))
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "cni.dev/valid-attachments: expected an array");
	for (i = 0; i < json_object_array_length(va); i++) {
		a = json_object_array_get_idx(va, i);
		if (!json_object_is_type(a, json_type_object) ||
		    get_str(a, "containerID", "containerID", &id, e) ||
		    get_str(a, "ifname", "ifname", &ifname, e) || !id ||
		    !ifname)
			return cni_err(e, CNI_ERR_INVALID_CONFIG,
				       "cni.dev/valid-attachments[%zu]: expected "
				       "{\"containerID\": ..., \"ifname\": ...}",
				       i);
	}
	cfg->valid_attachments = va;
	return 0;
}

int cni_config_parse(struct cni_config *cfg, const char *raw, size_t len,
		     const struct cni_env *env, struct cni_error *e)
{
	struct json_tokener *tok;
	json_object *v;
	size_t i;

	memset(cfg, 0, sizeof(*cfg));
	cfg->raw = raw;
	cfg->raw_len = len;
	cfg->log_level = -1;
	tok = json_tokener_new();
	if (!tok)
		return cni_err(e, CNI_ERR_IO, "out of memory");
	cfg->root = json_tokener_parse_ex(tok, raw, (int)len);
	if (!cfg->root || json_tokener_get_error(tok) != json_tokener_success) {
		cni_err(e, CNI_ERR_DECODE, "network config: %s",
			json_tokener_error_desc(json_tokener_get_error(tok) ==
						json_tokener_continue ?
						json_tokener_error_parse_eof :
						json_tokener_get_error(tok)));
		cni_err_details(e, "at offset %zu", json_tokener_get_parse_end(tok));
		json_tokener_free(tok);
		return e->code;
	}
	for (i = json_tokener_get_parse_end(tok); i < len; i++) {
		if (!isspace((unsigned char)raw[i])) {
			json_tokener_free(tok);
			cni_err_details(e, "at offset %zu", i);
			return cni_err(e, CNI_ERR_DECODE, "network config: "
				       "trailing data after the JSON object");
		}
	}
	json_tokener_free(tok);
	if (!json_object_is_type(cfg->root, json_type_object))
		return cni_err(e, CNI_ERR_DECODE,
			       "network config: expected a JSON object");

	if (get_str(cfg->root, "cniVersion", "cniVersion", &cfg->version, e))
		return e->code;
	if (!cfg->version)
		return cni_err(e, CNI_ERR_INCOMPATIBLE_VERSION,
			       "cniVersion: missing");
	cfg->ver = cni_version_parse(cfg->version);
	if (!cfg->ver)
		return cni_err(e, CNI_ERR_INCOMPATIBLE_VERSION,
			       "cniVersion: \"%.32s\" is not supported (this "
			       "plugin speaks 0.3.0, 0.3.1, 0.4.0, 1.0.0 and "
			       "1.1.0)", cfg->version);
	if (env->command == CNI_CMD_CHECK && cfg->ver < CNI_V(0, 4, 0))
		return cni_err(e, CNI_ERR_INCOMPATIBLE_VERSION,
			       "cniVersion %s does not allow CHECK (0.4.0 and "
			       "up)", cfg->version);
	if ((env->command == CNI_CMD_GC || env->command == CNI_CMD_STATUS) &&
	    cfg->ver < CNI_V(1, 1, 0))
		return cni_err(e, CNI_ERR_INCOMPATIBLE_VERSION,
			       "cniVersion %s does not allow %s (1.1.0 and up)",
			       cfg->version, env->command_name);

	if (get_log(cfg, e))
		return e->code;
	if (get_str(cfg->root, "name", "name", &cfg->name, e) ||
	    get_str(cfg->root, "type", "type", &cfg->type, e))
		return e->code;
	if (!cfg->name || !*cfg->name)
		return cni_err(e, CNI_ERR_INVALID_CONFIG, "name: missing");
	/* Leases carry it, so that GC collects only this network's. */
	if (env->command == CNI_CMD_ADD && !valid_network_name(cfg->name))
		return cni_err(e, CNI_ERR_INVALID_CONFIG, "name \"%.64s\": not "
			       "a network name (a letter or digit, then letters, "
			       "digits, '_', '.' or '-', up to %d bytes)",
			       cfg->name, VFPOOL_NETWORK_MAX);
	if (!cfg->type || !*cfg->type)
		return cni_err(e, CNI_ERR_INVALID_CONFIG, "type: missing");
	v = field(cfg->root, "runtimeConfig");
	if (v && !json_object_is_type(v, json_type_object))
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "runtimeConfig: expected an object");
	v = field(cfg->root, "args");
	if (v && !json_object_is_type(v, json_type_object))
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "args: expected an object");
	if (get_target(cfg, env, e) || get_vf(cfg, e) || get_mac(cfg, env, e) ||
	    get_irq(cfg, e) || get_bond(cfg, env, e) || get_ipam(cfg, e))
		return e->code;

	v = field(cfg->root, "prevResult");
	if (v && !json_object_is_type(v, json_type_object))
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "prevResult: expected an object");
	cfg->prev_result = v;
	if (env->command == CNI_CMD_CHECK && !v)
		return cni_err(e, CNI_ERR_INVALID_CONFIG,
			       "prevResult: missing (CHECK compares against it)");
	if (env->command == CNI_CMD_GC && get_gc(cfg, e))
		return e->code;
	return 0;
}

void cni_config_free(struct cni_config *cfg)
{
	json_object_put(cfg->root);
	cfg->root = NULL;
}
