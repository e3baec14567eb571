//! A minimal national-size site for benchmarking the scoring of raw answers: schools spread
//! over the kab/kota of a `wilayah.csv` (a national list for realism; any list works), the synthetic instrument and one year of answers
//! (about 900 per school), written to disk as they are generated, a few thousand schools at a
//! time on all threads, in a fixed order (the output does not depend on the thread count).

use crate::answers::{self, SchoolPlan, ADMIN_HEADER, ANSWERS_HEADER};
use crate::instrument::{self, GURU, KOMITE, SISWA};
use crate::regions::{self, Region};
use crate::rng::Rng;
use crate::schools::Jenjang;
use crate::scores::{STANDARD_OFFSET, STANDARD_SIZES};
use crate::Result;
use rayon::prelude::*;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Schools generated per task.
const BLOCK: usize = 256;
/// Shares of the school levels (DOMAIN.md §5: SD ≈150k, SMP ≈44k, SMA ≈15k, SMK ≈14.5k, SLB ≈2.5k).
const JENJANG_SHARE: [f64; 5] = [0.664, 0.195, 0.066, 0.064, 0.011];
const FEWER_RESPONDENTS_SHARE: f64 = 0.02;
const NO_KOMITE_SHARE: f64 = 0.01;
const DUPLICATE_SHARE: f64 = 0.001;

pub struct NationalArgs {
    pub schools: usize,
    pub seed: u64,
    pub out: PathBuf,
    pub year: u16,
    pub wilayah: PathBuf,
    pub admin: bool,
}

struct NationalSchool {
    npsn: String,
    jenjang: Jenjang,
    /// Index of its kab/kota in the region list.
    district: usize,
}

pub fn generate(args: &NationalArgs) -> Result<()> {
    let started = Instant::now();
    let wilayah_text =
        fs::read(&args.wilayah).map_err(|e| format!("{}: {e}", args.wilayah.display()))?;
    let regions = regions::read_regions(wilayah_text.as_slice())
        .map_err(|e| format!("{}: {e}", args.wilayah.display()))?;
    let (schools, districts) = national_schools(&regions, args.schools, args.seed)?;
    let data = args.out.join("content/data");
    fs::create_dir_all(data.join("instrumen"))?;
    fs::create_dir_all(data.join("jawaban"))?;
    fs::write(
        args.out.join("site.toml"),
        format!(
            "# Benchmark site written by `rapor-gen answers`: synthetic schools and answers.\n\
             title = \"Rapor mutu nasional (sintetis, uji kinerja)\"\n\
             framework = \"rapor-mutu\"\n\
             years = [{}]\n\
             synthetic = true\n",
            args.year
        ),
    )?;
    fs::write(data.join("wilayah.csv"), &wilayah_text)?;
    write_schools(&data.join("sekolah.csv"), &schools, &districts)?;
    let inst = instrument::generate(args.seed);
    for (name, bytes) in instrument::render(&inst) {
        fs::write(data.join("instrumen").join(name), bytes)?;
    }
    let path = data.join(format!("jawaban/{}.csv", args.year));
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&path)?);
    out.write_all(ANSWERS_HEADER.as_bytes())?;
    let mut admin = String::from(ADMIN_HEADER);
    let mut rows = 0usize;
    let wave = BLOCK * 4 * rayon::current_num_threads();
    for (w, wave_schools) in schools.chunks(wave).enumerate() {
        let parts: Vec<(Vec<u8>, String, usize)> = wave_schools
            .par_chunks(BLOCK)
            .map(|block| block_answers(block, &inst, args))
            .collect();
        for (bytes, admin_rows, n) in parts {
            out.write_all(&bytes)?;
            admin.push_str(&admin_rows);
            rows += n;
        }
        if w % 50 == 0 {
            eprintln!(
                "  {} of {} schools, {rows} answers, {:.0} s",
                (w * wave + wave_schools.len()).min(schools.len()),
                schools.len(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    if args.admin {
        fs::create_dir_all(data.join("administrasi"))?;
        fs::write(data.join(format!("administrasi/{}.csv", args.year)), admin)?;
    }
    let size = fs::metadata(&path)?.len();
    eprintln!(
        "rapor-gen answers (seed {}): {} schools, {rows} answers, {} ({:.2} GB) in {:.1} s",
        args.seed,
        schools.len(),
        path.display(),
        size as f64 / 1e9,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Schools spread evenly over the kab/kota of `regions` (consecutive NPSNs share a kab/kota);
/// NPSNs are opaque 8-digit numbers from 10000001.
fn national_schools(
    regions: &[Region],
    count: usize,
    seed: u64,
) -> Result<(Vec<NationalSchool>, Vec<&Region>)> {
    let districts: Vec<&Region> = regions
        .iter()
        .filter(|r| matches!(r.jenis.as_str(), "kabupaten" | "kota"))
        .collect();
    if districts.is_empty() {
        return Err("wilayah.csv has no kab/kota".into());
    }
    if count > 89_999_999 {
        return Err("at most 89,999,999 schools (8-digit NPSNs)".into());
    }
    let mut rng = Rng::derive(seed, "nasional/sekolah");
    let schools = (0..count)
        .map(|i| NationalSchool {
            npsn: format!("{}", 10_000_001 + i),
            jenjang: Jenjang::ALL[rng.weighted(&JENJANG_SHARE)],
            district: i * districts.len() / count,
        })
        .collect();
    Ok((schools, districts))
}

fn write_schools(path: &Path, schools: &[NationalSchool], districts: &[&Region]) -> Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_path(path)?;
    w.write_record(crate::output::SCHOOL_HEADER)?;
    for (i, s) in schools.iter().enumerate() {
        let district = districts[s.district];
        let (status, label) = if i % 5 < 3 {
            ("negeri", "Negeri")
        } else {
            ("swasta", "Swasta")
        };
        let nama = format!(
            "{} {label} {} {}",
            s.jenjang.label(),
            &s.npsn[4..],
            regions::short_name(&district.nama)
        );
        w.write_record([
            s.npsn.as_str(),
            &nama,
            s.jenjang.label(),
            status,
            &district.kode,
            "",
            "",
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Answers (and administrative rows) of a block of schools.
fn block_answers(
    block: &[NationalSchool],
    inst: &instrument::Instrument,
    args: &NationalArgs,
) -> (Vec<u8>, String, usize) {
    let mut bytes = Vec::with_capacity(block.len() * 900 * 24);
    let mut admin = String::new();
    let mut rows = 0;
    for school in block {
        let mut rng = Rng::derive(args.seed, &format!("nasional/jawaban/{}", school.npsn));
        let targets = targets(&mut rng);
        let mut respondents = answers::usual_respondents(&mut rng);
        if rng.chance(FEWER_RESPONDENTS_SHARE) {
            respondents[GURU] = 3 + rng.below(5);
            respondents[SISWA] = 6 + rng.below(9);
        }
        if rng.chance(NO_KOMITE_SHARE) {
            respondents[KOMITE] = 0;
        }
        let plan = SchoolPlan {
            npsn: &school.npsn,
            jenjang: school.jenjang,
            targets: &targets,
            respondents,
            duplicate: rng.chance(DUPLICATE_SHARE),
        };
        rows += answers::write_school(&mut bytes, inst, &plan, &mut rng);
        if args.admin {
            answers::write_admin(&mut admin, inst, &plan, &mut rng);
        }
    }
    (bytes, admin, rows)
}

/// Per-indicator targets of one school (share of the scale): a school level, the usual
/// differences between standards, and some noise.
fn targets(rng: &mut Rng) -> Vec<Option<f64>> {
    let level = rng.normal(4.75, 0.6) / 7.0;
    let mut targets = Vec::with_capacity(29);
    for (s, &n) in STANDARD_SIZES.iter().enumerate() {
        let standard = level + (STANDARD_OFFSET[s] + rng.normal(0.0, 0.3)) / 7.0;
        for _ in 0..n {
            targets.push(Some(
                (standard + rng.normal(0.0, 0.25) / 7.0).clamp(0.05, 0.97),
            ));
        }
    }
    targets
}
