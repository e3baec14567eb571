//! CSV as spreadsheets write it: `,` `;` or tab delimiter (detected from the header line),
//! UTF-8 with or without BOM, or Windows-1252 (read with a warning, never mangled silently),
//! CRLF line ends, quoted fields.

use super::table::{Row, Table};
use crate::diag::Problem;

pub fn parse(bytes: &[u8], file: &str) -> Result<Table, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut problems = Vec::new();
    let decoded;
    let text: &[u8] = match std::str::from_utf8(bytes) {
        Ok(_) => bytes,
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            if bytes.contains(&0) {
                return Err(Problem::error(file, "file berisi byte NUL; bukan teks CSV")
                    .line(line)
                    .hint("simpan ulang dari spreadsheet sebagai CSV"));
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            problems.push(
                Problem::warning(file, "file bukan UTF-8; dibaca sebagai Windows-1252")
                    .line(line)
                    .hint("periksa huruf seperti é atau ’ pada nama; sebaiknya simpan sebagai \"CSV UTF-8\""),
            );
            decoded = text.into_owned();
            decoded.as_bytes()
        }
    };
    let delimiter = detect_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| csv_problem(file, &e))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_problem(file, &e))?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = record.position().map(|p| record_line(text, p)).unwrap_or(0);
        let extra = record
            .iter()
            .skip(headers.len())
            .any(|c| !c.trim().is_empty());
        if extra {
            problems.push(
                Problem::error(
                    file,
                    format!(
                        "baris berisi {} kolom, lebih banyak dari {} judul kolom",
                        record.len(),
                        headers.len()
                    ),
                )
                .line(line)
                .hint(too_many_cells_hint(delimiter)),
            );
            continue;
        }
        rows.push(Row {
            line,
            cells: record.iter().map(str::to_string).collect(),
        });
    }
    Table::from_rows(file, None, headers, rows, problems)
}

fn too_many_cells_hint(delimiter: u8) -> &'static str {
    if delimiter == b',' {
        "angka berkoma desimal (mis. 4,5) harus diberi tanda kutip \"4,5\" atau simpan dengan pemisah ; dari Excel"
    } else {
        "periksa pemisah kolom yang berlebih, atau beri tanda kutip pada teks yang memuatnya"
    }
}

/// The delimiter that splits the header line most often (outside quotes): `,` `;` or tab.
fn detect_delimiter(text: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in text {
        match b {
            b'\n' if !quoted => break,
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let best = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    candidates[best]
}

/// The line a record starts on. The csv crate's position counts from before any blank lines
/// it skipped, so step over those to name the line the user sees.
fn record_line(bytes: &[u8], position: &csv::Position) -> usize {
    let mut line = position.line() as usize;
    for &b in bytes.iter().skip(position.byte() as usize) {
        match b {
            b'\n' => line += 1,
            b'\r' => {}
            _ => break,
        }
    }
    line
}

fn csv_problem(file: &str, error: &csv::Error) -> Problem {
    let mut problem = Problem::error(file, format!("CSV tidak dapat dibaca: {error}"))
        .hint("simpan ulang sebagai CSV UTF-8 dari spreadsheet");
    if let Some(pos) = error.position() {
        problem = problem.line(pos.line() as usize);
    }
    problem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_normalised_and_lines_counted() {
        let t = parse(
            b"\xEF\xBB\xBF NPSN ,Nama\n1,\"A, B\"\n\n2,\"multi\nline\"\n3,C\n",
            "x.csv",
        )
        .unwrap();
        assert_eq!(t.headers, ["npsn", "nama"]);
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 6]);
        assert_eq!(t.rows[0].get(1), "A, B");
        assert_eq!(t.rows[0].get(5), "");
    }

    #[test]
    fn excel_indonesian_locale_semicolon_crlf_decimal_comma() {
        let t = parse(b"npsn;1.1;1.2\r\n10400001;5,12;\"6,5\"\r\n", "n.csv").unwrap();
        assert_eq!(t.headers, ["npsn", "1.1", "1.2"]);
        assert_eq!(t.rows[0].cells, ["10400001", "5,12", "6,5"]);
        assert!(t.problems.is_empty());
    }

    #[test]
    fn tab_delimited() {
        let t = parse(b"kode\tnama\tjenis\n14\tRiau\tprovinsi\n", "w.tsv").unwrap();
        assert_eq!(t.rows[0].cells, ["14", "Riau", "provinsi"]);
    }

    #[test]
    fn commas_inside_quotes_do_not_decide_the_delimiter() {
        let t = parse(b"\"a,b,c\";x\n1;2\n", "q.csv").unwrap();
        assert_eq!(t.headers, ["a,b,c", "x"]);
    }

    #[test]
    fn windows_1252_is_read_with_a_warning() {
        // "Sekolah Café" in Windows-1252: é is 0xE9.
        let t = parse(b"npsn,nama\n10400001,Sekolah Caf\xe9\n", "s.csv").unwrap();
        assert_eq!(t.rows[0].get(1), "Sekolah Café");
        assert_eq!(t.problems.len(), 1);
        assert_eq!(t.problems[0].line, Some(2));
    }

    #[test]
    fn unquoted_decimal_comma_is_an_error_of_its_row() {
        let t = parse(b"npsn,1.1,1.2\n10400001,4,5,6\n10400002,4,6\n", "n.csv").unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.problems[0].line, Some(2));
        assert!(t.problems[0].hint.as_deref().unwrap().contains("\"4,5\""));
    }

    #[test]
    fn nul_bytes_are_refused() {
        let err = parse(b"npsn,nama\n1,\x00\xff\n", "s.csv").unwrap_err();
        assert!(err.message.contains("NUL"));
    }
}
