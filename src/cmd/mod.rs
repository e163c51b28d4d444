//! Subcommands: each parses its own arguments and calls the library.

pub mod build;
