//! Raw questionnaire answers (`jawaban/<tahun>.csv`), streamed school by school: any bytes give
//! scores or problems, never a panic, and splitting the file into tiny ranges for threads gives
//! the same scores as reading it whole (the fast path against the range boundaries).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapor::diag::Diagnostics;
use rapor::framework::Framework;
use rapor::model::{Jenjang, Peran, School, Status};
use rapor::score::answers::{read_answer_years_with, Options};
use std::path::PathBuf;
use std::sync::OnceLock;

const INSTRUMENT: [(&str, &str); 4] = [
    (
        "content/data/instrumen/subindikator.csv",
        "kode,nama,sumber\n1.1.1,A,kuesioner\n1.1.2,B,kuesioner\n1.2.1,C,administrasi\n",
    ),
    (
        "content/data/instrumen/butir.csv",
        "butir,subindikator\nB1,1.1.1\nB2,1.1.1\nB3,1.1.2\nB4,1.1.2\n",
    ),
    (
        "content/data/instrumen/bobot_jawaban.csv",
        "jenjang,peran,jawaban,bobot,butir\nSD,guru,A,1,\nSD,guru,B,0.75,\nSD,ks,A,1,\nSD,ks,B,0.5,\nSD,guru,A,0,B4\n",
    ),
    (
        "content/data/instrumen/bobot_peran.csv",
        "subindikator,peran,bobot\n1.1.1,guru,0.6\n1.1.1,ks,0.4\n1.1.2,guru,0.6\n1.1.2,ks,0.4\n",
    ),
];

struct Fixed {
    site: PathBuf,
    framework: Framework,
    schools: Vec<School>,
}

fn fixed() -> &'static Fixed {
    static F: OnceLock<Fixed> = OnceLock::new();
    F.get_or_init(|| {
        let site = std::env::temp_dir().join(format!("rapor-fuzz-answers-{}", std::process::id()));
        for (path, text) in INSTRUMENT {
            let path = site.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        std::fs::create_dir_all(site.join("content/data/jawaban")).unwrap();
        let schools = ["10000001", "10000002", "10000003"]
            .iter()
            .map(|npsn| School {
                npsn: npsn.to_string(),
                nama: String::new(),
                jenjang: Jenjang::SD,
                status: Status::Negeri,
                kode_wilayah: "14.71".into(),
                peran: Peran::None,
                sekolah_model: None,
                line: 2,
            })
            .collect();
        Fixed {
            site,
            framework: Framework::load(std::path::Path::new("."), "rapor-mutu").unwrap(),
            schools,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let f = fixed();
    std::fs::write(f.site.join("content/data/jawaban/2020.csv"), data).unwrap();
    let read = |chunk_bytes: Option<u64>| {
        let mut diag = Diagnostics::default();
        let years = read_answer_years_with(
            &f.site,
            &f.framework,
            &f.schools,
            &[],
            &Options { chunk_bytes },
            &mut diag,
        );
        let _ = diag.report();
        years
            .values()
            .flat_map(|y| y.rows.iter().map(|r| (r.npsn.clone(), format!("{:?}", r.values))))
            .collect::<Vec<_>>()
    };
    let whole = read(None);
    let split = read(Some(7));
    assert_eq!(whole, split, "tiny ranges score differently");
});
