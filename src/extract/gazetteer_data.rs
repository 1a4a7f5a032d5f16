//! Parsing and checking of the gazetteer files (`assets/gazetteer/*.tsv`).
//!
//! Compiled twice: into the library and, through `#[path]`, into `build.rs`, which rejects a
//! malformed asset at build time with the file, line and reason. It uses only `std`.

use std::collections::{BTreeMap, BTreeSet};

/// A province row.
#[derive(Clone, Debug)]
pub struct ProvinceRow {
    pub code: u32,
    pub name: String,
    /// "tỉnh" or "thành phố" (centrally-run city).
    pub kind: String,
    pub aliases: Vec<String>,
}

/// A district row (current, or a former unit kept so reports of 2020–2022 still resolve).
#[derive(Clone, Debug)]
pub struct DistrictRow {
    pub code: u32,
    pub province: u32,
    pub name: String,
    /// "quận", "huyện", "thị xã" or "thành phố".
    pub kind: String,
    pub aliases: Vec<String>,
    pub former: bool,
    /// For a former unit: the current district that took it over.
    pub successor: Option<u32>,
}

/// A ward or commune row.
#[derive(Clone, Debug)]
pub struct WardRow {
    pub code: u32,
    pub district: u32,
    pub name: String,
    /// "phường", "xã" or "thị trấn".
    pub kind: String,
    pub aliases: Vec<String>,
    pub former: bool,
}

/// The three files, parsed.
#[derive(Clone, Debug, Default)]
pub struct GazetteerRows {
    pub provinces: Vec<ProvinceRow>,
    pub districts: Vec<DistrictRow>,
    pub wards: Vec<WardRow>,
}

const DISTRICT_KINDS: [&str; 4] = ["quận", "huyện", "thị xã", "thành phố"];
const WARD_KINDS: [&str; 3] = ["phường", "xã", "thị trấn"];
const PROVINCE_KINDS: [&str; 2] = ["tỉnh", "thành phố"];

fn rows<'a>(file: &str, text: &'a str, header: &str) -> Result<Vec<(usize, Vec<&'a str>)>, String> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, h)) if h.trim_end_matches('\r') == header => {}
        Some((_, h)) => return Err(format!("{file}:1: header must be `{header}`, found `{h}`")),
        None => return Err(format!("{file}: the file is empty")),
    }
    let n_cols = header.split('\t').count();
    let mut out = Vec::new();
    for (i, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != n_cols {
            return Err(format!(
                "{file}:{}: expected {n_cols} tab-separated columns, found {}",
                i + 1,
                cols.len()
            ));
        }
        out.push((i + 1, cols));
    }
    Ok(out)
}

fn code(file: &str, line: usize, s: &str) -> Result<u32, String> {
    s.parse::<u32>()
        .map_err(|_| format!("{file}:{line}: `{s}` is not a numeric code"))
}

fn name(file: &str, line: usize, s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() || t != s {
        return Err(format!(
            "{file}:{line}: name `{s}` is empty or has surrounding spaces"
        ));
    }
    if t.chars().any(|c| matches!(c, '\u{300}'..='\u{36f}')) {
        return Err(format!(
            "{file}:{line}: name `{s}` is not in NFC (it has combining marks)"
        ));
    }
    Ok(t.to_owned())
}

fn aliases(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

fn status(file: &str, line: usize, s: &str) -> Result<bool, String> {
    match s {
        "current" => Ok(false),
        "former" => Ok(true),
        other => Err(format!(
            "{file}:{line}: status must be `current` or `former`, found `{other}`"
        )),
    }
}

/// Parses and cross-checks the three files. Errors name the file, the line and the reason.
pub fn parse(provinces: &str, districts: &str, wards: &str) -> Result<GazetteerRows, String> {
    let mut g = GazetteerRows::default();
    for (line, c) in rows("provinces.tsv", provinces, "code\tname\ttype\taliases")? {
        let kind = c[2].to_owned();
        if !PROVINCE_KINDS.contains(&kind.as_str()) {
            return Err(format!(
                "provinces.tsv:{line}: type `{kind}` is not one of {PROVINCE_KINDS:?}"
            ));
        }
        g.provinces.push(ProvinceRow {
            code: code("provinces.tsv", line, c[0])?,
            name: name("provinces.tsv", line, c[1])?,
            kind,
            aliases: aliases(c[3]),
        });
    }
    for (line, c) in rows(
        "districts.tsv",
        districts,
        "code\tprovince\tname\ttype\taliases\tstatus\tsuccessor",
    )? {
        let kind = c[3].to_owned();
        if !DISTRICT_KINDS.contains(&kind.as_str()) {
            return Err(format!(
                "districts.tsv:{line}: type `{kind}` is not one of {DISTRICT_KINDS:?}"
            ));
        }
        let successor = if c[6].is_empty() {
            None
        } else {
            Some(code("districts.tsv", line, c[6])?)
        };
        g.districts.push(DistrictRow {
            code: code("districts.tsv", line, c[0])?,
            province: code("districts.tsv", line, c[1])?,
            name: name("districts.tsv", line, c[2])?,
            kind,
            aliases: aliases(c[4]),
            former: status("districts.tsv", line, c[5])?,
            successor,
        });
    }
    for (line, c) in rows(
        "wards.tsv",
        wards,
        "code\tdistrict\tname\ttype\taliases\tstatus",
    )? {
        let kind = c[3].to_owned();
        if !WARD_KINDS.contains(&kind.as_str()) {
            return Err(format!(
                "wards.tsv:{line}: type `{kind}` is not one of {WARD_KINDS:?}"
            ));
        }
        g.wards.push(WardRow {
            code: code("wards.tsv", line, c[0])?,
            district: code("wards.tsv", line, c[1])?,
            name: name("wards.tsv", line, c[2])?,
            kind,
            aliases: aliases(c[4]),
            former: status("wards.tsv", line, c[5])?,
        });
    }
    check(&g)?;
    Ok(g)
}

fn check(g: &GazetteerRows) -> Result<(), String> {
    let mut pcodes = BTreeSet::new();
    for p in &g.provinces {
        if !pcodes.insert(p.code) {
            return Err(format!("provinces.tsv: code {} appears twice", p.code));
        }
    }
    if g.provinces.len() != 63 {
        return Err(format!(
            "provinces.tsv: expected the 63 provinces before 1 July 2025, found {}",
            g.provinces.len()
        ));
    }
    let mut current = BTreeSet::new();
    let mut former = BTreeSet::new();
    let mut per_province: BTreeMap<u32, usize> = BTreeMap::new();
    for d in &g.districts {
        if !pcodes.contains(&d.province) {
            return Err(format!(
                "districts.tsv: district {} ({}) points to unknown province {}",
                d.code, d.name, d.province
            ));
        }
        let set = if d.former { &mut former } else { &mut current };
        if !set.insert((d.code, d.name.clone())) {
            return Err(format!(
                "districts.tsv: district {} {} appears twice",
                d.code, d.name
            ));
        }
        if !d.former {
            *per_province.entry(d.province).or_default() += 1;
        }
    }
    let current_codes: BTreeSet<u32> = current.iter().map(|(c, _)| *c).collect();
    if current_codes.len() != current.len() {
        return Err("districts.tsv: a code is used by two current districts".to_owned());
    }
    for d in &g.districts {
        if let Some(s) = d.successor
            && !current_codes.contains(&s)
        {
            return Err(format!(
                "districts.tsv: former district {} {} names successor {s}, which is not a current district",
                d.code, d.name
            ));
        }
    }
    for p in &g.provinces {
        if !per_province.contains_key(&p.code) {
            return Err(format!(
                "districts.tsv: province {} {} has no current district",
                p.code, p.name
            ));
        }
    }
    let all_codes: BTreeSet<u32> = g.districts.iter().map(|d| d.code).collect();
    for w in &g.wards {
        if !all_codes.contains(&w.district) {
            return Err(format!(
                "wards.tsv: ward {} {} points to unknown district {}",
                w.code, w.name, w.district
            ));
        }
    }
    Ok(())
}
