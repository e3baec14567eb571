//! Spreadsheets (XLSX, and what else calamine opens): the first sheet unless one is named.
//! Cells become text as a person would type them: whole numbers without `.0`, so NPSNs and
//! codes can be checked (and their lost leading zeros reported) by the table's reader.

use super::table::{Row, Table, MAX_COLUMNS};
use crate::diag::Problem;
use calamine::{open_workbook_auto, open_workbook_auto_from_rs, Data, Reader, Sheets};
use std::io::{Read, Seek};
use std::path::Path;

/// The most non-empty cells read from one sheet (a national score table has about seven
/// million); past it the sheet is refused before it costs more memory.
pub const MAX_CELLS: usize = 20_000_000;

pub fn read(path: &Path, file: &str, sheet: Option<&str>) -> Result<Table, Problem> {
    guarded(file, || {
        let workbook = open_workbook_auto(path).map_err(|e| not_a_spreadsheet(file, e))?;
        read_workbook(workbook, file, sheet)
    })
}

/// The same from the bytes of an `.xlsx` (or `.xls`, `.ods`) file.
pub fn read_bytes(bytes: &[u8], file: &str, sheet: Option<&str>) -> Result<Table, Problem> {
    guarded(file, || {
        let workbook = open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
            .map_err(|e| not_a_spreadsheet(file, e))?;
        read_workbook(workbook, file, sheet)
    })
}

/// Runs the spreadsheet library so that a panic in it (fuzzing found an arithmetic overflow
/// on a cell reference such as `AAAAAAAA1`) is a problem naming the file, not a crash.
fn guarded(file: &str, read: impl FnOnce() -> Result<Table, Problem>) -> Result<Table, Problem> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Problem::error(
            file,
            format!("spreadsheet rusak; tidak dapat dibaca ({why})"),
        )
        .hint("buka dan simpan ulang sebagai .xlsx dari Excel atau LibreOffice"))
    })
}

fn not_a_spreadsheet(file: &str, e: calamine::Error) -> Problem {
    Problem::error(file, format!("spreadsheet tidak dapat dibuka: {e}"))
        .hint("simpan ulang sebagai .xlsx dari Excel atau LibreOffice")
}

fn read_workbook<RS: Read + Seek>(
    mut workbook: Sheets<RS>,
    file: &str,
    sheet: Option<&str>,
) -> Result<Table, Problem> {
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
    let unreadable = |e: &dyn std::fmt::Display| {
        Problem::error(file, format!("sheet {name} tidak dapat dibaca: {e}"))
    };
    // Non-empty cells with their (row, column) as the spreadsheet numbers them from 0. XLSX is
    // streamed cell by cell: a sheet's bounding box (one stray cell at XFD1048576 makes it 17
    // billion cells) is never allocated.
    let mut cells: Vec<((u32, u32), Data)> = Vec::new();
    let mut keep = |pos: (u32, u32), value: Data| -> Result<(), Problem> {
        if matches!(value, Data::Empty) {
            return Ok(());
        }
        if pos.1 as usize >= MAX_COLUMNS {
            return Err(Problem::error(
                file,
                format!("sel di luar tabel: lebih dari {MAX_COLUMNS} kolom"),
            )
            .cell(cell_name(&name, pos))
            .hint("hapus isi sel ini; tabel data rapor hanya memerlukan puluhan kolom"));
        }
        if cells.len() >= MAX_CELLS {
            return Err(
                Problem::error(file, format!("sheet berisi lebih dari {MAX_CELLS} sel"))
                    .cell(cell_name(&name, pos))
                    .hint("pisahkan data atau simpan sebagai CSV"),
            );
        }
        cells.push((pos, value));
        Ok(())
    };
    match &mut workbook {
        Sheets::Xlsx(xlsx) => {
            let mut reader = xlsx
                .worksheet_cells_reader(&name)
                .map_err(|e| unreadable(&e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
                keep(cell.get_position(), Data::from(cell.get_value().clone()))?;
            }
        }
        other => {
            let range = other.worksheet_range(&name).map_err(|e| unreadable(&e))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            for (r, c, value) in range.used_cells() {
                keep((r0 + r as u32, c0 + c as u32), value.clone())?;
            }
        }
    }
    cells.sort_by_key(|(pos, _)| *pos);
    let Some(&((first_row, _), _)) = cells.first() else {
        return Table::from_rows(file, Some(name), Vec::new(), Vec::new(), Vec::new());
    };
    let first_col = cells.iter().map(|((_, c), _)| *c).min().unwrap_or(0);
    if first_col != 0 {
        return Err(Problem::error(file, "tabel tidak dimulai di kolom A")
            .cell(format!("{name}!A{}", first_row + 1))
            .hint("letakkan judul kolom di baris pertama mulai kolom A"));
    }
    // Rows are as wide as the widest: a short row reads as empty cells.
    let width = cells
        .iter()
        .map(|((_, c), _)| *c as usize + 1)
        .max()
        .unwrap_or(0);
    let mut rows_by_number: Vec<(u32, Vec<String>)> = Vec::new();
    for ((r, c), value) in &cells {
        if rows_by_number.last().is_none_or(|(last, _)| last != r) {
            rows_by_number.push((*r, vec![String::new(); width]));
        }
        if let Some((_, row)) = rows_by_number.last_mut() {
            row[*c as usize] = cell_text(value);
        }
    }
    let mut rows_iter = rows_by_number.into_iter();
    let headers = match rows_iter.next() {
        Some((r, cells)) if r == first_row => cells,
        _ => Vec::new(),
    };
    let rows = rows_iter
        .filter(|(_, cells)| !cells.iter().all(|c| c.trim().is_empty()))
        .map(|(r, cells)| Row {
            line: r as usize + 1,
            cells: csv::StringRecord::from(cells),
        })
        .collect();
    Table::from_rows(file, Some(name), headers, rows, Vec::new())
}

/// `Sheet!C17` of a 0-based (row, column).
fn cell_name(sheet: &str, (row, column): (u32, u32)) -> String {
    format!(
        "{sheet}!{}{}",
        super::table::column_letters(column as usize),
        row + 1
    )
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
