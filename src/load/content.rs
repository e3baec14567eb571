//! Markdown content with TOML front matter between `+++` lines: region and school narratives,
//! dissemination articles (with tables from CSV files beside them) and free pages.

use super::table::Table;
use crate::config::parse_toml;
use crate::diag::{Diagnostics, Problem};
use crate::model::{Article, DataTable, Doc, FreePage};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::path::Path;
use walkdir::WalkDir;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NarrativeFront {
    judul: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleFront {
    judul: String,
    tanggal: DateValue,
    #[serde(default)]
    wilayah: Vec<String>,
    #[serde(default)]
    sekolah: Vec<String>,
    #[serde(default)]
    tag: Vec<String>,
    tempat: Option<String>,
    ringkasan: Option<String>,
    #[serde(default)]
    tabel: Vec<TableSpec>,
}

/// A date written as a TOML date (`2020-10-15`) or a string (`"2020-10-15"`).
#[derive(Deserialize)]
#[serde(untagged)]
enum DateValue {
    Toml(toml::value::Datetime),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableSpec {
    berkas: String,
    judul: String,
    #[serde(default)]
    kolom: Vec<String>,
    /// Header of an added per-row sum column.
    jumlah_baris: Option<String>,
    /// Label of an added totals row.
    jumlah_kolom: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFront {
    judul: String,
    #[serde(default)]
    urutan: i64,
}

/// Markdown files directly in `dir`, sorted by name, as (path, name relative to site).
fn markdown_files(site_dir: &Path, dir: &str) -> Vec<(std::path::PathBuf, String)> {
    let root = site_dir.join(dir);
    if !root.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<_> = WalkDir::new(&root)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let name = format!("{dir}/{}", e.file_name().to_string_lossy());
            (e.into_path(), name)
        })
        .collect();
    files.sort_by(|a, b| a.1.cmp(&b.1));
    files
}

/// Splits `+++` front matter from the body and parses it. A file without front matter gets
/// `T::default()` when `required` is false.
fn read_doc<T: DeserializeOwned>(
    path: &Path,
    file: &str,
    required: bool,
) -> Result<(T, Doc), Problem> {
    let text = super::text::read_text(path, file)?;
    parse_doc(&text, file, required)
}

/// `read_doc` on text already read.
fn parse_doc<T: DeserializeOwned>(
    text: &str,
    file: &str,
    required: bool,
) -> Result<(T, Doc), Problem> {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let stem = Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (front, body) = match text.strip_prefix("+++\n") {
        Some(rest) => {
            let end = rest
                .find("\n+++")
                .filter(|&i| matches!(rest[i + 4..].chars().next(), None | Some('\n')));
            let Some(end) = end else {
                return Err(Problem::error(file, "front matter tidak ditutup")
                    .line(1)
                    .hint("tutup front matter dengan baris +++"));
            };
            (&rest[..end + 1], rest[end + 4..].trim_start_matches('\n'))
        }
        None if required => {
            return Err(Problem::error(file, "front matter tidak ada")
                .line(1)
                .hint("mulai file dengan +++, kunci TOML (mis. judul = \"...\"), lalu +++"))
        }
        None => ("", text.as_str()),
    };
    let parsed: T = parse_toml(file, front).map_err(|mut p| {
        // The front matter starts on line 2 of the file.
        p.line = Some(p.line.unwrap_or(1) + 1);
        p
    })?;
    let doc = Doc {
        file: file.to_string(),
        stem,
        title: None,
        front: front.to_string(),
        body: body.to_string(),
    };
    Ok((parsed, doc))
}

/// An article's text as `read_articles` reads it (front matter, date), without its tables:
/// the date and the document, or the first problem. For fuzzing and tests.
pub fn article_from_text(text: &str, file: &str) -> Result<(String, Doc), Problem> {
    let (front, doc) = parse_doc::<ArticleFront>(text, file, true)?;
    let tanggal = parse_date(&front.tanggal).ok_or_else(|| {
        Problem::error(file, "tanggal tidak valid")
            .line(doc.line_of_key("tanggal").unwrap_or(1))
            .field("tanggal")
    })?;
    for value in front.wilayah.iter().chain(&front.sekolah) {
        let _ = doc.line_of(value);
    }
    Ok((tanggal, doc))
}

/// A narrative's or free page's text as read from its file. For fuzzing and tests.
pub fn narrative_from_text(text: &str, file: &str) -> Result<Doc, Problem> {
    let (front, mut doc) = parse_doc::<NarrativeFront>(text, file, false)?;
    doc.title = front.judul;
    Ok(doc)
}

/// Narratives in `content/wilayah` or `content/sekolah`, keyed by file stem.
pub fn read_narratives(site_dir: &Path, dir: &str, diag: &mut Diagnostics) -> Vec<Doc> {
    let mut docs = Vec::new();
    for (path, file) in markdown_files(site_dir, dir) {
        match read_narrative(&path, &file) {
            Ok(doc) => docs.push(doc),
            Err(p) => diag.push(p),
        }
    }
    docs
}

/// One narrative file; `file` is its path relative to the site, for messages.
pub fn read_narrative(path: &Path, file: &str) -> Result<Doc, Problem> {
    let (front, mut doc) = read_doc::<NarrativeFront>(path, file, false)?;
    doc.title = front.judul;
    Ok(doc)
}

/// Dissemination articles, newest first.
pub fn read_articles(site_dir: &Path, diag: &mut Diagnostics) -> Vec<Article> {
    let mut articles = Vec::new();
    for (path, file) in markdown_files(site_dir, "content/kegiatan") {
        let (front, doc) = match read_doc::<ArticleFront>(&path, &file, true) {
            Ok(x) => x,
            Err(p) => {
                diag.push(p);
                continue;
            }
        };
        let Some(slug) = check_slug(&doc.stem, &file, diag) else {
            continue;
        };
        let tanggal = match parse_date(&front.tanggal) {
            Some(d) => d,
            None => {
                diag.push(
                    Problem::error(&file, "tanggal tidak valid")
                        .line(doc.line_of_key("tanggal").unwrap_or(1))
                        .field("tanggal")
                        .value(date_text(&front.tanggal))
                        .hint("tulis tanggal yang ada, format YYYY-MM-DD, mis. 2020-10-15"),
                );
                continue;
            }
        };
        let dir = path.parent().unwrap_or(site_dir);
        let tables = front
            .tabel
            .iter()
            .filter_map(|spec| match read_table(dir, &file, spec) {
                Ok(t) => Some(t),
                Err(p) => {
                    diag.push(p);
                    None
                }
            })
            .collect();
        articles.push(Article {
            slug,
            judul: front.judul,
            tanggal,
            wilayah: front.wilayah,
            sekolah: front.sekolah,
            tags: front.tag,
            tempat: front.tempat,
            ringkasan: front.ringkasan,
            tables,
            doc,
        });
    }
    articles.sort_by(|a, b| b.tanggal.cmp(&a.tanggal).then_with(|| a.slug.cmp(&b.slug)));
    articles
}

/// Free pages, by `urutan` then slug.
pub fn read_pages(site_dir: &Path, diag: &mut Diagnostics) -> Vec<FreePage> {
    let mut pages = Vec::new();
    for (path, file) in markdown_files(site_dir, "content/halaman") {
        match read_doc::<PageFront>(&path, &file, true) {
            Ok((front, doc)) => {
                if let Some(slug) = check_slug(&doc.stem, &file, diag) {
                    pages.push(FreePage {
                        slug,
                        judul: front.judul,
                        urutan: front.urutan,
                        doc,
                    });
                }
            }
            Err(p) => diag.push(p),
        }
    }
    pages.sort_by(|a, b| (a.urutan, &a.slug).cmp(&(b.urutan, &b.slug)));
    pages
}

/// Slugs become folder names: lower-case letters, digits and `-` only.
fn check_slug(stem: &str, file: &str, diag: &mut Diagnostics) -> Option<String> {
    let ok = !stem.is_empty()
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        return Some(stem.to_string());
    }
    diag.push(
        Problem::error(file, "nama file tidak bisa menjadi alamat halaman")
            .value(stem)
            .hint("pakai huruf kecil, angka dan tanda -, mis. pendampingan-2020.md"),
    );
    None
}

fn date_text(value: &DateValue) -> String {
    match value {
        DateValue::Toml(d) => d.to_string(),
        DateValue::Text(s) => s.clone(),
    }
}

/// `YYYY-MM-DD` of a date that exists (no 2021-02-30).
fn parse_date(value: &DateValue) -> Option<String> {
    let text = date_text(value);
    // A TOML date-time keeps its (checked) date; a string must be the date alone.
    let date = match value {
        DateValue::Toml(_) => text.get(..10)?,
        DateValue::Text(_) => text.as_str(),
    };
    let (y, rest) = date.split_once('-')?;
    let (m, d) = rest.split_once('-')?;
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y.to_string().len() == 4 && (1..=days).contains(&d) && date.len() == 10)
        .then(|| date.to_string())
}

/// Reads an article's CSV table and computes the totals it asks for (integer columns only,
/// so codes like `14.03` are never summed).
fn read_table(dir: &Path, article: &str, spec: &TableSpec) -> Result<DataTable, Problem> {
    let plain = !spec.berkas.is_empty()
        && !spec.berkas.contains(['/', '\\'])
        && !spec.berkas.starts_with('.');
    if !plain {
        return Err(
            Problem::error(article, "berkas tabel harus nama file di folder yang sama")
                .field("tabel.berkas")
                .value(&spec.berkas)
                .hint("letakkan CSV di samping artikel dan tulis namanya saja"),
        );
    }
    let file = format!(
        "{}/{}",
        Path::new(article)
            .parent()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default(),
        spec.berkas
    );
    let table = Table::read(&dir.join(&spec.berkas), &file)?;
    let width = table.headers.len();
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| (0..width).map(|c| r.get(c).to_string()).collect())
        .collect();
    let numeric: Vec<bool> = (0..width)
        .map(|c| !rows.is_empty() && rows.iter().all(|r| r[c].parse::<i64>().is_ok()))
        .collect();
    let row_sum = |r: &Vec<String>| -> i64 {
        (0..width)
            .filter(|&c| numeric[c])
            .map(|c| r[c].parse::<i64>().unwrap_or(0))
            .sum()
    };
    let mut headers = if spec.kolom.is_empty() {
        table.headers.clone()
    } else if spec.kolom.len() == width {
        spec.kolom.clone()
    } else {
        return Err(
            Problem::error(article, "jumlah judul kolom tidak sama dengan kolom CSV")
                .field("tabel.kolom")
                .hint(format!("{} memiliki {width} kolom", spec.berkas)),
        );
    };
    let mut out_rows = rows.clone();
    let mut out_numeric = numeric.clone();
    if let Some(label) = &spec.jumlah_baris {
        headers.push(label.clone());
        out_numeric.push(true);
        for (out, row) in out_rows.iter_mut().zip(&rows) {
            out.push(row_sum(row).to_string());
        }
    }
    let total_row = spec.jumlah_kolom.as_ref().map(|label| {
        let mut total: Vec<String> = (0..width)
            .map(|c| {
                if numeric[c] {
                    rows.iter()
                        .map(|r| r[c].parse::<i64>().unwrap_or(0))
                        .sum::<i64>()
                        .to_string()
                } else {
                    String::new()
                }
            })
            .collect();
        if spec.jumlah_baris.is_some() {
            total.push(rows.iter().map(row_sum).sum::<i64>().to_string());
        }
        total[0] = label.clone();
        total
    });
    Ok(DataTable {
        title: spec.judul.clone(),
        headers,
        rows: out_rows,
        total_row,
        numeric: out_numeric,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::create_dir_all(dir.join(name).parent().unwrap()).unwrap();
        std::fs::write(dir.join(name), text).unwrap();
    }

    #[test]
    fn dates_must_exist() {
        let d = |s: &str| parse_date(&DateValue::Text(s.into()));
        assert_eq!(d("2020-10-15").as_deref(), Some("2020-10-15"));
        assert_eq!(d("2020-02-29").as_deref(), Some("2020-02-29"));
        assert_eq!(d("2021-02-29"), None);
        assert_eq!(d("2021-13-01"), None);
        assert_eq!(d("15-10-2020"), None);
        assert_eq!(d("2020-10-15T99:99:99"), None);
        assert_eq!(d("2020-10-15 dan seterusnya"), None);
        assert_eq!(d("2020-1-150"), None);
    }

    #[test]
    fn article_table_totals_are_computed() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "content/kegiatan/a.csv",
            "kab,kode,x,y\nA,14.01,1,2\nB,14.02,3,4\n",
        );
        write(
            dir.path(),
            "content/kegiatan/a.md",
            "+++\njudul = \"A\"\ntanggal = 2020-10-15\n[[tabel]]\nberkas = \"a.csv\"\njudul = \"T\"\njumlah_baris = \"Jumlah\"\njumlah_kolom = \"Total\"\n+++\nIsi.\n",
        );
        let mut diag = Diagnostics::default();
        let articles = read_articles(dir.path(), &mut diag);
        assert!(diag.problems.is_empty(), "{:?}", diag.problems);
        let t = &articles[0].tables[0];
        assert_eq!(t.rows[1], ["B", "14.02", "3", "4", "7"]);
        assert_eq!(
            t.total_row.as_ref().unwrap(),
            &["Total", "", "4", "6", "10"]
        );
    }

    #[test]
    fn broken_front_matter_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "content/kegiatan/b.md",
            "+++\njudul = \"A\"\ntanggal = 2020-10-15\nwilayah = 14\n+++\n",
        );
        let mut diag = Diagnostics::default();
        read_articles(dir.path(), &mut diag);
        let p = &diag.problems[0];
        assert_eq!(p.file, "content/kegiatan/b.md");
        assert_eq!(p.line, Some(4));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "content/wilayah/14.md",
            "+++\njudul = \"A\"\nteks\n",
        );
        let mut diag = Diagnostics::default();
        read_narratives(dir.path(), "content/wilayah", &mut diag);
        assert!(diag.problems[0].message.contains("tidak ditutup"));
    }
}
