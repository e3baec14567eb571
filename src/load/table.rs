//! One reader for every data table: rows with their line numbers, header lookup that tolerates
//! stray spaces and capitals, and errors that name file, line and column.

use crate::diag::Problem;
use std::path::Path;

/// A data table as read from a file: header names and rows of text cells.
#[derive(Debug, Clone)]
pub struct Table {
    /// Path relative to the site folder, for messages.
    pub file: String,
    /// Header names, trimmed and lower-cased.
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line of the record in the file.
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// A cell's trimmed text; a short row reads as empty cells.
    pub fn get(&self, column: usize) -> &str {
        self.cells.get(column).map(|s| s.trim()).unwrap_or("")
    }
}

impl Table {
    /// Reads a data table from a CSV or XLSX file (by extension). `file` is the name used in
    /// messages. Every reader of a table goes through here.
    pub fn read(path: &Path, file: &str) -> Result<Table, Problem> {
        Table::read_csv(path, file)
    }

    /// Reads a CSV file. `file` is the name used in messages.
    pub fn read_csv(path: &Path, file: &str) -> Result<Table, Problem> {
        let bytes = std::fs::read(path)
            .map_err(|e| Problem::error(file, format!("tidak dapat dibaca: {e}")))?;
        Table::parse_csv(&bytes, file)
    }

    pub fn parse_csv(bytes: &[u8], file: &str) -> Result<Table, Problem> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(bytes);
        let headers = reader
            .headers()
            .map_err(|e| csv_problem(file, &e))?
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect::<Vec<_>>();
        if headers.iter().all(|h| h.is_empty()) {
            return Err(
                Problem::error(file, "file kosong atau tanpa baris judul kolom")
                    .line(1)
                    .hint("baris pertama harus berisi nama kolom"),
            );
        }
        if let Some(dup) = first_duplicate(&headers) {
            return Err(Problem::error(file, "nama kolom ganda")
                .line(1)
                .field(dup)
                .hint("setiap kolom hanya boleh muncul sekali"));
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_problem(file, &e))?;
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let line = record
                .position()
                .map(|p| record_line(bytes, p))
                .unwrap_or(0);
            rows.push(Row {
                line,
                cells: record.iter().map(str::to_string).collect(),
            });
        }
        Ok(Table {
            file: file.to_string(),
            headers,
            rows,
        })
    }

    /// Index of a column, or an error that names the missing column and what is there.
    pub fn column(&self, name: &str) -> Result<usize, Problem> {
        self.headers.iter().position(|h| h == name).ok_or_else(|| {
            Problem::error(&self.file, "kolom wajib tidak ada")
                .line(1)
                .field(name)
                .hint(format!(
                    "tambahkan kolom {name}; kolom yang ada: {}",
                    self.headers.join(", ")
                ))
        })
    }

    /// Indexes of all required columns, collecting every missing one.
    pub fn columns(&self, names: &[&str]) -> Result<Vec<usize>, Vec<Problem>> {
        let mut found = Vec::new();
        let mut missing = Vec::new();
        for name in names {
            match self.column(name) {
                Ok(i) => found.push(i),
                Err(p) => missing.push(p),
            }
        }
        if missing.is_empty() {
            Ok(found)
        } else {
            Err(missing)
        }
    }
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

fn first_duplicate(headers: &[String]) -> Option<&str> {
    let mut seen = std::collections::BTreeSet::new();
    headers
        .iter()
        .filter(|h| !h.is_empty())
        .find(|h| !seen.insert(h.as_str()))
        .map(|h| h.as_str())
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
        let t = Table::parse_csv(
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
    fn missing_column_is_named() {
        let t = Table::parse_csv(b"npsn,nama\n1,a\n", "s.csv").unwrap();
        let err = t.column("jenjang").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("jenjang"));
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn duplicate_header_is_refused() {
        let err = Table::parse_csv(b"npsn,Npsn\n1,2\n", "s.csv").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("npsn"));
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = Table::parse_csv(b"npsn,nama\n1,ok\n2,\xff\xfe\n", "s.csv").unwrap_err();
        assert_eq!(err.line, Some(3));
    }
}
