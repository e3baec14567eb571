//! `rapor-gen`: seeded, deterministic generator of the bundled example's synthetic data.
//!
//! `riau` generates LPMP Riau's coached-school programme (DOMAIN.md section 6) into the data
//! folder (default `content/data`):
//! - `sekolah.csv`: 1,200 schools in Riau's 12 kab/kota, 240 `model` and 960 `imbas`
//!   (each imbas school points to the model school coaching it);
//! - `nilai/2017.csv` … `nilai/2020.csv`: rapor mutu scores, 29 indicators on 0.00–7.00,
//!   with a little data not available (empty cells).
//!
//! It reads the districts from `wilayah.csv` in the same folder. School names, NPSNs and scores
//! are synthetic. The same seed always gives byte-identical files (own PRNG, see `rng`).
//!
//! Run: `cargo run --bin rapor-gen -- riau [--out content/data] [--seed 2020]`

mod output;
mod regions;
mod rng;
mod schools;
mod scores;

use clap::{Args, Parser, Subcommand};
use regions::Quota;
use schools::{District, School};
use scores::YearTable;
use std::error::Error;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Rapor mutu (PMP) years of the example.
const YEARS: [u16; 4] = [2017, 2018, 2019, 2020];

#[derive(Debug, Parser)]
#[command(
    name = "rapor-gen",
    about = "Generate the example's synthetic schools and scores (seeded, deterministic)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// LPMP Riau coached schools: 240 model + 960 imbas in 12 kab/kota, scores 2017–2020.
    Riau(CommonArgs),
}

#[derive(Debug, Args)]
struct CommonArgs {
    /// Data folder: reads wilayah.csv there, writes sekolah.csv and nilai/<tahun>.csv.
    #[arg(long, default_value = "content/data")]
    out: PathBuf,
    /// Seed; the same seed always gives byte-identical files.
    #[arg(long, default_value_t = 2020)]
    seed: u64,
}

/// Everything one run writes.
struct Dataset {
    schools: Vec<School>,
    scores: Vec<YearTable>,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rapor-gen: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Riau(args) => generate(&args, &regions::RIAU),
    }
}

fn generate(args: &CommonArgs, quotas: &[Quota]) -> Result<()> {
    let wilayah = args.out.join("wilayah.csv");
    let file = File::open(&wilayah).map_err(|e| format!("{}: {e}", wilayah.display()))?;
    let regions = regions::read_regions(file).map_err(|e| format!("{}: {e}", wilayah.display()))?;
    let districts = regions::districts(&regions, quotas)?;
    let dataset = build(&districts, args.seed);
    for (path, bytes) in render(&dataset)? {
        write(&args.out.join(path), &bytes)?;
    }
    print_summary(&dataset, &args.out, args.seed);
    Ok(())
}

fn build(districts: &[District], seed: u64) -> Dataset {
    let schools = schools::generate_schools(districts, seed);
    let scores = scores::generate_scores(&schools, &YEARS, seed);
    Dataset { schools, scores }
}

/// Files relative to the data folder, with their contents.
fn render(dataset: &Dataset) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = vec![(
        PathBuf::from("sekolah.csv"),
        output::schools_csv(&dataset.schools)?,
    )];
    for table in &dataset.scores {
        let path = Path::new("nilai").join(format!("{}.csv", table.year));
        files.push((path, output::scores_csv(table)?));
    }
    Ok(files)
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn print_summary(dataset: &Dataset, out: &Path, seed: u64) {
    let models = dataset.schools.iter().filter(|s| s.is_model()).count();
    let imbas = dataset.schools.len() - models;
    eprintln!(
        "rapor-gen (seed {seed}): {} schools ({models} model, {imbas} imbas) -> {}",
        dataset.schools.len(),
        out.join("sekolah.csv").display()
    );
    for table in &dataset.scores {
        let cells = table.rows.iter().flat_map(|r| &r.cells);
        let empty = cells.filter(|c| c.is_none()).count();
        eprintln!(
            "  nilai/{}.csv: {} rows, {empty} empty cells",
            table.year,
            table.rows.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use regions::tests::riau_regions;

    fn riau_files(seed: u64) -> Vec<(PathBuf, Vec<u8>)> {
        let districts = regions::districts(&riau_regions(), &regions::RIAU).unwrap();
        render(&build(&districts, seed)).unwrap()
    }

    #[test]
    fn cli_parses_the_documented_usage() {
        Cli::command().debug_assert();
        let cli = Cli::try_parse_from(["rapor-gen", "riau", "--out", "x", "--seed", "7"]).unwrap();
        let Command::Riau(args) = cli.command;
        assert_eq!((args.out, args.seed), (PathBuf::from("x"), 7));
        let cli = Cli::try_parse_from(["rapor-gen", "riau"]).unwrap();
        let Command::Riau(args) = cli.command;
        assert_eq!((args.out, args.seed), (PathBuf::from("content/data"), 2020));
    }

    #[test]
    fn same_seed_gives_identical_files_other_seed_differs() {
        let a = riau_files(2020);
        assert_eq!(a, riau_files(2020));
        let b = riau_files(2021);
        assert_eq!(a.len(), b.len());
        assert!(a.iter().zip(&b).all(|(x, y)| x.0 == y.0 && x.1 != y.1));
    }

    #[test]
    fn files_have_the_expected_headers_and_shape() {
        let files = riau_files(2020);
        let names: Vec<String> = files.iter().map(|f| f.0.display().to_string()).collect();
        assert_eq!(
            names,
            [
                "sekolah.csv",
                "nilai/2017.csv",
                "nilai/2018.csv",
                "nilai/2019.csv",
                "nilai/2020.csv"
            ]
        );
        let text = |i: usize| String::from_utf8(files[i].1.clone()).unwrap();
        let sekolah = text(0);
        assert!(sekolah.starts_with("npsn,nama,jenjang,status,kode_wilayah,peran,sekolah_model\n"));
        assert!(!sekolah.contains('\r'));
        assert_eq!(sekolah.lines().count(), 1201);
        let header = "npsn,1.1,1.2,1.3,2.1,2.2,2.3,3.1,3.2,3.3,4.1,4.2,4.3,4.4,4.5,\
                      5.1,5.2,5.3,5.4,5.5,6.1,6.2,6.3,7.1,7.2,7.3,7.4,8.1,8.2,8.3";
        for i in 1..files.len() {
            let nilai = text(i);
            assert_eq!(nilai.lines().next().unwrap(), header);
            for line in nilai.lines().skip(1) {
                let fields: Vec<&str> = line.split(',').collect();
                assert_eq!(fields.len(), 30, "{line}");
                assert!(
                    fields[1..].iter().all(|f| f.is_empty() || is_score(f)),
                    "{line}"
                );
            }
        }
    }

    /// `d.dd` within 0.00–7.00.
    fn is_score(field: &str) -> bool {
        let b = field.as_bytes();
        b.len() == 4
            && b[1] == b'.'
            && [b[0], b[2], b[3]].iter().all(u8::is_ascii_digit)
            && field.parse::<f64>().is_ok_and(|v| (0.0..=7.0).contains(&v))
    }
}
