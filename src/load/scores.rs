//! `content/data/nilai/<tahun>.csv` (or `.xlsx`): one row per school, one column per indicator.

use super::codes;
use super::regions::{describe, warning};
use super::table::Table;
use crate::diag::{Diagnostics, Place, Problem};
use crate::framework::Framework;
use crate::model::{ScoreRow, YearScores};
use std::collections::BTreeMap;

/// Reads one year's indicator scores, in framework indicator order.
pub fn read_year(
    table: &Table,
    year: u16,
    framework: &Framework,
    diag: &mut Diagnostics,
) -> YearScores {
    let mut scores = YearScores {
        year,
        info: table.info(),
        raw: None,
        rows: Vec::new(),
    };
    let npsn_col = match table.column("npsn") {
        Ok(c) => c,
        Err(p) => {
            diag.push(p);
            return scores;
        }
    };
    // Column of each framework indicator, if present.
    let indicator_cols: Vec<Option<usize>> = framework
        .indicators()
        .map(|(_, ind)| {
            table
                .headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(&ind.code))
        })
        .collect();
    let header_place = |col: usize| super::table::place(table.sheet.as_deref(), 1, Some(col));
    for (col, header) in table.headers.iter().enumerate() {
        let known = col == npsn_col || indicator_cols.contains(&Some(col));
        if !known {
            diag.push(
                Problem::error(&table.file, "kolom bukan kode indikator framework")
                    .at(header_place(col))
                    .field(header)
                    .hint(format!(
                        "nama kolom harus npsn atau kode indikator {} ({}…{})",
                        framework.name,
                        first_code(framework),
                        last_code(framework)
                    )),
            );
        }
    }
    for ((_, ind), col) in framework.indicators().zip(&indicator_cols) {
        if col.is_none() {
            diag.push(
                Problem::warning(
                    &table.file,
                    "kolom indikator tidak ada; dianggap tidak tersedia",
                )
                .at(super::table::place(table.sheet.as_deref(), 1, None))
                .field(&ind.code)
                .hint("tambahkan kolom ini bila datanya ada"),
            );
        }
    }
    let mut seen: BTreeMap<String, Place> = BTreeMap::new();
    for row in &table.rows {
        let npsn = match codes::npsn(row.get(npsn_col)) {
            Ok(code) => {
                if let Some(note) = &code.note {
                    diag.push(warning(table, row, npsn_col, note));
                }
                code.text
            }
            Err(hint) => {
                diag.push(
                    table
                        .problem(row, npsn_col, "NPSN harus 8 angka")
                        .hint(hint),
                );
                continue;
            }
        };
        if let Some(first) = seen.insert(npsn.clone(), table.place(row, Some(npsn_col))) {
            diag.push(
                table
                    .problem(row, npsn_col, "NPSN ganda dalam satu tahun")
                    .hint(format!(
                        "{} sudah berisi nilai sekolah ini",
                        describe(&first)
                    )),
            );
            continue;
        }
        let mut values = Vec::with_capacity(indicator_cols.len());
        for col in &indicator_cols {
            let text = col.map(|c| row.get(c)).unwrap_or("");
            match parse_score(text, framework) {
                Ok(v) => values.push(v),
                Err(message) => {
                    diag.push(table.problem(row, col.unwrap_or(0), message).hint(format!(
                        "isi angka {}–{} (koma atau titik desimal) atau kosongkan bila tidak tersedia",
                        framework.scale.min, framework.scale.max
                    )));
                    values.push(None);
                }
            }
        }
        scores.rows.push(ScoreRow {
            npsn,
            line: row.line,
            values,
            standards: None,
        });
    }
    scores.rows.sort_by(|a, b| a.npsn.cmp(&b.npsn));
    scores
}

/// Empty = not available; `.` or `,` as decimal separator; must lie on the framework's scale.
pub fn parse_score(text: &str, framework: &Framework) -> Result<Option<f64>, &'static str> {
    if text.is_empty() {
        return Ok(None);
    }
    if text.starts_with('#') {
        return Err("sel berisi galat spreadsheet, bukan angka");
    }
    let value: f64 = text
        .replace(',', ".")
        .parse()
        .ok()
        // `NaN`, `inf` and `1e309` parse as floats but are no score.
        .filter(|v: &f64| v.is_finite())
        .ok_or("nilai bukan angka")?;
    if !framework.in_scale(value) {
        return Err("nilai di luar skala");
    }
    Ok(Some(value))
}

fn first_code(framework: &Framework) -> &str {
    framework
        .indicators()
        .next()
        .map(|(_, i)| i.code.as_str())
        .unwrap_or("")
}

fn last_code(framework: &Framework) -> &str {
    framework
        .indicators()
        .last()
        .map(|(_, i)| i.code.as_str())
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn framework() -> Framework {
        Framework::load(Path::new("."), "rapor-mutu").unwrap()
    }

    #[test]
    fn parses_comma_dot_and_empty() {
        let f = framework();
        assert_eq!(parse_score("5,12", &f), Ok(Some(5.12)));
        assert_eq!(parse_score("7", &f), Ok(Some(7.0)));
        assert_eq!(parse_score("", &f), Ok(None));
        assert!(parse_score("7.01", &f).is_err());
        assert!(parse_score("-0.1", &f).is_err());
        for not_a_number in ["NaN", "inf", "-inf", "+infinity", "1e309", "-1e309"] {
            assert_eq!(parse_score(not_a_number, &f), Err("nilai bukan angka"));
        }
        assert!(parse_score("lima", &f).is_err());
        assert!(parse_score("#DIV/0!", &f).is_err());
    }

    #[test]
    fn unknown_column_and_bad_value_are_located() {
        let f = framework();
        let t = Table::parse_csv(b"npsn,1.1,9.9\n10400001,8,\n", "nilai/2020.csv").unwrap();
        let mut d = Diagnostics::default();
        let y = read_year(&t, 2020, &f, &mut d);
        let errors: Vec<_> = d
            .problems
            .iter()
            .filter(|p| p.severity == crate::diag::Severity::Error)
            .map(|p| (p.line, p.field.clone().unwrap()))
            .collect();
        assert_eq!(errors, [(Some(1), "9.9".into()), (Some(2), "1.1".into())]);
        assert_eq!(y.rows[0].values.len(), 29);
    }
}
