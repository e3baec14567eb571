//! CSV rendering of the generated data (UTF-8, LF, quoted only when needed).

use crate::schools::School;
use crate::scores::{indicator_codes, Cell, YearTable};

pub const SCHOOL_HEADER: [&str; 7] = [
    "npsn",
    "nama",
    "jenjang",
    "status",
    "kode_wilayah",
    "peran",
    "sekolah_model",
];

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> Vec<u8> {
    w.into_inner().expect("writing to memory cannot fail")
}

/// `sekolah.csv`.
pub fn schools_csv(schools: &[School]) -> csv::Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(SCHOOL_HEADER)?;
    for s in schools {
        w.write_record([
            s.npsn.as_str(),
            &s.nama,
            s.jenjang.label(),
            s.status(),
            &s.kode_wilayah,
            s.peran(),
            s.sekolah_model.as_deref().unwrap_or(""),
        ])?;
    }
    Ok(finish(w))
}

/// `nilai/<tahun>.csv`: `npsn` then one column per indicator; empty = not available.
pub fn scores_csv(table: &YearTable) -> csv::Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(std::iter::once("npsn".to_string()).chain(indicator_codes()))?;
    for row in &table.rows {
        let cells = row.cells.iter().map(|&c| format_cell(c));
        w.write_record(std::iter::once(row.npsn.clone()).chain(cells))?;
    }
    Ok(finish(w))
}

/// `Some(512)` → `5.12`; `None` → empty.
pub fn format_cell(cell: Cell) -> String {
    cell.map_or_else(String::new, |c| format!("{}.{:02}", c / 100, c % 100))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_have_two_decimals() {
        assert_eq!(format_cell(Some(512)), "5.12");
        assert_eq!(format_cell(Some(700)), "7.00");
        assert_eq!(format_cell(Some(5)), "0.05");
        assert_eq!(format_cell(None), "");
    }
}
