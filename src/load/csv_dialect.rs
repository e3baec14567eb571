//! CSV as spreadsheets write it: `,` `;` or tab delimiter (detected from the header line),
//! UTF-8 with or without BOM, or Windows-1252 (read with a warning, never mangled silently),
//! CRLF line ends, quoted fields.
//!
//! Hostile files are refused before they cost memory: a file is read in chunks and refused at
//! the first line longer than `MAX_LINE_BYTES` or past `MAX_FILE_BYTES` in all, and a NUL byte
//! anywhere is an error naming its line (text files never hold one).

use super::table::{Row, Table};
use crate::diag::Problem;
use std::io::Read;

/// The longest physical line a table may have (a row of 1,000 long cells fits many times).
pub const MAX_LINE_BYTES: usize = 1 << 20;
/// The largest table file read into memory (a national `sekolah.csv` is about 25 MB; raw
/// answers are streamed by their own reader and have no such limit).
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Reads a table file into memory within the limits above; `file` names it in messages.
pub fn read_limited(reader: impl Read, file: &str) -> Result<Vec<u8>, Problem> {
    let mut reader = reader.take(MAX_FILE_BYTES + 1);
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 256 * 1024];
    let (mut line, mut line_start) = (1usize, 0usize);
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Problem::error(file, format!("tidak dapat dibaca: {e}"))),
        };
        let from = bytes.len();
        bytes.extend_from_slice(&chunk[..n]);
        for nl in memchr::memchr_iter(b'\n', &bytes[from..]) {
            if from + nl - line_start > MAX_LINE_BYTES {
                return Err(too_long(file, line));
            }
            line += 1;
            line_start = from + nl + 1;
        }
        if bytes.len() - line_start > MAX_LINE_BYTES {
            return Err(too_long(file, line));
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Problem::error(
                file,
                format!("file lebih besar dari {} MiB", MAX_FILE_BYTES >> 20),
            )
            .hint("periksa isi file; tabel sebesar ini bukan data sekolah"));
        }
    }
    Ok(bytes)
}

fn too_long(file: &str, line: usize) -> Problem {
    Problem::error(
        file,
        format!("baris lebih panjang dari {} KiB", MAX_LINE_BYTES >> 10),
    )
    .line(line)
    .hint("periksa tanda kutip yang tidak ditutup atau isi yang bukan tabel")
}

/// 1-based line of a byte offset.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..offset]).count() + 1
}

pub fn parse(bytes: &[u8], file: &str) -> Result<Table, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(Problem::error(file, "file berisi byte NUL; bukan teks CSV")
            .line(line_at(bytes, at))
            .hint("simpan ulang dari spreadsheet sebagai CSV"));
    }
    let mut start = 0;
    for (line, end) in memchr::memchr_iter(b'\n', bytes)
        .chain([bytes.len()])
        .enumerate()
    {
        if end - start > MAX_LINE_BYTES {
            return Err(too_long(file, line + 1));
        }
        start = end + 1;
    }
    let mut problems = Vec::new();
    let decoded;
    let text: &[u8] = match std::str::from_utf8(bytes) {
        Ok(_) => bytes,
        Err(e) => {
            let line = line_at(bytes, e.valid_up_to());
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
            cells: record,
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
        assert_eq!(&t.rows[0].cells, vec!["10400001", "5,12", "6,5"]);
        assert!(t.problems.is_empty());
    }

    #[test]
    fn tab_delimited() {
        let t = parse(b"kode\tnama\tjenis\n14\tRiau\tprovinsi\n", "w.tsv").unwrap();
        assert_eq!(&t.rows[0].cells, vec!["14", "Riau", "provinsi"]);
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
        // Valid UTF-8 with a NUL is no text table either.
        let err = parse(b"npsn,nama\n1,a\n2,b\x00c\n", "s.csv").unwrap_err();
        assert_eq!((err.line, err.message.contains("NUL")), (Some(3), true));
    }

    #[test]
    fn over_long_lines_are_refused_while_reading() {
        // A 1 GiB line is refused after about one MiB has been read.
        let mut source = std::io::Read::chain(
            &b"npsn,nama\n1,a\n2,\""[..],
            std::io::Read::take(std::io::repeat(b'x'), 1 << 30),
        );
        let err = read_limited(&mut source, "s.csv").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("lebih panjang"), "{err}");
        let unread = std::io::copy(&mut source, &mut std::io::sink()).unwrap();
        assert!(
            unread > (1 << 30) - (4 << 20),
            "read {} bytes",
            (1u64 << 30) - unread
        );
        // The same rule on bytes already in memory.
        let mut long = b"npsn,nama\n".to_vec();
        long.extend(std::iter::repeat_n(b'y', MAX_LINE_BYTES + 1));
        assert_eq!(parse(&long, "s.csv").unwrap_err().line, Some(2));
    }
}
