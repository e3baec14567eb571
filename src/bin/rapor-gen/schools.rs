//! Synthetic schools of a coaching programme: per district, model schools and the imbas schools
//! each of them coaches. Names are ordinary-looking but invented.

use crate::rng::Rng;
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Jenjang {
    Sd,
    Smp,
    Sma,
    Smk,
    Slb,
}

impl Jenjang {
    pub const ALL: [Jenjang; 5] = [Self::Sd, Self::Smp, Self::Sma, Self::Smk, Self::Slb];

    pub fn label(self) -> &'static str {
        match self {
            Self::Sd => "SD",
            Self::Smp => "SMP",
            Self::Sma => "SMA",
            Self::Smk => "SMK",
            Self::Slb => "SLB",
        }
    }

    /// Share among model schools; imbas schools follow their model's level.
    fn model_share(self) -> f64 {
        match self {
            Self::Sd => 0.55,
            Self::Smp => 0.25,
            Self::Sma => 0.09,
            Self::Smk => 0.08,
            Self::Slb => 0.03,
        }
    }

    /// Negeri numbers are drawn from 1..=this, so they look like a real district's numbering.
    fn usual_negeri_count(self) -> u32 {
        match self {
            Self::Sd => 150,
            Self::Smp => 40,
            Self::Sma => 16,
            Self::Smk => 8,
            Self::Slb => 1,
        }
    }
}

/// A kab/kota and how many schools of each role the programme has there.
#[derive(Debug, Clone)]
pub struct District {
    /// Dotted Kemendagri code, e.g. `14.71`.
    pub kode: String,
    /// Name without "Kabupaten "/"Kota ", used in negeri school names.
    pub short_name: String,
    pub models: usize,
    pub imbas: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct School {
    pub npsn: String,
    pub nama: String,
    pub jenjang: Jenjang,
    pub negeri: bool,
    pub kode_wilayah: String,
    /// In the coaching programme (model or imbas); a national site also has schools outside it.
    pub programme: bool,
    /// NPSN of the coaching model school; `None` for a model school or one outside the programme.
    pub sekolah_model: Option<String>,
}

impl School {
    pub fn is_model(&self) -> bool {
        self.programme && self.sekolah_model.is_none()
    }

    pub fn is_imbas(&self) -> bool {
        self.sekolah_model.is_some()
    }

    /// `peran` column: `model`, `imbas`, or empty outside the programme.
    pub fn peran(&self) -> &'static str {
        if self.is_model() {
            "model"
        } else if self.is_imbas() {
            "imbas"
        } else {
            ""
        }
    }

    pub fn status(&self) -> &'static str {
        if self.negeri {
            "negeri"
        } else {
            "swasta"
        }
    }
}

const NEGERI_SHARE_MODEL: f64 = 0.70;
const NEGERI_SHARE_IMBAS: f64 = 0.60;

/// A school before it has an NPSN and a name.
pub struct Draft {
    pub jenjang: Jenjang,
    pub negeri: bool,
    /// Index of the coaching model school within the district.
    pub model: Option<usize>,
}

/// All schools of all districts, sorted by NPSN. Names are unique across the whole list.
pub fn generate_schools(districts: &[District], seed: u64) -> Vec<School> {
    let mut ordered: Vec<&District> = districts.iter().collect();
    // Fixed order, so name clashes resolve the same way whatever the order of the table.
    ordered.sort_by(|a, b| a.kode.cmp(&b.kode));
    let mut used_names = HashSet::new();
    let mut schools: Vec<School> = ordered
        .into_iter()
        .flat_map(|d| district_schools(d, seed, &mut used_names))
        .collect();
    schools.sort_by(|a, b| a.npsn.cmp(&b.npsn));
    schools
}

fn district_schools(d: &District, seed: u64, used_names: &mut HashSet<String>) -> Vec<School> {
    let mut rng = Rng::derive(seed, &format!("sekolah/{}", d.kode));
    let drafts = district_drafts(d, &mut rng);
    let names = name_schools(&drafts, &d.short_name, &mut rng, used_names);
    let prefix = npsn_prefix(&d.kode);
    assert!(
        drafts.len() <= 9999,
        "{}: too many schools for 4-digit serials",
        d.kode
    );
    // Serials follow the draft order: models 0001…00MM first, then the imbas schools.
    let npsn = |i: usize| format!("{prefix}{:04}", i + 1);
    drafts
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, (draft, nama))| School {
            npsn: npsn(i),
            nama,
            jenjang: draft.jenjang,
            negeri: draft.negeri,
            kode_wilayah: d.kode.clone(),
            programme: true,
            sekolah_model: draft.model.map(npsn),
        })
        .collect()
}

/// `14.71` → `1471`: the first four NPSN digits.
pub fn npsn_prefix(kode: &str) -> String {
    let prefix = kode.replace('.', "");
    assert!(
        prefix.len() == 4 && prefix.bytes().all(|b| b.is_ascii_digit()),
        "kab/kota code {kode} does not give a 4-digit NPSN prefix"
    );
    prefix
}

/// Models first, then imbas in random order (not grouped by their model).
fn district_drafts(d: &District, rng: &mut Rng) -> Vec<Draft> {
    let shares: Vec<f64> = Jenjang::ALL.iter().map(|j| j.model_share()).collect();
    let mut drafts: Vec<Draft> = (0..d.models)
        .map(|_| Draft {
            jenjang: Jenjang::ALL[rng.weighted(&shares)],
            negeri: rng.chance(NEGERI_SHARE_MODEL),
            model: None,
        })
        .collect();
    let mut counts = imbas_per_model(d.models, d.imbas, rng);
    fewest_imbas_to_slb(&drafts, &mut counts);
    let mut coaches: Vec<usize> = counts
        .into_iter()
        .enumerate()
        .flat_map(|(model, count)| std::iter::repeat_n(model, count))
        .collect();
    rng.shuffle(&mut coaches);
    for model in coaches {
        let jenjang = drafts[model].jenjang;
        drafts.push(Draft {
            jenjang,
            negeri: rng.chance(NEGERI_SHARE_IMBAS),
            model: Some(model),
        });
    }
    drafts
}

/// How many imbas schools each model coaches: as even as possible, then a few random moves so
/// the spread looks real (about base-1 … base+2), never below 1.
fn imbas_per_model(models: usize, imbas: usize, rng: &mut Rng) -> Vec<usize> {
    assert!(
        models > 0 && imbas >= models,
        "every model needs an imbas school"
    );
    let base = imbas / models;
    let mut counts = vec![base; models];
    let mut order: Vec<usize> = (0..models).collect();
    rng.shuffle(&mut order);
    for &m in order.iter().take(imbas % models) {
        counts[m] += 1;
    }
    for _ in 0..models / 2 {
        let (from, to) = (rng.below(models), rng.below(models));
        if from != to && counts[from] > 1 && counts[from] >= base && counts[to] <= base + 1 {
            counts[from] -= 1;
            counts[to] += 1;
        }
    }
    counts
}

/// A district has only a few SLB, so SLB models take the smallest imbas counts.
fn fewest_imbas_to_slb(models: &[Draft], counts: &mut [usize]) {
    for (m, draft) in models.iter().enumerate() {
        if draft.jenjang != Jenjang::Slb {
            continue;
        }
        let smallest = (0..counts.len())
            .filter(|&k| models[k].jenjang != Jenjang::Slb)
            .min_by_key(|&k| (counts[k], k));
        if let Some(k) = smallest.filter(|&k| counts[k] < counts[m]) {
            counts.swap(m, k);
        }
    }
}

/// Names of a district's schools, unique across everything in `used`.
pub fn name_schools(
    drafts: &[Draft],
    short_name: &str,
    rng: &mut Rng,
    used: &mut HashSet<String>,
) -> Vec<String> {
    let mut numbers = NegeriNumbers::draw(drafts, rng);
    drafts
        .iter()
        .map(|d| {
            if d.negeri {
                let number = numbers.next(d.jenjang);
                claim(negeri_name(d.jenjang, number, short_name), short_name, used)
            } else {
                swasta_name(d.jenjang, short_name, rng, used)
            }
        })
        .collect()
}

/// Distinct negeri numbers per level within one district, in random order.
struct NegeriNumbers {
    pools: Vec<Vec<u32>>,
}

impl NegeriNumbers {
    fn draw(drafts: &[Draft], rng: &mut Rng) -> Self {
        let pools = Jenjang::ALL
            .iter()
            .map(|&j| {
                let needed = drafts.iter().filter(|d| d.negeri && d.jenjang == j).count() as u32;
                if j == Jenjang::Slb {
                    // Few SLB per district: numbered 1, 2, 3 … in order (1 is written without).
                    return (1..=needed).rev().collect();
                }
                let mut pool: Vec<u32> = (1..=j.usual_negeri_count().max(2 * needed)).collect();
                rng.shuffle(&mut pool);
                pool.truncate(needed as usize);
                pool
            })
            .collect();
        NegeriNumbers { pools }
    }

    fn next(&mut self, j: Jenjang) -> u32 {
        let index = Jenjang::ALL.iter().position(|&k| k == j).unwrap();
        self.pools[index].pop().expect("a number per negeri school")
    }
}

/// `SD Negeri 012 Bengkalis`, `SMP Negeri 3 Pekanbaru`, `SLB Negeri Pelalawan`.
fn negeri_name(j: Jenjang, number: u32, short_name: &str) -> String {
    match j {
        Jenjang::Sd => format!("SD Negeri {number:03} {short_name}"),
        Jenjang::Slb if number == 1 => format!("SLB Negeri {short_name}"),
        _ => format!("{} Negeri {number} {short_name}", j.label()),
    }
}

const ISLAMIC: [&str; 16] = [
    "Al-Hidayah",
    "Al-Falah",
    "Al-Ikhlas",
    "Al-Amin",
    "An-Nur",
    "Ar-Rahman",
    "Al-Kautsar",
    "Al-Muttaqin",
    "Nurul Iman",
    "Nurul Huda",
    "Darul Ulum",
    "Darul Hikmah",
    "Baitul Makmur",
    "Miftahul Ulum",
    "Raudhatul Jannah",
    "Babussalam",
];
const INSAN: [&str; 6] = ["Mulia", "Cendekia", "Madani", "Kamil", "Rabbani", "Utama"];
const FIRST: [&str; 16] = [
    "Bina", "Tunas", "Cahaya", "Mutiara", "Permata", "Karya", "Putra", "Bintang", "Sinar", "Taman",
    "Citra", "Widya", "Tiara", "Dharma", "Bakti", "Mitra",
];
const SECOND: [&str; 16] = [
    "Sejahtera",
    "Persada",
    "Gemilang",
    "Cemerlang",
    "Bangsa",
    "Mulia",
    "Harapan",
    "Ilmu",
    "Insani",
    "Nusantara",
    "Bunda",
    "Cendekia",
    "Madani",
    "Mandiri",
    "Utama",
    "Pertiwi",
];
const SMK_FIELD: [&str; 10] = [
    "Teknologi",
    "Kesehatan",
    "Farmasi",
    "Bisnis",
    "Pertanian",
    "Kelautan",
    "Informatika",
    "Otomotif",
    "Perkebunan",
    "Pariwisata",
];
const SMK_SUFFIX: [&str; 8] = [
    "Riau",
    "Nusantara",
    "Mandiri",
    "Utama",
    "Madani",
    "Bangsa",
    "Persada",
    "Indonesia",
];

/// `SD Swasta Al-Hidayah`, `SMP IT Insan Mulia`, `SMK Swasta Teknologi Riau`; a few fresh draws
/// before falling back to a district or number suffix.
fn swasta_name(j: Jenjang, short_name: &str, rng: &mut Rng, used: &mut HashSet<String>) -> String {
    let mut candidate = String::new();
    for _ in 0..12 {
        candidate = swasta_candidate(j, rng);
        if !used.contains(&candidate) {
            break;
        }
    }
    claim(candidate, short_name, used)
}

fn swasta_candidate(j: Jenjang, rng: &mut Rng) -> String {
    let label = j.label();
    match j {
        Jenjang::Smk => format!(
            "SMK Swasta {} {}",
            rng.pick(&SMK_FIELD),
            rng.pick(&SMK_SUFFIX)
        ),
        Jenjang::Slb => format!("SLB Swasta {}", general_name(rng)),
        _ if rng.chance(0.3) => format!("{label} IT {}", islamic_name(rng)),
        _ => format!("{label} Swasta {}", general_name(rng)),
    }
}

fn islamic_name(rng: &mut Rng) -> String {
    if rng.chance(0.5) {
        rng.pick(&ISLAMIC).to_string()
    } else {
        format!("Insan {}", rng.pick(&INSAN))
    }
}

fn general_name(rng: &mut Rng) -> String {
    if rng.chance(0.3) {
        rng.pick(&ISLAMIC).to_string()
    } else {
        format!("{} {}", rng.pick(&FIRST), rng.pick(&SECOND))
    }
}

/// Makes `candidate` unique: as is, else with the district name, else numbered (2, 3, …).
fn claim(candidate: String, short_name: &str, used: &mut HashSet<String>) -> String {
    let with_district = format!("{candidate} {short_name}");
    let chosen = if !used.contains(&candidate) {
        candidate
    } else if !candidate.ends_with(short_name) && !used.contains(&with_district) {
        with_district
    } else {
        (2..)
            .map(|n| format!("{candidate} {n}"))
            .find(|name| !used.contains(name))
            .unwrap()
    };
    used.insert(chosen.clone());
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regions::{districts, tests::riau_regions, RIAU};
    use std::collections::HashMap;

    fn riau(seed: u64) -> (Vec<District>, Vec<School>) {
        let d = districts(&riau_regions(), &RIAU).unwrap();
        let schools = generate_schools(&d, seed);
        (d, schools)
    }

    #[test]
    fn per_district_counts_match_the_table() {
        let (_, schools) = riau(2020);
        assert_eq!(schools.len(), 1200);
        for q in RIAU {
            let here = schools.iter().filter(|s| s.kode_wilayah == q.kode);
            let (models, imbas): (Vec<&School>, Vec<&School>) = here.partition(|s| s.is_model());
            assert_eq!(
                (models.len(), imbas.len()),
                (q.models, q.imbas),
                "{}",
                q.kode
            );
        }
    }

    #[test]
    fn imbas_point_to_a_model_of_the_same_district_and_level() {
        let (_, schools) = riau(2020);
        let by_npsn: HashMap<&str, &School> =
            schools.iter().map(|s| (s.npsn.as_str(), s)).collect();
        for s in schools.iter().filter(|s| !s.is_model()) {
            let model = by_npsn[s.sekolah_model.as_deref().unwrap()];
            assert!(
                model.is_model(),
                "{} coached by non-model {}",
                s.npsn,
                model.npsn
            );
            assert_eq!(model.kode_wilayah, s.kode_wilayah, "{}", s.npsn);
            assert_eq!(model.jenjang, s.jenjang, "{}", s.npsn);
        }
    }

    #[test]
    fn every_model_coaches_a_plausible_number_of_imbas() {
        let (_, schools) = riau(2020);
        for model in schools.iter().filter(|s| s.is_model()) {
            let n = schools
                .iter()
                .filter(|s| s.sekolah_model.as_deref() == Some(&model.npsn))
                .count();
            assert!((1..=8).contains(&n), "{} coaches {n}", model.npsn);
            if model.jenjang == Jenjang::Slb {
                assert!(n <= 4, "SLB {} coaches {n}", model.npsn);
            }
        }
    }

    #[test]
    fn npsn_are_8_digits_unique_sorted_and_models_come_first() {
        let (_, schools) = riau(2020);
        for w in schools.windows(2) {
            assert!(w[0].npsn < w[1].npsn, "not sorted/unique: {}", w[1].npsn);
        }
        for s in &schools {
            assert_eq!(s.npsn.len(), 8);
            assert!(s.npsn.bytes().all(|b| b.is_ascii_digit()));
            assert_eq!(s.npsn[..4], s.kode_wilayah.replace('.', ""));
        }
        for q in RIAU {
            let prefix = q.kode.replace('.', "");
            let here: Vec<&School> = schools
                .iter()
                .filter(|s| s.kode_wilayah == q.kode)
                .collect();
            assert_eq!(here[0].npsn, format!("{prefix}0001"));
            assert!(here[..q.models].iter().all(|s| s.is_model()), "{}", q.kode);
        }
        let first = schools.iter().find(|s| s.npsn == "14710001").unwrap();
        assert!(first.is_model());
    }

    #[test]
    fn names_are_unique_and_negeri_names_carry_the_district() {
        let (d, schools) = riau(2020);
        let names: HashSet<&str> = schools.iter().map(|s| s.nama.as_str()).collect();
        assert_eq!(names.len(), schools.len());
        for s in schools.iter().filter(|s| s.negeri) {
            let district = d.iter().find(|d| d.kode == s.kode_wilayah).unwrap();
            assert!(s.nama.starts_with(s.jenjang.label()), "{}", s.nama);
            assert!(s.nama.contains(" Negeri "), "{}", s.nama);
            assert!(s.nama.ends_with(&district.short_name), "{}", s.nama);
        }
    }

    #[test]
    fn level_and_status_mix_is_realistic() {
        let (_, schools) = riau(2020);
        let models: Vec<&School> = schools.iter().filter(|s| s.is_model()).collect();
        let share = |j| models.iter().filter(|s| s.jenjang == j).count() as f64 / 240.0;
        assert!((0.45..0.65).contains(&share(Jenjang::Sd)));
        assert!((0.17..0.33).contains(&share(Jenjang::Smp)));
        assert!(share(Jenjang::Slb) < 0.07);
        let negeri = models.iter().filter(|s| s.negeri).count() as f64 / 240.0;
        assert!((0.6..0.8).contains(&negeri), "{negeri}");
    }

    #[test]
    fn same_seed_same_schools_other_seed_differs() {
        assert_eq!(riau(5).1, riau(5).1);
        assert_ne!(riau(5).1, riau(6).1);
    }

    #[test]
    fn imbas_spread_is_even_and_complete() {
        let mut rng = Rng::new(1);
        for (models, imbas) in [(28, 125), (34, 113), (1, 1), (3, 40)] {
            let counts = imbas_per_model(models, imbas, &mut rng);
            assert_eq!(counts.iter().sum::<usize>(), imbas);
            assert!(counts.iter().all(|&c| c >= 1));
        }
    }

    #[test]
    fn claim_resolves_clashes() {
        let mut used = HashSet::new();
        assert_eq!(
            claim("SD Swasta Al-Amin".into(), "Siak", &mut used),
            "SD Swasta Al-Amin"
        );
        assert_eq!(
            claim("SD Swasta Al-Amin".into(), "Siak", &mut used),
            "SD Swasta Al-Amin Siak"
        );
        assert_eq!(
            claim("SD Swasta Al-Amin".into(), "Siak", &mut used),
            "SD Swasta Al-Amin 2"
        );
    }
}
