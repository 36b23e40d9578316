#!/usr/bin/python3
"""Fill translations into a .po file from a TSV of msgid<TAB>msgstr lines (C escapes as in the .po):
    python3 scripts/po_set.py po/zh_CN.po translations.tsv
Entries already translated are overwritten; msgids not in the .po are reported."""
import re
import sys


po_path, tsv_path = sys.argv[1], sys.argv[2]
tr = {}
for line in open(tsv_path, encoding='utf-8'):
    line = line.rstrip('\n')
    if not line or line.startswith('#'):
        continue
    k, v = line.split('\t', 1)
    tr[k] = v
text = open(po_path, encoding='utf-8').read()
blocks = text.split('\n\n')
seen = set()
out = []
for b in blocks:
    m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', b + '\n', re.M)
    if m:
        mid = ''.join(re.findall(r'"(.*)"', m.group(1)))
        if mid and mid in tr:
            b = b[:m.start(2)] + '"' + tr[mid] + '"' + ('\n' if m.group(2).endswith('\n') and not b.endswith(m.group(2)) else '') + b[m.end(2):]
            b = b.rstrip('\n')
            seen.add(mid)
    out.append(b)
open(po_path, 'w', encoding='utf-8').write('\n\n'.join(out))
for k in tr:
    if k not in seen:
        print('not in the catalogue:', k, file=sys.stderr)
