//! The district dashboard and the series the charts draw, computed from the resolved view.
//!
//! Why in the core: the same numbers appear in the app's dashboard, in its charts and in the
//! XLSX export's district sheet, so they are computed once, here, from the reviewed rows
//! (rejected facts left out), and unit-tested without a window.
//!
//! A cell is the latest value of one metric in one district: latest by the date the figure
//! refers to, else the article's publication date. Facts behind a cell that give different
//! values for that same latest date are a conflict, flagged for the reviewer. A province's
//! total sums the latest values of its districts for additive metrics only (never percents),
//! with how many of its districts reported.

use crate::dataset::Dataset;
use crate::extract::catalogue::Catalogue;
use crate::model::{PartialDate, Value, Ymd};
use crate::review::Status;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// The date a row's figure belongs to: its as-of date (the year taken from the article when
/// the text gives none), else the article's publication date.
pub fn row_date(ds: &Dataset, row: usize) -> Option<PartialDate> {
    let r = ds.rows.get(row)?;
    let published = ds.articles[r.article].extraction.meta.published;
    match r.as_of {
        Some(d) if d.year.is_some() => Some(d),
        Some(d) => Some(PartialDate {
            year: published.map(|p| p.year),
            ..d
        }),
        None => published.map(PartialDate::from),
    }
}

/// Sort key of an optional date: unknown dates first, unknown years before known ones.
fn date_key(d: Option<PartialDate>) -> (bool, i32, u8, u8) {
    match d {
        None => (false, i32::MIN, 0, 0),
        Some(d) => (true, d.year.unwrap_or(i32::MIN), d.month, d.day),
    }
}

/// One metric in one district.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The latest value.
    pub value: Value,
    /// The date it belongs to.
    pub date: Option<PartialDate>,
    /// Rows behind the cell, latest first.
    pub rows: Vec<usize>,
    /// Sources give different values for the latest date.
    pub conflict: bool,
}

/// A row of the dashboard: a district, or the province's own figures (`district: None`).
#[derive(Clone, Debug, PartialEq)]
pub struct DistrictRow {
    pub district: Option<String>,
    pub cells: BTreeMap<String, Cell>,
}

/// A province's sum of its districts for one additive metric.
#[derive(Clone, Debug, PartialEq)]
pub struct Total {
    pub sum: f64,
    /// Districts with a figure.
    pub reporting: usize,
    /// Districts the province has (from the gazetteer), or those seen when unknown.
    pub of: usize,
}

/// One province: its districts, its own figures, and totals.
#[derive(Clone, Debug, PartialEq)]
pub struct ProvinceBlock {
    /// `None` for facts placed nowhere.
    pub province: Option<String>,
    /// Districts sorted by name, then the province-level row when there is one.
    pub rows: Vec<DistrictRow>,
    pub totals: BTreeMap<String, Total>,
}

/// The dashboard for one province or all of them.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    /// Metric ids, in catalogue order.
    pub metrics: Vec<String>,
    pub blocks: Vec<ProvinceBlock>,
}

impl Table {
    /// The cell of a district (or of the province's own row with `district: None`).
    pub fn cell(&self, province: &str, district: Option<&str>, metric: &str) -> Option<&Cell> {
        self.blocks
            .iter()
            .find(|b| b.province.as_deref() == Some(province))?
            .rows
            .iter()
            .find(|r| r.district.as_deref() == district)?
            .cells
            .get(metric)
    }
}

/// (province, district) of a dashboard row.
type PlaceKey = (Option<String>, Option<String>);

/// True when a metric's district figures may be summed into a province total.
pub fn summable(catalogue: &Catalogue, metric: &str) -> bool {
    catalogue
        .metric(metric)
        .is_some_and(|m| m.additive && m.unit != "percent")
}

/// Builds the dashboard. `province`: one province, or all. `districts_in`: how many districts
/// a province has (the gazetteer's count), for the coverage of totals.
pub fn build(
    ds: &Dataset,
    catalogue: &Catalogue,
    province: Option<&str>,
    districts_in: &dyn Fn(&str) -> Option<usize>,
) -> Table {
    // (province, district) → metric → rows, with borrowed keys: this pass sees every row.
    type Key<'a> = (Option<&'a str>, Option<&'a str>);
    let mut borrowed: HashMap<Key<'_>, HashMap<&str, Vec<usize>>> = HashMap::default();
    for (i, r) in ds.rows.iter().enumerate() {
        if r.status == Status::Rejected || r.metric == "other" {
            continue;
        }
        if province.is_some_and(|p| r.place.province.as_deref() != Some(p)) {
            continue;
        }
        if r.place.is_empty() {
            continue;
        }
        borrowed
            .entry((r.place.province.as_deref(), r.place.district.as_deref()))
            .or_default()
            .entry(r.metric.as_str())
            .or_default()
            .push(i);
    }
    let groups: BTreeMap<PlaceKey, BTreeMap<String, Vec<usize>>> = borrowed
        .into_iter()
        .map(|((p, d), m)| {
            let m = m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            ((p.map(str::to_owned), d.map(str::to_owned)), m)
        })
        .collect();
    // Distinct metrics first, then catalogue order (unknown ids last, by name).
    let distinct: std::collections::BTreeSet<&String> =
        groups.values().flat_map(|m| m.keys()).collect();
    let mut present: Vec<(usize, String)> = distinct
        .into_iter()
        .map(|m| (catalogue.metric_index(m).unwrap_or(usize::MAX), m.clone()))
        .collect();
    present.sort();
    let present: Vec<String> = present.into_iter().map(|(_, m)| m).collect();

    let mut blocks: Vec<ProvinceBlock> = Vec::new();
    for ((prov, district), metrics) in groups {
        let cells: BTreeMap<String, Cell> = metrics
            .into_iter()
            .map(|(m, rows)| (m, cell_of(ds, rows)))
            .collect();
        if blocks.last().is_none_or(|b| b.province != prov) {
            blocks.push(ProvinceBlock {
                province: prov.clone(),
                rows: Vec::new(),
                totals: BTreeMap::new(),
            });
        }
        if let Some(b) = blocks.last_mut() {
            b.rows.push(DistrictRow { district, cells });
        }
    }
    for b in &mut blocks {
        // Districts by name, the province's own row last.
        b.rows.sort_by(|x, y| {
            (x.district.is_none(), &x.district).cmp(&(y.district.is_none(), &y.district))
        });
        let seen = b.rows.iter().filter(|r| r.district.is_some()).count();
        let of = b
            .province
            .as_deref()
            .and_then(districts_in)
            .unwrap_or(seen)
            .max(seen);
        for m in present.iter().filter(|m| summable(catalogue, m)) {
            let vals: Vec<f64> = b
                .rows
                .iter()
                .filter(|r| r.district.is_some())
                .filter_map(|r| r.cells.get(m))
                .map(|c| c.value.representative())
                .collect();
            if !vals.is_empty() {
                b.totals.insert(
                    m.clone(),
                    Total {
                        sum: vals.iter().sum(),
                        reporting: vals.len(),
                        of,
                    },
                );
            }
        }
    }
    Table {
        metrics: present,
        blocks,
    }
}

fn cell_of(ds: &Dataset, rows: Vec<usize>) -> Cell {
    // Latest first; at the same date, accepted before pending, then more confident. The keys
    // are computed once per row, not once per comparison.
    let mut keyed: Vec<_> = rows
        .into_iter()
        .map(|i| {
            let r = &ds.rows[i];
            (
                date_key(row_date(ds, i)),
                r.status == Status::Accepted,
                r.confidence,
                i,
            )
        })
        .collect();
    keyed.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(b.2.partial_cmp(&a.2).unwrap_or(std::cmp::Ordering::Equal))
            .then(a.3.cmp(&b.3))
    });
    let rows: Vec<usize> = keyed.iter().map(|k| k.3).collect();
    let first = rows[0];
    let date = row_date(ds, first);
    let value = ds.rows[first].value;
    let conflict = rows
        .iter()
        .zip(&keyed)
        .take_while(|(_, k)| k.0 == date_key(date))
        .any(|(&i, _)| ds.rows[i].value != value);
    Cell {
        value,
        date,
        rows,
        conflict,
    }
}

/// A point of a time series.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub date: Ymd,
    pub value: f64,
    pub row: usize,
}

/// One metric over time in one place (a district, or a province's own figures with
/// `district: None`): every reviewed fact with a full date, in date order. Facts whose year
/// cannot be known are left out.
pub fn series(ds: &Dataset, metric: &str, province: &str, district: Option<&str>) -> Vec<Point> {
    let mut v: Vec<Point> = ds
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.status != Status::Rejected
                && r.metric == metric
                && r.place.province.as_deref() == Some(province)
                && r.place.district.as_deref() == district
        })
        .filter_map(|(i, r)| {
            let d = row_date(ds, i)?.ymd()?;
            Some(Point {
                date: d,
                value: r.value.representative(),
                row: i,
            })
        })
        .collect();
    v.sort_by_key(|p| (p.date, p.row));
    v
}

/// One metric across the districts of a province: the dashboard's latest values, largest
/// first.
pub fn bars(table: &Table, province: &str, metric: &str) -> Vec<(String, f64, usize)> {
    let mut v: Vec<(String, f64, usize)> = table
        .blocks
        .iter()
        .filter(|b| b.province.as_deref() == Some(province))
        .flat_map(|b| b.rows.iter())
        .filter_map(|r| {
            let d = r.district.clone()?;
            let c = r.cells.get(metric)?;
            Some((d, c.value.representative(), c.rows[0]))
        })
        .collect();
    v.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::test_support::dataset;

    fn gaz_count(ex: &Extractor) -> impl Fn(&str) -> Option<usize> + '_ {
        move |p: &str| {
            let g = &ex.gazetteer;
            let pi = g.province_by_name(p)?;
            Some(g.districts_of(pi).filter(|d| !d.former).count())
        }
    }

    #[test]
    fn the_sample_dashboard_shows_o_mon_and_the_ha_noi_districts() {
        let (ds, ex) = dataset(crate::sample::FILES);
        let count = gaz_count(&ex);
        let t = build(&ds, &ex.catalogue, Some("Cần Thơ"), &count);
        let c = t
            .cell("Cần Thơ", Some("Ô Môn"), "cases_cumulative")
            .unwrap();
        assert_eq!(c.value, Value::Exact(433.0));
        assert_eq!(
            c.date,
            Some(PartialDate {
                year: Some(2021),
                month: 9,
                day: 23
            })
        );
        let doses = t
            .cell("Cần Thơ", Some("Ô Môn"), "vaccine_doses_total")
            .unwrap();
        assert_eq!(doses.value, Value::Exact(22_248.0));
        // Cần Thơ has 9 districts; the totals say how many reported.
        let total = &t.blocks[0].totals["cases_cumulative"];
        assert_eq!(total.of, 9);
        assert!(total.reporting >= 1);
        // Percents are never summed.
        assert!(
            t.blocks[0]
                .totals
                .keys()
                .all(|m| summable(&ex.catalogue, m))
        );
        assert!(!summable(&ex.catalogue, "plan_fulfilment_percent"));

        let t = build(&ds, &ex.catalogue, Some("Hà Nội"), &count);
        let names: Vec<Option<&str>> = t.blocks[0]
            .rows
            .iter()
            .map(|r| r.district.as_deref())
            .collect();
        assert!(names.contains(&Some("Hoàng Mai")), "{names:?}");
        assert!(names.contains(&Some("Ba Đình")), "{names:?}");
        // All provinces: one block each.
        let all = build(&ds, &ex.catalogue, None, &count);
        assert!(all.blocks.len() >= 3);
    }

    #[test]
    fn latest_value_wins_disagreeing_sources_are_flagged_and_rejects_drop_out() {
        let (mut ds, ex) = dataset(&[
            (
                "a.txt",
                "Bản tin 20/9/2021\n\n20/09/2021\n\nĐến ngày 19/9, quận Ô Môn, TP Cần Thơ có 400 ca COVID-19.\n",
            ),
            (
                "b.txt",
                "Bản tin 24/9/2021\n\n24/09/2021\n\nĐến ngày 23/9, quận Ô Môn, TP Cần Thơ có 433 ca COVID-19.\n",
            ),
            (
                "c.txt",
                "Tin 24/9\n\n24/09/2021\n\nĐến ngày 23/9, quận Ô Môn, TP Cần Thơ có 435 ca COVID-19.\n",
            ),
        ]);
        let count = gaz_count(&ex);
        let t = build(&ds, &ex.catalogue, Some("Cần Thơ"), &count);
        let c = t
            .cell("Cần Thơ", Some("Ô Môn"), "cases_cumulative")
            .unwrap();
        assert_eq!(c.rows.len(), 3);
        assert!(c.conflict, "433 and 435 for the same day");
        assert_eq!(c.date.unwrap().day, 23);
        // Reject the 435: no conflict left, 433 is the latest.
        let i435 = ds
            .rows
            .iter()
            .position(|r| r.value == Value::Exact(435.0))
            .unwrap();
        let mut ov = crate::review::Overlay::default();
        ov.reviews.insert(
            ds.key_of(i435).unwrap().clone(),
            crate::review::Review {
                status: Status::Rejected,
                ..Default::default()
            },
        );
        ds.resolve(&ov);
        let t = build(&ds, &ex.catalogue, Some("Cần Thơ"), &count);
        let c = t
            .cell("Cần Thơ", Some("Ô Môn"), "cases_cumulative")
            .unwrap();
        assert!(!c.conflict);
        assert_eq!(c.value, Value::Exact(433.0));
        // The time series has both dates, in order.
        let s = series(&ds, "cases_cumulative", "Cần Thơ", Some("Ô Môn"));
        let days: Vec<u8> = s.iter().map(|p| p.date.day).collect();
        assert_eq!(days, vec![19, 23]);
        assert_eq!(bars(&t, "Cần Thơ", "cases_cumulative")[0].0, "Ô Môn");
    }
}
