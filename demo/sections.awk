# Cuts a demo SQL file into sections at lines "-- ## title" and prints it for psql, replacing each
# section whose "-- needs: f g ..." names a zjgov function missing from `have` (" f g ... ") by a
# note.
# Usage: awk -v have=" f1 f2 " -v sq="'" -f demo/sections.awk file.sql | psql
function flush(   i, n, miss, parts) {
  miss = ""
  n = split(needs, parts, /[ ,]+/)
  for (i = 1; i <= n; i++)
    if (parts[i] != "" && index(have, " " parts[i] " ") == 0) miss = miss " zjgov." parts[i]
  if (title != "") { print "\\echo"; print "\\echo " sq "== " title " ==" sq }
  if (miss == "") printf "%s", body
  else print "\\echo " sq "   (skipped: this build of zjgov lacks" miss ")" sq
  title = ""; needs = ""; body = ""
}
/^-- ## / { flush(); title = substr($0, 7); gsub(sq, "", title); next }
/^-- needs:/ { needs = substr($0, 10) }
{ body = body $0 "\n" }
END { flush() }
