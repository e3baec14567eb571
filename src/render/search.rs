//! The search and compare index: small JS files that a page loads with `<script src>`, never
//! with `fetch()` (blocked for `file://`), so search, tables and compare work from a USB stick
//! as from any web server. `themes/default/static/assets/rapor.js` reads them.
//!
//! - `assets/cari/indeks-<lang>.js`, loaded by every page of a language: the UI words the
//!   script shows, the framework (standards, categories, decimals) for the compare page, the
//!   filter options of school tables, every region, and the manifest of the shards below.
//!   Tens of KB even for a national site (550 regions). The shards are shared by every
//!   language: they hold data only (names, codes, numbers), never words.
//! - `assets/cari/s-<key>.js`, name shards, loaded when the reader types: every school whose
//!   name, read from one of its words on (`name_tails`: `negeri 1 kampar` for `SD Negeri 1
//!   Kampar`), starts with `<key>`, as `[npsn, name, region code, jenjang]`. Keys start as
//!   two characters and grow a character at a time while a shard is larger than
//!   `NAME_SHARD_BOUND` (`ka` → `kam`, `kan`, …; `sd negeri 1` → `sd negeri 1 k`, …); the
//!   schools whose name ends exactly at a split key go to the shard `<key>-`. Only such an
//!   ending held by so many schools that even its own shard is over the bound (`selatan`
//!   alone, in a national site) is *common*: typing one more word finds the schools.
//! - `assets/cari/n-<key>.js`, NPSN shards: the full record of every school whose NPSN starts
//!   with `<key>` (digits, two or more, split like the names under `NPSN_SHARD_BOUND`), with
//!   its latest-year scores: `[npsn, name, region, jenjang, status, peran, [standards…,
//!   total], levels]` (`levels`: one digit per value, the category level, 0 = none). The
//!   search loads one for a typed NPSN, the compare page one per selected school.
//!
//! Every file is one `(self.raporIndeks=self.raporIndeks||[]).push([name, data]);` call, so
//! the order in which scripts arrive does not matter. Words are split on anything that is not
//! a letter or digit and lowercased, the same in rapor.js; key characters other than `a-z0-9`
//! are written `_<hex>_` so file names stay plain ASCII (and distinct on FAT sticks).

use super::format::NumberFormat;
use super::view::SiteView;
use crate::model::{Peran, RegionKind, School, Status};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Largest name shard, in bytes: a few thousand schools, parsed in milliseconds.
pub const NAME_SHARD_BOUND: usize = 128 * 1024;
/// Largest NPSN shard, in bytes (about 500 full records).
pub const NPSN_SHARD_BOUND: usize = 64 * 1024;
/// Folder of the index files in the output.
pub const FOLDER: &str = "assets/cari";

/// The index file every page of a language loads.
pub fn manifest_path(lang: &str) -> String {
    format!("{FOLDER}/indeks-{lang}.js")
}

/// UI words the script shows (from the theme's i18n file of the site's language).
const SCRIPT_WORDS: &[&str] = &[
    "cari_label",
    "cari_hasil",
    "cari_hasil_sebagian",
    "cari_tidak_ada",
    "cari_ketik_lagi",
    "cari_umum",
    "bandingkan",
    "banding_maks",
    "banding_dipilih",
    "banding_buka",
    "banding_kosongkan",
    "banding_hapus",
    "banding_ditambah",
    "banding_dihapus",
    "banding_kosong",
    "banding_tidak_ditemukan",
    "banding_tabel",
    "tabel_menampilkan",
    "tabel_semua",
    "tabel_saring",
    "npsn",
    "jenjang",
    "status",
    "peran",
    "kategori",
    "wilayah",
    "nilai_total",
    "provinsi",
    "kabupaten",
    "kota",
];

/// Lowercased words of a text, split on anything that is not a letter or digit.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// A name from each of its words on (`sd negeri 1 kampar`, `negeri 1 kampar`, `1 kampar`,
/// `kampar`), words lowercased and joined by one space: the strings the name shards index,
/// so a query matches from any word of the name, and a frequent word splits deeper (`sd
/// negeri 1 k…`) rather than leaving the school unfindable.
pub fn name_tails(name: &str) -> impl Iterator<Item = String> {
    let list: Vec<String> = words(name).collect();
    (0..list.len()).map(move |i| list[i..].join(" "))
}

/// The file-name form of a key: `a-z0-9` as they are, any other character as `_<hex>_`.
pub fn file_key(prefix: &str) -> String {
    let mut key = String::new();
    for c in prefix.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            key.push(c);
        } else {
            key.push_str(&format!("_{:x}_", c as u32));
        }
    }
    key
}

/// One shard: the words' common prefix, whether it holds only the word equal to it, and its
/// schools (indexes, ascending).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    pub prefix: String,
    pub exact: bool,
    pub schools: Vec<u32>,
}

impl Shard {
    /// The key as the manifest and the file name write it: `ka`, `kam-`.
    pub fn key(&self) -> String {
        let key = file_key(&self.prefix);
        if self.exact {
            key + "-"
        } else {
            key
        }
    }
}

/// Shards of `(text, school)` entries under `bound` bytes, records `record_bytes[school]`
/// long; and the common words (too frequent to key a shard of their own).
pub fn shards(
    mut entries: Vec<(String, u32)>,
    record_bytes: &[usize],
    bound: usize,
) -> (Vec<Shard>, Vec<String>) {
    entries.retain(|(w, _)| w.chars().nth(1).is_some());
    entries.par_sort_unstable();
    entries.dedup();
    // Two-character groups split independently, in parallel; joined in their sorted order.
    let parts: Vec<(Vec<Shard>, Vec<String>)> = runs(&entries, 2)
        .into_par_iter()
        .map(|group| {
            let mut out = (Vec::new(), Vec::new());
            split(group, 2, record_bytes, bound, &mut out);
            out
        })
        .collect();
    let mut out = (Vec::new(), Vec::new());
    for (list, common) in parts {
        out.0.extend(list);
        out.1.extend(common);
    }
    out
}

/// The first `depth` characters of a word (all of it when shorter).
fn head(word: &str, depth: usize) -> &str {
    match word.char_indices().nth(depth) {
        Some((at, _)) => &word[..at],
        None => word,
    }
}

/// Contiguous runs of entries sharing their first `depth` characters.
fn runs(entries: &[(String, u32)], depth: usize) -> Vec<&[(String, u32)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=entries.len() {
        if i == entries.len() || head(&entries[i].0, depth) != head(&entries[start].0, depth) {
            out.push(&entries[start..i]);
            start = i;
        }
    }
    out
}

fn distinct(entries: &[(String, u32)]) -> Vec<u32> {
    let mut schools: Vec<u32> = entries.iter().map(|(_, s)| *s).collect();
    schools.sort_unstable();
    schools.dedup();
    schools
}

/// Bytes of a shard file holding `schools`: each record with the `,\n` after it, and the
/// call around them (under 128 bytes for any key).
fn shard_bytes(schools: &[u32], record_bytes: &[usize]) -> usize {
    128 + schools
        .iter()
        .map(|&s| record_bytes[s as usize] + 2)
        .sum::<usize>()
}

/// `entries` share their first `depth` characters: one shard, or split one character deeper.
fn split(
    entries: &[(String, u32)],
    depth: usize,
    record_bytes: &[usize],
    bound: usize,
    out: &mut (Vec<Shard>, Vec<String>),
) {
    let prefix = head(&entries[0].0, depth).to_string();
    let schools = distinct(entries);
    if shard_bytes(&schools, record_bytes) <= bound {
        out.0.push(Shard {
            prefix,
            exact: false,
            schools,
        });
        return;
    }
    // Sorted, so the word equal to the prefix comes before its extensions.
    let cut = entries.partition_point(|(w, _)| w.len() == prefix.len());
    let (exact, longer) = entries.split_at(cut);
    if !exact.is_empty() {
        let schools = distinct(exact);
        if shard_bytes(&schools, record_bytes) <= bound {
            out.0.push(Shard {
                prefix,
                exact: true,
                schools,
            });
        } else {
            out.1.push(prefix);
        }
    }
    for group in runs(longer, depth + 1) {
        split(group, depth + 1, record_bytes, bound, out);
    }
}

/// Every index file of the site, by output path, in a fixed order: one manifest per language
/// (`views`, main first), then the shards.
pub fn files(views: &[SiteView]) -> Vec<(String, Vec<u8>)> {
    let Some(view) = views.first() else {
        return Vec::new();
    };
    let data = view.data;
    let light: Vec<String> = data
        .schools
        .par_iter()
        .map(|s| {
            format!(
                "[{},{},{},\"{}\"]",
                text(&s.npsn),
                text(&s.nama),
                text(&s.kode_wilayah),
                s.jenjang.as_str()
            )
        })
        .collect();
    let full: Vec<String> = (0..data.schools.len())
        .into_par_iter()
        .map(|i| full_record(view, i))
        .collect();
    let lengths = |records: &[String]| records.iter().map(String::len).collect::<Vec<_>>();

    let name_entries: Vec<(String, u32)> = data
        .schools
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, s)| name_tails(&s.nama).map(move |t| (t, i as u32)))
        .collect();
    let (name_shards, common) = shards(name_entries, &lengths(&light), NAME_SHARD_BOUND);
    let npsn_entries: Vec<(String, u32)> = data
        .schools
        .iter()
        .enumerate()
        .map(|(i, s)| (s.npsn.clone(), i as u32))
        .collect();
    let (npsn_shards, _) = shards(npsn_entries, &lengths(&full), NPSN_SHARD_BOUND);

    let mut out: Vec<(String, Vec<u8>)> = views
        .iter()
        .map(|v| {
            (
                manifest_path(v.lang.code),
                manifest(v, &name_shards, &npsn_shards, &common),
            )
        })
        .collect();
    for (letter, list, records) in [("s", &name_shards, &light), ("n", &npsn_shards, &full)] {
        for shard in list {
            let name = format!("{letter}-{}", shard.key());
            let rows: Vec<&str> = shard
                .schools
                .iter()
                .map(|&s| records[s as usize].as_str())
                .collect();
            out.push((
                format!("{FOLDER}/{name}.js"),
                script(&name, &format!("[\n{}\n]", rows.join(",\n"))),
            ));
        }
    }
    out
}

fn script(name: &str, data: &str) -> Vec<u8> {
    format!("(self.raporIndeks=self.raporIndeks||[]).push([{name:?},{data}]);\n").into_bytes()
}

/// A JSON string.
fn text(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A school's record in an NPSN shard, with its latest-year standards, total and levels.
fn full_record(view: &SiteView, i: usize) -> String {
    let f = &view.data.framework;
    let s: &School = &view.data.schools[i];
    let score = view.latest_year().and_then(|y| view.scores.get(y, i));
    let values: Vec<Option<f64>> = (0..f.standards.len())
        .map(|k| score.and_then(|sc| sc.standards[k]))
        .chain([score.and_then(|sc| sc.total)])
        .collect();
    // Numbers as the pages show them (rounded, point decimal), so compare equals the pages.
    let plain = NumberFormat {
        decimal_comma: false,
        ..view.numbers
    };
    let numbers: Vec<String> = values
        .iter()
        .map(|v| v.map_or_else(|| "null".to_string(), |v| plain.number(v)))
        .collect();
    // The category level as every page computes it (`NumberFormat::score`): 1 = lowest.
    let levels: String = values
        .iter()
        .map(|v| match v {
            Some(v) => char::from_digit(f.category_index(*v) as u32 + 1, 36).unwrap_or('0'),
            None => '0',
        })
        .collect();
    let status = match s.status {
        Status::Negeri => "negeri",
        Status::Swasta => "swasta",
    };
    format!(
        "[{},{},{},\"{}\",\"{status}\",\"{}\",[{}],\"{levels}\"]",
        text(&s.npsn),
        text(&s.nama),
        text(&s.kode_wilayah),
        s.jenjang.as_str(),
        peran_value(s.peran),
        numbers.join(",")
    )
}

/// A school's role as rows and records carry it (`data-peran`).
pub fn peran_value(peran: Peran) -> &'static str {
    match peran {
        Peran::Model => "model",
        Peran::Imbas => "imbas",
        Peran::None => "lain",
    }
}

/// `indeks.js`: words, framework, filter options, regions and the shard manifest.
fn manifest(view: &SiteView, names: &[Shard], npsns: &[Shard], common: &[String]) -> Vec<u8> {
    let data = view.data;
    let f = &data.framework;
    let words: BTreeMap<&str, String> = SCRIPT_WORDS.iter().map(|k| (*k, view.word(k))).collect();
    let regions: Vec<Value> = data
        .regions
        .iter()
        .map(|r| {
            let kind = match r.kind {
                RegionKind::Provinsi => "provinsi",
                RegionKind::Kabupaten => "kabupaten",
                RegionKind::Kota => "kota",
            };
            json!([r.kode, r.nama, kind])
        })
        .collect();
    let lang = view.lang.code;
    let categories: Vec<&str> = (0..f.categories.len())
        .map(|i| f.category_name_in(lang, i))
        .collect();
    let mut levels: Vec<Value> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| json!([(i + 1).to_string(), c]))
        .collect();
    levels.push(json!(["0", view.word("tidak_tersedia")]));
    let filters = json!({
        "jenjang": crate::model::Jenjang::ALL.iter().map(|j| json!([j.as_str(), j.as_str()])).collect::<Vec<_>>(),
        "status": [["negeri", view.word("negeri")], ["swasta", view.word("swasta")]],
        "peran": [["model", view.word("peran_model")], ["imbas", view.word("peran_imbas")],
                  ["lain", view.word("tabel_peran_lain")]],
        "kat": levels,
    });
    let index = json!({
        "kata": words,
        "kerangka": {
            "standar": f.standards.iter().map(|s| json!([s.code, s.name])).collect::<Vec<_>>(),
            "kategori": categories,
            "desimal": view.numbers.decimals,
            "koma": view.numbers.decimal_comma,
            "label": f.display == crate::framework::Display::Label,
            "kosong": if f.display == crate::framework::Display::Label { f.missing_label_in(lang) } else { "–" },
            "tahun": view.latest_year().map(|y| view.scores.years[y]),
        },
        "saring": filters,
        "wilayah": regions,
        "s": names.iter().map(|s| (s.key(), s.schools.len())).collect::<BTreeMap<_, _>>(),
        "n": npsns.iter().map(Shard::key).collect::<Vec<_>>(),
        "umum": common,
    });
    script("indeks", &serde_json::to_string(&index).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(list: &[(&str, u32)]) -> Vec<(String, u32)> {
        list.iter().map(|(w, s)| (w.to_string(), *s)).collect()
    }

    #[test]
    fn words_are_lowercased_and_split_on_punctuation() {
        let w: Vec<String> = words("SD IT Al-Qur'an 2 Pekanbaru").collect();
        assert_eq!(w, ["sd", "it", "al", "qur", "an", "2", "pekanbaru"]);
        let t: Vec<String> = name_tails("SD Negeri 1  Kampar").collect();
        assert_eq!(
            t,
            [
                "sd negeri 1 kampar",
                "negeri 1 kampar",
                "1 kampar",
                "kampar"
            ]
        );
        assert_eq!(file_key("ké"), "k_e9_");
    }

    #[test]
    fn small_sites_get_one_shard_per_two_letters() {
        let (list, common) = shards(
            entries(&[("kampar", 0), ("kamal", 1), ("siak", 1), ("x", 2)]),
            &[10, 10, 10],
            1000,
        );
        let keys: Vec<String> = list.iter().map(Shard::key).collect();
        assert_eq!(keys, ["ka", "si"]);
        assert_eq!(list[0].schools, [0, 1]);
        assert!(common.is_empty());
    }

    #[test]
    fn big_shards_split_and_frequent_words_become_common() {
        // Records of 100 bytes, bound 450: a shard holds at most three schools.
        let mut list = Vec::new();
        for s in 0..5 {
            list.push(("negeri".to_string(), s));
        }
        list.extend(entries(&[
            ("ne", 5),
            ("nek", 6),
            ("nes", 7),
            ("nest", 8),
            ("nesa", 9),
        ]));
        let (shards, common) = shards(list, &[100; 10], 450);
        let keys: Vec<String> = shards.iter().map(Shard::key).collect();
        assert_eq!(keys, ["ne-", "nek", "nes"]);
        assert_eq!(common, ["negeri"]);
        assert_eq!(shards[2].schools, [7, 8, 9]);
        for s in &shards {
            assert!(shard_bytes(&s.schools, &[100; 10]) <= 450, "{s:?}");
        }
    }
}
