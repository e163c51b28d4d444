//! Subcommands: each parses its own arguments and calls the library.

pub mod build;
pub mod import;
pub mod init;
pub mod new;
pub mod schema;
pub mod check;
pub mod archive;
pub mod bundle;
pub mod verify;
#[cfg(feature = "serve")]
pub mod serve;
