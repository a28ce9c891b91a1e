#!/usr/bin/env bash
# chrono's benchmark: start-up against the click floor, and 100,000 / 1,000,000 events against
# the tomli parse floor, jq and sqlite3 — side by side with hyperfine, written to bench/RESULTS.md.
# Run by hand from a clone:  bash bench/run.sh          (BENCH_SIZES="100000" for a quick run)
#                            bash bench/run.sh sql      (only the chrono sql case; prints its table)
#                            bash bench/run.sh sizes    (only the BENCH_SIZES cases, kept in bench/out
#                                                        for the next full run's report)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="${BENCH_OUT:-$root/bench/out}"  # BENCH_OUT: another directory, e.g. for a second run at once
mkdir -p "$out"

need() {  # need COMMAND DEBIAN-PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bench: installing $2"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null) || true
  fi
  command -v "$1" >/dev/null 2>&1 || { echo "bench: please install $1 (Debian package $2)" >&2; exit 2; }
}
need hyperfine hyperfine
need jq jq
need sqlite3 sqlite3
[ -x /usr/bin/time ] || need /usr/bin/time time

# chrono as users get it: a wheel in its own virtual environment (not an editable install).
if [ ! -x "$out/venv/bin/chrono" ] || [ "${BENCH_REINSTALL:-1}" = 1 ]; then
  python3 -m venv "$out/venv"
  "$out/venv/bin/pip" install --quiet --upgrade pip
  "$out/venv/bin/pip" install --quiet --force-reinstall "$root"
fi
py="$out/venv/bin/python"
chrono="$out/venv/bin/chrono"
export XDG_CACHE_HOME="$out/cache" XDG_CONFIG_HOME="$out/config" CHRONO_TODAY=2026-11-27
unset CHRONO_DATA NO_COLOR FORCE_COLOR CHRONO_CACHE || true
mkdir -p "$XDG_CONFIG_HOME"

runs=${BENCH_RUNS:-10}
hf() {  # hf NAME COMMAND... : hyperfine with the shared settings, JSON into out/NAME.json
  local name=$1; shift
  hyperfine --shell=none --warmup 3 --runs "$runs" --export-json "$out/$name.json" "$@" >/dev/null
}

sql_case() {  # chrono sql, warm: against a piped chrono list (bundled) and sqlite3 (100,000 events)
  local query="select kind, count(*) from events group by kind"
  echo "bench: chrono sql"
  "$chrono" list --from 2000 >/dev/null && "$chrono" sql "$query" >/dev/null  # both caches
  hf sql-bundled \
    -n "chrono list --from 2000 (piped)" "$chrono list --from 2000 --format tsv" \
    -n "chrono sql (bundled)" "$chrono sql '$query'"
  local size=100000
  [ -f "$out/chronology-$size.toml" ] || "$py" "$root/bench/make_chronology.py" "$size" "$out" >/dev/null
  local toml="$out/chronology-$size.toml" db="$out/chronology-$size.sqlite"
  "$chrono" list --data "$toml" --from 2000 --format tsv >/dev/null  # the timeline cache
  "$chrono" sql --data "$toml" "$query" >/dev/null                  # the tables, built from it
  hf "sql-$size" \
    -n "sqlite3" "sqlite3 $db '$query'" \
    -n "chrono sql" "$chrono sql --data $toml '$query'"
}

if [ "${1:-}" = sql ]; then  # bash bench/run.sh sql : the sql case alone, summary on stdout
  sql_case
  "$py" "$root/bench/report.py" "$out" --sql
  exit 0
fi

if [ "${1:-}" != sizes ]; then  # bash bench/run.sh sizes : only the BENCH_SIZES cases (e.g. 1,000,000)
echo "bench: start-up"
"$chrono" list --from 2000 >/dev/null  # build the bundled chronology's cache
hf startup \
  -n "python -c pass" "$py -c pass" \
  -n "python -c 'import click'" "$py -c 'import click'" \
  -n "chrono list --from 2000 (piped)" "$chrono list --from 2000 --format tsv" \
  -n "chrono list --from 2000 (table)" "$chrono list --from 2000 --format table --color always --no-pager" \
  -n "chrono --help" "$chrono --help" \
  -n "chrono show (terminal)" "$chrono show moscow-declaration --format panel --color always --no-pager" \
  -n "completion (bash, ids)" "env _CHRONO_COMPLETE=bash_complete COMP_WORDS='chrono show mos' COMP_CWORD=2 $chrono"

echo "bench: first screen (us-visits, a 40x120 pseudo-terminal)"
"$chrono" list --data us-visits >/dev/null  # its cache
ids=$("$chrono" list --data us-visits --format ids | head -300 | tr '\n' ' ')
sed 's/^title = "\(.*\) visits/title = "\1 came to/' "$root/data/us-visits.toml" >"$out/us-visits-edited.toml"
# Each long view twice: piped (the whole output, hyperfine) and on a terminal (first_screen.py).
hf long-piped -i \
  -n "list" "$chrono list --data us-visits --format tsv" \
  -n "show" "$chrono show --data us-visits --format text $ids" \
  -n "anniversaries" "$chrono anniversaries --data us-visits --ahead 120 --format tsv" \
  -n "stats --by year" "$chrono stats --data us-visits --by year --format tsv" \
  -n "diff" "$chrono diff --format tsv $root/data/us-visits.toml $out/us-visits-edited.toml" \
  -n "check" "$chrono check --format text $out/us-visits-edited.toml" \
  -n "timeline" "$chrono timeline --data us-visits --color never"
"$py" "$root/bench/first_screen.py" "$out/long-terminal.json" "$runs" \
  "list=$chrono list --data us-visits" \
  "show=$chrono show --data us-visits $ids" \
  "anniversaries=$chrono anniversaries --data us-visits --ahead 120" \
  "stats --by year=$chrono stats --data us-visits --by year" \
  "diff=$chrono diff $root/data/us-visits.toml $out/us-visits-edited.toml" \
  "check=$chrono check $out/us-visits-edited.toml" \
  "timeline=$chrono timeline --data us-visits"

# fmt and check against reading the same file: us-visits (3,264 events) and generated files.
# Every command gets the same preparation (a cold cache, a fresh unformatted copy for fmt to
# rewrite), so each ratio compares commands measured side by side in one hyperfine run.
for size in ${BENCH_FMT_SIZES-3264 10000 100000}; do
  echo "bench: fmt and check, $size events"
  if [ "$size" = 3264 ]; then
    toml="$out/us-visits.toml"; cp "$root/data/us-visits.toml" "$toml"
  else
    [ -f "$out/chronology-$size.toml" ] || "$py" "$root/bench/make_chronology.py" "$size" "$out" >/dev/null
    toml="$out/chronology-$size.toml"
  fi
  # The same events, every kind in single quotes: fmt rewrites each table (and verifies it).
  sed "s/^kind = \"\(.*\)\"\$/kind = '\1'/" "$toml" >"$out/unformatted-$size.toml"
  target="$out/fmt-target.toml"
  fmt_runs=$(( size >= 100000 ? 3 : runs ))
  hyperfine --shell=none --warmup 1 --runs "$fmt_runs" --export-json "$out/fmt-$size.json" \
    --prepare "bash -c 'rm -rf $XDG_CACHE_HOME/chrono && cp $out/unformatted-$size.toml $target'" \
    -n "chrono --no-cache list" "$chrono --no-cache list --data $toml --format tsv" \
    -n "chrono list, cold" "$chrono list --data $toml --format tsv" \
    -n "chrono fmt --check" "$chrono fmt --check $toml" \
    -n "chrono fmt (rewrites)" "$chrono fmt $target" \
    -n "chrono check" "$chrono check $toml" >/dev/null
done

fi

for size in ${BENCH_SIZES-100000 1000000}; do  # BENCH_SIZES="" measures start-up only
  echo "bench: $size events"
  [ -f "$out/chronology-$size.toml" ] || "$py" "$root/bench/make_chronology.py" "$size" "$out" >/dev/null
  toml="$out/chronology-$size.toml"; json="$out/chronology-$size.json"; db="$out/chronology-$size.sqlite"
  cold_runs=$(( size >= 1000000 ? ${BENCH_MILLION_RUNS:-3} : runs ))
  hyperfine --shell=none --warmup 0 --runs "$cold_runs" --export-json "$out/cold-$size.json" \
    --prepare "rm -rf $XDG_CACHE_HOME/chrono" \
    -n "tomli.load (floor)" "$py -c \"import tomli; tomli.load(open('$toml', 'rb'))\"" \
    -n "chrono cold (builds the cache)" "$chrono list --data $toml --from 2000 --format tsv" \
    -n "chrono --no-cache" "$chrono --no-cache list --data $toml --from 2000 --format tsv" >/dev/null
  "$chrono" list --data "$toml" --from 2000 --format tsv >/dev/null  # warm the cache
  hf "warm-$size" \
    -n "chrono warm" "$chrono list --data $toml --from 2000 --format tsv" \
    -n "chrono warm, --kind summit --format json" "$chrono list --data $toml --from 2000 --kind summit --format json" \
    -n "jq" "jq -r '.[] | select(.start >= \"2000\") | [.date,.id,.kind,.title] | @tsv' $json" \
    -n "sqlite3" "sqlite3 $db \"select date, id, kind, title from events where end >= '2000' order by start, end, id\""
  for what in warm cold; do
    [ "$what" = cold ] && rm -rf "$XDG_CACHE_HOME/chrono"
    /usr/bin/time -v "$chrono" list --data "$toml" --from 2000 --format tsv 2>"$out/memory-$what-$size.txt" >/dev/null
  done
  /usr/bin/time -v "$py" -c "import tomli; tomli.load(open('$toml', 'rb'))" 2>"$out/memory-tomli-$size.txt"
done

[ "${1:-}" = sizes ] && { echo "bench: measured ${BENCH_SIZES-100000 1000000} into bench/out"; exit 0; }
sql_case
"$py" "$root/bench/report.py" "$out" > "$root/bench/RESULTS.md"
echo "bench: wrote bench/RESULTS.md"
