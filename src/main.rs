//! The `baocao` binary: the command line today, the desktop app when run without a command.

use baocao::cli::{Cli, Command};
use clap::{CommandFactory, Parser};

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
        None => {
            let mut cmd = Cli::command();
            let _ = cmd.print_help();
            Ok(())
        }
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("baocao: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
