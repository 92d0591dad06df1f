#!/usr/bin/env bash
# hearth plain: text on standard input checked for jargon and long
# sentences, as text and as JSON (exact output: line, column in characters,
# byte offset, the plain alternative); nothing is blocked (exit 0 with or
# without flags); the authority's own terms from --db, $HEARTH_DB or
# ./hearth.db, and the built-in list without a database; and its refusals
# (unknown format or option, stray argument, over 1 MB, not UTF-8, a NUL
# byte, a database that is not there).
. "$(dirname "$0")/lib.sh"

NEGLECT="not meeting the child's basic needs - say what was missing, such as food, warmth, clean clothes or getting to school"
CORE="the small group of family members and workers who meet to make the plan happen"
LAC="a child in care (looked after by the council)"
LONG="try splitting it into shorter sentences, one idea in each"
SENT="We are worried because aa bb cc dd ee ff gg hh ii jj aa bb cc dd ee ff gg hh ii jj aa bb."

# Line 2 runs on into line 3 ("core" / "group"); line 4 has characters of
# two and three bytes before LAC; line 5 is a sentence of 26 words.
printf 'Mum told us about the neglect.\nThe core\ngroup met on 3.5 days.\nZo\xc3\xab\xe2\x80\x99s LAC review.\n%s\n' "$SENT" >in.txt
printf 'We will take the children to school every day.\n' >plain.txt

# --- help ------------------------------------------------------------------
expect_exit 0 "help lists plain" -- "$HEARTH" help
contains "help names plain" "  plain " "$OUT"
expect_exit 0 "plain --help" -- "$HEARTH" plain --help
contains "plain --help shows usage" "usage: hearth plain" "$OUT"
for o in --format --db; do
	contains "plain --help explains $o" "$o" "$OUT"
done

# --- text ------------------------------------------------------------------
expect_exit 0 "flags do not block: exit 0" -- "$HEARTH" plain <in.txt
want=$(cat <<EOF
1:23: "neglect" - try: $NEGLECT
2:5: "core group" - try: $CORE
4:7: "LAC" - try: $LAC
5:1: long sentence (26 words): "$SENT" - $LONG
4 things to look at
EOF
)
check "text: one line per flag, line:column, then the count" -- test "$OUT" = "$want"
[ "$OUT" = "$want" ] || diff <(echo "$want") <(echo "$OUT") | sed 's/^/#   /'
check "text: nothing on stderr" -- test -z "$ERR"
expect_exit 0 "--format text is the default" -- "$HEARTH" plain --format text <in.txt
check "--format text gives the same" -- test "$OUT" = "$want"
expect_exit 0 "plain text: exit 0" -- "$HEARTH" plain <plain.txt
check "plain text: nothing to flag" -- test "$OUT" = "nothing to flag"
expect_exit 0 "empty input" -- "$HEARTH" plain </dev/null
check "empty input: nothing to flag" -- test "$OUT" = "nothing to flag"
printf 'There was neglect.' >one.txt
expect_exit 0 "one flag" -- "$HEARTH" plain <one.txt
contains "one flag: the count in the singular" "1 thing to look at" "$OUT"

# --- JSON ------------------------------------------------------------------
expect_exit 0 "--format json" -- "$HEARTH" plain --format json <in.txt
want=$(cat <<EOF
[
  {"kind":"jargon","text":"neglect","line":1,"column":23,"offset":22,"plain":"$NEGLECT"},
  {"kind":"jargon","text":"core group","line":2,"column":5,"offset":35,"plain":"$CORE"},
  {"kind":"jargon","text":"LAC","line":4,"column":7,"offset":72,"plain":"$LAC"},
  {"kind":"long-sentence","text":"$SENT","line":5,"column":1,"offset":84,"plain":"$LONG","words":26}
]
EOF
)
check "json: kind, text, line, column, offset, plain (and words)" -- test "$OUT" = "$want"
[ "$OUT" = "$want" ] || diff <(echo "$want") <(echo "$OUT") | sed 's/^/#   /'
if command -v python3 >/dev/null; then
	check "json parses, offsets point at the text" -- python3 -c '
import json, sys
flags = json.loads(sys.argv[1])
data = open("in.txt", "rb").read()
assert len(flags) == 4
for f in flags:
    keys = {"kind", "text", "line", "column", "offset", "plain"}
    if f["kind"] == "long-sentence":
        keys.add("words")
    assert set(f) == keys, f
    word = f["text"].split(" ")[0].encode()
    assert data[f["offset"]:].startswith(word), f
' "$OUT"
fi
expect_exit 0 "json, nothing to flag" -- "$HEARTH" plain --format json <plain.txt
check "json: an empty array" -- test "$OUT" = "[]"
printf '\xe2\x80\x9cLAC\xe2\x80\x9d' >quote.txt
expect_exit 0 "json of text with quotes outside ASCII" -- "$HEARTH" plain --format json <quote.txt
contains "json: column 2, offset 3" '"line":1,"column":2,"offset":3' "$OUT"

# --- the authority's own terms ------------------------------------------------
expect_exit 0 "init a database" -- "$HEARTH" init --db p.db
q p.db "INSERT INTO plain_term (term, plain, added_at) VALUES ('TAC', 'the workers who help the child', 1), ('neglect', 'our own words for it', 1)"
printf 'The TAC saw neglect.\n' >tac.txt
expect_exit 0 "without a database: the built-in list" -- "$HEARTH" plain <tac.txt
want=$(printf '1:13: "neglect" - try: %s\n1 thing to look at' "$NEGLECT")
check "without a database TAC is not flagged" -- test "$OUT" = "$want"
check "without a database none is made" -- test ! -e hearth.db
expect_exit 0 "--db adds the authority's terms" -- "$HEARTH" plain --db p.db <tac.txt
want=$(printf '1:5: "TAC" - try: the workers who help the child\n1:13: "neglect" - try: our own words for it\n2 things to look at')
check "--db: a new term, and a built-in one's suggestion replaced" -- test "$OUT" = "$want"
[ "$OUT" = "$want" ] || diff <(echo "$want") <(echo "$OUT") | sed 's/^/#   /'
HEARTH_DB=p.db expect_exit 0 "\$HEARTH_DB is the database" -- "$HEARTH" plain <tac.txt
check "\$HEARTH_DB gives the same" -- test "$OUT" = "$want"
cp p.db hearth.db
expect_exit 0 "./hearth.db when it exists" -- "$HEARTH" plain <tac.txt
check "./hearth.db gives the same" -- test "$OUT" = "$want"
rm -f hearth.db
expect_exit 3 "--db that is not there" -- "$HEARTH" plain --db missing.db <tac.txt
check "--db that is not there is not created" -- test ! -e missing.db
contains "--db that is not there: said why" "missing.db" "$ERR"

# --- refusals ------------------------------------------------------------------
expect_exit 1 "--format xml" -- "$HEARTH" plain --format xml <in.txt
contains "--format xml is named" '--format "xml" is not one of text or json' "$ERR"
check "--format xml prints nothing" -- test -z "$OUT"
expect_exit 1 "unknown option" -- "$HEARTH" plain --colour red <in.txt
contains "unknown option is named" '--colour' "$ERR"
expect_exit 2 "--format without a value" -- "$HEARTH" plain --format
contains "--format without a value is named" '--format' "$ERR"
expect_exit 2 "stray argument" -- "$HEARTH" plain in.txt
contains "stray argument is named" 'in.txt' "$ERR"

head -c 1048576 /dev/zero | tr '\0' 'a' >mb.txt
expect_exit 0 "exactly 1 MB is checked" -- "$HEARTH" plain <mb.txt
check "exactly 1 MB: nothing to flag" -- test "$OUT" = "nothing to flag"
printf 'a' >>mb.txt
expect_exit 1 "over 1 MB is refused" -- "$HEARTH" plain <mb.txt
contains "over 1 MB: said so" "over 1 MB" "$ERR"
check "over 1 MB: nothing printed" -- test -z "$OUT"
printf 'neglect \xff\xfe\n' >bad.txt
expect_exit 1 "not UTF-8 is refused" -- "$HEARTH" plain <bad.txt
contains "not UTF-8: said so" "not UTF-8" "$ERR"
printf 'neglect\0LAC\n' >nul.txt
expect_exit 1 "a NUL byte is refused" -- "$HEARTH" plain <nul.txt
contains "a NUL byte: where it is" "NUL byte at offset 7" "$ERR"

# A flood of flags: all counted, the first 10000 printed, and said so.
head -c 400000 /dev/zero | tr '\0' 'x' | sed 's/xxxx/LAC /g' >flood.txt
expect_exit 0 "a flood of flags" -- "$HEARTH" plain <flood.txt
check "a flood: 10000 flags printed, then the count" -- test "$(grep -c -E '^[0-9]+:[0-9]+: ' <<<"$OUT")" -eq 10000
contains "a flood: the long sentence comes first" '1:1: long sentence (100000 words): "LAC LAC' "$OUT"
contains "a flood: the count of all" "100001 things to look at" "$OUT"
contains "a flood: stderr says only some are shown" "100001 flags, the first 10000 shown" "$ERR"
