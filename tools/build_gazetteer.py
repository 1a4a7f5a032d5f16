#!/usr/bin/env python3
"""Builds assets/gazetteer/*.tsv from the GSO lists shipped in the PyPI package vietnam-provinces.

Why: baocao resolves places in reports written 2020-2022 against the administrative map that
stood before 1 July 2025 (63 provinces). The canonical list is GSO's of 2025-01-04
(vietnam-provinces 0.6.0). Units merged or renamed since 2019 stay findable: they are taken
from the package's older releases (0.2 ~ 2019, 0.3.0 ~ 2021, 0.5.0 = 2023-05-07) and kept as
rows with status `former`. Names and codes are facts; this script only reshapes them.

Usage (needs network access to PyPI once):
    python3 tools/build_gazetteer.py [--cache DIR]
The output is deterministic; rerunning on the same releases gives the same files.
"""
import argparse, json, pathlib, subprocess, sys, unicodedata, zipfile, collections

RELEASES = ["0.2", "0.3.0", "0.5.0", "0.6.0"]  # oldest first; the last one is canonical
OUT = pathlib.Path(__file__).resolve().parent.parent / "assets" / "gazetteer"

DISTRICT_TYPES = [("thành phố", "thành phố"), ("thị xã", "thị xã"), ("quận", "quận"), ("huyện", "huyện")]
WARD_TYPES = [("thị trấn", "thị trấn"), ("phường", "phường"), ("xã", "xã")]
PROVINCE_TYPES = [("thành phố", "thành phố"), ("tỉnh", "tỉnh")]

# Province names as reports of 2020-2022 write them, where the 2025 list has changed them.
PROVINCE_NAME_OVERRIDE = {46: ("Thừa Thiên Huế", ["Huế", "Thừa Thiên - Huế", "TT-Huế", "TT Huế"])}
# Common ways reports write provinces (abbreviations and old spellings); names without
# diacritics are derived by the reader, not listed here.
PROVINCE_ALIASES = {
    1: ["Thủ đô Hà Nội", "HN"],
    79: ["TP.HCM", "TPHCM", "TP HCM", "TP. HCM", "Tp.HCM", "HCM", "Sài Gòn", "Thành phố HCM"],
    77: ["Bà Rịa – Vũng Tàu", "Bà Rịa-Vũng Tàu", "BR-VT", "BRVT"],
    66: ["Đắc Lắc", "Đăk Lăk", "Đắk Lăk", "Đăk Lắk", "Daklak"],
    67: ["Đắc Nông", "Đăk Nông"],
    48: ["TP Đà Nẵng"],
    31: ["TP Hải Phòng"],
    92: ["TP Cần Thơ"],
}


def nfc(s):
    # GSO writes some Ê Đê and Ba Na names with a space after the apostrophe ("Ia H' Drai");
    # reports write them without ("Ia H'Drai").
    s = unicodedata.normalize("NFC", s.strip())
    return s.replace("' ", "'").replace("’", "'")


def split_type(full, types):
    low = full.lower()
    for prefix, canonical in types:
        if low.startswith(prefix + " "):
            rest = nfc(full[len(prefix) + 1:])
            # Numbered units ("Quận 8", "Phường 1") keep the type word: "8" alone names nothing.
            if rest.isdigit():
                return canonical, nfc(prefix.capitalize() + " " + str(int(rest)))
            return canonical, rest
    raise SystemExit(f"no type word in {full!r}")


def load_release(version, cache):
    wheel = next(cache.glob(f"vietnam_provinces-{version}-*.whl"), None)
    if wheel is None:
        subprocess.run([sys.executable, "-m", "pip", "download", f"vietnam-provinces=={version}",
                        "--no-deps", "-d", str(cache)], check=True, stdout=subprocess.DEVNULL)
        wheel = next(cache.glob(f"vietnam_provinces-{version}-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith("data/nested-divisions.json"))
        return json.loads(z.read(name))


def fold_spelling(s):
    """i/y and tone-placement insensitive key: tells a spelling change (Qui/Quy) from a rename."""
    s = unicodedata.normalize("NFD", s.lower())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").replace("đ", "d")
    return s.replace("y", "i")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", default="/tmp/vietnam-provinces-cache")
    a = ap.parse_args()
    cache = pathlib.Path(a.cache)
    cache.mkdir(parents=True, exist_ok=True)
    data = {v: load_release(v, cache) for v in RELEASES}
    canon = data[RELEASES[-1]]

    provinces = []
    for p in canon:
        ptype, pname = split_type(p["name"], PROVINCE_TYPES)
        aliases = list(PROVINCE_ALIASES.get(p["code"], []))
        if p["code"] in PROVINCE_NAME_OVERRIDE:
            new_name, extra = PROVINCE_NAME_OVERRIDE[p["code"]]
            aliases = [pname] + extra + aliases if pname != new_name else extra + aliases
            pname = new_name
            ptype = "tỉnh"
        provinces.append((p["code"], pname, ptype, sorted(set(a for a in aliases if a != pname))))

    # District history: code -> list of (release, province_code, type, name)
    dist_hist = collections.defaultdict(list)
    ward_hist = collections.defaultdict(list)
    for v in RELEASES:
        for p in data[v]:
            for d in p["districts"]:
                dtype, dname = split_type(d["name"], DISTRICT_TYPES)
                dist_hist[d["code"]].append((v, p["code"], dtype, dname))
                for w in d["wards"]:
                    wtype, wname = split_type(w["name"], WARD_TYPES)
                    ward_hist[w["code"]].append((v, d["code"], wtype, wname))

    canon_districts = {}
    for p in canon:
        for d in p["districts"]:
            canon_districts[d["code"]] = p["code"]

    def successor(old_code, old_release):
        """The current district that took most of the wards the old district had."""
        votes = collections.Counter()
        for p in data[old_release]:
            for d in p["districts"]:
                if d["code"] != old_code:
                    continue
                for w in d["wards"]:
                    h = ward_hist.get(w["code"], [])
                    last = [x for x in h if x[0] == RELEASES[-1]]
                    if last:
                        votes[last[0][1]] += 1
        return votes.most_common(1)[0][0] if votes else ""

    district_rows = []
    for code in sorted(dist_hist):
        hist = dist_hist[code]
        last = hist[-1]
        current = last[0] == RELEASES[-1]
        aliases = []
        formers = []
        if current:
            _, pcode, dtype, dname = last
            for v, _, t, n in hist[:-1]:
                if fold_spelling(n) == fold_spelling(dname):
                    if n != dname:
                        aliases.append(n)
                    if t != dtype:
                        aliases.append(f"{t} {n}")
                else:
                    formers.append((v, pcode, t, n))
            district_rows.append([code, pcode, dname, dtype, sorted(set(aliases)), "current", ""])
        else:
            formers.append(last)
        # One former row per distinct former name, dated by the last release that had it.
        seen = {}
        for v, pcode, t, n in formers:
            seen[fold_spelling(n)] = (v, pcode, t, n)
        for key, (v, pcode, t, n) in sorted(seen.items()):
            succ = code if current else successor(code, v)
            district_rows.append([code, pcode, n, t, [], "former", succ])

    ward_rows = []
    for code in sorted(ward_hist):
        hist = ward_hist[code]
        last = hist[-1]
        current = last[0] == RELEASES[-1]
        _, dcode, wtype, wname = last
        aliases = sorted(set(n for _, _, _, n in hist[:-1] if n != wname and fold_spelling(n) == fold_spelling(wname)))
        ward_rows.append([code, dcode, wname, wtype, aliases, "current" if current else "former"])
        if current:
            for v, dc, t, n in hist[:-1]:
                if fold_spelling(n) != fold_spelling(wname):
                    ward_rows.append([code, dc, n, t, [], "former"])

    # Former wards point to a district row that exists: prefer the current district, else the former one.
    district_codes = {r[0] for r in district_rows}
    ward_rows = [r for r in ward_rows if r[1] in district_codes]
    # Deduplicate former ward rows that repeat the same (code, name).
    uniq = {}
    for r in ward_rows:
        uniq.setdefault((r[0], r[2], r[5]), r)
    ward_rows = sorted(uniq.values(), key=lambda r: (r[0], r[5] != "current", r[2]))

    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "provinces.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("code\tname\ttype\taliases\n")
        for code, name, t, aliases in provinces:
            f.write(f"{code}\t{name}\t{t}\t{'|'.join(aliases)}\n")
    with open(OUT / "districts.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("code\tprovince\tname\ttype\taliases\tstatus\tsuccessor\n")
        for code, pcode, name, t, aliases, status, succ in district_rows:
            f.write(f"{code}\t{pcode}\t{name}\t{t}\t{'|'.join(aliases)}\t{status}\t{succ}\n")
    with open(OUT / "wards.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("code\tdistrict\tname\ttype\taliases\tstatus\n")
        for code, dcode, name, t, aliases, status in ward_rows:
            f.write(f"{code}\t{dcode}\t{name}\t{t}\t{'|'.join(aliases)}\t{status}\n")
    print(f"provinces {len(provinces)}, districts {sum(1 for r in district_rows if r[5]=='current')} current + "
          f"{sum(1 for r in district_rows if r[5]=='former')} former, wards {sum(1 for r in ward_rows if r[5]=='current')} current + "
          f"{sum(1 for r in ward_rows if r[5]=='former')} former", file=sys.stderr)


if __name__ == "__main__":
    main()
