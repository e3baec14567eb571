"""Checks every href and src of every page in a built site: relative, naming an existing file
inside the site, with its #fragment present in the target. For sites too big for the test
suite's checker (a national build). Usage: python3 bench/check_links.py OUTPUT_DIR"""
import os, re, sys
from multiprocessing import Pool
from functools import lru_cache
from urllib.parse import unquote

OUT = sys.argv[1]
ATTR = re.compile(rb'(?:href|src)="([^"]*)"')
ID = re.compile(rb'\sid="([^"]+)"')

@lru_cache(maxsize=4096)
def ids_of(path):
    with open(path, 'rb') as f:
        return frozenset(ID.findall(f.read()))

def check(page):
    problems, links = [], 0
    with open(page, 'rb') as f:
        html = f.read()
    base = os.path.dirname(page)
    own_ids = None
    for raw in ATTR.findall(html):
        links += 1
        link = raw.decode()
        if link.startswith(('http:', 'https:', '//', '/')) or ':' in link.split('/')[0].split('#')[0]:
            problems.append(f"{page}: not relative: {link}")
            continue
        target, _, frag = link.partition('#')
        target = target.split('?')[0]
        path = os.path.normpath(os.path.join(base, unquote(target))) if target else page
        if not path.startswith(OUT):
            problems.append(f"{page}: leaves the site: {link}"); continue
        if not os.path.isfile(path):
            problems.append(f"{page}: missing {link}"); continue
        if frag and path.endswith('.html'):
            if path == page:
                if own_ids is None:
                    own_ids = frozenset(ID.findall(html))
                ok = frag.encode() in own_ids
            else:
                ok = frag.encode() in ids_of(path)
            if not ok:
                problems.append(f"{page}: no #{frag} in {link}")
    return links, problems

def pages():
    for root, _, files in os.walk(OUT):
        for name in files:
            if name.endswith('.html'):
                yield os.path.join(root, name)

if __name__ == '__main__':
    OUT = os.path.normpath(OUT)
    total_pages = total_links = 0
    problems = []
    with Pool(2) as pool:
        for links, p in pool.imap_unordered(check, pages(), chunksize=256):
            total_pages += 1; total_links += links; problems.extend(p)
    print(f"{total_pages} pages, {total_links} links and sources checked, {len(problems)} problems")
    for p in problems[:20]:
        print(p)
    sys.exit(1 if problems else 0)
