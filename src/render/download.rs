//! Downloads: the data behind every table and chart, as CSV for spreadsheets and as JSON,
//! written beside the page that shows it (`wilayah/<kode>/standar.csv`), plus the whole site's
//! scores per year (`unduh/nilai-<tahun>.csv`). A school's scores are its rows in its
//! kab/kota's table (`wilayah/<kode>/nilai-sekolah.csv`, see `pages::score_downloads`).
//!
//! The CSV dialect follows the page's language, like its numbers, so a double click opens it
//! right in Excel set to that language: UTF-8 with a byte-order mark (Excel otherwise reads
//! Windows-1252 and garbles names), CRLF, and for Indonesian `;` between fields with a decimal
//! comma (Excel in Indonesian uses the comma for decimals, so its list separator is `;`); for
//! English `,` with a decimal point. Numbers carry no thousands separator. A missing value is
//! an empty field, never zero. Text that a spreadsheet would run as a formula (starting with
//! `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`, unless it is a plain number.
//!
//! JSON is the same table for programs, written once beside the main language's page:
//! `{"title", "columns": [{"key", "label"}], "rows": [[…]]}` with numbers as numbers, missing
//! values as `null`, and `<`, `>`, `&`, U+2028 and U+2029 escaped so the text is safe even
//! inside an HTML `<script>` (see `json_for_html`).

use super::format::NumberFormat;
use super::pages::figures::{DataTable, Figure};
use crate::plan::Page;
use serde::Serialize;
use serde_json::Value;

/// One value of a downloaded table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A score, mean or change, written with the framework's decimals (as the pages show it).
    Number(f64),
    /// A count (schools, n).
    Count(usize),
    Empty,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    /// A value shown by the site: a number, or its label for a framework shown as labels.
    pub fn optional(value: Option<f64>) -> Cell {
        value.map(Cell::Number).unwrap_or(Cell::Empty)
    }
}

/// A column: a stable key for programs (JSON), a label in the page's language (CSV header).
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub key: String,
    pub label: String,
}

impl Column {
    pub fn new(key: impl Into<String>, label: impl Into<String>) -> Column {
        Column {
            key: key.into(),
            label: label.into(),
        }
    }
}

/// A table to download.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// File name without extension, beside the page (`nilai`).
    pub name: String,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Dataset {
    pub fn new(name: &str, title: impl Into<String>, columns: Vec<Column>) -> Dataset {
        Dataset {
            name: name.to_string(),
            title: title.into(),
            columns,
            rows: Vec::new(),
        }
    }

    /// A chart's data table as shown: numbers read back in the page's format, `–` empty, and
    /// a count with its small-group note (`3 (n < 5)`) as the count.
    pub fn from_table(name: &str, table: &DataTable, numbers: &NumberFormat) -> Dataset {
        let columns = table
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let label = if h.is_empty() && i == 0 {
                    table.caption.clone()
                } else {
                    h.clone()
                };
                Column::new(column_key(&label, i), label)
            })
            .collect();
        let rows = table
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(i, text)| {
                        if table.numeric.get(i).copied().unwrap_or(false) {
                            read_shown(text, numbers)
                        } else {
                            Cell::Text(text.clone())
                        }
                    })
                    .collect()
            })
            .collect();
        Dataset {
            name: name.to_string(),
            title: table.caption.clone(),
            columns,
            rows,
        }
    }

    /// The table as CSV in the dialect of `numbers`' language (see the module's notes).
    pub fn to_csv(&self, numbers: &NumberFormat) -> Vec<u8> {
        let delimiter = if numbers.decimal_comma { ';' } else { ',' };
        let mut out = String::with_capacity(self.size_estimate());
        out.push('\u{feff}');
        let header: Vec<String> = self
            .columns
            .iter()
            .map(|c| csv_field(&neutralise(&c.label), delimiter))
            .collect();
        out.push_str(&header.join(&delimiter.to_string()));
        out.push_str("\r\n");
        let mut out = out.into_bytes();
        self.csv_rows(numbers, &mut out);
        out
    }

    /// Appends the rows alone as CSV (a table written in parts after its `to_csv` header).
    pub fn csv_rows(&self, numbers: &NumberFormat, out: &mut Vec<u8>) {
        let delimiter = if numbers.decimal_comma { ';' } else { ',' };
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    out.push(delimiter as u8);
                }
                match cell {
                    Cell::Text(t) => push_csv_field(out, &neutralise(t), delimiter),
                    Cell::Number(v) => numbers.push_number(*v, out),
                    Cell::Count(n) => {
                        out.extend_from_slice(itoa::Buffer::new().format(*n).as_bytes())
                    }
                    Cell::Empty => {}
                }
            }
            out.extend_from_slice(b"\r\n");
        }
    }

    /// The table as JSON (see the module's notes); numbers rounded as the pages show them.
    pub fn to_json(&self, numbers: &NumberFormat) -> Vec<u8> {
        let (head, tail) = self.json_around_rows();
        let mut out = Vec::with_capacity(head.len() + self.size_estimate() + tail.len());
        out.extend_from_slice(&head);
        // Rows straight after the head (the rare table that needs escaping is redone).
        let start = out.len();
        self.push_json_rows(numbers, &mut out, true);
        if needs_html_escape(&out[start..]) {
            let rows = escape_json_for_html(out.split_off(start));
            out.extend_from_slice(&rows);
        }
        out.extend_from_slice(&tail);
        out
    }

    /// About the bytes of the rows in CSV or JSON (sizes the buffer: a kab/kota's table of
    /// every school's scores is hundreds of kilobytes, grown by doubling otherwise).
    fn size_estimate(&self) -> usize {
        self.rows.len() * (self.columns.len() * 7 + 4) + 256
    }

    /// Appends the rows alone as JSON arrays separated by `,` (a table written in parts):
    /// texts as JSON strings, numbers as shown (rounded to the framework's decimals), counts,
    /// `null` for empty cells. Written straight from the rows: a `Value` tree per table, and
    /// later a float formatted per number, were a large part of a kab/kota page.
    pub fn json_rows(&self, numbers: &NumberFormat, out: &mut Vec<u8>) {
        let first = out.is_empty();
        self.push_json_rows(numbers, out, first);
    }

    /// `json_rows` after whatever `out` holds; `first`: no `,` before the first row.
    fn push_json_rows(&self, numbers: &NumberFormat, out: &mut Vec<u8>, first: bool) {
        for (r, row) in self.rows.iter().enumerate() {
            if r > 0 || !first {
                out.push(b',');
            }
            out.push(b'[');
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                match cell {
                    Cell::Text(t) => {
                        serde_json::to_writer(&mut *out, t).expect("a text serialises")
                    }
                    Cell::Number(v) => numbers.push_json_number(*v, out),
                    Cell::Count(n) => {
                        out.extend_from_slice(itoa::Buffer::new().format(*n).as_bytes())
                    }
                    Cell::Empty => out.extend_from_slice(b"null"),
                }
            }
            out.push(b']');
        }
    }

    /// The table's JSON before and after its rows, each escaped for HTML: a file is `head`,
    /// the rows (`json_rows`, through `escape_json_for_html`), `tail`; keys in the order
    /// `json!` gave them before: columns, rows, title.
    pub fn json_around_rows(&self) -> (Vec<u8>, Vec<u8>) {
        let mut head = b"{\"columns\":".to_vec();
        serde_json::to_writer(&mut head, &self.columns).expect("columns serialise");
        head.extend_from_slice(b",\"rows\":[");
        let mut tail = b"],\"title\":".to_vec();
        serde_json::to_writer(&mut tail, &self.title).expect("a title serialises");
        tail.extend_from_slice(b"}\n");
        (escape_json_for_html(head), escape_json_for_html(tail))
    }
}

/// JSON bytes escaped like `json_for_html` (escaping goes character by character, so parts
/// cut between characters can be escaped one by one).
pub fn escape_json_for_html(json: Vec<u8>) -> Vec<u8> {
    // Most tables need no escape: skip the UTF-8 check and the copy (a school's JSON is
    // written 226,000 times in a national build).
    if !needs_html_escape(&json) {
        return json;
    }
    escape_for_html(String::from_utf8(json).expect("JSON is UTF-8")).into_bytes()
}

/// Whether UTF-8 `text` has `<`, `>`, `&`, U+2028 or U+2029 (E2 80 A8/A9), the characters
/// `escape_for_html` escapes.
fn needs_html_escape(text: &[u8]) -> bool {
    text.iter().enumerate().any(|(i, &b)| {
        matches!(b, b'<' | b'>' | b'&')
            || (b == 0xE2
                && text.get(i + 1) == Some(&0x80)
                && matches!(text.get(i + 2), Some(0xA8 | 0xA9)))
    })
}

/// A shown value read back: `5,12` → 5.12, `–` → empty, `12` → 12, `3 (n < 5)` → 3.
fn read_shown(text: &str, numbers: &NumberFormat) -> Cell {
    let t = text.trim();
    if t.is_empty() || t == "–" {
        return Cell::Empty;
    }
    let count_part = t.split(" (").next().unwrap_or(t);
    if let Ok(n) = count_part.parse::<usize>() {
        return Cell::Count(n);
    }
    let plain = if numbers.decimal_comma {
        t.replace('.', "").replace(',', ".")
    } else {
        t.replace(',', "")
    };
    match plain.replace('\u{2212}', "-").parse::<f64>() {
        Ok(v) if v.is_finite() => Cell::Number(v),
        _ => Cell::Text(text.to_string()),
    }
}

/// A stable key from a column label: lowercase letters and digits joined by `_`.
pub fn column_key(label: &str, index: usize) -> String {
    let key = label
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if key.is_empty() {
        format!("kolom_{}", index + 1)
    } else {
        key
    }
}

/// Text a spreadsheet would run as a formula, made inert with a leading `'` (OWASP's advice
/// for CSV injection). A plain number such as `-0,25` or `+3` stays as it is.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    );
    if risky && !is_plain_number(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

fn is_plain_number(text: &str) -> bool {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let mut parts = body.splitn(2, ['.', ',']);
    let whole = parts.next().unwrap_or("");
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && parts.next().is_none_or(digits)
}

/// A CSV field, quoted when it holds the delimiter, a quote or a line break (RFC 4180).
fn csv_field(text: &str, delimiter: char) -> String {
    let mut out = Vec::with_capacity(text.len() + 2);
    push_csv_field(&mut out, text, delimiter);
    String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
}

fn push_csv_field(out: &mut Vec<u8>, text: &str, delimiter: char) {
    if text.contains([delimiter, '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(text.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(text.as_bytes());
    }
}

/// JSON text that is safe anywhere in HTML, inside `<script>` included: `<`, `>` and `&`
/// (which could close the script or open a comment) and the JavaScript line separators are
/// written as `\u` escapes. They can only occur inside JSON strings, where the escape means
/// the same character.
pub fn json_for_html(value: &Value) -> String {
    escape_for_html(value.to_string())
}

/// JSON text with `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes (see `json_for_html`).
fn escape_for_html(text: String) -> String {
    if !needs_html_escape(text.as_bytes()) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

/// Links to a table's downloads, for templates.
#[derive(Debug, Clone, Serialize)]
pub struct DataLinks {
    pub title: String,
    pub csv: String,
    pub json: String,
}

/// The downloads of one page: each table's CSV beside the page in its language, its JSON
/// beside the main language's page.
pub struct Downloads {
    numbers: NumberFormat,
    /// The page's folder (`en/wilayah/14/`).
    folder: String,
    /// The same folder in the main language (`wilayah/14/`), where the JSON goes.
    main_folder: String,
    /// Before each file's name: `""` beside an `index.html`, the page's name and `-` beside
    /// a page that shares its folder (`sekolah/1.html` writes `sekolah/1-imbas.csv`).
    prefix: String,
    /// From the page's folder to the site root (`../../../`).
    to_root: String,
    main_language: bool,
    pub files: Vec<(String, Vec<u8>)>,
    /// Links to every table written, by file name: templates read them as `downloads.<name>`.
    pub links: std::collections::BTreeMap<String, DataLinks>,
}

impl Downloads {
    pub fn for_page(page: &Page, numbers: NumberFormat) -> Downloads {
        let folder_of = |path: &str| match path.rfind('/') {
            Some(i) => path[..=i].to_string(),
            None => String::new(),
        };
        let name = &page.path[page.path.rfind('/').map_or(0, |i| i + 1)..];
        let prefix = match name.strip_suffix(".html") {
            Some("index") | None => String::new(),
            Some(stem) => format!("{stem}-"),
        };
        Downloads {
            numbers,
            prefix,
            folder: folder_of(&page.path),
            main_folder: folder_of(page.site_path()),
            to_root: "../".repeat(page.path.matches('/').count()),
            main_language: page.lang.subtree.is_empty(),
            files: Vec::new(),
            links: Default::default(),
        }
    }

    /// Writes a table's files and returns the links to them.
    pub fn add(&mut self, dataset: &Dataset) -> DataLinks {
        let csv = format!("{}{}.csv", self.prefix, dataset.name);
        let json = format!("{}{}.json", self.prefix, dataset.name);
        self.files.push((
            format!("{}{csv}", self.folder),
            dataset.to_csv(&self.numbers),
        ));
        let json_href = if self.main_language {
            self.files.push((
                format!("{}{json}", self.folder),
                dataset.to_json(&self.numbers),
            ));
            json
        } else {
            format!("{}{}{json}", self.to_root, self.main_folder)
        };
        let links = DataLinks {
            title: dataset.title.clone(),
            csv,
            json: json_href,
        };
        // Templates read `downloads.per_jenjang`: tera names have no `-`.
        self.links
            .insert(dataset.name.replace('-', "_"), links.clone());
        links
    }

    /// Links to a table written beside another page (`folder`: that page's folder from the
    /// site root, in the main language); templates read them as `downloads.<name>` too.
    pub fn elsewhere(&mut self, folder: &str, name: &str, title: String) -> DataLinks {
        // The CSV in this page's language: from the page up to its language's folder.
        let to_language = "../".repeat(self.main_folder.matches('/').count());
        let links = DataLinks {
            title,
            csv: format!("{to_language}{folder}{name}.csv"),
            json: format!("{}{folder}{name}.json", self.to_root),
        };
        self.links.insert(name.replace('-', "_"), links.clone());
        links
    }

    /// Writes a chart's data table (when it has one) and links the chart to it.
    pub fn attach(&mut self, name: &str, figure: &mut Figure) {
        if let Some(table) = &figure.table {
            let dataset = Dataset::from_table(name, table, &self.numbers);
            figure.downloads = Some(self.add(&dataset));
        }
    }

    /// Links a chart whose data is in a table of the page to that table's downloads.
    pub fn link(figure: &mut Figure, links: &DataLinks) {
        figure.downloads = Some(links.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> NumberFormat {
        NumberFormat {
            decimal_comma: true,
            decimals: 2,
            lang: "id",
        }
    }

    fn en() -> NumberFormat {
        NumberFormat {
            decimal_comma: false,
            decimals: 2,
            lang: "en",
        }
    }

    fn sample() -> Dataset {
        let mut d = Dataset::new(
            "nilai",
            "Nilai",
            vec![
                Column::new("nama", "Nama"),
                Column::new("nilai", "Nilai"),
                Column::new("n", "n"),
            ],
        );
        d.rows.push(vec![
            Cell::text("SD \"Harapan\"; Pekanbaru"),
            Cell::Number(5.126),
            Cell::Count(12),
        ]);
        d.rows.push(vec![
            Cell::text("=HYPERLINK(\"http://x\")"),
            Cell::Number(-0.25),
            Cell::Empty,
        ]);
        d
    }

    #[test]
    fn csv_follows_the_language_with_bom_and_crlf() {
        let id_csv = String::from_utf8(sample().to_csv(&id())).unwrap();
        assert_eq!(
            id_csv,
            "\u{feff}Nama;Nilai;n\r\n\"SD \"\"Harapan\"\"; Pekanbaru\";5,13;12\r\n\"'=HYPERLINK(\"\"http://x\"\")\";-0,25;\r\n"
        );
        let en_csv = String::from_utf8(sample().to_csv(&en())).unwrap();
        assert!(
            en_csv.contains("\r\n\"SD \"\"Harapan\"\"; Pekanbaru\",5.13,12\r\n"),
            "{en_csv}"
        );
    }

    #[test]
    fn formulas_are_neutralised_but_plain_numbers_are_not() {
        for risky in [
            "=1+2",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(neutralise(risky), format!("'{risky}"), "{risky:?}");
        }
        for plain in ["-0,25", "+3", "-12", "5.1", "Pekanbaru", "", "14.71"] {
            assert_eq!(neutralise(plain), plain, "{plain:?}");
        }
    }

    #[test]
    fn json_has_numbers_nulls_and_no_markup() {
        let mut d = sample();
        d.rows[0][0] = Cell::text("</script><!-- & \u{2028}");
        let text = String::from_utf8(d.to_json(&id())).unwrap();
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('\u{2028}'));
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["rows"][0][0], "</script><!-- & \u{2028}");
        assert_eq!(value["rows"][0][1], 5.13);
        assert_eq!(value["rows"][1][1], -0.25);
        assert_eq!(value["rows"][1][2], Value::Null);
        assert_eq!(value["columns"][1]["key"], "nilai");
    }

    #[test]
    fn only_the_characters_escaped_trigger_the_escape() {
        for clean in ["5,12", "−0,09 – ▲ ›", "Menuju SNP 4"] {
            assert!(!needs_html_escape(clean.as_bytes()), "{clean}");
            assert_eq!(escape_json_for_html(clean.into()), clean.as_bytes());
        }
        for dirty in ["a<b", "a>b", "a&b", "a\u{2028}b", "–\u{2029}"] {
            assert!(needs_html_escape(dirty.as_bytes()), "{dirty:?}");
            assert!(!escape_json_for_html(dirty.into()).contains(&b'<'));
        }
        assert_eq!(
            escape_json_for_html("–\u{2029}".into()),
            "–\\u2029".as_bytes()
        );
    }

    #[test]
    fn files_go_beside_the_page_named_after_it_unless_it_is_an_index() {
        use crate::plan::{paths, Lang, Page, PageKind};
        let (main, english) = (Lang::main("id"), Lang::other("en"));
        let page = |path: String, kind, lang| Page { path, kind, lang };
        let school = page(paths::school("1"), PageKind::School(0), main);
        let mut out = Downloads::for_page(&school, id());
        let links = out.add(&sample());
        assert_eq!(
            (links.csv.as_str(), links.json.as_str()),
            ("1-nilai.csv", "1-nilai.json")
        );
        let names: Vec<&str> = out.files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, ["sekolah/1-nilai.csv", "sekolah/1-nilai.json"]);
        // In English the CSV is its own; the JSON is the main language's.
        let en_path = format!("en/{}", paths::school("1"));
        let mut out = Downloads::for_page(&page(en_path, PageKind::School(0), english), en());
        let links = out.add(&sample());
        assert_eq!(links.json, "../../sekolah/1-nilai.json");
        assert_eq!(out.files[0].0, "en/sekolah/1-nilai.csv");
        assert_eq!(out.files.len(), 1);
        let region = page(paths::region("14"), PageKind::Region(0), main);
        let mut out = Downloads::for_page(&region, id());
        assert_eq!(out.add(&sample()).csv, "nilai.csv");
        assert_eq!(out.files[0].0, "wilayah/14/nilai.csv");
    }

    #[test]
    fn shown_values_are_read_back() {
        assert_eq!(read_shown("5,12", &id()), Cell::Number(5.12));
        assert_eq!(read_shown("\u{2212}0,30", &id()), Cell::Number(-0.3));
        assert_eq!(read_shown("3 (n < 5)", &id()), Cell::Count(3));
        assert_eq!(read_shown("–", &id()), Cell::Empty);
        assert_eq!(read_shown("5.12", &en()), Cell::Number(5.12));
        assert_eq!(read_shown("Baik", &id()), Cell::text("Baik"));
    }
}
