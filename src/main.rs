//! The `baocao` binary: the desktop app when run without a command (a double-click), the
//! command line otherwise.

// A release build on Windows opens no console window behind the app. (Output of the command
// line still goes where it is redirected: `baocao extract DIR > out.jsonl`, or `--out`.)
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use baocao::cli::{Cli, Command};
use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Extract {
            folder,
            format,
            out,
            mentions,
            quiet,
        }) => baocao::cli::run_extract(&folder, format, out.as_deref(), mentions, quiet),
        Some(Command::Debug { file }) => baocao::cli::run_debug(&file),
        Some(Command::Stages { folder }) => baocao::cli::run_stages(&folder),
        Some(Command::MeasureOpen { folder }) => baocao::cli::run_measure_open(&folder),
        Some(Command::Generate { out, reports, seed }) => {
            baocao::cli::run_generate(&out, reports, seed)
        }
        Some(Command::Export {
            source,
            format,
            out,
            only_reviewed,
            quiet,
        }) => baocao::cli::run_export(&source, format, &out, only_reviewed, quiet),
        Some(Command::Session { action }) => baocao::cli::run_session(&action),
        Some(Command::Open { path }) => gui(Some(path)),
        None => gui(cli.path),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("baocao: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn gui(_open: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    anyhow::bail!(
        "this build has no desktop app (built without the `gui` feature); see `baocao --help`"
    )
}

#[cfg(feature = "gui")]
fn gui(open: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let opts = baocao::app::AppOptions {
        open,
        ..Default::default()
    };
    baocao::app::run(opts).map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
