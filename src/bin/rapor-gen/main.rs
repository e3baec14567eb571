//! `rapor-gen`: seeded, deterministic generator of the bundled example's synthetic data.
//!
//! `riau` generates LPMP Riau's coached-school programme (DOMAIN.md section 6) into the data
//! folder (default `content/data`):
//! - `sekolah.csv`: 1,200 schools in Riau's 12 kab/kota, 240 `model` and 960 `imbas`
//!   (each imbas school points to the model school coaching it);
//! - `nilai/2017.csv` … `nilai/2020.csv`: rapor mutu scores, 29 indicators on 0.00–7.00,
//!   with a little data not available (empty cells).
//!
//! - `instrumen/*.csv`: a synthetic PMP questionnaire instrument (sub-indicators, items,
//!   answer weights by jenjang and role, role weights; see `instrument`);
//! - for the latest year, raw data beside the indicator scores: `jawaban/2020.csv` (every
//!   school's questionnaire answers, about a million rows, not committed: regenerate it) and
//!   `administrasi/2020.csv`, aimed at the school's `nilai/2020.csv` scores (see `raw`).
//!
//! It reads the districts from `wilayah.csv` in the same folder. School names, NPSNs and scores
//! are synthetic. The same seed always gives byte-identical files (own PRNG, see `rng`).
//!
//! `national` writes a whole country's synthetic site (38 provinces, 514 kab/kota, default
//! 226,000 schools, four years, 2020 also as raw answers, narratives and articles) for
//! `bench/national.sh`; see `national_site`.
//!
//! `answers` writes a national-size benchmark site (default 220,000 schools, about 200 million
//! answers, streamed to disk); `bench-score` times the scoring of a site's raw answers.
//!
//! Run: `cargo run --bin rapor-gen -- riau [--out content/data] [--seed 2020]`

mod answers;
mod bench;
mod instrument;
mod national;
mod national_content;
mod national_site;
mod output;
mod raw;
mod regions;
mod rng;
mod schools;
mod scores;

use clap::{Args, Parser, Subcommand};
use instrument::Instrument;
use raw::{Oddities, RawYear};
use regions::Quota;
use schools::{District, School};
use scores::YearTable;
use std::error::Error;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Rapor mutu (PMP) years of the example.
const YEARS: [u16; 4] = [2017, 2018, 2019, 2020];
/// The year that also comes as raw answers and administrative data.
const RAW_YEAR: u16 = 2020;

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
    /// LPMP Riau coached schools: 240 model + 960 imbas in 12 kab/kota, scores 2017–2020,
    /// the instrument, and 2020's raw answers and administrative data.
    Riau(CommonArgs),
    /// A whole country's synthetic site: every province and kab/kota, four years of scores
    /// (2020 also as raw answers), networks, narratives and articles.
    National(NationalArgs),
    /// A national-size benchmark site: schools, instrument, one year of answers.
    Answers(AnswersArgs),
    /// Time the scoring of a site's raw answers (see bench/scoring.sh).
    BenchScore(BenchArgs),
}

#[derive(Debug, Args)]
struct NationalArgs {
    /// Number of schools (spread over every kab/kota).
    #[arg(long, default_value_t = 226_000)]
    schools: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The site folder to write (site.toml, content/...); must not exist or be empty.
    #[arg(long)]
    out: PathBuf,
    /// Regions (`kode,nama,jenis`); default: the national list built into rapor-gen.
    #[arg(long)]
    wilayah: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct AnswersArgs {
    /// Number of schools (spread over the kab/kota of --wilayah).
    #[arg(long, default_value_t = 220_000)]
    schools: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The site folder to write (site.toml, content/data/...).
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = 2020)]
    year: u16,
    /// Regions to spread the schools over; a national list for national sizes.
    #[arg(long, default_value = "content/data/wilayah.csv")]
    wilayah: PathBuf,
    /// Also write administrasi/<year>.csv.
    #[arg(long)]
    admin: bool,
}

#[derive(Debug, Args)]
struct BenchArgs {
    /// The site folder.
    site: PathBuf,
    /// Only this year (default: every year with raw data).
    #[arg(long)]
    year: Option<u16>,
    /// Also write every school's scores to this CSV file.
    #[arg(long)]
    dump: Option<PathBuf>,
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
    seed: u64,
    schools: Vec<School>,
    scores: Vec<YearTable>,
    instrument: Instrument,
    oddities: Oddities,
}

impl Dataset {
    fn raw_year(&self) -> RawYear<'_> {
        RawYear {
            schools: &self.schools,
            scores: self
                .scores
                .iter()
                .find(|t| t.year == RAW_YEAR)
                .expect("the raw year is one of the years"),
            instrument: &self.instrument,
            oddities: &self.oddities,
            seed: self.seed,
        }
    }
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
        Command::National(args) => {
            if args.out.exists() && fs::read_dir(&args.out)?.next().is_some() {
                return Err(format!("{} exists and is not empty", args.out.display()).into());
            }
            national_site::generate(&national_site::SiteArgs {
                schools: args.schools,
                seed: args.seed,
                out: args.out,
                wilayah: args.wilayah,
            })
            .map(drop)
        }
        Command::Answers(args) => national::generate(&national::NationalArgs {
            schools: args.schools,
            seed: args.seed,
            out: args.out,
            year: args.year,
            wilayah: args.wilayah,
            admin: args.admin,
        }),
        Command::BenchScore(args) => bench::run(&args.site, args.year, args.dump.as_deref()),
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
    let answers = args.out.join(answers_path());
    let answer_rows = write_answers(&answers, &dataset.raw_year())?;
    print_summary(&dataset, &args.out, args.seed, answer_rows);
    Ok(())
}

fn build(districts: &[District], seed: u64) -> Dataset {
    let schools = schools::generate_schools(districts, seed);
    let scores = scores::generate_scores(&schools, &YEARS, seed);
    let instrument = instrument::generate(seed);
    let oddities = raw::oddities(&schools, seed);
    Dataset {
        seed,
        schools,
        scores,
        instrument,
        oddities,
    }
}

/// `jawaban/2020.csv`: big, so written as it is generated and kept out of `render`.
fn answers_path() -> PathBuf {
    Path::new("jawaban").join(format!("{RAW_YEAR}.csv"))
}

fn write_answers(path: &Path, raw: &RawYear) -> Result<usize> {
    let context = |e: std::io::Error| format!("{}: {e}", path.display());
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path).map_err(context)?);
    let rows = raw.write_answers(&mut out, |_| true).map_err(context)?;
    out.flush().map_err(context)?;
    Ok(rows)
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
    for (name, bytes) in instrument::render(&dataset.instrument) {
        files.push((Path::new("instrumen").join(name), bytes));
    }
    let admin = Path::new("administrasi").join(format!("{RAW_YEAR}.csv"));
    files.push((admin, dataset.raw_year().admin_csv()));
    Ok(files)
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn print_summary(dataset: &Dataset, out: &Path, seed: u64, answer_rows: usize) {
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
    let inst = &dataset.instrument;
    eprintln!(
        "  instrumen/: {} subindikator ({} administrasi), {} butir",
        inst.subs.len(),
        inst.subs.iter().filter(|s| s.admin).count(),
        inst.items.len()
    );
    eprintln!(
        "  {}: {answer_rows} answers ({:.0} per school); administrasi/{RAW_YEAR}.csv",
        answers_path().display(),
        answer_rows as f64 / (dataset.schools.len() - 1) as f64
    );
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
        let parse = |args: &[&str]| Cli::try_parse_from(args).unwrap().command;
        let Command::Riau(args) = parse(&["rapor-gen", "riau", "--out", "x", "--seed", "7"]) else {
            panic!("riau")
        };
        assert_eq!((args.out, args.seed), (PathBuf::from("x"), 7));
        let Command::Riau(args) = parse(&["rapor-gen", "riau"]) else {
            panic!("riau")
        };
        assert_eq!((args.out, args.seed), (PathBuf::from("content/data"), 2020));
        let Command::Answers(args) =
            parse(&["rapor-gen", "answers", "--schools", "10", "--out", "d"])
        else {
            panic!("answers")
        };
        assert_eq!((args.schools, args.seed, args.year), (10, 1, 2020));
        let Command::National(args) = parse(&["rapor-gen", "national", "--out", "n"]) else {
            panic!("national")
        };
        assert_eq!((args.schools, args.seed, args.wilayah), (226_000, 1, None));
        let Command::BenchScore(args) = parse(&["rapor-gen", "bench-score", "d", "--year", "2020"])
        else {
            panic!("bench-score")
        };
        assert_eq!((args.site, args.year), (PathBuf::from("d"), Some(2020)));
    }

    #[test]
    fn same_seed_gives_identical_files_other_seed_differs() {
        let a = riau_files(2020);
        assert_eq!(a, riau_files(2020));
        let b = riau_files(2021);
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.0, y.0);
            // Sub-indicator codes and names are fixed; items and weights are drawn.
            let fixed = x.0 == Path::new("instrumen/subindikator.csv");
            assert_eq!(x.1 == y.1, fixed, "{}", x.0.display());
        }
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
                "nilai/2020.csv",
                "instrumen/subindikator.csv",
                "instrumen/butir.csv",
                "instrumen/bobot_jawaban.csv",
                "instrumen/bobot_peran.csv",
                "administrasi/2020.csv",
            ]
        );
        let text = |i: usize| String::from_utf8(files[i].1.clone()).unwrap();
        let sekolah = text(0);
        assert!(sekolah.starts_with("npsn,nama,jenjang,status,kode_wilayah,peran,sekolah_model\n"));
        assert!(!sekolah.contains('\r'));
        assert_eq!(sekolah.lines().count(), 1201);
        let header = "npsn,1.1,1.2,1.3,2.1,2.2,2.3,3.1,3.2,3.3,4.1,4.2,4.3,4.4,4.5,\
                      5.1,5.2,5.3,5.4,5.5,6.1,6.2,6.3,7.1,7.2,7.3,7.4,8.1,8.2,8.3";
        for i in 1..=4 {
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

    #[test]
    fn scores_from_the_raw_data_resemble_the_indicator_scores() {
        use rapor::score::answers::read_answer_years;
        use std::collections::HashSet;
        let districts = regions::districts(&riau_regions(), &regions::RIAU).unwrap();
        let dataset = build(&districts, 2020);
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("content/data");
        for (path, bytes) in render(&dataset).unwrap() {
            write(&data.join(path), &bytes).unwrap();
        }
        // Answers of some schools only (debug builds are slow), the odd ones among them.
        let odd = &dataset.oddities;
        let mut subset: HashSet<&str> = dataset
            .schools
            .iter()
            .take(40)
            .map(|s| s.npsn.as_str())
            .collect();
        subset.extend(
            odd.duplicate
                .iter()
                .chain(&odd.no_komite)
                .chain(&odd.fewer_respondents)
                .map(String::as_str),
        );
        subset.insert(&odd.no_answers);
        let mut answers = Vec::new();
        let raw = dataset.raw_year();
        raw.write_answers(&mut answers, |s| subset.contains(s.npsn.as_str()))
            .unwrap();
        let mut again = Vec::new();
        raw.write_answers(&mut again, |s| subset.contains(s.npsn.as_str()))
            .unwrap();
        assert!(answers == again, "same seed, same answers");
        write(&data.join(answers_path()), &answers).unwrap();

        let framework = rapor::framework::Framework::load(dir.path(), "rapor-mutu").unwrap();
        let sekolah = "content/data/sekolah.csv";
        let table = rapor::load::table::Table::read(&dir.path().join(sekolah), sekolah).unwrap();
        let mut diag = rapor::diag::Diagnostics::default();
        let schools = rapor::load::schools::read_schools(&table, &mut diag).schools;
        let years = read_answer_years(dir.path(), &framework, &schools, &[], &mut diag);
        assert_eq!(diag.error_count(), 0, "{}", diag.report());
        let report = diag.report();
        assert!(report.contains("jawaban ganda"), "{report}");
        assert!(
            report.contains("dinormalkan ulang") && report.contains("\"komite\""),
            "{report}"
        );
        let year = &years[&RAW_YEAR];
        let nilai = &raw.scores.rows;
        let mut diffs = Vec::new();
        for (row, respondents) in year.rows.iter().zip(&year.respondents) {
            assert_ne!(row.npsn, odd.no_answers);
            if respondents.total() == 0 {
                continue;
            }
            assert!(subset.contains(row.npsn.as_str()));
            let cells = &nilai.iter().find(|r| r.npsn == row.npsn).unwrap().cells;
            for (value, cell) in row.values.iter().zip(cells) {
                match (value, cell) {
                    (Some(v), Some(c)) => diffs.push(v - f64::from(*c) / 100.0),
                    (None, None) => {}
                    _ => panic!(
                        "{}: available from answers exactly where nilai is",
                        row.npsn
                    ),
                }
            }
        }
        // Near, not equal: sub-indicators, respondents and items add their own noise.
        let n = diffs.len() as f64;
        let mean = diffs.iter().sum::<f64>() / n;
        let mean_abs = diffs.iter().map(|d| d.abs()).sum::<f64>() / n;
        assert!(
            n > 1000.0 && mean.abs() < 0.1,
            "{n} indicators, mean difference {mean}"
        );
        assert!(mean_abs < 0.35, "mean |difference| {mean_abs}");
        // Schools without answers but with administrative data get standards 5 and 6 only.
        let admin_only = year.respondents.iter().filter(|r| r.total() == 0).count();
        assert_eq!(admin_only, dataset.schools.len() - subset.len());
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
