//! Region boundaries for the peta mutu: every `content/data/peta/*.geojson` of the site, read
//! once per build. Features carry the region's Kemendagri code in the `kode` property; their
//! Polygon and MultiPolygon geometries are kept as lon/lat rings. Features without a known
//! shape or code are skipped (a national file may cover regions the site does not publish);
//! a file that is not valid JSON is an error naming the file and line. No folder, no maps.

use crate::diag::Problem;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Folder of the boundary files, relative to the site folder.
pub const PETA_DIR: &str = "content/data/peta";

/// A ring of (longitude, latitude) points.
pub type Ring = Vec<(f64, f64)>;

/// One region's shape: polygons, each an outer ring followed by its holes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shape {
    pub polygons: Vec<Vec<Ring>>,
}

/// Shapes by region code. When two files have the same code, the file first by name wins.
#[derive(Debug, Clone, Default)]
pub struct Boundaries {
    pub shapes: BTreeMap<String, Shape>,
}

impl Boundaries {
    pub fn load(site_dir: &Path) -> Result<Boundaries, Problem> {
        let dir = site_dir.join(PETA_DIR);
        let mut files: Vec<_> = match std::fs::read_dir(&dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("geojson"))
                })
                .collect(),
            Err(_) => return Ok(Boundaries::default()),
        };
        files.sort();
        let mut shapes = BTreeMap::new();
        for path in files {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let file = format!("{PETA_DIR}/{name}");
            let text = crate::load::text::read_text_within(
                &path,
                &file,
                crate::load::text::MAX_GEOJSON_BYTES,
            )?;
            for (kode, shape) in parse(&file, &text)? {
                shapes.entry(kode).or_insert(shape);
            }
        }
        Ok(Boundaries { shapes })
    }
}

/// The shapes of one GeoJSON FeatureCollection, in file order.
pub fn parse(file: &str, text: &str) -> Result<Vec<(String, Shape)>, Problem> {
    let json: Value = serde_json::from_str(text).map_err(|e| {
        Problem::error(file, format!("GeoJSON tidak valid: {e}"))
            .line(e.line())
            .hint("simpan ulang sebagai GeoJSON (FeatureCollection) dari aplikasi peta")
    })?;
    let features = json
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            Problem::error(file, "GeoJSON tanpa daftar features")
                .hint("berkas peta harus berupa FeatureCollection")
        })?;
    let mut out = Vec::new();
    for feature in features {
        let kode = feature
            .pointer("/properties/kode")
            .and_then(Value::as_str)
            .map(str::trim);
        let Some(kode) = kode.filter(|k| !k.is_empty()) else {
            continue;
        };
        let geometry = feature.get("geometry");
        let coordinates = geometry.and_then(|g| g.get("coordinates"));
        let polygons = match geometry.and_then(|g| g.get("type")).and_then(Value::as_str) {
            Some("Polygon") => coordinates.and_then(polygon).into_iter().collect(),
            Some("MultiPolygon") => coordinates
                .and_then(Value::as_array)
                .map(|list| list.iter().filter_map(polygon).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        if !polygons.is_empty() {
            out.push((kode.to_string(), Shape { polygons }));
        }
    }
    Ok(out)
}

fn polygon(value: &Value) -> Option<Vec<Ring>> {
    let rings: Vec<Ring> = value.as_array()?.iter().filter_map(ring).collect();
    (!rings.is_empty()).then_some(rings)
}

fn ring(value: &Value) -> Option<Ring> {
    let points: Ring = value
        .as_array()?
        .iter()
        .filter_map(|p| {
            let p = p.as_array()?;
            let (lon, lat) = (p.first()?.as_f64()?, p.get(1)?.as_f64()?);
            (lon.is_finite() && lat.is_finite()).then_some((lon, lat))
        })
        .collect();
    (points.len() >= 3).then_some(points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_polygons_and_multipolygons_by_kode() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"kode":"14.71"},"geometry":{"type":"Polygon","coordinates":[[[101,0],[102,0],[102,1],[101,0]]]}},
          {"type":"Feature","properties":{"kode":"14.72"},"geometry":{"type":"MultiPolygon","coordinates":[[[[101,1],[102,1],[102,2],[101,1]]],[[[103,1],[104,1],[104,2],[103,1]]]]}},
          {"type":"Feature","properties":{"nama":"tanpa kode"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
          {"type":"Feature","properties":{"kode":"14.73"},"geometry":{"type":"Point","coordinates":[1,1]}}
        ]}"#;
        let shapes = parse("peta.geojson", text).unwrap();
        let codes: Vec<&str> = shapes.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(codes, ["14.71", "14.72"]);
        assert_eq!(shapes[1].1.polygons.len(), 2);
        assert_eq!(shapes[0].1.polygons[0][0][1], (102.0, 0.0));
    }

    #[test]
    fn invalid_json_names_file_and_line() {
        let err = parse("content/data/peta/x.geojson", "{\n\"features\": [,]}").unwrap_err();
        assert_eq!(err.file, "content/data/peta/x.geojson");
        assert_eq!(err.line, Some(2));
    }
}
