#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
#
# test-man.sh VFPOOL MANPAGE SRCDIR: the man page documents the CLI, and
# the bash completion knows it. TAP. No kernel needed.
#
# - every object of main.c's objects[] has its section in vfpool(8);
# - every command of every command table (tools/vfpool/*.c) has its
#   synopsis line (.SY "vfpool OBJECT COMMAND"), or, for the words
#   without a help line (help, monitor's json), appears in bold;
# - every keyword and value word of the source's keyword tables, and of
#   each object's usage as the CLI prints it, appears in the man page and
#   in the bash completion;
# - man renders the page without a warning.
# A command or keyword added without documentation fails here.
set -u
vfpool=$1 man=$2 src=$3
completion=$src/vfpool.bash-completion
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }

# The page as words: escapes undone, font changes dropped.
text=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(aq/'"'"'/g' "$man")
# in_man WORD: WORD appears as a word of the page (bold or not).
in_man() { grep -qE "(^|[^a-z0-9-])$(sed 's/[.]/\\./g' <<<"$1")([^a-z0-9-]|\$)" <<<"$text"; }
in_completion() { grep -qE "(^|[^a-z0-9-])$(sed 's/[.]/\\./g' <<<"$1")([^a-z0-9-]|\$)" "$completion"; }

# --- objects
mapfile -t objects < <(sed -n '/objects\[\] = {/,/^};/p' "$src/main.c" |
	grep -oE '^\s*\{ "[a-z-]+"' | grep -oE '"[a-z-]+"' | tr -d '"' | sort -u)
if ((${#objects[@]} < 4)); then
	not_ok "found the objects table in main.c (got: ${objects[*]})"
fi
for o in "${objects[@]}"; do
	if [[ $o == help ]] || grep -q "^\.SH ${o^^}\$" "$man"; then
		ok "object $o has a section in vfpool(8)"
	else
		not_ok "object $o has a section in vfpool(8) (.SH ${o^^})"
	fi
	if in_completion "$o"; then
		ok "object $o is in the bash completion"
	else
		not_ok "object $o is in the bash completion"
	fi
done

# --- commands of each command table
for f in "$src"/*.c; do
	[[ $f == */test-* ]] && continue
	obj=$(grep -oE 'run_command\("[a-z-]+"' "$f" | head -n 1 | cut -d'"' -f2)
	[[ -n $obj ]] || continue
	# entries: { "name", function, "help" or NULL }, over several lines
	while IFS='|' read -r cmd help; do
		if [[ -z $cmd ]]; then
			continue
		elif [[ $help != NULL ]]; then
			if grep -qE "^\.SY \"vfpool $obj $cmd\"" "$man"; then
				ok "$obj $cmd has a synopsis in vfpool(8)"
			else
				not_ok "$obj $cmd has a synopsis in vfpool(8) (.SY \"vfpool $obj $cmd\")"
			fi
		elif grep -qE "^\.(B|BR|RB) .*\b$cmd\b" "$man"; then
			ok "$obj $cmd is in bold in vfpool(8)"
		else
			not_ok "$obj $cmd is in bold in vfpool(8)"
		fi
		if in_completion "$cmd"; then
			ok "$obj $cmd is in the bash completion"
		else
			not_ok "$obj $cmd is in the bash completion"
		fi
	done < <(sed -n '/struct command commands\[\] = {/,/^};/p' "$f" | tr -d '\n\t' |
		 grep -oE '\{ *"[^"]*", *[A-Za-z_0-9]+, *("|NULL)' |
		 sed -E 's/^\{ *"([^"]*)", *[A-Za-z_0-9]+, *"$/\1|HELP/; s/^\{ *"([^"]*)", *[A-Za-z_0-9]+, *NULL$/\1|NULL/')
done

# --- keyword tables: every string of a "static const char *const X[]"
words=$(for f in "$src"/*.c; do
	[[ $f == */test-* ]] && continue
	sed -n '/static const char \*const [a-z_]*\[\] = {/,/};/p' "$f"
done | grep -oE '"[a-z0-9][a-z0-9.-]*"' | tr -d '"' | sort -u)
for w in $words; do
	if in_man "$w"; then
		ok "keyword $w is in vfpool(8)"
	else
		not_ok "keyword $w is in vfpool(8)"
	fi
	if in_completion "$w"; then
		ok "keyword $w is in the bash completion"
	else
		not_ok "keyword $w is in the bash completion"
	fi
done

# --- the usage each object prints: its lower-case words
for o in "${objects[@]}"; do
	[[ $o == help ]] && continue
	usage=$("$vfpool" "$o" help 2>&1)
	missing=
	for w in $(sed 's/^Usage://' <<<"$usage" | grep -oE '(^|[][ {}|])[a-z][a-z0-9.-]*' |
		   sed -E 's/^[][ {}|]//' | sort -u); do
		in_man "$w" || missing+=" $w"
	done
	if [[ -z $missing ]]; then
		ok "every word of \"vfpool $o help\" is in vfpool(8)"
	else
		not_ok "every word of \"vfpool $o help\" is in vfpool(8), missing:$missing"
	fi
done

# --- man renders it without warnings
if command -v man >/dev/null; then
	warnings=$(man --warnings -l "$man" 2>&1 >/dev/null)
	if [[ -z $warnings ]]; then
		ok "man --warnings -l vfpool.8: no warning"
	else
		not_ok "man --warnings -l vfpool.8: no warning"
		sed 's/^/#   /' <<<"$warnings"
	fi
else
	ok "man renders vfpool.8 # SKIP man is not installed"
fi

# --- the completion is valid bash and completes
if bash -n "$completion"; then
	ok "vfpool.bash-completion is valid bash"
else
	not_ok "vfpool.bash-completion is valid bash"
fi
# complete WORDS...: what the completion offers for the last word.
complete_words() {
	bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_vfpool vfpool "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort | tr "\n" " "' _ "$completion" "$@"
}
t() {
	local want=$1 got
	shift
	got=$(complete_words "$@")
	if [[ $got == "$want" ]]; then
		ok "completion of \"$*\": $want"
	else
		not_ok "completion of \"$*\": want '$want', got '$got'"
	fi
}
t "bond help irq lease member monitor pool " vfpool ""
t "lease " vfpool l
t "add del help show " vfpool lease ""
t "del " vfpool pool d
t "distinct-pf " vfpool lease add pool p0 owner x count 2 di
t "802.1Q 802.1ad " vfpool lease add pool p0 owner x vlan 5 proto ""
t "auto disable enable " vfpool lease add pool p0 owner x link-state ""
t "cpus none numa-local spread " vfpool pool add p0 irq-policy ""
t "help set show " vfpool irq ""
t "banned-cpus dev pci policy pool " vfpool irq set ""
t "cpus none numa-local spread " vfpool irq set pci 0000:00:04.1 policy ""
t "help json " vfpool monitor ""
t "enslave help release " vfpool bond ""
t "ifindex " vfpool bond enslave i
t "ifindex lease link owner " vfpool bond release ""
t "lease link owner " vfpool bond enslave bond0 ""
t "lease link owner " vfpool bond enslave ifindex 4 ""
t "lease link " vfpool bond enslave bond0 owner pod5 link net0 ""
t "lease link " vfpool bond release o pod5 le 7 ""
t "--help --json --pretty --version -V -h -j -p " vfpool -

echo "1..$n"
((failed == 0))
