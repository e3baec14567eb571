//! Spreadsheets (XLSX, and what else calamine opens): the first sheet unless one is named.
//! Cells become text as a person would type them: whole numbers without `.0`, so NPSNs and
//! codes can be checked (and their lost leading zeros reported) by the table's reader.

use super::table::{Row, Table};
use crate::diag::Problem;
use calamine::{open_workbook_auto, Data, Reader};
use std::path::Path;

pub fn read(path: &Path, file: &str, sheet: Option<&str>) -> Result<Table, Problem> {
    let mut workbook = open_workbook_auto(path).map_err(|e| {
        Problem::error(file, format!("spreadsheet tidak dapat dibuka: {e}"))
            .hint("simpan ulang sebagai .xlsx dari Excel atau LibreOffice")
    })?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| {
                Problem::error(file, "sheet tidak ada")
                    .value(wanted)
                    .hint(format!("sheet yang ada: {}", names.join(", ")))
            })?,
        None => names.first().cloned().ok_or_else(|| {
            Problem::error(file, "spreadsheet tanpa sheet").hint("isi sheet pertama dengan tabel")
        })?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| Problem::error(file, format!("sheet {name} tidak dapat dibaca: {e}")))?;
    // Row and column numbers as the spreadsheet shows them, even when the table does not
    // start at A1.
    let (first_row, first_col) = range
        .start()
        .map(|(r, c)| (r as usize, c as usize))
        .unwrap_or((0, 0));
    if first_col != 0 {
        return Err(Problem::error(file, "tabel tidak dimulai di kolom A")
            .cell(format!("{name}!A{}", first_row + 1))
            .hint("letakkan judul kolom di baris pertama mulai kolom A"));
    }
    let mut rows_iter = range.rows();
    let headers: Vec<String> = rows_iter
        .next()
        .map(|r| r.iter().map(cell_text).collect())
        .unwrap_or_default();
    let mut rows = Vec::new();
    for (i, cells) in rows_iter.enumerate() {
        let cells: Vec<String> = cells.iter().map(cell_text).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push(Row {
            line: first_row + i + 2,
            cells,
        });
    }
    Table::from_rows(file, Some(name), headers, rows, Vec::new())
}

/// A cell as text: integers without a decimal part, floats in their shortest form, errors
/// as their Excel code (so a reader rejects them as non-numbers with the cell named).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|d| d.date().to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
