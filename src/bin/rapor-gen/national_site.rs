//! `rapor-gen national`: a whole country's synthetic site for the national-scale benchmark
//! (bench/national.sh) and its test (tests/national.rs).
//!
//! - every province and kab/kota of a national `wilayah.csv` (default: the copy beside this
//!   file, 38 provinces and 514 kab/kota); schools spread over the kab/kota by a seeded size
//!   per kab/kota (kota smaller than kabupaten), every kab/kota with at least one school when
//!   there are enough schools, else every province;
//! - jenjang and status as nationally (DOMAIN.md §5: SD ≈66 %, SMP ≈20 %, SMA ≈7 %, SMK ≈6 %,
//!   SLB ≈1 %; about 60 % negeri);
//! - model–imbas networks inside a kab/kota and jenjang: about one model school per 35
//!   schools, each coaching 3–6 imbas schools of its level; the rest are outside the programme;
//! - four years of indicator scores (`nilai/2017.csv` … `nilai/2020.csv`, the riau
//!   generator's per-school model), and 2020 also as raw questionnaire answers and
//!   administrative data aimed at the school's 2020 scores (`jawaban/2020.csv`, about 850
//!   rows a school, streamed to disk; the `answers` subcommand's writer);
//! - a few hundred narratives and articles: short generated Indonesian texts, marked synthetic.
//!
//! Schools, scores and answers are generated a block of schools at a time on all threads and
//! written in a fixed order: the output is byte-identical for a seed, whatever the thread count.

use crate::answers::{self, SchoolPlan, ADMIN_HEADER, ANSWERS_HEADER};
use crate::instrument::{self, Instrument, GURU, KOMITE, SISWA};
use crate::national_content;
use crate::regions::{self, Region};
use crate::rng::Rng;
use crate::schools::{self, Draft, Jenjang, School};
use crate::scores::{self, Cell};
use crate::{Result, RAW_YEAR, YEARS};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// 38 provinces and 514 kab/kota (Kemendagri codes; MIT, see `wilayah-nasional.md`).
pub const NATIONAL_WILAYAH: &str = include_str!("wilayah-nasional.csv");

/// Schools generated per task.
const BLOCK: usize = 256;
/// Shares of the school levels (DOMAIN.md §5: SD ≈150k, SMP ≈44k, SMA ≈15k, SMK ≈14.5k, SLB ≈2.5k).
const JENJANG_SHARE: [f64; 5] = [0.664, 0.195, 0.066, 0.064, 0.011];
/// Negeri share per level (overall about 60 %).
const NEGERI_SHARE: [f64; 5] = [0.66, 0.52, 0.45, 0.25, 0.25];
/// About one model school per this many schools of a level in a kab/kota.
const SCHOOLS_PER_MODEL: usize = 35;
/// Imbas schools per model school: 3 to 6.
const IMBAS_MIN: usize = 3;
const IMBAS_SPREAD: usize = 4;
/// With few schools, each kab/kota that has schools has about this many (so networks form).
const SMALL_SITE_SCHOOLS_PER_DISTRICT: usize = 12;
/// Imbas schools (and a few others) that joined the data collection after the first year.
const LATE_JOINER_SHARE: f64 = 0.02;
/// School-years with one whole standard not available.
const WHOLE_STANDARD_GAP_SHARE: f64 = 0.0005;
/// 2020: schools that sent no answers (their `nilai/2020.csv` row stands), fewer respondents
/// than usual, no committee member, an answer entered twice.
const NO_ANSWERS_SHARE: f64 = 0.001;
const FEWER_RESPONDENTS_SHARE: f64 = 0.02;
const NO_KOMITE_SHARE: f64 = 0.01;
const DUPLICATE_SHARE: f64 = 0.001;

pub struct SiteArgs {
    pub schools: usize,
    pub seed: u64,
    pub out: PathBuf,
    /// A `wilayah.csv`; `None`: the national list beside this file.
    pub wilayah: Option<PathBuf>,
}

/// What a run wrote, for the summary line and the test.
#[derive(Debug, Default)]
pub struct Summary {
    pub provinces: usize,
    pub kabkota: usize,
    pub kabkota_with_schools: usize,
    pub schools: usize,
    pub models: usize,
    pub imbas: usize,
    pub negeri: usize,
    pub answers: usize,
    pub narratives: usize,
    pub articles: usize,
}

pub fn generate(args: &SiteArgs) -> Result<Summary> {
    let started = Instant::now();
    let wilayah_text = match &args.wilayah {
        Some(path) => fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?,
        None => NATIONAL_WILAYAH.as_bytes().to_vec(),
    };
    let regions =
        regions::read_regions(wilayah_text.as_slice()).map_err(|e| format!("wilayah.csv: {e}"))?;
    let districts: Vec<&Region> = regions
        .iter()
        .filter(|r| matches!(r.jenis.as_str(), "kabupaten" | "kota"))
        .collect();
    let counts = allocate(&regions, &districts, args.schools, args.seed)?;
    let schools = national_schools(&districts, &counts, args.seed)?;

    let data = args.out.join("content/data");
    for dir in ["instrumen", "nilai", "jawaban", "administrasi"] {
        fs::create_dir_all(data.join(dir))?;
    }
    fs::write(args.out.join("site.toml"), site_toml())?;
    fs::write(data.join("wilayah.csv"), &wilayah_text)?;
    fs::write(
        data.join("sekolah.csv"),
        crate::output::schools_csv(&schools)?,
    )?;
    let inst = instrument::generate(args.seed);
    for (name, bytes) in instrument::render(&inst) {
        fs::write(data.join("instrumen").join(name), bytes)?;
    }
    let answers = write_scores_and_answers(&data, &schools, &inst, args.seed, started)?;
    let content = national_content::write(&args.out, &regions, &schools, args.seed)?;

    let provinces = regions.iter().filter(|r| r.jenis == "provinsi").count();
    let summary = Summary {
        provinces,
        kabkota: districts.len(),
        kabkota_with_schools: counts.iter().filter(|&&c| c > 0).count(),
        schools: schools.len(),
        models: schools.iter().filter(|s| s.is_model()).count(),
        imbas: schools.iter().filter(|s| s.is_imbas()).count(),
        negeri: schools.iter().filter(|s| s.negeri).count(),
        answers,
        narratives: content.narratives,
        articles: content.articles,
    };
    eprintln!(
        "rapor-gen national (seed {}): {} provinces, {} kab/kota ({} with schools), {} schools \
         ({} model, {} imbas, {:.0} % negeri), years {}–{}, {} answers in {RAW_YEAR}, {} narratives, \
         {} articles -> {} in {:.1} s",
        args.seed,
        summary.provinces,
        summary.kabkota,
        summary.kabkota_with_schools,
        summary.schools,
        summary.models,
        summary.imbas,
        100.0 * summary.negeri as f64 / summary.schools.max(1) as f64,
        YEARS[0],
        YEARS[YEARS.len() - 1],
        summary.answers,
        summary.narratives,
        summary.articles,
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(summary)
}

fn site_toml() -> String {
    let years: Vec<String> = YEARS.iter().map(u16::to_string).collect();
    format!(
        "# Written by `rapor-gen national`: a synthetic national site for the benchmark (bench/national.sh).\n\
         title = \"Rapor Mutu Nasional (contoh sintetis)\"\n\
         description = \"Rapor mutu dan peta mutu seluruh sekolah di 38 provinsi dan 514 kabupaten/kota: data sintetis untuk uji kinerja.\"\n\
         language = \"id\"\n\
         framework = \"rapor-mutu\"\n\
         years = [{}]\n\
         publisher = \"Contoh: uji kinerja rapor\"\n\
         synthetic = true\n",
        years.join(", ")
    )
}

/// Schools per kab/kota (in `districts` order): a seeded size per kab/kota (kota about 40 %
/// of a kabupaten, sizes differing up to eightfold). With enough schools every kab/kota has
/// one; with fewer, the schools go to about `n / 12` kab/kota, each province's largest first.
fn allocate(regions: &[Region], districts: &[&Region], n: usize, seed: u64) -> Result<Vec<usize>> {
    if districts.is_empty() {
        return Err("wilayah.csv has no kab/kota".into());
    }
    let weights: Vec<f64> = districts
        .iter()
        .map(|d| {
            let mut rng = Rng::derive(seed, &format!("nasional/ukuran/{}", d.kode));
            let u = rng.unit();
            let kind = if d.jenis == "kota" { 0.4 } else { 1.0 };
            kind * (0.25 + 1.75 * u * u)
        })
        .collect();
    let province_of = |d: &Region| d.kode.split('.').next().unwrap_or("").to_string();
    // Each province's largest kab/kota first (provinces in code order), then by size.
    let mut firsts: Vec<usize> = Vec::new();
    for province in regions.iter().filter(|r| r.jenis == "provinsi") {
        let largest = (0..districts.len())
            .filter(|&i| province_of(districts[i]) == province.kode)
            .max_by(|&a, &b| weights[a].total_cmp(&weights[b]).then(b.cmp(&a)));
        firsts.extend(largest);
    }
    let mut rest: Vec<usize> = (0..districts.len())
        .filter(|i| !firsts.contains(i))
        .collect();
    rest.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]).then(a.cmp(&b)));
    let order: Vec<usize> = firsts.into_iter().chain(rest).collect();
    let used = (n / SMALL_SITE_SCHOOLS_PER_DISTRICT)
        .max(regions.iter().filter(|r| r.jenis == "provinsi").count())
        .min(districts.len())
        .min(n);
    let chosen = &order[..used];
    let mut counts = vec![0usize; districts.len()];
    for &i in chosen {
        counts[i] = 1;
    }
    // The rest by size, largest remainders first.
    let rest = n - used;
    let total: f64 = chosen.iter().map(|&i| weights[i]).sum();
    let mut given = 0;
    let mut remainders: Vec<(f64, usize)> = Vec::with_capacity(used);
    for &i in chosen {
        let share = rest as f64 * weights[i] / total;
        let whole = share.floor() as usize;
        counts[i] += whole;
        given += whole;
        remainders.push((share - whole as f64, i));
    }
    remainders.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders.iter().take(rest - given) {
        counts[i] += 1;
    }
    if let Some(i) = counts.iter().position(|&c| c > 9999) {
        return Err(format!(
            "{}: {} schools, more than 4-digit NPSN serials allow (use fewer schools)",
            districts[i].kode, counts[i]
        )
        .into());
    }
    Ok(counts)
}

/// Every school, sorted by NPSN (kab/kota code then serial). Names are unique nationally.
fn national_schools(districts: &[&Region], counts: &[usize], seed: u64) -> Result<Vec<School>> {
    let mut used = HashSet::new();
    let mut schools = Vec::with_capacity(counts.iter().sum());
    for (district, &count) in districts.iter().zip(counts) {
        if count == 0 {
            continue;
        }
        let mut rng = Rng::derive(seed, &format!("nasional/sekolah/{}", district.kode));
        let drafts = district_drafts(count, &mut rng);
        let short = regions::short_name(&district.nama);
        let names = schools::name_schools(&drafts, short, &mut rng, &mut used);
        let prefix = schools::npsn_prefix(&district.kode);
        let npsn = |i: usize| format!("{prefix}{:04}", i + 1);
        // A model school is one that some draft names as its model.
        let mut is_model = vec![false; drafts.len()];
        for d in &drafts {
            if let Some(m) = d.model {
                is_model[m] = true;
            }
        }
        schools.extend(
            drafts
                .iter()
                .zip(names)
                .enumerate()
                .map(|(i, (d, nama))| School {
                    npsn: npsn(i),
                    nama,
                    jenjang: d.jenjang,
                    negeri: d.negeri,
                    kode_wilayah: district.kode.clone(),
                    programme: is_model[i] || d.model.is_some(),
                    sekolah_model: d.model.map(npsn),
                }),
        );
    }
    Ok(schools)
}

/// One kab/kota's schools: level and status, then per level about one model per 35 schools,
/// each with 3–6 imbas schools of its level (fewer only when the level runs out).
fn district_drafts(count: usize, rng: &mut Rng) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = (0..count)
        .map(|_| {
            let j = rng.weighted(&JENJANG_SHARE);
            Draft {
                jenjang: Jenjang::ALL[j],
                negeri: rng.chance(NEGERI_SHARE[j]),
                model: None,
            }
        })
        .collect();
    for jenjang in Jenjang::ALL {
        let mut members: Vec<usize> = (0..count)
            .filter(|&i| drafts[i].jenjang == jenjang)
            .collect();
        let n = members.len();
        let frac = (n % SCHOOLS_PER_MODEL) as f64 / SCHOOLS_PER_MODEL as f64;
        let models = (n / SCHOOLS_PER_MODEL + usize::from(rng.chance(frac))).min(n / 2);
        rng.shuffle(&mut members);
        let mut next = models;
        for m in 0..models {
            // Leave at least one imbas school for each later model.
            let available = n - next - (models - m - 1);
            let k = (IMBAS_MIN + rng.below(IMBAS_SPREAD)).min(available);
            for &imbas in &members[next..next + k] {
                drafts[imbas].model = Some(members[m]);
            }
            next += k;
        }
    }
    drafts
}

/// `nilai/<year>.csv` for every year, and the raw year's answers and administrative data,
/// block by block on all threads; returns the number of answer rows.
fn write_scores_and_answers(
    data: &Path,
    schools: &[School],
    inst: &Instrument,
    seed: u64,
    started: Instant,
) -> Result<usize> {
    let create = |rel: String| -> Result<BufWriter<File>> {
        let path = data.join(&rel);
        let file = File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(BufWriter::with_capacity(1 << 20, file))
    };
    let header = format!("npsn,{}\n", scores::indicator_codes().join(","));
    let mut nilai = Vec::new();
    for year in YEARS {
        let mut w = create(format!("nilai/{year}.csv"))?;
        w.write_all(header.as_bytes())?;
        nilai.push(w);
    }
    let mut jawaban = create(format!("jawaban/{RAW_YEAR}.csv"))?;
    jawaban.write_all(ANSWERS_HEADER.as_bytes())?;
    let mut admin = create(format!("administrasi/{RAW_YEAR}.csv"))?;
    admin.write_all(ADMIN_HEADER.as_bytes())?;
    let standards = scores::indicator_standards();
    let raw_index = YEARS.iter().position(|&y| y == RAW_YEAR).expect("raw year");
    let wave = BLOCK * 4 * rayon::current_num_threads();
    let mut rows = 0;
    for (w, wave_schools) in schools.chunks(wave).enumerate() {
        let blocks: Vec<BlockOut> = wave_schools
            .par_chunks(BLOCK)
            .map(|block| block_out(block, inst, seed, &standards, raw_index))
            .collect();
        for block in blocks {
            for (writer, bytes) in nilai.iter_mut().zip(&block.nilai) {
                writer.write_all(bytes)?;
            }
            jawaban.write_all(&block.answers)?;
            admin.write_all(&block.admin)?;
            rows += block.rows;
        }
        if w % 25 == 24 {
            eprintln!(
                "  {} of {} schools, {rows} answers, {:.0} s",
                w * wave + wave_schools.len(),
                schools.len(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    for w in nilai.into_iter().chain([jawaban, admin]) {
        w.into_inner().map_err(|e| e.into_error())?;
    }
    Ok(rows)
}

struct BlockOut {
    /// One buffer per year of `YEARS`.
    nilai: Vec<Vec<u8>>,
    answers: Vec<u8>,
    admin: Vec<u8>,
    rows: usize,
}

fn block_out(
    block: &[School],
    inst: &Instrument,
    seed: u64,
    standards: &[usize],
    raw_index: usize,
) -> BlockOut {
    let mut out = BlockOut {
        nilai: vec![Vec::with_capacity(block.len() * 130); YEARS.len()],
        answers: Vec::with_capacity(block.len() * 900 * 23),
        admin: Vec::new(),
        rows: 0,
    };
    let mut admin = String::new();
    for school in block {
        let mut years = scores::school_years(school, YEARS.len(), seed, standards);
        let mut rng = Rng::derive(seed, &format!("nasional/celah/{}", school.npsn));
        let late_share = if school.is_model() {
            0.0
        } else {
            LATE_JOINER_SHARE
        };
        let late = rng.chance(late_share);
        for cells in years.iter_mut() {
            if rng.chance(WHOLE_STANDARD_GAP_SHARE) {
                let s = rng.below(scores::STANDARD_SIZES.len());
                let start: usize = scores::STANDARD_SIZES[..s].iter().sum();
                cells[start..start + scores::STANDARD_SIZES[s]].fill(None);
            }
        }
        for (y, cells) in years.iter().enumerate() {
            if y == 0 && late {
                continue;
            }
            push_row(&mut out.nilai[y], &school.npsn, cells);
        }
        // The raw year: answers and administrative data aimed at that year's scores.
        let targets: Vec<Option<f64>> = years[raw_index]
            .iter()
            .map(|c| c.map(|c| f64::from(c) / 700.0))
            .collect();
        let mut rng = Rng::derive(seed, &format!("jawaban/{RAW_YEAR}/{}", school.npsn));
        if rng.chance(NO_ANSWERS_SHARE) {
            continue;
        }
        let mut respondents = answers::usual_respondents(&mut rng);
        if rng.chance(FEWER_RESPONDENTS_SHARE) {
            respondents[GURU] = 4 + rng.below(4);
            respondents[SISWA] = 8 + rng.below(7);
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
        out.rows += answers::write_school(&mut out.answers, inst, &plan, &mut rng);
        let mut rng = Rng::derive(seed, &format!("administrasi/{RAW_YEAR}/{}", school.npsn));
        answers::write_admin(&mut admin, inst, &plan, &mut rng);
    }
    out.admin = admin.into_bytes();
    out
}

/// `npsn,5.12,,4.80,…` (two decimals, empty = not available).
fn push_row(out: &mut Vec<u8>, npsn: &str, cells: &[Cell]) {
    out.extend_from_slice(npsn.as_bytes());
    for cell in cells {
        out.push(b',');
        if let Some(c) = cell {
            out.push(b'0' + (c / 100) as u8);
            out.push(b'.');
            out.push(b'0' + (c / 10 % 10) as u8);
            out.push(b'0' + (c % 10) as u8);
        }
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn national() -> Vec<Region> {
        regions::read_regions(NATIONAL_WILAYAH.as_bytes()).unwrap()
    }

    fn districts(regions: &[Region]) -> Vec<&Region> {
        regions.iter().filter(|r| r.jenis != "provinsi").collect()
    }

    #[test]
    fn national_list_has_38_provinces_and_514_kabkota() {
        let regions = national();
        assert_eq!(regions.iter().filter(|r| r.jenis == "provinsi").count(), 38);
        assert_eq!(districts(&regions).len(), 514);
        assert_eq!(regions.iter().filter(|r| r.jenis == "kota").count(), 98);
    }

    #[test]
    fn allocation_sums_and_covers() {
        let regions = national();
        let d = districts(&regions);
        for n in [38, 300, 7000, 226_000] {
            let counts = allocate(&regions, &d, n, 1).unwrap();
            assert_eq!(counts.iter().sum::<usize>(), n);
            let provinces: HashSet<&str> = d
                .iter()
                .zip(&counts)
                .filter(|(_, &c)| c > 0)
                .map(|(r, _)| r.kode.split('.').next().unwrap())
                .collect();
            assert_eq!(provinces.len(), 38, "{n}");
            if n >= 514 * SMALL_SITE_SCHOOLS_PER_DISTRICT {
                assert!(counts.iter().all(|&c| c > 0), "{n}");
            }
        }
        let counts = allocate(&regions, &d, 226_000, 1).unwrap();
        let (min, max) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
        assert!(*min > 50 && *max < 2500, "{min}..{max}");
    }

    #[test]
    fn networks_stay_in_a_kabkota_and_level() {
        let mut rng = Rng::new(4);
        let drafts = district_drafts(700, &mut rng);
        let models: HashSet<usize> = drafts.iter().filter_map(|d| d.model).collect();
        let imbas = drafts.iter().filter(|d| d.model.is_some()).count();
        assert!((14..=26).contains(&models.len()), "{}", models.len());
        let ratio = imbas as f64 / models.len() as f64;
        assert!((3.0..=6.0).contains(&ratio), "{ratio}");
        for d in drafts.iter().filter(|d| d.model.is_some()) {
            let m = &drafts[d.model.unwrap()];
            assert_eq!(m.jenjang, d.jenjang);
            assert!(m.model.is_none(), "a model is not an imbas");
        }
    }

    #[test]
    fn rows_have_two_decimals() {
        let mut out = Vec::new();
        push_row(&mut out, "11010001", &[Some(512), None, Some(700), Some(5)]);
        assert_eq!(out, b"11010001,5.12,,7.00,0.05\n");
    }
}
