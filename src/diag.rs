//! Problems found in a site's input: every one names its place (file, line or cell, field),
//! the offending value and what to do, and all of them are collected before a build stops.

use serde::Serialize;
use std::fmt;

/// How bad a problem is: an `Error` stops the build, a `Warning` is reported and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    /// Path relative to the site folder, with `/` separators (e.g. `content/data/sekolah.csv`).
    pub file: String,
    /// 1-based line in the file (CSV: physical line of the record), when known.
    pub line: Option<usize>,
    /// Spreadsheet place instead of a line: `Sheet1!C17` (XLSX input).
    pub cell: Option<String>,
    /// Column or front-matter key, when the problem belongs to one.
    pub field: Option<String>,
    /// The value as read, when there is one.
    pub value: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Problem {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            cell: None,
            field: None,
            value: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, message)
        }
    }

    pub fn line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// A spreadsheet cell (`Sheet1!C17`), shown instead of a line.
    pub fn cell(mut self, cell: impl Into<String>) -> Self {
        self.cell = Some(cell.into());
        self
    }

    /// Where in a table: a line for CSV, a cell for XLSX.
    pub fn at(mut self, place: Place) -> Self {
        match place {
            Place::Line(line) => self.line = Some(line),
            Place::Cell(cell) => self.cell = Some(cell),
        }
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// `file:line: kolom F: "value" message (hint)` — the shape a data clerk can act on.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.file)?;
        if let Some(cell) = &self.cell {
            write!(f, ": {cell}")?;
        } else if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ":")?;
        if let Some(field) = &self.field {
            write!(f, " kolom {field}:")?;
        }
        if let Some(value) = &self.value {
            write!(f, " {value:?}")?;
        }
        write!(f, " {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// A place in a data table: a line of a CSV file or a cell of a spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Line(usize),
    Cell(String),
}

/// All problems of one run, in the order they were found.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Diagnostics {
    pub problems: Vec<Problem>,
}

impl Diagnostics {
    pub fn push(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.problems.extend(other.problems);
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }

    /// Sorted by file, then line, so reports read top to bottom like the input.
    pub fn sorted(&self) -> Vec<&Problem> {
        let mut all: Vec<&Problem> = self.problems.iter().collect();
        all.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        all
    }

    /// One line per problem, then a summary line.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for problem in self.sorted() {
            out.push_str(&problem.to_string());
            out.push('\n');
        }
        out.push_str(&format!(
            "{} error, {} warning\n",
            self.error_count(),
            self.warning_count()
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_field_value_and_hint() {
        let p = Problem::error("content/data/sekolah.csv", "tidak ada di wilayah.csv")
            .line(17)
            .field("kode_wilayah")
            .value("14.99")
            .hint("pilih kode kab/kota, mis. 14.03");
        assert_eq!(
            p.to_string(),
            "error: content/data/sekolah.csv:17: kolom kode_wilayah: \"14.99\" tidak ada di wilayah.csv (pilih kode kab/kota, mis. 14.03)"
        );
    }

    #[test]
    fn spreadsheet_cells_replace_lines() {
        let p = Problem::error("sekolah.xlsx", "NPSN ganda")
            .at(Place::Cell("Sheet1!C17".into()))
            .field("npsn");
        assert_eq!(
            p.to_string(),
            "error: sekolah.xlsx: Sheet1!C17: kolom npsn: NPSN ganda"
        );
    }

    #[test]
    fn counts_by_severity() {
        let mut d = Diagnostics::default();
        d.push(Problem::warning("a", "w"));
        assert!(!d.has_errors());
        d.push(Problem::error("b", "e"));
        assert_eq!((d.error_count(), d.warning_count()), (1, 1));
        assert!(d.report().ends_with("1 error, 1 warning\n"));
    }
}
