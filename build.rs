//! Build script: checks the bundled assets (gazetteer and metric catalogue) and records the git
//! commit for `--version` and the About box. A malformed asset fails the build with the file,
//! the line and the reason, instead of failing at run time on a user's machine.

#[allow(dead_code)]
#[path = "src/extract/gazetteer_data.rs"]
mod gazetteer_data;

#[allow(dead_code)]
#[path = "src/extract/catalogue_schema.rs"]
mod catalogue_schema;

use std::process::Command;

fn read(path: &str) -> String {
    println!("cargo:rerun-if-changed={path}");
    match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => fail(&format!("{path}: cannot be read: {e}")),
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("error: bundled asset is malformed: {msg}");
    println!("cargo:warning=bundled asset is malformed: {msg}");
    std::process::exit(1);
}

fn main() {
    let p = read("assets/gazetteer/provinces.tsv");
    let d = read("assets/gazetteer/districts.tsv");
    let w = read("assets/gazetteer/wards.tsv");
    if let Err(e) = gazetteer_data::parse(&p, &d, &w) {
        fail(&format!("assets/gazetteer/{e}"));
    }
    let m = read("assets/metrics.ron");
    match ron::from_str::<catalogue_schema::CatalogueFile>(&m) {
        Ok(c) => {
            let problems = c.validate();
            if !problems.is_empty() {
                fail(&format!("assets/metrics.ron: {}", problems.join("; ")));
            }
        }
        Err(e) => fail(&format!("assets/metrics.ron: {e}")),
    }
    let commit = Command::new("git")
        .args(["rev-parse", "--short=9", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_owned());
    let dirty = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=no"])
        .output()
        .ok()
        .is_some_and(|o| o.status.success() && !o.stdout.is_empty());
    println!(
        "cargo:rustc-env=BAOCAO_GIT_COMMIT={commit}{}",
        if dirty { "+" } else { "" }
    );
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/index");
}
