//! `rapor-gen bench-score SITE`: times the scoring of one year's raw answers alone, through
//! the library's `read_answer_years`, and prints answers, seconds, answers per second and
//! memory (peak resident set before and after). Used by `bench/scoring.sh`.

use crate::Result;
use rapor::config::SiteConfig;
use rapor::diag::Diagnostics;
use rapor::framework::Framework;
use rapor::load::schools::read_schools;
use rapor::load::table::Table;
use rapor::score::answers::read_answer_years;
use std::path::Path;
use std::time::Instant;

/// `dump`: also write every school's indicator and standard scores there (CSV), to check
/// them against another implementation.
pub fn run(site: &Path, year: Option<u16>, dump: Option<&Path>) -> Result<()> {
    let config = SiteConfig::load(site).map_err(|p| p.to_string())?;
    let framework = Framework::load(site, &config.framework).map_err(|p| p.to_string())?;
    let mut diag = Diagnostics::default();
    let sekolah = "content/data/sekolah.csv";
    let table = Table::read(&site.join(sekolah), sekolah).map_err(|p| p.to_string())?;
    let schools = read_schools(&table, &mut diag).schools;
    drop(table);
    let before = memory();
    let years: Vec<u16> = year.into_iter().collect();
    let started = Instant::now();
    let scored = read_answer_years(site, &framework, &schools, &years, &mut diag);
    let seconds = started.elapsed().as_secs_f64();
    let after = memory();
    for problem in diag.sorted().iter().take(40) {
        eprintln!("{problem}");
    }
    let answers: u64 = scored.values().map(|y| y.answer_rows).sum();
    let rows: usize = scored.values().map(|y| y.rows.len()).sum();
    let files: Vec<&str> = scored.values().map(|y| y.file.as_str()).collect();
    println!("schools in sekolah.csv: {}", schools.len());
    println!("files:                  {}", files.join(", "));
    println!("answers:                {answers}");
    println!("schools scored:         {rows}");
    println!("seconds:                {seconds:.2}");
    println!("answers/s:              {:.0}", answers as f64 / seconds);
    println!(
        "problems:               {} error, {} warning",
        diag.error_count(),
        diag.warning_count()
    );
    if let Some(path) = dump {
        let mut out = String::from("tahun,npsn,values,standards\n");
        let cells = |v: &[Option<f64>]| {
            v.iter()
                .map(|x| x.map(|x| format!("{x:.6}")).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(";")
        };
        for (year, scores) in &scored {
            for row in &scores.rows {
                let standards = row.standards.as_deref().unwrap_or(&[]);
                out.push_str(&format!(
                    "{year},{},{},{}\n",
                    row.npsn,
                    cells(&row.values),
                    cells(standards)
                ));
            }
        }
        std::fs::write(path, out)?;
    }
    println!("peak RSS before scoring: {before}");
    println!("peak RSS after scoring:  {after}");
    Ok(())
}

/// Peak and current resident set (`VmHWM`, `VmRSS` of /proc/self/status), when the OS has them.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| "?".into())
    };
    format!("{} (current {})", field("VmHWM:"), field("VmRSS:"))
}
