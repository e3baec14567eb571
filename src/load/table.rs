//! One reader for every data table, CSV or XLSX: rows with their place in the file (line or
//! sheet!cell), header lookup that tolerates stray spaces and capitals, and errors that name
//! file, place and column. Format details live in `csv_dialect` and `xlsx`.

use super::{csv_dialect, xlsx};
use crate::diag::{Place, Problem};
use std::path::Path;

/// The most columns a table may have: a framework has tens of indicators, not thousands.
pub const MAX_COLUMNS: usize = 1000;

/// A data table as read from a file: header names and rows of text cells.
#[derive(Debug, Clone)]
pub struct Table {
    /// Path relative to the site folder, for messages.
    pub file: String,
    /// The sheet the rows come from (XLSX); `None` for CSV.
    pub sheet: Option<String>,
    /// Header names, trimmed and lower-cased.
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// Problems found while reading that do not stop it: warnings about how the file was
    /// read (encoding fallback) and errors of single rows (too many cells).
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line of the record (CSV) or row number in the sheet (XLSX).
    pub line: usize,
    /// One buffer for all the row's cells: a national year of scores is 7 million cells,
    /// and a `String` each made loading spend a sixth of its time allocating.
    pub cells: csv::StringRecord,
}

impl Row {
    /// A cell's trimmed text; a short row reads as empty cells.
    pub fn get(&self, column: usize) -> &str {
        self.cells.get(column).map(str::trim).unwrap_or("")
    }
}

/// Where a table's rows live, kept after the table itself is dropped so later checks can
/// still point at the right line or cell.
#[derive(Debug, Clone, Default)]
pub struct TableInfo {
    pub file: String,
    pub sheet: Option<String>,
    pub headers: Vec<String>,
}

impl TableInfo {
    /// The line (CSV) or cell (XLSX) of a row's field.
    pub fn place(&self, line: usize, field: Option<&str>) -> Place {
        let column = field.and_then(|f| self.headers.iter().position(|h| h == f));
        place(self.sheet.as_deref(), line, column)
    }

    /// A problem located at a row's field.
    pub fn problem(&self, line: usize, field: &str, message: &str) -> Problem {
        Problem::error(&self.file, message)
            .at(self.place(line, Some(field)))
            .field(field)
    }
}

/// `Sheet1!C17` for a spreadsheet, the line for CSV.
pub fn place(sheet: Option<&str>, line: usize, column: Option<usize>) -> Place {
    match sheet {
        Some(sheet) => Place::Cell(format!(
            "{sheet}!{}{line}",
            column_letters(column.unwrap_or(0))
        )),
        None => Place::Line(line),
    }
}

/// Spreadsheet column name of a 0-based index: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl Table {
    /// Reads a data table from a CSV or XLSX file (by extension), from the first sheet.
    /// `file` is the name used in messages. Every reader of a table goes through here.
    pub fn read(path: &Path, file: &str) -> Result<Table, Problem> {
        Table::read_sheet(path, file, None)
    }

    /// Like `read`, naming the sheet of a spreadsheet (ignored for CSV).
    pub fn read_sheet(path: &Path, file: &str, sheet: Option<&str>) -> Result<Table, Problem> {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "xlsx" | "xlsm" | "xls" | "ods" => xlsx::read(path, file, sheet),
            _ => {
                let reader = std::fs::File::open(path)
                    .map_err(|e| Problem::error(file, format!("tidak dapat dibaca: {e}")))?;
                csv_dialect::parse(&csv_dialect::read_limited(reader, file)?, file)
            }
        }
    }

    /// Parses CSV bytes in any of the dialects spreadsheets write.
    pub fn parse_csv(bytes: &[u8], file: &str) -> Result<Table, Problem> {
        csv_dialect::parse(bytes, file)
    }

    /// Builds a table from a header row and data rows, refusing empty or duplicate headers.
    pub fn from_rows(
        file: &str,
        sheet: Option<String>,
        raw_headers: Vec<String>,
        rows: Vec<Row>,
        problems: Vec<Problem>,
    ) -> Result<Table, Problem> {
        let headers: Vec<String> = raw_headers
            .iter()
            .map(|h| {
                h.trim()
                    .trim_start_matches('\u{feff}')
                    .trim()
                    .to_lowercase()
            })
            .collect();
        let header_place = |column: Option<usize>| place(sheet.as_deref(), 1, column);
        if headers.len() > MAX_COLUMNS {
            return Err(Problem::error(
                file,
                format!(
                    "{} kolom, lebih dari {MAX_COLUMNS} yang dibaca rapor",
                    headers.len()
                ),
            )
            .at(header_place(Some(MAX_COLUMNS)))
            .hint("periksa baris judul kolom; tabel data rapor hanya memerlukan puluhan kolom"));
        }
        if headers.iter().all(|h| h.is_empty()) {
            return Err(
                Problem::error(file, "file kosong atau tanpa baris judul kolom")
                    .at(header_place(None))
                    .hint("baris pertama harus berisi nama kolom"),
            );
        }
        if let Some((column, dup)) = first_duplicate(&headers) {
            return Err(Problem::error(file, "nama kolom ganda")
                .at(header_place(Some(column)))
                .field(dup)
                .hint("setiap kolom hanya boleh muncul sekali"));
        }
        Ok(Table {
            file: file.to_string(),
            sheet,
            headers,
            rows,
            problems,
        })
    }

    pub fn info(&self) -> TableInfo {
        TableInfo {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            headers: self.headers.clone(),
        }
    }

    /// The line or cell of a row's column, for messages.
    pub fn place(&self, row: &Row, column: Option<usize>) -> Place {
        place(self.sheet.as_deref(), row.line, column)
    }

    /// An error at a row's column, with the field name and the cell's value.
    pub fn problem(&self, row: &Row, column: usize, message: &str) -> Problem {
        Problem::error(&self.file, message)
            .at(self.place(row, Some(column)))
            .field(self.headers.get(column).cloned().unwrap_or_default())
            .value(row.get(column))
    }

    /// Index of a column, or an error that names the missing column and what is there.
    pub fn column(&self, name: &str) -> Result<usize, Problem> {
        self.headers.iter().position(|h| h == name).ok_or_else(|| {
            Problem::error(&self.file, "kolom wajib tidak ada")
                .at(place(self.sheet.as_deref(), 1, None))
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

fn first_duplicate(headers: &[String]) -> Option<(usize, &str)> {
    let mut seen = std::collections::BTreeSet::new();
    headers
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.is_empty())
        .find(|(_, h)| !seen.insert(h.as_str()))
        .map(|(i, h)| (i, h.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_spreadsheets() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
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
    fn spreadsheet_places_name_sheet_and_cell() {
        let info = TableInfo {
            file: "sekolah.xlsx".into(),
            sheet: Some("Sheet1".into()),
            headers: vec!["npsn".into(), "nama".into(), "kode_wilayah".into()],
        };
        assert_eq!(
            info.place(17, Some("kode_wilayah")),
            Place::Cell("Sheet1!C17".into())
        );
    }
}
