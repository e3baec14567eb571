//! Data as LPMP teams have it: each input variant is a real file (CSV written byte for byte,
//! XLSX written by a library) fed to `rapor check` and `rapor build`.

mod common;

use common::*;
use rust_xlsxwriter::Workbook;
use std::path::Path;

const SEKOLAH: &str = "content/data/sekolah.csv";

fn write(site: &Path, rel: &str, bytes: &[u8]) {
    std::fs::write(site.join(rel), bytes).unwrap();
}

/// The fixture's sekolah.csv re-written in another dialect: `;` delimiter, CRLF, BOM,
/// header names with stray spaces and capitals.
#[test]
fn excel_indonesian_csv_builds_like_the_plain_one() {
    let site = site_from_fixture("mini");
    let plain = std::fs::read_to_string(site.path().join(SEKOLAH)).unwrap();
    let mut excel = b"\xEF\xBB\xBF".to_vec();
    for (i, line) in plain.lines().enumerate() {
        let line = if i == 0 {
            " NPSN ;Nama; Jenjang ;STATUS;kode_wilayah ;Peran;sekolah_model".to_string()
        } else {
            line.replace(',', ";")
        };
        excel.extend_from_slice(line.as_bytes());
        excel.extend_from_slice(b"\r\n");
    }
    write(site.path(), SEKOLAH, &excel);
    // Scores with a decimal comma, unquoted, `;`-separated.
    let nilai = std::fs::read_to_string(site.path().join("content/data/nilai/2020.csv")).unwrap();
    let nilai: String = nilai
        .lines()
        .map(|l| {
            l.replace("\"4,5\"", "4.5")
                .replace(',', ";")
                .replace("4.5", "4,5")
                + "\n"
        })
        .collect::<String>()
        .replacen("4,5;", "4.5;", 1); // the header's indicator code 4.5 keeps its dot
    write(site.path(), "content/data/nilai/2020.csv", nilai.as_bytes());
    let out = check(site.path());
    assert!(out.status.success(), "{}", show(&out));
    // Only the fixture's own verval warnings: nothing about how the files were read.
    assert!(
        stdout(&out).ends_with("\n0 error, 3 warning\n"),
        "{}",
        show(&out)
    );
    build_ok(site.path(), &site.path().join("out"));
    let page = read_page(&site.path().join("out"), "sekolah/14710002.html");
    assert!(page.contains("4,50"), "decimal comma value lost");
}

#[test]
fn tab_separated_regions_are_read() {
    let site = site_from_fixture("mini");
    let path = site.path().join("content/data/wilayah.csv");
    let tsv = std::fs::read_to_string(&path).unwrap().replace(',', "\t");
    std::fs::write(&path, tsv).unwrap();
    let out = check(site.path());
    assert!(out.status.success(), "{}", show(&out));
}

#[test]
fn windows_1252_names_are_read_with_a_warning_not_mangled() {
    let site = site_from_fixture("mini");
    let plain = std::fs::read_to_string(site.path().join(SEKOLAH)).unwrap();
    // "Madrasah Al-Fattāh" cannot be Windows-1252; use é (0xE9) as Excel would write it.
    let mut bytes = Vec::new();
    for line in plain.lines() {
        let line = line.replace("SD Negeri 2 Contoh Pekanbaru", "SD Kristen Andr\u{e9}");
        bytes.extend(line.chars().map(|c| if c == 'é' { 0xE9 } else { c as u8 }));
        bytes.push(b'\n');
    }
    write(site.path(), SEKOLAH, &bytes);
    let out = check(site.path());
    assert!(out.status.success(), "{}", show(&out));
    let text = stdout(&out);
    assert!(
        text.contains("warning: content/data/sekolah.csv:3:"),
        "{text}"
    );
    assert!(text.contains("Windows-1252"), "{text}");
    build_ok(site.path(), &site.path().join("out"));
    let page = read_page(&site.path().join("out"), "sekolah/14710002.html");
    assert!(page.contains("SD Kristen André"), "name mangled");
}

#[test]
fn quoted_fields_with_delimiters_and_newlines_survive() {
    let site = site_from_fixture("mini");
    let plain = std::fs::read_to_string(site.path().join(SEKOLAH)).unwrap();
    let quoted = plain.replace(
        "SMA Negeri 1 Contoh Dumai",
        "\"SMA \"\"Bina Insani\"\", Dumai\"",
    );
    write(site.path(), SEKOLAH, quoted.as_bytes());
    build_ok(site.path(), &site.path().join("out"));
    let page = read_page(&site.path().join("out"), "sekolah/14720001.html");
    assert!(
        page.contains("SMA \"Bina Insani\", Dumai"),
        "quoted name lost"
    );
}

/// Writes the fixture's sekolah table as an XLSX sheet named "Data": NPSNs as numbers (one
/// losing its leading zero would be caught; here they are 8 digits), one region code as the
/// number 1472 (no dot).
fn write_sekolah_xlsx(site: &Path, bad_jenjang: bool) {
    let plain = std::fs::read_to_string(site.join(SEKOLAH)).unwrap();
    std::fs::remove_file(site.join(SEKOLAH)).unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Data").unwrap();
    for (r, line) in plain.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (r as u32, c as u16);
            if r > 0 && c == 0 {
                sheet
                    .write_number(r, c, cell.parse::<f64>().unwrap())
                    .unwrap();
            } else if r == 4 && c == 4 {
                sheet.write_number(r, c, 1472.0).unwrap();
            } else if r == 3 && c == 2 && bad_jenjang {
                sheet.write_string(r, c, "TK").unwrap();
            } else {
                sheet.write_string(r, c, cell).unwrap();
            }
        }
    }
    book.save(site.join("content/data/sekolah.xlsx")).unwrap();
}

#[test]
fn xlsx_schools_build_and_repairs_are_reported_by_cell() {
    let site = site_from_fixture("mini");
    write_sekolah_xlsx(site.path(), false);
    let out = check(site.path());
    assert!(out.status.success(), "{}", show(&out));
    let text = stdout(&out);
    // Row 5 of the sheet holds 14720001, its kode_wilayah (column E) was the number 1472.
    assert!(
        text.contains("warning: content/data/sekolah.xlsx: Data!E5: kolom kode_wilayah: \"1472\" dibaca sebagai 14.72"),
        "{text}"
    );
    build_ok(site.path(), &site.path().join("out"));
    assert!(site.path().join("out/sekolah/14720001.html").is_file());
}

#[test]
fn xlsx_errors_name_sheet_and_cell() {
    let site = site_from_fixture("mini");
    write_sekolah_xlsx(site.path(), true);
    let out = check(site.path());
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let text = stdout(&out);
    assert!(
        text.contains("error: content/data/sekolah.xlsx: Data!C4: kolom jenjang: \"TK\" jenjang tidak dikenal"),
        "{text}"
    );
}

#[test]
fn numeric_npsn_that_lost_its_leading_zero_is_repaired_with_a_warning() {
    let site = site_from_fixture("mini");
    let rename = |text: String| text.replace("14720001", "04720001");
    for file in [
        SEKOLAH,
        "content/data/nilai/2019.csv",
        "content/data/nilai/2020.csv",
    ] {
        let path = site.path().join(file);
        std::fs::write(&path, rename(std::fs::read_to_string(&path).unwrap())).unwrap();
    }
    // The scores file was saved from a spreadsheet that turned NPSNs into numbers.
    let path = site.path().join("content/data/nilai/2020.csv");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("04720001,", "4720001,");
    std::fs::write(&path, text).unwrap();
    let out = check(site.path());
    assert!(out.status.success(), "{}", show(&out));
    let text = stdout(&out);
    assert!(
        text.contains("kolom npsn: \"4720001\" dibaca sebagai 04720001"),
        "{text}"
    );
    build_ok(site.path(), &site.path().join("out"));
    assert!(site.path().join("out/sekolah/04720001.html").is_file());
}

#[test]
fn a_table_in_both_csv_and_xlsx_is_an_error() {
    let site = site_from_fixture("mini");
    let csv = std::fs::read(site.path().join(SEKOLAH)).unwrap();
    write_sekolah_xlsx(site.path(), false);
    write(site.path(), SEKOLAH, &csv);
    let out = check(site.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("tabel yang sama ada dalam dua file"),
        "{}",
        show(&out)
    );
}
